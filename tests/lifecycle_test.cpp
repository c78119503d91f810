// SPDX-License-Identifier: Apache-2.0
// Credit-line lifecycles (DOMAIN section 9): every transition, its actor and its refusals.
#include <doctest/doctest.h>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

const Actor kEast{ActorRole::distributor, "east"};
const Actor kOhio{ActorRole::distributor, "ohio"};
const Actor kStore{ActorRole::retailer, ""};
const Actor kAcme{ActorRole::manufacturer, "acme"};
const Actor kBolt{ActorRole::manufacturer, "bolt"};

// One Acme reward redeemed at the Virginia store: a new line at distributor east.
std::int64_t acme_line(Shop& shop, const std::string& receipt, Timestamp at = kMonday) {
  auto checkout = shop.open("ann", receipt, at, "va", "three bags");
  checkout.add_line({kBeef4, 3, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  return checkout.finish().redemptions.at(0).credit_line_id;
}

// One Bolt treat reward: a retailer-fulfilled line (tracking program).
std::int64_t treat_line(Shop& shop, const std::string& receipt) {
  auto checkout = shop.open("ann", receipt, kMonday, "va", "two bags");
  checkout.add_line({kTreats, 2, 499});
  checkout.redeem({"bolt-track", "treats", kTreats, 499});
  return checkout.finish().redemptions.at(0).credit_line_id;
}

std::vector<std::string> states_of(const CreditLine& line) {
  std::vector<std::string> out;
  for (const auto& e : line.history) out.push_back(e.state);
  return out;
}

}  // namespace

TEST_CASE("lifecycle: a distributor pulls new lines into a batch, credits it, the store reconciles") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  auto b = acme_line(shop, "R2");
  auto batch = shop.engine.pull_batch(kEast, "November week 1", {"va"}, kMonday + kDay);
  CHECK(batch.state == "unfulfilled");
  CHECK(batch.kind == "distributor");
  CHECK(batch.lines == std::vector<std::int64_t>{a, b});
  CHECK(shop.engine.credit_line(a).state == "batched");
  CHECK(shop.engine.credit_line(a).batch_id == batch.id);
  auto credited = shop.engine.fulfill_batch(kEast, batch.id, {"CM-7781", 3000, "two bags"}, kMonday + 2 * kDay);
  CHECK(credited.state == "fulfilled");
  CHECK(credited.memo_number == "CM-7781");
  CHECK(shop.engine.credit_line(b).state == "credited");
  shop.engine.reconcile_line(kStore, a, kMonday + 3 * kDay);
  shop.engine.reconcile_batch(kStore, batch.id, kMonday + 3 * kDay);
  CHECK(states_of(shop.engine.credit_line(a)) == std::vector<std::string>{"new", "batched", "credited", "reconciled"});
  CHECK(shop.engine.credit_line(b).state == "reconciled");
  CHECK(shop.engine.credit_lines("reconciled", "east").size() == 2);
  CHECK(shop.engine.credit_lines("new", "east").empty());
}

