// SPDX-License-Identifier: Apache-2.0
// The checkout flow (DOMAIN section 5): punches, completion, rewards, redemptions, finish.
#include <doctest/doctest.h>

#include <set>

#include "support/damage.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

std::vector<std::string> allowed_upcs(const Reward& reward) {
  std::vector<std::string> out;
  for (const auto& item : reward.allowed) out.push_back(item.upc);
  return out;
}

const Reward* find_reward(const std::vector<Reward>& rewards, const std::string& program) {
  for (const auto& r : rewards)
    if (r.program_id == program) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("checkout: each qualifying unit punches the card that owns the UPC") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  auto punches = checkout.add_line({kChicken4, 1, 1999});
  // Chicken 4 lb is on the Acme dog card and on the Acme same-size card.
  REQUIRE(punches.size() == 2);
  CHECK(punches[0].program_id == "acme-fb");
  CHECK(punches[0].punch_number == 1);
  CHECK(punches[1].program_id == "acme-size");
  CHECK(checkout.add_line({kDental, 1, 599}).empty());  // in the catalog, in no program
  auto result = checkout.finish();
  CHECK(result.punches.size() == 2);
  CHECK(result.punches[0].card_number > 0);
  CHECK(result.business_date == "2026-11-02");
  auto cards = shop.engine.cards("ann");
  REQUIRE(cards.size() == 2);
  CHECK(cards[0].status == "open");
  CHECK(cards[0].punches.size() == 1);
  CHECK(cards[0].punches[0].unit_price == 1999);
}

TEST_CASE("checkout: a card completes at buy_n and later punches start the next card") {
  Shop shop;
  shop.buy("ann", "R1", {{kBeef4, 1500}}, kMonday);
  shop.buy("ann", "R2", {{kBeef4, 1500}}, kMonday + kDay);
  auto checkout = shop.open("ann", "R3", kMonday + 2 * kDay);
  checkout.add_line({kBeef4, 1, 1500});
  auto rewards = checkout.rewards();
  const Reward* reward = find_reward(rewards, "acme-fb");
  REQUIRE(reward);
  CHECK(reward->card_name == "Acme dog 4 lb");
  checkout.finish();
  // The fourth unit starts a second card; the first stays complete until redeemed.
  shop.buy("ann", "R4", {{kBeef4, 1500}}, kMonday + 3 * kDay);
  auto cards = shop.engine.cards("ann");
  int complete = 0, open = 0;
  for (const auto& c : cards)
    if (c.program_id == "acme-fb") (c.status == "complete" ? complete : open)++;
  CHECK(complete == 1);
  CHECK(open == 1);
}

TEST_CASE("checkout: excluded items never punch and unknown UPCs are refused") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  CHECK(checkout.add_line({kTrial, 1, 299}).empty());
  CHECK(code_of([&] { checkout.add_line({kNewUpc, 1, 100}); }) == ErrorCode::unknown_upc);
  CHECK(message_of([&] { checkout.add_line({kNewUpc, 1, 100}); }).find("lines[1].upc") == 0);
  CHECK(code_of([&] { checkout.add_line({"011111000019", 1, 100}); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { checkout.add_line({kBeef4, 0, 100}); }) == ErrorCode::invalid_quantity);
  CHECK(code_of([&] { checkout.add_line({kBeef4, -2, 100}); }) == ErrorCode::invalid_quantity);
  CHECK(code_of([&] { checkout.add_line({kBeef4, 1, -1}); }) == ErrorCode::invalid_price);
  // The refused lines were not kept: the visit has one line, which made no punch.
  auto result = checkout.finish();
  CHECK(result.lines.size() == 1);
  CHECK(result.punches.empty());
}

