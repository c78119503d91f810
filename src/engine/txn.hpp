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
  // A write whose last value is all that matters in this transaction (a shelf price that
  // many receipts of a bulk finish rewrite): kept until commit and written once then. get()
  // sees it; scans do not, so it is only for keys a write transaction reads by get.
  void put_last(const std::string& key, std::string value);
  // Visits keys under `prefix` in order; the visitor gets the key without the account.
  void scan(const std::string& prefix,
            const std::function<bool(std::string_view key, std::string_view value)>& visit);
  void scan_range(const std::string& first, const std::string& last,
                  const std::function<bool(std::string_view key, std::string_view value)>& visit);
  // The numbers ending the keys under an index prefix ("ix/held/va/acme-fb/0000…42" -> 42).
  std::vector<std::int64_t> ids(const std::string& prefix);
  void commit();
  // How many puts and removes this transaction has made: a bulk finish compares the count
  // before and after a refused receipt to know it left nothing behind.
  std::uint64_t writes() const { return writes_; }
  // Every change takes a journal number: that is where tills and the back office meet, so
  // their transactions conflict on a key whenever they could interleave badly (see
  // docs/postgresql.md#isolation). Only upkeep that makes no change of its own (opening,
  // migrating, closing blocks) is let through without one.
  void without_journal() { journal_optional_ = true; }

  // The transaction works for a till at this location (until told another): its numbers come
  // from the location's own blocks, so checkouts at different locations share no counter
  // key. Without a location, numbers come straight from the account's high-water mark.
  void for_location(const std::string& location) { location_ = location; }
  // The next number of a named sequence (unique in the account), written back at commit.
  std::int64_t next_id(const std::string& counter);
  // Appends a journal entry and returns its sequence number.
  std::int64_t journal(Timestamp at, std::string_view kind, const std::string& document);
  // Appends an entry whose public document is a stored receipt's result.
  std::int64_t journal_receipt(Timestamp at, std::string_view kind, const std::string& location,
                               const std::string& receipt);
  // The highest journal number up to which every entry is committed: entries at or below it
  // never change and none will appear. With close_lagging, first closes the journal blocks
  // of locations that lag behind the most recent one, so their entries become visible.
  struct JournalHorizon {
    std::int64_t visible = 0;
    bool lagging = false;  // some location's block holds `visible` below a committed entry
  };
  JournalHorizon journal_horizon(bool close_lagging);
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
  bool changed_ = false;
  std::uint64_t writes_ = 0;
  bool journal_optional_ = false;
  struct Block {
    std::int64_t next = 0, end = 0;  // numbers next..end are the location's to hand out
  };
  struct Counter {
    std::optional<std::int64_t> mark;     // the account's high-water mark, once read
    bool from_mark = false;               // numbers taken straight from the mark (no location)
    std::map<std::string, Block> blocks;  // the blocks of the locations this transaction works for
  };
  std::int64_t high_water(const std::string& counter);
  void close_blocks(const std::string& counter, std::int64_t below);
  std::string location_;
  std::map<std::string, Counter> counters_;
  std::vector<std::string> bumped_;
  std::map<std::string, std::string> last_;  // put_last's writes, until commit
};

}  // namespace tally::engine
