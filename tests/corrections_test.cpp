// SPDX-License-Identifier: Apache-2.0
// Corrections after finishing (DOMAIN section 5, items 4, 7, 8).
#include <doctest/doctest.h>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

const Actor kStore{ActorRole::retailer, ""};
const Actor kEast{ActorRole::distributor, "east"};

// Ann completes her Acme card (3 punches) and takes `upc` free.
Redemption acme_reward(Shop& shop, const std::string& receipt, const std::string& upc, Timestamp at = kMonday) {
  auto checkout = shop.open("ann", receipt, at, "va", "three bags");
  checkout.add_line({kOriginal, 1, 1500});
  checkout.add_line({kAdult, 1, 1500});
  checkout.add_line({kBeef4, 1, 1500});
  checkout.redeem({"acme-fb", "dog", upc, 1500});
  return checkout.finish().redemptions.at(0);
}

const Card* card_of(const std::vector<Card>& cards, const std::string& program, const std::string& status) {
  for (const auto& c : cards)
    if (c.program_id == program && c.status == status) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("worked example 2: remove and reselect swaps Adult for Original and the credit line follows") {
  Shop shop;
  auto wrong = acme_reward(shop, "R1", kAdult);
  auto swapped = shop.engine.undo_redemption(kStore, wrong.id, kOriginal, 1500, kMonday + 600);
  CHECK(swapped.upc == kOriginal);
  CHECK(swapped.id != wrong.id);
  CHECK(swapped.card_number == wrong.card_number);
  auto old_line = shop.engine.credit_line(wrong.credit_line_id);
  CHECK(old_line.state == "withdrawn");
  auto new_line = shop.engine.credit_line(swapped.credit_line_id);
  CHECK(new_line.upc == kOriginal);
  CHECK(new_line.state == "new");
  CHECK(new_line.partner == "east");
  auto lines = shop.engine.credit_lines("new", "east");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].upc == kOriginal);
  // The card stays redeemed, now by the new redemption; the old one cannot be undone again.
  auto cards = shop.engine.cards("ann", true);
  const Card* card = card_of(cards, "acme-fb", "redeemed");
  REQUIRE(card);
  CHECK(card->redemption_id == swapped.id);
  CHECK(code_of([&] { shop.engine.undo_redemption(kStore, wrong.id, "", std::nullopt, kMonday); }) == ErrorCode::invalid_state);
  // Reselecting an item the rule does not allow is refused and changes nothing.
  auto before = shop.dump();
  CHECK(code_of([&] { shop.engine.undo_redemption(kStore, swapped.id, kDuck4, 2500, kMonday); }) == ErrorCode::item_not_allowed);
  CHECK(shop.dump() == before);
}

TEST_CASE("corrections: remove only makes the card complete again") {
  Shop shop;
  auto redemption = acme_reward(shop, "R1", kBeef4);
  shop.engine.undo_redemption(kStore, redemption.id, "", std::nullopt, kMonday + 60);
  CHECK(shop.engine.credit_line(redemption.credit_line_id).state == "withdrawn");
  auto rewards = shop.engine.rewards("ann", "va");
  REQUIRE(rewards.size() == 1);
  CHECK(rewards[0].card_number == redemption.card_number);
  // The reward can be taken at a later visit.
  auto later = shop.open("ann", "R2", kMonday + kDay);
  later.redeem({"acme-fb", "dog", kOriginal, 1500});
  CHECK(later.finish().redemptions.size() == 1);
}

TEST_CASE("corrections: undo follows the line's state: batched leaves its batch, credited needs a reversal") {
  Shop shop;
  auto first = acme_reward(shop, "R1", kBeef4);
  auto batch = shop.engine.pull_batch(kEast, "b", {}, kMonday);
  shop.engine.undo_redemption(kStore, first.id, "", std::nullopt, kMonday + 1);
  CHECK(shop.engine.batch(batch.id).lines.empty());
  CHECK(shop.engine.credit_line(first.credit_line_id).state == "withdrawn");

  auto second = acme_reward(shop, "R2", kBeef4, kMonday + kDay);
  auto b2 = shop.engine.pull_batch(kEast, "b2", {}, kMonday + kDay);
  shop.engine.fulfill_batch(kEast, b2.id, {"CM", 1500}, kMonday + kDay);
  auto before = shop.dump();
  CHECK(code_of([&] { shop.engine.undo_redemption(kStore, second.id, "", std::nullopt, kMonday + kDay); }) ==
        ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.undo_redemption(kEast, second.id, "", std::nullopt, kMonday + kDay); }) ==
        ErrorCode::wrong_actor);
  CHECK(shop.dump() == before);
  shop.engine.undo_redemption(kStore, second.id, "", std::nullopt, kMonday + 2 * kDay, true);
  auto credited = shop.engine.credit_line(second.credit_line_id);
  CHECK(credited.state == "credited");  // the credited fact stands
  auto reversals = shop.engine.credit_lines("new", "east");
  REQUIRE(reversals.size() == 1);
  CHECK(reversals[0].reverses == credited.id);
  CHECK(reversals[0].quantity == -1);
  CHECK(reversals[0].unit_price == credited.unit_price);
}

