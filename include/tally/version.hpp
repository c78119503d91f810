// SPDX-License-Identifier: Apache-2.0
// Tally's version at compile time (TALLY_VERSION_MAJOR, _MINOR, _PATCH, _STRING, _NUMBER),
// generated from project(VERSION) in CMakeLists.txt.
#pragma once

#include "tally_version.h"
