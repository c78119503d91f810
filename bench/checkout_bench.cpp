// Checkout throughput benchmark.
//
// Runs one fixed workload of checkouts on three setups and prints checkouts per second:
//   1. the engine on tally::make_memory_store();
//   2. the engine on tally::make_sqlite_store() (WAL, synchronous=FULL) on a fresh file;
//   3. a hand-written raw-SQLite baseline (WAL, synchronous=FULL, one BEGIN IMMEDIATE ...
//      COMMIT per checkout, prepared statements) writing equivalent rows.
//
// This is a measuring program, not a test: it prints figures and asserts nothing.
// Usage: tally_bench [--checkouts N] [--quick] [--dir DIR]

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "tally/engine.hpp"
#include "tally/error.hpp"
#include "tally/store.hpp"
#include "tally/types.hpp"
#include "support/test_store.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------
// The workload: identical for all three setups.

constexpr int kDefaultCheckouts = 2000;
constexpr int kQuickCheckouts = 200;
constexpr int kMaxCustomers = 200;
constexpr int kVisitsPerCustomer = 10;  // fewer customers for short runs, so cards complete
constexpr int kProducts = 20;
constexpr int kLinesPerCheckout = 5;
constexpr int kRedeemEvery = 10;  // every 10th checkout tries to redeem
constexpr int kBuyN = 10;
constexpr tally::Timestamp kStartAt = 1767625200;  // 2026-01-05T15:00:00Z
constexpr tally::Timestamp kStepSeconds = 60;     // one checkout a minute
constexpr tally::Timestamp kSetupAt = kStartAt - 3600;

constexpr const char* kLocationId = "L1";
constexpr const char* kManufacturerId = "bench-mfr";
constexpr const char* kDistributorId = "bench-dist";
constexpr const char* kProgramId = "bench-fb";
constexpr const char* kCardId = "bench-card";
constexpr const char* kAccountNumber = "ACC-1";
constexpr const char* kMultiPunchReason = "bench";

