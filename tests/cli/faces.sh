#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's faces: --version, one command's help, one error prefix with the code
# name (or a JSON error with --json), an exit status per family of codes, queries that never
# create a database, and a query's answer as a table, JSON or CSV.
set -uo pipefail
tally="$1" data="$2" version="$3"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
failed=0
fail() { echo "FAILED: $*"; failed=1; }
# expect STATUS COMMAND...: runs it, keeps stdout in out.txt and stderr in err.txt
expect() {
  local want="$1"; shift
  "$tally" "$@" > out.txt 2> err.txt
  local got=$?
  [ "$got" = "$want" ] || fail "tally $* exited $got, not $want: $(cat err.txt)"
}

expect 0 --version
[ "$(cat out.txt)" = "tally $version" ] || fail "--version printed '$(cat out.txt)'"
expect 0 cards --help
grep -q '^Usage: tally cards \[OPTIONS\] CUSTOMER$' out.txt || fail "cards --help: $(cat out.txt)"
grep -q -- '--all  *the whole history' out.txt || fail "cards --help does not explain --all: $(cat out.txt)"
grep -q 'batch-pull' out.txt && fail "cards --help printed the whole help"
expect 0 help journal
grep -q '^Usage: tally journal' out.txt || fail "help journal: $(cat out.txt)"
expect 0 help
grep -q '^exit status:' out.txt || fail "tally help does not list the exit statuses"
grep -q '^  import ' out.txt || fail "tally help does not list import"
expect 64 help no-such-command
grep -q "^tally: unknown command 'no-such-command'" err.txt || fail "help of an unknown command: $(cat err.txt)"
expect 64 cards ann --bogus
grep -q "^tally: usage: .*--bogus.*(tally cards --help)" err.txt || fail "an unknown option: $(cat err.txt)"

# A query never creates a database; a command that writes does.
expect 66 cards ann --db missing.db
grep -q "^tally: no database at 'missing.db'" err.txt || fail "missing database: $(cat err.txt)"
[ -e missing.db ] && fail "a query created missing.db"
expect 66 report participation --db missing.db
[ -e missing.db ] && fail "a report created missing.db"
expect 0 load-catalog "$data/catalog.json" --db shop.db --at 2026-10-01T12:00:00Z
[ -e shop.db ] || fail "load-catalog did not create shop.db"
expect 0 load-stores "$data/stores.json" --db shop.db --at 2026-10-01T12:00:00Z

# One prefix, the code's name, and an exit status per family.
expect 3 cards nobody --db shop.db
grep -q "^tally: unknown_customer: " err.txt || fail "unknown customer: $(cat err.txt)"
printf '{"manufacturers": 3}' > bad.json
expect 4 load-catalog bad.json --db shop.db
grep -q "^tally: invalid_catalog: manufacturers" err.txt || fail "bad catalog: $(cat err.txt)"
expect 2 enroll raleigh northpaw-fb piedmont --db shop.db --at 2026-10-01T12:00:00Z
grep -q "^tally: distributor_not_serving: " err.txt || fail "a distributor that does not carry the brand: $(cat err.txt)"
expect 64 rewards
grep -q "^tally: usage: CUSTOMER is required (tally rewards --help)" err.txt || fail "usage: $(cat err.txt)"
expect 66 checkout no-such-file.json --db shop.db
grep -q "^tally: cannot read no-such-file.json" err.txt || fail "unreadable file: $(cat err.txt)"
printf 'not a database at all, just text that is long enough to be looked at' > junk.db
expect 5 cards ann --db junk.db
grep -q "^tally: storage_failed: " err.txt || fail "a file that is not a database: $(cat err.txt)"

# With --json, an error is one JSON document on stderr with the code, its name and the status.
expect 3 cards nobody --db shop.db --json
python3 - err.txt <<'PY' || fail "a JSON error: $(cat err.txt)"
import json, sys
error = json.load(open(sys.argv[1]))["error"]
assert error["name"] == "unknown_customer" and error["code"] == 5 and error["exit_status"] == 3, error
assert "nobody" in error["message"], error
PY
expect 64 lines --db shop.db --json --csv
python3 -c 'import json,sys; json.load(open(sys.argv[1]))["error"]["message"]' err.txt || fail "a JSON usage error: $(cat err.txt)"

# A query answers a table by default, the engine's document with --json, CSV with --csv.
cat > visit.json <<'JSON'
{"location": "raleigh", "customer": "C1001", "receipt": "F-1", "at": "2026-10-02T15:00:00Z",
 "lines": [{"upc": "084213101044", "quantity": 1, "unit_price": 4599}]}
JSON
expect 0 checkout visit.json --db shop.db
expect 0 cards C1001 --db shop.db
head -1 out.txt | grep -q '^card  *program  *type  *status  *punches  *of  *opened$' || fail "cards table: $(cat out.txt)"
sed -n 2p out.txt | grep -q '^----  ' || fail "cards table rule: $(cat out.txt)"
grep -q ' northpaw-fb .* open .* 2026-10-02T15:00:00Z$' out.txt || fail "cards table row: $(cat out.txt)"
expect 0 cards C1001 --db shop.db --json
python3 -c 'import json,sys; cards=json.load(open(sys.argv[1])); assert cards[0]["program"] == "northpaw-fb", cards' out.txt ||
  fail "cards --json: $(cat out.txt)"
expect 0 cards C1001 --db shop.db --csv
[ "$(head -1 out.txt)" = $'card,program,type,status,punches,of,opened\r' ] || fail "cards --csv header: $(head -1 out.txt)"
expect 0 journal --db shop.db --csv
grep -q '^seq,at,kind' out.txt && grep -q ',checkout.finished' out.txt || fail "journal --csv: $(cat out.txt)"
expect 3 line-show 99 --db shop.db
expect 64 line-show 99 --db shop.db --csv   # one record: a table or --json, not rows
expect 0 report participation --location raleigh --from 2026-10-01 --to 2026-10-31 --db shop.db
grep -q '^programs:$' out.txt || fail "a report as tables: $(cat out.txt)"

[ "$failed" = 0 ] && echo "1 passed, 0 failed"
exit "$failed"
