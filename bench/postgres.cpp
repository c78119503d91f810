// SPDX-License-Identifier: Apache-2.0
#include "postgres.hpp"

#include <libpq-fe.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/test_store.hpp"
#include "tally/engine.hpp"
#include "tally/store.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

// A libpq connection for the hand-written baseline: prepared statements with text
// parameters, one round trip each.
class Pg {
 public:
  explicit Pg(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) throw std::runtime_error(std::string("libpq: ") + PQerrorMessage(conn_));
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
  }
  Pg(const Pg&) = delete;
  Pg& operator=(const Pg&) = delete;
  ~Pg() { PQfinish(conn_); }

  void exec(const char* sql) { check(PQexec(conn_, sql), sql); }
  void prepare(const char* name, const char* sql) { check(PQprepare(conn_, name, sql, 0, nullptr), sql); }
  // Runs a prepared statement; returns the first row's columns joined by spaces ("" when none).
  std::string run(const char* name, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecPrepared(conn_, name, static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    std::string first;
    if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0)
      for (int i = 0; i < PQnfields(r); ++i) first += (i ? " " : "") + std::string(PQgetvalue(r, 0, i));
    check(r, name);
    return first;
  }

 private:
  void check(PGresult* r, const char* what) {
    const ExecStatusType status = PQresultStatus(r);
    const std::string message = PQresultErrorMessage(r);
    PQclear(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
      throw std::runtime_error(std::string("libpq: ") + message + " in: " + what);
  }
  PGconn* conn_;
};

constexpr const char* kRawPgSchema = R"sql(
CREATE TABLE customer (id TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT);
CREATE TABLE receipt (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  location_id TEXT NOT NULL, receipt_id TEXT NOT NULL, customer_id TEXT NOT NULL, at BIGINT NOT NULL,
  UNIQUE (location_id, receipt_id));
CREATE TABLE sale_line (
  receipt BIGINT NOT NULL REFERENCES receipt(id), line_index INT NOT NULL, upc TEXT NOT NULL,
  quantity INT NOT NULL, unit_price BIGINT NOT NULL, PRIMARY KEY (receipt, line_index));
CREATE TABLE punch_card (
  customer_id TEXT NOT NULL, program_id TEXT NOT NULL, card_id TEXT NOT NULL, card_number BIGINT NOT NULL,
  punches INT NOT NULL, status TEXT NOT NULL, opened_at BIGINT NOT NULL, completed_at BIGINT, redemption_id BIGINT,
  PRIMARY KEY (customer_id, program_id, card_id, card_number));
CREATE TABLE punch (
  customer_id TEXT NOT NULL, card_number BIGINT NOT NULL, punch_number INT NOT NULL,
  receipt BIGINT NOT NULL REFERENCES receipt(id), line_index INT NOT NULL, upc TEXT NOT NULL,
  unit_price BIGINT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (customer_id, card_number, punch_number));
CREATE TABLE shelf_price (
  location_id TEXT NOT NULL, upc TEXT NOT NULL, unit_price BIGINT NOT NULL, PRIMARY KEY (location_id, upc));
CREATE TABLE redemption (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, receipt BIGINT NOT NULL REFERENCES receipt(id),
  program_id TEXT NOT NULL, card_id TEXT NOT NULL, card_number BIGINT NOT NULL,
  upc TEXT NOT NULL, quantity INT NOT NULL, unit_price BIGINT NOT NULL);
CREATE TABLE credit_line (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stream TEXT NOT NULL, state TEXT NOT NULL, fulfillment TEXT NOT NULL, partner TEXT NOT NULL,
  account_number TEXT, manufacturer_id TEXT, program_id TEXT, card_id TEXT,
  location_id TEXT, customer_id TEXT, receipt_id TEXT,
  redemption_id BIGINT NOT NULL REFERENCES redemption(id),
  upc TEXT, quantity INT, unit_price BIGINT, created_at BIGINT NOT NULL);
CREATE TABLE journal (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, kind TEXT NOT NULL,
  receipt BIGINT NOT NULL REFERENCES receipt(id));
)sql";

struct Card {
  long long number = 0;
  int punches = 0;
  std::string opened_at;
};

}  // namespace

