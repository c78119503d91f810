#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# tally.hpp wraps every function of tally.h (docs/cpp-api.md): a function added to the C
# ABI is added to the C++ layer in the same change. tally_engine_last_error is the one
# exception: tally::Error carries the message of the calling thread.
set -euo pipefail
capi="${1:?usage: cpp_header_covers.sh CAPI_DIR}"
declared=$(sed 's|/\*.*\*/||' "$capi/tally.h" | tr '\n' ' ' | grep -oE 'TALLY_EXPORT[^;]*\btally_[a-z0-9_]+\(' |
           grep -oE 'tally_[a-z0-9_]+\($' | tr -d '(' | sort -u)
missing=()
for f in $declared; do
  [ "$f" = tally_engine_last_error ] && continue
  grep -qE "\b$f(\(|>)" "$capi/tally.hpp" || missing+=("$f")
done
if ((${#missing[@]})); then
  echo "tally.hpp does not wrap: ${missing[*]} (add them to tally::Engine or tally::Checkout)"
  exit 1
fi
echo "tally.hpp wraps all $(wc -w <<<"$declared") functions of tally.h but tally_engine_last_error"
