// SPDX-License-Identifier: Apache-2.0
// Custom programs' cash back and prepaid passes (DOMAIN section 12; docs/programs.md).
#include <doctest/doctest.h>

#include <optional>

#include "support/custom_modes.hpp"
#include "tally/json.hpp"

using namespace tally;
using namespace tally_test;

namespace {

// A copy: the rewards are often a temporary answer.
std::optional<Reward> reward_of(const std::vector<Reward>& rewards, const std::string& program) {
  for (const auto& r : rewards)
    if (r.program_id == program) return r;
  return std::nullopt;
}

// The customer's live cards of a program, oldest first.
std::vector<Card> cards_of(Shop& shop, const std::string& program, const std::string& customer = "ann",
                           bool include_redeemed = false) {
  std::vector<Card> out;
  for (auto& card : shop.engine.cards(customer, include_redeemed))
    if (card.program_id == program) out.push_back(std::move(card));
  return out;
}

// Three visits that complete a perks card: 99 + 123 + 75 cents of cash back, on receipts
// R1 to R3 (for ann; B1 to B3 for another customer).
void three_perks(Shop& shop, const std::string& customer = "ann") {
  const std::string prefix = customer == "ann" ? "R" : "B";
  shop.buy(customer, prefix + "1", {{kBeef4, 1999}}, kMonday);
  shop.buy(customer, prefix + "2", {{kCat3, 1234}}, kMonday + kDay);
  shop.buy(customer, prefix + "3", {{kBeef4, 1500}}, kMonday + 2 * kDay);
}

CheckoutResult payout(Shop& shop, const std::string& receipt, Timestamp at) {
  auto checkout = shop.open("ann", receipt, at);
  checkout.redeem({"perks", "food", "", std::nullopt});
  return checkout.finish();
}

CheckoutDocument pass_visit(const std::string& receipt, std::int32_t uses, Timestamp at = kMonday + kDay) {
  CheckoutDocument doc;
  doc.open = {"va", "ann", receipt, at};
  doc.pass_uses = {{"camp", "pass3", uses}};
  return doc;
}

}  // namespace

// --- The catalog.

TEST_CASE("custom modes: cash back and prepaid passes are stored, read back and load again unchanged") {
  Shop shop;
  add_custom_modes(shop);
  const std::string stored = shop.engine.catalog_json();
  for (const char* part : {R"("cash_back":{"percent":5,"upcs":[{"upc":"022222000019","percent":10}]})",
                           R"("prepaid_pass":true)"})
    CHECK(stored.find(part) != std::string::npos);
  Shop copy;
  copy.engine.load_catalog(stored, kMonday);
  CHECK(copy.engine.catalog_json() == stored);
}

