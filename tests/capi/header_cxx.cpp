// SPDX-License-Identifier: Apache-2.0
// tally.h must compile as C++ too.
#include "tally.h"

int tally_header_compiles_as_cxx() { return TALLY_OK; }