TEST_CASE("checkout: a forced exception punches with its reason and is flagged") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  SaleLine line{kNewUpc, 1, 1799, "acme-fb", "dog", ""};
  CHECK(code_of([&] { checkout.add_line(line); }) == ErrorCode::reason_required);
  line.exception_reason = "new UPC";
  auto punches = checkout.add_line(line);
  REQUIRE(punches.size() == 1);
  CHECK(punches[0].exception);
  SaleLine trial{kTrial, 1, 299, "acme-fb", "dog", "new UPC"};
  CHECK(checkout.add_line(trial).size() == 1);
  SaleLine wrong{kTrial, 1, 299, "acme-fb", "nope", "new UPC"};
  CHECK(code_of([&] { checkout.add_line(wrong); }) == ErrorCode::unknown_program);
  checkout.finish();
  auto cards = shop.engine.cards("ann");
  REQUIRE(cards.size() == 1);
  REQUIRE(cards[0].punches.size() == 2);
  CHECK(cards[0].punches[0].exception);
  CHECK(cards[0].punches[0].reason == "new UPC");
  CHECK(cards[0].punches[0].upc == kNewUpc);
}

TEST_CASE("checkout: several punches on one card in one visit need a reason") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kCat3, 2, 1299});
  CHECK(checkout.multi_punch_card() == "bolt-fb/cat");
  CHECK(code_of([&] { checkout.finish(); }) == ErrorCode::reason_required);
  CHECK(shop.engine.cards("ann").empty());
  checkout.set_multi_punch_reason("converting a paper card");
  CHECK(checkout.multi_punch_card().empty());
  auto result = checkout.finish();
  CHECK(result.punches.size() == 2);
  auto cards = shop.engine.cards("ann");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].punches[1].reason == "converting a paper card");
}

TEST_CASE("checkout: any-in-group rewards list every qualifying item") {
  Shop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two bags");
  checkout.add_line({kCat3, 2, 1299});
  auto rewards = checkout.rewards();
  const Reward* reward = find_reward(rewards, "bolt-fb");
  REQUIRE(reward);
  CHECK(reward->free_item_rule == "any_in_group");
  CHECK(allowed_upcs(*reward) == std::vector<std::string>{kCat3, kCat7, kCat15});
  checkout.redeem({"bolt-fb", "cat", kCat15, 3999});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].upc == kCat15);
  CHECK(result.redemptions[0].unit_price == 3999);
  CHECK(result.rewards_waiting.empty());
}

// GS1 check digit of the 11 digits before it (UPC-A).
std::string upc_a(std::string eleven) {
  int sum = 0;
  for (std::size_t i = 0; i < eleven.size(); ++i) sum += (eleven[i] - '0') * (i % 2 == 0 ? 3 : 1);
  return eleven + static_cast<char>('0' + (10 - sum % 10) % 10);
}

TEST_CASE("checkout: rewards show each allowed item's last shelf price, however many products lie between them") {
  // Two qualifying products far apart, and forty others priced at the store in between: the
  // prices are read by a range scan that gives up on so sparse a span and reads each one.
  Shop shop;
  std::string products, others;
  for (int i = 0; i < 42; ++i) {
    const std::string upc = upc_a("0555550" + std::to_string(1000 + i));
    products += std::string(products.empty() ? "" : ",") + R"({"upc": ")" + upc + R"(", "description": "Item )" +
                std::to_string(i) + R"(", "manufacturer": "acme"})";
    if (i != 0 && i != 41) others += std::string(others.empty() ? "" : ",") + R"({"upc": ")" + upc + R"(", "quantity": 1, "unit_price": 100})";
  }
  const std::string first = upc_a("05555501000"), last = upc_a("05555501041");
  shop.engine.load_catalog(R"({"products": [)" + products + R"(], "programs": [{"id": "far", "name": "Far Apart",
      "kind": "custom", "fulfillment": "none", "cards": [{"id": "two", "buy_n": 2, "free_item_rule": "any_in_group",
      "qualifying_upcs": [")" + first + R"(", ")" + last + R"("]}]}]})", kMonday);
  shop.enroll("va", "far");
  auto earlier = shop.open("bob", "R0", kMonday, "va", "stocking up");
  for (int i = 1; i < 41; ++i) earlier.add_line({upc_a("0555550" + std::to_string(1000 + i)), 1, 100 + i});
  earlier.add_line({first, 1, 450});
  earlier.finish();
  auto visit = shop.open("bob", "R1", kMonday + kDay);
  visit.add_line({last, 1, 725});  // completes the card: the reward lists both items
  auto rewards = visit.rewards();
  const Reward* reward = find_reward(rewards, "far");
  REQUIRE(reward);
  REQUIRE(reward->allowed.size() == 2);
  CHECK(reward->allowed[0].upc == first);
  CHECK(reward->allowed[0].unit_price == 450);  // the last price seen at the store
  CHECK(reward->allowed[1].upc == last);
  CHECK(reward->allowed[1].unit_price == 725);  // this visit's own price
}