TEST_CASE("corrections: a return removes the punches its line earned, partially too") {
  Shop shop;
  shop.buy("ann", "R1", {{kCat3, 1299}}, kMonday);  // 1 of 2 on the Bolt card
  auto checkout = shop.open("bob", "R2", kMonday, "va", "three bags");
  checkout.add_line({kBeef4, 2, 1500});
  checkout.finish();
  auto result = shop.engine.return_items({"va", "R2", 0, 1, "RET-1", kMonday + kDay});
  CHECK(result.punches_removed == 1);
  CHECK(result.debt_added == 0);
  auto cards = shop.engine.cards("bob");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].punches.size() == 1);
  // Retrying the same return changes nothing; asking for more than was sold is refused.
  auto before = shop.dump();
  CHECK(shop.engine.return_items({"va", "R2", 0, 1, "RET-1", kMonday + kDay}).replayed);
  CHECK(shop.dump() == before);
  CHECK(code_of([&] { shop.engine.return_items({"va", "R2", 0, 1, "RET-1", kMonday + kDay + 5}); }) == ErrorCode::ok);
  CHECK(code_of([&] { shop.engine.return_items({"va", "R2", 0, 2, "RET-1", kMonday}); }) == ErrorCode::receipt_conflict);
  CHECK(code_of([&] { shop.engine.return_items({"va", "R2", 0, 2, "RET-2", kMonday}); }) == ErrorCode::invalid_quantity);
  CHECK(code_of([&] { shop.engine.return_items({"va", "R2", 5, 1, "RET-3", kMonday}); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.return_items({"va", "NOPE", 0, 1, "RET-4", kMonday}); }) == ErrorCode::not_found);
  CHECK(shop.dump() == before);
  CHECK(shop.engine.return_items({"va", "R2", 0, 1, "RET-5", kMonday + kDay}).punches_removed == 1);
  CHECK(shop.engine.cards("bob")[0].punches.empty());
}

TEST_CASE("corrections: returning an item that paid for a redeemed reward puts a debt on the next card") {
  Shop shop;
  auto redemption = acme_reward(shop, "R1", kBeef4);
  auto result = shop.engine.return_items({"va", "R1", 2, 1, "RET-1", kMonday + kDay});
  CHECK(result.debt_added == 1);
  CHECK(result.punches_removed == 0);
  auto cards = shop.engine.cards("ann");
  const Card* next = card_of(cards, "acme-fb", "open");
  REQUIRE(next);
  CHECK(next->debt == 1);
  CHECK(next->required == 4);
  // Three bags no longer complete the next card; the fourth does.
  auto three = shop.buy("ann", "R2", {{kBeef4, 1500}, {kBeef4, 1500}, {kBeef4, 1500}}, kMonday + 2 * kDay, "three bags");
  for (const auto& r : three.rewards_waiting) CHECK(r.program_id != "acme-fb");
  auto fourth = shop.buy("ann", "R3", {{kBeef4, 1500}}, kMonday + 3 * kDay);
  REQUIRE(fourth.rewards_waiting.size() == 1);
  CHECK(fourth.rewards_waiting[0].program_id == "acme-fb");
  CHECK(redemption.card_number != fourth.rewards_waiting[0].card_number);
}

TEST_CASE("worked example 6: a card with one punch cannot be split, one with two can") {
  Shop shop;
  shop.buy("ann", "R1", {{kCat3, 1299}}, kMonday);
  auto card = shop.engine.cards("ann").at(0);
  CHECK(code_of([&] { shop.engine.split_card("ann", card.number, {0}, kMonday); }) == ErrorCode::invalid_state);
  Shop other;
  other.buy("ann", "R1", {{kChicken4, 1999}}, kMonday);
  other.buy("ann", "R2", {{kChicken25, 5999}}, kMonday + kDay);
  auto cards = other.engine.cards("ann");
  const Card* dog = card_of(cards, "acme-fb", "open");
  REQUIRE(dog);
  REQUIRE(dog->punches.size() == 1);  // 25 lb is not on the Acme dog card
  other.buy("ann", "R3", {{kBeef4, 1500}}, kMonday + 2 * kDay);
  cards = other.engine.cards("ann");
  dog = card_of(cards, "acme-fb", "open");
  REQUIRE(dog);
  const auto number = dog->number;
  CHECK(code_of([&] { other.engine.split_card("ann", number, {0, 1}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { other.engine.split_card("bob", number, {1}, kMonday); }) == ErrorCode::not_found);
  auto [kept, split] = other.engine.split_card("ann", number, {1}, kMonday + 3 * kDay);
  CHECK(kept.number == number);
  CHECK(kept.punches.size() == 1);
  CHECK(split.punches.size() == 1);
  CHECK(split.program_id == "acme-fb");
  CHECK(split.punches[0].upc == kBeef4);
  CHECK(split.number != number);
}

TEST_CASE("corrections: merging duplicate customers moves open cards and history to the survivor") {
  Shop shop;
  shop.buy("ann", "R1", {{kCat3, 1299}}, kMonday);
  shop.customer("ann2", "Ann", "Lee", "ann@example.com");
  shop.buy("ann2", "R2", {{kBeef4, 1500}}, kMonday);
  auto survivor = shop.engine.merge_customers("ann", "ann2", kMonday + kDay);
  CHECK(survivor.id == "ann");
  CHECK(shop.engine.cards("ann").size() == 2);
  CHECK(shop.engine.cards("ann2").empty());
  CHECK(shop.engine.customer("ann2").merged_into == "ann");
  CHECK(code_of([&] { shop.open("ann2", "R3"); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.merge_customers("ann", "ann2", kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.merge_customers("ann", "ann", kMonday); }) == ErrorCode::invalid_argument);
  // The moved card goes on collecting for the survivor.
  auto next = shop.buy("ann", "R4", {{kBeef4, 1500}}, kMonday + kDay);
  CHECK(next.punches.at(0).punch_number == 2);
}
