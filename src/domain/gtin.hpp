// SPDX-License-Identifier: Apache-2.0
// UPC/GTIN codes: validation and the one key form products are stored under.
#pragma once

#include <string>
#include <string_view>

namespace tally::domain {

// Empty when `code` is a valid GTIN-8, UPC-A (12), EAN-13 or GTIN-14; otherwise why not.
std::string gtin_problem(std::string_view code);

// The code left-padded with zeros to 14 digits, so a UPC-A and the same code written as
// EAN-13 name one product. Only for codes that passed gtin_problem.
std::string gtin14(std::string_view code);

}  // namespace tally::domain
