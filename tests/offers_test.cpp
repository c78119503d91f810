// SPDX-License-Identifier: Apache-2.0
// Offers, rebates, auto-enrollment, private programs, adoption bundles, custom discounts
// (DOMAIN sections 2, 3, 6, 7).
#include <doctest/doctest.h>


#include "support/promotions.hpp"

using namespace tally;
using namespace tally_test;

namespace {

const OfferStatus& status(const std::vector<OfferStatus>& all, const std::string& id) {
  for (const auto& s : all)
    if (s.offer_id == id) return s;
  FAIL("no offer " << id);
  return all.front();
}

CheckoutResult bogo(Shop& shop, const std::string& customer, const std::string& receipt,
                    Timestamp at = kMonday) {
  auto checkout = shop.open(customer, receipt, at);
  checkout.add_line({kBeef4, 1, 1500});
  checkout.redeem_offer({"acme-bogo", kChicken4, 1450});
  return checkout.finish();
}

}  // namespace

TEST_CASE("offers: the till sees a qualifying basket, the reward is taken, a free-goods line follows") {
  PromoShop shop;
  auto checkout = shop.open("ann", "R1");
  CHECK(status(checkout.offers(), "acme-bogo").earned == 0);
  auto punches = checkout.add_line({kBeef4, 1, 1500});
  CHECK(punches.size() == 1);  // the same item punches the frequent-buyer card
  auto s = status(checkout.offers(), "acme-bogo");
  CHECK(s.active);
  CHECK(s.qualifying_units == 1);
  CHECK(s.earned == 1);
  CHECK(s.available == 1);
  CHECK(s.customer_remaining == 2);
  CHECK(s.reward_items.size() == 2);
  CHECK(code_of([&] { checkout.redeem_offer({"acme-bogo", kDuck4, 1500}); }) == ErrorCode::item_not_allowed);
  checkout.redeem_offer({"acme-bogo", kBeef4, std::nullopt});
  CHECK(status(checkout.offers(), "acme-bogo").available == 0);
  CHECK(code_of([&] { checkout.redeem_offer({"acme-bogo", kBeef4, 1500}); }) == ErrorCode::reward_not_available);
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].kind == "offer");
  CHECK(result.redemptions[0].unit_price == 1500);
  auto line = shop.engine.credit_line(result.redemptions[0].credit_line_id);
  CHECK(line.stream == "free_goods");
  CHECK(line.program_kind == "offer");
  CHECK(line.partner == "east");
  CHECK(shop.engine.cards("ann").at(0).punches.size() == 1);
}

TEST_CASE("offers: the customer may decline, and the till says so") {
  PromoShop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kBeef4, 1, 1500});
  checkout.decline_offer("acme-bogo");
  auto s = status(checkout.offers(), "acme-bogo");
  CHECK(s.declined);
  CHECK(s.available == 0);
  CHECK(code_of([&] { checkout.redeem_offer({"acme-bogo", kBeef4, 1500}); }) == ErrorCode::invalid_state);
  CHECK(code_of([&] { checkout.decline_offer("acme-fb"); }) == ErrorCode::unknown_program);
  CHECK(checkout.finish().redemptions.empty());
}

TEST_CASE("offers: dates are inclusive in the location's time zone") {
  PromoShop shop;
  // 2026-11-03 04:30Z is 23:30 on 2 November in Virginia: the one-day rebate still runs.
  const Timestamp late = parse_timestamp("2026-11-03T04:30:00Z");
  auto on_time = shop.open("ann", "R1", late);
  on_time.add_line({kCat7, 1, 1899});
  on_time.redeem_offer({"bolt-rebate", "", std::nullopt});
  auto result = on_time.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].kind == "rebate");
  // An hour later it is 3 November there: ended.
  auto too_late = shop.open("bob", "R2", late + 3600);
  too_late.add_line({kCat7, 1, 1899});
  CHECK(status(too_late.offers(), "bolt-rebate").inactive_reason == "bolt-rebate ended on 2026-11-02");
  CHECK(code_of([&] { too_late.redeem_offer({"bolt-rebate", "", std::nullopt}); }) == ErrorCode::invalid_state);
  // Enrolling before the start is fine; using it is not, until its first local day.
  shop.enroll("va", "acme-december", "east", "E-100");
  const Timestamp eve = parse_timestamp("2026-12-01T04:59:00Z");  // 23:59 on 30 November
  auto early = shop.open("ann", "R3", eve);
  early.add_line({kChicken4, 1, 1999});
  CHECK(code_of([&] { early.redeem_offer({"acme-december", kChicken4, 1999}); }) == ErrorCode::invalid_state);
  auto first_day = shop.open("bob", "R4", eve + 60);
  first_day.add_line({kChicken4, 1, 1999});
  CHECK(code_of([&] { first_day.redeem_offer({"acme-december", kChicken4, 1999}); }) == ErrorCode::ok);
  // An ended offer cannot be enrolled in.
  CHECK(code_of([&] { shop.enroll("va", "acme-october", "east", "E-100"); }) == ErrorCode::invalid_state);
}

