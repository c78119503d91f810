// SPDX-License-Identifier: Apache-2.0
// PostgreSQL only: many tills on one database, connections dropped mid-finish, connection
// strings that are wrong, tables of another format. Runs on the throw-away server of ctest's
// postgres_server fixture (or TALLY_TEST_PG); each run of tills prints the reruns it needed.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdio>
#include <map>
#include <thread>

#include <boost/json.hpp>

#include "store/postgres_store.hpp"
#include "support/promotions.hpp"

using namespace tally;
using namespace tally_test;

namespace {

constexpr int kTills = 8;

// One database: a shop set up through one engine, and tills, each an engine of its own on
// its own connection, counting the busy answers (reruns) their store gave.
struct Central {
  TempPgSchema schema;
  PromoShop shop{make_postgres_store(schema.conninfo())};
  std::vector<std::unique_ptr<Engine>> tills;
  std::vector<ForwardingStore*> stores;

  explicit Central(int tills_wanted) {
    for (int i = 0; i < tills_wanted; ++i) {
      auto store = std::make_unique<ForwardingStore>(make_postgres_store(schema.conninfo()));
      stores.push_back(store.get());
      EngineOptions options;
      options.busy_retries = 1000;  // these runs measure reruns; they must not give up
      tills.push_back(std::make_unique<Engine>(std::move(store), options));
    }
  }

  // Locations loc0..loc<n-1>, each enrolled in acme-fb, and a customer c<i> for each.
  void open_locations(int n) {
    for (int i = 0; i < n; ++i) {
      const std::string loc = "loc" + std::to_string(i);
      shop.engine.save_location({loc, "Store " + loc, "VA", "EST5EDT,M3.2.0,M11.1.0", false}, kMonday - kDay);
      shop.enroll(loc, "acme-fb", "east", "E-100");
      shop.customer("c" + std::to_string(i), "Till", std::to_string(i));
    }
  }

  long reruns() const {
    long n = 0;
    for (const auto* s : stores) n += s->busy();
    return n;
  }

  // Runs work(i, till i) on every till at once; returns each till's error code.
  std::vector<ErrorCode> race(const std::function<void(int, Engine&)>& work) {
    std::vector<ErrorCode> codes(tills.size(), ErrorCode::ok);
    std::atomic<int> ready{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < static_cast<int>(tills.size()); ++i)
      threads.emplace_back([&, i] {
        ++ready;
        while (ready < static_cast<int>(tills.size())) std::this_thread::yield();
        codes[static_cast<std::size_t>(i)] = code_of([&] { work(i, *tills[static_cast<std::size_t>(i)]); });
      });
    for (auto& t : threads) t.join();
    return codes;
  }

  void report(const char* run, int checkouts) const {
    std::printf("postgres, %s: %d checkouts, %ld reruns (busy)\n", run, checkouts, reruns());
  }
};

int punches_of(Engine& engine, const std::string& customer, const std::string& program) {
  int punches = 0;
  for (const auto& card : engine.cards(customer, true))
    if (card.program_id == program) {
      CHECK(static_cast<int>(card.punches.size()) <= card.required);  // never punched past its size
      punches += static_cast<int>(card.punches.size());
    }
  return punches;
}

int lines_of(Engine& engine, const std::string& program) {
  int n = 0;
  for (const auto& line : engine.credit_lines())
    if (line.program_id == program) ++n;
  return n;
}

CheckoutResult ring_beef(Engine& engine, const std::string& location, const std::string& customer,
                         const std::string& receipt, Timestamp at = kMonday) {
  auto checkout = engine.open_checkout({location, customer, receipt, at, ""});
  checkout.add_line({kBeef4, 1, 1500});
  return checkout.finish();
}

std::vector<ErrorCode> all_ok(std::size_t n) { return std::vector<ErrorCode>(n, ErrorCode::ok); }

}  // namespace

