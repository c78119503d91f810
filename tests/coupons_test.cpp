// SPDX-License-Identifier: Apache-2.0
// Coupons (DOMAIN section 12, docs/programs.md#coupons): a brand issues them only to customers
// who engaged with it, a till redeems one once at any location of the account within its
// dates, a store opts out of a brand's coupons; each redemption is a direct rebate-stream
// credit line with its own report filter. Every refusal is its own case.
#include <boost/json.hpp>
#include <doctest/doctest.h>

#include "support/promotions.hpp"

using namespace tally;
using namespace tally_test;
namespace json = boost::json;

namespace {

const Actor kAcme{ActorRole::manufacturer, "acme"};

struct CouponShop : PromoShop {
  explicit CouponShop(std::unique_ptr<Store> store = make_store()) : PromoShop(std::move(store)) {
    buy("ann", "R0", {{kBeef4, 1599}}, kMonday - kDay);  // a punch on Acme's card: ann engaged
  }

  CouponIssue issue(const std::vector<std::string>& customers, const std::string& kind = "thank_you",
                    std::vector<std::string> upcs = {}) {
    return {"acme", kind, 300, std::move(upcs), "2026-11-01", "2026-11-30", customers};
  }

  // One thank-you coupon of $3 to ann, for November.
  Coupon give_ann(std::vector<std::string> upcs = {}) {
    auto result = engine.issue_coupons(kAcme, issue({"ann"}, "thank_you", std::move(upcs)), kMonday);
    REQUIRE(result.issued.size() == 1);
    return result.issued[0];
  }

  CheckoutResult redeem(const std::string& customer, const std::string& receipt, std::int64_t coupon,
                        Timestamp at = kMonday, const std::string& location = "va") {
    auto checkout = open(customer, receipt, at, location);
    checkout.add_line({kChicken4, 1, 1899});
    checkout.redeem_coupon(coupon);
    return checkout.finish();
  }
};

const CouponRefusal* refusal_of(const CouponIssueResult& r, const std::string& customer) {
  for (const auto& x : r.refused)
    if (x.customer_id == customer) return &x;
  return nullptr;
}

ErrorCode try_redeem(CouponShop& shop, const std::string& customer, std::int64_t coupon, Timestamp at = kMonday,
                     const std::string& location = "va", const std::string& upc = kChicken4) {
  auto checkout = shop.open(customer, "T-" + std::to_string(at), at, location);
  checkout.add_line({upc, 1, 1899});
  return code_of([&] { checkout.redeem_coupon(coupon); });
}

}  // namespace

TEST_CASE("coupons: a brand issues thank-you coupons to engaged customers only, each refusal with why") {
  CouponShop shop;
  auto result = shop.engine.issue_coupons(kAcme, shop.issue({"ann", "bob", "nobody", "tess"}), kMonday);
  REQUIRE(result.issued.size() == 1);
  const Coupon& c = result.issued[0];
  CHECK(c.customer_id == "ann");
  CHECK(c.manufacturer_id == "acme");
  CHECK(c.kind == "thank_you");
  CHECK(c.value == 300);
  CHECK(c.status == "issued");
  CHECK(c.id > 0);
  REQUIRE(result.refused.size() == 3);
  CHECK(refusal_of(result, "bob")->refusal == "not_engaged");
  CHECK(refusal_of(result, "nobody")->refusal == "unknown_customer");
  CHECK(refusal_of(result, "tess")->refusal == "invalid_state");  // a training customer
  CHECK(shop.engine.coupons("ann").size() == 1);
  CHECK(shop.engine.coupons("bob").empty());
  CHECK(shop.engine.coupon(c.id).customer_id == "ann");
}

