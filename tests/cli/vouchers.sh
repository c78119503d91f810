#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's manufacturers' vouchers: the brand issues them, the store assigns the
# distributor, one is refused at the till for an item outside its list (status and exit
# status), one is redeemed, its item changed; the vouchers read back as a table and JSON.
set -euo pipefail
tally="$1" data="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
db=(--db shop.db)
"$tally" load-catalog "$data/catalog.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
"$tally" load-stores "$data/stores.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
cat > samples.json <<'JSON'
{"programs": [{"id": "northpaw-samples", "name": "NorthPaw staff samples", "kind": "voucher",
  "manufacturer": "northpaw", "fulfillment": "distributor",
  "voucher": {"upcs": ["084213101044", "084213102041"]}}]}
JSON
"$tally" load-catalog samples.json "${db[@]}" --at 2026-10-01T12:00:00Z > /dev/null
"$tally" enroll raleigh northpaw-samples eastern EPS-20417 "${db[@]}" --at 2026-10-01T12:00:00Z > /dev/null
"$tally" voucher-issue northpaw-samples raleigh 2026-11-30 --ids NP-1,NP-2 --as manufacturer:northpaw --note "staff feeding" \
  "${db[@]}" --at 2026-11-02T12:00:00Z | grep -q '"id":"NP-2"'
status=0
"$tally" voucher-issue northpaw-samples raleigh 2026-11-30 --count 1 --as retailer:raleigh "${db[@]}" \
  --at 2026-11-02T12:00:00Z 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "a store issuing vouchers: exit status $status, not 2"; exit 1; }
grep -q "wrong_actor: actor:" refused.txt
visit() {  # RECEIPT VOUCHER UPC
  printf '{"location": "raleigh", "customer": "C1001", "receipt": "%s", "at": "2026-11-03T15:00:00Z",
           "voucher_redemptions": [{"voucher": "%s", "upc": "%s", "unit_price": 1699}]}' "$1" "$2" "$3" > "$1.json"
  "$tally" checkout "$1.json" "${db[@]}"
}
status=0
visit V0 NP-1 084213101242 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "an item outside the voucher's list: exit status $status, not 2"; exit 1; }
grep -q "item_not_allowed: voucher_redemptions\[0\].upc: '084213101242' is not an item of voucher program northpaw-samples" refused.txt
visit V1 NP-1 084213101044 | python3 -c "
import json, sys
d = json.load(sys.stdin)['redemptions'][0]
assert (d['kind'], d['card'], d['credit_state']) == ('voucher', 'NP-1', 'new'), d"
status=0
visit V2 NP-1 084213101044 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "a voucher used twice: exit status $status, not 2"; exit 1; }
grep -q "voucher_used: voucher_redemptions\[0\].voucher:" refused.txt
"$tally" voucher-item NP-1 084213102041 --price 1799 --as retailer:raleigh "${db[@]}" --at 2026-11-03T16:00:00Z |
  grep -q '"upc":"084213102041"'
"$tally" vouchers raleigh "${db[@]}" --at 2026-11-04T12:00:00Z | head -1 | grep -q "^voucher *program *state *expires"
[ "$("$tally" vouchers raleigh --state pending --json "${db[@]}" --at 2026-11-04T12:00:00Z |
     python3 -c "import json,sys; print(' '.join(v['id'] for v in json.load(sys.stdin)))")" = "NP-2" ]
[ "$("$tally" vouchers raleigh --state expired --json "${db[@]}" --at 2026-12-01T17:00:00Z |
     python3 -c "import json,sys; print(' '.join(v['id'] for v in json.load(sys.stdin)))")" = "NP-2" ]
"$tally" report redemptions_by_date --location raleigh --from 2026-11-03 --to 2026-11-03 --programs voucher --json \
  "${db[@]}" --at 2026-11-04T12:00:00Z | python3 -c "
import json, sys
rows = json.load(sys.stdin)['redemptions']
assert [(r['kind'], r['card'], r['upc']) for r in rows] == [('voucher', 'NP-1', '084213102041')], rows"
echo "1 passed, 0 failed"