// UPC-A check digit of 11 data digits: digits in odd positions (1st, 3rd, ... 11th)
// weigh 3, even positions weigh 1; the check digit rounds the sum up to a multiple of 10.
char upc_a_check_digit(std::string_view eleven) {
  int sum = 0;
  for (std::size_t i = 0; i < eleven.size(); ++i) {
    const int digit = eleven[i] - '0';
    sum += (i % 2 == 0) ? digit * 3 : digit;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

struct Product {
  std::string upc;
  std::string description;
  std::string size;
  tally::Cents base_price = 0;
};

struct PlannedLine {
  int product = 0;
  tally::Cents unit_price = 0;
};

struct Workload {
  std::vector<Product> products;
  std::vector<std::string> customers;
  int checkouts = 0;

  std::string receipt_id(int c) const { return "R-" + std::to_string(100000 + c); }
  const std::string& customer_of(int c) const { return customers[static_cast<std::size_t>(c) % customers.size()]; }
  tally::Timestamp at(int c) const { return kStartAt + kStepSeconds * c; }
  bool tries_redemption(int c) const { return (c + 1) % kRedeemEvery == 0; }

  // Five different products per checkout (offsets 0, 4, 8, 12, 16 modulo 20), with prices
  // that move a little from visit to visit.
  PlannedLine line(int c, int l) const {
    PlannedLine out;
    out.product = (c * 7 + l * 4) % kProducts;
    out.unit_price = products[static_cast<std::size_t>(out.product)].base_price + 10 * ((c + l) % 5);
    return out;
  }
  tally::Cents base_price(const std::string& upc) const {
    for (const auto& p : products)
      if (p.upc == upc) return p.base_price;
    return 0;
  }
};

Workload make_workload(int checkouts) {
  Workload w;
  w.checkouts = checkouts;
  for (int i = 0; i < kProducts; ++i) {
    // Number system 0, manufacturer code 81234, item number 10001..10020, check digit.
    std::string eleven = "081234" + std::to_string(10001 + i);
    Product p;
    p.upc = eleven + upc_a_check_digit(eleven);
    p.size = std::to_string(4 + (i % 5) * 4) + " lb";
    p.description = "Bench Kibble " + std::to_string(i + 1) + " " + p.size;
    p.base_price = 999 + 150 * i;
    w.products.push_back(std::move(p));
  }
  // 200 customers for 2000 checkouts: each customer comes 10 times (a card completes every
  // second visit); shorter runs use fewer customers so that they redeem too.
  const int customers = std::clamp(checkouts / kVisitsPerCustomer, 1, kMaxCustomers);
  for (int i = 0; i < customers; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "C%03d", i + 1);
    w.customers.emplace_back(id);
  }
  return w;
}

std::string json_string(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The catalog as a JSON document in the shape docs/catalog.md describes.
std::string catalog_json(const Workload& w) {
  std::string products;
  std::string upcs;
  for (const auto& p : w.products) {
    if (!products.empty()) {
      products += ",\n    ";
      upcs += ", ";
    }
    products += "{\"upc\": " + json_string(p.upc) + ", \"description\": " + json_string(p.description) +
                ", \"manufacturer\": " + json_string(kManufacturerId) + ", \"size\": " + json_string(p.size) +
                ", \"species\": \"dog\", \"category\": \"kibble\"}";
    upcs += json_string(p.upc);
  }
  std::string doc;
  doc += "{\n  \"manufacturers\": [\n    {\"id\": " + json_string(kManufacturerId) +
         ", \"name\": \"Bench Pet Foods\"}\n  ],\n";
  doc += "  \"distributors\": [\n    {\"id\": " + json_string(kDistributorId) +
         ", \"name\": \"Bench Pet Supply\", \"states\": [\"VA\"], \"manufacturers\": [" +
         json_string(kManufacturerId) + "], \"account_number_required\": true}\n  ],\n";
  doc += "  \"products\": [\n    " + products + "\n  ],\n";
  doc += "  \"programs\": [\n    {\"id\": " + json_string(kProgramId) +
         ", \"name\": \"Bench Frequent Buyer\", \"kind\": \"frequent_buyer\", \"manufacturer\": " +
         json_string(kManufacturerId) + ", \"fulfillment\": \"distributor\", \"audience\": \"all\"," +
         " \"requires\": [],\n     \"cards\": [\n       {\"id\": " + json_string(kCardId) +
         ", \"name\": \"Any bag\", \"qualifying_upcs\": [" + upcs +
         "], \"excluded_upcs\": [], \"buy_n\": " + std::to_string(kBuyN) +
         ", \"reward_quantity\": 1, \"free_item_rule\": \"any_in_group\"}\n     ]}\n  ]\n}\n";
  return doc;
}

// ---------------------------------------------------------------------------------------
// What each setup reports.

struct Figures {
  std::string setup;
  int checkouts = 0;
  double seconds = 0;
  long punches = 0;
  long redemptions = 0;
  long credit_lines = 0;
  long reruns = 0;  // busy answers that made the engine rerun an operation (PostgreSQL tills)
  std::string error;  // non-empty when the setup could not run to the end

  bool ok() const { return error.empty() && seconds > 0; }
  double per_second() const { return ok() ? checkouts / seconds : 0; }
  double micros_per_checkout() const { return ok() ? seconds * 1e6 / checkouts : 0; }
};

std::string describe(const std::exception& e) {
  if (const auto* te = dynamic_cast<const tally::Error*>(&e))
    return std::string(tally::error_code_name(te->code())) + ": " + te->what();
  return e.what();
}

// ---------------------------------------------------------------------------------------
// Setups 1 and 2: the engine.

void prepare_engine(tally::Engine& engine, const Workload& w) {
  engine.load_catalog(catalog_json(w), kSetupAt);

  tally::Location location;
  location.id = kLocationId;
  location.name = "Bench Store";
  location.state = "VA";
  location.time_zone = "EST5EDT,M3.2.0,M11.1.0";
  engine.save_location(location, kSetupAt);

  tally::Enrollment enrollment;
  enrollment.location_id = kLocationId;
  enrollment.program_id = kProgramId;
  enrollment.distributor_id = kDistributorId;
  enrollment.account_number = kAccountNumber;
  engine.enroll(enrollment, kSetupAt);

  for (std::size_t i = 0; i < w.customers.size(); ++i) {
    tally::Customer customer;
    customer.id = w.customers[i];
    customer.first_name = "Bench";
    customer.last_name = "Customer " + std::to_string(i + 1);
    customer.email = "bench" + std::to_string(i + 1) + "@example.com";
    engine.save_customer(customer, kSetupAt);
  }
}

// One checkout of the workload at a location: 5 lines, and every 10th a redemption.
tally::CheckoutResult ring(tally::Engine& engine, const Workload& w, int c, const std::string& location) {
  tally::CheckoutOpen open;
  open.location_id = location;
  open.customer_id = w.customer_of(c);
  open.receipt_id = w.receipt_id(c);
  open.at = w.at(c);
  open.multi_punch_reason = kMultiPunchReason;
  tally::Checkout checkout = engine.open_checkout(open);

  for (int l = 0; l < kLinesPerCheckout; ++l) {
    const PlannedLine planned = w.line(c, l);
    tally::SaleLine line;
    line.upc = w.products[static_cast<std::size_t>(planned.product)].upc;
    line.quantity = 1;
    line.unit_price = planned.unit_price;
    checkout.add_line(line);
  }

  if (w.tries_redemption(c)) {
    const std::vector<tally::Reward> rewards = checkout.rewards();
    if (!rewards.empty() && !rewards.front().allowed.empty()) {
      const tally::Reward& reward = rewards.front();
      const tally::AllowedItem& item = reward.allowed.front();
      tally::RedemptionRequest request;
      request.program_id = reward.program_id;
      request.card_id = reward.card_id;
      request.upc = item.upc;
      request.unit_price = item.unit_price.value_or(w.base_price(item.upc));
      checkout.redeem(request);
    }
  }

  return checkout.finish();
}

void add_result(Figures& f, const tally::CheckoutResult& result) {
  f.punches += static_cast<long>(result.punches.size());
  f.redemptions += static_cast<long>(result.redemptions.size());
}

Figures run_engine(const std::string& name, std::unique_ptr<tally::Store> store, const Workload& w) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
  tally::Engine engine(std::move(store));
  prepare_engine(engine, w);

  const auto start = Clock::now();
  for (int c = 0; c < w.checkouts; ++c) add_result(f, ring(engine, w, c, kLocationId));
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();

  f.credit_lines = static_cast<long>(engine.credit_lines().size());
  return f;
}

Figures run_engine_guarded(const std::string& name,
                           const std::function<std::unique_ptr<tally::Store>()>& make_store,
                           const Workload& w) {
  try {
    return run_engine(name, make_store(), w);
  } catch (const std::exception& e) {
    Figures f;
    f.setup = name;
    f.checkouts = w.checkouts;
    f.error = describe(e);
    return f;
  }
}

// ---------------------------------------------------------------------------------------
// Setup 3: raw SQLite, written by hand.

class Db {
 public:
  explicit Db(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("sqlite open " + path + ": " + message);
    }
  }
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db() { sqlite3_close(db_); }

  sqlite3* get() const { return db_; }

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw std::runtime_error(std::string("sqlite: ") + text + " in: " + sql);
    }
  }

  // Runs a statement returning one text value (PRAGMA journal_mode=WAL, ...).
  std::string text_of(const char* sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + " in: " + sql);
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