TEST_CASE("coupons: engagement by an offer redeemed or an adoption bundle given counts for that brand only") {
  CouponShop shop;
  shop.enroll("oh", "bolt-rebate");  // Ohio runs no Bolt card: the rebate is bob's only tie to Bolt
  auto checkout = shop.open("bob", "B1", kMonday, "oh");
  checkout.add_line({kCat7, 1, 1599});
  checkout.redeem_offer({"bolt-rebate", "", std::nullopt});
  REQUIRE(checkout.finish().punches.empty());
  CouponIssue bolt{"bolt", "thank_you", 100, {}, "2026-11-01", "2026-11-30", {"bob"}};
  auto bob = shop.engine.issue_coupons({ActorRole::manufacturer, "bolt"}, bolt, kMonday);
  CHECK(bob.issued.size() == 1);
  // Bob took no Acme offer nor card: Acme may not give him a coupon.
  auto refused = shop.engine.issue_coupons(kAcme, shop.issue({"bob"}), kMonday);
  CHECK(refused.issued.empty());
  CHECK(refused.refused.at(0).refusal == "not_engaged");
}

TEST_CASE("coupons: welcome-home needs an adoption bundle with the brand's product") {
  CouponShop shop;
  shop.customer("cara", "Cara", "Day", "cara@example.com", "804-555-0199");
  auto before = shop.engine.issue_coupons(kAcme, shop.issue({"cara", "ann"}, "welcome_home"), kMonday);
  CHECK(before.issued.empty());
  CHECK(refusal_of(before, "ann")->refusal == "not_engaged");  // a card is not an adoption
  auto checkout = shop.open("cara", "ADOPT");
  checkout.redeem_adoption({"dog", "2026-10-30", "shelter", false, {kChicken4}, {1899}});
  checkout.finish();
  auto after = shop.engine.issue_coupons(kAcme, shop.issue({"cara"}, "welcome_home"), kMonday);
  REQUIRE(after.issued.size() == 1);
  CHECK(after.issued[0].kind == "welcome_home");
}

TEST_CASE("coupons: we-miss-you needs the brand's card with no punch for the lapsed days") {
  CouponShop shop;  // ann's last Acme punch: the day before kMonday
  auto issue = shop.issue({"ann", "bob"}, "we_miss_you");
  issue.ends_on = "2027-03-31";
  issue.lapsed_days = 30;
  auto early = shop.engine.issue_coupons(kAcme, issue, kMonday + 10 * kDay);
  CHECK(early.issued.empty());
  CHECK(refusal_of(early, "ann")->refusal == "not_engaged");
  CHECK(refusal_of(early, "ann")->reason.find("2026-11-01") != std::string::npos);
  CHECK(refusal_of(early, "bob")->refusal == "not_engaged");
  auto lapsed = shop.engine.issue_coupons(kAcme, issue, kMonday + 31 * kDay);
  REQUIRE(lapsed.issued.size() == 1);
  CHECK(lapsed.issued[0].customer_id == "ann");
}

