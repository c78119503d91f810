// SPDX-License-Identifier: Apache-2.0
// A small store with a known catalog, used by the engine and checkout suites.
#pragma once

#include <array>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "support/fault_store.hpp"
#include "support/test_store.hpp"
#include "tally/tally.hpp"

namespace tally_test {

// UPCs of the test catalog (check digits verified).
inline const std::string kChicken4 = "011111000018";
inline const std::string kBeef4 = "011111000025";
inline const std::string kDuck4 = "011111000032";
inline const std::string kChicken25 = "011111000049";
inline const std::string kTrial = "011111000056";
inline const std::string kOriginal = "011111000063";
inline const std::string kAdult = "011111000070";
inline const std::string kCat3 = "022222000019";
inline const std::string kCat7 = "022222000026";
inline const std::string kCat15 = "022222000033";
inline const std::string kTreats = "033333000010";
inline const std::string kDental = "033333000027";  // in the catalog, in no program
inline const std::string kWash = "044444000011";
inline const std::string kBreederFood = "044444000028";
inline const std::string kNewUpc = "099999000016";  // valid, not in the catalog

// 2026-11-02T15:00:00Z, a Monday, 10:00 in Virginia.
inline constexpr tally::Timestamp kMonday = 1793631600;
inline constexpr tally::Timestamp kDay = 86400;

inline const char* kTestCatalog = R"({
  "manufacturers": [{"id": "acme", "name": "Acme Pet"}, {"id": "bolt", "name": "Bolt Foods"}],
  "distributors": [
    {"id": "east", "name": "Eastern Pet Supply", "states": ["NC", "VA", "SC", "GA"]},
    {"id": "ohio", "name": "Buckeye Distributing", "states": ["OH"]},
    {"id": "open", "name": "Open Door Wholesale", "states": ["VA"], "account_number_required": false},
    {"id": "catsonly", "name": "Feline Supply", "states": ["VA"], "manufacturers": ["bolt"]}
  ],
  "products": [
    {"upc": "011111000018", "description": "Acme Chicken 4 lb", "manufacturer": "acme", "size": "4 lb", "species": "dog"},
    {"upc": "011111000025", "description": "Acme Beef 4 lb", "manufacturer": "acme", "size": "4 lb", "species": "dog"},
    {"upc": "011111000032", "description": "Acme Duck 4 lb", "manufacturer": "acme", "size": "4 lb", "species": "dog"},
    {"upc": "011111000049", "description": "Acme Chicken 25 lb", "manufacturer": "acme", "size": "25 lb", "species": "dog"},
    {"upc": "011111000056", "description": "Acme Trial 1 lb", "manufacturer": "acme", "size": "1 lb", "species": "dog"},
    {"upc": "011111000063", "description": "Acme Original 4 lb", "manufacturer": "acme", "size": "4 lb", "species": "dog"},
    {"upc": "011111000070", "description": "Acme Adult 4 lb", "manufacturer": "acme", "size": "4 lb", "species": "dog"},
    {"upc": "022222000019", "description": "Bolt Cat 3 lb", "manufacturer": "bolt", "size": "3 lb", "species": "cat"},
    {"upc": "022222000026", "description": "Bolt Cat 7 lb", "manufacturer": "bolt", "size": "7 lb", "species": "cat"},
    {"upc": "022222000033", "description": "Bolt Cat 15 lb", "manufacturer": "bolt", "size": "15 lb", "species": "cat"},
    {"upc": "033333000010", "description": "Bolt Treats", "manufacturer": "bolt", "category": "treat"},
    {"upc": "033333000027", "description": "Bolt Dental Chews", "manufacturer": "bolt", "category": "treat"},
    {"upc": "044444000011", "description": "Self-wash", "manufacturer": "acme", "category": "service"},
    {"upc": "044444000028", "description": "Acme Breeder 40 lb", "manufacturer": "acme", "size": "40 lb"}
  ],
  "programs": [
    {"id": "acme-fb", "name": "Acme Frequent Buyer", "kind": "frequent_buyer", "manufacturer": "acme",
     "fulfillment": "distributor",
     "cards": [{"id": "dog", "name": "Acme dog 4 lb", "buy_n": 3, "free_item_rule": "lesser_or_equal_value",
                "qualifying_upcs": ["011111000018", "011111000025", "011111000032", "011111000056",
                                    "011111000063", "011111000070"],
                "excluded_upcs": ["011111000056"]}]},
    {"id": "bolt-fb", "name": "Bolt Cat Club", "kind": "frequent_buyer", "manufacturer": "bolt",
     "fulfillment": "distributor",
     "cards": [{"id": "cat", "name": "Bolt cat", "buy_n": 2, "free_item_rule": "any_in_group", "window_days": 30,
                "qualifying_upcs": ["022222000019", "022222000026", "022222000033"]}]},
    {"id": "acme-size", "name": "Acme Same Size", "kind": "frequent_buyer", "manufacturer": "acme",
     "fulfillment": "direct",
     "cards": [{"id": "bag", "name": "Acme any bag", "buy_n": 2, "free_item_rule": "same_size",
                "qualifying_upcs": ["011111000018", "011111000049", "011111000063"]}]},
    {"id": "bolt-track", "name": "Bolt Treat Tracking", "kind": "tracking", "manufacturer": "bolt",
     "fulfillment": "retailer",
     "cards": [{"id": "treats", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["033333000010"]}]},
    {"id": "wash", "name": "Self-wash Club", "kind": "custom", "fulfillment": "none",
     "cards": [{"id": "wash", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["044444000011"]}]},
    {"id": "acme-breeder", "name": "Acme Breeder", "kind": "frequent_buyer", "manufacturer": "acme",
     "fulfillment": "distributor", "audience": "breeder", "requires": ["email", "phone"],
     "cards": [{"id": "big", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["044444000028"]}]}
  ]
})";

