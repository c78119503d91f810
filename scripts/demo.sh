#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The main job: install what is missing, build, and run the demo on embedded SQLite.
# With --postgres first: the same demo on a throw-away PostgreSQL server
# (scripts/pg-test-server.sh), stopped when the demo ends. Other arguments go to `tally demo`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
postgres=0
if [ "${1:-}" = --postgres ]; then
  postgres=1
  shift
  "$root/scripts/setup.sh" --tests
else
  "$root/scripts/setup.sh"
fi
"$root/scripts/build.sh"
build="${TALLY_BUILD_DIR:-$root/build}"
cd "$build"
if [ "$postgres" = 1 ]; then
  "$root/scripts/pg-test-server.sh" run -- sh -c \
    'data="$1"; shift; "$0" demo --data "$data" --db "$TALLY_TEST_PG_URI" "$@"' "$build/bin/tally" "$root/examples/data" "$@"
  echo "(the throw-away server has stopped with the demo: to explore, run the demo with --db on a server of your own)"
  exit 0
fi
exec "$build/bin/tally" demo --data "$root/examples/data" "$@"
