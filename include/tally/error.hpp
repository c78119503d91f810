// SPDX-License-Identifier: Apache-2.0
// Error codes and the exception the C++ API throws.
#pragma once

#include <stdexcept>
#include <string>

#include "tally/export.hpp"

namespace tally {

// Stable numbers: the C ABI returns them as they are, so a code is never renumbered
// or reused. New codes are added at the end. The one table of the codes, with each
// one's family and message: tally/status_codes.def.
enum class ErrorCode : int {
#define TALLY_STATUS(number, name, family, message) name = number,
#include "tally/status_codes.def"
#undef TALLY_STATUS
};

// Short identifier of a code, e.g. "unknown_upc"; "unknown" for a number not in the table.
TALLY_API const char* error_code_name(ErrorCode code) noexcept;
// What a code means, e.g. "no product in the catalog has this UPC".
TALLY_API const char* error_code_message(ErrorCode code) noexcept;

class TALLY_API Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace tally
