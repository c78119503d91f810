#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A throw-away PostgreSQL server for the test suite and the benchmark.
#
#   pg-test-server.sh start STATE_DIR [--durable]
#                                       initdb into a fresh temporary folder, start the server
#                                       on a Unix socket in that folder and a free TCP port of
#                                       127.0.0.1, write STATE_DIR/conninfo (libpq keywords)
#   pg-test-server.sh stop STATE_DIR    stop that server and delete its folder
#   pg-test-server.sh run [--durable] -- CMD...
#                                       start, run CMD with TALLY_TEST_PG set to the
#                                       connection string (TALLY_TEST_PG_URI: the same as a
#                                       postgresql:// URI over TCP), stop (also when CMD fails)
#
# The server is for tests only: trust authentication, fsync off (--durable keeps fsync and
# synchronous commits on, as the benchmark wants), nothing kept. As root, the
# server runs as the user `postgres` (the Debian package creates it), since PostgreSQL
# refuses to run as root. When PostgreSQL is missing it says what to install and fails.
set -euo pipefail

find_bin() {
  local dir
  for dir in "$(command -v pg_config >/dev/null 2>&1 && pg_config --bindir || true)" \
             /usr/lib/postgresql/*/bin; do
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  echo "pg-test-server: PostgreSQL's server programs (initdb, pg_ctl) are not installed." >&2
  echo "  Install them with: scripts/setup.sh --tests   (Debian packages postgresql and libpq-dev)" >&2
  exit 1
}

# Runs a command as the server's user.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  local port
  for port in $(shuf -i 20000-60000 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "pg-test-server: no free TCP port found on 127.0.0.1" >&2
  exit 1
}

stop() {
  local state="$1" dir
  [ -f "$state/datadir" ] || return 0
  dir="$(cat "$state/datadir")"
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(cat "$state/bindir")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$state/conninfo" "$state/uri" "$state/datadir" "$state/bindir"
}

start() {
  local state="$1" bin dir port user durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  [ "${2:-}" = --durable ] && durability=""
  mkdir -p "$state"
  stop "$state"   # a server a killed run left behind
  bin="$(find_bin)"
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-server: running as root needs the user 'postgres' (the postgresql package creates it)" >&2
    exit 1
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/tally-pg.XXXXXX")"
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  echo "$dir" >"$state/datadir"
  echo "$bin" >"$state/bindir"
  # Whatever fails from here on leaves no server and no folder behind.
  trap 'stop "$state"' ERR
  user="$( [ "$(id -u)" -eq 0 ] && echo postgres || id -un)"
  as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --no-sync >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; echo "pg-test-server: initdb failed" >&2; false; }
  port="$(free_port)"
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -h 127.0.0.1 $durability -c max_connections=200" \
    start >/dev/null ||
    { cat "$dir/server.log" >&2; echo "pg-test-server: the server did not start" >&2; false; }
  as_owner "$bin/psql" -h "$dir" -p "$port" -U "$user" -d postgres -qAt -c "CREATE DATABASE tally_test" >/dev/null
  trap - ERR
  echo "host=$dir port=$port user=$user dbname=tally_test" >"$state/conninfo"
  echo "postgresql://$user@127.0.0.1:$port/tally_test" >"$state/uri"
}

case "${1:-}" in
  start) start "${2:?state folder}" "${3:-}" ;;
  stop) stop "${2:?state folder}" ;;
  run)
    shift
    durable=""
    [ "${1:-}" = --durable ] && { durable=--durable; shift; }
    [ "${1:-}" = -- ] && shift
    state="$(mktemp -d "${TMPDIR:-/tmp}/tally-pg-state.XXXXXX")"
    trap 'stop "$state"; rm -rf "$state"' EXIT
    start "$state" "$durable"
    TALLY_TEST_PG="$(cat "$state/conninfo")" TALLY_TEST_PG_URI="$(cat "$state/uri")" "$@"
    ;;
  *) echo "usage: $0 start DIR | stop DIR | run -- COMMAND..." >&2; exit 2 ;;
esac
