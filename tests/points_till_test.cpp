// SPDX-License-Identifier: Apache-2.0
// Loyalty points at the till and after it (DOMAIN section 12, docs/programs.md#loyalty-points):
// earning in the finishing transaction, rewards and their refusals, exactly-once retries,
// returns, expiry, switching a program off, history, the liability report.
#include <doctest/doctest.h>

#include "support/promotions.hpp"

using namespace tally;
using namespace tally_test;

namespace {

// Paws Points: a point a dollar of the total, double on Fridays, at most 500 a visit; 10 a
// bag of treats; points earned today pay from the next visit; they expire after a year.
const char* kPawsPoints = R"({"programs": [
  {"id": "paws", "name": "Paws Points", "kind": "points", "fulfillment": "none",
   "points": {
     "events": [{"id": "dollars", "kind": "money", "on": "total", "points": 1, "per_cents": 100,
                 "multiplier": 2, "multiplier_days": ["friday"], "cap": 500},
                {"id": "treats", "kind": "upc", "upcs": ["033333000010"], "points": 10}],
     "rewards": [{"id": "toy", "title": "Free squeaky toy", "points": 100, "lifetime_limit": 2},
                 {"id": "bath", "title": "Free bath", "points": 50, "period_limit": 1, "period_days": 30},
                 {"id": "old", "title": "Retired reward", "points": 10, "active": false}],
     "redeemable_same_day": false, "expiry_days": 365%s}}]})";

std::string paws(const std::string& extra = "", bool same_day = false) {
  std::string doc = kPawsPoints;
  doc.replace(doc.find("%s"), 2, extra);
  if (same_day) doc.replace(doc.find("\"redeemable_same_day\": false"), 28, "\"redeemable_same_day\": true ");
  return doc;
}

void run_paws(Shop& shop) {
  shop.engine.load_catalog(paws(), kMonday - kDay);
  shop.enroll("va", "paws");
  shop.enroll("oh", "paws");
}

struct PointsShop : Shop {
  explicit PointsShop(std::unique_ptr<Store> store = make_store()) : Shop(std::move(store)) { run_paws(*this); }

  // A visit of `units` bags of beef at $10: `units` * 10 points.
  CheckoutResult spend(const std::string& customer, const std::string& receipt, int units, Timestamp at = kMonday,
                       const std::vector<PointsRedemptionRequest>& rewards = {}, const std::string& location = "va") {
    auto checkout = open(customer, receipt, at, location, "a big buy");
    if (units) checkout.add_line({kBeef4, units, 1000});
    for (const auto& r : rewards) checkout.redeem_points(r);
    return checkout.finish();
  }

  std::int64_t balance(const std::string& customer, Timestamp at = kMonday) {
    for (const auto& p : engine.points(customer, "va", at))
      if (p.program_id == "paws") return p.balance;
    FAIL("no paws account");
    return 0;
  }
};

const PointsRewardStatus& reward(const PointsStatus& status, const std::string& id) {
  for (const auto& r : status.rewards)
    if (r.reward_id == id) return r;
  FAIL("no reward " << id);
  return status.rewards.front();
}

}  // namespace

