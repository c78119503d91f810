#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Replaces third_party/sqlite/sqlite3.{c,h} with the amalgamation of SQLite's autoconf tarball
# as the npm package sqlite3@VERSION carries it (deps/sqlite-autoconf-*.tar.gz), and prints
# what third_party/sqlite/README.md records: the tarball, its checksum, the files' checksums.
#   scripts/update-sqlite.sh 6.0.1
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="${1:?usage: update-sqlite.sh NPM_SQLITE3_VERSION}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "sqlite3@$version" >/dev/null)
echo "npm sqlite3@$version integrity: $(npm view "sqlite3@$version" dist.integrity)"
tar -xzf "$work/sqlite3-$version.tgz" -C "$work" --wildcards 'package/deps/sqlite-autoconf-*.tar.gz'
tarball=$(ls "$work"/package/deps/sqlite-autoconf-*.tar.gz)
echo "$(basename "$tarball") sha256: $(sha256sum "$tarball" | cut -d' ' -f1)"
tar -xzf "$tarball" -C "$work" --wildcards '*/sqlite3.c' '*/sqlite3.h'
cp "$work"/sqlite-autoconf-*/sqlite3.c "$work"/sqlite-autoconf-*/sqlite3.h "$root/third_party/sqlite/"
cd "$root/third_party/sqlite"
sha256sum sqlite3.c sqlite3.h | tee SHA256SUMS
grep -m1 '#define SQLITE_VERSION ' sqlite3.h
