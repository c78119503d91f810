// SPDX-License-Identifier: Apache-2.0
// Storage failures: an operation either fully happened or did not happen at all.
#include <doctest/doctest.h>

#include "support/custom_modes.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

// Every storage call of `op` failed in turn (fail_at_every_call); a finish makes more than three.
template <class Setup, class Op>
void fail_every_call(Setup setup, Op op) {
  REQUIRE(fail_at_every_call(setup, op) > 3);
}

// A visit that touches everything a finish writes: new and existing cards, a completed
// card, a redemption with its credit line, prices, the journal and the receipt.
void ring_up(Shop& shop) {
  auto checkout = shop.open("ann", "F1", kMonday + kDay, "va", "two bags");
  checkout.add_line({kBeef4, 1, 1500});
  checkout.add_line({kCat3, 2, 1299});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  auto result = checkout.finish();
  CHECK(result.redemptions.size() == 1);
  CHECK_FALSE(result.replayed);
}

void two_beef(Shop& shop) {
  shop.buy("ann", "P1", {{kBeef4, 1500}}, kMonday);
  shop.buy("ann", "P2", {{kBeef4, 1500}}, kMonday);
}

void held_redemption(Shop& shop) {
  auto checkout = shop.open("ann", "H1", kMonday, "va", "two bags");
  checkout.add_line({kCat3, 2, 1299});
  checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
  checkout.finish();
}

// A complete cash-back card (297 cents waiting) and a prepaid pass of 3 uses.
void cash_back_and_pass(Shop& shop) {
  add_custom_modes(shop);
  shop.buy("ann", "M1", {{kBeef4, 1999}}, kMonday);
  shop.buy("ann", "M2", {{kCat3, 1234}}, kMonday + kDay);
  shop.buy("ann", "M3", {{kBeef4, 1500}, {kCampPass, 9900}}, kMonday + 2 * kDay);
}

}  // namespace

TEST_CASE("atomicity: a fault at every storage call of a cash-back payout with a pass use leaves all or nothing") {
  fail_every_call(cash_back_and_pass, [](Shop& shop) {
    auto checkout = shop.open("ann", "M4", kMonday + 3 * kDay);
    checkout.redeem({"perks", "food", "", std::nullopt});
    checkout.use_pass({"camp", "pass3", 2});
    const auto result = checkout.finish();
    REQUIRE(result.redemptions.size() == 2);
    CHECK(result.redemptions[0].unit_price == 297);
  });
}

TEST_CASE("atomicity: a fault at every storage call of a return of paid-out cash back leaves all or nothing") {
  fail_every_call(
      [](Shop& shop) {
        cash_back_and_pass(shop);
        auto checkout = shop.open("ann", "M4", kMonday + 3 * kDay);
        checkout.redeem({"perks", "food", "", std::nullopt});
        checkout.finish();
      },
      [](Shop& shop) {
        const auto back = shop.engine.return_items({"va", "M2", 0, 1, "X1", kMonday + 4 * kDay});
        CHECK(back.cash_back_taken == 123);
      });
}

TEST_CASE("atomicity: a fault at every storage call of a finish leaves all or nothing") {
  fail_every_call(two_beef, ring_up);
}

TEST_CASE("atomicity: a fault at every storage call of a holding release leaves all or nothing") {
  fail_every_call(held_redemption, [](Shop& shop) {
    auto change = shop.engine.enroll({"va", "bolt-fb", "east", "E-100"}, kMonday + kDay);
    CHECK(change.released_lines == 1);
  });
}

TEST_CASE("atomicity: a fault at every storage call of a catalog load leaves all or nothing") {
  fail_every_call([](Shop&) {}, [](Shop& shop) {
    shop.engine.load_catalog(R"({"manufacturers": [{"id": "zed", "name": "Zed"}],
      "products": [{"upc": "96385074", "description": "Zed Bites", "manufacturer": "zed"}]})", kMonday);
  });
}

TEST_CASE("atomicity: a busy answer reruns the whole operation once the store is free") {
  Shop shop;
  two_beef(shop);
  // One busy answer: the engine runs the whole finish again and succeeds once.
  shop.fault->fail_at(3, StoreStatus::busy);
  ring_up(shop);
  CHECK(shop.engine.credit_lines().size() == 1);
  CHECK(shop.engine.cards("ann", true).size() >= 2);
}

TEST_CASE("atomicity: a failed commit stores nothing and the error says so") {
  Shop reference;
  two_beef(reference);
  reference.fault->reset();
  ring_up(reference);
  Shop shop;
  two_beef(shop);
  const auto before = shop.dump();
  shop.fault->fail_at(reference.fault->calls());  // the commit is a finish's last call
  CHECK(message_of([&] { ring_up(shop); }).find("storage commit failed") == 0);
  CHECK(shop.dump() == before);
}