// A prepared statement, reset after each use.
class Stmt {
 public:
  Stmt(Db& db, const char* sql) : db_(db.get()), sql_(sql) {
    if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite prepare: ") + sqlite3_errmsg(db_) + " in: " + sql);
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(stmt_); }

  Stmt& bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  Stmt& bind(int index, const std::string& value) {
    check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Stmt& bind(int index, const char* value) { return bind(index, std::string(value)); }

  // Steps once; true when a row is available.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite step: ") + sqlite3_errmsg(db_) + " in: " + sql_);
  }
  // Runs a statement that returns no rows, then resets it.
  void run() {
    step();
    reset();
  }
  std::int64_t column_int(int i) const { return sqlite3_column_int64(stmt_, i); }
  std::string column_text(int i) const {
    const unsigned char* text = sqlite3_column_text(stmt_, i);
    return text ? reinterpret_cast<const char*>(text) : "";
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite bind: ") + sqlite3_errmsg(db_) + " in: " + sql_);
  }
  sqlite3* db_;
  const char* sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

constexpr const char* kRawSchema = R"sql(
CREATE TABLE customer (
  id TEXT PRIMARY KEY,
  first_name TEXT, last_name TEXT, email TEXT
) WITHOUT ROWID;
CREATE TABLE receipt (
  id INTEGER PRIMARY KEY,
  location_id TEXT NOT NULL,
  receipt_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (location_id, receipt_id)
);
CREATE TABLE sale_line (
  receipt INTEGER NOT NULL REFERENCES receipt(id),
  line_index INTEGER NOT NULL,
  upc TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price INTEGER NOT NULL,
  PRIMARY KEY (receipt, line_index)
) WITHOUT ROWID;
CREATE TABLE punch_card (
  customer_id TEXT NOT NULL,
  program_id TEXT NOT NULL,
  card_id TEXT NOT NULL,
  card_number INTEGER NOT NULL,
  punches INTEGER NOT NULL,
  status TEXT NOT NULL,              -- open | complete | redeemed
  opened_at INTEGER NOT NULL,
  completed_at INTEGER,
  redemption_id INTEGER,
  PRIMARY KEY (customer_id, program_id, card_id, card_number)
) WITHOUT ROWID;
CREATE TABLE redemption (
  id INTEGER PRIMARY KEY,
  receipt INTEGER NOT NULL REFERENCES receipt(id),
  program_id TEXT NOT NULL, card_id TEXT NOT NULL, card_number INTEGER NOT NULL,
  upc TEXT NOT NULL, quantity INTEGER NOT NULL, unit_price INTEGER NOT NULL
);
CREATE TABLE credit_line (
  id INTEGER PRIMARY KEY,
  stream TEXT NOT NULL, state TEXT NOT NULL, fulfillment TEXT NOT NULL, partner TEXT NOT NULL,
  account_number TEXT, manufacturer_id TEXT, program_id TEXT, card_id TEXT,
  location_id TEXT, customer_id TEXT, receipt_id TEXT,
  redemption_id INTEGER NOT NULL REFERENCES redemption(id),
  upc TEXT, quantity INTEGER, unit_price INTEGER, created_at INTEGER NOT NULL
);
CREATE TABLE journal (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  document TEXT NOT NULL
);
)sql";

