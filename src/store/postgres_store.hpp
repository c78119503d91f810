// SPDX-License-Identifier: Apache-2.0
// The central backend: one PostgreSQL (or PostgreSQL-wire) database through libpq.
// docs/postgresql.md describes the table, the isolation level and the round trips.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "tally/store.hpp"

struct pg_conn;
struct pg_result;

namespace tally::store {

class PostgresStore final : public Store {
 public:
  // Connects, creates the tables on first open and checks their format; throws tally::Error
  // (invalid_argument, storage_failed or unsupported) as make_postgres_store documents.
  explicit PostgresStore(const std::string& conninfo);
  ~PostgresStore() override;
  PostgresStore(const PostgresStore&) = delete;
  PostgresStore& operator=(const PostgresStore&) = delete;

  StoreStatus begin(TxnMode mode) override;
  StoreStatus commit() override;
  StoreStatus rollback() override;
  StoreStatus get(std::string_view key, std::string& value) override;
  StoreStatus put(std::string_view key, std::string_view value) override;
  StoreStatus remove(std::string_view key) override;
  StoreStatus scan(std::string_view first, std::string_view last, const ScanVisitor& visit) override;
  std::string last_error() const override { return error_; }

  // The server process serving this connection (0 when disconnected): what
  // pg_terminate_backend takes, for the tests that drop a connection mid-transaction.
  int backend_pid() const;

 private:
  class Pipeline;
  struct ClearResult {
    void operator()(::pg_result* r) const;
  };
  using Result = std::unique_ptr<::pg_result, ClearResult>;
  template <class Send>
  StoreStatus read_trip(const Send& send, Result& result);
  void connect();
  void setup();
  StoreStatus reconnect();
  StoreStatus fail(std::string why);
  // Reads the replies of round trips sent without waiting (a read transaction's ROLLBACK).
  void drain_unread();

  std::string conninfo_;
  ::pg_conn* conn_ = nullptr;
  bool broken_ = false;     // the connection was lost: the next begin reconnects
  int unread_ = 0;          // syncs sent whose replies are still to be read
  bool in_txn_ = false;
  bool began_ = false;      // BEGIN went to the server (it is sent with the first statement)
  TxnMode mode_ = TxnMode::read;
  // Puts (a value) and removes (nullopt) of the open transaction, sent in key order with
  // COMMIT in one round trip; a get of a written key is answered from here.
  std::map<std::string, std::optional<std::string>, std::less<>> writes_;
  std::string error_;
  std::string sqlstate_;  // of the last error the server reported
};

}  // namespace tally::store
