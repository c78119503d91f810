// SPDX-License-Identifier: Apache-2.0
// One storage transaction, as the engine uses it: namespaced keys, errors as exceptions,
// counters and the journal. Rolled back unless committed.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tally/error.hpp"
#include "tally/store.hpp"
#include "tally/types.hpp"

namespace tally::engine {

class Txn {
 public:
  Txn(Store& store, std::string account, TxnMode mode);
  ~Txn();
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;

  std::optional<std::string> get(const std::string& key);
  void put(const std::string& key, std::string_view value);
  void remove(const std::string& key);
  // Visits keys under `prefix` in order; the visitor gets the key without the account.
  void scan(const std::string& prefix,
            const std::function<bool(std::string_view key, std::string_view value)>& visit);
  void scan_range(const std::string& first, const std::string& last,
                  const std::function<bool(std::string_view key, std::string_view value)>& visit);
  // The numbers ending the keys under an index prefix ("ix/held/va/acme-fb/0000…42" -> 42).
  std::vector<std::int64_t> ids(const std::string& prefix);
  void commit();

  // The next number of a named sequence (1, 2, ...), written back at commit.
  std::int64_t next_id(const std::string& counter);
  // Appends a journal entry and returns its sequence number.
  std::int64_t journal(Timestamp at, std::string_view kind, const std::string& document);
  // Appends an entry whose public document is a stored receipt's result.
  std::int64_t journal_receipt(Timestamp at, std::string_view kind, const std::string& location,
                               const std::string& receipt);
  // Moves a revision key on by one (once per transaction, however often it is asked).
  void bump(const std::string& key);

 private:
  void check(StoreStatus status, const char* op);
  // The key with the account in front, in a buffer kept across calls (no allocation).
  std::string_view full(const std::string& key) {
    key_.resize(prefix_.size());
    key_ += key;
    return key_;
  }

  Store& store_;
  std::string prefix_;
  std::string key_;
  bool open_ = false;
  std::map<std::string, std::int64_t> counters_;
  std::vector<std::string> bumped_;
};

}  // namespace tally::engine