Figures run_raw_sqlite(const std::string& name, const std::string& path, const Workload& w) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;

  Db db(path);
  sqlite3_busy_timeout(db.get(), 5000);
  if (const std::string mode = db.text_of("PRAGMA journal_mode=WAL"); mode != "wal")
    throw std::runtime_error("sqlite: journal_mode is " + mode + ", not wal");
  db.exec("PRAGMA synchronous=FULL");
  db.exec("BEGIN IMMEDIATE");
  db.exec(kRawSchema);
  {
    Stmt insert_customer(db, "INSERT INTO customer(id, first_name, last_name, email) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < w.customers.size(); ++i)
      insert_customer.bind(1, w.customers[i])
          .bind(2, "Bench")
          .bind(3, "Customer " + std::to_string(i + 1))
          .bind(4, "bench" + std::to_string(i + 1) + "@example.com")
          .run();
  }
  db.exec("COMMIT");

  Stmt begin(db, "BEGIN IMMEDIATE");
  Stmt commit(db, "COMMIT");
  Stmt find_customer(db, "SELECT 1 FROM customer WHERE id = ?1");
  Stmt insert_receipt(db,
      "INSERT INTO receipt(location_id, receipt_id, customer_id, at) VALUES (?1, ?2, ?3, ?4)");
  Stmt insert_line(db,
      "INSERT INTO sale_line(receipt, line_index, upc, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5)");
  Stmt latest_card(db,
      "SELECT card_number, punches, status FROM punch_card"
      " WHERE customer_id = ?1 AND program_id = ?2 AND card_id = ?3"
      " ORDER BY card_number DESC LIMIT 1");
  Stmt punch(db,
      "INSERT INTO punch_card(customer_id, program_id, card_id, card_number, punches, status, opened_at,"
      " completed_at) VALUES (?1, ?2, ?3, ?4, 1, CASE WHEN 1 >= ?5 THEN 'complete' ELSE 'open' END, ?6,"
      " CASE WHEN 1 >= ?5 THEN ?6 END)"
      " ON CONFLICT (customer_id, program_id, card_id, card_number) DO UPDATE SET"
      "  punches = punch_card.punches + 1,"
      "  status = CASE WHEN punch_card.punches + 1 >= ?5 THEN 'complete' ELSE 'open' END,"
      "  completed_at = CASE WHEN punch_card.punches + 1 >= ?5 THEN ?6 END");
  Stmt oldest_complete(db,
      "SELECT card_number FROM punch_card"
      " WHERE customer_id = ?1 AND program_id = ?2 AND card_id = ?3 AND status = 'complete'"
      " ORDER BY card_number LIMIT 1");
  Stmt insert_redemption(db,
      "INSERT INTO redemption(receipt, program_id, card_id, card_number, upc, quantity, unit_price)"
      " VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)");
  Stmt insert_credit_line(db,
      "INSERT INTO credit_line(stream, state, fulfillment, partner, account_number, manufacturer_id,"
      " program_id, card_id, location_id, customer_id, receipt_id, redemption_id, upc, quantity,"
      " unit_price, created_at) VALUES ('free_goods', 'new', 'distributor', ?1, ?2, ?3, ?4, ?5, ?6,"
      " ?7, ?8, ?9, ?10, 1, ?11, ?12)");
  Stmt mark_redeemed(db,
      "UPDATE punch_card SET status = 'redeemed', redemption_id = ?5"
      " WHERE customer_id = ?1 AND program_id = ?2 AND card_id = ?3 AND card_number = ?4");
  Stmt insert_journal(db, "INSERT INTO journal(at, kind, document) VALUES (?1, 'checkout.finished', ?2)");

  // The engine lists an any_in_group card's qualifying products, here in ascending UPC
  // order, and the engine run takes the first; so does the baseline (at its base price,
  // where the engine run uses the last shelf price: the same row, another number).
  const Product& free_item = w.products.front();

  const auto start = Clock::now();
  for (int c = 0; c < w.checkouts; ++c) {
    const std::string& customer = w.customer_of(c);
    const std::string receipt_id = w.receipt_id(c);
    const tally::Timestamp at = w.at(c);

    begin.run();

    const bool known = find_customer.bind(1, customer).step();
    find_customer.reset();
    if (!known) throw std::runtime_error("raw: unknown customer " + customer);

    insert_receipt.bind(1, kLocationId).bind(2, receipt_id).bind(3, customer).bind(4, at).run();
    const std::int64_t receipt = sqlite3_last_insert_rowid(db.get());

    // The card the punches go on: the open one, or a new one after the latest.
    std::int64_t card_number = 1;
    int punches_on_card = 0;
    latest_card.bind(1, customer).bind(2, kProgramId).bind(3, kCardId);
    if (latest_card.step()) {
      card_number = latest_card.column_int(0);
      punches_on_card = static_cast<int>(latest_card.column_int(1));
      if (latest_card.column_text(2) != "open") {
        ++card_number;
        punches_on_card = 0;
      }
    }
    latest_card.reset();

    std::string document = "{\"location\":\"" + std::string(kLocationId) + "\",\"receipt\":\"" + receipt_id +
                           "\",\"customer\":\"" + customer + "\",\"at\":" + std::to_string(at) +
                           ",\"multi_punch_reason\":\"" + kMultiPunchReason + "\",\"lines\":[";
    for (int l = 0; l < kLinesPerCheckout; ++l) {
      const PlannedLine planned = w.line(c, l);
      const Product& product = w.products[static_cast<std::size_t>(planned.product)];
      insert_line.bind(1, receipt).bind(2, l).bind(3, product.upc).bind(4, 1).bind(5, planned.unit_price).run();

      // Quantity 1: one punch, an UPSERT of the customer's card.
      punch.bind(1, customer).bind(2, kProgramId).bind(3, kCardId).bind(4, card_number)
          .bind(5, kBuyN).bind(6, at).run();
      ++f.punches;
      if (++punches_on_card >= kBuyN) {
        ++card_number;
        punches_on_card = 0;
      }
      if (l > 0) document += ",";
      document += "{\"upc\":\"" + product.upc + "\",\"quantity\":1,\"unit_price\":" +
                  std::to_string(planned.unit_price) + ",\"program\":\"" + kProgramId +
                  "\",\"card\":\"" + kCardId + "\"}";
    }
    document += "],\"redemptions\":[";

    if (w.tries_redemption(c)) {
      oldest_complete.bind(1, customer).bind(2, kProgramId).bind(3, kCardId);
      std::optional<std::int64_t> complete;
      if (oldest_complete.step()) complete = oldest_complete.column_int(0);
      oldest_complete.reset();
      if (complete) {
        insert_redemption.bind(1, receipt).bind(2, kProgramId).bind(3, kCardId).bind(4, *complete)
            .bind(5, free_item.upc).bind(6, free_item.base_price).run();
        const std::int64_t redemption = sqlite3_last_insert_rowid(db.get());
        insert_credit_line.bind(1, kDistributorId).bind(2, kAccountNumber).bind(3, kManufacturerId)
            .bind(4, kProgramId).bind(5, kCardId).bind(6, kLocationId).bind(7, customer)
            .bind(8, receipt_id).bind(9, redemption).bind(10, free_item.upc)
            .bind(11, free_item.base_price).bind(12, at).run();
        mark_redeemed.bind(1, customer).bind(2, kProgramId).bind(3, kCardId).bind(4, *complete)
            .bind(5, redemption).run();
        ++f.redemptions;
        document += "{\"id\":" + std::to_string(redemption) + ",\"upc\":\"" + free_item.upc +
                    "\",\"card_number\":" + std::to_string(*complete) + "}";
      }
    }
    document += "]}";

    insert_journal.bind(1, at).bind(2, document).run();
    commit.run();
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();

  f.credit_lines = std::stol(db.text_of("SELECT COUNT(*) FROM credit_line"));
  return f;
}

// ---------------------------------------------------------------------------------------
// Setups 4 to 6: PostgreSQL (the server TALLY_TEST_PG names; scripts/pg-test-server.sh run
// --durable starts one). Each setup gets a schema of its own.

// The engine at `tills` locations L1..Ln, one till each: an engine of its own on its own
// connection, in a thread of its own, ringing the checkouts c with c % tills == its index
// (so the tills share no customer). Reruns are the busy answers the tills' stores gave.
Figures run_engine_tills(const std::string& name, const tally_test::TempPgSchema& schema, const Workload& w,
                         int tills) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
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
  for (int t = 0; t < tills; ++t)
    threads.emplace_back([&, t] {
      Figures& mine = per_till[static_cast<std::size_t>(t)];
      ++ready;
      while (ready < tills) std::this_thread::yield();
      try {
        for (int c = t; c < w.checkouts; c += tills)
          add_result(mine, ring(*engines[static_cast<std::size_t>(t)], w, c, "L" + std::to_string(t + 1)));
      } catch (const std::exception& e) {
        mine.error = describe(e);
      }
    });
  for (auto& thread : threads) thread.join();
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (int t = 0; t < tills; ++t) {
    const Figures& mine = per_till[static_cast<std::size_t>(t)];
    f.punches += mine.punches;
    f.redemptions += mine.redemptions;
    f.reruns += stores[static_cast<std::size_t>(t)]->busy();
    if (f.error.empty()) f.error = mine.error;
  }
  f.credit_lines = static_cast<long>(office.credit_lines().size());
  return f;
}

