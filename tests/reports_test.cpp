// SPDX-License-Identifier: Apache-2.0
// Reports (DOMAIN section 10, docs/reports.md): every report, its filters, JSON and CSV.
#include <doctest/doctest.h>

#include <boost/json.hpp>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;
namespace json = boost::json;

namespace {

const Actor kEast{ActorRole::distributor, "east"};
const Actor kStore{ActorRole::retailer, ""};
// 23:30 on Monday 2026-11-02 in Virginia (EST): 04:30Z on Tuesday.
constexpr Timestamp kMondayLate = kMonday + 13 * 3600 + 1800;

json::value report(Shop& shop, const std::string& kind, const std::string& query, Timestamp at = kMonday) {
  return json::parse(shop.engine.report(kind, query, at));
}

std::vector<std::string> csv_records(const std::string& csv) {
  std::vector<std::string> out;
  for (std::size_t at = 0, end; (end = csv.find("\r\n", at)) != std::string::npos; at = end + 2)
    out.push_back(csv.substr(at, end - at));
  return out;
}

// Three Beef bags and the free one: a new line at distributor east (Acme, frequent buyer).
std::int64_t acme_line(Shop& shop, const std::string& receipt, Timestamp at = kMonday,
                       const std::string& customer = "ann") {
  auto checkout = shop.open(customer, receipt, at, "va", "three bags");
  checkout.add_line({kBeef4, 3, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  return checkout.finish().redemptions.at(0).credit_line_id;
}

// Two cat bags and the free one: a held line (Bolt is in Temporary Holding at "va").
std::int64_t bolt_line(Shop& shop, const std::string& receipt, Timestamp at = kMonday) {
  auto checkout = shop.open("bob", receipt, at, "va", "two bags");
  checkout.add_line({kCat3, 2, 1299});
  checkout.redeem({"bolt-fb", "cat", kCat3, 1299});
  return checkout.finish().redemptions.at(0).credit_line_id;
}

// Two treats and the free one: a retailer-fulfilled line (Bolt tracking program).
std::int64_t treat_line(Shop& shop, const std::string& receipt, Timestamp at = kMonday) {
  auto checkout = shop.open("ann", receipt, at, "va", "two bags");
  checkout.add_line({kTreats, 2, 499});
  checkout.redeem({"bolt-track", "treats", kTreats, 499});
  return checkout.finish().redemptions.at(0).credit_line_id;
}

std::vector<std::string> partners_of(const json::value& doc) {
  std::vector<std::string> out;
  for (const auto& p : doc.at("partners").as_array()) out.emplace_back(p.at("partner").as_string());
  return out;
}

const std::string kLineHeader =
    "batch_id,line_id,state,partner,manufacturer,program,card,customer,receipt,upc,description,quantity,"
    "unit_price_cents,business_date,decline_reason,decline_note";

}  // namespace

TEST_CASE("reports: free goods credit status groups lines by distributor then manufacturer") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  acme_line(shop, "R2", kMonday, "bob");
  auto b = bolt_line(shop, "R3");
  auto t = treat_line(shop, "R4");
  {  // another store's line stays out
    auto checkout = shop.open("bob", "O1", kMonday, "oh", "three bags");
    checkout.add_line({kBeef4, 3, 1500});
    checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
    checkout.finish();
  }
  auto doc = report(shop, "free_goods_credit_status", R"({"location": "va"})");
  CHECK(doc.at("report") == "free_goods_credit_status");
  CHECK(doc.at("location") == "va");
  CHECK(doc.at("from") == "2026-11-02");
  CHECK(doc.at("to") == "2026-11-02");
  CHECK(partners_of(doc) == std::vector<std::string>{"east", "retailer", "temporary_holding"});
  const auto& east = doc.at("partners").at(0);
  CHECK(east.at("fulfillment") == "distributor");
  REQUIRE(east.at("manufacturers").as_array().size() == 1);
  const auto& acme = east.at("manufacturers").at(0);
  CHECK(acme.at("manufacturer") == "acme");
  CHECK(acme.at("states").at("new") == json::parse(R"({"lines": 2, "units": 2, "value": 3000})"));
  REQUIRE(acme.at("lines").as_array().size() == 2);
  CHECK(acme.at("lines").at(0).at("id") == a);
  CHECK(doc.at("partners").at(1).at("fulfillment") == "retailer");
  CHECK(doc.at("partners").at(1).at("manufacturers").at(0).at("lines").at(0).at("id") == t);
  const auto& held = doc.at("partners").at(2).at("manufacturers").at(0);
  CHECK(held.at("manufacturer") == "bolt");
  CHECK(held.at("lines").at(0).at("id") == b);
  CHECK(held.at("states").at("held") == json::parse(R"({"lines": 1, "units": 1, "value": 1299})"));
  CHECK(doc.at("totals") == json::parse(R"({"held": {"lines": 1, "units": 1, "value": 1299},
                                            "new": {"lines": 3, "units": 3, "value": 3499}})"));
  CHECK(doc.at("declined").as_array().empty());
  CHECK(partners_of(report(shop, "free_goods_credit_status", R"({"location": "oh"})")) ==
        std::vector<std::string>{"ohio"});
}

TEST_CASE("reports: free goods credit status filters by manufacturer, distributor and programs") {
  Shop shop;
  acme_line(shop, "R1");
  bolt_line(shop, "R2");
  treat_line(shop, "R3");
  auto partners = [&](const std::string& filter) {
    return partners_of(report(shop, "free_goods_credit_status", R"({"location": "va", )" + filter + "}"));
  };
  CHECK(partners(R"("manufacturer": "bolt")") == std::vector<std::string>{"retailer", "temporary_holding"});
  CHECK(partners(R"("manufacturer": "acme")") == std::vector<std::string>{"east"});
  CHECK(partners(R"("distributor": "east")") == std::vector<std::string>{"east"});
  CHECK(partners(R"("distributor": "temporary_holding")") == std::vector<std::string>{"temporary_holding"});
  CHECK(partners(R"("distributor": "ohio")").empty());
  CHECK(partners(R"("programs": "frequent_buyer")") == std::vector<std::string>{"east", "temporary_holding"});
  CHECK(partners(R"("programs": "all")") == std::vector<std::string>{"east", "retailer", "temporary_holding"});
  CHECK(partners(R"("programs": "offer")").empty());
  CHECK(partners(R"("manufacturer": "bolt", "programs": "frequent_buyer")") ==
        std::vector<std::string>{"temporary_holding"});
}

TEST_CASE("reports: declined lines are listed with their reason and note") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  auto b = acme_line(shop, "R2", kMonday, "bob");
  shop.engine.pull_batch(kEast, "week 45", {"va"}, kMonday + kDay);
  shop.engine.decline_line(kEast, b, "wrong_account_number", "no such account E-100", kMonday + kDay);
  auto doc = report(shop, "free_goods_credit_status", R"({"location": "va"})");
  REQUIRE(doc.at("declined").as_array().size() == 1);
  CHECK(doc.at("declined").at(0) == json::value{{"line", b}, {"upc", kBeef4}, {"reason", "wrong_account_number"},
                                                {"note", "no such account E-100"}, {"partner", "east"},
                                                {"manufacturer", "acme"}});
  CHECK(doc.at("totals").at("declined").at("lines") == 1);
  CHECK(doc.at("totals").at("batched").at("lines") == 1);
  const auto& lines = doc.at("partners").at(0).at("manufacturers").at(0).at("lines");
  CHECK(lines.at(0).at("id") == a);
  CHECK(lines.at(0).at("state") == "batched");
  CHECK(lines.at(1).at("state") == "declined");
  CHECK(lines.at(1).at("decline_reason") == "wrong_account_number");
}

