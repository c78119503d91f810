#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tally.dll exports exactly the C ABI: the functions in the table of docs/abi.md (the list
# the Linux library is held to by tests/capi/exports.sh), nothing else; and it imports only
# Windows' own DLLs (the C++ runtime is linked in).
#   dll_exports.sh TALLY_DLL DOCS_DIR
set -euo pipefail
dll="$1" docs="$2"
objdump=$(command -v x86_64-w64-mingw32-objdump || true)
[ -n "$objdump" ] || { echo "dll_exports: x86_64-w64-mingw32-objdump not found: apt-get install binutils-mingw-w64-x86-64"; exit 1; }
dump=$("$objdump" -p "$dll")
# The export table's name list: "[ordinal] name" lines after "[Ordinal/Name Pointer] Table".
exported=$(awk '/\[Ordinal\/Name Pointer\] Table/ {on=1; next} on && /^[ \t]*\[/ {print $NF; next} on {on=0}' <<<"$dump" | sort)
listed=$(sed -n 's/^| `\(tally_[a-z0-9_]*\)` |.*/\1/p' "$docs/abi.md" | sort)
if [ "$exported" != "$listed" ]; then
  echo "dll_exports: tally.dll's exports differ from docs/abi.md (< exported only, > listed only):"
  diff <(echo "$exported") <(echo "$listed") | grep '^[<>]' || true
  exit 1
fi
imports=$(sed -n 's/^\s*DLL Name: //p' <<<"$dump" | sort -u)
foreign=$(grep -viE '^(kernel32|user32|advapi32|msvcrt|ws2_32|shell32|ole32|api-ms-win-.*)\.dll$' <<<"$imports" || true)
if [ -n "$foreign" ]; then
  echo "dll_exports: tally.dll needs DLLs that Windows does not ship:"; echo "$foreign"; exit 1
fi
echo "$(wc -l <<<"$exported") functions exported, all of docs/abi.md; imports: $(echo $imports)"
