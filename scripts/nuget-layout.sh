#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The NuGet package of the C# binding (docs/bindings.md), laid out from a Linux build tree
# (the Mono-built Tally.dll, libtally.so.0) and a Windows build tree (tally.dll with its zone
# database), then zipped into Tally.<version>.nupkg:
#   lib/net45/Tally.dll, Tally.xml, Tally.dll.config     the binding (Mono's mcs)
#   runtimes/linux-x64/native/libtally.so.0              the library by its SONAME (stripped)
#   runtimes/win-x64/native/tally.dll                    the DLL (docs/windows.md; stripped)
#   runtimes/win-x64/native/zoneinfo/                    its IANA zone database
#   Tally.nuspec, LICENSE, README.md
# Usage: nuget-layout.sh LINUX_BUILD WINDOWS_BUILD OUT_DIR     (prints the .nupkg's path)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
linux="${1:?usage: nuget-layout.sh LINUX_BUILD WINDOWS_BUILD OUT_DIR}" windows="${2:?}" out="${3:?}"
version=$(sed -n 's/^project(tally VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
need() { [ -e "$1" ] || { echo "nuget-layout: $1 is missing ($2)" >&2; exit 1; }; }
need "$linux/bindings/csharp/Tally.dll" "build the Linux tree with Mono: scripts/build.sh"
need "$linux/libtally.so.$version" "build the Linux tree: scripts/build.sh"
need "$windows/bin/tally.dll" "build the Windows tree: docs/windows.md"
need "$windows/bin/zoneinfo/America/New_York" "build the Windows tree's tally_zoneinfo target"
command -v python3 >/dev/null || { echo "nuget-layout: python3 is needed to zip the package" >&2; exit 1; }
command -v x86_64-w64-mingw32-strip >/dev/null || { echo "nuget-layout: apt-get install binutils-mingw-w64-x86-64" >&2; exit 1; }

package="$out/Tally.$version"
rm -rf "$package" "$package.nupkg"
mkdir -p "$package/lib/net45" "$package/runtimes/linux-x64/native" "$package/runtimes/win-x64/native"
cp "$linux/bindings/csharp/Tally.dll" "$linux/bindings/csharp/Tally.xml" "$linux/bindings/csharp/Tally.dll.config" \
   "$package/lib/net45/"
# The libraries without their debugging information (the build trees keep it).
strip --strip-debug -o "$package/runtimes/linux-x64/native/libtally.so.0" "$linux/libtally.so.$version"
x86_64-w64-mingw32-strip -o "$package/runtimes/win-x64/native/tally.dll" "$windows/bin/tally.dll"
cp -r "$windows/bin/zoneinfo" "$package/runtimes/win-x64/native/"
cp "$root/LICENSE" "$package/LICENSE"
cp "$root/bindings/csharp/README.nuget.md" "$package/README.md"
cat > "$package/Tally.nuspec" <<XML
<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
  <metadata>
    <id>Tally</id>
    <version>$version</version>
    <authors>Tally</authors>
    <description>Frequent-buyer loyalty for point-of-sale software: the C# binding of libtally's C ABI, with libtally for Windows x64 and Linux x64.</description>
    <license type="file">LICENSE</license>
    <readme>README.md</readme>
    <tags>loyalty pos retail native</tags>
  </metadata>
</package>
XML
# A .nupkg is a zip of the layout with the Open Packaging content types.
cat > "$package/[Content_Types].xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="nuspec" ContentType="application/octet" />
  <Default Extension="dll" ContentType="application/octet" />
  <Default Extension="xml" ContentType="application/octet" />
  <Default Extension="config" ContentType="application/octet" />
  <Default Extension="0" ContentType="application/octet" />
  <Default Extension="md" ContentType="application/octet" />
  <Default Extension="txt" ContentType="application/octet" />
  <Override PartName="/LICENSE" ContentType="application/octet" />
</Types>
XML
python3 - "$package" "$package.nupkg" <<'PY'
import os, sys, zipfile
folder, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
    for base, _, files in os.walk(folder):
        for name in sorted(files):
            path = os.path.join(base, name)
            z.write(path, os.path.relpath(path, folder).replace(os.sep, "/"))
PY
echo "$package.nupkg"
