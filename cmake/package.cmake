# SPDX-License-Identifier: Apache-2.0
# The Debian packages (docs/install.md), made by `cpack` from the build tree's install rules
# (cmake/install.cmake) without rebuilding:
#   libtally0     the library (/usr/lib/libtally.so.0*), README, CHANGELOG, docs, LICENSE
#   libtally-dev  the headers, libtally.so, TallyConfig.cmake, tally.pc; depends on libtally0 (= version)
#   tally         the command line
# The libraries each depends on come from dpkg-shlibdeps; every package's copyright file
# names Apache-2.0 (License: Apache-2.0) and carries its text.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tally)
set(CPACK_PACKAGE_VENDOR "Tally")
set(CPACK_PACKAGE_CONTACT "Tally maintainers <tally@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "frequent-buyer loyalty engine for point-of-sale software")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_COMPONENTS_ALL runtime dev cli)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libtally0)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# IANA time zone names are looked up in the system's zone database.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "tzdata")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
  "The shared library: libtally runs frequent-buyer cards, offers, adoption bundles and credit lines inside point-of-sale software, behind a stable C ABI.")
# The library goes into the loader's cache when installed and leaves it when removed.
file(WRITE ${PROJECT_BINARY_DIR}/debian/runtime/triggers "activate-noawait ldconfig\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/debian/runtime/triggers)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libtally-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
# tally.pc names sqlite3 and libpq (Requires.private), which pkg-config resolves even for a
# shared link.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libtally0 (= ${PROJECT_VERSION}), libsqlite3-dev, libpq-dev")
set(CPACK_DEBIAN_DEV_DESCRIPTION
  "The development files: the C headers (tally.h, tally_store.h), the header-only C++ API (tally.hpp), the CMake package (find_package(Tally)) and tally.pc for pkg-config.")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME tally)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_CLI_DESCRIPTION
  "The command line: the tally command runs catalogs, checkouts, credit-line lifecycles, reports and the Command Center on a SQLite database.")

# The copyright file in Debian's machine-readable form (DEP-5): "License: Apache-2.0", then
# the license text, each line indented by one space and blank lines as " .".
file(READ ${PROJECT_SOURCE_DIR}/LICENSE license_text)
string(STRIP "${license_text}" license_text)
string(REPLACE "\n" "\n " license_text "${license_text}")
string(REGEX REPLACE "\n +\n" "\n .\n" license_text "${license_text}")
string(REGEX REPLACE "\n +\n" "\n .\n" license_text "${license_text}")
set(TALLY_DEBIAN_COPYRIGHT "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: tally
License: Apache-2.0

Files: *
Copyright: the Tally authors
License: Apache-2.0
 ${license_text}
")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/LICENSE)
foreach(component runtime dev cli)
  string(TOUPPER ${component} upper)
  set(package ${CPACK_DEBIAN_${upper}_PACKAGE_NAME})
  file(WRITE ${PROJECT_BINARY_DIR}/debian/${package}/copyright "${TALLY_DEBIAN_COPYRIGHT}")
  install(FILES ${PROJECT_BINARY_DIR}/debian/${package}/copyright DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package}
          COMPONENT ${component} EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
