#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian packages as a vendor's machine gets them:
#   debian.sh BUILD_DIR SOURCE_DIR WORK_DIR
# cpack makes libtally0, libtally-dev and tally from the build tree (no rebuild); their
# names, versions, dependencies and copyright files are checked; `dpkg -i` installs them;
# the consumers of consumers.sh are built again against the system paths (/usr) alone; the
# Python binding finds /usr/lib/libtally.so.0 without TALLY_LIBRARY and the `tally` command
# runs from /usr/bin. The packages are removed again on every way out, so the machine is
# left as it was. Needs root (dpkg -i); one run at a time on a machine (a lock).
set -euo pipefail
build="${1:?usage: debian.sh BUILD_DIR SOURCE_DIR WORK_DIR}"
src="${2:?}"
work="${3:?}"
fail() { echo "debian: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "installing the packages needs root (dpkg -i); run the test command as root"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps flock python3; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install dpkg-dev cmake python3 (scripts/setup.sh --tests)"
done
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
packages=(libtally0 libtally-dev tally)
for p in "${packages[@]}"; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "installed"; then
    fail "$p is already installed on this machine; remove it first (dpkg -r $p) so the test can leave the machine as it found it"
  fi
done
rm -rf "$work"
mkdir -p "$work"

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -B "$work/deb" >cpack.log 2>&1) || fail "cpack failed: $(cat "$work/cpack.log")"
arch="$(dpkg --print-architecture)"
deb() { echo "$work/deb/${1}_${version}_${arch}.deb"; }
for p in "${packages[@]}"; do
  [ -f "$(deb "$p")" ] || fail "cpack made no $(basename "$(deb "$p")"): $(ls "$work/deb")"
  [ "$(dpkg-deb -f "$(deb "$p")" Version)" = "$version" ] || fail "$p is not version $version"
  copyright="$(dpkg-deb --fsys-tarfile "$(deb "$p")" | tar -xO "./usr/share/doc/$p/copyright")" || true
  grep -q "Apache License" <<<"$copyright" || fail "$p has no Apache-2.0 copyright file"
  grep -qx "License: Apache-2.0" <<<"$copyright" || fail "$p's copyright file does not say License: Apache-2.0"
done
depends() { dpkg-deb -f "$(deb "$1")" Depends; }
grep -q "libsqlite3-0" <<<"$(depends libtally0)" || fail "libtally0 does not depend on libsqlite3-0: $(depends libtally0)"
grep -q "libboost-json1.81.0" <<<"$(depends libtally0)" || fail "libtally0 does not depend on libboost-json: $(depends libtally0)"
grep -q "libdate-tz3" <<<"$(depends libtally0)" || fail "libtally0 does not depend on libdate-tz3: $(depends libtally0)"
grep -q "tzdata" <<<"$(depends libtally0)" || fail "libtally0 does not depend on tzdata: $(depends libtally0)"
grep -qF "libtally0 (= $version)" <<<"$(depends libtally-dev)" || fail "libtally-dev does not depend on libtally0 (= $version)"
grep -q "libsqlite3-0" <<<"$(depends tally)" || fail "tally does not depend on libsqlite3-0: $(depends tally)"
grep -q "./usr/lib/libtally.so.$version" <<<"$(dpkg-deb -c "$(deb libtally0)")" || fail "libtally0 lacks /usr/lib/libtally.so.$version"
grep -q "./usr/include/tally.hpp" <<<"$(dpkg-deb -c "$(deb libtally-dev)")" || fail "libtally-dev lacks /usr/include/tally.hpp"

exec 9>/tmp/tally-debian-test.lock
flock 9
cleanup() { dpkg -P "${packages[@]}" >"$work/remove.log" 2>&1 || true; }
trap cleanup EXIT
dpkg -i "$(deb libtally0)" "$(deb libtally-dev)" "$(deb tally)" >"$work/dpkg.log" 2>&1 || fail "dpkg -i failed: $(cat "$work/dpkg.log")"

"$src/tests/install/consumers.sh" "$build" "$src" "$work/consumers" /usr
/usr/bin/tally help >/dev/null || fail "/usr/bin/tally does not run"

loaded="$(env -u TALLY_LIBRARY PYTHONPATH="$src/bindings/python" python3 -c '
import tally
print(tally.version())
print(*sorted({line.split()[-1] for line in open("/proc/self/maps") if "libtally" in line}))')" ||
  fail "the Python binding does not load the installed library"
[ "$(head -1 <<<"$loaded")" = "$version" ] || fail "the Python binding loaded libtally $(head -1 <<<"$loaded"), not $version"
grep -q "^/usr/lib/libtally.so.$version$" <<<"$(tail -1 <<<"$loaded")" ||
  fail "the Python binding loaded $(tail -1 <<<"$loaded"), not /usr/lib/libtally.so.$version"
echo "debian: the Python binding found /usr/lib/libtally.so.$version without TALLY_LIBRARY"

cleanup
trap - EXIT
for p in "${packages[@]}"; do
  ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q " installed" || fail "$p is still installed"
done
[ ! -e /usr/lib/libtally.so.0 ] && [ ! -e /usr/include/tally.h ] || fail "removing the packages left files behind"
echo "debian: libtally0, libtally-dev and tally $version built, installed, used and removed"
