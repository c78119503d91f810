// SPDX-License-Identifier: Apache-2.0
#include "engine/keys.hpp"

#include <charconv>

namespace tally::keys {

std::string esc(std::string_view component) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  out.reserve(component.size());
  for (unsigned char c : component) {
    if (c == '%' || c == '/' || c < 0x20 || c >= 0x7F) {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string num(std::int64_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  const auto length = static_cast<std::size_t>(end - digits);
  std::string out(length < 16 ? 16 - length : 0, '0');
  out.append(digits, length);
  return out;
}

std::string id_block(std::string_view name, std::string_view loc) { return id_blocks(name) + esc(loc); }

std::string prefix_end(std::string_view prefix) {
  std::string end(prefix);
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

std::int64_t trailing_number(std::string_view key) {
  auto slash = key.rfind('/');
  std::string_view digits = key.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::int64_t n = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), n);
  return n;
}

}  // namespace tally::keys
