# SPDX-License-Identifier: Apache-2.0
# Cross-compiles Tally for 64-bit Windows on Debian with MinGW-w64 (docs/windows.md):
#   cmake -S . -B build-windows --toolchain cmake/mingw-w64-x86_64.cmake
# Debian package g++-mingw-w64-x86-64-posix: the POSIX threads flavour, which has
# std::thread and std::mutex. ctest runs the Windows programs under Wine (wine64) through
# CMAKE_CROSSCOMPILING_EMULATOR.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(TALLY_MINGW_TRIPLET x86_64-w64-mingw32)

find_program(CMAKE_C_COMPILER ${TALLY_MINGW_TRIPLET}-gcc-posix)
find_program(CMAKE_CXX_COMPILER ${TALLY_MINGW_TRIPLET}-g++-posix)
find_program(CMAKE_RC_COMPILER ${TALLY_MINGW_TRIPLET}-windres)
if(NOT CMAKE_C_COMPILER OR NOT CMAKE_CXX_COMPILER)
  message(FATAL_ERROR "MinGW-w64 (POSIX threads) not found: apt-get install g++-mingw-w64-x86-64-posix "
                      "(or scripts/setup.sh --tests)")
endif()

set(CMAKE_FIND_ROOT_PATH /usr/${TALLY_MINGW_TRIPLET})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The runtime (libgcc, libstdc++, winpthread) is linked statically: tally.dll and tally.exe
# need nothing but Windows' own DLLs.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static")

find_program(TALLY_WINE NAMES wine64 wine PATHS /usr/lib/wine)
if(TALLY_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CMAKE_CURRENT_LIST_DIR}/../scripts/wine-run.sh)
endif()
