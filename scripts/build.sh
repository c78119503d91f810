#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Configures and builds Tally into build/ (or $TALLY_BUILD_DIR).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${TALLY_BUILD_DIR:-$root/build}"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[ -f "$build/CMakeCache.txt" ] && generator=()   # the cache keeps the first choice
launcher=()
# ccache (when installed) makes the second and later builds of a tree, and of its sanitizer
# builds, cost only what changed.
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Configure every time: tools installed since the last run (Mono, Python, abidiff) are found.
cmake -S "$root" -B "$build" "${generator[@]}" "${launcher[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
# TALLY_BUILD_TARGETS: only these targets (the thread-sanitizer tree needs one program).
targets=()
for t in ${TALLY_BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$build" --parallel "$(nproc)" "${targets[@]}"
