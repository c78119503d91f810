#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# What a vendor's build does with an installed Tally, on the build tree ctest runs in:
#   consumers.sh BUILD_DIR SOURCE_DIR WORK_DIR [PREFIX]
# Without PREFIX: `cmake --install BUILD_DIR --prefix WORK_DIR/prefix` first (nothing is
# rebuilt), and every file of the install layout is checked. With PREFIX (e.g. /usr, after
# the Debian packages are installed): the consumers are built against that prefix.
# Then, from the prefix only (never the build or source tree's headers or library):
#   1. examples/c/till_checkout.c built with plain `cc` and `pkg-config --cflags --libs tally`;
#   2. the README's C++ example, taken from README.md as written, built by a separate CMake
#      project (tests/install/cmake_consumer) with find_package(Tally 0.2 REQUIRED);
# each runs and finishes a checkout on SQLite. find_package(Tally 1) must fail
# (SameMajorVersion).
set -euo pipefail
build="${1:?usage: consumers.sh BUILD_DIR SOURCE_DIR WORK_DIR [PREFIX]}"
src="${2:?}"
work="${3:?}"
prefix="${4:-}"
version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")"
major="${version%%.*}"
rm -rf "$work"
mkdir -p "$work"
fail() { echo "consumers: $*" >&2; exit 1; }
for tool in cc c++ pkg-config cmake; do
  command -v "$tool" >/dev/null || fail "$tool is missing: apt-get install build-essential pkg-config cmake (scripts/setup.sh --tests)"
done
unset LD_LIBRARY_PATH CPATH C_INCLUDE_PATH CPLUS_INCLUDE_PATH LIBRARY_PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH

system=0
[ -n "$prefix" ] && system=1
if ((!system)); then
  prefix="$work/prefix"
  cmake --install "$build" --prefix "$prefix" >"$work/install.log"
  for f in include/tally.h include/tally_store.h include/tally_version.h include/tally.hpp \
           "lib/libtally.so.$version" "lib/libtally.so.$major" lib/libtally.so \
           lib/cmake/Tally/TallyConfig.cmake lib/cmake/Tally/TallyConfigVersion.cmake \
           lib/cmake/Tally/TallyTargets.cmake lib/pkgconfig/tally.pc bin/tally \
           share/doc/tally/LICENSE share/doc/tally/README.md share/doc/tally/CHANGELOG.md \
           share/doc/tally/docs/README.md; do
    [ -e "$prefix/$f" ] || fail "cmake --install did not install $f"
  done
  [ "$(readlink "$prefix/lib/libtally.so")" = "libtally.so.$major" ] || fail "libtally.so does not link to libtally.so.$major"
  [ "$(readlink "$prefix/lib/libtally.so.$major")" = "libtally.so.$version" ] || fail "libtally.so.$major does not link to libtally.so.$version"
  soname="$(objdump -p "$prefix/lib/libtally.so.$version" | awk '/SONAME/ {print $2}')"
  [ "$soname" = "libtally.so.$major" ] || fail "SONAME is '$soname', not libtally.so.$major"
  "$prefix/bin/tally" help >/dev/null || fail "the installed tally command does not run"
  libdir="$prefix/lib"
else
  libdir="$(pkg-config --variable=libdir tally)" || fail "pkg-config finds no tally.pc on the system paths"
  libdir="$(realpath "$libdir")"
fi
# The installed headers need nothing but themselves: no Boost, no project source headers.
if grep -lE '#[[:space:]]*include[[:space:]]*[<"](boost/|tally/)' "$prefix/include/"tally*.h*; then
  fail "installed headers include Boost or the in-tree C++ headers"
fi
# A private prefix is named to pkg-config and CMake; the system one is found on their own.
cmake_prefix=()
if ((!system)); then
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  cmake_prefix=(-DCMAKE_PREFIX_PATH="$prefix")
fi
[ "$(pkg-config --modversion tally)" = "$version" ] || fail "pkg-config --modversion tally is not $version"
# A host linking libtally.a links what the engine uses, the PostgreSQL client included.
static_libs="$(pkg-config --static --libs tally)"
for lib in -ltally -lsqlite3 -lpq -lboost_json -ldate-tz; do
  grep -qw -- "$lib" <<<"$static_libs" || fail "pkg-config --static --libs tally lacks $lib: $static_libs"
done

data="$src/examples/data"

# 1. C, plain cc and pkg-config.
cd "$work"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -pedantic -Werror -o till_checkout "$src/examples/c/till_checkout.c" \
   $(pkg-config --cflags tally) $(pkg-config --libs tally) -Wl,-rpath,"$libdir"
grep -q "libtally.so.$major => $libdir/" <<<"$(ldd ./till_checkout)" || fail "till_checkout does not load libtally from $libdir"
./till_checkout "$data/catalog.json" "$work/till.db" >c.out || fail "the C consumer failed: $(cat c.out)"
grep -q '^finished: .*"receipt":"RAL-1001".*"redemptions":\[{' c.out || fail "the C consumer did not finish its checkout: $(cat c.out)"
echo "consumers: C via pkg-config finished a checkout on SQLite"

# 2. The README's C++ example, exactly as written, through find_package(Tally 0.2 REQUIRED).
mkdir -p cxx
cp "$src/tests/install/cmake_consumer/CMakeLists.txt" cxx/
awk '/^```cpp$/ {keep = 1; next} /^```$/ {if (keep) exit} keep' "$src/README.md" >cxx/shop.cpp
[ -s cxx/shop.cpp ] || fail "README.md has no \`\`\`cpp example"
cmake -S cxx -B cxx/build "${cmake_prefix[@]}" -DCMAKE_BUILD_RPATH="$libdir" >cxx.log 2>&1 ||
  fail "find_package(Tally 0.2 REQUIRED) failed: $(cat cxx.log)"
cmake --build cxx/build >>cxx.log 2>&1 || fail "the README's C++ example does not build: $(cat cxx.log)"
grep -q "libtally.so.$major => $libdir/" <<<"$(ldd cxx/build/shop)" || fail "shop does not load libtally from $libdir"
(cd cxx && ./build/shop "$data/catalog.json") >cxx.out 2>&1 || fail "the README's C++ example failed: $(cat cxx.out)"
grep -q '"receipt":"RAL-1001".*"redemptions":\[{' cxx.out || fail "the README's C++ example did not finish its checkout: $(cat cxx.out)"
echo "consumers: the README's C++ example, through find_package, finished a checkout on SQLite"

mkdir -p next
printf 'cmake_minimum_required(VERSION 3.20)\nproject(next LANGUAGES NONE)\nfind_package(Tally %s REQUIRED)\n' $((major + 1)) >next/CMakeLists.txt
if cmake -S next -B next/build "${cmake_prefix[@]}" >cxx1.log 2>&1; then
  fail "find_package(Tally $((major + 1))) accepted version $version"
fi
grep -q "not accepted" cxx1.log || fail "find_package(Tally $((major + 1))) failed for another reason: $(cat cxx1.log)"
echo "consumers: find_package(Tally $((major + 1))) refuses $version"
