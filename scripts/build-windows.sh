#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Cross-compiles Tally for 64-bit Windows with MinGW-w64 into build-windows/ (or
# $TALLY_WINDOWS_BUILD_DIR): bin/tally.dll (with libtally.dll.a and tally.def), bin/tally.exe,
# bin/zoneinfo/, and the Windows test programs (docs/windows.md). Extra arguments go to cmake.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TALLY_WINDOWS_BUILD_DIR:-$root/build-windows}"
if ! command -v x86_64-w64-mingw32-g++-posix >/dev/null; then
  echo "build-windows: MinGW-w64 is not installed: apt-get install g++-mingw-w64-x86-64-posix (or scripts/setup.sh --tests)" >&2
  exit 1
fi
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[ -f "$build/CMakeCache.txt" ] && generator=()
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" --toolchain "$root/cmake/mingw-w64-x86_64.cmake" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTALLY_BUILD_BENCH=OFF "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
