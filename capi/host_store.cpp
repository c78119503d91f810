// SPDX-License-Identifier: Apache-2.0
#include "host_store.hpp"

#include <cstddef>
#include <cstring>
#include <exception>
#include <string>

#include "tally/error.hpp"

namespace tally {
namespace {

// The v1 part every host struct has: up to and including `scan`.
constexpr std::size_t kMandatorySize = offsetof(tally_store_callbacks, scan) + sizeof(tally_store_callbacks::scan);

class HostStore final : public Store {
 public:
  explicit HostStore(const tally_store_callbacks& cb) : size_(cb.struct_size) {
    // Copy only what the host's (possibly older, smaller) struct has.
    const std::size_t n = size_ < sizeof(cb_) ? size_ : sizeof(cb_);
    cb_ = tally_store_callbacks{};
    std::memcpy(&cb_, &cb, n);
  }

  ~HostStore() override {
    if (has(offsetof(tally_store_callbacks, destroy), sizeof(cb_.destroy)) && cb_.destroy) cb_.destroy(cb_.user);
  }

  StoreStatus begin(TxnMode mode) override { return status("begin", cb_.begin(cb_.user, mode == TxnMode::write ? 1 : 0)); }
  StoreStatus commit() override { return status("commit", cb_.commit(cb_.user)); }
  StoreStatus rollback() override { return status("rollback", cb_.rollback(cb_.user)); }

  StoreStatus get(std::string_view key, std::string& value) override {
    struct Sink {
      std::string* value;
      bool called = false;
    } sink{&value};
    auto fn = [](void* context, const uint8_t* bytes, size_t len) {
      auto* s = static_cast<Sink*>(context);
      s->value->assign(reinterpret_cast<const char*>(bytes), bytes ? len : 0);
      s->called = true;
    };
    StoreStatus s = status("get", cb_.get(cb_.user, bytes(key), key.size(), fn, &sink));
    if (s == StoreStatus::ok && !sink.called) {
      error_ = "callback get returned OK without a value";
      return StoreStatus::failed;
    }
    return s;
  }

  StoreStatus put(std::string_view key, std::string_view value) override {
    return status("put", cb_.put(cb_.user, bytes(key), key.size(), bytes(value), value.size()));
  }

  StoreStatus remove(std::string_view key) override { return status("remove", cb_.remove(cb_.user, bytes(key), key.size())); }

  StoreStatus scan(std::string_view first, std::string_view last, const ScanVisitor& visit) override {
    struct Visit {
      const ScanVisitor* visit;
      std::exception_ptr error;  // thrown by the engine's visitor: rethrown after the host returns
    } context{&visit, nullptr};
    auto fn = [](void* c, const uint8_t* k, size_t kl, const uint8_t* v, size_t vl) -> int32_t {
      auto* ctx = static_cast<Visit*>(c);
      try {
        return (*ctx->visit)(std::string_view(reinterpret_cast<const char*>(k), k ? kl : 0),
                             std::string_view(reinterpret_cast<const char*>(v), v ? vl : 0))
                   ? 0
                   : 1;
      } catch (...) {
        ctx->error = std::current_exception();
        return 1;  // stop: no exception unwinds through the host's C frames
      }
    };
    StoreStatus s = status("scan", cb_.scan(cb_.user, bytes(first), first.size(), bytes(last), last.size(), fn, &context));
    if (context.error) std::rethrow_exception(context.error);
    return s;
  }

  std::string last_error() const override { return error_; }

 private:
  static const uint8_t* bytes(std::string_view s) { return reinterpret_cast<const uint8_t*>(s.data()); }

  bool has(std::size_t offset, std::size_t size) const { return size_ >= offset + size; }

  StoreStatus status(const char* op, int32_t code) {
    switch (code) {
      case TALLY_STORE_OK: return StoreStatus::ok;
      case TALLY_STORE_NOT_FOUND:
        if (std::string_view(op) == "get") return StoreStatus::not_found;
        break;
      case TALLY_STORE_BUSY: error_ = host_error(op, "busy"); return StoreStatus::busy;
      case TALLY_STORE_FAILED: error_ = host_error(op, "failed"); return StoreStatus::failed;
      default: break;
    }
    error_ = "callback " + std::string(op) + " returned unknown status " + std::to_string(code);
    return StoreStatus::failed;
  }

  std::string host_error(const char* op, const char* what) const {
    std::string message = "callback " + std::string(op) + " " + what;
    if (has(offsetof(tally_store_callbacks, last_error), sizeof(cb_.last_error)) && cb_.last_error) {
      const char* why = cb_.last_error(cb_.user);
      if (why && *why) message += std::string(": ") + why;
    }
    return message;
  }

  tally_store_callbacks cb_{};
  std::size_t size_;
  std::string error_;
};

}  // namespace

std::unique_ptr<Store> make_host_store(const tally_store_callbacks& cb) {
  if (cb.struct_size < kMandatorySize)
    throw Error(ErrorCode::invalid_argument, "callbacks.struct_size: " + std::to_string(cb.struct_size) +
                                                 " is smaller than the version 1 struct (" + std::to_string(kMandatorySize) + ")");
  if (cb.version < 1 || cb.version > TALLY_STORE_CALLBACKS_VERSION)
    throw Error(ErrorCode::invalid_argument, "callbacks.version: " + std::to_string(cb.version) +
                                                 " is not one this library knows (1.." +
                                                 std::to_string(TALLY_STORE_CALLBACKS_VERSION) + ")");
  const char* missing = !cb.begin ? "begin" : !cb.commit ? "commit" : !cb.rollback ? "rollback" : !cb.get ? "get"
                        : !cb.put ? "put" : !cb.remove ? "remove" : !cb.scan ? "scan" : nullptr;
  if (missing) throw Error(ErrorCode::invalid_argument, std::string("callbacks.") + missing + ": must not be NULL");
  return std::make_unique<HostStore>(cb);
}

}  // namespace tally