TEST_CASE("checkout: same-size cards keep sizes apart and reward only that size") {
  Shop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "stocking up");
  checkout.add_line({kChicken4, 1, 1999});
  checkout.add_line({kChicken25, 1, 5999});
  CHECK(find_reward(checkout.rewards(), "acme-size") == nullptr);  // 1 + 1 on two cards
  checkout.add_line({kOriginal, 1, 1899});
  auto rewards = checkout.rewards();
  const Reward* reward = find_reward(rewards, "acme-size");
  REQUIRE(reward);
  CHECK(reward->size == "4 lb");
  CHECK(allowed_upcs(*reward) == std::vector<std::string>{kChicken4, kOriginal});
  CHECK(code_of([&] { checkout.redeem({"acme-size", "bag", kChicken25, 5999}); }) == ErrorCode::item_not_allowed);
  checkout.redeem({"acme-size", "bag", kOriginal, 1899});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  // Direct fulfilled: the credit goes to the manufacturer.
  auto line = shop.engine.credit_line(result.redemptions[0].credit_line_id);
  CHECK(line.fulfillment == "direct");
  CHECK(line.partner == "acme");
  CHECK(line.state == "new");
}

TEST_CASE("checkout: redeem later leaves the reward waiting on the completed card") {
  Shop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two bags");
  checkout.add_line({kCat7, 2, 1899});
  checkout.redeem_later("bolt-fb", "cat");
  CHECK(code_of([&] { checkout.redeem_later("bolt-fb", "cat"); }) == ErrorCode::reward_not_available);
  auto result = checkout.finish();
  CHECK(result.redemptions.empty());
  REQUIRE(result.rewards_waiting.size() == 1);
  CHECK(result.rewards_waiting[0].program_id == "bolt-fb");
  auto waiting = shop.engine.rewards("ann", "va");
  REQUIRE(waiting.size() == 1);
  // Allowed items carry the last shelf price seen at the store.
  REQUIRE(waiting[0].allowed.size() == 3);
  CHECK(waiting[0].allowed[1].unit_price == 1899);
  // Next visit: the customer takes it.
  auto later = shop.open("ann", "R2", kMonday + kDay);
  later.redeem({"bolt-fb", "cat", kCat7, std::nullopt});
  auto second = later.finish();
  REQUIRE(second.redemptions.size() == 1);
  CHECK(second.redemptions[0].unit_price == 1899);
  CHECK(shop.engine.rewards("ann", "va").empty());
}

TEST_CASE("checkout: a redemption can be undone before finishing") {
  Shop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two bags");
  checkout.add_line({kCat3, 2, 1299});
  auto index = checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
  CHECK(code_of([&] { checkout.redeem({"bolt-fb", "cat", kCat3, 1299}); }) == ErrorCode::reward_not_available);
  checkout.undo_redemption(index);
  CHECK(checkout.redemptions().empty());
  CHECK(code_of([&] { checkout.undo_redemption(0); }) == ErrorCode::invalid_argument);
  auto result = checkout.finish();
  CHECK(result.redemptions.empty());
  CHECK(result.rewards_waiting.size() == 1);
  CHECK(shop.engine.credit_lines().empty());
}

TEST_CASE("checkout: redemptions need a completed card and an allowed item") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kCat3, 1, 1299});
  CHECK(code_of([&] { checkout.redeem({"bolt-fb", "cat", kCat3, 1299}); }) == ErrorCode::reward_not_available);
  CHECK(code_of([&] { checkout.redeem({"nope", "cat", kCat3, 1299}); }) == ErrorCode::unknown_program);
  checkout.add_line({kCat3, 1, 1299});
  checkout.set_multi_punch_reason("two bags");
  CHECK(code_of([&] { checkout.redeem({"bolt-fb", "cat", kBeef4, 1299}); }) == ErrorCode::item_not_allowed);
  CHECK(code_of([&] { checkout.redeem({"bolt-fb", "cat", kNewUpc, 1299}); }) == ErrorCode::unknown_upc);
  CHECK(code_of([&] { checkout.redeem({"bolt-fb", "cat", kCat3, -5}); }) == ErrorCode::invalid_price);
  CHECK(checkout.redemptions().empty());
}

