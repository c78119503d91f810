// SPDX-License-Identifier: Apache-2.0
// The checkout workload every setup of tally_bench runs, and the figures each reports.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "tally/engine.hpp"
#include "tally/types.hpp"

namespace bench {

constexpr int kProducts = 20;
constexpr int kLinesPerCheckout = 5;
constexpr int kBuyN = 10;
constexpr tally::Timestamp kStartAt = 1767625200;  // 2026-01-05T15:00:00Z
constexpr tally::Timestamp kStepSeconds = 60;     // one checkout a minute
constexpr tally::Timestamp kSetupAt = kStartAt - 3 * 365 * 86400;

constexpr const char* kLocationId = "L1";
constexpr const char* kManufacturerId = "bench-mfr";
constexpr const char* kDistributorId = "bench-dist";
constexpr const char* kProgramId = "bench-fb";
constexpr const char* kCardId = "bench-card";
constexpr const char* kAccountNumber = "ACC-1";
constexpr const char* kMultiPunchReason = "bench";

struct Product {
  std::string upc;
  std::string description;
  std::string size;
  tally::Cents base_price = 0;
};

struct PlannedLine {
  int product = 0;
  tally::Cents unit_price = 0;
};

// Who visits when: checkout c is customer c mod N, at kStartAt + c minutes, with 5 lines of
// quantity 1 (5 punches on the customer's card, buy 10), and takes a completed card's reward
// in the visit that completes it (the cashier sees the reward and hands the bag over).
struct Workload {
  std::vector<Product> products;
  int customers = 1;
  int checkouts = 0;
  int first = 0;  // checkout numbers run from first to first + checkouts - 1
  // Checkout c is customer (c * stride) mod customers: 1 visits them round-robin; a large
  // stride coprime with the count spreads consecutive checkouts over the whole store.
  long long stride = 1;
  std::string receipt_prefix = "R-";
  // The location also runs a loyalty points program: every checkout earns points (a point a
  // dollar, 10 more per unit of one product), read and written in its transaction.
  bool points = false;

  std::string customer(int n) const;
  std::string receipt_id(int c) const { return receipt_prefix + std::to_string(100000 + c); }
  std::string customer_of(int c) const { return customer(static_cast<int>((c * stride) % customers)); }
  tally::Timestamp at(int c) const { return kStartAt + kStepSeconds * c; }
  // Five different products per checkout, with prices that move a little from visit to visit.
  PlannedLine line(int c, int l) const {
    PlannedLine out;
    out.product = (c * 7 + l * 4) % kProducts;
    out.unit_price = products[static_cast<std::size_t>(out.product)].base_price + 10 * ((c + l) % 5);
    return out;
  }
  tally::Cents base_price(const std::string& upc) const {
    for (const auto& p : products)
      if (p.upc == upc) return p.base_price;
    return 0;
  }
};

Workload make_workload(int checkouts, int visits_per_customer);
// The catalog as a JSON document in the shape docs/catalog.md describes.
std::string catalog_json(const Workload& w);
// Catalog, location L1 (VA), its enrollment at the distributor; and the customers when asked.
void prepare_engine(tally::Engine& engine, const Workload& w, bool with_customers = true);
tally::Customer customer_record(const Workload& w, int n);

// One checkout through the public API: open, ring up, take a reward when one is waiting,
// finish.
tally::CheckoutResult run_checkout(tally::Engine& engine, const Workload& w, int c,
                                   const std::string& location = kLocationId);

// Per-checkout times, for percentiles.
struct Latencies {
  std::vector<double> micros;
  double percentile(double p) const {
    if (micros.empty()) return 0;
    std::vector<double> sorted = micros;
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(rank, sorted.size() - 1)];
  }
};

struct Figures {
  std::string setup;
  int checkouts = 0;
  double seconds = 0;
  double cpu_seconds = 0;  // of this process over the same span (threads of the setup included)
  Latencies latencies;
  long punches = 0;
  long redemptions = 0;
  long credit_lines = 0;
  double bytes_per_checkout = -1;  // growth of the database file, when the setup has one
  long reruns = -1;                // busy answers that made an engine run an operation again
  char store_calls[256] = "";      // what a checkout asked of its store, when counted
  std::string error;               // non-empty when the setup could not run to the end

  bool ok() const { return error.empty() && seconds > 0; }
  double per_second() const { return ok() ? checkouts / seconds : 0; }
  double micros_per_checkout() const { return ok() ? seconds * 1e6 / checkouts : 0; }
};

std::string describe(const std::exception& e);

// CPU time this process has used, in seconds: beside the wall time, what the checkouts cost
// whatever else the machine is doing (fsync waits are not in it).
double cpu_now();

// Bytes of a SQLite database once its write-ahead log is checkpointed into it.
long long checkpointed_size(const std::string& path);

}  // namespace bench
