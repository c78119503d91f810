#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The NuGet package (scripts/nuget-layout.sh) from a Linux and a Windows build tree: its files
# are where .NET looks for them, the packaged tally.dll exports exactly the C ABI,
# libtally.so.0 carries its SONAME; then the till example, compiled against the package's Tally.dll and run with Mono
# in a folder laid out as an application that restored the package would be, finds
# libtally.so.0 (through Tally.dll.config) with no libtally.so anywhere on its path.
#   nuget_layout.sh LINUX_BUILD WINDOWS_BUILD OUT_DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
linux=$(realpath "$1") windows=$(realpath "$2") out=$(realpath -m "$3")
nupkg=$("$root/scripts/nuget-layout.sh" "$linux" "$windows" "$out")
listing=$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$nupkg")
for entry in Tally.nuspec LICENSE README.md lib/net45/Tally.dll lib/net45/Tally.xml lib/net45/Tally.dll.config \
             runtimes/win-x64/native/tally.dll runtimes/win-x64/native/zoneinfo/America/New_York \
             runtimes/linux-x64/native/libtally.so.0; do
  grep -qxF "$entry" <<<"$listing" || { echo "nuget: $entry is missing from $nupkg"; exit 1; }
done
stray=$(grep -vE '^(Tally\.nuspec|LICENSE|README\.md|\[Content_Types\]\.xml|lib/net45/Tally\.(dll|xml|dll\.config)|runtimes/win-x64/native/(tally\.dll|zoneinfo/.*)|runtimes/linux-x64/native/libtally\.so\.0)$' <<<"$listing" || true)
[ -z "$stray" ] || { echo "nuget: unexpected files in $nupkg:"; echo "$stray"; exit 1; }
package="${nupkg%.nupkg}"
"$root/tests/windows/dll_exports.sh" "$package/runtimes/win-x64/native/tally.dll" "$root/docs" >/dev/null \
  || { echo "nuget: the packaged tally.dll does not export exactly the C ABI"; exit 1; }
readelf -d "$package/runtimes/linux-x64/native/libtally.so.0" | grep -q 'Library soname: \[libtally.so.0\]' \
  || { echo "nuget: libtally.so.0 lacks its SONAME"; exit 1; }

# An application folder as a restore would make it on Linux, run with Mono.
app="$out/app"
rm -rf "$app" && mkdir -p "$app"
cp "$package"/lib/net45/* "$app/"
mcs -langversion:7.2 -nologo -r:"$app/Tally.dll" -out:"$app/Checkout.exe" "$root/examples/csharp/Checkout.cs"
(cd "$app" && LD_LIBRARY_PATH="$package/runtimes/linux-x64/native" TALLY_SOURCE_DIR="$root" mono Checkout.exe >"$app/out.txt" 2>&1) \
  || { cat "$app/out.txt"; echo "nuget: the C# example did not run from the package"; exit 1; }
echo "nuget: $(wc -l <<<"$listing") files in $(basename "$nupkg"); the C# example ran from it on libtally.so.0 ($(tail -1 "$app/out.txt"))"