TEST_CASE("checkout: a free item never seen at the store needs its shelf price") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kCat3, 2, 1299});
  checkout.set_multi_punch_reason("two bags");
  // kCat7 was never sold here: without a price the credit line would claim nothing.
  try {
    checkout.redeem({"bolt-fb", "cat", kCat7, std::nullopt});
    FAIL("a free item without a price was redeemed");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::invalid_price);
    CHECK(std::string(e.what()).find("redemptions[0].unit_price") != std::string::npos);
  }
  CHECK(checkout.redemptions().empty());
  checkout.redeem({"bolt-fb", "cat", kCat3, std::nullopt});  // sold in this visit at 1299
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].unit_price == 1299);
  auto next = shop.open("ann", "R2", kMonday + kDay);
  next.add_line({kCat3, 2, 1299});
  next.set_multi_punch_reason("two bags");
  next.redeem({"bolt-fb", "cat", kCat7, 2399});
  REQUIRE(next.finish().redemptions.size() == 1);
  CHECK(shop.engine.credit_lines("", "").back().unit_price == 2399);
}

TEST_CASE("checkout: a program's required customer data must be present to redeem") {
  Shop shop;
  Customer kim{"kim", "Kim", "Breeder"};
  kim.type = CustomerType::breeder;
  shop.engine.save_customer(kim, kMonday);
  auto checkout = shop.open("kim", "R1", kMonday, "va", "litter");
  checkout.add_line({kBreederFood, 2, 6999});
  CHECK(code_of([&] { checkout.redeem({"acme-breeder", "big", kBreederFood, 6999}); }) ==
        ErrorCode::customer_data_missing);
  checkout.finish();
  kim.email = "kim@example.com";
  kim.phone = "804 555 0199";
  shop.engine.save_customer(kim, kMonday);
  auto next = shop.open("kim", "R2", kMonday + kDay);
  next.redeem({"acme-breeder", "big", kBreederFood, 6999});
  CHECK(next.finish().redemptions.size() == 1);
}

TEST_CASE("checkout: breeder programs punch only for breeders") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  CHECK(checkout.add_line({kBreederFood, 1, 6999}).empty());
  auto breeder = shop.open("bree", "R2");
  CHECK(breeder.add_line({kBreederFood, 1, 6999}).size() == 1);
}

TEST_CASE("checkout: the purchase window drops a punch window_days or more business days old (docs/checkout.md)") {
  Shop shop;
  shop.buy("ann", "R1", {{kCat3, 1299}}, kMonday);
  // 30-day window: a punch 30 local days old no longer counts.
  auto result = shop.buy("ann", "R2", {{kCat3, 1299}}, kMonday + 30 * kDay);
  REQUIRE(result.punches.size() == 1);
  CHECK(result.punches[0].punch_number == 1);
  CHECK(result.rewards_waiting.empty());
  auto cards = shop.engine.cards("ann");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].expired_punches == 1);
  // Within the window the two punches complete the card.
  Shop other;
  other.buy("ann", "R1", {{kCat3, 1299}}, kMonday);
  CHECK(other.buy("ann", "R2", {{kCat3, 1299}}, kMonday + 29 * kDay).rewards_waiting.size() == 1);
}