TEST_CASE("postgres tills: 8 locations of one account finish checkouts at once, each stored once") {
  Central central(kTills);
  constexpr int kEach = 12;
  central.open_locations(kTills);
  auto codes = central.race([&](int i, Engine& till) {
    for (int n = 0; n < kEach; ++n)
      ring_beef(till, "loc" + std::to_string(i), "c" + std::to_string(i), "R" + std::to_string(n), kMonday + n * 60);
  });
  CHECK(codes == all_ok(kTills));
  central.report("8 tills at 8 locations", kTills * kEach);
  Engine& office = central.shop.engine;
  for (int i = 0; i < kTills; ++i) {
    CHECK(punches_of(office, "c" + std::to_string(i), "acme-fb") == kEach);
    CHECK(office.checkout_result("loc" + std::to_string(i), "R" + std::to_string(kEach - 1)).punches.size() == 1);
  }
  // The journal holds every checkout once, numbers only increasing, each location's receipts
  // in the order its till finished them.
  std::map<std::string, int> next_receipt;
  std::int64_t last = 0;
  int finished = 0;
  for (const auto& e : whole_journal(office)) {
    CHECK(e.seq > last);
    last = e.seq;
    if (e.kind != "checkout.finished") continue;
    ++finished;
    const auto doc = boost::json::parse(e.document);
    const std::string location(doc.at("location").as_string());
    CHECK(doc.at("receipt").as_string() == "R" + std::to_string(next_receipt[location]++));
  }
  CHECK(finished == kTills * kEach);
  // A till that retries a receipt gets the first result back and punches nothing more.
  auto retried = central.race([&](int i, Engine& till) {
    CHECK(ring_beef(till, "loc" + std::to_string(i), "c" + std::to_string(i), "R0").replayed);
  });
  CHECK(retried == all_ok(kTills));
  for (int i = 0; i < kTills; ++i) CHECK(punches_of(office, "c" + std::to_string(i), "acme-fb") == kEach);
}

TEST_CASE("postgres tills: a follower reading the journal while 8 locations finish misses no entry") {
  Central central(kTills);
  constexpr int kEach = 25;
  central.open_locations(kTills);
  Engine& office = central.shop.engine;
  const std::int64_t head = whole_journal(office).back().seq;
  // The follower, on a connection of its own, reads small pages from where it stopped.
  Engine follower(make_postgres_store(central.schema.conninfo()));
  std::atomic<bool> done{false};
  std::vector<std::int64_t> followed;
  bool ordered = true;
  std::thread reader([&] {
    std::int64_t after = head;
    for (bool last_round = false;; last_round = done) {
      for (const auto& e : follower.journal(after, 7)) {
        ordered = ordered && e.seq > after;
        after = e.seq;
        followed.push_back(e.seq);
      }
      if (last_round) break;
    }
  });
  auto codes = central.race([&](int i, Engine& till) {
    for (int n = 0; n < kEach; ++n)
      ring_beef(till, "loc" + std::to_string(i), "c" + std::to_string(i), "F" + std::to_string(n), kMonday + n * 60);
  });
  done = true;
  reader.join();
  CHECK(codes == all_ok(kTills));
  central.report("8 tills at 8 locations and a follower", kTills * kEach);
  CHECK(ordered);
  // Everything the journal holds now, the follower read, in the same order, once.
  for (auto& e : whole_journal(follower, followed.empty() ? head : followed.back())) followed.push_back(e.seq);
  std::vector<std::int64_t> all;
  for (const auto& e : whole_journal(office, head)) all.push_back(e.seq);
  CHECK(all.size() == static_cast<std::size_t>(kTills * kEach));
  CHECK(followed == all);
}

TEST_CASE("postgres tills: the same customer at two tills loses no punch and retries stay exactly-once") {
  Central central(2);
  constexpr int kEach = 12;
  auto codes = central.race([&](int i, Engine& till) {
    for (int n = 0; n < kEach; ++n) ring_beef(till, "va", "ann", "T" + std::to_string(i) + "-" + std::to_string(n));
    // Both tills finish one receipt the POS sent twice: it is stored once.
    ring_beef(till, "va", "ann", "SAME");
  });
  CHECK(codes == all_ok(2));
  central.report("one customer at two tills", 2 * kEach + 2);
  CHECK(punches_of(central.shop.engine, "ann", "acme-fb") == 2 * kEach + 1);
  CHECK(central.shop.engine.checkout_result("va", "SAME").punches.size() == 1);
}