// A libpq connection for the hand-written baseline: prepared statements with text
// parameters, one round trip each, as a host would write it.
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
  // Runs a prepared statement; returns the first column of its first row ("" when none).
  std::string run(const char* name, std::initializer_list<std::string> params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecPrepared(conn_, name, static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
    const std::string first = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) > 0 ? PQgetvalue(r, 0, 0) : "";
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
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at BIGINT NOT NULL, kind TEXT NOT NULL, document TEXT NOT NULL);
)sql";

// The raw SQLite baseline's rows and statements, in PostgreSQL's dialect: one transaction
// per checkout, one round trip per statement.
Figures run_raw_postgres(const std::string& name, const tally_test::TempPgSchema& schema, const Workload& w) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
  Pg db(schema.conninfo());
  db.exec(kRawPgSchema);
  db.prepare("customer", "INSERT INTO customer(id, first_name, last_name, email) VALUES ($1, $2, $3, $4)");
  for (std::size_t i = 0; i < w.customers.size(); ++i)
    db.run("customer", {w.customers[i], "Bench", "Customer " + std::to_string(i + 1),
                        "bench" + std::to_string(i + 1) + "@example.com"});
  db.prepare("find_customer", "SELECT 1 FROM customer WHERE id = $1");
  db.prepare("insert_receipt",
             "INSERT INTO receipt(location_id, receipt_id, customer_id, at) VALUES ($1, $2, $3, $4) RETURNING id");
  db.prepare("insert_line", "INSERT INTO sale_line(receipt, line_index, upc, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)");
  db.prepare("latest_card",
             "SELECT card_number || ' ' || punches || ' ' || status FROM punch_card"
             " WHERE customer_id = $1 AND program_id = $2 AND card_id = $3 ORDER BY card_number DESC LIMIT 1");
  db.prepare("punch",
             "INSERT INTO punch_card(customer_id, program_id, card_id, card_number, punches, status, opened_at,"
             " completed_at) VALUES ($1, $2, $3, $4, 1, CASE WHEN 1 >= $5::int THEN 'complete' ELSE 'open' END, $6,"
             " CASE WHEN 1 >= $5::int THEN $6::bigint END)"
             " ON CONFLICT (customer_id, program_id, card_id, card_number) DO UPDATE SET"
             "  punches = punch_card.punches + 1,"
             "  status = CASE WHEN punch_card.punches + 1 >= $5::int THEN 'complete' ELSE 'open' END,"
             "  completed_at = CASE WHEN punch_card.punches + 1 >= $5::int THEN $6::bigint END");
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
  db.prepare("insert_journal", "INSERT INTO journal(at, kind, document) VALUES ($1, 'checkout.finished', $2)");
  db.prepare("begin", "BEGIN");
  db.prepare("commit", "COMMIT");

  const Product& free_item = w.products.front();
  const std::string buy_n = std::to_string(kBuyN);
  const auto start = Clock::now();
  for (int c = 0; c < w.checkouts; ++c) {
    const std::string& customer = w.customer_of(c);
    const std::string receipt_id = w.receipt_id(c);
    const std::string at = std::to_string(w.at(c));
    db.run("begin", {});
    if (db.run("find_customer", {customer}).empty()) throw std::runtime_error("raw: unknown customer " + customer);
    const std::string receipt = db.run("insert_receipt", {kLocationId, receipt_id, customer, at});
    std::int64_t card_number = 1;
    int punches_on_card = 0;
    if (const std::string latest = db.run("latest_card", {customer, kProgramId, kCardId}); !latest.empty()) {
      char status[16] = {0};
      long long number = 0;
      std::sscanf(latest.c_str(), "%lld %d %15s", &number, &punches_on_card, status);
      card_number = number;
      if (std::string_view(status) != "open") {
        ++card_number;
        punches_on_card = 0;
      }
    }
    std::string document = "{\"location\":\"" + std::string(kLocationId) + "\",\"receipt\":\"" + receipt_id +
                           "\",\"customer\":\"" + customer + "\",\"at\":" + at + ",\"lines\":[";
    for (int l = 0; l < kLinesPerCheckout; ++l) {
      const PlannedLine planned = w.line(c, l);
      const Product& product = w.products[static_cast<std::size_t>(planned.product)];
      db.run("insert_line", {receipt, std::to_string(l), product.upc, "1", std::to_string(planned.unit_price)});
      db.run("punch", {customer, kProgramId, kCardId, std::to_string(card_number), buy_n, at});
      ++f.punches;
      if (++punches_on_card >= kBuyN) {
        ++card_number;
        punches_on_card = 0;
      }
      if (l > 0) document += ",";
      document += "{\"upc\":\"" + product.upc + "\",\"unit_price\":" + std::to_string(planned.unit_price) + "}";
    }
    document += "],\"redemptions\":[";
    if (w.tries_redemption(c)) {
      if (const std::string complete = db.run("oldest_complete", {customer, kProgramId, kCardId}); !complete.empty()) {
        const std::string price = std::to_string(free_item.base_price);
        const std::string redemption =
            db.run("insert_redemption", {receipt, kProgramId, kCardId, complete, free_item.upc, price});
        db.run("insert_credit_line", {kDistributorId, kAccountNumber, kManufacturerId, kProgramId, kCardId, kLocationId,
                                      customer, receipt_id, redemption, free_item.upc, price, at});
        db.run("mark_redeemed", {customer, kProgramId, kCardId, complete, redemption});
        ++f.redemptions;
        document += "{\"id\":" + redemption + ",\"upc\":\"" + free_item.upc + "\",\"card_number\":" + complete + "}";
      }
    }
    document += "]}";
    db.run("insert_journal", {at, document});
    db.run("commit", {});
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  db.prepare("count_lines", "SELECT COUNT(*) FROM credit_line");
  f.credit_lines = std::stol(db.run("count_lines", {}));
  return f;
}

