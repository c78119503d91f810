#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's coupons: the brand issues them (a customer who never bought its goods
# refused), a store opted out refuses one with its status and exit status, back in it takes
# it, a second use is refused; the customer's coupons and the report read back.
set -euo pipefail
tally="$1" data="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
db=(--db shop.db)
"$tally" load-catalog "$data/catalog.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
"$tally" load-stores "$data/stores.json" "${db[@]}" --at 2026-09-30T12:00:00Z > /dev/null
visit() {  # RECEIPT AT [COUPON]
  local coupons=""
  [ -n "${3:-}" ] && coupons=", \"coupon_redemptions\": [{\"coupon\": $3}]"
  printf '{"location": "raleigh", "customer": "C1001", "receipt": "%s", "at": "%s",
           "lines": [{"upc": "084213101044", "quantity": 1, "unit_price": 1899}]%s}' "$1" "$2" "$coupons" > "$1.json"
  "$tally" checkout "$1.json" "${db[@]}"
}
visit K1 2026-11-02T15:00:00Z > /dev/null  # a bag of NorthPaw: C1001 engaged with the brand
cat > issue.json <<'DOC'
{"manufacturer": "northpaw", "kind": "thank_you", "value": 200, "starts_on": "2026-11-01",
 "ends_on": "2026-11-30", "customers": ["C1001", "C1005"]}
DOC
"$tally" coupon-issue issue.json --as manufacturer:northpaw --at 2026-11-02T16:00:00Z "${db[@]}" > issued.json
coupon=$(python3 -c "
import json
d = json.load(open('issued.json'))
assert [r['refusal'] for r in d['refused']] == ['not_engaged'], d
print(d['issued'][0]['id'])")
status=0
"$tally" coupon-issue issue.json --at 2026-11-02T16:00:00Z "${db[@]}" 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "the retailer issuing coupons: exit status $status, not 2"; exit 1; }
grep -q "wrong_actor: actor" refused.txt
"$tally" coupons C1001 "${db[@]}" | head -1 | grep -q "^coupon *brand *kind *value"
"$tally" coupon-opt-out raleigh northpaw out --at 2026-11-03T12:00:00Z "${db[@]}" > /dev/null
status=0
visit K2 2026-11-03T15:00:00Z "$coupon" 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "a coupon at a store opted out: exit status $status, not 2"; exit 1; }
grep -q "coupon_not_applicable: coupon_redemptions\[0\]: raleigh opted out of northpaw's coupons" refused.txt
"$tally" coupon-opt-out raleigh northpaw in --at 2026-11-03T12:00:00Z "${db[@]}" > /dev/null
visit K3 2026-11-03T16:00:00Z "$coupon" | grep -q '"kind":"coupon"'
status=0
visit K4 2026-11-04T15:00:00Z "$coupon" 2> refused.txt > /dev/null || status=$?
[ "$status" = 2 ] || { echo "a coupon used twice: exit status $status, not 2"; exit 1; }
grep -q "coupon_used: coupon_redemptions\[0\]: coupon $coupon was redeemed on receipt K3 at raleigh" refused.txt
[ "$("$tally" coupons C1001 --json "${db[@]}")" = "[]" ] || { echo "a redeemed coupon is still listed"; exit 1; }
"$tally" coupons C1001 --all --csv "${db[@]}" | grep -q ",redeemed,K3"
"$tally" report redemptions_by_date --location raleigh --from 2026-11-01 --to 2026-11-30 --programs coupon --csv "${db[@]}" \
  > coupons.csv
grep -q "^2026-11-03,K3,C1001,,$coupon," coupons.csv || { cat coupons.csv; exit 1; }
echo "1 passed, 0 failed"
