#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a Windows program under Wine, headless: ctest's emulator for the Windows build
# (cmake/mingw-w64-x86_64.cmake) and the test command's Windows pass (docs/windows.md).
# WINEPREFIX: the Wine prefix to use (default: one per user under $TMPDIR, made on first use).
# wine-run.sh --kill-server stops the prefix's wineserver.
set -euo pipefail
wine=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)
if [ -z "$wine" ]; then
  echo "wine-run: Wine not found: apt-get install wine64 (or scripts/setup.sh --tests)" >&2
  exit 127
fi
export WINEPREFIX="${WINEPREFIX:-${TMPDIR:-/tmp}/tally-wine-$(id -u)}"
if [ "${1:-}" = --kill-server ]; then   # stops the prefix's wineserver (and its programs)
  server=$(command -v wineserver || command -v wineserver64 || echo /usr/lib/wine/wineserver64)
  exec "$server" -k
fi
export WINEDEBUG=-all WINEARCH=win64
# No display, and no offer to install Wine's Mono or Gecko into the prefix.
unset DISPLAY WAYLAND_DISPLAY
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
exec "$wine" "$@"