TEST_CASE("checkout: credit lines follow the program's fulfillment type") {
  Shop shop;
  shop.enroll("va", "bolt-fb", "open");
  auto checkout = shop.open("ann", "R1", kMonday, "va", "a big visit");
  for (int i = 0; i < 3; ++i) checkout.add_line({kBeef4, 1, 1500});
  checkout.add_line({kTreats, 2, 499});
  checkout.add_line({kWash, 2, 1000});
  checkout.add_line({kCat3, 2, 1299});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  checkout.redeem({"bolt-track", "treats", kTreats, 499});
  checkout.redeem({"wash", "wash", kWash, 1000});
  checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 4);
  auto line_of = [&](std::size_t i) { return shop.engine.credit_line(result.redemptions[i].credit_line_id); };
  auto acme = line_of(0);
  CHECK(acme.fulfillment == "distributor");
  CHECK(acme.partner == "east");
  CHECK(acme.account_number == "E-100");
  CHECK(acme.state == "new");
  CHECK(acme.stream == "free_goods");
  CHECK(acme.unit_price == 1500);
  CHECK(acme.manufacturer_id == "acme");
  auto tracking = line_of(1);
  CHECK(tracking.fulfillment == "retailer");
  CHECK(tracking.partner == "retailer");
  CHECK(result.redemptions[2].credit_line_id == 0);  // custom: nobody pays
  CHECK(line_of(3).partner == "open");
  CHECK(shop.engine.credit_lines().size() == 3);
  CHECK(shop.engine.credit_lines("new", "east").size() == 1);
}

TEST_CASE("checkout: the test customer's redemptions never create credit lines") {
  Shop shop;
  auto checkout = shop.open("tess", "R1", kMonday, "va", "training");
  checkout.add_line({kBeef4, 3, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].credit_line_id == 0);
  CHECK(shop.engine.credit_lines().empty());
  CHECK(shop.engine.cards("tess", true).size() == 1);
}

TEST_CASE("checkout: programs the location is not enrolled in do not punch") {
  Shop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "oh");
  CHECK(checkout.add_line({kCat3, 1, 1299}).empty());  // Ohio is not in Bolt's program
  CHECK(checkout.add_line({kBeef4, 1, 1500}).size() == 1);
}

TEST_CASE("checkout: opening needs a known location and customer and a receipt id") {
  Shop shop;
  CHECK(code_of([&] { shop.open("nobody", "R1"); }) == ErrorCode::unknown_customer);
  CHECK(code_of([&] { shop.open("ann", "R1", kMonday, "zz"); }) == ErrorCode::unknown_location);
  CHECK(code_of([&] { shop.open("ann", ""); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.open("ann", std::string(200, 'x')); }) == ErrorCode::invalid_argument);
}

TEST_CASE("checkout: finishing the same receipt again returns the first result") {
  Shop shop;
  auto first = shop.buy("ann", "R1", {{kCat3, 1299}});
  auto before = shop.dump();
  auto again = shop.buy("ann", "R1", {{kCat3, 1299}});
  CHECK(again.replayed);
  CHECK_FALSE(first.replayed);
  CHECK(again.punches.size() == first.punches.size());
  CHECK(again.punches[0].card_number == first.punches[0].card_number);
  CHECK(again.journal_seq == first.journal_seq);
  CHECK(shop.dump() == before);
  // Same receipt, different content: a conflict, and nothing changes.
  CHECK(code_of([&] { shop.buy("ann", "R1", {{kCat7, 1899}}); }) == ErrorCode::receipt_conflict);
  CHECK(shop.dump() == before);
  // The same receipt id at another location is another receipt.
  auto ohio = shop.engine.open_checkout({"oh", "ann", "R1", kMonday, ""});
  ohio.add_line({kBeef4, 1, 1500});
  CHECK_FALSE(ohio.finish().replayed);
  CHECK(shop.engine.checkout_result("va", "R1").punches.size() == 1);
}

TEST_CASE("checkout: a finished checkout refuses further changes") {
  Shop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kCat3, 1, 1299});
  auto result = checkout.finish();
  CHECK(checkout.finished());
  CHECK(code_of([&] { checkout.add_line({kCat3, 1, 1299}); }) == ErrorCode::invalid_state);
  CHECK(checkout.finish().journal_seq == result.journal_seq);
}

TEST_CASE("checkout: the finish re-checks against what other tills stored meanwhile") {
  Shop shop;
  shop.buy("ann", "R0", {{kCat3, 1299}});
  auto a = shop.open("ann", "A");
  auto b = shop.open("ann", "B");
  a.add_line({kCat3, 1, 1299});
  b.add_line({kCat3, 1, 1299});
  a.redeem({"bolt-fb", "cat", kCat3, 1299});
  b.redeem({"bolt-fb", "cat", kCat3, 1299});
  a.finish();
  // B's preview saw the same completed card; at finish B's own punch completes the next
  // card only half way, so its redemption has nothing left to take.
  CHECK(code_of([&] { b.finish(); }) == ErrorCode::reward_not_available);
}

