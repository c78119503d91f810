# SPDX-License-Identifier: Apache-2.0
# The API reference (docs/Doxyfile.in): `cmake --build build --target docs` writes
# build/docs/api/html from the installed headers with Doxygen (Debian `doxygen`), and fails
# on any undocumented public symbol, parameter or return value, or doc comment that does not
# match its declaration.
find_program(TALLY_DOXYGEN doxygen)
set(TALLY_DOCS_OUTPUT ${PROJECT_BINARY_DIR}/docs/api)
configure_file(${PROJECT_SOURCE_DIR}/docs/Doxyfile.in ${PROJECT_BINARY_DIR}/docs/Doxyfile @ONLY)
if(TALLY_DOXYGEN)
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E make_directory ${TALLY_DOCS_OUTPUT}
    COMMAND ${TALLY_DOXYGEN} ${PROJECT_BINARY_DIR}/docs/Doxyfile
    WORKING_DIRECTORY ${PROJECT_BINARY_DIR}
    COMMENT "API reference: doxygen (warnings fail the build)"
    VERBATIM)
else()
  add_custom_target(docs
    COMMAND ${CMAKE_COMMAND} -E echo "docs: doxygen is not installed: apt-get install doxygen (scripts/setup.sh --tests does)"
    COMMAND ${CMAKE_COMMAND} -E false
    VERBATIM)
endif()
