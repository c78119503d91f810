#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The demo under Wine (docs/windows.md): tally.exe, installed with its zoneinfo folder in a
# folder whose name is not ASCII, runs it on a SQLite file given with a drive letter and
# backslashes in that folder (tally.exe's manifest makes UTF-8 its code page; the demo's
# stores are in IANA zones), then reads that database back as an explorer of the demo would.
#   cli_demo.sh WINE_RUN TALLY_EXE WORK_DIR     (run from the source tree)
set -euo pipefail
run="$1" tally="$2" work="$3"
rm -rf "$work" && mkdir -p "$work/Caisse café 東京"
cp "$tally" "$work/Caisse café 東京/"
cp -r "$(dirname "$tally")/zoneinfo" "$work/Caisse café 東京/"
tally="$work/Caisse café 東京/$(basename "$tally")"
db="Z:${work//\//\\}\\Caisse café 東京\\demo.db"
out="$work/demo.txt"
"$run" "$tally" demo --data "Z:$PWD/examples/data" --db "$db" >"$out" 2>&1 || { cat "$out"; echo "cli_demo: the demo failed"; exit 1; }
for expected in "Tally demo: database $db" "catalog: " "Command Center" "Explore what the demo stored"; do
  grep -qF "$expected" "$out" || { cat "$out"; echo "cli_demo: the demo's output lacks: $expected"; exit 1; }
done
[ -s "$work/Caisse café 東京/demo.db" ] || { echo "cli_demo: no demo.db in $work/Caisse café 東京"; exit 1; }
"$run" "$tally" cards C1001 --db "$db" --json >"$work/cards.json"
grep -q '"card"' "$work/cards.json" || { cat "$work/cards.json"; echo "cli_demo: no cards for C1001"; exit 1; }
"$run" "$tally" lines --db "$db" --csv >"$work/lines.csv"
[ "$(wc -l <"$work/lines.csv")" -gt 1 ] || { cat "$work/lines.csv"; echo "cli_demo: no credit lines"; exit 1; }
# The sample stores in America/New_York, read from the zoneinfo folder beside tally.exe: 22:30
# on 1 November (EST) is 03:30Z on the 2nd.
ny="Z:${work//\//\\}\\Caisse café 東京\\new-york.db"
sed 's|"time_zone": "[^"]*"|"time_zone": "America/New_York"|' examples/data/stores.json >"$work/stores-ny.json"
"$run" "$tally" load-catalog "Z:$PWD/examples/data/catalog.json" --db "$ny" --at 2026-10-01T12:00:00Z >/dev/null
"$run" "$tally" load-stores "Z:$work/stores-ny.json" --db "$ny" --at 2026-10-01T12:00:00Z >/dev/null
echo '{"location": "raleigh", "customer": "C1001", "receipt": "NY-1", "at": 1793590200,
       "lines": [{"upc": "084213101044", "quantity": 1, "unit_price": 1899}]}' >"$work/visit.json"
"$run" "$tally" checkout "Z:$work/visit.json" --db "$ny" --json >"$work/visit-result.json"
grep -q '"business_date":"2026-11-01"' "$work/visit-result.json" \
  || { cat "$work/visit-result.json"; echo "cli_demo: America/New_York gave another business date"; exit 1; }
echo "demo ok: $(grep -c . "$out") lines of output, $(($(wc -l <"$work/lines.csv") - 1)) credit lines in $db"
