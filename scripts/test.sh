#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (each suite against the memory
# and the SQLite backend).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build="${TALLY_BUILD_DIR:-$root/build}"
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"
