#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's points: a visit earns, a reward the balance cannot pay is refused with
# its status and exit status, a later one is paid; the balance, its history and the points
# liability report read back as tables, JSON and CSV.
set -euo pipefail
tally="$1" data="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
db=(--db shop.db)
"$tally" load-catalog "$data/catalog.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
"$tally" load-stores "$data/stores.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
visit() {  # RECEIPT AT UNITS [REWARD]
  local rewards=""
  [ -n "${4:-}" ] && rewards=", \"points_redemptions\": [{\"program\": \"tail-points\", \"reward\": \"$4\"}]"
  printf '{"location": "raleigh", "customer": "C1001", "receipt": "%s", "at": "%s", "multi_punch_reason": "stocking up",
           "lines": [{"upc": "084213101044", "quantity": %s, "unit_price": 1000}]%s}' "$1" "$2" "$3" "$rewards" > "$1.json"
  "$tally" checkout "$1.json" "${db[@]}"
}
# Monday 2 November 2026: 12 bags at $10 earn 120 points, which pay from the next visit.
visit P1 2026-11-02T15:00:00Z 12 | python3 -c "import json,sys; assert json.load(sys.stdin)['points'][0]['earned'] == 120"
status=0
visit P2 2026-11-02T16:00:00Z 4 bath 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "a reward the balance cannot pay: exit status $status, not 2"; exit 1; }
grep -q "insufficient_points: points_redemptions\[0\].reward: bath costs 150 points; the balance is 120" refused.txt
visit P3 2026-11-03T15:00:00Z 4 > /dev/null
visit P4 2026-11-04T15:00:00Z 1 bath > /dev/null
balance=$("$tally" points C1001 raleigh --at 2026-11-04T18:00:00Z --json "${db[@]}" |
          python3 -c "import json,sys; print([p['balance'] for p in json.load(sys.stdin) if p['program'] == 'tail-points'][0])")
[ "$balance" = 20 ] || { echo "balance $balance, not 120 + 40 - 150 + 10 = 20"; exit 1; }
"$tally" points C1001 raleigh "${db[@]}" | head -1 | grep -q "^program *name *balance *owed"
"$tally" points-history C1001 tail-points --csv "${db[@]}" > history.csv
[ "$(cut -d, -f2 history.csv | tr -d '\r' | tr '\n' ' ')" = "kind earned earned redeemed earned " ] || { cat history.csv; exit 1; }
"$tally" points-history C1001 tail-points --after 3 --json "${db[@]}" | grep -q '"number":4,"kind":"earned"'
"$tally" report points_liability --location raleigh --to 2026-11-04 --csv "${db[@]}" > liability.csv
grep -q "^tail-points,Tail Waggers Points,20,1,0,0" liability.csv || { cat liability.csv; exit 1; }
if "$tally" report points_liability --location raleigh --from 2026-11-01 "${db[@]}" 2> refused.txt; then
  echo "points_liability took a from date"; exit 1
fi
grep -q "from: does not apply to the points liability report" refused.txt
echo "1 passed, 0 failed"