TEST_CASE("checkout: a punch previewed while another till punched the same card lands on the card as stored") {
  Shop shop;
  auto a = shop.open("ann", "A");
  auto b = shop.open("ann", "B");
  CHECK(a.add_line({kCat3, 1, 1299})[0].punch_number == 1);
  CHECK(b.add_line({kCat3, 1, 1299})[0].punch_number == 1);
  const auto first = a.finish();
  const auto second = b.finish();
  // B's till saw an empty card; the card B's punch lands on already had A's punch.
  REQUIRE(second.punches.size() == 1);
  CHECK(second.punches[0].card_number == first.punches[0].card_number);
  CHECK(second.punches[0].punch_number == 2);
  CHECK(second.punches[0].completes_card);
  REQUIRE(shop.engine.cards("ann").size() == 1);
  CHECK(shop.engine.cards("ann")[0].punches.size() == 2);
  CHECK(shop.engine.cards("ann")[0].status == "complete");
}

TEST_CASE("checkout: a program changed between the till's preview and the finish is applied at finish") {
  Shop shop;
  shop.buy("ann", "R0", {{kCat3, 1299}});
  auto visit = shop.open("ann", "R1");
  CHECK(visit.add_line({kCat3, 1, 1299})[0].completes_card);  // buy 2: the second punch completes
  std::string catalog = kTestCatalog;
  const std::string buy2 = R"("id": "cat", "name": "Bolt cat", "buy_n": 2)";
  REQUIRE(catalog.find(buy2) != std::string::npos);
  catalog.replace(catalog.find(buy2), buy2.size(), R"("id": "cat", "name": "Bolt cat", "buy_n": 3)");
  shop.engine.load_catalog(catalog, kMonday);
  const auto result = visit.finish();
  REQUIRE(result.punches.size() == 1);
  CHECK(result.punches[0].punch_number == 2);
  CHECK_FALSE(result.punches[0].completes_card);
  CHECK(result.rewards_waiting.empty());
}

TEST_CASE("checkout: whole-visit documents run through run_checkout") {
  Shop shop;
  auto doc = checkout_document_from_json(R"({
    "location": "va", "customer": "ann", "receipt": "D1", "at": "2026-11-02T10:00:00-05:00",
    "multi_punch_reason": "two bags",
    "lines": [{"upc": "022222000019", "quantity": 2, "unit_price": 1299}],
    "redemptions": [{"program": "bolt-fb", "card": "cat", "upc": "022222000026", "unit_price": 1899}]})");
  CHECK(doc.open.at == kMonday);
  auto result = run_checkout(shop.engine, doc);
  CHECK(result.redemptions.size() == 1);
  CHECK(to_json(result).find("\"receipt\":\"D1\"") != std::string::npos);
  CHECK(code_of([] { checkout_document_from_json(R"({"location": "va"})"); }) == ErrorCode::invalid_argument);
  CHECK(code_of([] { checkout_document_from_json("{\"location\": ") ; }) == ErrorCode::malformed_json);
  CHECK(message_of([] { checkout_document_from_json(R"({"location":"va","customer":"a","receipt":"r","at":1,"lines":[{"upc":"1","unit_price":"x"}]})"); })
            .find("lines[0].unit_price") == 0);
}

TEST_CASE("checkout: damaged visit documents are refused with their code and change nothing") {
  Shop shop;
  auto visit = [](int i) {
    return R"({"location": "va", "customer": "ann", "receipt": "D)" + std::to_string(i) +
           R"(", "at": "2026-11-02T10:00:00-05:00", "multi_punch_reason": "two bags",
        "lines": [{"upc": "022222000019", "quantity": 2, "unit_price": 1299}],
        "redemptions": [{"program": "bolt-fb", "card": "cat", "upc": "022222000026", "unit_price": 1899}]})";
  };
  const int refused = apply_damaged(
      20261124, visit, [&](const std::string& doc, int) { run_checkout(shop.engine, checkout_document_from_json(doc)); },
      [&] { return shop.dump(); });
  CHECK(refused >= 150);
}

