#!/usr/bin/env bash
# Only tally_* symbols leave libtally, and its SONAME is libtally.so.0.
set -euo pipefail
lib="$1"
stray=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -v '^tally_' | grep -Ev '^(_init|_fini|_edata|_end|__bss_start)$' || true)
if [ -n "$stray" ]; then
  echo "exported symbols outside the C ABI:"; echo "$stray"; exit 1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libtally.so.0" ] || { echo "SONAME is '$soname', expected libtally.so.0"; exit 1; }
echo "$(nm -D --defined-only "$lib" | grep -c ' tally_') symbols, all tally_*; SONAME $soname"