TEST_CASE("coupons: a bad issue is refused as a whole, naming its field, and issues nothing") {
  CouponShop shop;
  const auto before = shop.dump();
  auto q = shop.issue({"ann"});
  CHECK(code_of([&] { shop.engine.issue_coupons({ActorRole::retailer, "va"}, q, kMonday); }) == ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.issue_coupons({ActorRole::manufacturer, "bolt"}, q, kMonday); }) ==
        ErrorCode::wrong_actor);
  auto bad = q;
  bad.manufacturer_id = "nobrand";
  CHECK(code_of([&] { shop.engine.issue_coupons({ActorRole::manufacturer, "nobrand"}, bad, kMonday); }) ==
        ErrorCode::unknown_manufacturer);
  bad = q;
  bad.kind = "birthday";
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("kind:", 0) == 0);
  bad = q;
  bad.value = 0;
  CHECK(code_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }) == ErrorCode::invalid_price);
  bad = q;
  bad.upcs = {kCat3};  // Bolt's
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("upcs[0]:", 0) == 0);
  bad = q;
  bad.upcs = {kNewUpc};
  CHECK(code_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }) == ErrorCode::unknown_upc);
  bad = q;
  bad.ends_on = "2026-10-01";
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("ends_on:", 0) == 0);
  bad = q;
  bad.starts_on = "2026-10-01";
  bad.ends_on = "2026-10-31";  // past
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("ends_on:", 0) == 0);
  bad = q;
  bad.starts_on = "soon";
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("starts_on:", 0) == 0);
  bad = q;
  bad.customer_ids = {"ann", "ann"};
  CHECK(message_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }).rfind("customers[1]:", 0) == 0);
  bad.customer_ids = {};
  CHECK(code_of([&] { shop.engine.issue_coupons(kAcme, bad, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(shop.dump() == before);
}

TEST_CASE("coupons: redeemed at the till, the brand owes the store its value on a direct rebate-stream line") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kChicken4, 1, 1899});
  auto till = checkout.coupons();
  REQUIRE(till.size() == 1);
  CHECK(till[0].usable);
  CHECK(till[0].coupon.id == c.id);
  CHECK(checkout.redeem_coupon(c.id) == 0);
  CHECK(checkout.coupons().at(0).redeemed);
  const CheckoutResult r = checkout.finish();
  const Redemption* d = nullptr;
  for (const auto& x : r.redemptions)
    if (x.kind == "coupon") d = &x;
  REQUIRE(d != nullptr);
  CHECK(d->card_id == std::to_string(c.id));
  CHECK(d->unit_price == 300);
  CHECK(d->credit_state == "new");
  const CreditLine line = shop.engine.credit_line(d->credit_line_id);
  CHECK(line.stream == "rebates");
  CHECK(line.fulfillment == "direct");
  CHECK(line.partner == "acme");
  CHECK(line.manufacturer_id == "acme");
  CHECK(line.program_kind == "coupon");
  CHECK(line.unit_price == 300);
  const Coupon after = shop.engine.coupon(c.id);
  CHECK(after.status == "redeemed");
  CHECK(after.receipt_id == "R1");
  CHECK(after.location_id == "va");
  CHECK(after.credit_line_id == line.id);
  CHECK(shop.engine.coupons("ann").empty());
  CHECK(shop.engine.coupons("ann", true).size() == 1);
  // The brand pulls it like any direct line.
  auto batch = shop.engine.pull_batch(kAcme, "coupons", {}, kMonday + kDay, "rebates");
  CHECK(batch.lines == std::vector<std::int64_t>{line.id});
}

TEST_CASE("coupons: a coupon used before is coupon_used, at this till and another location") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  shop.redeem("ann", "R1", c.id);
  CHECK(try_redeem(shop, "ann", c.id, kMonday + kDay) == ErrorCode::coupon_used);
  CHECK(try_redeem(shop, "ann", c.id, kMonday + kDay, "oh") == ErrorCode::coupon_used);
  CHECK(message_of([&] { shop.redeem("ann", "R2", c.id); }).find("coupon_redemptions[0]: ") == 0);
}

TEST_CASE("coupons: one coupon twice in one visit is coupon_used") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kChicken4, 1, 1899});
  checkout.redeem_coupon(c.id);
  CHECK(code_of([&] { checkout.redeem_coupon(c.id); }) == ErrorCode::coupon_used);
  CHECK(checkout.coupon_redemptions().size() == 1);
  checkout.undo_coupon_redemption(0);
  CHECK(checkout.coupon_redemptions().empty());
  CHECK(code_of([&] { checkout.undo_coupon_redemption(0); }) == ErrorCode::invalid_argument);
}

TEST_CASE("coupons: outside its dates (in the location's time zone, inclusive) is coupon_expired") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  // 2026-10-31 23:30 in Virginia is already November in UTC: not yet valid there.
  CHECK(try_redeem(shop, "ann", c.id, 1793503800) == ErrorCode::coupon_expired);
  // 2026-11-30 23:00 in Virginia (December in UTC): the last day, still valid.
  CHECK(try_redeem(shop, "ann", c.id, 1796097600) == ErrorCode::ok);
  CHECK(try_redeem(shop, "ann", c.id, 1796097600 + 2 * 3600) == ErrorCode::coupon_expired);
  auto checkout = shop.open("ann", "LATE", kMonday + 40 * kDay);
  auto till = checkout.coupons();
  REQUIRE(till.size() == 1);
  CHECK_FALSE(till[0].usable);
  CHECK(till[0].refusal == "coupon_expired");
}