TEST_CASE("postgres tills: 8 tills racing for an offer's last unit: exactly one wins") {
  Central central(kTills);
  for (int i = 0; i < kTills; ++i) central.shop.customer("c" + std::to_string(i), "Till", std::to_string(i));
  // The overall limit of 3 has one unit left when eight tills, each with a customer who
  // has not used the offer, want it; every till saw the unit free when it rang the basket.
  for (const char* customer : {"ann", "bob"}) {
    auto checkout = central.shop.open(customer, std::string("P-") + customer);
    checkout.add_line({kBeef4, 1, 1500});
    checkout.redeem_offer({"acme-bogo", kChicken4, 1450});
    checkout.finish();
  }
  std::vector<Checkout> baskets;
  for (int i = 0; i < kTills; ++i) {
    baskets.push_back(central.tills[static_cast<std::size_t>(i)]->open_checkout({"va", "c" + std::to_string(i), "L" + std::to_string(i), kMonday, ""}));
    baskets.back().add_line({kBeef4, 1, 1500});
    baskets.back().redeem_offer({"acme-bogo", kChicken4, 1450});
  }
  auto codes = central.race([&](int i, Engine&) { baskets[static_cast<std::size_t>(i)].finish(); });
  central.report("8 tills racing for an offer's last unit", kTills);
  CHECK(std::count(codes.begin(), codes.end(), ErrorCode::ok) == 1);
  CHECK(std::count(codes.begin(), codes.end(), ErrorCode::limit_reached) == kTills - 1);
  CHECK(lines_of(central.shop.engine, "acme-bogo") == 3);  // never oversold
  const int winner = static_cast<int>(std::find(codes.begin(), codes.end(), ErrorCode::ok) - codes.begin());
  auto again = central.tills[static_cast<std::size_t>(winner)]->open_checkout({"va", "c" + std::to_string(winner), "L" + std::to_string(winner), kMonday, ""});
  again.add_line({kBeef4, 1, 1500});
  again.redeem_offer({"acme-bogo", kChicken4, 1450});
  CHECK(again.finish().replayed);
  CHECK(lines_of(central.shop.engine, "acme-bogo") == 3);
}

TEST_CASE("postgres tills: 8 tills giving one household its dog bundle: exactly one does") {
  Central central(kTills);
  std::vector<Checkout> baskets;
  for (int i = 0; i < kTills; ++i) {
    baskets.push_back(central.tills[static_cast<std::size_t>(i)]->open_checkout({"va", "ann", "A" + std::to_string(i), kMonday, ""}));
    baskets.back().redeem_adoption({"dog", "2026-10-20", "shelter", false, {kChicken4}, {1899}});
  }
  auto codes = central.race([&](int i, Engine&) { baskets[static_cast<std::size_t>(i)].finish(); });
  central.report("8 tills giving one household its adoption bundle", kTills);
  CHECK(std::count(codes.begin(), codes.end(), ErrorCode::ok) == 1);
  CHECK(std::count(codes.begin(), codes.end(), ErrorCode::not_eligible) == kTills - 1);
  CHECK(lines_of(central.shop.engine, "acme-adopt") == 1);
  CHECK_FALSE(central.shop.engine.adoption_eligibility("ann", "va", "dog", "2026-10-20", "shelter", kMonday).eligible);
}

TEST_CASE("postgres: a connection dropped at any call of a finish stores all or nothing; the retry is exactly-once") {
  TempPgSchema schema;
  Shop shop(make_postgres_store(schema.conninfo()));
  auto& pg = dynamic_cast<store::PostgresStore&>(*shop.inner);
  auto finish = [&](const std::string& receipt) { return ring_beef(shop.engine, "va", "bob", receipt); };
  shop.fault->reset();
  finish("COUNT");
  const long calls = shop.fault->calls();
  REQUIRE(calls > 3);
  int stored = 1, failed = 0;
  for (long k = 1; k <= calls + 1; ++k) {
    for (bool after : {false, true}) {
      CAPTURE(k);
      CAPTURE(after);
      const std::string receipt = "K" + std::to_string(k) + (after ? "a" : "b");
      // The server ends the connection's backend just before (or just after) the k-th call.
      auto kill = [&] { pg_admin("SELECT pg_terminate_backend(" + std::to_string(pg.backend_pid()) + ", 10000)"); };
      if (after) shop.fault->hook_at(k + 1, kill);
      else shop.fault->hook_at(k, kill);
      std::string message;
      const ErrorCode code = code_of([&] {
        try {
          finish(receipt);
        } catch (const Error& e) {
          message = e.what();
          throw;
        }
      });
      shop.fault->disarm();
      const int punches = punches_of(shop.engine, "bob", "acme-fb");
      if (code == ErrorCode::ok) {
        CHECK(punches == stored + 1);
      } else {
        ++failed;
        CHECK(code == ErrorCode::storage_failed);
        CHECK(message.find("PostgreSQL connection lost") != std::string::npos);
        CHECK((punches == stored || punches == stored + 1));  // wholly absent or wholly stored
      }
      const bool was_stored = punches == stored + 1;
      // The next operation reconnects; the retry of the receipt is exactly-once.
      CHECK(finish(receipt).replayed == was_stored);
      CHECK(punches_of(shop.engine, "bob", "acme-fb") == ++stored);
    }
  }
  CHECK(failed > 0);  // some kill did land in the middle of a finish
  std::printf("postgres, dropped connections: %d of %ld finishes failed, all retried exactly once\n", failed,
              2 * (calls + 1));
}