TEST_CASE("points at the till: a visit earns on its total and on chosen UPCs, and the till, result and balance say so") {
  PointsShop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two bags");
  checkout.add_line({kBeef4, 2, 1500});
  checkout.add_line({kTreats, 1, 899});
  auto till = checkout.points();
  REQUIRE(till.size() == 1);
  CHECK(till[0].program_id == "paws");
  CHECK(till[0].balance == 0);
  CHECK(till[0].earned == 38 + 10);  // $38.99 of total, a bag of treats
  CHECK_FALSE(till[0].redeemable_same_day);
  CHECK(till[0].rewards.size() == 2);  // the retired reward is not shown
  CHECK_FALSE(reward(till[0], "toy").available);
  CHECK(reward(till[0], "toy").refusal == "insufficient_points");
  auto result = checkout.finish();
  REQUIRE(result.points.size() == 1);
  const PointsActivity& a = result.points[0];
  CHECK(a.earned == 48);
  CHECK(a.balance_before == 0);
  CHECK(a.balance == 48);
  REQUIRE(a.events.size() == 2);
  CHECK(a.events[0].event_id == "dollars");
  CHECK(a.events[0].points == 38);
  CHECK(a.events[0].line_points == std::vector<std::int64_t>{29, 9});  // by value: $30.00 and $8.99
  CHECK(a.events[1].line_points == std::vector<std::int64_t>{0, 10});
  CHECK(shop.balance("ann") == 48);
  auto accounts = shop.engine.points("ann", "va", kMonday);
  REQUIRE(accounts[0].lots.size() == 1);
  CHECK(accounts[0].lots[0].earned_on == "2026-11-02");
  CHECK(accounts[0].lots[0].location_id == "va");
  CHECK(accounts[0].lots[0].expires_on == "2027-11-02");
  auto history = shop.engine.points_history("ann", "paws");
  REQUIRE(history.size() == 1);
  CHECK(history[0].kind == "earned");
  CHECK(history[0].points == 48);
  CHECK(history[0].receipt_id == "R1");
  CHECK(shop.engine.checkout_result("va", "R1").points.at(0).earned == 48);
}

TEST_CASE("points at the till: double points on Fridays, capped per visit after the multiplier") {
  PointsShop shop;
  CHECK(shop.spend("ann", "MON", 30).points.at(0).earned == 300);
  CHECK(shop.spend("ann", "FRI", 30, kMonday + 4 * kDay).points.at(0).earned == 500);  // 600, capped
  CHECK(shop.spend("bob", "FRI2", 20, kMonday + 4 * kDay).points.at(0).earned == 400);
}

TEST_CASE("points at the till: with redeemable same day off, today's points pay from the next visit") {
  PointsShop shop;
  shop.spend("ann", "R1", 9);  // 90
  auto checkout = shop.open("ann", "R2", kMonday + kDay, "va", "two bags");
  checkout.add_line({kBeef4, 2, 1000});  // 20 more, landing after the visit
  CHECK(reward(checkout.points()[0], "toy").refusal == "insufficient_points");
  const std::string why = message_of([&] { checkout.redeem_points({"paws", "toy"}); });
  CHECK(code_of([&] { checkout.redeem_points({"paws", "toy"}); }) == ErrorCode::insufficient_points);
  CHECK(why.find("points_redemptions[0].reward: toy costs 100 points; the balance is 90") == 0);
  CHECK(why.find("can pay from the next visit") != std::string::npos);
  CHECK(checkout.points_redemptions().empty());
  checkout.finish();
  auto next = shop.spend("ann", "R3", 0, kMonday + 2 * kDay, {{"paws", "toy"}});
  REQUIRE(next.points.at(0).redeemed.size() == 1);
  CHECK(next.points[0].redeemed[0].title == "Free squeaky toy");
  CHECK(next.points[0].balance == 10);
  REQUIRE(next.redemptions.size() == 1);
  CHECK(next.redemptions[0].kind == "points");
  CHECK(next.redemptions[0].card_id == "toy");
  CHECK(next.redemptions[0].credit_line_id == 0);  // the store's own: nobody pays it back
}

TEST_CASE("points at the till: with redeemable same day on, a visit's points pay for its reward") {
  PointsShop shop;
  shop.engine.load_catalog(paws("", true), kMonday);
  shop.spend("ann", "R1", 5);  // 50
  auto result = shop.spend("ann", "R2", 6, kMonday + kDay, {{"paws", "toy"}});  // 50 + 60 pays 100
  CHECK(result.points.at(0).balance == 10);
  CHECK(shop.engine.points_history("ann", "paws").back().kind == "redeemed");
}