TEST_CASE("lifecycle: transitions are refused for the wrong actor and from the wrong state") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  auto before = shop.dump();
  CHECK(code_of([&] { shop.engine.pull_batch(kStore, "x", {}, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.pull_batch(kOhio, "x", {}, kMonday); }) == ErrorCode::invalid_state);  // nothing of ohio's
  CHECK(code_of([&] { shop.engine.reconcile_line(kStore, a, kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.decline_line(kEast, a, "wrong_address", "", kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.resubmit_line(kStore, a, "", kMonday); }) == ErrorCode::invalid_state);
  CHECK(shop.dump() == before);
  auto batch = shop.engine.pull_batch(kEast, "b", {}, kMonday);
  before = shop.dump();
  CHECK(code_of([&] { shop.engine.fulfill_batch(kOhio, batch.id, {"M", 1}, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.fulfill_batch(kStore, batch.id, {"M", 1}, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.decline_line(kOhio, a, "other", "", kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.decline_line(kEast, a, "because", "", kMonday); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.unbatch_line(kStore, a, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.fulfill_batch(kEast, batch.id, {"", 1}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.reconcile_batch(kStore, batch.id, kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.pay_credit_batch(kAcme, batch.id, kMonday); }) == ErrorCode::invalid_state);
  CHECK(message_of([&] { shop.engine.fulfill_batch(kOhio, batch.id, {"M", 1}, kMonday); }).find("distributor ohio") != std::string::npos);
  CHECK(shop.dump() == before);
  shop.engine.fulfill_batch(kEast, batch.id, {"M", 1500}, kMonday);
  CHECK(code_of([&] { shop.engine.reconcile_line({ActorRole::retailer, "oh"}, a, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.reconcile_line(kEast, a, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.unbatch(kEast, batch.id, kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.reconcile_line({ActorRole::retailer, "va"}, a, kMonday); }) == ErrorCode::ok);
}

TEST_CASE("lifecycle: unbatching one line or a whole batch returns lines to new") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  auto b = acme_line(shop, "R2");
  auto batch = shop.engine.pull_batch(kEast, "b", {}, kMonday);
  auto line = shop.engine.unbatch_line(kEast, a, kMonday + 1);
  CHECK(line.state == "new");
  CHECK(line.batch_id == 0);
  CHECK(shop.engine.batch(batch.id).lines == std::vector<std::int64_t>{b});
  auto dissolved = shop.engine.unbatch(kEast, batch.id, kMonday + 2);
  CHECK(dissolved.state == "dissolved");
  CHECK(shop.engine.credit_line(b).state == "new");
  CHECK(shop.engine.credit_lines("new", "east").size() == 2);
  // A fresh pull takes them both again.
  CHECK(shop.engine.pull_batch(kEast, "again", {}, kMonday + 3).lines.size() == 2);
}

TEST_CASE("lifecycle: a declined line resubmitted and credited ends reconciled with its whole history") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  auto first = shop.engine.pull_batch(kEast, "b1", {}, kMonday);
  auto declined = shop.engine.decline_line(kEast, a, "wrong_account_number", "no such account E-100", kMonday + kDay);
  CHECK(declined.state == "declined");
  CHECK(declined.decline_reason == "wrong_account_number");
  CHECK(declined.batch_id == 0);
  CHECK(shop.engine.batch(first.id).lines.empty());
  // The store fixes its account number (the line follows) and resubmits.
  shop.engine.fix_account_number(kStore, "va", "acme-fb", "E-200", kMonday + 2 * kDay);
  CHECK(shop.engine.enrollment("va", "acme-fb").account_number == "E-200");
  CHECK(shop.engine.credit_line(a).account_number == "E-200");
  auto resubmitted = shop.engine.resubmit_line(kStore, a, "account number fixed", kMonday + 2 * kDay + 60);
  CHECK(resubmitted.state == "new");
  CHECK(resubmitted.resubmitted_at == kMonday + 2 * kDay + 60);
  CHECK(resubmitted.decline_reason.empty());
  auto second = shop.engine.pull_batch(kEast, "b2", {}, kMonday + 3 * kDay);
  shop.engine.fulfill_batch(kEast, second.id, {"CM-2", 1500}, kMonday + 4 * kDay);
  shop.engine.reconcile_line(kStore, a, kMonday + 5 * kDay);
  auto line = shop.engine.credit_line(a);
  CHECK(states_of(line) == std::vector<std::string>{"new", "batched", "declined", "declined", "new", "batched", "credited", "reconciled"});
  CHECK(line.history[2].note == "wrong_account_number: no such account E-100");
  CHECK(line.history[2].actor == "distributor east");
  CHECK(line.history[3].note == "account number corrected");
  CHECK(line.history[4].note == "account number fixed");
}

TEST_CASE("lifecycle: held lines are released to the distributor, then reassigned to holding again") {
  Shop shop;  // Bolt is in holding at the Virginia store
  std::vector<std::int64_t> lines;
  for (int i = 0; i < 3; ++i) {
    auto checkout = shop.open("ann", "H" + std::to_string(i), kMonday + i, "va", "two bags");
    checkout.add_line({kCat3, 2, 1299});
    checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
    lines.push_back(checkout.finish().redemptions[0].credit_line_id);
  }
  CHECK(shop.engine.enroll({"va", "bolt-fb", "catsonly", "C-9"}, kMonday + kDay).released_lines == 3);
  const Actor cats{ActorRole::distributor, "catsonly"};
  auto batch = shop.engine.pull_batch(cats, "cats", {}, kMonday + kDay);
  shop.engine.unbatch_line(cats, lines[2], kMonday + kDay);
  // Only the store's distributor may hand the program back to holding.
  CHECK(code_of([&] { shop.engine.reassign_to_holding(kEast, "va", "bolt-fb", kMonday); }) == ErrorCode::wrong_actor);
  CHECK(shop.engine.reassign_to_holding(cats, "va", "bolt-fb", kMonday + 2 * kDay) == 3);
  CHECK(shop.engine.enrollment("va", "bolt-fb").distributor_id == kTemporaryHolding);
  CHECK(shop.engine.credit_lines("held").size() == 3);
  CHECK(shop.engine.batch(batch.id).lines.empty());
  CHECK(states_of(shop.engine.credit_line(lines[0])) == std::vector<std::string>{"held", "new", "batched", "held"});
  // Picking a distributor again releases them all again.
  CHECK(shop.engine.enroll({"va", "bolt-fb", "east", "E-100"}, kMonday + 3 * kDay).released_lines == 3);
  CHECK(shop.engine.credit_lines("new", "east").size() == 3);
}

TEST_CASE("lifecycle: distributors claim credited lines from the manufacturer, who pays") {
  Shop shop;
  acme_line(shop, "R1");
  acme_line(shop, "R2");
  auto batch = shop.engine.pull_batch(kEast, "b", {}, kMonday);
  CHECK(code_of([&] { shop.engine.claim_credit(kEast, "acme", {batch.id}, "claim", kMonday); }) == ErrorCode::invalid_state);
  shop.engine.fulfill_batch(kEast, batch.id, {"CM-1", 3000}, kMonday);
  CHECK(code_of([&] { shop.engine.claim_credit(kStore, "acme", {}, "claim", kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.claim_credit(kEast, "bolt", {}, "claim", kMonday); }) == ErrorCode::invalid_state);
  auto claim = shop.engine.claim_credit(kEast, "acme", {}, "Acme November", kMonday + kDay);
  CHECK(claim.kind == "credit");
  CHECK(claim.state == "claimed");
  CHECK(claim.lines.size() == 2);
  CHECK(claim.batches == std::vector<std::int64_t>{batch.id});
  CHECK(shop.engine.credit_line(claim.lines[0]).credit_batch_id == claim.id);
  // Claimed lines are not claimed twice.
  CHECK(code_of([&] { shop.engine.claim_credit(kEast, "acme", {}, "again", kMonday); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { shop.engine.pay_credit_batch(kBolt, claim.id, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(shop.engine.pay_credit_batch(kAcme, claim.id, kMonday + 7 * kDay).state == "paid");
  CHECK(code_of([&] { shop.engine.pay_credit_batch(kAcme, claim.id, kMonday); }) == ErrorCode::invalid_state);
}

TEST_CASE("lifecycle: direct lines are batched and credited by the manufacturer's own desk") {
  Shop shop;
  auto checkout = shop.open("ann", "D1", kMonday, "va", "two bags");
  checkout.add_line({kChicken4, 2, 1999});
  checkout.redeem({"acme-size", "bag", kChicken4, 1999});
  auto line = checkout.finish().redemptions[0].credit_line_id;
  CHECK(code_of([&] { shop.engine.pull_batch(kEast, "x", {}, kMonday); }) == ErrorCode::invalid_state);
  auto batch = shop.engine.pull_batch(kAcme, "acme direct", {}, kMonday);
  CHECK(batch.kind == "direct");
  CHECK(batch.lines == std::vector<std::int64_t>{line});
  CHECK(code_of([&] { shop.engine.fulfill_batch(kEast, batch.id, {"M", 1}, kMonday); }) == ErrorCode::wrong_actor);
  shop.engine.fulfill_batch(kAcme, batch.id, {"ACME-CM-1", 1999}, kMonday);
  CHECK(shop.engine.credit_line(line).state == "credited");
}

TEST_CASE("lifecycle: retailer-fulfilled lines go batch, submitted, complete, with the brand's decline") {
  Shop shop;
  auto a = treat_line(shop, "T1");
  auto b = treat_line(shop, "T2");
  CHECK(code_of([&] { shop.engine.create_retailer_batch(kEast, "x", {}, kMonday); }) == ErrorCode::wrong_actor);
  auto batch = shop.engine.create_retailer_batch(kStore, "weekly", {"va"}, kMonday + kDay);
  CHECK(batch.kind == "retailer");
  CHECK(batch.state == "open");
  CHECK(batch.lines.size() == 2);
  CHECK(code_of([&] { shop.engine.complete_retailer_batch(kStore, batch.id, kMonday); }) == ErrorCode::invalid_state);
  shop.engine.submit_retailer_batch(kStore, batch.id, kMonday + 2 * kDay);
  CHECK(shop.engine.credit_line(a).state == "submitted");
  // The brand refuses one line; only the brand may.
  CHECK(code_of([&] { shop.engine.decline_line(kAcme, b, "item_not_in_program", "", kMonday); }) == ErrorCode::wrong_actor);
  shop.engine.decline_line(kBolt, b, "item_not_in_program", "treats are not tracked", kMonday + 3 * kDay);
  shop.engine.complete_retailer_batch(kStore, batch.id, kMonday + 4 * kDay);
  CHECK(shop.engine.credit_line(a).state == "complete");
  CHECK(shop.engine.credit_line(b).state == "declined");
  CHECK(shop.engine.resubmit_line(kStore, b, "with proof", kMonday + 5 * kDay).state == "new");
  CHECK(code_of([&] { shop.engine.reconcile_line(kStore, a, kMonday); }) == ErrorCode::invalid_state);
}

TEST_CASE("lifecycle: the retailer's cadence says which batches are due") {
  Shop shop;
  treat_line(shop, "T1");
  shop.engine.set_cadence("va", Cadence::weekly, "2026-11-02", kMonday);
  shop.engine.set_cadence("oh", Cadence::monthly, "2026-01-31", kMonday);
  CHECK(code_of([&] { shop.engine.set_cadence("va", Cadence::weekly, "2026-13-01", kMonday); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.set_cadence("zz", Cadence::weekly, "2026-11-02", kMonday); }) == ErrorCode::unknown_location);
  auto due = [&](const std::string& date, const std::string& loc) {
    for (const auto& d : shop.engine.batches_due(date))
      if (d.location_id == loc) return d;
    FAIL("no cadence for " << loc);
    return BatchDue{};
  };
  CHECK(due("2026-11-09", "va").due);
  CHECK(due("2026-11-09", "va").new_lines == 1);
  CHECK_FALSE(due("2026-11-10", "va").due);
  CHECK(due("2026-11-30", "oh").due);  // the 31st falls on the month's last day
  CHECK_FALSE(due("2026-11-29", "oh").due);
  CHECK(due("2026-12-31", "oh").due);
  shop.engine.set_cadence("va", Cadence::biweekly, "2026-11-02", kMonday);
  CHECK_FALSE(due("2026-11-09", "va").due);
  CHECK(due("2026-11-16", "va").due);
}

TEST_CASE("lifecycle: lines of different distributors never share a batch") {
  Shop shop;
  shop.enroll("va", "bolt-fb", "catsonly", "C-1");
  acme_line(shop, "R1");
  auto checkout = shop.open("ann", "R2", kMonday, "va", "two bags");
  checkout.add_line({kCat3, 2, 1299});
  checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
  checkout.finish();
  auto east = shop.engine.pull_batch(kEast, "e", {}, kMonday);
  auto cats = shop.engine.pull_batch({ActorRole::distributor, "catsonly"}, "c", {}, kMonday);
  CHECK(east.lines.size() == 1);
  CHECK(cats.lines.size() == 1);
  CHECK(shop.engine.credit_line(east.lines[0]).partner == "east");
  CHECK(shop.engine.credit_line(cats.lines[0]).partner == "catsonly");
  CHECK(shop.engine.batches("east").size() == 1);
}
