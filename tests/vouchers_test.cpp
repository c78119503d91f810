// SPDX-License-Identifier: Apache-2.0
// Manufacturers' vouchers (DOMAIN section 12, docs/programs.md#manufacturer-vouchers): a
// brand issues them to a store, the store redeems each at the till for an item of the
// voucher's list (a free-goods credit line at its distributor), changes the item while the
// line is new; every refusal with its own code naming its field; exactly once.
#include <doctest/doctest.h>

#include "codec/stored.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

// Acme's samples: a voucher is a free bag of chicken, beef or the trial bag.
const char* kSamples = R"({"programs": [
  {"id": "acme-samples", "name": "Acme Samples", "kind": "voucher", "manufacturer": "acme",
   "fulfillment": "distributor", "voucher": {"upcs": ["011111000018", "011111000025", "011111000056"]}}]})";

const Actor kAcme{ActorRole::manufacturer, "acme"};
const Actor kBolt{ActorRole::manufacturer, "bolt"};
const Actor kStore{ActorRole::retailer, "va"};
const Actor kEast{ActorRole::distributor, "east"};

struct VoucherShop : Shop {
  explicit VoucherShop(std::unique_ptr<Store> store = make_store(), bool assign = true) : Shop(std::move(store)) {
    engine.load_catalog(kSamples, kMonday - kDay);
    if (assign) enroll("va", "acme-samples", "east", "E-100");
    engine.save_customer({"house", "Store", "Account"}, kMonday - kDay);
  }

  std::vector<Voucher> issue(const std::vector<std::string>& ids, const std::string& location = "va",
                             const std::string& expires = "2026-11-30") {
    return engine.issue_vouchers(kAcme, {"acme-samples", location, ids, 0, expires, "staff feeding"}, kMonday);
  }

  // The store rings one voucher up on its house account.
  CheckoutResult redeem(const std::string& voucher, const std::string& upc, const std::string& receipt = "V-R1",
                        Timestamp at = kMonday, std::optional<Cents> price = 1599) {
    auto checkout = open("house", receipt, at);
    checkout.redeem_voucher({voucher, upc, price});
    return checkout.finish();
  }
};

// The code and message of a refused redemption at the till; the till's visit stays as it was.
std::pair<ErrorCode, std::string> refusal(Checkout& checkout, const VoucherRedemptionRequest& request) {
  const std::size_t before = checkout.voucher_redemptions().size();
  try {
    checkout.redeem_voucher(request);
  } catch (const Error& e) {
    CHECK(checkout.voucher_redemptions().size() == before);
    return {e.code(), e.what()};
  }
  return {ErrorCode::ok, {}};
}

}  // namespace

TEST_CASE("vouchers: a voucher program lists its items, is distributor fulfilled and round-trips through the catalog") {
  VoucherShop shop;
  const std::string catalog = shop.engine.catalog_json();
  CHECK(catalog.find(R"("kind":"voucher")") != std::string::npos);
  CHECK(catalog.find(R"("voucher":{"upcs":["011111000018","011111000025","011111000056"]})") != std::string::npos);
  auto refused = [&](const std::string& program) {
    return message_of([&] { shop.engine.load_catalog(R"({"programs": [)" + program + "]}", kMonday); });
  };
  CHECK(refused(R"({"id": "s", "name": "S", "kind": "voucher", "manufacturer": "acme", "fulfillment": "retailer",
                    "voucher": {"upcs": ["011111000018"]}})")
            .find("programs[0].fulfillment") == 0);
  CHECK(refused(R"({"id": "s", "name": "S", "kind": "voucher", "manufacturer": "acme", "fulfillment": "distributor",
                    "voucher": {"upcs": ["099999000016"]}})")
            .find("programs[0].voucher.upcs[0]") == 0);
  CHECK(refused(R"({"id": "s", "name": "S", "kind": "voucher", "manufacturer": "acme", "fulfillment": "distributor",
                    "voucher": {"upcs": []}})")
            .find("programs[0].voucher.upcs") == 0);
  CHECK(refused(R"({"id": "s", "name": "S", "kind": "voucher", "manufacturer": "acme", "fulfillment": "distributor"})")
            .find("programs[0].voucher") == 0);
  CHECK(refused(R"({"id": "s", "name": "S", "kind": "frequent_buyer", "manufacturer": "acme", "fulfillment": "distributor",
                    "voucher": {"upcs": ["011111000018"]}})")
            .find("programs[0].voucher") == 0);
}