TEST_CASE("custom modes: a catalog that misuses them is invalid_catalog naming the field, and changes nothing") {
  Shop shop;
  const std::string base = custom_modes_catalog();
  auto with = [&](const std::string& from, const std::string& to) {
    std::string text = base;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  struct Case {
    std::string from, to, message;
  };
  const std::vector<Case> cases{
      {R"("percent": 5,)", R"("percent": 0,)", "programs[0].cards[0].cash_back.percent: must be >= 1"},
      {R"("percent": 5,)", R"("percent": 101,)", "programs[0].cards[0].cash_back.percent: must be <= 100"},
      {R"("percent": 10}]})", R"("percent": -1}]})", "programs[0].cards[0].cash_back.upcs[0].percent: must be >= 0"},
      {R"({"upc": "022222000019", "percent": 10})", R"({"upc": "011111000018", "percent": 10})",
       "programs[0].cards[0].cash_back.upcs[0].upc: '011111000018' is not a qualifying UPC of card food"},
      {R"({"upc": "022222000019", "percent": 10})",
       R"({"upc": "022222000019", "percent": 10}, {"upc": "022222000019", "percent": 2})",
       "programs[0].cards[0].cash_back.upcs[1].upc: '022222000019' is listed twice"},
      {R"("percent": 5,)", R"("rate": 5,)", "programs[0].cards[0].cash_back.rate: is not a known field"},
      {R"("kind": "custom", "fulfillment": "none", "requires")",
       R"("kind": "tracking", "manufacturer": "acme", "fulfillment": "retailer", "requires")",
       "programs[0].cards[0].cash_back: only custom programs have this mode"},
      {R"("prepaid_pass": true)", R"("prepaid_pass": true, "cash_back": {"percent": 5})",
       "programs[1].cards[0].cash_back: a prepaid pass gives no cash back"},
      {R"("prepaid_pass": true)", R"("prepaid_pass": true, "discount_cents": 500)",
       "programs[1].cards[0].discount_cents: a card with prepaid_pass gives no fixed discount"},
      {R"("prepaid_pass": true)", R"("prepaid_pass": true, "window_days": 30)",
       "programs[1].cards[0].window_days: a prepaid pass has no purchase window"},
      {R"("prepaid_pass": true)", R"("prepaid_pass": "yes")", "programs[1].cards[0].prepaid_pass: must be"},
  };
  const std::string before = shop.engine.catalog_json();
  for (const auto& c : cases) {
    CAPTURE(c.to);
    const std::string text = with(c.from, c.to);
    CHECK(code_of([&] { shop.engine.load_catalog(text, kMonday); }) == ErrorCode::invalid_catalog);
    CHECK(message_of([&] { shop.engine.load_catalog(text, kMonday); }).rfind(c.message, 0) == 0);
  }
  CHECK(shop.engine.catalog_json() == before);
}

// --- Cash back.

TEST_CASE("cash back: each punch earns its percent of the unit price, rounded down, a UPC's own percent first") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "R1", {{kBeef4, 1999}}, kMonday);      // 5% of 19.99 = 99.95 cents: 99
  shop.buy("ann", "R2", {{kCat3, 1234}}, kMonday + kDay);  // the cat food's 10%: 123.4 cents: 123
  auto cards = cards_of(shop, "perks");
  REQUIRE(cards.size() == 1);
  REQUIRE(cards[0].punches.size() == 2);
  CHECK(cards[0].punches[0].cash_back == 99);
  CHECK(cards[0].punches[1].cash_back == 123);
  CHECK(cards[0].cash_back == 222);
  CHECK(cards[0].status == "open");
  CHECK_FALSE(cards[0].pass_uses_left);
  // Other programs' cards earn none.
  for (const auto& card : shop.engine.cards("ann")) {
    if (card.program_id == "perks") continue;
    CHECK(card.cash_back == 0);
    for (const auto& p : card.punches) CHECK(p.cash_back == 0);
  }
}

TEST_CASE("cash back: the complete card's reward is its cash back, paid out as money off without a credit line") {
  Shop shop;
  add_custom_modes(shop);
  three_perks(shop);
  const auto waiting = reward_of(shop.engine.rewards("ann", "va"), "perks");
  REQUIRE(waiting);
  CHECK(waiting->cash_back == 297);
  CHECK(waiting->allowed.empty());
  CHECK_FALSE(waiting->pass_uses_left);
  auto checkout = shop.open("ann", "R4", kMonday + 3 * kDay);
  const auto at_till = checkout.rewards();
  REQUIRE(reward_of(at_till, "perks"));
  CHECK(reward_of(at_till, "perks")->cash_back == 297);
  checkout.redeem({"perks", "food", "", std::nullopt});
  CHECK_FALSE(reward_of(checkout.rewards(), "perks"));
  const auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  const Redemption& paid = result.redemptions[0];
  CHECK(paid.kind == "cash_back");
  CHECK(paid.unit_price == 297);
  CHECK(paid.quantity == 1);
  CHECK(paid.upc.empty());
  CHECK(paid.credit_line_id == 0);
  CHECK(shop.engine.credit_lines().empty());
  CHECK_FALSE(reward_of(shop.engine.rewards("ann", "va"), "perks"));
  auto history = cards_of(shop, "perks", "ann", true);
  REQUIRE(history.size() == 1);
  CHECK(history[0].status == "redeemed");
  CHECK(history[0].redemption_id == paid.id);
}