TEST_CASE("points at the till: a reward's lifetime limit and its count per period") {
  PointsShop shop;
  shop.spend("ann", "R1", 40);  // 400
  Timestamp at = kMonday + kDay;
  shop.spend("ann", "T1", 0, at, {{"paws", "toy"}});
  shop.spend("ann", "T2", 0, at, {{"paws", "toy"}});
  auto third = shop.open("ann", "T3", at);
  CHECK(reward(third.points()[0], "toy").refusal == "limit_reached");
  CHECK(reward(third.points()[0], "toy").taken == 2);
  CHECK(code_of([&] { third.redeem_points({"paws", "toy"}); }) == ErrorCode::limit_reached);
  shop.spend("ann", "B1", 0, at, {{"paws", "bath"}});
  auto again = shop.open("ann", "B2", at + 29 * kDay);
  CHECK(code_of([&] { again.redeem_points({"paws", "bath"}); }) == ErrorCode::limit_reached);
  auto later = shop.spend("ann", "B3", 0, at + 30 * kDay, {{"paws", "bath"}});
  CHECK(later.points.at(0).balance == 400 - 200 - 100);
  // Two in one visit count against the limit too.
  PointsShop other;
  other.spend("bob", "R1", 40);
  auto both = other.open("bob", "TT", at);
  both.redeem_points({"paws", "bath"});
  CHECK(code_of([&] { both.redeem_points({"paws", "bath"}); }) == ErrorCode::limit_reached);
  CHECK(both.points_redemptions().size() == 1);
}

TEST_CASE("points at the till: refusals name the field and store nothing") {
  PointsShop shop;
  shop.spend("ann", "R1", 40);
  auto checkout = shop.open("ann", "R2", kMonday + kDay);
  CHECK(message_of([&] { checkout.redeem_points({"paws", "old"}); }) ==
        "points_redemptions[0].reward: 'old' is not an active reward of paws");
  CHECK(code_of([&] { checkout.redeem_points({"paws", "nope"}); }) == ErrorCode::reward_not_available);
  CHECK(code_of([&] { checkout.redeem_points({"nope", "toy"}); }) == ErrorCode::unknown_program);
  CHECK(message_of([&] { checkout.redeem_points({"acme-fb", "toy"}); }) ==
        "points_redemptions[0].program: acme-fb is not a points program");
  CHECK(checkout.points_redemptions().empty());
  // A program the location does not run.
  shop.engine.load_catalog(R"({"programs": [{"id": "mews", "name": "Mews Points", "kind": "points",
    "fulfillment": "none", "points": {"events": [{"id": "d", "kind": "money", "points": 1}],
    "rewards": [{"id": "toy", "title": "Toy", "points": 1}]}}]})", kMonday);
  auto elsewhere = shop.open("ann", "R3", kMonday + kDay);
  CHECK(code_of([&] { elsewhere.redeem_points({"mews", "toy"}); }) == ErrorCode::not_enrolled);
  // The same through a whole document: refused, and nothing written.
  const auto before = shop.dump();
  CheckoutDocument doc;
  doc.open = {"va", "ann", "R9", kMonday + kDay, ""};
  doc.lines = {{kBeef4, 1, 1000}};
  doc.points_redemptions = {{"paws", "toy"}, {"paws", "toy"}, {"paws", "toy"}};
  CHECK(message_of([&] { run_checkout(shop.engine, doc); }) ==
        "points_redemptions[2].reward: toy may be taken 2 times per customer, and has been");
  CHECK(shop.dump() == before);
  auto outcomes = shop.engine.run_checkouts({doc});
  CHECK(outcomes.at(0).code == ErrorCode::limit_reached);
  CHECK(shop.dump() == before);
}

TEST_CASE("points at the till: a retried receipt earns and pays once; other content is a conflict") {
  PointsShop shop;
  shop.spend("ann", "R1", 15);
  CheckoutDocument doc;
  doc.open = {"va", "ann", "R2", kMonday + kDay, "three bags"};
  doc.lines = {{kBeef4, 3, 1000}};
  doc.points_redemptions = {{"paws", "toy"}};
  auto first = run_checkout(shop.engine, doc);
  for (int i = 0; i < 2; ++i) {
    auto again = run_checkout(shop.engine, doc);
    CHECK(again.replayed);
    CHECK(again.points.at(0).balance == first.points.at(0).balance);
    CHECK(again.points.at(0).redeemed.at(0).title == "Free squeaky toy");
  }
  CHECK(shop.balance("ann", kMonday + kDay) == 150 - 100 + 30);
  CHECK(shop.engine.points_history("ann", "paws").size() == 3);  // earned, redeemed, earned
  doc.points_redemptions.clear();
  CHECK(code_of([&] { run_checkout(shop.engine, doc); }) == ErrorCode::receipt_conflict);
}

