// SPDX-License-Identifier: Apache-2.0
// The default backend: one SQLite database, one table of keys and values.
#include <sqlite3.h>

#include <array>

#include "tally/error.hpp"
#include "tally/store.hpp"

namespace tally {
namespace {

const char* pragma_value(Synchronous s) {
  switch (s) {
    case Synchronous::off: return "OFF";
    case Synchronous::normal: return "NORMAL";
    case Synchronous::full: return "FULL";
    case Synchronous::extra: return "EXTRA";
  }
  return "FULL";
}

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, const SqliteOptions& options) {
    int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      throw Error(ErrorCode::storage_failed, "cannot open " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    const std::string setup = std::string("PRAGMA journal_mode=WAL; PRAGMA synchronous=") +
                              pragma_value(options.synchronous) +
                              "; CREATE TABLE IF NOT EXISTS kv(k BLOB PRIMARY KEY, v BLOB NOT NULL) WITHOUT ROWID;";
    if (sqlite3_exec(db_, setup.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      std::string why = sqlite3_errmsg(db_);
      sqlite3_close(db_);
      throw Error(ErrorCode::storage_failed, "cannot open " + path + ": " + why);
    }
  }

  ~SqliteStore() override {
    if (in_txn_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    for (auto* stmt : statements_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  StoreStatus begin(TxnMode mode) override {
    if (in_txn_) return fail("a transaction is already open");
    StoreStatus s = exec(mode == TxnMode::write ? kBeginWrite : kBeginRead);
    if (s == StoreStatus::ok) in_txn_ = true;
    return s;
  }

  StoreStatus commit() override {
    if (!in_txn_) return fail("no transaction is open");
    StoreStatus s = exec(kCommit);
    // A failed COMMIT may leave the transaction open; the engine then rolls back.
    if (s == StoreStatus::ok || sqlite3_get_autocommit(db_)) in_txn_ = false;
    return s;
  }

  StoreStatus rollback() override {
    if (!in_txn_) return StoreStatus::ok;
    in_txn_ = false;
    if (sqlite3_get_autocommit(db_)) return StoreStatus::ok;  // SQLite already rolled back
    return exec(kRollback);
  }

  StoreStatus get(std::string_view key, std::string& value) override {
    if (!in_txn_) return fail("get outside a transaction");
    sqlite3_stmt* stmt = prepare(kGet);
    if (!stmt) return status(sqlite3_errcode(db_));
    bind(stmt, 1, key);
    int rc = sqlite3_step(stmt);
    StoreStatus s = StoreStatus::not_found;
    if (rc == SQLITE_ROW) {
      value.assign(static_cast<const char*>(sqlite3_column_blob(stmt, 0)), static_cast<std::size_t>(sqlite3_column_bytes(stmt, 0)));
      s = StoreStatus::ok;
    } else if (rc != SQLITE_DONE) {
      s = status(rc);
    }
    sqlite3_reset(stmt);
    return s;
  }

  StoreStatus put(std::string_view key, std::string_view value) override {
    if (!in_txn_) return fail("put outside a transaction");
    sqlite3_stmt* stmt = prepare(kPut);
    if (!stmt) return status(sqlite3_errcode(db_));
    bind(stmt, 1, key);
    bind(stmt, 2, value);
    return step_done(stmt);
  }

  StoreStatus remove(std::string_view key) override {
    if (!in_txn_) return fail("remove outside a transaction");
    sqlite3_stmt* stmt = prepare(kRemove);
    if (!stmt) return status(sqlite3_errcode(db_));
    bind(stmt, 1, key);
    return step_done(stmt);
  }

  StoreStatus scan(std::string_view first, std::string_view last, const ScanVisitor& visit) override {
    if (!in_txn_) return fail("scan outside a transaction");
    const Statement which = last.empty() ? kScanFrom : kScanRange;
    sqlite3_stmt* stmt = prepare(which);
    if (!stmt) return status(sqlite3_errcode(db_));
    // A scan from inside another scan's visitor gets a statement of its own: rebinding the
    // cached one would move the outer scan onto the inner one's range.
    const bool nested = sqlite3_stmt_busy(stmt) != 0;
    if (nested && sqlite3_prepare_v2(db_, kSql[which], -1, &stmt, nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      return status(sqlite3_errcode(db_));
    }
    bind(stmt, 1, first);
    if (!last.empty()) bind(stmt, 2, last);
    // The visitor may throw; the statement is reset (or, nested, finalized) whatever happens.
    struct Reset {
      sqlite3_stmt* stmt;
      bool nested;
      ~Reset() { nested ? sqlite3_finalize(stmt) : sqlite3_reset(stmt); }
    } reset{stmt, nested};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      auto text = [&](int col) {
        return std::string_view(static_cast<const char*>(sqlite3_column_blob(stmt, col)), static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
      };
      if (!visit(text(0), text(1))) {
        rc = SQLITE_DONE;
        break;
      }
    }
    return rc == SQLITE_DONE ? StoreStatus::ok : status(rc);
  }

  std::string last_error() const override { return error_; }

 private:
  enum Statement { kBeginRead, kBeginWrite, kCommit, kRollback, kGet, kPut, kRemove, kScanFrom, kScanRange, kCount };
  static constexpr std::array<const char*, kCount> kSql{
      "BEGIN DEFERRED", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK",
      "SELECT v FROM kv WHERE k = ?1",
      "INSERT INTO kv(k, v) VALUES(?1, ?2) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
      "DELETE FROM kv WHERE k = ?1",
      "SELECT k, v FROM kv WHERE k >= ?1 ORDER BY k",
      "SELECT k, v FROM kv WHERE k >= ?1 AND k < ?2 ORDER BY k"};

  sqlite3_stmt* prepare(Statement which) {
    if (!statements_[which] && sqlite3_prepare_v3(db_, kSql[which], -1, SQLITE_PREPARE_PERSISTENT, &statements_[which], nullptr) != SQLITE_OK) {
      error_ = sqlite3_errmsg(db_);
      return nullptr;
    }
    return statements_[which];
  }

  static void bind(sqlite3_stmt* stmt, int index, std::string_view bytes) {
    // A zero-length blob must still be a blob (not NULL): point at a static byte.
    static const char empty = 0;
    sqlite3_bind_blob64(stmt, index, bytes.empty() ? &empty : bytes.data(), bytes.size(), SQLITE_STATIC);
  }

  StoreStatus step_done(sqlite3_stmt* stmt) {
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc == SQLITE_DONE ? StoreStatus::ok : status(rc);
  }

  StoreStatus exec(Statement which) {
    sqlite3_stmt* stmt = prepare(which);
    if (!stmt) return status(sqlite3_errcode(db_));
    return step_done(stmt);
  }

  StoreStatus status(int rc) {
    error_ = sqlite3_errmsg(db_);
    int primary = rc & 0xFF;
    return (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) ? StoreStatus::busy : StoreStatus::failed;
  }

  StoreStatus fail(const char* why) {
    error_ = why;
    return StoreStatus::failed;
  }

  sqlite3* db_ = nullptr;
  std::array<sqlite3_stmt*, kCount> statements_{};
  bool in_txn_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<Store> make_sqlite_store(const std::string& path, const SqliteOptions& options) {
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace tally
