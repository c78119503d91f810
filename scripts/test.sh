#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: each suite against the memory, the
# SQLite and the PostgreSQL backend (on a throw-away server, scripts/pg-test-server.sh, that
# ctest starts and stops), the C ABI from C, the Python and C# bindings, the ABI checks; then the
# C++ and C suites again under AddressSanitizer and UndefinedBehaviorSanitizer
# (TALLY_SANITIZE_PASS=0 skips that second pass).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --tests
"$root/scripts/build.sh"
build="${TALLY_BUILD_DIR:-$root/build}"
# ctest stops the PostgreSQL test server after its last test; this stops it when ctest is killed.
trap '"$root/scripts/pg-test-server.sh" stop "$build/pg-test"' EXIT
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"

if [ "${TALLY_SANITIZE_PASS:-1}" = 1 ]; then
  echo "== the C++ and C suites under address and undefined-behaviour sanitizers"
  TALLY_BUILD_DIR="$build-sanitize" "$root/scripts/build.sh" \
    -DCMAKE_BUILD_TYPE=Debug -DTALLY_SANITIZE=ON -DTALLY_BUILD_BENCH=OFF -DTALLY_BUILD_BINDINGS=OFF
  ctest --test-dir "$build-sanitize" --output-on-failure --parallel "$(nproc)" -R '^(memory|sqlite|capi_|c_)' -E 'capi_(exports|abi)'
fi
