// SPDX-License-Identifier: Apache-2.0
// A shim over a real store that fails its k-th call, as SQLite's test_vfs does.
#pragma once

#include <functional>
#include <string>

#include "tally/store.hpp"

namespace tally_test {

class FaultStore : public tally::Store {
 public:
  explicit FaultStore(tally::Store& inner) : inner_(inner) {}

  // Fails the k-th counted call (1-based, from now) with `how`. Rollback is never failed.
  void fail_at(long k, tally::StoreStatus how = tally::StoreStatus::failed) {
    calls_ = 0;
    fail_at_ = k;
    how_ = how;
    fired_ = false;
  }
  // Runs `hook` at the k-th counted call (1-based, from now), then makes the call as usual.
  void hook_at(long k, std::function<void()> hook) {
    reset();
    hook_at_ = k;
    hook_ = std::move(hook);
  }
  void disarm() {
    fail_at_ = 0;
    hook_at_ = 0;
  }
  void reset() {
    calls_ = 0;
    fail_at_ = 0;
    fired_ = false;
  }
  long calls() const { return calls_; }

  tally::StoreStatus begin(tally::TxnMode mode) override { return fire() ? how_ : inner_.begin(mode); }
  tally::StoreStatus commit() override {
    if (fire()) {
      inner_.rollback();  // a commit that failed has written nothing
      return how_;
    }
    return inner_.commit();
  }
  tally::StoreStatus rollback() override { return inner_.rollback(); }
  tally::StoreStatus get(std::string_view k, std::string& v) override { return fire() ? how_ : inner_.get(k, v); }
  tally::StoreStatus put(std::string_view k, std::string_view v) override { return fire() ? how_ : inner_.put(k, v); }
  tally::StoreStatus remove(std::string_view k) override { return fire() ? how_ : inner_.remove(k); }
  tally::StoreStatus scan(std::string_view f, std::string_view l, const tally::ScanVisitor& v) override {
    return fire() ? how_ : inner_.scan(f, l, v);
  }
  std::string last_error() const override {
    return fired_now_ ? "injected fault at call " + std::to_string(fail_at_fired_) : inner_.last_error();
  }

 private:
  bool fire() {
    ++calls_;
    if (hook_at_ != 0 && calls_ == hook_at_) {
      hook_at_ = 0;
      hook_();
    }
    fired_now_ = fail_at_ != 0 && calls_ == fail_at_;
    if (fired_now_) {
      fired_ = true;
      fail_at_fired_ = fail_at_;
      fail_at_ = 0;
    }
    return fired_now_;
  }

  tally::Store& inner_;
  long calls_ = 0;
  long fail_at_ = 0;
  long hook_at_ = 0;
  std::function<void()> hook_;
  long fail_at_fired_ = 0;
  bool fired_ = false;
  bool fired_now_ = false;
  tally::StoreStatus how_ = tally::StoreStatus::failed;
};

}  // namespace tally_test