TEST_CASE("offers: rebates join the rebate stream as money owed") {
  PromoShop shop;
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kCat7, 2, 1899});
  checkout.set_multi_punch_reason("two bags");
  checkout.redeem_offer({"bolt-rebate", "", std::nullopt});
  checkout.redeem_offer({"bolt-rebate", "", std::nullopt});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 2);
  auto line = shop.engine.credit_line(result.redemptions[0].credit_line_id);
  CHECK(line.stream == "rebates");
  CHECK(line.unit_price == 300);
  CHECK(line.quantity == 1);
  CHECK(line.fulfillment == "direct");
  CHECK(line.partner == "bolt");
  // 600 cents overall: a third rebate is over the limit.
  auto more = shop.open("bob", "R2");
  more.add_line({kCat7, 1, 1899});
  auto s = status(more.offers(), "bolt-rebate");
  CHECK(s.overall_remaining == 0);
  CHECK(s.limit_reached);
  CHECK(code_of([&] { more.redeem_offer({"bolt-rebate", "", std::nullopt}); }) == ErrorCode::limit_reached);
  // The rebate lines travel the same lifecycle, batched apart from free goods.
  auto batch = shop.engine.pull_batch({ActorRole::manufacturer, "bolt"}, "rebates", {}, kMonday, "rebates");
  CHECK(batch.stream == "rebates");
  CHECK(batch.lines.size() == 2);
}

TEST_CASE("offers: the per-customer limit is never exceeded") {
  PromoShop shop;
  bogo(shop, "ann", "R1");
  bogo(shop, "ann", "R2");
  auto third = shop.open("ann", "R3");
  third.add_line({kBeef4, 1, 1500});
  auto s = status(third.offers(), "acme-bogo");
  CHECK(s.customer_remaining == 0);
  CHECK(s.limit_reached);
  CHECK(message_of([&] { third.redeem_offer({"acme-bogo", kBeef4, 1500}); }).find("reached the limit of 2") != std::string::npos);
  CHECK(bogo(shop, "bob", "R4").redemptions.size() == 1);  // another customer still may
}

TEST_CASE("offers: two tills racing for the last unit on one SQLite file: exactly one wins") {
  const std::string path = temp_db_path("tally-race");
  PromoShop shop(make_sqlite_store(path));
  // The overall limit of 3 has 1 unit left when two tills, on two handles, want it.
  bogo(shop, "ann", "R1");
  bogo(shop, "bob", "R2");
  Engine other(make_sqlite_store(path));
  auto a = shop.engine.open_checkout({"va", "ann", "A", kMonday, ""});
  auto b = other.open_checkout({"va", "bree", "B", kMonday, ""});
  a.add_line({kBeef4, 1, 1500});
  b.add_line({kBeef4, 1, 1500});
  a.redeem_offer({"acme-bogo", kBeef4, 1500});
  b.redeem_offer({"acme-bogo", kBeef4, 1500});  // both tills saw one unit left
  const auto codes = finish_at_once(a, b);
  CHECK(((codes[0] == ErrorCode::ok) != (codes[1] == ErrorCode::ok)));
  CHECK((codes[0] == ErrorCode::limit_reached || codes[1] == ErrorCode::limit_reached));
  int offer_lines = 0;
  for (const auto& line : other.credit_lines())
    if (line.program_id == "acme-bogo") ++offer_lines;
  CHECK(offer_lines == 3);
  remove_db(path);
}

