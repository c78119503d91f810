#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every source file the project owns names its license on its first line (after a shebang):
# C, C++, C#, Python, shell, CMake, the linker map, the package templates. Data (JSON, the
# fixture databases) and Markdown carry none. Fails naming each file that lacks it.
set -euo pipefail
root="${1:?usage: spdx_headers.sh SOURCE_DIR}"
cd "$root"
tag="SPDX-License-Identifier: Apache-2.0"
dirs=(src include capi cli bench tests bindings scripts cmake examples .ci)

# The files of the tree: git's list (tracked and new, not ignored) in a checkout, else every
# file under the owned folders but build trees and caches.
if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  files=$(git ls-files --cached --others --exclude-standard -- CMakeLists.txt "${dirs[@]}")
else
  files=$( (ls CMakeLists.txt; find "${dirs[@]}" \( -name 'build*' -o -name __pycache__ -o -name '*.egg-info' \) -prune \
              -o -type f -print) 2>/dev/null)
fi

# The comment each kind of file opens with; empty: not a source file.
expected() {
  case "$1" in
    *.c|*.h|*.h.in|*.map) echo "/* $tag */" ;;
    *.cpp|*.hpp|*.def|*.cs) echo "// $tag" ;;
    *.sh|*.py|*.cmake|*.cmake.in|*.pc.in|*.toml|*/CMakeLists.txt|CMakeLists.txt|*/MANIFEST.in|.ci/run) echo "# $tag" ;;
    *.csproj) echo "<!-- $tag -->" ;;
    *) echo "" ;;
  esac
}

missing=()
checked=0
while IFS= read -r f; do
  [ -f "$f" ] || continue
  want="$(expected "$f")"
  [ -n "$want" ] || continue
  checked=$((checked + 1))
  first="$(head -n 1 "$f")"
  case "$first" in '#!'*) first="$(sed -n 2p "$f")" ;; esac
  [ "$first" = "$want" ] || missing+=("$f")
done <<<"$files"

if ((${#missing[@]})); then
  echo "spdx_headers: ${#missing[@]} source files do not open with the Apache-2.0 SPDX line:"
  for f in "${missing[@]}"; do echo "  $f (expected: $(expected "$f"))"; done
  exit 1
fi
((checked > 150)) || { echo "spdx_headers: only $checked source files found under $root"; exit 1; }
echo "spdx_headers: all $checked source files name Apache-2.0"