template <class Run>
Figures guarded(const std::string& name, int checkouts, const Run& run) {
  try {
    return run();
  } catch (const std::exception& e) {
    Figures f;
    f.setup = name;
    f.checkouts = checkouts;
    f.error = describe(e);
    return f;
  }
}

// ---------------------------------------------------------------------------------------
// Files and arguments.

void remove_database(const fs::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(fs::path(path.string() + suffix), ignored);
}

// A fresh, private directory under `parent` (mkdtemp).
fs::path make_temp_dir(const fs::path& parent) {
  std::string pattern = (parent / "tally-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory under " + parent.string());
  return fs::path(pattern);
}

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: tally_bench [--checkouts N] [--quick] [--dir DIR] [--postgres CONNINFO] [--tills N]\n"
               "  --checkouts N  checkouts per setup (default %d)\n"
               "  --quick        %d checkouts per setup\n"
               "  --dir DIR      where to put the SQLite files (default: the system temp dir);\n"
               "                 the figures depend on that disk's fsync latency\n"
               "  --postgres C   also the PostgreSQL rows, on the server libpq's C names\n"
               "                 (default: $TALLY_TEST_PG, as scripts/pg-test-server.sh run sets it)\n"
               "  --tills N      tills of the many-till PostgreSQL row (default 4)\n",
               kDefaultCheckouts, kQuickCheckouts);
}

