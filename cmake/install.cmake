# SPDX-License-Identifier: Apache-2.0
# Installing Tally (docs/install.md): `cmake --install build --prefix P` puts
#   P/include/{tally.h, tally_store.h, tally_version.h, tally.hpp}   the C ABI and the C++ API over it
#   P/lib/libtally.so.0.2.0 (SONAME libtally.so.0, libtally.so)      or libtally.a with -DBUILD_SHARED_LIBS=OFF
#   P/lib/cmake/Tally/{TallyConfig,TallyConfigVersion,TallyTargets}.cmake   find_package(Tally 0.2)
#   P/lib/pkgconfig/tally.pc                                         pkg-config --cflags --libs tally
#   P/bin/tally                                                      the command line
#   P/share/doc/tally/                                               README, LICENSE, CHANGELOG, docs
# Components (the Debian packages of cmake/package.cmake): runtime (libtally0), dev
# (libtally-dev), cli (tally). The installed headers need no Boost: the C ABI is plain C and
# tally.hpp only calls it.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TALLY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Tally)

install(TARGETS tally EXPORT TallyTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime  # tally.dll
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES capi/tally.h capi/tally_store.h capi/tally.hpp ${PROJECT_BINARY_DIR}/generated/tally_version.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev)

install(EXPORT TallyTargets NAMESPACE Tally:: DESTINATION ${TALLY_CMAKE_DIR} COMPONENT dev)
get_target_property(TALLY_LIBRARY_TYPE tally TYPE)
configure_package_config_file(cmake/TallyConfig.cmake.in ${PROJECT_BINARY_DIR}/TallyConfig.cmake
  INSTALL_DESTINATION ${TALLY_CMAKE_DIR})
# 0.2 takes any later 0.x: the C ABI only grows (docs/versioning.md).
write_basic_package_version_file(${PROJECT_BINARY_DIR}/TallyConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/TallyConfig.cmake ${PROJECT_BINARY_DIR}/TallyConfigVersion.cmake
  DESTINATION ${TALLY_CMAKE_DIR} COMPONENT dev)

# tally.pc finds its prefix from where it lies, so the same file serves any --prefix.
file(RELATIVE_PATH TALLY_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" TALLY_PC_TO_PREFIX "${TALLY_PC_TO_PREFIX}")
# What a static link needs besides libtally, as this build was configured: no sqlite3 when
# SQLite is compiled in (TALLY_BUNDLED_SQLITE), no libpq without the PostgreSQL backend.
set(TALLY_PC_REQUIRES_PRIVATE "")
if(NOT TALLY_BUNDLED_SQLITE)
  list(APPEND TALLY_PC_REQUIRES_PRIVATE sqlite3)
endif()
if(TALLY_POSTGRES)
  list(APPEND TALLY_PC_REQUIRES_PRIVATE libpq)
endif()
list(JOIN TALLY_PC_REQUIRES_PRIVATE " " TALLY_PC_REQUIRES_PRIVATE)
configure_file(cmake/tally.pc.in ${PROJECT_BINARY_DIR}/tally.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tally.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

if(WIN32)
  # tally.dll's zone database goes beside it (bin/zoneinfo; docs/windows.md).
  install(DIRECTORY ${TALLY_ZONEINFO_DIR} DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
  if(BUILD_SHARED_LIBS)
    install(FILES ${PROJECT_BINARY_DIR}/bin/tally.def DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
  endif()
endif()

if(TALLY_BUILD_CLI)
  install(TARGETS tally_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
endif()

install(FILES README.md CHANGELOG.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs COMPONENT dev)