TEST_CASE("reports: the credit status CSV puts the batch id first, -1 until a distributor pulls") {
  Shop shop;
  auto a = acme_line(shop, "R,1");
  const std::string query = R"({"location": "va", "from": "2026-11-02", "to": "2026-11-02", "format": "csv"})";
  auto before = csv_records(shop.engine.report("free_goods_credit_status", query, kMonday));
  REQUIRE(before.size() == 2);
  CHECK(before[0] == kLineHeader);
  CHECK(before[1] == "-1," + std::to_string(a) + ",new,east,acme,acme-fb,dog,ann,\"R,1\"," + kBeef4 +
                         ",Acme Beef 4 lb,1,1500,2026-11-02,,");

  auto b = acme_line(shop, "R2", kMonday, "bob");
  auto batch = shop.engine.pull_batch(kEast, "week 45", {"va"}, kMonday + kDay);
  shop.engine.decline_line(kEast, b, "wrong_address", "ship to \"Suite 4\", not\nthe dock", kMonday + kDay);
  auto after = csv_records(shop.engine.report("free_goods_credit_status", query, kMonday + kDay));
  REQUIRE(after.size() == 3);
  CHECK(after[1].rfind(std::to_string(batch.id) + "," + std::to_string(a) + ",batched,east,", 0) == 0);
  CHECK(after[2] == "-1," + std::to_string(b) + ",declined,east,acme,acme-fb,dog,bob,R2," + kBeef4 +
                        ",Acme Beef 4 lb,1,1500,2026-11-02,wrong_address,\"ship to \"\"Suite 4\"\", not\nthe dock\"");
}

