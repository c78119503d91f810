#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The C# quick start of docs/bindings.md, compiled against Tally.dll and run: the docs show
# code that works. Its statements go into a Main of their own (C# 7.2 has no top-level
# statements); it runs in a scratch folder with the sample catalog and a visits.jsonl of one
# good visit and one refused.
set -euo pipefail
mcs="$1" mono="$2" dll="$3" root="$4"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/examples/data"
cp "$root/examples/data/catalog.json" "$work/examples/data/"
block=$(awk '/^## C#/ {c=1} c && /^### Quick start/ {q=1} q && /^```csharp/ {on=1; next} on && /^```/ {exit} on' "$root/docs/bindings.md")
[ -n "$block" ] || { echo "FAILED: no C# quick start in docs/bindings.md"; exit 1; }
{
  grep -E '^using [A-Za-z.]+;$' <<<"$block"
  echo 'static class QuickStart { static void Main() {'
  grep -vE '^using [A-Za-z.]+;$' <<<"$block"
  echo '} }'
} > "$work/QuickStart.cs"
cat > "$work/visits.jsonl" <<'JSON'
{"location": "raleigh", "customer": "C1001", "receipt": "R-2001", "at": 1790942400, "lines": [{"upc": "084213101044", "quantity": 1, "unit_price": 1899}]}
{"location": "raleigh", "customer": "nobody", "receipt": "R-2002", "at": 1790942460, "lines": [{"upc": "084213101044", "quantity": 1, "unit_price": 1899}]}
JSON
"$mcs" -langversion:7.2 -nologo -r:"$dll" -r:System.Core -out:"$work/QuickStart.exe" "$work/QuickStart.cs"
cp "$dll" "$work/"
cd "$work"
out=$("$mono" --debug QuickStart.exe)
echo "$out"
grep -q '^R-1001: line [0-9]' <<<"$out" || { echo "FAILED: the quick start did not redeem"; exit 1; }
grep -q '^unknown_customer: ' <<<"$out" || { echo "FAILED: the bulk load did not report the refused visit"; exit 1; }
grep -q ' checkout.finished$' <<<"$out" || { echo "FAILED: the journal has no checkout"; exit 1; }
echo "1 passed, 0 failed"