TEST_CASE("points after the till: a return takes its points back, into a negative balance") {
  PointsShop shop;
  auto sale = shop.spend("ann", "R1", 12);  // 120
  shop.spend("ann", "R2", 0, kMonday + kDay, {{"paws", "toy"}});  // 20 left
  auto back = shop.engine.return_items({"va", "R1", 0, 12, "RET-1", kMonday + 2 * kDay});
  CHECK(back.points_returned == 120);
  CHECK(shop.balance("ann", kMonday + 2 * kDay) == -100);
  auto account = shop.engine.points("ann", "va", kMonday + 2 * kDay).at(0);
  CHECK(account.debt == 100);
  CHECK(account.lots.empty());
  auto history = shop.engine.points_history("ann", "paws");
  CHECK(history.back().kind == "returned");
  CHECK(history.back().points == -120);
  CHECK(history.back().balance == -100);
  CHECK(history.back().return_id == "RET-1");
  // A retried return takes nothing more; new points pay the debt first.
  CHECK(shop.engine.return_items({"va", "R1", 0, 12, "RET-1", kMonday + 2 * kDay}).points_returned == 120);
  CHECK(shop.balance("ann", kMonday + 2 * kDay) == -100);
  CHECK(shop.spend("ann", "R3", 3, kMonday + 3 * kDay).points.at(0).balance == -70);
  (void)sale;
}

TEST_CASE("points after the till: returns in parts take back exactly what the line earned") {
  PointsShop shop;
  auto checkout = shop.open("bob", "R1", kMonday, "va", "three bags");
  checkout.add_line({kBeef4, 3, 333});  // $9.99: 9 points over 3 units
  checkout.add_line({kTreats, 1, 100});  // 1 + 10
  auto sale = checkout.finish();
  CHECK(sale.points.at(0).earned == 20);
  std::int64_t taken = 0;
  taken += shop.engine.return_items({"va", "R1", 0, 1, "A", kMonday}).points_returned;
  taken += shop.engine.return_items({"va", "R1", 0, 1, "B", kMonday}).points_returned;
  taken += shop.engine.return_items({"va", "R1", 0, 1, "C", kMonday}).points_returned;
  const auto& dollars = sale.points[0].events[0];
  CHECK(taken == dollars.line_points[0]);
  CHECK(shop.balance("bob") == 20 - taken);
}

TEST_CASE("points: lots expire a year after they were earned, and the next visit records it") {
  PointsShop shop;
  shop.spend("ann", "R1", 7);                     // 70 on 2026-11-02
  shop.spend("ann", "R2", 5, kMonday + 201 * kDay);  // 50 on a Saturday in May 2027
  CHECK(shop.balance("ann", kMonday + 364 * kDay) == 120);
  CHECK(shop.balance("ann", kMonday + 365 * kDay) == 50);
  auto visit = shop.spend("ann", "R3", 1, kMonday + 366 * kDay);
  CHECK(visit.points.at(0).expired == 70);
  CHECK(visit.points[0].balance_before == 50);
  CHECK(visit.points[0].balance == 60);
  auto history = shop.engine.points_history("ann", "paws", 2);
  REQUIRE(history.size() == 2);
  CHECK(history[0].kind == "expired");
  CHECK(history[0].points == -70);
  CHECK(history[0].number == 3);
}

