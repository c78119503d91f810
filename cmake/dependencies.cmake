# SPDX-License-Identifier: Apache-2.0
# What libtally links, as targets: Boost::json, Boost::date_time, SQLite::SQLite3,
# PostgreSQL::PostgreSQL (with TALLY_POSTGRES), and the IANA zone database reader.
#
# On Linux (the default): Debian's shared libraries, found with find_package.
# On Windows (cross-compiled with cmake/mingw-w64-x86_64.cmake, docs/windows.md) nothing
# is installed for the target: Boost.JSON is compiled from its headers (boost/json/src.hpp),
# Boost.Date_Time and date.h are header-only, and all are taken from TALLY_HEADERS_DIR (Debian's
# /usr/include) through a folder of links, so that no Linux system header reaches the compiler.
if(WIN32)
  set(TALLY_DEFAULT_BUNDLED_SQLITE ON)
  set(TALLY_DEFAULT_POSTGRES OFF)
else()
  set(TALLY_DEFAULT_BUNDLED_SQLITE OFF)
  set(TALLY_DEFAULT_POSTGRES ON)
endif()
option(TALLY_BUNDLED_SQLITE "Build SQLite from the amalgamation in third_party/sqlite into libtally (OFF: the system's libsqlite3)"
       ${TALLY_DEFAULT_BUNDLED_SQLITE})
option(TALLY_POSTGRES "The PostgreSQL backend, over libpq (OFF: tally_engine_open_postgres answers TALLY_E_UNSUPPORTED)"
       ${TALLY_DEFAULT_POSTGRES})

if(WIN32)
  set(TALLY_HEADERS_DIR /usr/include CACHE PATH "Where the Boost, date and CLI11 headers are (Debian's /usr/include)")
  set(TALLY_HEADER_LINKS ${PROJECT_BINARY_DIR}/deps/include)
  file(MAKE_DIRECTORY ${TALLY_HEADER_LINKS})
  foreach(dir boost date CLI)
    if(NOT EXISTS ${TALLY_HEADERS_DIR}/${dir})
      message(FATAL_ERROR "${TALLY_HEADERS_DIR}/${dir} not found: the Windows build takes the headers of Boost, date and CLI11 "
                          "from Debian (apt-get install libboost-json1.81-dev libboost-date-time1.81-dev "
                          "libhowardhinnant-date-dev libcli11-dev, or scripts/setup.sh)")
    endif()
    file(CREATE_LINK ${TALLY_HEADERS_DIR}/${dir} ${TALLY_HEADER_LINKS}/${dir} SYMBOLIC)
  endforeach()
  add_library(tally_dep_headers INTERFACE)
  target_include_directories(tally_dep_headers SYSTEM INTERFACE ${TALLY_HEADER_LINKS})
  # Windows 7's API and later; no min/max macros from windows.h.
  target_compile_definitions(tally_dep_headers INTERFACE _WIN32_WINNT=0x0601 NOMINMAX WIN32_LEAN_AND_MEAN)
  file(WRITE ${PROJECT_BINARY_DIR}/deps/boost_json.cpp "// Boost.JSON in its header-only mode: its sources, once.\n#include <boost/json/src.hpp>\n")
  add_library(tally_boost_json STATIC ${PROJECT_BINARY_DIR}/deps/boost_json.cpp)
  target_link_libraries(tally_boost_json PUBLIC tally_dep_headers)
  add_library(Boost::json ALIAS tally_boost_json)
  add_library(Boost::date_time ALIAS tally_dep_headers)
  add_library(CLI11::CLI11 ALIAS tally_dep_headers)
else()
  find_package(Boost 1.81 REQUIRED CONFIG COMPONENTS json date_time)
  # libdate-tz (Debian libhowardhinnant-date-dev): IANA time zones from the system's zone
  # database, the reference implementation of C++20's <chrono> time zones, which g++ 12's
  # library lacks (docs/decisions.md).
  find_package(date CONFIG REQUIRED)
endif()

if(TALLY_BUNDLED_SQLITE)
  # The official amalgamation, its version and checksums in third_party/sqlite/README.md.
  find_package(Threads REQUIRED)
  add_library(tally_sqlite3 STATIC ${PROJECT_SOURCE_DIR}/third_party/sqlite/sqlite3.c)
  target_include_directories(tally_sqlite3 SYSTEM PUBLIC ${PROJECT_SOURCE_DIR}/third_party/sqlite)
  target_compile_definitions(tally_sqlite3 PRIVATE SQLITE_THREADSAFE=1 SQLITE_DQS=0 SQLITE_OMIT_LOAD_EXTENSION
                                                   SQLITE_DEFAULT_FOREIGN_KEYS=0)
  target_link_libraries(tally_sqlite3 PUBLIC Threads::Threads)
  set_target_properties(tally_sqlite3 PROPERTIES C_VISIBILITY_PRESET hidden)
  add_library(SQLite::SQLite3 ALIAS tally_sqlite3)
else()
  find_package(SQLite3 REQUIRED)
endif()

if(TALLY_POSTGRES)
  # libpq (Debian libpq-dev): the PostgreSQL backend's client library (docs/postgresql.md).
  find_package(PostgreSQL REQUIRED)
endif()

if(WIN32)
  # The IANA zone database beside tally.dll (Windows has none; src/domain/zoneinfo.cpp).
  set(TALLY_ZONEINFO_SOURCE /usr/share/zoneinfo CACHE PATH "The zone database copied beside tally.dll (Debian's tzdata)")
  set(TALLY_ZONEINFO_DIR ${PROJECT_BINARY_DIR}/bin/zoneinfo)
  add_custom_command(OUTPUT ${TALLY_ZONEINFO_DIR}/README.txt
    COMMAND ${CMAKE_COMMAND} -DSOURCE=${TALLY_ZONEINFO_SOURCE} -DDESTINATION=${TALLY_ZONEINFO_DIR}
            -P ${PROJECT_SOURCE_DIR}/cmake/zoneinfo.cmake
    DEPENDS ${PROJECT_SOURCE_DIR}/cmake/zoneinfo.cmake
    COMMENT "zoneinfo: the IANA zone database beside tally.dll")
  add_custom_target(tally_zoneinfo ALL DEPENDS ${TALLY_ZONEINFO_DIR}/README.txt)
endif()