TEST_CASE("auto-enrollment: follows a brand's current and future offers, never a manual choice") {
  PromoShop shop;
  // Ohio's store takes every Acme offer through ohio's distributor.
  CHECK(code_of([&] { shop.engine.add_auto_enrollment({"r0", {"va", "oh"}, "acme", "east", {{"va", "E-1"}, {"oh", "E-2"}}}, kMonday); }) ==
        ErrorCode::distributor_not_serving);
  CHECK(code_of([&] { shop.engine.add_auto_enrollment({"r0", {"oh"}, "acme", "ohio", {}}, kMonday); }) ==
        ErrorCode::account_number_required);
  auto before = shop.dump();
  CHECK(shop.dump() == before);
  int made = shop.engine.add_auto_enrollment({"r1", {"oh"}, "acme", "ohio", {{"oh", "O-7"}}}, kMonday);
  CHECK(made == 2);  // acme-bogo and acme-december; acme-october is over
  auto e = shop.engine.enrollment("oh", "acme-bogo");
  CHECK(e.source == "auto");
  CHECK(e.rule_id == "r1");
  CHECK(e.distributor_id == "ohio");
  CHECK(code_of([&] { shop.engine.enrollment("oh", "acme-october"); }) == ErrorCode::not_enrolled);
  // Virginia chose Acme's offer by hand: a rule for it leaves that enrollment alone.
  shop.engine.add_auto_enrollment({"r2", {"va"}, "acme", "open", {}}, kMonday);
  CHECK(shop.engine.enrollment("va", "acme-bogo").distributor_id == "east");
  CHECK(shop.engine.enrollment("va", "acme-bogo").source == "manual");
  CHECK(shop.engine.enrollment("va", "acme-december").distributor_id == "open");
  // A new Acme offer added to the catalog is enrolled at once.
  shop.engine.load_catalog(R"({"programs": [{"id": "acme-new", "name": "Acme new", "kind": "offer",
      "manufacturer": "acme", "fulfillment": "distributor",
      "offer": {"type": "free_good", "start": "2026-11-10", "end": "2026-11-20",
                "buy_upcs": ["011111000018"], "reward_upcs": ["011111000018"]}}]})", kMonday + kDay);
  CHECK(shop.engine.enrollment("oh", "acme-new").distributor_id == "ohio");
  CHECK(shop.engine.enrollment("va", "acme-new").rule_id == "r2");
  CHECK(shop.engine.auto_enrollments().size() == 2);
  shop.engine.remove_auto_enrollment("r2", kMonday + kDay);
  CHECK(shop.engine.auto_enrollments().size() == 1);
}

TEST_CASE("private programs: pending until the brand approves; a denied store cannot re-apply") {
  PromoShop shop;
  auto change = shop.engine.enroll({"va", "acme-vip", "east", "E-100"}, kMonday);
  CHECK(change.enrollment.status == "pending");
  auto checkout = shop.open("ann", "R1");
  CHECK(checkout.add_line({kDuck4, 1, 1800}).size() == 1);  // the Acme dog card only
  CHECK(code_of([&] { shop.engine.review_enrollment({ActorRole::manufacturer, "bolt"}, "va", "acme-vip", true, kMonday); }) ==
        ErrorCode::wrong_actor);
  CHECK(shop.engine.review_enrollment({ActorRole::manufacturer, "acme"}, "va", "acme-vip", true, kMonday).status == "approved");
  auto approved = shop.open("ann", "R2");
  CHECK(approved.add_line({kDuck4, 1, 1800}).size() == 2);
  shop.engine.enroll({"oh", "acme-vip", "ohio", "O-7"}, kMonday);
  shop.engine.review_enrollment({ActorRole::manufacturer, "acme"}, "oh", "acme-vip", false, kMonday);
  CHECK(code_of([&] { shop.engine.enroll({"oh", "acme-vip", "ohio", "O-7"}, kMonday + kDay); }) == ErrorCode::enrollment_denied);
  CHECK(code_of([&] { shop.engine.review_enrollment({ActorRole::manufacturer, "acme"}, "oh", "acme-vip", true, kMonday); }) ==
        ErrorCode::invalid_state);
}