Figures run_engine_postgres(const std::string& name, const Workload& w, int tills) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
  tally_test::TempPgSchema schema;
  tally::Engine office(tally::make_postgres_store(schema.conninfo()));
  prepare_engine(office, w);
  for (int t = 1; t < tills; ++t) {
    tally::Location location = office.location(kLocationId);
    location.id = "L" + std::to_string(t + 1);
    office.save_location(location, kSetupAt);
    tally::Enrollment enrollment = office.enrollment(kLocationId, kProgramId);
    enrollment.location_id = location.id;
    office.enroll(enrollment, kSetupAt);
  }
  std::vector<std::unique_ptr<tally::Engine>> engines;
  std::vector<tally_test::ForwardingStore*> stores;
  for (int t = 0; t < tills; ++t) {
    auto store = std::make_unique<tally_test::ForwardingStore>(tally::make_postgres_store(schema.conninfo()));
    stores.push_back(store.get());
    tally::EngineOptions options;
    options.busy_retries = 1000;
    engines.push_back(std::make_unique<tally::Engine>(std::move(store), options));
  }
  std::vector<Figures> per_till(static_cast<std::size_t>(tills));
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  const double cpu_start = cpu_now();
  for (int t = 0; t < tills; ++t)
    threads.emplace_back([&, t] {
      Figures& mine = per_till[static_cast<std::size_t>(t)];
      ++ready;
      while (ready < tills) std::this_thread::yield();
      try {
        for (int c = w.first + t; c < w.first + w.checkouts; c += tills) {
          const auto visit_start = Clock::now();
          const tally::CheckoutResult result =
              run_checkout(*engines[static_cast<std::size_t>(t)], w, c, "L" + std::to_string(t + 1));
          mine.latencies.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - visit_start).count());
          mine.punches += static_cast<long>(result.punches.size());
          mine.redemptions += static_cast<long>(result.redemptions.size());
        }
      } catch (const std::exception& e) {
        mine.error = describe(e);
      }
    });
  for (auto& thread : threads) thread.join();
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = cpu_now() - cpu_start;
  f.reruns = 0;
  for (int t = 0; t < tills; ++t) {
    const Figures& mine = per_till[static_cast<std::size_t>(t)];
    f.punches += mine.punches;
    f.redemptions += mine.redemptions;
    f.latencies.micros.insert(f.latencies.micros.end(), mine.latencies.micros.begin(), mine.latencies.micros.end());
    f.reruns += stores[static_cast<std::size_t>(t)]->busy();
    if (f.error.empty()) f.error = mine.error;
  }
  f.credit_lines = static_cast<long>(office.credit_lines().size());
  return f;
}

