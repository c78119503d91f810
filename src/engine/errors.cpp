// SPDX-License-Identifier: Apache-2.0
// Names and messages of the status codes, from their one table (tally/status_codes.def).
#include "tally/error.hpp"

namespace tally {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
#define TALLY_STATUS(number, name, family, message) \
  case ErrorCode::name:                            \
    return #name;
#include "tally/status_codes.def"
#undef TALLY_STATUS
  }
  return "unknown";
}

const char* error_code_message(ErrorCode code) noexcept {
  switch (code) {
#define TALLY_STATUS(number, name, family, message) \
  case ErrorCode::name:                            \
    return message;
#include "tally/status_codes.def"
#undef TALLY_STATUS
  }
  return "a status code this version of the library does not know";
}

}  // namespace tally
