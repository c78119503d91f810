// SPDX-License-Identifier: Apache-2.0
#include "engine/txn.hpp"

#include <algorithm>
#include <charconv>

#include "codec/stored.hpp"
#include "domain/time.hpp"
#include "engine/keys.hpp"

namespace tally::engine {

Txn::Txn(Store& store, std::string account, TxnMode mode)
    : store_(store), prefix_(std::move(account) + "/"), key_(prefix_) {
  check(store_.begin(mode), "begin");
  open_ = true;
}

Txn::~Txn() {
  if (open_) store_.rollback();
}

void Txn::check(StoreStatus status, const char* op) {
  if (status == StoreStatus::ok) return;
  std::string why = store_.last_error();
  std::string message = std::string("storage ") + op + (status == StoreStatus::busy ? " busy" : " failed") +
                        (why.empty() ? "" : ": " + why);
  if (status == StoreStatus::busy) throw Error(ErrorCode::storage_busy, message);
  throw Error(ErrorCode::storage_failed, message);
}

std::optional<std::string> Txn::get(const std::string& key) {
  std::string value;
  StoreStatus status = store_.get(full(key), value);
  if (status == StoreStatus::not_found) return std::nullopt;
  check(status, "get");
  return value;
}

void Txn::put(const std::string& key, std::string_view value) { check(store_.put(full(key), value), "put"); }

void Txn::remove(const std::string& key) { check(store_.remove(full(key)), "remove"); }

void Txn::scan_range(const std::string& first, const std::string& last,
                     const std::function<bool(std::string_view, std::string_view)>& visit) {
  const std::size_t skip = prefix_.size();
  // Copies, not the shared key buffer: the visitor may read other keys while the scan runs.
  const std::string from = prefix_ + first, to = prefix_ + last;
  check(store_.scan(from, to,
                    [&](std::string_view key, std::string_view value) {
                      return visit(key.substr(skip), value);
                    }),
        "scan");
}

void Txn::scan(const std::string& prefix,
               const std::function<bool(std::string_view, std::string_view)>& visit) {
  scan_range(prefix, keys::prefix_end(prefix), visit);
}

std::vector<std::int64_t> Txn::ids(const std::string& prefix) {
  std::vector<std::int64_t> out;
  scan(prefix, [&](std::string_view key, std::string_view) {
    out.push_back(keys::trailing_number(key));
    return true;
  });
  return out;
}

std::int64_t Txn::next_id(const std::string& counter) {
  auto it = counters_.find(counter);
  if (it == counters_.end()) {
    std::int64_t last = 0;
    if (auto stored = get(keys::counter(counter))) {
      auto [end, ec] = std::from_chars(stored->data(), stored->data() + stored->size(), last);
      if (ec != std::errc() || end != stored->data() + stored->size())
        throw Error(ErrorCode::storage_corrupt, "counter " + counter + " is damaged");
    }
    it = counters_.emplace(counter, last).first;
  }
  return ++it->second;
}

std::int64_t Txn::journal(Timestamp at, std::string_view kind, const std::string& document) {
  codec::StoredJournalEntry entry;
  entry.at = domain::check_timestamp(at);
  entry.seq = next_id("journal");
  entry.kind = kind;
  entry.document = document;
  put(keys::journal(entry.seq), codec::encode(entry));
  return entry.seq;
}

std::int64_t Txn::journal_receipt(Timestamp at, std::string_view kind, const std::string& location,
                                  const std::string& receipt) {
  codec::StoredJournalEntry entry;
  entry.at = domain::check_timestamp(at);
  entry.seq = next_id("journal");
  entry.kind = kind;
  entry.receipt_location = location;
  entry.receipt_id = receipt;
  put(keys::journal(entry.seq), codec::encode(entry));
  return entry.seq;
}

void Txn::bump(const std::string& key) {
  if (std::find(bumped_.begin(), bumped_.end(), key) != bumped_.end()) return;
  std::int64_t rev = 0;
  if (auto stored = get(key)) {
    auto [end, ec] = std::from_chars(stored->data(), stored->data() + stored->size(), rev);
    if (ec != std::errc() || end != stored->data() + stored->size())
      throw Error(ErrorCode::storage_corrupt, key + " is damaged");
  }
  put(key, std::to_string(rev + 1));
  bumped_.push_back(key);
}

void Txn::commit() {
  for (const auto& [name, value] : counters_) put(keys::counter(name), std::to_string(value));
  check(store_.commit(), "commit");
  open_ = false;
}

}  // namespace tally::engine