void print_row(const Figures& f) {
  if (!f.ok()) {
    std::printf("%-26s %9d   failed: %s\n", f.setup.c_str(), f.checkouts,
                f.error.empty() ? "no time measured" : f.error.c_str());
    return;
  }
  std::printf("%-26s %9d %9.3f %13.1f %13.1f %9ld %12ld %13ld\n", f.setup.c_str(), f.checkouts, f.seconds,
              f.per_second(), f.micros_per_checkout(), f.punches, f.redemptions, f.credit_lines);
}

void print_ratio(const char* label, const Figures& a, const Figures& b) {
  if (!a.ok() || !b.ok()) {
    std::printf("%-44s n/a (a setup failed)\n", label);
    return;
  }
  std::printf("%-44s %6.2fx checkouts/s  (%.2fx the time per checkout)\n", label,
              a.per_second() / b.per_second(), a.seconds / b.seconds);
}

}  // namespace

int main(int argc, char** argv) {
  int checkouts = kDefaultCheckouts;
  int tills = 4;
  fs::path parent;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quick") {
      checkouts = kQuickCheckouts;
    } else if (arg == "--checkouts" && i + 1 < argc) {
      char* end = nullptr;
      const long n = std::strtol(argv[++i], &end, 10);
      if (!end || *end != '\0' || n < 1 || n > 10'000'000) {
        std::fprintf(stderr, "tally_bench: --checkouts needs a number from 1 to 10000000\n");
        return 2;
      }
      checkouts = static_cast<int>(n);
    } else if (arg == "--dir" && i + 1 < argc) {
      parent = argv[++i];
    } else if (arg == "--postgres" && i + 1 < argc) {
      setenv("TALLY_TEST_PG", argv[++i], 1);
    } else if (arg == "--tills" && i + 1 < argc) {
      tills = std::atoi(argv[++i]);
      if (tills < 2 || tills > 64) {
        std::fprintf(stderr, "tally_bench: --tills needs a number from 2 to 64\n");
        return 2;
      }
    } else if (arg == "--help" || arg == "-h") {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }

  fs::path dir;
  try {
    if (parent.empty()) parent = fs::temp_directory_path();
    dir = make_temp_dir(parent);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tally_bench: %s\n", e.what());
    return 1;
  }

  const Workload w = make_workload(checkouts);
  std::printf("Tally checkout benchmark\n");
  std::printf("  %d checkouts per setup: %d lines each (quantity 1, one card, buy %d), %zu customers round-robin,\n",
              checkouts, kLinesPerCheckout, kBuyN, w.customers.size());
  std::printf("  a redemption attempt every %dth checkout; SQLite %s, files in %s\n\n", kRedeemEvery,
              sqlite3_libversion(), dir.string().c_str());

  std::vector<Figures> results;

  results.push_back(run_engine_guarded("engine, memory store", [] { return tally::make_memory_store(); }, w));

  const fs::path engine_db = dir / "engine-full.db";
  remove_database(engine_db);
  results.push_back(run_engine_guarded("engine, SQLite FULL", [&] {
    tally::SqliteOptions options;
    options.synchronous = tally::Synchronous::full;
    return tally::make_sqlite_store(engine_db.string(), options);
  }, w));
  remove_database(engine_db);

  const fs::path raw_db = dir / "raw-full.db";
  remove_database(raw_db);
  try {
    results.push_back(run_raw_sqlite("raw SQLite FULL baseline", raw_db.string(), w));
  } catch (const std::exception& e) {
    Figures f;
    f.setup = "raw SQLite FULL baseline";
    f.checkouts = checkouts;
    f.error = e.what();
    results.push_back(f);
  }
  remove_database(raw_db);

  std::error_code ignored;
  fs::remove(dir, ignored);

  // PostgreSQL: rows 4 to 6, on the server TALLY_TEST_PG (or --postgres) names.
  const bool postgres = std::getenv("TALLY_TEST_PG") != nullptr;
  const std::string many = "engine, PostgreSQL " + std::to_string(tills) + " tills";
  if (postgres) {
    results.push_back(guarded("engine, PostgreSQL 1 till", checkouts, [&] {
      tally_test::TempPgSchema schema;
      return run_engine_tills("engine, PostgreSQL 1 till", schema, w, 1);
    }));
    results.push_back(guarded(many, checkouts, [&] {
      tally_test::TempPgSchema schema;
      return run_engine_tills(many, schema, w, tills);
    }));
    results.push_back(guarded("raw libpq baseline", checkouts, [&] {
      tally_test::TempPgSchema schema;
      return run_raw_postgres("raw libpq baseline", schema, w);
    }));
  }

  // "µs" is two bytes wide in UTF-8 but one column on screen: hence %14s.
  std::printf("%-26s %9s %9s %13s %14s %9s %12s %13s\n", "setup", "checkouts", "seconds", "checkouts/s",
              "µs/checkout", "punches", "redemptions", "credit lines");
  for (const auto& f : results) print_row(f);
  std::printf("\n");
  print_ratio("engine SQLite FULL / raw SQLite baseline:", results[1], results[2]);
  print_ratio("engine memory / engine SQLite FULL:", results[0], results[1]);
  if (postgres) {
    print_ratio("engine PostgreSQL 1 till / raw libpq baseline:", results[3], results[5]);
    print_ratio(("engine PostgreSQL " + std::to_string(tills) + " tills / 1 till:").c_str(), results[4], results[3]);
    for (const Figures* f : {&results[3], &results[4]})
      std::printf("%-44s %6.2f reruns per 100 checkouts (%ld reruns)\n", (f->setup + ":").c_str(),
                  100.0 * static_cast<double>(f->reruns) / f->checkouts, f->reruns);
  } else {
    std::printf("PostgreSQL rows: not run (no server; `bash scripts/pg-test-server.sh run --durable -- %s` "
                "runs them on a throw-away one, or pass --postgres CONNINFO)\n", argv[0]);
  }

  bool all_ok = true;
  for (const auto& f : results) all_ok = all_ok && f.ok();
  return all_ok ? 0 : 1;
}