namespace {

// A whole visit as a POS would export it: one unit of each UPC at `price`.
CheckoutDocument visit_document(const std::string& receipt, const std::string& customer, Timestamp at,
                                const std::vector<std::string>& upcs, Cents price = 1500,
                                const std::string& location = "va") {
  CheckoutDocument d;
  d.open = {location, customer, receipt, at, ""};
  for (const auto& upc : upcs) d.lines.push_back({upc, 1, price, "", "", ""});
  return d;
}

// A store history: ann and bob at both stores over a week, with a redemption on ann's card.
std::vector<CheckoutDocument> history() {
  std::vector<CheckoutDocument> docs;
  for (int day = 0; day < 3; ++day) {
    docs.push_back(visit_document("A" + std::to_string(day), "ann", kMonday + day * kDay, {kBeef4}));
    docs.push_back(visit_document("B" + std::to_string(day), "bob", kMonday + day * kDay + 60, {kChicken4}));
  }
  docs.push_back(visit_document("O1", "ann", kMonday + 3 * kDay, {kBeef4}, 1500, "oh"));
  docs.push_back(visit_document("O2", "bob", kMonday + 3 * kDay + 60, {kBeef4}, 1500, "oh"));
  auto redeem = visit_document("A9", "ann", kMonday + 4 * kDay, {kDental}, 599);
  redeem.redemptions.push_back({"acme-fb", "dog", kBeef4, 1500});
  docs.push_back(redeem);
  return docs;
}

// Refuses (as the engine refuses a receipt) the first write of one receipt's record: a
// refusal that comes after the receipt has written its cards and lines.
class RefuseReceiptStore : public tally::Store {
 public:
  RefuseReceiptStore(std::unique_ptr<tally::Store> inner, std::string receipt)
      : inner_(std::move(inner)), receipt_(std::move(receipt)) {}
  bool fired = false;
  StoreStatus begin(TxnMode mode) override { return inner_->begin(mode); }
  StoreStatus commit() override { return inner_->commit(); }
  StoreStatus rollback() override { return inner_->rollback(); }
  StoreStatus get(std::string_view k, std::string& v) override { return inner_->get(k, v); }
  StoreStatus put(std::string_view k, std::string_view v) override {
    if (!fired && k.find("rcpt/") != std::string_view::npos && k.find(receipt_) != std::string_view::npos) {
      fired = true;
      throw Error(ErrorCode::reward_not_available, "refused after writing");
    }
    return inner_->put(k, v);
  }
  StoreStatus remove(std::string_view k) override { return inner_->remove(k); }
  StoreStatus scan(std::string_view f, std::string_view l, const ScanVisitor& v) override { return inner_->scan(f, l, v); }

 private:
  std::unique_ptr<tally::Store> inner_;
  std::string receipt_;
};

}  // namespace

TEST_CASE("checkout: a bulk finish stores exactly what single finishes store") {
  Shop one_by_one, bulk;
  std::vector<CheckoutResult> singles;
  for (const auto& d : history()) singles.push_back(run_checkout(one_by_one.engine, d));
  const auto outcomes = bulk.engine.run_checkouts(history());
  REQUIRE(outcomes.size() == singles.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    CHECK(outcomes[i].code == ErrorCode::ok);
    CHECK(to_json(outcomes[i].result) == to_json(singles[i]));
  }
  CHECK(outcomes.back().result.redemptions.size() == 1);
  CHECK(bulk.dump() == one_by_one.dump());
  // Again: every receipt is answered as stored and nothing changes.
  const auto before = bulk.dump();
  const auto again = bulk.engine.run_checkouts(history());
  for (const auto& o : again) {
    CHECK(o.code == ErrorCode::ok);
    CHECK(o.result.replayed);
  }
  CHECK(bulk.dump() == before);
}