TEST_CASE("vouchers: the brand issues vouchers to a store, numbered by it or by the engine, each pending") {
  VoucherShop shop;
  auto issued = shop.issue({"AC-1", "AC-2"});
  REQUIRE(issued.size() == 2);
  CHECK(issued[0].id == "AC-1");
  CHECK(issued[0].state == "pending");
  CHECK(issued[0].manufacturer_id == "acme");
  CHECK(issued[0].allowed_upcs == std::vector<std::string>{kChicken4, kBeef4, kTrial});
  auto counted = shop.engine.issue_vouchers(kAcme, {"acme-samples", "va", {}, 3, "2026-12-31", ""}, kMonday);
  REQUIRE(counted.size() == 3);
  CHECK(counted[0].id != counted[1].id);
  CHECK(shop.engine.vouchers("va", kMonday).size() == 5);
  CHECK(shop.engine.vouchers("va", kMonday, "redeemed").empty());
  CHECK(shop.engine.vouchers("oh", kMonday).empty());
  CHECK(shop.engine.voucher("AC-2", kMonday).expires == "2026-11-30");
  // The same issue again is a retry: nothing changes.
  const auto before = shop.dump();
  CHECK(shop.issue({"AC-1", "AC-2"}).size() == 2);
  CHECK(shop.dump() == before);
}

TEST_CASE("vouchers: an issue is refused for another brand, another program kind, a passed date, a taken id") {
  VoucherShop shop;
  shop.issue({"AC-1"});
  const auto before = shop.dump();
  auto issue = [&](const Actor& actor, VoucherIssue q) {
    return std::pair{code_of([&] { shop.engine.issue_vouchers(actor, q, kMonday); }),
                     message_of([&] { shop.engine.issue_vouchers(actor, q, kMonday); })};
  };
  const VoucherIssue good{"acme-samples", "va", {"AC-9"}, 0, "2026-11-30", ""};
  CHECK(issue(kBolt, good).first == ErrorCode::wrong_actor);
  CHECK(issue(kStore, good).first == ErrorCode::wrong_actor);
  VoucherIssue q = good;
  q.program_id = "acme-fb";
  CHECK(issue(kAcme, q).first == ErrorCode::unknown_program);
  q = good;
  q.location_id = "nowhere";
  CHECK(issue(kAcme, q).first == ErrorCode::unknown_location);
  q = good;
  q.expires = "2026-11-01";
  CHECK(issue(kAcme, q) == std::pair{ErrorCode::invalid_argument, std::string("expires: 2026-11-01 has passed at location va")});
  q.expires = "2026-02-30";
  CHECK(issue(kAcme, q).second.find("expires:") == 0);
  q = good;
  q.ids = {"AC-1"};
  q.note = "other terms";
  CHECK(issue(kAcme, q).second.find("ids[0]:") == 0);
  q = good;
  q.ids = {"AC-7", "AC-7"};
  CHECK(issue(kAcme, q).second.find("ids[1]:") == 0);
  q = good;
  q.ids.clear();
  CHECK(issue(kAcme, q).first == ErrorCode::invalid_quantity);
  q.count = 2;
  q.ids = {"AC-8"};
  CHECK(issue(kAcme, q).second.find("count:") == 0);
  CHECK(shop.dump() == before);
}