TEST_CASE("cash back: the payout needs the program's customer data, and a card still open pays nothing") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "R1", {{kBeef4, 1999}}, kMonday);
  auto early = shop.open("ann", "R2", kMonday + kDay);
  CHECK(code_of([&] { early.redeem({"perks", "food", "", std::nullopt}); }) == ErrorCode::reward_not_available);
  three_perks(shop, "bob");  // bob has no email; perks requires one
  auto checkout = shop.open("bob", "B4", kMonday + 3 * kDay);
  CHECK(code_of([&] { checkout.redeem({"perks", "food", "", std::nullopt}); }) == ErrorCode::customer_data_missing);
  CHECK(reward_of(checkout.rewards(), "perks")->cash_back == 297);
}

TEST_CASE("cash back: a retried receipt pays out once") {
  Shop shop;
  add_custom_modes(shop);
  three_perks(shop);
  CheckoutDocument doc;
  doc.open = {"va", "ann", "R4", kMonday + 3 * kDay};
  doc.redemptions = {{"perks", "food", "", std::nullopt}};
  const auto first = run_checkout(shop.engine, doc);
  REQUIRE(first.redemptions.size() == 1);
  const auto before = shop.dump();
  const auto again = run_checkout(shop.engine, doc);
  CHECK(again.replayed);
  REQUIRE(again.redemptions.size() == 1);
  CHECK(again.redemptions[0].id == first.redemptions[0].id);
  CHECK(again.redemptions[0].unit_price == 297);
  CHECK(shop.dump() == before);
}

TEST_CASE("cash back: a return takes back the cash back its units earned") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "R1", {{kBeef4, 1999}}, kMonday);
  shop.buy("ann", "R2", {{kCat3, 1234}}, kMonday + kDay);
  const auto back = shop.engine.return_items({"va", "R2", 0, 1, "X1", kMonday + 2 * kDay});
  CHECK(back.cash_back_taken == 123);
  auto cards = cards_of(shop, "perks");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].punches.size() == 1);
  CHECK(cards[0].cash_back == 99);
  const auto retried = shop.engine.return_items({"va", "R2", 0, 1, "X1", kMonday + 2 * kDay});
  CHECK(retried.replayed);
  CHECK(retried.cash_back_taken == 123);
  CHECK(cards_of(shop, "perks")[0].cash_back == 99);
}

TEST_CASE("cash back: a return after the payout is owed, and the next payout is less by it") {
  Shop shop;
  add_custom_modes(shop);
  three_perks(shop);
  payout(shop, "R4", kMonday + 3 * kDay);
  const auto back = shop.engine.return_items({"va", "R2", 0, 1, "X1", kMonday + 4 * kDay});
  CHECK(back.cash_back_taken == 123);
  CHECK(back.debt_added == 1);  // the perks card (the Bolt card's punch is simply removed)
  auto live = cards_of(shop, "perks");
  REQUIRE(live.size() == 1);
  CHECK(live[0].status == "open");
  CHECK(live[0].debt == 1);
  CHECK(live[0].cash_back_debt == 123);
  CHECK(live[0].cash_back == 0);
  // The card now needs four punches: 4 x 100 cents earned, less the 123 owed.
  for (int i = 0; i < 4; ++i)
    shop.buy("ann", "N" + std::to_string(i), {{kBeef4, 2000}}, kMonday + (5 + i) * kDay);
  const auto waiting = reward_of(shop.engine.rewards("ann", "va"), "perks");
  REQUIRE(waiting);
  CHECK(waiting->cash_back == 277);
  CHECK(payout(shop, "N9", kMonday + 10 * kDay).redemptions.at(0).unit_price == 277);
}

TEST_CASE("cash back: undoing a payout makes the card complete again, with no item to reselect") {
  Shop shop;
  add_custom_modes(shop);
  three_perks(shop);
  const auto paid = payout(shop, "R4", kMonday + 3 * kDay).redemptions.at(0);
  CHECK(code_of([&] { shop.engine.undo_redemption({}, paid.id, kBeef4, 1500, kMonday + 4 * kDay); }) ==
        ErrorCode::invalid_argument);
  shop.engine.undo_redemption({}, paid.id, "", std::nullopt, kMonday + 4 * kDay);
  const auto waiting = reward_of(shop.engine.rewards("ann", "va"), "perks");
  REQUIRE(waiting);
  CHECK(waiting->cash_back == 297);
}

// --- Prepaid passes.