TEST_CASE("checkout: a bulk finish refuses a bad receipt in its place and stores the rest") {
  Shop reference, bulk;
  auto docs = history();
  auto good = docs;
  docs.insert(docs.begin() + 1, visit_document("X1", "ann", kMonday, {"000000000000"}));    // unknown UPC
  docs.insert(docs.begin() + 3, visit_document("A0", "ann", kMonday, {kChicken4}));        // A0 again, other lines
  docs.insert(docs.begin() + 4, visit_document("X2", "nobody", kMonday, {kBeef4}));        // unknown customer
  docs.insert(docs.begin() + 5, good[0]);                                                  // A0 again, same
  auto unpriced = visit_document("X3", "bob", kMonday + kDay, {kDental}, 599);
  unpriced.redemptions.push_back({"acme-fb", "dog", kBeef4, 1500});                        // no completed card
  docs.insert(docs.begin() + 6, unpriced);
  for (const auto& d : good) run_checkout(reference.engine, d);
  const auto outcomes = bulk.engine.run_checkouts(docs);
  REQUIRE(outcomes.size() == docs.size());
  CHECK(outcomes[0].code == ErrorCode::ok);
  CHECK(outcomes[1].code == ErrorCode::unknown_upc);
  CHECK(outcomes[1].message.find("000000000000") != std::string::npos);
  CHECK(outcomes[3].code == ErrorCode::receipt_conflict);
  CHECK(outcomes[4].code == ErrorCode::unknown_customer);
  CHECK(outcomes[5].code == ErrorCode::ok);
  CHECK(outcomes[5].result.replayed);
  CHECK(outcomes[6].code == ErrorCode::reward_not_available);
  CHECK(bulk.dump() == reference.dump());
}

TEST_CASE("checkout: a receipt refused after it wrote leaves no trace in a bulk finish") {
  auto store = std::make_unique<RefuseReceiptStore>(make_store(), "B1");
  RefuseReceiptStore* refusing = store.get();
  Shop reference, bulk(std::move(store));
  auto docs = history();
  for (const auto& d : docs)
    if (d.open.receipt_id != "B1") run_checkout(reference.engine, d);
  const auto outcomes = bulk.engine.run_checkouts(docs);
  CHECK(refusing->fired);
  for (std::size_t i = 0; i < docs.size(); ++i)
    CHECK(outcomes[i].code == (docs[i].open.receipt_id == "B1" ? ErrorCode::reward_not_available : ErrorCode::ok));
  // Not even the card numbers differ: the run was done again without the refused receipt.
  CHECK(bulk.dump() == reference.dump());
}

TEST_CASE("checkout: a storage failure in a bulk finish stores nothing of its run, and a rerun stores each receipt once") {
  Shop reference, bulk;
  auto docs = history();
  for (const auto& d : docs) run_checkout(reference.engine, d);
  const auto empty = bulk.dump();
  bulk.fault->fail_at(40);  // part way through the receipts
  CHECK(code_of([&] { bulk.engine.run_checkouts(docs); }) == ErrorCode::storage_failed);
  CHECK(bulk.dump() == empty);
  bulk.fault->disarm();
  // An interrupted load done again: a prefix already stored is answered as stored.
  const std::vector<CheckoutDocument> prefix(docs.begin(), docs.begin() + 3);
  bulk.engine.run_checkouts(prefix);
  const auto outcomes = bulk.engine.run_checkouts(docs);
  for (std::size_t i = 0; i < docs.size(); ++i) CHECK(outcomes[i].result.replayed == (i < 3));
  CHECK(bulk.dump() == reference.dump());
}

TEST_CASE("checkout: a bulk finish at two locations takes each location's blocks, as single finishes do") {
  // 150 visits alternating between the stores: both locations use up blocks of 64 inside one
  // transaction and take new ones from the one high-water mark.
  std::vector<CheckoutDocument> docs;
  for (int i = 0; i < 150; ++i)
    docs.push_back(visit_document("M" + std::to_string(i), i % 3 ? "ann" : "bob", kMonday + i * 600, {kBeef4}, 1500,
                                  i % 2 ? "oh" : "va"));
  Shop one_by_one, bulk;
  for (const auto& d : docs) run_checkout(one_by_one.engine, d);
  for (const auto& o : bulk.engine.run_checkouts(docs)) CHECK(o.code == ErrorCode::ok);
  CHECK(bulk.dump() == one_by_one.dump());
  std::set<std::int64_t> seqs;
  for (const auto& e : whole_journal(bulk.engine)) CHECK(seqs.insert(e.seq).second);
  CHECK(seqs.size() >= 150);
}
