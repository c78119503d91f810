// SPDX-License-Identifier: Apache-2.0
// The custom programs' cash-back and prepaid-pass modes on top of the test shop.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "support/fixture.hpp"

namespace tally_test {

inline const std::string kCampPass = "055555000012";  // a day-camp pass of 3 days
inline const std::string kCampDay = "055555000029";   // a day of camp bought on its own

// "perks": 5% cash back on Acme beef and Bolt cat 3 lb, 10% on the cat food; three punches
// complete the card. "camp": a prepaid pass of 3 uses. The schemas test checks the same file.
inline std::string custom_modes_catalog() {
  std::ifstream file(TALLY_SOURCE_DIR "/tests/fixtures/custom-modes-catalog.json");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// The test shop with both programs loaded and the Virginia store enrolled in them.
inline void add_custom_modes(Shop& shop) {
  shop.engine.load_catalog(custom_modes_catalog(), kMonday - kDay);
  shop.enroll("va", "perks");
  shop.enroll("va", "camp");
}

}  // namespace tally_test