TEST_CASE("custom programs: a money discount and no credit line") {
  PromoShop shop;
  auto checkout = shop.open("ann", "R1", kMonday, "va", "two washes");
  checkout.add_line({kWash, 2, 1000});
  checkout.redeem({"wash-dollars", "wash", "", std::nullopt});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  CHECK(result.redemptions[0].kind == "discount");
  CHECK(result.redemptions[0].unit_price == 500);
  CHECK(result.redemptions[0].credit_line_id == 0);
  CHECK(shop.engine.credit_lines().empty());
}

TEST_CASE("worked example 3: one dog bundle per household per 365 days, within 90 days of adoption") {
  PromoShop shop;
  auto at = [](const char* date) { return parse_timestamp(std::string(date) + "T15:00:00Z"); };
  auto bundle = [&](const std::string& receipt, const char* date, const std::string& species,
                    const std::string& adopted, std::vector<std::string> upcs) {
    auto checkout = shop.open("ann", receipt, at(date));
    std::vector<std::optional<Cents>> prices(upcs.size(), 1999);  // the till's shelf prices
    checkout.redeem_adoption({species, adopted, "shelter", false, std::move(upcs), std::move(prices)});
    return checkout.finish();
  };
  auto first = bundle("A1", "2022-10-01", "dog", "2022-09-20", {kChicken4, kBreederFood, kDental});
  REQUIRE(first.redemptions.size() == 3);
  CHECK(first.redemptions[0].kind == "adoption");
  CHECK(shop.engine.credit_line(first.redemptions[0].credit_line_id).partner == "east");
  CHECK(shop.engine.credit_line(first.redemptions[2].credit_line_id).partner == "bolt");
  CHECK(shop.engine.credit_line(first.redemptions[2].credit_line_id).unit_price == 1999);
  CHECK(message_of([&] { bundle("A2", "2023-09-30", "dog", "2023-09-01", {kChicken4}); })
            .find("the next one from 2023-10-01") != std::string::npos);
  CHECK(code_of([&] { bundle("A3", "2023-09-30", "dog", "2023-09-01", {kChicken4}); }) == ErrorCode::not_eligible);
  auto eligibility = shop.engine.adoption_eligibility("ann", "va", "dog", "2023-09-01", "shelter", at("2023-09-30"));
  CHECK_FALSE(eligibility.eligible);
  CHECK(eligibility.next_eligible == "2023-10-01");
  CHECK(bundle("A4", "2023-10-01", "dog", "2023-09-01", {kChicken4}).redemptions.size() == 1);
  CHECK(bundle("A5", "2022-10-02", "cat", "2022-10-01", {kCat3}).redemptions.size() == 1);
  // Adopted 91 days ago: refused; 90 days: allowed.
  CHECK(code_of([&] { bundle("A6", "2025-01-01", "dog", "2024-10-02", {kChicken4}); }) == ErrorCode::not_eligible);
  CHECK(shop.engine.adoption_eligibility("ann", "va", "dog", "2024-10-03", "shelter", at("2025-01-01")).eligible);
}

TEST_CASE("adoption: items from different categories, sources and customer data are checked") {
  PromoShop shop;
  auto checkout = shop.open("ann", "A1");
  auto refused = [&](AdoptionRequest request) {
    if (request.unit_prices.empty()) request.unit_prices.assign(request.upcs.size(), 1299);
    return code_of([&] { checkout.redeem_adoption(request); });
  };
  CHECK(refused({"dog", "2026-10-20", "shelter", false, {kChicken4, kOriginal}}) == ErrorCode::item_not_allowed);
  CHECK(refused({"dog", "2026-10-20", "shelter", false, {kChicken4, kBreederFood, kDental, kCat3}}) == ErrorCode::invalid_argument);
  CHECK(refused({"dog", "2026-10-20", "shelter", false, {kBeef4}}) == ErrorCode::item_not_allowed);
  CHECK(refused({"dog", "2026-10-20", "in_store", false, {kChicken4}}) == ErrorCode::not_eligible);
  CHECK(refused({"dog", "2026-10-20", "breeder", false, {kChicken4}}) == ErrorCode::invalid_argument);
  CHECK(refused({"dog", "2026-12-20", "shelter", false, {kChicken4}}) == ErrorCode::invalid_argument);
  CHECK(refused({"rabbit", "2026-10-20", "in_store", false, {kChicken4}}) == ErrorCode::ok);
  auto bob = shop.open("bob", "A2");  // Bob has no email or phone
  CHECK(code_of([&] { bob.redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4}, {1899}}); }) ==
        ErrorCode::customer_data_missing);
}