TEST_CASE("coupons: another customer's coupon is coupon_not_applicable; an unknown one not_found") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  CHECK(try_redeem(shop, "bob", c.id) == ErrorCode::coupon_not_applicable);
  CHECK(try_redeem(shop, "ann", 987654) == ErrorCode::not_found);
  auto bob = shop.open("bob", "B1");
  CHECK(bob.coupons().empty());  // the till lists the customer's own coupons only
}

TEST_CASE("coupons: a coupon for chosen items needs one of them in the basket, and its line names it") {
  CouponShop shop;
  const Coupon c = shop.give_ann({kDuck4});
  CHECK(try_redeem(shop, "ann", c.id, kMonday, "va", kChicken4) == ErrorCode::coupon_not_applicable);
  auto checkout = shop.open("ann", "R1");
  checkout.add_line({kChicken25, 1, 4599});
  checkout.add_line({kDuck4, 1, 1999});
  checkout.redeem_coupon(c.id);
  auto r = checkout.finish();
  CHECK(shop.engine.credit_line(r.redemptions.back().credit_line_id).upc == kDuck4);
}

TEST_CASE("coupons: a store opted out of a brand's coupons refuses them and says so; back in, it takes them") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  shop.engine.set_coupon_opt_out("va", "acme", true, kMonday);
  CHECK(shop.engine.coupon_opt_out("va", "acme"));
  CHECK_FALSE(shop.engine.coupon_opt_out("oh", "acme"));
  CHECK(try_redeem(shop, "ann", c.id) == ErrorCode::coupon_not_applicable);
  {
    auto checkout = shop.open("ann", "SEE");
    auto till = checkout.coupons();
    CHECK(till.at(0).refusal == "coupon_not_applicable");
    CHECK(till.at(0).reason.find("opted out") != std::string::npos);
  }
  CHECK(code_of([&] { shop.engine.set_coupon_opt_out("va", "nobrand", true, kMonday); }) ==
        ErrorCode::unknown_manufacturer);
  CHECK(code_of([&] { shop.engine.set_coupon_opt_out("nowhere", "acme", true, kMonday); }) ==
        ErrorCode::unknown_location);
  shop.engine.set_coupon_opt_out("va", "acme", false, kMonday);
  CHECK(try_redeem(shop, "ann", c.id) == ErrorCode::ok);
}

TEST_CASE("coupons: a retried receipt changes nothing; the document takes coupon_redemptions") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  const std::string doc = R"({"location": "va", "customer": "ann", "receipt": "D1", "at": )" + std::to_string(kMonday) +
                          R"(, "lines": [{"upc": "011111000018", "quantity": 1, "unit_price": 1899}],
      "coupon_redemptions": [{"coupon": )" + std::to_string(c.id) + "}]}";
  const CheckoutResult first = run_checkout(shop.engine, checkout_document_from_json(doc));
  const auto after = shop.dump();
  const CheckoutResult again = run_checkout(shop.engine, checkout_document_from_json(doc));
  CHECK(again.replayed);
  CHECK(again.redemptions.back().credit_line_id == first.redemptions.back().credit_line_id);
  CHECK(shop.dump() == after);
  CHECK(code_of([] { checkout_document_from_json(R"({"location": "va", "customer": "ann", "receipt": "D2", "at": 1,
      "coupon_redemptions": [{"coupon": 0}]})"); }) == ErrorCode::invalid_argument);
}

TEST_CASE("coupons: reports list coupon redemptions by date and in the rebate credit status, with their filter") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  shop.redeem("ann", "R1", c.id);
  auto by_date = json::parse(shop.engine.report("redemptions_by_date", R"({"location": "va", "programs": "coupon"})", kMonday));
  REQUIRE(by_date.at("count").to_number<int>() == 1);
  const auto& row = by_date.at("redemptions").at(0);
  CHECK(row.at("kind") == "coupon");
  CHECK(row.at("manufacturer") == "acme");
  CHECK(row.at("card").as_string() == std::to_string(c.id));
  CHECK(row.at("unit_price") == 300);
  auto offers = json::parse(shop.engine.report("redemptions_by_date", R"({"location": "va", "programs": "offer"})", kMonday));
  CHECK(offers.at("count").to_number<int>() == 0);
  auto all = json::parse(shop.engine.report("redemptions_by_date", R"({"location": "va"})", kMonday));
  CHECK(all.at("count").to_number<int>() == 1);
  auto rebates = json::parse(shop.engine.report("rebate_credit_status", R"({"location": "va", "programs": "coupon"})", kMonday));
  CHECK(rebates.at("totals").at("new") == json::parse(R"({"lines": 1, "units": 1, "value": 300})"));
  CHECK(rebates.at("partners").at(0).at("fulfillment") == "direct");
  auto fb = json::parse(shop.engine.report("rebate_credit_status", R"({"location": "va", "programs": "frequent_buyer"})", kMonday));
  CHECK(fb.at("totals").as_object().empty());
}