TEST_CASE("reports: retailer credit batches list the store's batches and its unbatched lines") {
  Shop shop;
  acme_line(shop, "R0");  // distributor fulfilled: not in this report
  auto t1 = treat_line(shop, "R1");
  auto batch = shop.engine.create_retailer_batch(kStore, "weekly", {"va"}, kMonday);
  auto t2 = treat_line(shop, "R2");
  auto doc = report(shop, "retailer_credit_batches", R"({"location": "va"})");
  REQUIRE(doc.at("batches").as_array().size() == 1);
  const auto& b = doc.at("batches").at(0);
  CHECK(b.at("id") == batch.id);
  CHECK(b.at("kind") == "retailer");
  CHECK(b.at("state") == "open");
  REQUIRE(b.at("report_lines").as_array().size() == 1);
  CHECK(b.at("report_lines").at(0).at("id") == t1);
  REQUIRE(doc.at("unbatched").as_array().size() == 1);
  CHECK(doc.at("unbatched").at(0).at("id") == t2);
  CHECK(doc.at("totals").at("new").at("lines") == 1);

  shop.engine.submit_retailer_batch(kStore, batch.id, kMonday + kDay);
  CHECK(report(shop, "retailer_credit_batches", R"({"location": "va"})").at("batches").at(0).at("state") == "submitted");
  auto csv = csv_records(shop.engine.report("retailer_credit_batches", R"({"location": "va", "format": "csv"})", kMonday));
  REQUIRE(csv.size() == 3);
  CHECK(csv[0] == kLineHeader);
  CHECK(csv[1].rfind(std::to_string(batch.id) + "," + std::to_string(t1) + ",", 0) == 0);
  CHECK(csv[2].rfind("-1," + std::to_string(t2) + ",new,retailer,bolt,bolt-track,treats,ann,R2," + kTreats +
                         ",Bolt Treats,1,499,", 0) == 0);
  CHECK(report(shop, "retailer_credit_batches", R"({"location": "va", "manufacturer": "acme"})")
            .at("unbatched").as_array().empty());
}

TEST_CASE("reports: redemptions by date, with the credit line's current state") {
  Shop shop;
  auto a = acme_line(shop, "R1");
  bolt_line(shop, "R2");
  treat_line(shop, "R3", kMonday + kDay);
  auto monday = report(shop, "redemptions_by_date", R"({"location": "va"})");
  CHECK(monday.at("count") == 2);
  const auto& first = monday.at("redemptions").at(0);
  CHECK(first.at("date") == "2026-11-02");
  CHECK(first.at("receipt") == "R1");
  CHECK(first.at("customer") == "ann");
  CHECK(first.at("program") == "acme-fb");
  CHECK(first.at("manufacturer") == "acme");
  CHECK(first.at("upc") == kBeef4.c_str());
  CHECK(first.at("description") == "Acme Beef 4 lb");
  CHECK(first.at("credit_line") == a);
  CHECK(first.at("credit_state") == "new");
  CHECK(first.at("partner") == "east");

  const std::string week = R"("location": "va", "from": "2026-11-02", "to": "2026-11-03")";
  CHECK(report(shop, "redemptions_by_date", "{" + week + "}").at("count") == 3);
  CHECK(report(shop, "redemptions_by_date", "{" + week + R"(, "manufacturer": "bolt"})").at("count") == 2);
  CHECK(report(shop, "redemptions_by_date", "{" + week + R"(, "distributor": "east"})").at("count") == 1);
  CHECK(report(shop, "redemptions_by_date", "{" + week + R"(, "programs": "offer"})").at("count") == 0);
  CHECK(report(shop, "redemptions_by_date", R"({"location": "va", "from": "2026-11-03", "to": "2026-11-03"})")
            .at("redemptions").at(0).at("program") == "bolt-track");

  shop.engine.pull_batch(kEast, "week 45", {"va"}, kMonday + kDay);
  auto csv = csv_records(shop.engine.report("redemptions_by_date", "{" + week + R"(, "format": "csv"})", kMonday));
  REQUIRE(csv.size() == 4);
  CHECK(csv[0] == "date,receipt,customer,program,card,upc,description,quantity,unit_price_cents,credit_line,credit_state");
  CHECK(csv[1] == "2026-11-02,R1,ann,acme-fb,dog," + kBeef4 + ",Acme Beef 4 lb,1,1500," + std::to_string(a) + ",batched");
}

