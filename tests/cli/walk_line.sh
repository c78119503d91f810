#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line walks a credit line from redemption to reconciled, through a decline,
# an account fix and a resubmission, and shows the Command Center.
set -euo pipefail
tally="$1" data="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$tally" demo --data "$data" > demo.txt
db=(--db tally-demo.db --at 2026-11-05T15:00:00Z)
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

line=$("$tally" lines --state new --partner eastern --json "${db[@]:0:2}" | field "[0]['id']")
location=$("$tally" line-show "$line" --json "${db[@]:0:2}" | field "['location']")
program=$("$tally" line-show "$line" --json "${db[@]:0:2}" | field "['program']")
"$tally" batch-pull "week 45" --as distributor:eastern "${db[@]}" > /dev/null
"$tally" line-decline "$line" wrong_account_number --note "unknown account" --as distributor:eastern "${db[@]}" > /dev/null
if "$tally" line-reconcile "$line" --as distributor:eastern "${db[@]}" 2> refused.txt; then
  echo "a distributor reconciled a line"; exit 1
fi
grep -q "wrong_actor" refused.txt
"$tally" account-fix "$location" "$program" EPS-99999 "${db[@]}" > /dev/null
"$tally" line-resubmit "$line" --note "account fixed" "${db[@]}" > /dev/null
batch=$("$tally" batch-pull "week 45b" --as distributor:eastern "${db[@]}" | field "['id']")
"$tally" batch-fulfill "$batch" --memo CM-1 --amount 5000 --as distributor:eastern "${db[@]}" > /dev/null
"$tally" line-reconcile "$line" --as "retailer:$location" "${db[@]}" > /dev/null
history=$("$tally" line-show "$line" --json "${db[@]:0:2}" | field "['history']" )
echo "$history" | grep -q "'reconciled'" || { echo "not reconciled: $history"; exit 1; }
echo "$history" | grep -q "'declined'" || { echo "the decline is not in the history: $history"; exit 1; }
"$tally" command-center "$location" "${db[@]}" | grep -q "Action needed"
"$tally" report free_goods_credit_status --location "$location" --csv --from 2026-10-01 --to 2026-11-05 "${db[@]:0:2}" | head -1 | grep -q "^batch_id,line_id"
"$tally" journal --limit 1 --synchronous off --json "${db[@]:0:2}" | grep -q '"seq"'
if "$tally" journal --synchronous sometimes "${db[@]:0:2}" 2> refused.txt; then
  echo "an unknown --synchronous was taken"; exit 1
fi
grep -q "not off, normal, full or extra" refused.txt
echo "1 passed, 0 failed"
