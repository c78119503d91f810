// The C ABI over the C++ engine: the only extern "C" code.
#include "tally.h"

#include "tally/error.hpp"
#include "tally/version.hpp"

static_assert(TALLY_E_INTERNAL == static_cast<int>(tally::ErrorCode::internal));
static_assert(TALLY_E_UNKNOWN_MANUFACTURER == static_cast<int>(tally::ErrorCode::unknown_manufacturer));

extern "C" {

const char* tally_version(void) { return TALLY_VERSION_STRING; }

int32_t tally_version_number(void) {
  return TALLY_VERSION_MAJOR * 10000 + TALLY_VERSION_MINOR * 100 + TALLY_VERSION_PATCH;
}

const char* tally_status_name(int32_t status) {
  return tally::error_code_name(static_cast<tally::ErrorCode>(status));
}

}  // extern "C"
