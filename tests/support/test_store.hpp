// SPDX-License-Identifier: Apache-2.0
// The backend a suite runs against: TALLY_TEST_STORE=memory (default), sqlite or postgres.
#pragma once

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "tally/store.hpp"

namespace tally_test {

inline const char* backend_name() {
  const char* name = std::getenv("TALLY_TEST_STORE");
  if (name && std::string(name) == "sqlite") return "sqlite";
  if (name && std::string(name) == "postgres") return "postgres";
  return "memory";
}

// A fresh SQLite file name under the temp directory, unique in this process.
inline std::string temp_db_path(const std::string& stem = "tally-test") {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          (stem + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + ".db"))
      .string();
}

inline void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path + suffix);
}

// A store that passes every call to the one it owns (which its owner may clean up after),
// counting the busy answers: each is one rerun of an engine operation.
class ForwardingStore : public tally::Store {
 public:
  ForwardingStore() = default;
  explicit ForwardingStore(std::unique_ptr<tally::Store> inner) : inner_(std::move(inner)) {}
  tally::StoreStatus begin(tally::TxnMode mode) override { return note(inner_->begin(mode)); }
  tally::StoreStatus commit() override { return note(inner_->commit()); }
  tally::StoreStatus rollback() override { return inner_->rollback(); }
  tally::StoreStatus get(std::string_view k, std::string& v) override { return note(inner_->get(k, v)); }
  tally::StoreStatus put(std::string_view k, std::string_view v) override { return note(inner_->put(k, v)); }
  tally::StoreStatus remove(std::string_view k) override { return note(inner_->remove(k)); }
  tally::StoreStatus scan(std::string_view f, std::string_view l, const tally::ScanVisitor& v) override {
    return note(inner_->scan(f, l, v));
  }
  std::string last_error() const override { return inner_->last_error(); }
  long busy() const { return busy_; }

 protected:
  std::unique_ptr<tally::Store> inner_;

 private:
  tally::StoreStatus note(tally::StoreStatus s) {
    if (s == tally::StoreStatus::busy) ++busy_;
    return s;
  }
  std::atomic<long> busy_{0};
};

// A SQLite store on a temporary file that removes its files when destroyed.
class TempSqliteStore final : public ForwardingStore {
 public:
  explicit TempSqliteStore(const tally::SqliteOptions& options = {}) : path_(temp_db_path()) {
    inner_ = tally::make_sqlite_store(path_, options);
  }
  ~TempSqliteStore() override {
    inner_.reset();
    remove_db(path_);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The PostgreSQL server of the tests: TALLY_TEST_PG (a connection string), else the one
// scripts/pg-test-server.sh started for this build tree (ctest's postgres_server fixture).
inline std::string test_pg_conninfo() {
  if (const char* conninfo = std::getenv("TALLY_TEST_PG"); conninfo && *conninfo) return conninfo;
  std::string line;
#ifdef TALLY_PG_TEST_STATE
  std::ifstream file(TALLY_PG_TEST_STATE "/conninfo");
  std::getline(file, line);
#endif
  if (line.empty())
    throw std::runtime_error("no PostgreSQL server for the tests: set TALLY_TEST_PG to a connection string, or run "
                             "through ctest (its postgres_server fixture runs scripts/pg-test-server.sh)");
  return line;
}

// `conninfo` (either libpq form) rewritten as keywords, with `extra` keywords appended.
inline std::string conninfo_with(const std::string& conninfo, const std::string& extra) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (!options) {
    std::string why = error ? error : "out of memory";
    PQfreemem(error);
    throw std::runtime_error("TALLY_TEST_PG: " + why);
  }
  std::string out;
  for (PQconninfoOption* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    std::string quoted;
    for (const char* c = o->val; *c; ++c) quoted += (*c == '\\' || *c == '\'') ? std::string("\\") + *c : std::string(1, *c);
    out += std::string(o->keyword) + "='" + quoted + "' ";
  }
  PQconninfoFree(options);
  return out + extra;
}

// Runs one statement on the tests' server, outside any store.
inline void pg_admin(const std::string& sql) {
  static PGconn* admin = nullptr;
  if (!admin || PQstatus(admin) != CONNECTION_OK) {
    PQfinish(admin);
    admin = PQconnectdb(test_pg_conninfo().c_str());
    if (PQstatus(admin) != CONNECTION_OK) throw std::runtime_error(std::string("test PostgreSQL: ") + PQerrorMessage(admin));
    PQsetNoticeProcessor(admin, [](void*, const char*) {}, nullptr);
  }
  PGresult* r = PQexec(admin, sql.c_str());
  const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  std::string why = PQresultErrorMessage(r);
  PQclear(r);
  if (!ok) throw std::runtime_error("test PostgreSQL: " + sql + ": " + why);
}

// A schema of its own on the tests' server, dropped with everything in it when destroyed.
class TempPgSchema {
 public:
  TempPgSchema() : name_("t" + std::to_string(::getpid()) + "_" + std::to_string(++counter())) {
    pg_admin("DROP SCHEMA IF EXISTS " + name_ + " CASCADE; CREATE SCHEMA " + name_);
  }
  ~TempPgSchema() {
    try {
      pg_admin("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (...) {
    }
  }
  TempPgSchema(const TempPgSchema&) = delete;
  TempPgSchema& operator=(const TempPgSchema&) = delete;
  const std::string& name() const { return name_; }
  // A connection string whose tables live in this schema.
  std::string conninfo() const { return conninfo_with(test_pg_conninfo(), "options='-csearch_path=" + name_ + "'"); }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::string name_;
};

// A PostgreSQL store in a fresh schema, dropped when destroyed.
class TempPgStore final : public ForwardingStore {
 public:
  TempPgStore() { inner_ = tally::make_postgres_store(schema_.conninfo()); }
  ~TempPgStore() override { inner_.reset(); }
  const TempPgSchema& schema() const { return schema_; }
  tally::Store& inner() { return *inner_; }

 private:
  TempPgSchema schema_;  // declared first: dropped after the store has closed
};

inline std::unique_ptr<tally::Store> make_store() {
  if (std::string(backend_name()) == "sqlite") return std::make_unique<TempSqliteStore>();
  if (std::string(backend_name()) == "postgres") return std::make_unique<TempPgStore>();
  return tally::make_memory_store();
}

}  // namespace tally_test