TEST_CASE("postgres: two transactions writing one key: the later committer is told busy") {
  TempPgSchema schema;
  auto a = make_postgres_store(schema.conninfo());
  auto b = make_postgres_store(schema.conninfo());
  std::string v;
  REQUIRE(a->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(a->get("k", v) == StoreStatus::not_found);  // a's snapshot starts here
  REQUIRE(b->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(b->put("k", "b") == StoreStatus::ok);
  REQUIRE(b->commit() == StoreStatus::ok);
  CHECK(a->put("k", "a") == StoreStatus::ok);
  CHECK(a->commit() == StoreStatus::busy);
  CHECK(a->last_error().find("could not serialize") != std::string::npos);
  CHECK(a->rollback() == StoreStatus::ok);
  REQUIRE(a->begin(TxnMode::read) == StoreStatus::ok);
  CHECK(a->get("k", v) == StoreStatus::ok);
  CHECK(v == "b");
  a->rollback();
}

TEST_CASE("postgres: a connection string libpq cannot read is invalid_argument naming conninfo") {
  for (std::string bad : {"this is not a connection string", "nosuchoption=1", "postgresql://[::1/db"}) {
    CAPTURE(bad);
    CHECK(code_of([&] { make_postgres_store(bad); }) == ErrorCode::invalid_argument);
    CHECK(message_of([&] { make_postgres_store(bad); }).rfind("conninfo: ", 0) == 0);
  }
}

TEST_CASE("postgres: a server that is down at open is storage_failed saying it cannot connect") {
  const std::string down = conninfo_with(test_pg_conninfo(), "port=1 connect_timeout=5");
  CHECK(code_of([&] { make_postgres_store(down); }) == ErrorCode::storage_failed);
  CHECK(message_of([&] { make_postgres_store(down); }).rfind("cannot connect to PostgreSQL: ", 0) == 0);
}

TEST_CASE("postgres: tables of another shape or format are refused as unsupported, naming them") {
  TempPgSchema foreign;
  pg_admin("CREATE TABLE " + foreign.name() + ".tally_kv (k TEXT PRIMARY KEY, v TEXT)");
  CHECK(code_of([&] { make_postgres_store(foreign.conninfo()); }) == ErrorCode::unsupported);
  CHECK(message_of([&] { make_postgres_store(foreign.conninfo()); })
            .find("table tally_kv has columns (k text, v text), not (k bytea, v bytea)") != std::string::npos);
  TempPgSchema newer;
  make_postgres_store(newer.conninfo());  // creates the tables, format 1
  pg_admin("UPDATE " + newer.name() + ".tally_meta SET value = '2' WHERE name = 'format'");
  CHECK(code_of([&] { make_postgres_store(newer.conninfo()); }) == ErrorCode::unsupported);
  CHECK(message_of([&] { make_postgres_store(newer.conninfo()); }).find("storage format 2") != std::string::npos);
}

TEST_CASE("postgres: eight stores opening one new database at once all create or find its tables") {
  TempPgSchema schema;
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  for (int i = 0; i < kTills; ++i)
    threads.emplace_back([&] {
      const std::string why = message_of([&] { make_postgres_store(schema.conninfo()); });
      if (why.empty()) ++opened;
      else std::printf("%s\n", why.c_str());
    });
  for (auto& t : threads) t.join();
  CHECK(opened == kTills);
}
