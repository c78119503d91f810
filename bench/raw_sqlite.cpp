// SPDX-License-Identifier: Apache-2.0
// The raw SQLite baseline: what a hand-written program doing the same writes costs.
//
// Same WAL mode and PRAGMA synchronous=FULL as the engine's SQLite store, prepared
// statements, one BEGIN IMMEDIATE ... COMMIT per checkout. Per checkout it writes what the
// engine's checkout keeps, as rows: the receipt, its sale lines, a punch row per punch, the
// touched cards' counters, the shelf price of each product sold, a journal row, and when a
// reward is taken a redemption, a credit line and the card marked redeemed.
#include <sqlite3.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

#include "raw_sqlite.hpp"

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

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
CREATE TABLE punch (
  customer_id TEXT NOT NULL,
  card_number INTEGER NOT NULL,
  punch_number INTEGER NOT NULL,
  receipt INTEGER NOT NULL REFERENCES receipt(id),
  line_index INTEGER NOT NULL,
  upc TEXT NOT NULL,
  unit_price INTEGER NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (customer_id, card_number, punch_number)
) WITHOUT ROWID;
CREATE TABLE shelf_price (
  location_id TEXT NOT NULL,
  upc TEXT NOT NULL,
  unit_price INTEGER NOT NULL,
  PRIMARY KEY (location_id, upc)
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
  receipt INTEGER NOT NULL REFERENCES receipt(id)
);
)sql";

struct Card {
  std::int64_t number = 0;
  int punches = 0;
  tally::Timestamp opened_at = 0;
  bool touched = false;
};

}  // namespace

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
    for (int i = 0; i < w.customers; ++i) {
      const tally::Customer c = customer_record(w, i);
      insert_customer.bind(1, c.id).bind(2, c.first_name).bind(3, c.last_name).bind(4, c.email).run();
    }
  }
  db.exec("COMMIT");
  const long long size_before = checkpointed_size(path);

  Stmt begin(db, "BEGIN IMMEDIATE");
  Stmt commit(db, "COMMIT");
  Stmt find_customer(db, "SELECT 1 FROM customer WHERE id = ?1");
  Stmt insert_receipt(db, "INSERT INTO receipt(location_id, receipt_id, customer_id, at) VALUES (?1, ?2, ?3, ?4)");
  Stmt insert_line(db,
      "INSERT INTO sale_line(receipt, line_index, upc, quantity, unit_price) VALUES (?1, ?2, ?3, ?4, ?5)");
  Stmt open_card(db,
      "SELECT card_number, punches, opened_at FROM punch_card"
      " WHERE customer_id = ?1 AND program_id = ?2 AND card_id = ?3 AND status = 'open'");
  Stmt last_card(db, "SELECT MAX(card_number) FROM punch_card WHERE customer_id = ?1");
  Stmt insert_punch(db,
      "INSERT INTO punch(customer_id, card_number, punch_number, receipt, line_index, upc, unit_price, at)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  Stmt save_card(db,
      "INSERT INTO punch_card(customer_id, program_id, card_id, card_number, punches, status, opened_at,"
      " completed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
      " ON CONFLICT (customer_id, program_id, card_id, card_number) DO UPDATE SET"
      "  punches = excluded.punches, status = excluded.status, completed_at = excluded.completed_at");
  Stmt save_price(db,
      "INSERT INTO shelf_price(location_id, upc, unit_price) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (location_id, upc) DO UPDATE SET unit_price = excluded.unit_price");
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
  Stmt insert_journal(db, "INSERT INTO journal(at, kind, receipt) VALUES (?1, 'checkout.finished', ?2)");

  // The engine lists an any_in_group card's qualifying products in ascending UPC order and
  // the engine run takes the first; so does the baseline.
  const Product& free_item = w.products.front();

  const auto start = Clock::now();
  const double cpu_start = cpu_now();
  for (int c = w.first; c < w.first + w.checkouts; ++c) {
    const auto visit_start = Clock::now();
    const std::string customer = w.customer_of(c);
    const std::string receipt_id = w.receipt_id(c);
    const tally::Timestamp at = w.at(c);

    begin.run();
    const bool known = find_customer.bind(1, customer).step();
    find_customer.reset();
    if (!known) throw std::runtime_error("raw: unknown customer " + customer);
    insert_receipt.bind(1, kLocationId).bind(2, receipt_id).bind(3, customer).bind(4, at).run();
    const std::int64_t receipt = sqlite3_last_insert_rowid(db.get());

    std::vector<Card> cards(1);
    open_card.bind(1, customer).bind(2, kProgramId).bind(3, kCardId);
    if (open_card.step()) cards[0] = {open_card.column_int(0), static_cast<int>(open_card.column_int(1)), open_card.column_int(2)};
    open_card.reset();
    std::int64_t last = 0;
    if (!cards[0].number) {
      last_card.bind(1, customer).step();
      last = last_card.column_int(0);
      last_card.reset();
      cards[0] = {last + 1, 0, at};
    }
    for (int l = 0; l < kLinesPerCheckout; ++l) {
      const PlannedLine planned = w.line(c, l);
      const Product& product = w.products[static_cast<std::size_t>(planned.product)];
      insert_line.bind(1, receipt).bind(2, l).bind(3, product.upc).bind(4, 1).bind(5, planned.unit_price).run();
      if (cards.back().punches >= kBuyN) cards.push_back({cards.back().number + 1, 0, at});
      Card& card = cards.back();
      card.touched = true;
      insert_punch.bind(1, customer).bind(2, card.number).bind(3, ++card.punches).bind(4, receipt).bind(5, l)
          .bind(6, product.upc).bind(7, planned.unit_price).bind(8, at).run();
      save_price.bind(1, kLocationId).bind(2, product.upc).bind(3, planned.unit_price).run();
      ++f.punches;
    }
    for (const Card& card : cards) {
      const bool complete = card.punches >= kBuyN;
      save_card.bind(1, customer).bind(2, kProgramId).bind(3, kCardId).bind(4, card.number).bind(5, card.punches)
          .bind(6, complete ? "complete" : "open").bind(7, card.opened_at);
      if (complete) save_card.bind(8, at);
      save_card.run();
    }
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
    }
    insert_journal.bind(1, at).bind(2, receipt).run();
    commit.run();
    f.latencies.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - visit_start).count());
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = cpu_now() - cpu_start;
  f.credit_lines = std::stol(db.text_of("SELECT COUNT(*) FROM credit_line"));
  f.bytes_per_checkout = static_cast<double>(checkpointed_size(path) - size_before) / w.checkouts;
  return f;
}

}  // namespace bench