TEST_CASE("vouchers: redeemed at the till, a voucher becomes a free-goods credit line at the assigned distributor") {
  VoucherShop shop;
  shop.issue({"AC-1", "AC-2"});
  auto checkout = shop.open("house", "V-R1");
  auto usable = checkout.vouchers();
  REQUIRE(usable.size() == 2);
  CHECK(checkout.redeem_voucher({"AC-1", kBeef4, 1599}) == 0);
  REQUIRE(checkout.vouchers().size() == 1);  // AC-1 is taken in this visit
  CHECK(checkout.vouchers()[0].id == "AC-2");
  auto result = checkout.finish();
  REQUIRE(result.redemptions.size() == 1);
  const Redemption& d = result.redemptions[0];
  CHECK(d.kind == "voucher");
  CHECK(d.program_id == "acme-samples");
  CHECK(d.card_id == "AC-1");
  CHECK(d.upc == kBeef4);
  CHECK(d.quantity == 1);
  CHECK(d.unit_price == 1599);
  CHECK(d.credit_state == "new");
  CreditLine line = shop.engine.credit_line(d.credit_line_id);
  CHECK(line.stream == "free_goods");
  CHECK(line.partner == "east");
  CHECK(line.account_number == "E-100");
  CHECK(line.manufacturer_id == "acme");
  CHECK(line.program_kind == "voucher");
  Voucher v = shop.engine.voucher("AC-1", kMonday);
  CHECK(v.state == "redeemed");
  CHECK(v.receipt_id == "V-R1");
  CHECK(v.redeemed_on == "2026-11-02");
  CHECK(v.upc == kBeef4);
  CHECK(v.redemption_id == d.id);
  CHECK(v.credit_line_id == line.id);
  CHECK(shop.engine.vouchers("va", kMonday, "pending").size() == 1);
  // A retry of the receipt answers the first result and redeems nothing again.
  const auto before = shop.dump();
  auto again = shop.redeem("AC-1", kBeef4);
  CHECK(again.replayed);
  CHECK(again.redemptions.at(0).id == d.id);
  CHECK(shop.dump() == before);
  // The same receipt with another voucher is another visit.
  CHECK(code_of([&] { shop.redeem("AC-2", kBeef4); }) == ErrorCode::receipt_conflict);
}

TEST_CASE("vouchers: the till refuses an unknown voucher, another store's, a used one, an expired one, an item outside the list") {
  VoucherShop shop;
  shop.issue({"AC-1", "AC-2"});
  shop.issue({"OH-1"}, "oh");
  shop.issue({"OLD-1"}, "va", "2026-11-02");
  shop.redeem("AC-2", kChicken4);
  const auto before = shop.dump();
  auto checkout = shop.open("house", "V-R2", kMonday + kDay);
  auto [code, message] = refusal(checkout, {"NOPE", kBeef4, 1599});
  CHECK(code == ErrorCode::not_found);
  CHECK(message == "voucher_redemptions[0].voucher: voucher 'NOPE' does not exist");
  std::tie(code, message) = refusal(checkout, {"OH-1", kBeef4, 1599});
  CHECK(code == ErrorCode::wrong_location);
  CHECK(message == "voucher_redemptions[0].voucher: voucher 'OH-1' was issued to location oh, not va");
  std::tie(code, message) = refusal(checkout, {"AC-2", kBeef4, 1599});
  CHECK(code == ErrorCode::voucher_used);
  CHECK(message == "voucher_redemptions[0].voucher: voucher 'AC-2' was redeemed on 2026-11-02 (receipt V-R1)");
  std::tie(code, message) = refusal(checkout, {"OLD-1", kBeef4, 1599});
  CHECK(code == ErrorCode::voucher_expired);
  CHECK(message == "voucher_redemptions[0].voucher: voucher 'OLD-1' expired after 2026-11-02");
  std::tie(code, message) = refusal(checkout, {"AC-1", kDuck4, 1599});
  CHECK(code == ErrorCode::item_not_allowed);
  CHECK(message == "voucher_redemptions[0].upc: '011111000032' is not an item of voucher program acme-samples");
  CHECK(refusal(checkout, {"AC-1", kNewUpc, 1599}).first == ErrorCode::unknown_upc);
  CHECK(refusal(checkout, {"AC-1", "12345", 1599}).first == ErrorCode::invalid_argument);
  CHECK(refusal(checkout, {"AC-1", kBeef4, std::nullopt}).first == ErrorCode::invalid_price);  // no price seen
  // The same voucher twice in one visit.
  CHECK(checkout.redeem_voucher({"AC-1", kBeef4, 1599}) == 0);
  std::tie(code, message) = refusal(checkout, {"AC-1", kChicken4, 1599});
  CHECK(code == ErrorCode::voucher_used);
  CHECK(message.find("voucher_redemptions[1].voucher:") == 0);
  checkout.undo_voucher_redemption(0);
  CHECK(checkout.voucher_redemptions().empty());
  // OLD-1 is listed as expired, never as usable.
  CHECK(shop.engine.voucher("OLD-1", kMonday + kDay).state == "expired");
  CHECK(shop.engine.voucher("OLD-1", kMonday).state == "pending");
  // 03:00 UTC on the 3rd is still the 2nd in Virginia: the day is the location's.
  CHECK(shop.engine.voucher("OLD-1", kMonday + 12 * 3600).state == "pending");
  CHECK(shop.engine.voucher("OLD-1", kMonday + 14 * 3600).state == "expired");
  for (const auto& v : checkout.vouchers()) CHECK(v.id == "AC-1");
  CHECK(shop.dump() == before);
}

