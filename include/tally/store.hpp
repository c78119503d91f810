// SPDX-License-Identifier: Apache-2.0
// The storage contract: an ordered key-value store with transactions.
//
// The engine builds records, indexes, the journal and idempotency keys on top of these
// seven operations, so any database a host already has can carry Tally. Keys and values
// are byte strings; keys compare as unsigned bytes (memcmp order).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "tally/export.hpp"

namespace tally {

enum class StoreStatus : int {
  ok = 0,
  not_found = 1,  // get: no such key (not an error)
  busy = 2,       // another writer holds the store; the engine retries the whole operation
  failed = 3,     // anything else; the engine rolls back and reports storage_failed
};

enum class TxnMode { read, write };

// Returns false to stop the scan early.
using ScanVisitor = std::function<bool(std::string_view key, std::string_view value)>;

class TALLY_API Store {
 public:
  virtual ~Store() = default;

  // Every get, put, remove and scan happens between begin and commit/rollback; the engine
  // never nests transactions and never leaves one open when an operation returns.
  virtual StoreStatus begin(TxnMode mode) = 0;
  virtual StoreStatus commit() = 0;
  virtual StoreStatus rollback() = 0;

  virtual StoreStatus get(std::string_view key, std::string& value) = 0;
  virtual StoreStatus put(std::string_view key, std::string_view value) = 0;
  // Removing a missing key is ok.
  virtual StoreStatus remove(std::string_view key) = 0;
  // Visits every key k with first <= k < last, in ascending order. An empty `last`
  // means no upper bound. The visitor may get and scan other keys: each scan keeps its
  // own range and position.
  virtual StoreStatus scan(std::string_view first, std::string_view last,
                           const ScanVisitor& visit) = 0;

  // A human-readable reason for the last non-ok status.
  virtual std::string last_error() const { return {}; }
};

enum class Synchronous { off, normal, full, extra };

struct SqliteOptions {
  Synchronous synchronous = Synchronous::full;
  int busy_timeout_ms = 5000;
};

// A store in process memory; it vanishes with the object. Used by tests and by hosts
// that persist elsewhere.
TALLY_API std::unique_ptr<Store> make_memory_store();

// The default backend: one SQLite database file in WAL mode (or ":memory:").
// Throws tally::Error(storage_failed) when the file cannot be opened.
TALLY_API std::unique_ptr<Store> make_sqlite_store(const std::string& path,
                                                   const SqliteOptions& options = {});

// The central backend: a PostgreSQL database (or a PostgreSQL-wire one such as CockroachDB or
// YugabyteDB) through libpq, for many tills and many retailers on one server. `conninfo` is
// in libpq's forms: "postgresql://user@host:5432/db" or "host=... dbname=...". The tables
// tally_kv and tally_meta are created in the connection's schema on first open
// (docs/postgresql.md). Throws tally::Error: invalid_argument for a connection string libpq
// cannot parse, storage_failed when the server cannot be reached, unsupported for tables of
// another format.
TALLY_API std::unique_ptr<Store> make_postgres_store(const std::string& conninfo);

}  // namespace tally