TEST_CASE("coupons: a finished coupon redemption cannot be undone, and a return leaves the coupon redeemed") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  const CheckoutResult r = shop.redeem("ann", "R1", c.id);
  const Redemption& d = r.redemptions.back();
  CHECK(code_of([&] { shop.engine.undo_redemption({ActorRole::retailer, "va"}, d.id, "", std::nullopt, kMonday + 60); }) ==
        ErrorCode::invalid_state);
  shop.engine.return_items({"va", "R1", 0, 1, "RET-1", kMonday + 120});
  CHECK(shop.engine.coupon(c.id).status == "redeemed");
  CHECK(shop.engine.credit_line(d.credit_line_id).state == "new");
}

TEST_CASE("coupons: merging a duplicate customer moves its coupons and its engagement to the survivor") {
  CouponShop shop;
  const Coupon c = shop.give_ann();
  shop.engine.merge_customers("bob", "ann", kMonday + 60);
  CHECK(shop.engine.coupons("ann").empty());
  REQUIRE(shop.engine.coupons("bob").size() == 1);
  CHECK(shop.engine.coupon(c.id).customer_id == "bob");
  CHECK(shop.redeem("bob", "B1", c.id).redemptions.back().kind == "coupon");
  // Ann's purchase counts for Bob now: Acme may thank him.
  CHECK(shop.engine.issue_coupons(kAcme, shop.issue({"bob"}), kMonday + 120).issued.size() == 1);
}

TEST_CASE("coupons: two tills redeeming one coupon at once on one SQLite file: exactly one wins") {
  const std::string path = temp_db_path("tally-coupon-race");
  {
    CouponShop shop(make_sqlite_store(path));
    const Coupon c = shop.give_ann();
    Engine other(make_sqlite_store(path));
    auto a = shop.engine.open_checkout({"va", "ann", "A", kMonday + kDay, ""});
    auto b = other.open_checkout({"oh", "ann", "B", kMonday + kDay, ""});
    a.add_line({kChicken4, 1, 1899});
    b.add_line({kChicken4, 1, 1899});
    a.redeem_coupon(c.id);
    b.redeem_coupon(c.id);  // both tills saw it unused
    const auto codes = finish_at_once(a, b);
    CHECK(((codes[0] == ErrorCode::ok) != (codes[1] == ErrorCode::ok)));
    CHECK((codes[0] == ErrorCode::coupon_used || codes[1] == ErrorCode::coupon_used));
    CHECK(shop.engine.coupon(c.id).status == "redeemed");
    CHECK(shop.engine.credit_lines("new", "acme").size() == 1);
  }
  remove_db(path);
}

TEST_CASE("coupons: issuing, opting out and a redemption, on a store failing at every call, leave all or nothing") {
  for (int step = 0; step < 3; ++step) {
    CAPTURE(step);
    std::int64_t coupon = 0;
    auto act = [step, &coupon](CouponShop& shop) {
      if (step == 0) shop.engine.issue_coupons(kAcme, shop.issue({"ann", "bob"}), kMonday);
      else if (step == 1) shop.engine.set_coupon_opt_out("va", "acme", true, kMonday);
      else shop.redeem("ann", "R1", coupon);
    };
    auto prepare = [step, &coupon](CouponShop& shop) {
      if (step == 2) coupon = shop.give_ann().id;
    };
    fail_at_every_call<CouponShop>(prepare, act);
  }
}