TEST_CASE("vouchers: a checkout document's voucher_redemptions are checked again when the visit is stored") {
  VoucherShop shop;
  shop.issue({"AC-1"});
  CheckoutDocument doc;
  doc.open = {"va", "house", "D-1", kMonday, ""};
  doc.voucher_redemptions = {{"AC-1", kTrial, 299}};
  auto outcomes = shop.engine.run_checkouts({doc, [&] {
                                               CheckoutDocument other = doc;
                                               other.open.receipt_id = "D-2";
                                               return other;
                                             }()});
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].code == ErrorCode::ok);
  CHECK(outcomes[0].result.redemptions.at(0).kind == "voucher");
  CHECK(outcomes[1].code == ErrorCode::voucher_used);
  CHECK(outcomes[1].message.find("voucher_redemptions[0].voucher:") == 0);
  shop.issue({"AC-2"});
  CheckoutDocument whole = doc;
  whole.open.receipt_id = "D-4";
  whole.voucher_redemptions = {{"AC-2", kChicken4, 1599}};
  CHECK(run_checkout(shop.engine, whole).redemptions.at(0).card_id == "AC-2");
  whole.open.receipt_id = "D-5";
  CHECK(code_of([&] { run_checkout(shop.engine, whole); }) == ErrorCode::voucher_used);
  const auto parsed = checkout_document_from_json(
      R"({"location": "va", "customer": "house", "receipt": "D-3", "at": 1793631600,
          "voucher_redemptions": [{"voucher": "AC-1", "upc": "011111000018"}]})");
  REQUIRE(parsed.voucher_redemptions.size() == 1);
  CHECK(parsed.voucher_redemptions[0].voucher_id == "AC-1");
  CHECK_FALSE(parsed.voucher_redemptions[0].unit_price);
  CHECK(message_of([] {
          checkout_document_from_json(R"({"location": "va", "customer": "house", "receipt": "D-3", "at": 1,
                                          "voucher_redemptions": [{"voucher": "AC-1"}]})");
        }).find("voucher_redemptions[0].upc") == 0);
}

TEST_CASE("vouchers: without an assigned distributor the line waits in Temporary Holding until the store picks one") {
  VoucherShop shop(make_store(), false);
  shop.issue({"AC-1"});
  auto result = shop.redeem("AC-1", kBeef4);
  CHECK(result.redemptions.at(0).credit_state == "held");
  CHECK(shop.engine.credit_line(result.redemptions[0].credit_line_id).partner == kTemporaryHolding);
  auto change = shop.engine.enroll({"va", "acme-samples", "east", "E-100"}, kMonday + kDay);
  CHECK(change.released_lines == 1);
  CreditLine line = shop.engine.credit_line(result.redemptions[0].credit_line_id);
  CHECK(line.state == "new");
  CHECK(line.partner == "east");
}

