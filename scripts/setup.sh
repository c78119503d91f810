#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what Tally needs on Debian (run as root), if missing: what building the library,
# the CLI and the demo needs (CLI11 parses the command line); with --tests also what the
# test suite needs (Python with pip for the binding's install test, Mono for the C# binding, abigail-tools for the ABI check,
# the PostgreSQL server for the PostgreSQL suite's throw-away server, clang with its
# sanitizer and libFuzzer runtimes for the sanitizer, fuzzing and thread-sanitizer trees,
# doxygen for the API reference, python3-jsonschema for the schema check, mypy and pytest for
# the Python binding's type check and tests, Chromium to render the HTML pages headless,
# MinGW-w64 and Wine for the Windows build and its tests, npm for their .NET, docs/windows.md).
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config ccache
          libboost-json1.81-dev libboost-date-time1.81-dev libsqlite3-dev libpq-dev doctest-dev
          libhowardhinnant-date-dev tzdata libcli11-dev)
if [ "${1:-}" = --tests ]; then
  packages+=(python3 python3-pip python3-setuptools python3-jsonschema
             mono-mcs mono-runtime libmono-system4.0-cil libmono-system-core4.0-cil
             abigail-tools postgresql clang libclang-rt-14-dev doxygen
             python3-mypy python3-pytest chromium fonts-dejavu-core
             g++-mingw-w64-x86-64-posix binutils-mingw-w64-x86-64 wine64)
  # npm fetches .NET for Windows (scripts/dotnet-windows.sh); Node.js may already bring it.
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
