// SPDX-License-Identifier: Apache-2.0
// A store in process memory: an ordered map for scans, a hash index over it for point reads
// and writes, and an undo log for the open transaction.
#include <map>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "tally/store.hpp"

namespace tally {
namespace {

class MemoryStore final : public Store {
 public:
  StoreStatus begin(TxnMode mode) override {
    if (open_) return fail("a transaction is already open");
    open_ = true;
    writable_ = mode == TxnMode::write;
    return StoreStatus::ok;
  }

  StoreStatus commit() override {
    if (!open_) return fail("no transaction is open");
    undo_.clear();
    open_ = false;
    return StoreStatus::ok;
  }

  StoreStatus rollback() override {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      if (it->second) set(it->first, std::move(*it->second));
      else erase(it->first);
    }
    undo_.clear();
    open_ = false;
    return StoreStatus::ok;
  }

  StoreStatus get(std::string_view key, std::string& value) override {
    if (!open_) return fail("get outside a transaction");
    auto it = index_.find(key);
    if (it == index_.end()) return StoreStatus::not_found;
    value = it->second->second;
    return StoreStatus::ok;
  }

  StoreStatus put(std::string_view key, std::string_view value) override {
    if (!writing("put")) return StoreStatus::failed;
    auto it = index_.find(key);
    if (it == index_.end()) {
      undo_.emplace_back(std::string(key), std::nullopt);
      insert(std::string(key), std::string(value));
    } else {
      // The old value moves into the undo log: the new one replaces it anyway.
      undo_.emplace_back(it->second->first, std::move(it->second->second));
      it->second->second.assign(value);
    }
    return StoreStatus::ok;
  }

  StoreStatus remove(std::string_view key) override {
    if (!writing("remove")) return StoreStatus::failed;
    auto it = index_.find(key);
    if (it == index_.end()) return StoreStatus::ok;
    undo_.emplace_back(it->second->first, std::move(it->second->second));
    erase(key);
    return StoreStatus::ok;
  }

  StoreStatus scan(std::string_view first, std::string_view last, const ScanVisitor& visit) override {
    if (!open_) return fail("scan outside a transaction");
    for (auto it = data_.lower_bound(first); it != data_.end() && (last.empty() || it->first < last); ++it)
      if (!visit(it->first, it->second)) break;
    return StoreStatus::ok;
  }

  std::string last_error() const override { return error_; }

 private:
  using Map = std::map<std::string, std::string, std::less<>>;

  void insert(std::string key, std::string value) {
    auto it = data_.emplace(std::move(key), std::move(value)).first;
    index_.emplace(it->first, it);  // the view points into the map's node, which never moves
  }
  void set(const std::string& key, std::string value) {
    auto it = index_.find(key);
    if (it == index_.end()) insert(key, std::move(value));
    else it->second->second = std::move(value);
  }
  void erase(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return;
    const Map::iterator node = it->second;
    index_.erase(it);
    data_.erase(node);
  }

  bool writing(const char* op) {
    if (!open_) return fail(op, " outside a transaction"), false;
    if (!writable_) return fail(op, " in a read transaction"), false;
    return true;
  }
  StoreStatus fail(const char* why, const char* more = "") {
    error_ = std::string(why) + more;
    return StoreStatus::failed;
  }

  Map data_;
  std::unordered_map<std::string_view, Map::iterator> index_;
  std::vector<std::pair<std::string, std::optional<std::string>>> undo_;
  bool open_ = false;
  bool writable_ = false;
  std::string error_;
};

}  // namespace

std::unique_ptr<Store> make_memory_store() { return std::make_unique<MemoryStore>(); }

}  // namespace tally
