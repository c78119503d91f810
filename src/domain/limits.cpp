// SPDX-License-Identifier: Apache-2.0
// The checks of tally/limits.hpp.
#include "tally/limits.hpp"

namespace tally::limits {
namespace {

// Bytes of an over-long value shown in a message.
constexpr std::size_t kShown = 24;

}  // namespace

std::string quoted(std::string_view value) {
  if (value.size() <= kIdBytes) return "'" + std::string(value) + "'";
  std::size_t n = kShown;
  // Back off to the first byte of a UTF-8 sequence, so the prefix stays valid text.
  while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
  return "'" + std::string(value.substr(0, n)) + "...' (" + std::to_string(value.size()) + " bytes)";
}

void check_size(std::size_t size, std::size_t max, std::string_view field) {
  if (size > max)
    throw Error(ErrorCode::invalid_argument,
                std::string(field) + ": " + std::to_string(size) + " bytes; at most " + std::to_string(max));
}

void check_length(std::string_view value, std::size_t max, std::string_view field, ErrorCode code) {
  if (value.size() > max)
    throw Error(code, std::string(field) + ": " + quoted(value) + " is longer than " + std::to_string(max) + " bytes");
}

}  // namespace tally::limits
