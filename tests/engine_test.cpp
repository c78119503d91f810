// SPDX-License-Identifier: Apache-2.0
// Locations, enrollments, customers and the journal.
#include <doctest/doctest.h>

#include <set>

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

namespace {
tally::CheckoutResult ring(Shop& shop, const std::string& location, const std::string& receipt,
                           const std::string& customer = "bob") {
  auto checkout = shop.open(customer, receipt, kMonday, location);
  checkout.add_line({kBeef4, 1, 1500});
  return checkout.finish();
}
}  // namespace

TEST_CASE("journal: each location numbers its own entries, and a follower misses none and reads none twice") {
  Shop shop;
  std::int64_t after = shop.engine.journal(0).back().seq;
  const std::int64_t head = after;
  std::vector<std::int64_t> followed;
  auto follow = [&] {
    std::vector<std::int64_t> seqs;
    for (const auto& e : shop.engine.journal(after)) seqs.push_back(e.seq);
    if (!seqs.empty()) after = seqs.back();
    followed.insert(followed.end(), seqs.begin(), seqs.end());
    return seqs;
  };
  using Seqs = std::vector<std::int64_t>;
  // Richmond takes a block of numbers, then Columbus the block above it.
  const auto va1 = ring(shop, "va", "V1"), oh1 = ring(shop, "oh", "O1");
  CHECK(va1.journal_seq == head + 1);
  CHECK(oh1.journal_seq > va1.journal_seq + 1);
  // Richmond's till could still commit the numbers after its last one, so the follower is
  // shown nothing past it yet...
  CHECK(follow() == Seqs{va1.journal_seq});
  // ...until it has read everything below: then Richmond's block is closed and Columbus's
  // entry is shown. Richmond's next entry is numbered above it, never below.
  CHECK(follow() == Seqs{oh1.journal_seq});
  const auto va2 = ring(shop, "va", "V2");
  CHECK(va2.journal_seq > oh1.journal_seq);
  const auto oh2 = ring(shop, "oh", "O2");  // Columbus's block holds the number after its last
  CHECK(oh2.journal_seq == oh1.journal_seq + 1);
  CHECK(follow() == Seqs{oh2.journal_seq});
  CHECK(follow() == Seqs{va2.journal_seq});
  CHECK(follow().empty());
  // A change that is not a till's (here a location saved) closes every block first, so it
  // follows every entry committed before it, and the tills' next entries follow it.
  shop.engine.save_location({"oh", "Columbus East", "OH", "EST5EDT,M3.2.0,M11.1.0", false}, kMonday);
  const auto oh3 = ring(shop, "oh", "O3");
  const auto saved = follow();
  REQUIRE(saved.size() == 2);
  CHECK(saved[0] > va2.journal_seq);
  CHECK(saved[1] == oh3.journal_seq);
  CHECK(shop.engine.journal(va2.journal_seq)[0].kind == "location.saved");
  // Read again from the start, the journal is what the follower read, in its order.
  Seqs all;
  for (const auto& e : shop.engine.journal(head)) all.push_back(e.seq);
  CHECK(all == followed);
}

TEST_CASE("journal: a location that used up its block is not held back by an idle one") {
  Shop shop;
  const std::int64_t head = whole_journal(shop.engine).back().seq;
  ring(shop, "va", "V1");  // Richmond's block is open from here on, its till idle
  std::vector<std::int64_t> columbus;
  for (int n = 0; n < 64; ++n) columbus.push_back(ring(shop, "oh", "O" + std::to_string(n)).journal_seq);
  CHECK(columbus.back() == columbus.front() + 63);  // one whole block, used up
  const auto all = whole_journal(shop.engine, head);
  REQUIRE(all.size() == 65);
  CHECK(all.back().seq == columbus.back());
}

namespace {
// The keys write transactions read, scanned and wrote.
struct Touched {
  std::set<std::string> read, written;
  std::vector<std::pair<std::string, std::string>> scanned;
  // The keys `other` wrote that these transactions read, scanned or wrote too.
  std::vector<std::string> shared_with(const Touched& other) const {
    std::vector<std::string> shared;
    for (const auto& key : other.written) {
      bool hit = read.count(key) || written.count(key);
      for (const auto& [first, last] : scanned) hit = hit || (key >= first && (last.empty() || key < last));
      if (hit) shared.push_back(key);
    }
    return shared;
  }
};

struct KeyRecorder : ForwardingStore {
  using ForwardingStore::ForwardingStore;
  Touched touched;
  bool writing = false;
  tally::StoreStatus begin(tally::TxnMode mode) override {
    writing = mode == tally::TxnMode::write;
    return ForwardingStore::begin(mode);
  }
  tally::StoreStatus get(std::string_view k, std::string& v) override {
    if (writing) touched.read.emplace(k);
    return ForwardingStore::get(k, v);
  }
  tally::StoreStatus put(std::string_view k, std::string_view v) override {
    touched.written.emplace(k);
    return ForwardingStore::put(k, v);
  }
  tally::StoreStatus remove(std::string_view k) override {
    touched.written.emplace(k);
    return ForwardingStore::remove(k);
  }
  tally::StoreStatus scan(std::string_view f, std::string_view l, const tally::ScanVisitor& v) override {
    if (writing) touched.scanned.emplace_back(f, l);
    return ForwardingStore::scan(f, l, v);
  }
};
}  // namespace

TEST_CASE("numbers: checkouts at two locations share no key, counters included") {
  Shop shop(std::make_unique<KeyRecorder>(make_store()));
  auto& recorder = dynamic_cast<KeyRecorder&>(*shop.inner);
  // Once each location holds its blocks, a checkout that opens a card, and so takes a card
  // number and a journal number, reads and writes nothing the other location's writes.
  ring(shop, "va", "W1", "bree");
  ring(shop, "oh", "W2", "bree");
  auto record = [&](const std::string& location, const std::string& receipt, const std::string& customer) {
    recorder.touched = {};
    CHECK(ring(shop, location, receipt, customer).punches.size() == 1);
    return recorder.touched;
  };
  const Touched richmond = record("va", "V1", "ann"), columbus = record("oh", "O1", "bob");
  CHECK(richmond.written.count("default/meta/blk/journal/va"));
  CHECK(richmond.written.count("default/meta/blk/card/va"));
  CHECK(columbus.written.count("default/meta/blk/card/oh"));
  CHECK(richmond.shared_with(columbus) == std::vector<std::string>{});
  CHECK(columbus.shared_with(richmond) == std::vector<std::string>{});
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

TEST_CASE("sqlite: a fresh engine reads a file's journal through checkouts, loading the catalog as it goes") {
  // Reading a checkout's entry loads the catalog (scans of its own) while the journal's scan
  // runs: each scan must keep its own range.
  const std::string path = tally_test::temp_db_path("tally-journal-fresh");
  {
    Shop shop(tally::make_sqlite_store(path));
    shop.engine.add_auto_enrollment({"acme-all", {"va"}, "acme", "east", {{"va", "E-100"}}}, kMonday);
    shop.buy("ann", "R1", {{kBeef4, 1500}});
    shop.buy("bob", "R2", {{kChicken4, 1999}});
  }
  tally::Engine fresh(tally::make_sqlite_store(path));
  const auto entries = whole_journal(fresh);
  REQUIRE(entries.size() >= 2);
  CHECK(entries[entries.size() - 2].kind == "checkout.finished");
  CHECK(entries.back().kind == "checkout.finished");
  CHECK(entries.back().document.find("\"receipt\":\"R2\"") != std::string::npos);
  tally_test::remove_db(path);
}