// An engine over the backend the suite runs against, with the test catalog, a Virginia
// store enrolled in every program (Bolt in temporary holding), an Ohio store, customers.
struct Shop {
  std::unique_ptr<tally::Store> inner;  // what the engine writes through (fault shim on top)
  FaultStore* fault = nullptr;
  tally::Engine engine;

  Shop() : Shop(make_store()) {}
  explicit Shop(std::unique_ptr<tally::Store> store)
      : inner(std::move(store)), engine(wrap()) {
    engine.load_catalog(kTestCatalog, kMonday - kDay);
    engine.save_location({"va", "Richmond", "VA", "EST5EDT,M3.2.0,M11.1.0", true}, kMonday - kDay);
    engine.save_location({"oh", "Columbus", "OH", "EST5EDT,M3.2.0,M11.1.0", false}, kMonday - kDay);
    enroll("va", "acme-fb", "east", "E-100");
    enroll("va", "bolt-fb", tally::kTemporaryHolding);
    enroll("va", "acme-size");
    enroll("va", "bolt-track");
    enroll("va", "wash");
    enroll("va", "acme-breeder", "east", "E-100");
    enroll("oh", "acme-fb", "ohio", "O-7");
    customer("ann", "Ann", "Lee", "ann@example.com", "804-555-0101");
    customer("bob", "Bob", "Ray");
    tally::Customer tess{"tess", "Tess", "Training"};
    tess.test = true;
    engine.save_customer(tess, kMonday - kDay);
    tally::Customer bree{"bree", "Bree", "Kennel", "bree@example.com", "804-555-0102"};
    bree.type = tally::CustomerType::breeder;
    engine.save_customer(bree, kMonday - kDay);
  }

  std::unique_ptr<tally::Store> wrap() {
    auto shim = std::make_unique<FaultStore>(*inner);
    fault = shim.get();
    return shim;
  }

  void enroll(const std::string& loc, const std::string& program, const std::string& distributor = {},
              const std::string& account = {}) {
    engine.enroll({loc, program, distributor, account}, kMonday - kDay);
  }

  void customer(const std::string& id, const std::string& first, const std::string& last,
                const std::string& email = {}, const std::string& phone = {}) {
    engine.save_customer({id, first, last, email, phone}, kMonday - kDay);
  }

  tally::Checkout open(const std::string& customer, const std::string& receipt,
                       tally::Timestamp at = kMonday, const std::string& location = "va",
                       const std::string& reason = {}) {
    return engine.open_checkout({location, customer, receipt, at, reason});
  }

  // Rings up one visit of single units and finishes it.
  tally::CheckoutResult buy(const std::string& customer, const std::string& receipt,
                            const std::vector<std::pair<std::string, tally::Cents>>& items,
                            tally::Timestamp at = kMonday, const std::string& reason = {}) {
    auto checkout = open(customer, receipt, at, "va", reason);
    for (const auto& [upc, price] : items) checkout.add_line({upc, 1, price});
    return checkout.finish();
  }

  // Every key and value of the store, for before/after comparisons.
  std::map<std::string, std::string> dump() {
    std::map<std::string, std::string> all;
    REQUIRE(inner->begin(tally::TxnMode::read) == tally::StoreStatus::ok);
    inner->scan("", "", [&](std::string_view k, std::string_view v) {
      all.emplace(k, v);
      return true;
    });
    inner->rollback();
    return all;
  }
};

// The journal after `after` as a follower reads it: until an answer is empty.
inline std::vector<tally::JournalEntry> whole_journal(tally::Engine& engine, std::int64_t after = 0) {
  std::vector<tally::JournalEntry> all;
  for (auto page = engine.journal(after); !page.empty(); page = engine.journal(after)) {
    after = page.back().seq;
    all.insert(all.end(), page.begin(), page.end());
  }
  return all;
}

inline tally::ErrorCode code_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const tally::Error& e) {
    return e.code();
  }
  return tally::ErrorCode::ok;
}

// Two tills finish their visits at the same moment, each on its own thread; their codes.
inline std::array<tally::ErrorCode, 2> finish_at_once(tally::Checkout& a, tally::Checkout& b) {
  std::array<tally::ErrorCode, 2> codes{};
  std::thread ta([&] { codes[0] = code_of([&] { a.finish(); }); });
  std::thread tb([&] { codes[1] = code_of([&] { b.finish(); }); });
  ta.join();
  tb.join();
  return codes;
}

inline std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const tally::Error& e) {
    return e.what();
  }
  return {};
}

// Runs `op` once cleanly on a ShopT prepared by `setup`, counting its storage calls; then,
// for every k, on a fresh shop so prepared, fails the k-th call: the error must be
// storage_failed and the store exactly as before. Retried with the storage back, the store
// must equal the clean run's. Returns the number of calls.
template <class ShopT = Shop, class Setup, class Op>
long fail_at_every_call(Setup setup, Op op) {
  ShopT reference;
  setup(reference);
  reference.fault->reset();
  op(reference);
  const long calls = reference.fault->calls();
  const auto after = reference.dump();
  for (long k = 1; k <= calls; ++k) {
    CAPTURE(k);
    ShopT shop;
    setup(shop);
    const auto before = shop.dump();
    shop.fault->fail_at(k);
    CHECK(code_of([&] { op(shop); }) == tally::ErrorCode::storage_failed);
    CHECK(shop.dump() == before);
    shop.fault->disarm();
    op(shop);
    CHECK(shop.dump() == after);
  }
  return calls;
}

}  // namespace tally_test