TEST_CASE("points: switching the program off hides it at the till and keeps every balance") {
  PointsShop shop;
  shop.spend("ann", "R1", 20);
  shop.engine.load_catalog(paws(R"(, "active": false)"), kMonday);
  auto checkout = shop.open("ann", "R2", kMonday + kDay, "va", "five bags");
  checkout.add_line({kBeef4, 5, 1000});
  CHECK(checkout.points().empty());
  CHECK(code_of([&] { checkout.redeem_points({"paws", "toy"}); }) == ErrorCode::reward_not_available);
  CHECK(checkout.finish().points.empty());  // earns nothing
  auto account = shop.engine.points("ann", "va", kMonday + kDay).at(0);
  CHECK_FALSE(account.active);
  CHECK(account.balance == 200);
  shop.engine.load_catalog(paws(), kMonday + kDay);
  CHECK(shop.spend("ann", "R3", 0, kMonday + 2 * kDay, {{"paws", "toy"}}).points.at(0).balance == 100);
}

TEST_CASE("points after the till: undoing a points reward gives its points back") {
  PointsShop shop;
  shop.spend("ann", "R1", 15);
  auto visit = shop.spend("ann", "R2", 0, kMonday + kDay, {{"paws", "toy"}});
  const std::int64_t id = visit.points.at(0).redeemed.at(0).redemption_id;
  CHECK(code_of([&] { shop.engine.undo_redemption({}, id, kBeef4, std::nullopt, kMonday + kDay); }) ==
        ErrorCode::invalid_argument);
  shop.engine.undo_redemption({}, id, "", std::nullopt, kMonday + kDay);
  CHECK(shop.balance("ann", kMonday + kDay) == 150);
  CHECK(shop.engine.points_history("ann", "paws").back().kind == "refunded");
  CHECK(shop.engine.points("ann", "va", kMonday + kDay).at(0).rewards_taken.at(0).count == 0);
  CHECK(code_of([&] { shop.engine.undo_redemption({}, id, "", std::nullopt, kMonday + kDay); }) ==
        ErrorCode::invalid_state);
}

TEST_CASE("points reports: the liability per location, and points rewards among the redemptions") {
  PointsShop shop;
  shop.spend("ann", "R1", 12);                       // 120 at va
  shop.spend("bob", "O1", 5, kMonday, {}, "oh");     // 50 at oh
  shop.spend("bob", "R2", 3);                        // 30 at va
  shop.spend("ann", "R4", 0, kMonday + kDay, {{"paws", "toy"}});          // ann: 20 left at va
  shop.engine.return_items({"va", "R1", 0, 12, "RET", kMonday + kDay});  // ann owes 100 at va
  const std::string va = shop.engine.report("points_liability", R"({"location": "va"})", kMonday + kDay);
  CHECK(va.find(R"("programs":[{"program":"paws","name":"Paws Points","points":30,"customers":1,"owed_points":100,"customers_owing":1}])") !=
        std::string::npos);
  const std::string oh = shop.engine.report("points_liability", R"({"location": "oh"})", kMonday + kDay);
  CHECK(oh.find(R"("points":50,"customers":1,"owed_points":0)") != std::string::npos);
  CHECK(code_of([&] { shop.engine.report("points_liability", R"({"location": "va", "from": "2026-11-01"})", kMonday); }) ==
        ErrorCode::invalid_argument);
  const std::string csv =
      shop.engine.report("points_liability", R"({"location": "oh", "format": "csv"})", kMonday + kDay);
  CHECK(csv == "program,name,points,customers,owed_points,customers_owing\r\npaws,Paws Points,50,1,0,0\r\n");
  const std::string redemptions =
      shop.engine.report("redemptions_by_date", R"({"location": "va"})", kMonday + kDay);
  CHECK(redemptions.find(R"("kind":"points","card":"toy")") != std::string::npos);
  CHECK(redemptions.find(R"("description":"Free squeaky toy")") != std::string::npos);
}

TEST_CASE("points: a bulk finish settles each receipt's points in order") {
  PointsShop shop;
  std::vector<CheckoutDocument> docs(3);
  for (int i = 0; i < 3; ++i) {
    docs[i].open = {"va", "ann", "B" + std::to_string(i), kMonday + i * kDay, "six bags"};
    docs[i].lines = {{kBeef4, 6, 1000}};
  }
  docs[2].points_redemptions = {{"paws", "toy"}};
  auto outcomes = shop.engine.run_checkouts(docs);
  REQUIRE(outcomes.size() == 3);
  CHECK(outcomes[2].code == ErrorCode::ok);
  CHECK(outcomes[2].result.points.at(0).balance == 180 - 100);
  CHECK(shop.balance("ann", kMonday + 2 * kDay) == 80);
}