TEST_CASE("prepaid pass: a pass sold opens with buy_n uses, shown as a reward with the uses left") {
  Shop shop;
  add_custom_modes(shop);
  const auto sold = shop.buy("ann", "P1", {{kCampPass, 9900}});
  CHECK(sold.punches.empty());
  const auto pass = reward_of(sold.rewards_waiting, "camp");
  REQUIRE(pass);
  CHECK(pass->pass_uses_left == 3);
  CHECK(pass->allowed.empty());
  CHECK_FALSE(pass->cash_back);
  CHECK(pass->card_number > 0);
  CHECK(reward_of(shop.engine.rewards("ann", "va"), "camp")->pass_uses_left == 3);
  CHECK(reward_of(shop.engine.checkout_result("va", "P1").rewards_waiting, "camp")->pass_uses_left == 3);
  auto cards = cards_of(shop, "camp");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].status == "complete");
  CHECK(cards[0].punches.empty());
  CHECK(cards[0].pass_uses_left == 3);
}

TEST_CASE("prepaid pass: each use punches the pass until it is used up, and one use more is pass_used_up") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "P1", {{kCampPass, 9900}});
  std::int64_t last = 0;
  for (int i = 0; i < 3; ++i) {
    auto checkout = shop.open("ann", "U" + std::to_string(i), kMonday + (i + 1) * kDay);
    checkout.use_pass({"camp", "pass3", 1});
    const auto left = reward_of(checkout.rewards(), "camp");
    if (i < 2) {
      REQUIRE(left);
      CHECK(left->pass_uses_left == 2 - i);
    } else {
      CHECK_FALSE(left);
    }
    const auto result = checkout.finish();
    REQUIRE(result.redemptions.size() == 1);
    CHECK(result.redemptions[0].kind == "pass");
    CHECK(result.redemptions[0].quantity == 1);
    CHECK(result.redemptions[0].credit_line_id == 0);
    last = result.redemptions[0].id;
  }
  auto history = cards_of(shop, "camp", "ann", true);
  REQUIRE(history.size() == 1);
  CHECK(history[0].status == "redeemed");
  CHECK(history[0].punches.size() == 3);
  CHECK(history[0].pass_uses_left == 0);
  CHECK(history[0].redemption_id == last);
  auto checkout = shop.open("ann", "U3", kMonday + 5 * kDay);
  CHECK(code_of([&] { checkout.use_pass({"camp", "pass3", 1}); }) == ErrorCode::pass_used_up);
  CHECK(message_of([&] { checkout.use_pass({"camp", "pass3", 1}); }).rfind("pass_uses[0]: ", 0) == 0);
  CHECK(checkout.finish().redemptions.empty());  // the refused use left nothing in the visit
  const auto before = shop.dump();
  CHECK(code_of([&] { run_checkout(shop.engine, pass_visit("U4", 1, kMonday + 6 * kDay)); }) == ErrorCode::pass_used_up);
  CHECK(shop.dump() == before);
}

TEST_CASE("prepaid pass: a visit may sell a pass and use it, and uses run on from one pass into the next") {
  Shop shop;
  add_custom_modes(shop);
  auto checkout = shop.open("ann", "P1");
  checkout.add_line({kCampPass, 2, 9900});
  checkout.use_pass({"camp", "pass3", 4});
  const auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 2);
  CHECK(result.redemptions[0].quantity == 3);
  CHECK(result.redemptions[1].quantity == 1);
  CHECK(result.redemptions[0].card_number != result.redemptions[1].card_number);
  REQUIRE(result.rewards_waiting.size() == 1);
  CHECK(result.rewards_waiting[0].pass_uses_left == 2);
  CHECK(result.rewards_waiting[0].card_number == result.redemptions[1].card_number);
  // Two uses are left: three are refused as a whole.
  CHECK(code_of([&] { run_checkout(shop.engine, pass_visit("P2", 3)); }) == ErrorCode::pass_used_up);
  CHECK(reward_of(shop.engine.rewards("ann", "va"), "camp")->pass_uses_left == 2);
}

