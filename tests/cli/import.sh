#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `tally import`: 10,000 receipts with duplicates, a conflicting receipt and a malformed line;
# killed part way, run again: every receipt is stored exactly once, the refusals are reported
# with their line numbers, and --stop-on-error stops at the first one.
set -uo pipefail
tally="$1" data="$2"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { echo "FAILED: $*"; failed=1; }
at=(--at 2026-09-30T12:00:00Z)

# The history: receipt i at one of the two stores, one line of a catalog product; every
# 97th line repeats an earlier receipt as it was, line 5000 is not JSON, line 7000 repeats
# receipt 10 with other content. No repeat is of line 5000 or 7000 (neither is near half of
# a multiple of 97).
python3 - "$data" <<'PY'
import json, sys
data = sys.argv[1]
catalog = json.load(open(f"{data}/catalog.json"))
stores = json.load(open(f"{data}/stores.json"))
upcs = [p["upc"] for p in catalog["products"]][:8]
customers = [c["id"] for c in stores["customers"]]
def receipt(i):
    location = ("raleigh", "richmond")[i % 2]
    return {"location": location, "customer": customers[i % len(customers)], "receipt": f"H-{i}",
            "at": 1790942400 + 60 * i, "lines": [{"upc": upcs[i % len(upcs)], "quantity": 1, "unit_price": 1299}]}
lines, distinct = [], 0
for n in range(1, 10001):
    if n == 5000:
        lines.append('{"location": "raleigh", "customer": ')
    elif n == 7000:
        conflict = receipt(10)
        conflict["lines"][0]["quantity"] = 2
        lines.append(json.dumps(conflict))
    elif n % 97 == 0:
        earlier = n // 2
        while earlier % 97 == 0:  # a line that was itself a repeat never stored its own receipt
            earlier -= 1
        lines.append(json.dumps(receipt(earlier)))
    else:
        lines.append(json.dumps(receipt(n)))
        distinct += 1
open("receipts.jsonl", "w").write("\n".join(lines) + "\n")
open("distinct.txt", "w").write(str(distinct))
PY
distinct=$(cat distinct.txt)
duplicates=$((10000 / 97))

setup() {
  rm -f shop.db*
  "$tally" load-catalog "$data/catalog.json" --db shop.db "${at[@]}" > /dev/null &&
    "$tally" load-stores "$data/stores.json" --db shop.db "${at[@]}" > /dev/null || fail "setup"
}
summary() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))$2)" "$1"; }

# Interrupted: killed once a tenth is reported (tried again should the import outrun the kill).
killed=0
for attempt in 1 2 3; do
  setup
  "$tally" import receipts.jsonl --db shop.db --json > first.json 2> first.err &
  pid=$!
  until grep -q '^import: ' first.err 2>/dev/null || ! kill -0 "$pid" 2>/dev/null; do sleep 0.005; done
  kill -9 "$pid" 2>/dev/null
  wait "$pid"
  [ $? = 137 ] && { killed=1; break; }
done
[ "$killed" = 1 ] || fail "the import finished before it could be killed, three times"

"$tally" import receipts.jsonl --db shop.db --json > second.json 2> second.err
status=$?
[ "$status" = 65 ] || fail "a rerun with refused lines exited $status, not 65: $(cat second.err)"
stored=$(summary second.json "['stored']") skipped=$(summary second.json "['skipped']")
[ "$(summary second.json "['lines']")" = 10000 ] || fail "lines read: $(cat second.json)"
[ "$(summary second.json "['refused']")" = 2 ] || fail "refused: $(cat second.json)"
[ "$stored" -gt 0 ] && [ "$stored" -lt "$distinct" ] || fail "the rerun stored $stored of $distinct: not an interrupted load"
[ $((stored + skipped)) = $((distinct + duplicates)) ] || fail "stored $stored + skipped $skipped != $distinct + $duplicates"
python3 - second.json <<'PY' || fail "the refusals: $(cat second.json)"
import json, sys
refusals = {r["line"]: r for r in json.load(open(sys.argv[1]))["refusals"]}
assert refusals[5000]["name"] == "malformed_json", refusals
assert refusals[7000]["name"] == "receipt_conflict" and "H-10" in refusals[7000]["message"], refusals
PY
grep -q '^import: 10000/10000 lines (100%)' second.err || fail "no plain progress lines: $(cat second.err)"

# Every receipt once: the journal has one checkout per distinct receipt, none twice.
"$tally" journal --db shop.db --limit 1000000 --json > journal.json || fail "journal"
python3 - journal.json "$distinct" <<'PY' || fail "the journal after the rerun"
import json, sys
entries = [e for e in json.load(open(sys.argv[1])) if e["kind"] == "checkout.finished"]
receipts = [(e["document"]["location"], e["document"]["receipt"]) for e in entries]
assert len(receipts) == int(sys.argv[2]) == len(set(receipts)), (len(receipts), sys.argv[2], len(set(receipts)))
PY

# A third run stores nothing; the table summary names the first refusals with their lines.
"$tally" import receipts.jsonl --db shop.db > third.txt 2> /dev/null
grep -q '^  stored  *0$' third.txt || fail "a third run stored something: $(cat third.txt)"
grep -q "^  skipped  *$((distinct + duplicates)) " third.txt || fail "third run: $(cat third.txt)"
grep -q '^  line 5000: malformed_json: ' third.txt || fail "third run refusals: $(cat third.txt)"

# On a terminal (util-linux `script` gives it one) the progress is a bar redrawn in place.
script -qec "'$tally' import receipts.jsonl --db shop.db > /dev/null" /dev/null > tty.txt 2>&1
tr '\r' '\n' < tty.txt | grep -q '^\[#*\] 10000/10000 receipts  [0-9]*/s  0:00 left' ||
  fail "no progress bar on a terminal: $(tr '\r' '\n' < tty.txt | tail -3)"
grep -q '^import: ' tty.txt && fail "plain progress lines on a terminal"

# --stop-on-error: the line before the refusal is stored, none after it.
setup
head -2 receipts.jsonl > stop.jsonl
sed -n 5000p receipts.jsonl >> stop.jsonl
sed -n 3p receipts.jsonl >> stop.jsonl
"$tally" import stop.jsonl --db shop.db --stop-on-error --json > stop.json 2> /dev/null
[ $? = 65 ] || fail "--stop-on-error with a refusal did not exit 65"
[ "$(summary stop.json "['stored']"),$(summary stop.json "['stopped']")" = "2,True" ] || fail "--stop-on-error: $(cat stop.json)"
"$tally" cards "$(python3 -c 'import json; print(json.loads(open("stop.jsonl").readlines()[3])["customer"])')" --db shop.db --json > after.json
python3 - stop.jsonl after.json <<'PY' || fail "--stop-on-error stored the line after the refusal"
import json, sys
last = json.loads(open(sys.argv[1]).readlines()[3])
cards = json.load(open(sys.argv[2]))
assert all(p.get("receipt") != last["receipt"] for c in cards for p in c["punches"]), cards
PY
"$tally" import missing.jsonl --db shop.db 2> err.txt
[ $? = 66 ] && grep -q "^tally: cannot read 'missing.jsonl'" err.txt || fail "a missing file: $(cat err.txt)"

[ "$failed" = 0 ] && echo "1 passed, 0 failed"
exit "$failed"
