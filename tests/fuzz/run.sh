#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# One bounded fuzzing run: FUZZER SEEDS WORK SECONDS DICT. Copies the committed seeds into
# WORK (the run adds what it finds there), fuzzes for SECONDS and prints libFuzzer's final
# statistics (executions, coverage) for docs/reliability.md.
set -euo pipefail
fuzzer="$1" seeds="$2" work="$3" seconds="$4" dict="$5"
mkdir -p "$work"
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
exec "$fuzzer" -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$work/../" "$work"