TEST_CASE("prepaid pass: a retried receipt uses the pass once, and other uses under the same receipt conflict") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "P1", {{kCampPass, 9900}});
  const auto first = run_checkout(shop.engine, pass_visit("U1", 2));
  REQUIRE(first.redemptions.size() == 1);
  CHECK(first.rewards_waiting.at(0).pass_uses_left == 1);
  const auto before = shop.dump();
  const auto again = run_checkout(shop.engine, pass_visit("U1", 2));
  CHECK(again.replayed);
  CHECK(again.redemptions.at(0).id == first.redemptions[0].id);
  CHECK(again.rewards_waiting.at(0).pass_uses_left == 1);
  CHECK(code_of([&] { run_checkout(shop.engine, pass_visit("U1", 1)); }) == ErrorCode::receipt_conflict);
  CHECK(shop.dump() == before);
  CHECK(reward_of(shop.engine.rewards("ann", "va"), "camp")->pass_uses_left == 1);
}

TEST_CASE("prepaid pass: refusals name the field and leave the visit as it was") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "P1", {{kCampPass, 9900}});
  auto checkout = shop.open("ann", "U1", kMonday + kDay);
  CHECK(code_of([&] { checkout.use_pass({"perks", "food", 1}); }) == ErrorCode::invalid_argument);
  CHECK(message_of([&] { checkout.use_pass({"perks", "food", 1}); }).rfind("pass_uses[0].card: ", 0) == 0);
  CHECK(code_of([&] { checkout.use_pass({"camp", "pass3", 0}); }) == ErrorCode::invalid_quantity);
  CHECK(message_of([&] { checkout.use_pass({"camp", "pass3", 0}); }).rfind("pass_uses[0].quantity: ", 0) == 0);
  CHECK(code_of([&] { checkout.use_pass({"camp", "nope", 1}); }) == ErrorCode::unknown_program);
  CHECK(code_of([&] { checkout.redeem({"camp", "pass3", kCampPass, std::nullopt}); }) == ErrorCode::invalid_argument);
  CHECK(message_of([&] { checkout.redeem({"camp", "pass3", kCampPass, std::nullopt}); }).rfind("redemptions[0].card: ", 0) == 0);
  CHECK(code_of([&] { checkout.redeem_later("camp", "pass3"); }) == ErrorCode::invalid_argument);
  SaleLine forced{kCampDay, 1, 2500, "camp", "pass3", "paper pass"};
  CHECK(code_of([&] { checkout.add_line(forced); }) == ErrorCode::invalid_argument);
  CHECK(checkout.use_pass({"camp", "pass3", 1}) == 0);  // the refusals left nothing behind
  const auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].quantity == 1);
  // A location not enrolled in the program cannot use the pass.
  auto elsewhere = shop.open("ann", "O1", kMonday + kDay, "oh");
  CHECK(code_of([&] { elsewhere.use_pass({"camp", "pass3", 1}); }) == ErrorCode::not_enrolled);
  // A use that happened cannot be undone.
  CHECK(code_of([&] { shop.engine.undo_redemption({}, result.redemptions[0].id, "", std::nullopt, kMonday + 2 * kDay); }) ==
        ErrorCode::invalid_state);
}

TEST_CASE("prepaid pass: the checkout document carries pass uses, checked as the till checks them") {
  Shop shop;
  add_custom_modes(shop);
  shop.buy("ann", "P1", {{kCampPass, 9900}});
  const auto doc = checkout_document_from_json(
      R"({"location": "va", "customer": "ann", "receipt": "U1", "at": 1793718000,
          "pass_uses": [{"program": "camp", "card": "pass3", "quantity": 2}]})");
  REQUIRE(doc.pass_uses.size() == 1);
  CHECK(doc.pass_uses[0].quantity == 2);
  CHECK(run_checkout(shop.engine, doc).rewards_waiting.at(0).pass_uses_left == 1);
  CHECK(checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "U2", "at": 1793718000,
          "pass_uses": [{"program": "camp", "card": "pass3"}]})").pass_uses.at(0).quantity == 1);
  CHECK(code_of([] {
          checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "U2", "at": 1793718000,
              "pass_uses": [{"program": "camp", "card": "pass3", "quantity": 10001}]})");
        }) == ErrorCode::invalid_quantity);
  CHECK(message_of([] {
          checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "U2", "at": 1793718000,
              "pass_uses": [{"program": "camp", "card": "pass3", "uses": 1}]})");
        }).rfind("pass_uses[0].uses: ", 0) == 0);
}
