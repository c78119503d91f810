# SPDX-License-Identifier: Apache-2.0
# Copies the IANA zone database for the Windows build (docs/windows.md): every TZif file of
# SOURCE (Debian's tzdata, /usr/share/zoneinfo) into DESTINATION (bin/zoneinfo beside
# tally.dll), links resolved to copies, leaving out what libdate-tz leaves out on Linux
# (posix*, right/, Factory, the tables) so that the same names are zones on both systems.
#   cmake -DSOURCE=/usr/share/zoneinfo -DDESTINATION=build-windows/bin/zoneinfo -P cmake/zoneinfo.cmake
cmake_policy(SET CMP0009 NEW)  # links to folders are not followed
if(NOT EXISTS ${SOURCE}/America/New_York)
  message(FATAL_ERROR "no IANA zone database in ${SOURCE}: apt-get install tzdata (scripts/setup.sh does)")
endif()
file(REMOVE_RECURSE ${DESTINATION})
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${SOURCE} ${SOURCE}/*)
set(count 0)
foreach(name IN LISTS files)
  if(name MATCHES "^(posix|right/|Factory$|localtime$)" OR name MATCHES "(^|/)\\.")
    continue()
  endif()
  file(READ ${SOURCE}/${name} magic LIMIT 4 HEX)
  if(NOT magic STREQUAL "545a6966")  # "TZif"
    continue()
  endif()
  configure_file(${SOURCE}/${name} ${DESTINATION}/${name} COPYONLY)
  math(EXPR count "${count} + 1")
endforeach()
file(WRITE ${DESTINATION}/README.txt
  "IANA time zone database (TZif files), copied from ${SOURCE} when tally.dll was built.\n"
  "Tally reads zones here, beside tally.dll, unless the TZDIR environment variable names another folder.\n")
message(STATUS "zoneinfo: ${count} zones into ${DESTINATION}")
