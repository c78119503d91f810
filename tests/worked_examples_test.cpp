// SPDX-License-Identifier: Apache-2.0
// DOMAIN.md section 11: the worked examples this part of the library covers.
#include <doctest/doctest.h>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

TEST_CASE("worked example 1: lesser or equal value allows Beef and Chicken, refuses Duck") {
  Shop shop;
  shop.buy("ann", "R1", {{kChicken4, 1599}}, kMonday);
  shop.buy("ann", "R2", {{kBeef4, 1449}}, kMonday + kDay);
  // Chicken goes on sale: the store's shelf price is now 1449, the same as Beef.
  shop.buy("bob", "R3", {{kChicken4, 1449}}, kMonday + kDay);
  auto checkout = shop.open("ann", "R4", kMonday + 2 * kDay);
  checkout.add_line({kDuck4, 1, 1899});
  auto rewards = checkout.rewards();
  REQUIRE(rewards.size() == 1);
  const Reward& reward = rewards[0];
  CHECK(reward.free_item_rule == "lesser_or_equal_value");
  CHECK(reward.max_unit_price == 1449);  // Beef, the least-valued purchase
  std::vector<std::string> allowed;
  for (const auto& item : reward.allowed) allowed.push_back(item.upc);
  CHECK(allowed == std::vector<std::string>{kChicken4, kBeef4});
  CHECK(code_of([&] { checkout.redeem({"acme-fb", "dog", kDuck4, 1899}); }) == ErrorCode::item_not_allowed);
  checkout.redeem({"acme-fb", "dog", kChicken4, std::nullopt});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].upc == kChicken4);
  CHECK(result.redemptions[0].unit_price == 1449);
}

TEST_CASE("worked example 4: three held redemptions move to the distributor the store picks") {
  Shop shop;  // Bolt's program is in Temporary Holding at the Virginia store
  const std::vector<std::string> customers{"ann", "bob", "bree"};
  for (std::size_t i = 0; i < customers.size(); ++i) {
    auto checkout = shop.open(customers[i], "H" + std::to_string(i), kMonday, "va", "two bags");
    checkout.add_line({kCat3, 2, 1299});
    checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
    auto result = checkout.finish();
    REQUIRE(result.redemptions.size() == 1);
    CHECK(result.redemptions[0].credit_state == "held");
  }
  CHECK(shop.engine.credit_lines("held").size() == 3);
  CHECK(shop.engine.credit_lines("new", "east").empty());
  auto change = shop.engine.enroll({"va", "bolt-fb", "east", "E-100"}, kMonday + kDay);
  CHECK(change.released_lines == 3);
  CHECK(shop.engine.credit_lines("held").empty());
  auto released = shop.engine.credit_lines("new", "east");
  REQUIRE(released.size() == 3);
  for (const auto& line : released) {
    CHECK(line.account_number == "E-100");
    REQUIRE(line.history.size() == 2);
    CHECK(line.history[0].state == "held");
    CHECK(line.history[1].state == "new");
    CHECK(line.history[1].at == kMonday + kDay);
  }
  // Later redemptions of the program go straight to the distributor.
  auto checkout = shop.open("ann", "H9", kMonday + 2 * kDay, "va", "two bags");
  checkout.add_line({kCat7, 2, 1899});
  checkout.redeem({"bolt-fb", "cat", kCat7, 1899});
  CHECK(checkout.finish().redemptions[0].credit_state == "new");
  CHECK(shop.engine.credit_lines("new", "east").size() == 4);
}

TEST_CASE("worked example 7: a distributor serving NC, VA, SC and GA suits VA, not OH") {
  Shop shop;
  CHECK(code_of([&] { shop.engine.enroll({"va", "acme-fb", "east", "E-1"}, kMonday); }) == ErrorCode::ok);
  auto before = shop.dump();
  auto refused = [&] { shop.engine.enroll({"oh", "acme-fb", "east", "E-1"}, kMonday); };
  CHECK(code_of(refused) == ErrorCode::distributor_not_serving);
  CHECK(message_of(refused).find("does not serve OH") != std::string::npos);
  CHECK(shop.dump() == before);
  CHECK(shop.engine.enrollment("oh", "acme-fb").distributor_id == "ohio");
}

TEST_CASE("worked example 8: finishing the same receipt three times punches once and redeems once") {
  Shop shop;
  shop.buy("ann", "R1", {{kBeef4, 1500}}, kMonday);
  shop.buy("ann", "R2", {{kBeef4, 1500}}, kMonday);
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto checkout = shop.open("ann", "R3", kMonday + kDay);
    checkout.add_line({kBeef4, 1, 1500});
    checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
    auto result = checkout.finish();
    CHECK(result.replayed == (attempt > 0));
    CHECK(result.redemptions.size() == 1);
  }
  auto cards = shop.engine.cards("ann", true);
  int punches = 0;
  for (const auto& card : cards)
    if (card.program_id == "acme-fb") punches += static_cast<int>(card.punches.size());
  CHECK(punches == 3);
  CHECK(shop.engine.credit_lines().size() == 1);
  int finished = 0;
  for (const auto& entry : shop.engine.journal(0))
    if (entry.kind == "checkout.finished") ++finished;
  CHECK(finished == 3);  // R1, R2 and R3 once
}