Figures run_raw_postgres(const std::string& name, const Workload& w) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
  tally_test::TempPgSchema schema;
  Pg db(schema.conninfo());
  db.exec(kRawPgSchema);
  db.prepare("customer", "INSERT INTO customer(id, first_name, last_name, email) VALUES ($1, $2, $3, $4)");
  for (int i = 0; i < w.customers; ++i) {
    const tally::Customer c = customer_record(w, i);
    db.run("customer", {c.id, c.first_name, c.last_name, c.email});
  }
  db.prepare("find_customer", "SELECT 1 FROM customer WHERE id = $1");
  db.prepare("insert_receipt",
             "INSERT INTO receipt(location_id, receipt_id, customer_id, at) VALUES ($1, $2, $3, $4) RETURNING id");
  db.prepare("insert_line", "INSERT INTO sale_line(receipt, line_index, upc, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)");
  db.prepare("open_card",
             "SELECT card_number, punches, opened_at FROM punch_card"
             " WHERE customer_id = $1 AND program_id = $2 AND card_id = $3 AND status = 'open'");
  db.prepare("last_card", "SELECT COALESCE(MAX(card_number), 0) FROM punch_card WHERE customer_id = $1");
  db.prepare("insert_punch",
             "INSERT INTO punch(customer_id, card_number, punch_number, receipt, line_index, upc, unit_price, at)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
  db.prepare("save_card",
             "INSERT INTO punch_card(customer_id, program_id, card_id, card_number, punches, status, opened_at,"
             " completed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULLIF($8, '')::bigint)"
             " ON CONFLICT (customer_id, program_id, card_id, card_number) DO UPDATE SET"
             "  punches = excluded.punches, status = excluded.status, completed_at = excluded.completed_at");
  db.prepare("save_price",
             "INSERT INTO shelf_price(location_id, upc, unit_price) VALUES ($1, $2, $3)"
             " ON CONFLICT (location_id, upc) DO UPDATE SET unit_price = excluded.unit_price");
  db.prepare("oldest_complete",
             "SELECT card_number FROM punch_card WHERE customer_id = $1 AND program_id = $2 AND card_id = $3"
             " AND status = 'complete' ORDER BY card_number LIMIT 1");
  db.prepare("insert_redemption",
             "INSERT INTO redemption(receipt, program_id, card_id, card_number, upc, quantity, unit_price)"
             " VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id");
  db.prepare("insert_credit_line",
             "INSERT INTO credit_line(stream, state, fulfillment, partner, account_number, manufacturer_id,"
             " program_id, card_id, location_id, customer_id, receipt_id, redemption_id, upc, quantity,"
             " unit_price, created_at) VALUES ('free_goods', 'new', 'distributor', $1, $2, $3, $4, $5, $6,"
             " $7, $8, $9, $10, 1, $11, $12)");
  db.prepare("mark_redeemed",
             "UPDATE punch_card SET status = 'redeemed', redemption_id = $5"
             " WHERE customer_id = $1 AND program_id = $2 AND card_id = $3 AND card_number = $4");
  db.prepare("insert_journal", "INSERT INTO journal(at, kind, receipt) VALUES ($1, 'checkout.finished', $2)");
  db.prepare("begin", "BEGIN");
  db.prepare("commit", "COMMIT");

  const Product& free_item = w.products.front();
  const auto start = Clock::now();
  const double cpu_start = cpu_now();
  for (int c = w.first; c < w.first + w.checkouts; ++c) {
    const auto visit_start = Clock::now();
    const std::string customer = w.customer_of(c);
    const std::string at = std::to_string(w.at(c));
    db.run("begin", {});
    if (db.run("find_customer", {customer}).empty()) throw std::runtime_error("raw: unknown customer " + customer);
    const std::string receipt = db.run("insert_receipt", {kLocationId, w.receipt_id(c), customer, at});
    std::vector<Card> cards(1);
    if (const std::string open = db.run("open_card", {customer, kProgramId, kCardId}); !open.empty()) {
      char opened[32] = {0};
      std::sscanf(open.c_str(), "%lld %d %31s", &cards[0].number, &cards[0].punches, opened);
      cards[0].opened_at = opened;
    } else {
      cards[0] = {std::stoll(db.run("last_card", {customer})) + 1, 0, at};
    }
    for (int l = 0; l < kLinesPerCheckout; ++l) {
      const PlannedLine planned = w.line(c, l);
      const Product& product = w.products[static_cast<std::size_t>(planned.product)];
      const std::string price = std::to_string(planned.unit_price);
      db.run("insert_line", {receipt, std::to_string(l), product.upc, "1", price});
      if (cards.back().punches >= kBuyN) cards.push_back({cards.back().number + 1, 0, at});
      Card& card = cards.back();
      db.run("insert_punch", {customer, std::to_string(card.number), std::to_string(++card.punches), receipt,
                              std::to_string(l), product.upc, price, at});
      db.run("save_price", {kLocationId, product.upc, price});
      ++f.punches;
    }
    for (const Card& card : cards) {
      const bool complete = card.punches >= kBuyN;
      db.run("save_card", {customer, kProgramId, kCardId, std::to_string(card.number), std::to_string(card.punches),
                           complete ? "complete" : "open", card.opened_at, complete ? at : ""});
    }
    if (const std::string complete = db.run("oldest_complete", {customer, kProgramId, kCardId}); !complete.empty()) {
      const std::string price = std::to_string(free_item.base_price);
      const std::string redemption =
          db.run("insert_redemption", {receipt, kProgramId, kCardId, complete, free_item.upc, price});
      db.run("insert_credit_line", {kDistributorId, kAccountNumber, kManufacturerId, kProgramId, kCardId, kLocationId,
                                    customer, w.receipt_id(c), redemption, free_item.upc, price, at});
      db.run("mark_redeemed", {customer, kProgramId, kCardId, complete, redemption});
      ++f.redemptions;
    }
    db.run("insert_journal", {at, receipt});
    db.run("commit", {});
    f.latencies.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - visit_start).count());
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = cpu_now() - cpu_start;
  db.prepare("count_lines", "SELECT COUNT(*) FROM credit_line");
  f.credit_lines = std::stol(db.run("count_lines", {}));
  return f;
}

}  // namespace bench