TEST_CASE("vouchers: the store changes a voucher's item while its line is new; the line follows; refused once batched") {
  VoucherShop shop;
  shop.issue({"AC-1", "AC-2"});
  auto first = shop.redeem("AC-1", kBeef4);
  const std::int64_t old_line = first.redemptions.at(0).credit_line_id;
  CHECK(code_of([&] { shop.engine.change_voucher_item(kStore, "AC-1", kDuck4, 1599, kMonday + 60); }) ==
        ErrorCode::item_not_allowed);
  CHECK(code_of([&] { shop.engine.change_voucher_item(kStore, "AC-1", kBeef4, 1599, kMonday + 60); }) ==
        ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.change_voucher_item({ActorRole::retailer, "oh"}, "AC-1", kChicken4, 1599, kMonday + 60); }) ==
        ErrorCode::wrong_actor);
  CHECK(code_of([&] { shop.engine.change_voucher_item(kStore, "AC-2", kChicken4, 1599, kMonday + 60); }) ==
        ErrorCode::invalid_state);  // pending: chosen at the till
  CHECK(code_of([&] { shop.engine.change_voucher_item(kStore, "NOPE", kChicken4, 1599, kMonday + 60); }) ==
        ErrorCode::not_found);
  Voucher changed = shop.engine.change_voucher_item(kStore, "AC-1", kChicken4, 1499, kMonday + 60);
  CHECK(changed.upc == kChicken4);
  CHECK(changed.unit_price == 1499);
  CHECK(changed.state == "redeemed");
  CHECK(changed.redemption_id != first.redemptions[0].id);
  CHECK(changed.credit_line_id != old_line);
  CHECK(shop.engine.credit_line(old_line).state == "withdrawn");
  CreditLine line = shop.engine.credit_line(changed.credit_line_id);
  CHECK(line.state == "new");
  CHECK(line.upc == kChicken4);
  CHECK(line.unit_price == 1499);
  CHECK(line.partner == "east");
  CHECK(line.card_id == "AC-1");
  // The undo of corrections is for cards' rewards: a voucher's redemption changes its item here.
  CHECK(code_of([&] { shop.engine.undo_redemption(kStore, changed.redemption_id, "", std::nullopt, kMonday + 90); }) ==
        ErrorCode::invalid_state);
  shop.engine.pull_batch(kEast, "November", {"va"}, kMonday + kDay);
  CHECK(shop.engine.credit_line(changed.credit_line_id).state == "batched");
  const auto before = shop.dump();
  auto [code, message] = std::pair{
      code_of([&] { shop.engine.change_voucher_item(kStore, "AC-1", kTrial, 299, kMonday + kDay); }),
      message_of([&] { shop.engine.change_voucher_item(kStore, "AC-1", kTrial, 299, kMonday + kDay); })};
  CHECK(code == ErrorCode::invalid_state);
  CHECK(message.find("voucher: 'AC-1''s credit line") == 0);
  CHECK(shop.dump() == before);
}

TEST_CASE("vouchers: two tills redeeming one voucher at once on one SQLite file: exactly one wins") {
  const std::string path = temp_db_path("tally-voucher-race");
  {
    VoucherShop shop(make_sqlite_store(path));
    shop.issue({"AC-1"});
    Engine other(make_sqlite_store(path));
    auto a = shop.engine.open_checkout({"va", "house", "A", kMonday, ""});
    auto b = other.open_checkout({"va", "ann", "B", kMonday, ""});
    a.redeem_voucher({"AC-1", kBeef4, 1599});
    b.redeem_voucher({"AC-1", kChicken4, 1599});  // both tills saw it pending
    const auto codes = finish_at_once(a, b);
    CHECK(((codes[0] == ErrorCode::ok) != (codes[1] == ErrorCode::ok)));
    CHECK((codes[0] == ErrorCode::voucher_used || codes[1] == ErrorCode::voucher_used));
    CHECK(other.credit_lines("new", "east").size() == 1);
    CHECK(other.voucher("AC-1", kMonday).state == "redeemed");
  }
  remove_db(path);
}

TEST_CASE("vouchers: a voucher redemption and an item change, on a store failing at every call, leave all or nothing") {
  for (int step = 0; step < 2; ++step) {
    CAPTURE(step);
    auto prepare = [step](VoucherShop& shop) {
      shop.issue({"AC-1"});
      if (step == 1) shop.redeem("AC-1", kBeef4);
    };
    auto act = [step](VoucherShop& shop) {
      if (step == 0) shop.redeem("AC-1", kBeef4, "V-R9");
      else shop.engine.change_voucher_item(kStore, "AC-1", kChicken4, 1499, kMonday + 60);
    };
    fail_at_every_call<VoucherShop>(prepare, act);
  }
}

