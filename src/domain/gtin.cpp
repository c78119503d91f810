// SPDX-License-Identifier: Apache-2.0
#include "domain/gtin.hpp"

namespace tally::domain {

std::string gtin_problem(std::string_view code) {
  const auto n = code.size();
  if (n != 8 && n != 12 && n != 13 && n != 14) return "must be 8, 12, 13 or 14 digits";
  for (char c : code)
    if (c < '0' || c > '9') return "must be digits only";
  // GS1 check digit: from the right, excluding the check digit, weights 3,1,3,1...
  int sum = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    int digit = code[n - 2 - i] - '0';
    sum += (i % 2 == 0) ? digit * 3 : digit;
  }
  int check = (10 - sum % 10) % 10;
  if (check != code[n - 1] - '0') return "check digit does not verify";
  return {};
}

std::string gtin14(std::string_view code) {
  std::string out(14 - code.size(), '0');
  out.append(code);
  return out;
}

}  // namespace tally::domain