TEST_CASE("reports: a redemption at 23:30 local time counts for that local day, not the next") {
  Shop shop;
  auto checkout = shop.open("ann", "LATE", kMondayLate, "va", "three bags");
  checkout.add_line({kBeef4, 3, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  checkout.finish();
  auto monday = report(shop, "redemptions_by_date", R"({"location": "va", "from": "2026-11-02", "to": "2026-11-02"})");
  REQUIRE(monday.at("count") == 1);
  CHECK(monday.at("redemptions").at(0).at("date") == "2026-11-02");
  CHECK(monday.at("redemptions").at(0).at("at") == "2026-11-03T04:30:00Z");
  CHECK(report(shop, "redemptions_by_date", R"({"location": "va", "from": "2026-11-03", "to": "2026-11-03"})")
            .at("count") == 0);
  // "Today" at the location: still Monday at 23:30, Tuesday an hour later.
  auto today = report(shop, "redemptions_by_date", R"({"location": "va"})", kMondayLate);
  CHECK(today.at("from") == "2026-11-02");
  CHECK(today.at("count") == 1);
  CHECK(report(shop, "redemptions_by_date", R"({"location": "va"})", kMondayLate + 3600).at("count") == 0);
  CHECK(report(shop, "free_goods_credit_status", R"({"location": "va", "to": "2026-11-02"})", kMondayLate)
            .at("totals").at("new").at("lines") == 1);
  CHECK(report(shop, "transactions", R"({"location": "va", "from": "2026-11-03"})", kMondayLate + kDay)
            .at("rows").as_array().empty());
}

TEST_CASE("reports: every report defaults to today at the location") {
  Shop shop;
  acme_line(shop, "R1");
  for (const char* kind : {"free_goods_credit_status", "retailer_credit_batches", "redemptions_by_date",
                           "participation", "transactions"}) {
    auto doc = report(shop, kind, R"({"location": "va"})", kMonday);
    CHECK(doc.at("from") == "2026-11-02");
    CHECK(doc.at("to") == "2026-11-02");
    CHECK(report(shop, kind, R"({"location": "va"})", kMonday + kDay).at("to") == "2026-11-03");
  }
  CHECK(report(shop, "transactions", R"({"location": "va"})", kMonday).at("rows").as_array().size() == 1);
  CHECK(report(shop, "transactions", R"({"location": "va"})", kMonday + kDay).at("rows").as_array().empty());
  CHECK(report(shop, "free_goods_credit_status", R"({"location": "va"})", kMonday + kDay).at("totals").as_object().empty());
  CHECK(report(shop, "free_goods_credit_status", R"({"location": "va", "from": "2026-11-01"})", kMonday + kDay)
            .at("totals").at("new").at("lines") == 1);
}

TEST_CASE("reports: a report reads only the days it covers") {
  Shop shop;
  const std::string tuesday = R"({"location": "va", "from": "2026-11-03", "to": "2026-11-03"})";
  for (const char* kind : {"free_goods_credit_status", "redemptions_by_date", "participation", "transactions"}) {
    shop.fault->reset();
    shop.engine.report(kind, tuesday, kMonday + kDay);
    const long empty_store = shop.fault->calls();
    acme_line(shop, std::string("R-") + kind);
    shop.fault->reset();
    shop.engine.report(kind, tuesday, kMonday + kDay);
    CHECK(shop.fault->calls() == empty_store);
  }
}

TEST_CASE("worked example 5: two punches on one card count one customer, one card, two items") {
  Shop shop;
  shop.buy("ann", "R1", {{kBeef4, 1499}, {kBeef4, 1499}}, kMonday, "two bags");
  auto doc = report(shop, "participation", R"({"location": "va"})");
  REQUIRE(doc.at("programs").as_array().size() == 1);
  CHECK(doc.at("programs").at(0) == json::parse(R"({"manufacturer": "acme", "program": "acme-fb",
      "unique_customers": 1, "cards_punched": 1, "items_sold": 2, "rewards_earned": 0, "rewards_redeemed": 0})"));
}

TEST_CASE("reports: participation counts customers once per program and cards once") {
  Shop shop;
  acme_line(shop, "R1");                                          // ann: 3 punches, earned and redeemed
  shop.buy("bob", "R2", {{kBeef4, 1500}});                       // bob: a second card
  shop.buy("ann", "R3", {{kBeef4, 1500}}, kMonday + 3600);       // ann again: her next card
  treat_line(shop, "R4");                                         // tracking program: counted
  shop.buy("bob", "R5", {{kWash, 1000}});                         // custom program: not counted
  auto doc = report(shop, "participation", R"({"location": "va"})");
  REQUIRE(doc.at("programs").as_array().size() == 2);
  CHECK(doc.at("programs").at(0) == json::parse(R"({"manufacturer": "acme", "program": "acme-fb",
      "unique_customers": 2, "cards_punched": 3, "items_sold": 5, "rewards_earned": 1, "rewards_redeemed": 1})"));
  CHECK(doc.at("programs").at(1) == json::parse(R"({"manufacturer": "bolt", "program": "bolt-track",
      "unique_customers": 1, "cards_punched": 1, "items_sold": 2, "rewards_earned": 1, "rewards_redeemed": 1})"));
  auto programs = [&](const std::string& filter) {
    std::vector<std::string> out;
    const auto result = report(shop, "participation", R"({"location": "va", )" + filter + "}");
    for (const auto& p : result.at("programs").as_array()) out.emplace_back(p.at("program").as_string());
    return out;
  };
  CHECK(programs(R"("programs": "frequent_buyer")") == std::vector<std::string>{"acme-fb"});
  CHECK(programs(R"("programs": "offer")").empty());
  CHECK(programs(R"("manufacturer": "bolt")") == std::vector<std::string>{"bolt-track"});
  CHECK(programs(R"("distributor": "east")") == std::vector<std::string>{"acme-fb"});
  auto csv = csv_records(shop.engine.report("participation", R"({"location": "va", "format": "csv"})", kMonday));
  CHECK(csv == std::vector<std::string>{
                   "manufacturer,program,unique_customers,cards_punched,items_sold,rewards_earned,rewards_redeemed",
                   "acme,acme-fb,2,3,5,1,1", "bolt,bolt-track,1,1,2,1,1"});
}

TEST_CASE("reports: the transaction export has one row per sale line, new UPCs without a manufacturer") {
  Shop shop;
  {
    auto checkout = shop.open("ann", "R1", kMonday, "va", "two bags");
    checkout.add_line({kBeef4, 2, 1500});
    checkout.add_line({kNewUpc, 1, 999, "acme-fb", "dog", "new UPC, not in the catalog yet"});
    checkout.finish();
  }
  shop.buy("bob", "R2", {{kCat3, 1299}}, kMonday + kDay);
  const std::string both = R"("location": "va", "from": "2026-11-02", "to": "2026-11-03")";
  auto doc = report(shop, "transactions", "{" + both + "}");
  REQUIRE(doc.at("rows").as_array().size() == 3);
  CHECK(doc.at("rows").at(0) == json::value{{"date", "2026-11-02"}, {"receipt", "R1"}, {"customer", "ann"},
                                            {"manufacturer", "acme"}, {"upc", kBeef4},
                                            {"description", "Acme Beef 4 lb"}, {"quantity", 2}});
  CHECK(doc.at("rows").at(1).at("manufacturer") == "");
  CHECK(doc.at("rows").at(1).at("description") == "");
  CHECK(doc.at("rows").at(2).at("date") == "2026-11-03");
  CHECK(report(shop, "transactions", "{" + both + R"(, "manufacturer": "bolt"})").at("rows").as_array().size() == 1);
  auto csv = csv_records(shop.engine.report("transactions", "{" + both + R"(, "format": "csv"})", kMonday));
  CHECK(csv == std::vector<std::string>{"date,customer,manufacturer,upc,description,quantity",
                                        "2026-11-02,ann,acme," + kBeef4 + ",Acme Beef 4 lb,2",
                                        "2026-11-02,ann,," + kNewUpc + ",,1",
                                        "2026-11-03,bob,bolt," + kCat3 + ",Bolt Cat 3 lb,1"});
}

TEST_CASE("reports: bad queries are refused naming the field") {
  Shop shop;
  auto refused = [&](const std::string& kind, const std::string& query) {
    return code_of([&] { shop.engine.report(kind, query, kMonday); });
  };
  const std::string fgcs = "free_goods_credit_status";
  CHECK(refused(fgcs, R"({"location": "va", "colour": "red"})") == ErrorCode::invalid_argument);
  CHECK(message_of([&] { shop.engine.report(fgcs, R"({"location": "va", "colour": "red"})", kMonday); })
            .find("colour") != std::string::npos);
  CHECK(refused(fgcs, R"({})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2026-13-01"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2026-11-2"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2026-02-30"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "to": "yesterday"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": 20261102})") == ErrorCode::invalid_argument);
  CHECK(message_of([&] { shop.engine.report(fgcs, R"({"location": "va", "from": "2026-11-2"})", kMonday); })
            .find("from") != std::string::npos);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2026-11-03", "to": "2026-11-02"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2026-11-03"})") == ErrorCode::invalid_argument);  // to: today
  CHECK(refused(fgcs, R"({"location": "va", "from": "2025-11-01", "to": "2026-11-02"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "from": "2025-11-02", "to": "2026-11-02"})") == ErrorCode::ok);  // 366 days
  CHECK(refused(fgcs, R"({"location": "va", "programs": "coupons"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "format": "xml"})") == ErrorCode::invalid_argument);
  CHECK(refused(fgcs, R"({"location": "va", "manufacturer": "nobody"})") == ErrorCode::unknown_manufacturer);
  CHECK(refused(fgcs, R"({"location": "va", "distributor": "nobody"})") == ErrorCode::unknown_distributor);
  CHECK(refused(fgcs, R"({"location": "nowhere"})") == ErrorCode::unknown_location);
  CHECK(refused(fgcs, R"({"location": "va")") == ErrorCode::malformed_json);
  CHECK(refused(fgcs, R"(["va"])") == ErrorCode::invalid_argument);
  CHECK(refused("transactions", R"({"location": "va", "distributor": "east"})") == ErrorCode::invalid_argument);
  CHECK(refused("top_sellers", R"({"location": "va"})") == ErrorCode::invalid_argument);
  const std::string why = message_of([&] { shop.engine.report("top_sellers", R"({"location": "va"})", kMonday); });
  for (const char* kind : {"free_goods_credit_status", "retailer_credit_batches", "redemptions_by_date",
                           "participation", "transactions"})
    CHECK(why.find(kind) != std::string::npos);
}