TEST_CASE("vouchers: reports list voucher redemptions and their lines, and the programs filter keeps only them") {
  VoucherShop shop;
  shop.issue({"AC-1"});
  shop.buy("ann", "R1", {{kBeef4, 1599}, {kBeef4, 1599}, {kBeef4, 1599}}, kMonday, "three bags");
  auto card = shop.open("ann", "R2", kMonday + 60);
  card.redeem({"acme-fb", "dog", kChicken4, 1599});
  card.finish();
  shop.redeem("AC-1", kTrial, "V-R1", kMonday + 120, 299);
  const std::string day = R"({"location": "va", "from": "2026-11-02", "to": "2026-11-02")";
  const std::string all = shop.engine.report("redemptions_by_date", day + "}", kMonday + 600);
  CHECK(all.find(R"("kind":"voucher","card":"AC-1")") != std::string::npos);
  CHECK(all.find(R"("kind":"card")") != std::string::npos);
  const std::string vouchers = shop.engine.report("redemptions_by_date", day + R"(, "programs": "voucher"})", kMonday + 600);
  CHECK(vouchers.find(R"("count":1)") != std::string::npos);
  CHECK(vouchers.find(R"("kind":"card")") == std::string::npos);
  const std::string credit = shop.engine.report("free_goods_credit_status", day + R"(, "programs": "voucher"})", kMonday + 600);
  CHECK(credit.find(R"("program_kind":"voucher")") != std::string::npos);
  CHECK(credit.find(R"("program_kind":"frequent_buyer")") == std::string::npos);
  CHECK(credit.find(R"("card":"AC-1")") != std::string::npos);
  CHECK(code_of([&] { shop.engine.report("redemptions_by_date", day + R"(, "programs": "coupons"})", kMonday); }) ==
        ErrorCode::invalid_argument);
}

TEST_CASE("vouchers: a request's voucher section follows the older sections, and a voucher record reads back whole") {
  domain::Visit visit;
  visit.customer.id = "house";
  visit.at = 100;
  visit.pass_uses.push_back({"camp", "pass3", 1});
  const std::string before = codec::encode_request(visit);
  CHECK(codec::decode_request(before, "rcpt/va/R1").voucher_redemptions.empty());
  visit.voucher_redemptions.push_back({"AC-1", kBeef4, std::nullopt});
  visit.voucher_redemptions.push_back({"AC-2", kTrial, 299});
  const std::string bytes = codec::encode_request(visit);
  CHECK(bytes.substr(0, before.size()) == before);  // older requests keep their bytes
  const auto back = codec::decode_request(bytes, "rcpt/va/R1");
  REQUIRE(back.voucher_redemptions.size() == 2);
  CHECK(back.voucher_redemptions[0].voucher_id == "AC-1");
  CHECK_FALSE(back.voucher_redemptions[0].unit_price);
  CHECK(back.voucher_redemptions[1].unit_price == 299);
  CHECK(back.pass_uses.size() == 1);
  CHECK_THROWS_AS(codec::decode_request(bytes.substr(0, bytes.size() - 1), "rcpt/va/R1"), Error);

  Voucher v;
  v.id = "AC-1";
  v.program_id = "acme-samples";
  v.manufacturer_id = "acme";
  v.location_id = "va";
  v.state = "redeemed";
  v.expires = "2026-11-30";
  v.receipt_id = "V-R1";
  v.redeemed_at = 200;
  v.redeemed_on = "2026-11-02";
  v.upc = kBeef4;
  v.unit_price = 1599;
  v.redemption_id = 7;
  v.credit_line_id = 9;
  const std::string record = codec::encode(v);
  CHECK(record[1] == 'V');
  const Voucher read = codec::decode_voucher(record, "vch/AC-1");
  CHECK(read.state == "redeemed");
  CHECK(read.redeemed_at == 200);
  CHECK(read.credit_line_id == 9);
  CHECK(codec::encode(read) == record);
  v.redemption_id = 0;  // redeemed without a redemption: damage
  CHECK(code_of([&] { codec::decode_voucher(codec::encode(v), "vch/AC-1"); }) == ErrorCode::storage_corrupt);
}
