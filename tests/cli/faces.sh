#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The command line's faces: --version, one command's help, one error prefix with the code
# name, an exit status per family of codes, and queries that never create a database.
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
grep -q '^usage: tally cards CUSTOMER \[--all\]$' out.txt || fail "cards --help: $(cat out.txt)"
grep -q 'commands:' out.txt && fail "cards --help printed the whole help"
expect 0 help journal
grep -q '^usage: tally journal' out.txt || fail "help journal: $(cat out.txt)"
expect 0 help
grep -q '^exit status:' out.txt || fail "tally help does not list the exit statuses"

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
grep -q "^tally: usage: tally rewards" err.txt || fail "usage: $(cat err.txt)"
expect 66 checkout no-such-file.json --db shop.db
grep -q "^tally: cannot read no-such-file.json" err.txt || fail "unreadable file: $(cat err.txt)"
printf 'not a database at all, just text that is long enough to be looked at' > junk.db
expect 5 cards ann --db junk.db
grep -q "^tally: storage_failed: " err.txt || fail "a file that is not a database: $(cat err.txt)"

[ "$failed" = 0 ] && echo "1 passed, 0 failed"
exit "$failed"