TEST_CASE("adoption: each bundle item needs a shelf price, given or seen at the store") {
  PromoShop shop;
  auto checkout = shop.open("ann", "A1");
  auto refusal = [&](AdoptionRequest request) { return message_of([&] { checkout.redeem_adoption(request); }); };
  // Neither item was ever sold here.
  CHECK(refusal({"dog", "2026-10-20", "shelter", false, {kChicken4, kDental}, {1899, std::nullopt}})
            .find("adoption.unit_prices[1]") != std::string::npos);
  CHECK(code_of([&] { checkout.redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4, kDental}}); }) ==
        ErrorCode::invalid_price);
  CHECK(code_of([&] { checkout.redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4, kDental}, {1899}}); }) ==
        ErrorCode::invalid_argument);
  CHECK(code_of([&] { checkout.redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4}, {-1}}); }) ==
        ErrorCode::invalid_price);
  CHECK(checkout.redemptions().empty());
  checkout.add_line({kDental, 1, 799});  // now the store knows the chew's price
  checkout.redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4, kDental}, {1899, std::nullopt}});
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 2);
  CHECK(result.redemptions[0].unit_price == 1899);
  CHECK(result.redemptions[1].unit_price == 799);
}

TEST_CASE("adoption: the visit document carries each item's price, null for the last one seen") {
  PromoShop shop;
  auto doc = checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "A1",
      "at": 1793631600, "lines": [{"upc": "033333000027", "quantity": 1, "unit_price": 799}],
      "adoption": {"species": "dog", "adoption_date": "2026-10-20", "source": "shelter",
                   "upcs": ["011111000018", "033333000027"], "unit_prices": [1899, null]}})");
  REQUIRE(doc.adoption);
  REQUIRE(doc.adoption->unit_prices.size() == 2);
  CHECK(doc.adoption->unit_prices[0] == 1899);
  CHECK_FALSE(doc.adoption->unit_prices[1]);
  auto result = run_checkout(shop.engine, doc);
  REQUIRE(result.redemptions.size() == 2);
  CHECK(result.redemptions[0].unit_price == 1899);
  CHECK(result.redemptions[1].unit_price == 799);
  CHECK(message_of([] {
          checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "A2", "at": 1793631600,
              "adoption": {"species": "dog", "adoption_date": "2026-10-20", "source": "shelter",
                           "upcs": ["011111000018"], "unit_prices": ["18.99"]}})");
        }).find("adoption.unit_prices[0]") != std::string::npos);
}

TEST_CASE("adoption: once per 365 days counts days, across 29 February (docs/programs.md)") {
  PromoShop shop;
  auto at = [](const char* date) { return parse_timestamp(std::string(date) + "T15:00:00Z"); };
  auto bundle = [&](const std::string& receipt, const char* date, const std::string& species,
                    const std::string& adopted, const std::string& upc) {
    auto checkout = shop.open("ann", receipt, at(date));
    checkout.redeem_adoption({species, adopted, "shelter", false, {upc}, {1999}});
    return checkout.finish();
  };
  // Taken on 29 February 2028: the next from 28 February 2029, 365 days later.
  REQUIRE(bundle("L1", "2028-02-29", "dog", "2028-02-20", kChicken4).redemptions.size() == 1);
  auto before = shop.engine.adoption_eligibility("ann", "va", "dog", "2029-02-01", "shelter", at("2029-02-27"));
  CHECK_FALSE(before.eligible);
  CHECK(before.next_eligible == "2029-02-28");
  CHECK(shop.engine.adoption_eligibility("ann", "va", "dog", "2029-02-01", "shelter", at("2029-02-28")).eligible);
  // Taken on 1 March 2027: 365 days reach 29 February 2028, a day before the anniversary.
  REQUIRE(bundle("L2", "2027-03-01", "cat", "2027-02-20", kCat3).redemptions.size() == 1);
  auto leap = shop.engine.adoption_eligibility("ann", "va", "cat", "2028-02-01", "shelter", at("2028-02-28"));
  CHECK_FALSE(leap.eligible);
  CHECK(leap.next_eligible == "2028-02-29");
  CHECK(bundle("L3", "2028-02-29", "cat", "2028-02-01", kCat3).redemptions.size() == 1);
}