TEST_CASE("points at the till: money earns on the total after the visit's discounts, or on the subtotal") {
  PromoShop shop;
  run_paws(shop);
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two washes");
  checkout.add_line({kWash, 2, 1000});
  checkout.redeem({"wash-dollars", "wash", "", std::nullopt});  // $5 off the $20
  CHECK(checkout.points().at(0).earned == 15);
  CHECK(checkout.finish().points.at(0).earned == 15);
  std::string on_subtotal = paws();
  on_subtotal.replace(on_subtotal.find(R"("on": "total")"), 13, R"("on": "subtotal")");
  shop.engine.load_catalog(on_subtotal, kMonday);
  auto again = shop.open("ann", "R2", kMonday + kDay, "va", "two washes");
  again.add_line({kWash, 2, 1000});
  again.redeem({"wash-dollars", "wash", "", std::nullopt});
  CHECK(again.finish().points.at(0).earned == 20);
}

TEST_CASE("points at the till: two tills spending one balance at once on one SQLite file: exactly one pays") {
  const std::string path = temp_db_path("tally-points-race");
  {
    PointsShop shop(make_sqlite_store(path));
    shop.spend("ann", "R1", 15);  // 150: one toy, not two
    Engine other(make_sqlite_store(path));
    auto a = shop.engine.open_checkout({"va", "ann", "A", kMonday + kDay, ""});
    auto b = other.open_checkout({"oh", "ann", "B", kMonday + kDay, ""});
    a.redeem_points({"paws", "toy"});
    b.redeem_points({"paws", "toy"});  // both tills saw 150
    const auto codes = finish_at_once(a, b);
    CHECK(((codes[0] == ErrorCode::ok) != (codes[1] == ErrorCode::ok)));
    CHECK((codes[0] == ErrorCode::insufficient_points || codes[1] == ErrorCode::insufficient_points));
    CHECK(shop.balance("ann", kMonday + kDay) == 50);
    CHECK(other.points_history("ann", "paws").size() == 2);
  }
  remove_db(path);
}

TEST_CASE("points at the till: a visit's earning, a reward and a return, on a store failing at every call, leave all or nothing") {
  // What a finish writes for points (the account, its history, the redemption), then what a
  // return writes, each under a fault at its k-th storage call.
  for (int step = 0; step < 2; ++step) {
    CAPTURE(step);
    auto act = [step](PointsShop& shop) {
      if (step == 0) shop.spend("ann", "R2", 2, kMonday + kDay, {{"paws", "toy"}});
      else shop.engine.return_items({"va", "R1", 0, 15, "RET", kMonday + kDay});
    };
    fail_at_every_call<PointsShop>([](PointsShop& shop) { shop.spend("ann", "R1", 15); }, act);
  }
}

TEST_CASE("points after the till: a merged duplicate's points join the survivor's, and its returns take from them") {
  PointsShop shop;
  shop.spend("ann", "R1", 12);  // 120
  shop.spend("bob", "R2", 3);   // 30
  shop.engine.merge_customers("ann", "bob", kMonday + kDay);
  CHECK(shop.balance("ann", kMonday + kDay) == 150);
  CHECK(shop.balance("bob", kMonday + kDay) == 0);
  auto merged = shop.engine.points_history("ann", "paws").back();
  CHECK(merged.kind == "merged");
  CHECK(merged.points == 30);
  CHECK(merged.balance == 150);
  CHECK(shop.engine.points_history("bob", "paws").back().points == -30);
  CHECK(shop.engine.return_items({"va", "R2", 0, 3, "RET", kMonday + kDay}).points_returned == 30);
  CHECK(shop.balance("ann", kMonday + kDay) == 120);
  CHECK(shop.balance("bob", kMonday + kDay) == 0);
}
