#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The built library against the committed ABI baseline: additions pass, any incompatible
# change (a removed or changed function or type) fails.
set -uo pipefail
lib="$1" baseline="$2" headers="$3" work="$4"
command -v abidiff >/dev/null || { echo "abidiff is not installed"; exit 77; }
abidw --no-corpus-path --no-show-locs --exported-interfaces-only --headers-dir "$headers" --out-file "$work/libtally.current.abi" "$lib" || exit 1
abidiff "$baseline" "$work/libtally.current.abi" > "$work/abidiff.txt"
status=$?
cat "$work/abidiff.txt"
if (( status & 1 )); then echo "abidiff failed to run"; exit 1; fi
if (( status & 8 )); then echo "incompatible ABI change against abi/libtally.abi"; exit 1; fi
echo "ABI compatible with the baseline (abidiff status $status)"
