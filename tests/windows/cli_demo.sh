#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The demo under Wine (docs/windows.md): tally.exe runs it on a SQLite file given with a
# drive letter and backslashes, then reads that database back as an explorer of the demo would.
#   cli_demo.sh WINE_RUN TALLY_EXE WORK_DIR     (run from the source tree)
set -euo pipefail
run="$1" tally="$2" work="$3"
rm -rf "$work" && mkdir -p "$work"
db="Z:${work//\//\\}\\demo.db"
out="$work/demo.txt"
"$run" "$tally" demo --data "Z:$PWD/examples/data" --db "$db" >"$out" 2>&1 || { cat "$out"; echo "cli_demo: the demo failed"; exit 1; }
for expected in "Tally demo: database $db" "catalog: " "Command Center" "Explore what the demo stored"; do
  grep -qF "$expected" "$out" || { cat "$out"; echo "cli_demo: the demo's output lacks: $expected"; exit 1; }
done
[ -s "$work/demo.db" ] || { echo "cli_demo: no $work/demo.db"; exit 1; }
"$run" "$tally" cards C1001 --db "$db" --json >"$work/cards.json"
grep -q '"card"' "$work/cards.json" || { cat "$work/cards.json"; echo "cli_demo: no cards for C1001"; exit 1; }
"$run" "$tally" lines --db "$db" --csv >"$work/lines.csv"
[ "$(wc -l <"$work/lines.csv")" -gt 1 ] || { cat "$work/lines.csv"; echo "cli_demo: no credit lines"; exit 1; }
echo "demo ok: $(grep -c . "$out") lines of output, $(($(wc -l <"$work/lines.csv") - 1)) credit lines in $db"
