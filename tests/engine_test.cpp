// SPDX-License-Identifier: Apache-2.0
// Locations, enrollments, customers and the journal.
#include <doctest/doctest.h>

#include "domain/gtin.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

TEST_CASE("locations: saved with a valid state and time zone") {
  Shop shop;
  CHECK(shop.engine.location("va").time_zone == "EST5EDT,M3.2.0,M11.1.0");
  CHECK(shop.engine.locations().size() == 2);
  shop.engine.save_location({"nc", "Raleigh", "NC", "America/New_York", false}, kMonday);
  CHECK(shop.engine.location("nc").state == "NC");
  auto before = shop.dump();
  CHECK(code_of([&] { shop.engine.save_location({"x", "X", "Virginia", "EST5EDT", false}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(message_of([&] { shop.engine.save_location({"x", "X", "VA", "Mars/Olympus", false}, kMonday); }).find("location.time_zone") == 0);
  CHECK(code_of([&] { shop.engine.save_location({"", "X", "VA", "EST5EDT", false}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(shop.dump() == before);
  CHECK(code_of([&] { shop.engine.location("nowhere"); }) == ErrorCode::unknown_location);
}

TEST_CASE("enrollment: the distributor must exist, serve the state, carry the brand, have the account") {
  Shop shop;
  auto before = shop.dump();
  CHECK(code_of([&] { shop.enroll("va", "acme-fb", "nobody", "1"); }) == ErrorCode::unknown_distributor);
  CHECK(code_of([&] { shop.enroll("va", "acme-fb", "ohio", "1"); }) == ErrorCode::distributor_not_serving);
  CHECK(code_of([&] { shop.enroll("va", "acme-fb", "catsonly", "1"); }) == ErrorCode::distributor_not_serving);
  CHECK(code_of([&] { shop.enroll("va", "acme-fb", "east"); }) == ErrorCode::account_number_required);
  CHECK(code_of([&] { shop.enroll("va", "nope", "east", "1"); }) == ErrorCode::unknown_program);
  CHECK(code_of([&] { shop.enroll("zz", "acme-fb", "east", "1"); }) == ErrorCode::unknown_location);
  CHECK(code_of([&] { shop.enroll("va", "acme-size", "east", "1"); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.enroll("va", "acme-fb"); }) == ErrorCode::invalid_argument);
  CHECK(shop.dump() == before);
  // Some distributors need no account number; a brand-specific one carries its brand.
  CHECK(code_of([&] { shop.enroll("va", "acme-fb", "open"); }) == ErrorCode::ok);
  CHECK(code_of([&] { shop.enroll("va", "bolt-fb", "catsonly", "C-1"); }) == ErrorCode::ok);
  CHECK(shop.engine.enrollment("va", "bolt-fb").distributor_id == "catsonly");
  CHECK(shop.engine.enrollments("va").size() == 6);
  CHECK(code_of([&] { shop.engine.enrollment("oh", "bolt-fb"); }) == ErrorCode::not_enrolled);
}

TEST_CASE("enrollment: a program moved back to holding holds new redemptions") {
  Shop shop;
  shop.enroll("va", "acme-fb", kTemporaryHolding);
  auto checkout = shop.open("ann", "R1", kMonday, "va", "three bags");
  checkout.add_line({kBeef4, 3, 1500});
  checkout.redeem({"acme-fb", "dog", kBeef4, 1500});
  auto result = checkout.finish();
  CHECK(result.redemptions[0].credit_state == "held");
  auto line = shop.engine.credit_line(result.redemptions[0].credit_line_id);
  CHECK(line.partner == kTemporaryHolding);
  CHECK(line.account_number.empty());
}

TEST_CASE("customers: names required, email and phone checked, ids generated") {
  Shop shop;
  auto saved = shop.engine.save_customer({"", "Cy", "New", "cy@example.com", "(804) 555-0188"}, kMonday);
  CHECK(saved.id == "C1");
  CHECK(shop.engine.save_customer({"", "Di", "New"}, kMonday).id == "C2");
  CHECK(shop.engine.customer("C1").phone == "(804) 555-0188");
  auto before = shop.dump();
  CHECK(code_of([&] { shop.engine.save_customer({"x", "", "New"}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(message_of([&] { shop.engine.save_customer({"x", "A", "B", "not-an-email"}, kMonday); }) == "customer.email: 'not-an-email' is not an email address");
  CHECK(code_of([&] { shop.engine.save_customer({"x", "A", "B", "", "12"}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { shop.engine.save_customer({"x", "A\x01", "B"}, kMonday); }) == ErrorCode::invalid_argument);
  CHECK(shop.dump() == before);
  CHECK(code_of([&] { shop.engine.customer("nobody"); }) == ErrorCode::unknown_customer);
  auto parsed = customer_from_json(R"({"id": "e1", "first_name": "Em", "last_name": "Ploy", "type": "employee", "app_since": "2026-03-01T12:00:00Z"})");
  CHECK(parsed.type == CustomerType::employee);
  CHECK(parsed.app_since == 1772366400);
  CHECK(code_of([] { customer_from_json(R"({"first_name": "A", "last_name": "B", "type": "vip"})"); }) == ErrorCode::invalid_argument);
}

TEST_CASE("journal: every change is appended in order with its kind") {
  Shop shop;
  auto all = shop.engine.journal(0);
  REQUIRE(!all.empty());
  CHECK(all[0].seq == 1);
  CHECK(all[0].kind == "catalog.loaded");
  for (std::size_t i = 1; i < all.size(); ++i) CHECK(all[i].seq == all[i - 1].seq + 1);
  auto result = shop.buy("ann", "R1", {{kCat3, 1299}});
  auto tail = shop.engine.journal(all.back().seq);
  REQUIRE(tail.size() == 1);
  CHECK(tail[0].kind == "checkout.finished");
  CHECK(tail[0].seq == result.journal_seq);
  CHECK(tail[0].document.find("\"receipt\":\"R1\"") != std::string::npos);
  CHECK(shop.engine.journal(0, 2).size() == 2);
}

TEST_CASE("engine: accounts keep their records apart on one store") {
  auto store = make_store();
  struct Borrow : FaultStore {
    using FaultStore::FaultStore;
  };
  Engine a(std::make_unique<Borrow>(*store), EngineOptions{"store-a"});
  Engine b(std::make_unique<Borrow>(*store), EngineOptions{"store-b"});
  a.load_catalog(kTestCatalog, kMonday);
  CHECK(a.catalog_json().find("acme") != std::string::npos);
  CHECK(b.catalog_json().find("acme") == std::string::npos);
  CHECK(code_of([&] { Engine(make_store(), EngineOptions{"bad/name"}); }) == ErrorCode::invalid_argument);
}

TEST_CASE("engine: a store written by another format version is refused") {
  auto store = make_store();
  REQUIRE(store->begin(TxnMode::write) == StoreStatus::ok);
  REQUIRE(store->put("default/meta/format", "99") == StoreStatus::ok);
  REQUIRE(store->commit() == StoreStatus::ok);
  CHECK(code_of([&] { Engine engine(std::make_unique<FaultStore>(*store)); }) == ErrorCode::unsupported);
}

TEST_CASE("engine: a damaged record is reported as storage_corrupt, not a crash") {
  Shop shop;
  REQUIRE(shop.inner->begin(TxnMode::write) == StoreStatus::ok);
  REQUIRE(shop.inner->put("default/cust/ann", "{not json") == StoreStatus::ok);
  REQUIRE(shop.inner->commit() == StoreStatus::ok);
  CHECK(code_of([&] { shop.engine.customer("ann"); }) == ErrorCode::storage_corrupt);
  CHECK(code_of([&] { shop.open("ann", "R1"); }) == ErrorCode::storage_corrupt);
}

TEST_CASE("engine: a damaged shelf price is storage_corrupt when a reward needs it") {
  Shop shop;
  auto first = shop.open("bob", "R1");
  first.add_line({kCat3, 1, 1299});
  first.finish();
  REQUIRE(shop.inner->begin(TxnMode::write) == StoreStatus::ok);
  REQUIRE(shop.inner->put("default/price/va/" + domain::gtin14(kCat7), "12.99") == StoreStatus::ok);
  REQUIRE(shop.inner->commit() == StoreStatus::ok);
  auto second = shop.open("bob", "R2", kMonday + kDay);
  // The second bag completes the card; listing its allowed items reads their prices.
  CHECK(code_of([&] {
          second.add_line({kCat3, 1, 1299});
          second.rewards();
        }) == ErrorCode::storage_corrupt);
}