TEST_CASE("reports: rebate credit status lists the rebate stream only") {
  Shop shop;
  shop.engine.load_catalog(R"({"programs": [{"id": "bolt-rebate", "name": "Bolt $3 off", "kind": "offer",
      "manufacturer": "bolt", "fulfillment": "direct",
      "offer": {"type": "rebate", "start": "2026-11-01", "end": "2026-11-30",
                "buy_upcs": ["022222000026"], "rebate_cents": 300}}]})", kMonday);
  shop.enroll("va", "bolt-rebate");
  auto checkout = shop.open("ann", "RB1");
  checkout.add_line({kCat7, 1, 1899});
  checkout.redeem_offer({"bolt-rebate", "", std::nullopt});
  checkout.finish();
  shop.buy("bob", "FG1", {{kTreats, 499}, {kTreats, 499}}, kMonday, "two bags");
  auto rebates = boost::json::parse(shop.engine.report("rebate_credit_status", R"({"location": "va"})", kMonday));
  CHECK(rebates.at("totals").at("new").at("lines").as_int64() == 1);
  CHECK(rebates.at("totals").at("new").at("value").as_int64() == 300);
  CHECK(rebates.at("partners").as_array().size() == 1);
  CHECK(rebates.at("partners").at(0).at("partner").as_string() == "bolt");
  auto csv = shop.engine.report("rebate_credit_status", R"({"location": "va", "format": "csv"})", kMonday);
  CHECK(csv.find("-1,") != std::string::npos);
  CHECK(csv.find(",300,") != std::string::npos);
}
