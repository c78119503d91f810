// SPDX-License-Identifier: Apache-2.0
#include "engine/txn.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <utility>

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
  if (!last_.empty())
    if (auto it = last_.find(key); it != last_.end()) return it->second;
  std::string value;
  StoreStatus status = store_.get(full(key), value);
  if (status == StoreStatus::not_found) return std::nullopt;
  check(status, "get");
  return value;
}

void Txn::put(const std::string& key, std::string_view value) {
  changed_ = true;
  ++writes_;
  check(store_.put(full(key), value), "put");
}

void Txn::put_last(const std::string& key, std::string value) {
  changed_ = true;
  ++writes_;
  last_.insert_or_assign(key, std::move(value));
}

void Txn::remove(const std::string& key) {
  changed_ = true;
  ++writes_;
  check(store_.remove(full(key)), "remove");
}

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

namespace {

// Numbers a location takes from the account's high-water mark at a time: few enough that ids
// stay short, enough that two locations taking a block at once (their only shared write) is rare.
constexpr std::int64_t kBlock = 64;

std::int64_t stored_count(std::string_view text, const std::string& what) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 0)
    throw Error(ErrorCode::storage_corrupt, what + " is damaged");
  return n;
}

// A block is stored as "NEXT END": the next number to hand out and the block's last.
std::pair<std::int64_t, std::int64_t> stored_block(std::string_view text, std::string_view key) {
  const std::string what(key);
  const auto space = text.find(' ');
  if (space == std::string_view::npos) throw Error(ErrorCode::storage_corrupt, what + " is damaged");
  const std::int64_t next = stored_count(text.substr(0, space), what), end = stored_count(text.substr(space + 1), what);
  if (next < 2 || next > end + 1) throw Error(ErrorCode::storage_corrupt, what + " is damaged");
  return {next, end};
}

}  // namespace

std::int64_t Txn::high_water(const std::string& counter) {
  auto stored = get(keys::counter(counter));
  return stored ? stored_count(*stored, "counter " + counter) : 0;
}

// Closes the open blocks whose last number is below `below`. A block is closed by using it
// up ("END+1 END"), never by removing its key: at snapshot isolation a removal does not
// conflict with a till's concurrent rewrite of the key; an update does.
void Txn::close_blocks(const std::string& counter, std::int64_t below) {
  std::vector<std::pair<std::string, std::int64_t>> open;
  scan(keys::id_blocks(counter), [&](std::string_view key, std::string_view value) {
    const auto [next, end] = stored_block(value, key);
    if (next <= end && next - 1 < below) open.emplace_back(std::string(key), end);
    return true;
  });
  for (const auto& [key, end] : open) put(key, std::to_string(end + 1) + " " + std::to_string(end));
}

std::int64_t Txn::next_id(const std::string& counter) {
  Counter& c = counters_[counter];
  if (location_.empty()) {
    if (!c.from_mark) {
      // A journal number taken here must follow every committed entry, blocks included, so
      // the blocks close first (a location takes a new one, above this, at its next entry).
      if (counter == "journal") close_blocks(counter, INT64_MAX);
      if (!c.mark) c.mark = high_water(counter);
      c.from_mark = true;
    }
    return ++*c.mark;
  }
  auto [it, fresh] = c.blocks.try_emplace(location_);
  Block& b = it->second;
  if (fresh) {
    const std::string key = keys::id_block(counter, location_);
    if (auto stored = get(key)) std::tie(b.next, b.end) = stored_block(*stored, key);
  }
  if (b.next > b.end || b.next == 0) {
    if (!c.mark) c.mark = high_water(counter);
    b.next = *c.mark + 1;
    b.end = *c.mark += kBlock;
  }
  return b.next++;
}

Txn::JournalHorizon Txn::journal_horizon(bool close_lagging) {
  // Entries below the lowest last number of the open blocks are all committed; `latest` is
  // the highest number any block has handed out (a used-up block's last included).
  std::int64_t visible = INT64_MAX, latest = 0;
  bool latest_open = false;
  scan(keys::id_blocks("journal"), [&](std::string_view key, std::string_view value) {
    const auto [next, end] = stored_block(value, key);
    const bool open = next <= end;
    const std::int64_t last = open ? next - 1 : end;
    if (open) visible = std::min(visible, last);
    if (last > latest || (last == latest && open)) latest_open = open;
    latest = std::max(latest, last);
    return true;
  });
  if (visible == INT64_MAX) return {high_water("journal"), false};
  if (visible >= latest) return {visible, false};
  if (!close_lagging) return {visible, true};
  close_blocks("journal", latest);
  // What stays open ends at `latest`; with nothing open every number up to the mark is final.
  return {latest_open ? latest : high_water("journal"), false};
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
  if (changed_ && !journal_optional_ && !counters_.count("journal"))
    throw Error(ErrorCode::internal, "a change was about to be stored without a journal entry");
  for (const auto& [key, value] : last_) put(key, value);
  for (const auto& [name, c] : counters_) {
    for (const auto& [location, b] : c.blocks)
      put(keys::id_block(name, location), std::to_string(b.next) + " " + std::to_string(b.end));
    if (c.mark) put(keys::counter(name), std::to_string(*c.mark));
  }
  check(store_.commit(), "commit");
  open_ = false;
}

}  // namespace tally::engine
