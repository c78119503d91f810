// The backend a suite runs against: TALLY_TEST_STORE=memory (default) or sqlite.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "tally/store.hpp"

namespace tally_test {

inline const char* backend_name() {
  const char* name = std::getenv("TALLY_TEST_STORE");
  return name && std::string(name) == "sqlite" ? "sqlite" : "memory";
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

// A SQLite store on a temporary file that removes its files when destroyed.
class TempSqliteStore final : public tally::Store {
 public:
  explicit TempSqliteStore(const tally::SqliteOptions& options = {})
      : path_(temp_db_path()), inner_(tally::make_sqlite_store(path_, options)) {}
  ~TempSqliteStore() override {
    inner_.reset();
    remove_db(path_);
  }
  const std::string& path() const { return path_; }
  tally::StoreStatus begin(tally::TxnMode mode) override { return inner_->begin(mode); }
  tally::StoreStatus commit() override { return inner_->commit(); }
  tally::StoreStatus rollback() override { return inner_->rollback(); }
  tally::StoreStatus get(std::string_view k, std::string& v) override { return inner_->get(k, v); }
  tally::StoreStatus put(std::string_view k, std::string_view v) override { return inner_->put(k, v); }
  tally::StoreStatus remove(std::string_view k) override { return inner_->remove(k); }
  tally::StoreStatus scan(std::string_view f, std::string_view l, const tally::ScanVisitor& v) override {
    return inner_->scan(f, l, v);
  }
  std::string last_error() const override { return inner_->last_error(); }

 private:
  std::string path_;
  std::unique_ptr<tally::Store> inner_;
};

inline std::unique_ptr<tally::Store> make_store() {
  if (std::string(backend_name()) == "sqlite") return std::make_unique<TempSqliteStore>();
  return tally::make_memory_store();
}

}  // namespace tally_test
