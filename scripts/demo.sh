#!/usr/bin/env bash
# The main job: install what is missing, build, and run the demo on embedded SQLite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
build="${TALLY_BUILD_DIR:-$root/build}"
cd "$build"
exec "$build/bin/tally" demo --data "$root/examples/data" "$@"
