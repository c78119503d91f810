#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The layers of docs/architecture.md, held by what each file includes: every layer includes
# only itself and the layers below it, nothing under include/ or src/ sees the C headers
# (capi/ is the only layer above the engine), and the public C++ headers need no Boost.
set -uo pipefail
root="${1:?usage: layers.sh SOURCE_DIR}"
cd "$root" || exit 1
bad=0

# layer directory -> the project include prefixes it may use
declare -A allowed=(
  [include/tally]="tally/"
  [src/domain]="tally/ domain/"
  [src/codec]="tally/ domain/ codec/"
  [src/store]="tally/ store/"
  [src/engine]="tally/ domain/ codec/ store/ engine/"
)

for layer in "${!allowed[@]}"; do
  while IFS= read -r hit; do
    file="${hit%%:*}"
    included="$(sed -E 's/.*#[[:space:]]*include[[:space:]]*[<"]([^">]+)[">].*/\1/' <<<"${hit#*:}")"
    case "$included" in
      tally.h|tally_store.h|*capi*)
        echo "layers: $file includes $included: the C ABI is above every layer under include/ and src/"; bad=1; continue ;;
      boost/*|date/*)   # the libraries of docs/architecture.md's dependency table
        if [ "$layer" = include/tally ]; then
          echo "layers: $file includes $included: the installed C++ headers must compile without Boost or date"; bad=1
        fi
        continue ;;
      */*) ;;
      *) continue ;;   # the standard library and other system headers
    esac
    ok=0
    for prefix in ${allowed[$layer]}; do
      [[ "$included" == "$prefix"* ]] && ok=1
    done
    if ((!ok)); then
      echo "layers: $file ($layer) includes $included; it may include only: ${allowed[$layer]}"; bad=1
    fi
  done < <(grep -HE '^[[:space:]]*#[[:space:]]*include' -r "$layer" --include='*.hpp' --include='*.cpp' --include='*.h')
done

if ((bad)); then exit 1; fi
echo "layers: every include under include/ and src/ points down"
