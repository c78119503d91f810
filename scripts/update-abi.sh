#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Regenerates the committed ABI baseline from a built libtally (after adding functions).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-${TALLY_BUILD_DIR:-$root/build}}"
abidw --no-corpus-path --no-show-locs --exported-interfaces-only --headers-dir "$root/capi" --out-file "$root/abi/libtally.abi" "$build/libtally.so"
echo "wrote abi/libtally.abi"
