// SPDX-License-Identifier: Apache-2.0
// The Command Center (DOMAIN section 10) built from a known history, every number checked.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;
namespace json = boost::json;

namespace {

const char* kOffers = R"({"programs": [
    {"id": "acme-dec", "name": "Acme December", "kind": "offer", "manufacturer": "acme", "fulfillment": "distributor",
     "offer": {"type": "free_good", "start": "2026-12-01", "end": "2026-12-31",
               "buy_upcs": ["011111000018"], "reward_upcs": ["011111000018"]}},
    {"id": "acme-now", "name": "Acme November", "kind": "offer", "manufacturer": "acme", "fulfillment": "distributor",
     "offer": {"type": "free_good", "start": "2026-11-01", "end": "2026-11-30",
               "buy_upcs": ["011111000018"], "reward_upcs": ["011111000018"]}},
    {"id": "bolt-jan", "name": "Bolt January", "kind": "offer", "manufacturer": "bolt", "fulfillment": "direct",
     "offer": {"type": "rebate", "start": "2027-01-01", "end": "2027-01-31",
               "buy_upcs": ["022222000026"], "rebate_cents": 200}}]})";

}  // namespace

TEST_CASE("command center: action needed, top brands, auto-enrollment and the mobile app") {
  Shop shop;
  shop.engine.load_catalog(kOffers, kMonday - kDay);
  // Sales over the last 30 days: Acme 4 items, Bolt 2, (the tracking treats) Bolt again 1.
  shop.buy("ann", "S1", {{kBeef4, 1500}}, kMonday - 20 * kDay);
  shop.buy("ann", "S2", {{kBeef4, 1500}, {kDuck4, 1800}}, kMonday - 5 * kDay, "two bags");
  shop.buy("bob", "S3", {{kChicken4, 1999}}, kMonday);
  shop.buy("bob", "S4", {{kCat3, 1299}, {kCat7, 1899}}, kMonday, "two bags");
  shop.buy("bob", "S5", {{kTreats, 499}}, kMonday);
  shop.buy("bob", "OLD", {{kCat3, 1299}, {kCat3, 1299}, {kCat3, 1299}, {kCat3, 1299}, {kCat3, 1299}},
           kMonday - 40 * kDay, "five bags");  // outside the 30 days
  // A declined free-goods line, a program in holding (Bolt), a billing flag.
  auto checkout = shop.open("ann", "S6", kMonday, "va", "one more");
  checkout.add_line({kBeef4, 1, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  auto line = checkout.finish().redemptions.at(0).credit_line_id;
  const Actor east{ActorRole::distributor, "east"};
  shop.engine.pull_batch(east, "b", {}, kMonday);
  shop.engine.decline_line(east, line, "wrong_address", "", kMonday);
  shop.engine.set_billing_flag("va", "card on file expired", kMonday);
  // Auto-enrolled in Acme's current and upcoming offers; app users.
  shop.engine.add_auto_enrollment({"acme-all", {"va"}, "acme", "east", {{"va", "E-100"}}}, kMonday);
  Customer cy{"cy", "Cy", "App"};
  cy.app_since = kMonday - 3 * kDay;  // 30 October: last month
  shop.engine.save_customer(cy, kMonday);
  Customer di{"di", "Di", "App"};
  di.app_since = kMonday - 3600;  // 2 November
  shop.engine.save_customer(di, kMonday);

  auto doc = json::parse(shop.engine.command_center("va", kMonday + 3600));
  CHECK(doc.at("date").as_string() == "2026-11-02");
  const auto& action = doc.at("action_needed");
  CHECK(action.at("count").as_int64() == 3);  // one declined line, one program in holding, billing
  CHECK(action.at("declined_credits").at("count").as_int64() == 1);
  CHECK(action.at("declined_credits").at("free_goods").at("lines").at(0).at("id").as_int64() == line);
  CHECK(action.at("declined_credits").at("rebates").at("count").as_int64() == 0);
  CHECK(action.at("temporary_holding").at("programs").at(0).at("program").as_string() == "bolt-fb");
  CHECK(action.at("billing").at("flag").as_string() == "card on file expired");
  const auto& top = doc.at("offers_from_top_brands");
  REQUIRE(top.at("brands").as_array().size() == 2);
  CHECK(top.at("brands").at(0).at("manufacturer").as_string() == "acme");
  CHECK(top.at("brands").at(0).at("items_sold").as_int64() == 5);  // S1, S2 x2, S3 (two programs, one unit), S6
  CHECK(top.at("brands").at(0).at("sales_cents").as_int64() == 1500 + 1500 + 1800 + 1999 + 1500);
  CHECK(top.at("brands").at(1).at("manufacturer").as_string() == "bolt");
  CHECK(top.at("brands").at(1).at("items_sold").as_int64() == 3);
  REQUIRE(top.at("offers").as_array().size() == 2);  // upcoming only: acme-dec and bolt-jan
  CHECK(top.at("offers").at(0).at("offer").as_string() == "acme-dec");
  CHECK(top.at("offers").at(0).at("enrolled").as_bool());
  CHECK(top.at("offers").at(1).at("offer").as_string() == "bolt-jan");
  CHECK_FALSE(top.at("offers").at(1).at("enrolled").as_bool());
  const auto& automatic = doc.at("auto_enrollment");
  CHECK(automatic.at("current").as_int64() == 1);
  CHECK(automatic.at("upcoming").as_int64() == 1);
  CHECK(doc.at("mobile_app").at("customers").as_int64() == 2);
  CHECK(doc.at("mobile_app").at("joined_this_month").as_int64() == 1);
  // Clearing the flag and picking a distributor for Bolt leaves the declined line only.
  shop.engine.set_billing_flag("va", "", kMonday);
  shop.enroll("va", "bolt-fb", "east", "E-100");
  CHECK(json::parse(shop.engine.command_center("va", kMonday + 3600)).at("action_needed").at("count").as_int64() == 1);
  CHECK(code_of([&] { shop.engine.command_center("nowhere", kMonday); }) == ErrorCode::unknown_location);
}
