// SPDX-License-Identifier: Apache-2.0
#include "workload.hpp"

#include <sqlite3.h>

#include <ctime>
#include <filesystem>
#include <stdexcept>

#include "tally/error.hpp"

namespace bench {
namespace {

// UPC-A check digit of 11 data digits: digits in odd positions (1st, 3rd, ... 11th)
// weigh 3, even positions weigh 1; the check digit rounds the sum up to a multiple of 10.
char upc_a_check_digit(std::string_view eleven) {
  int sum = 0;
  for (std::size_t i = 0; i < eleven.size(); ++i) {
    const int digit = eleven[i] - '0';
    sum += (i % 2 == 0) ? digit * 3 : digit;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

std::string json_string(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

std::string Workload::customer(int n) const {
  char id[16];
  std::snprintf(id, sizeof id, "C%07d", n + 1);
  return id;
}

Workload make_workload(int checkouts, int visits_per_customer) {
  Workload w;
  w.checkouts = checkouts;
  for (int i = 0; i < kProducts; ++i) {
    // Number system 0, manufacturer code 81234, item number 10001..10020, check digit.
    std::string eleven = "081234" + std::to_string(10001 + i);
    Product p;
    p.upc = eleven + upc_a_check_digit(eleven);
    p.size = std::to_string(4 + (i % 5) * 4) + " lb";
    p.description = "Bench Kibble " + std::to_string(i + 1) + " " + p.size;
    p.base_price = 999 + 150 * i;
    w.products.push_back(std::move(p));
  }
  w.customers = std::max(1, checkouts / std::max(1, visits_per_customer));
  return w;
}

std::string catalog_json(const Workload& w) {
  std::string products;
  std::string upcs;
  for (const auto& p : w.products) {
    if (!products.empty()) {
      products += ",\n    ";
      upcs += ", ";
    }
    products += "{\"upc\": " + json_string(p.upc) + ", \"description\": " + json_string(p.description) +
                ", \"manufacturer\": " + json_string(kManufacturerId) + ", \"size\": " + json_string(p.size) +
                ", \"species\": \"dog\", \"category\": \"kibble\"}";
    upcs += json_string(p.upc);
  }
  std::string doc;
  doc += "{\n  \"manufacturers\": [\n    {\"id\": " + json_string(kManufacturerId) +
         ", \"name\": \"Bench Pet Foods\"}\n  ],\n";
  doc += "  \"distributors\": [\n    {\"id\": " + json_string(kDistributorId) +
         ", \"name\": \"Bench Pet Supply\", \"states\": [\"VA\"], \"manufacturers\": [" +
         json_string(kManufacturerId) + "], \"account_number_required\": true}\n  ],\n";
  doc += "  \"products\": [\n    " + products + "\n  ],\n";
  doc += "  \"programs\": [\n    {\"id\": " + json_string(kProgramId) +
         ", \"name\": \"Bench Frequent Buyer\", \"kind\": \"frequent_buyer\", \"manufacturer\": " +
         json_string(kManufacturerId) + ", \"fulfillment\": \"distributor\", \"audience\": \"all\"," +
         " \"requires\": [],\n     \"cards\": [\n       {\"id\": " + json_string(kCardId) +
         ", \"name\": \"Any bag\", \"qualifying_upcs\": [" + upcs +
         "], \"excluded_upcs\": [], \"buy_n\": " + std::to_string(kBuyN) +
         ", \"reward_quantity\": 1, \"free_item_rule\": \"any_in_group\"}\n     ]}\n  ]\n}\n";
  return doc;
}

tally::Customer customer_record(const Workload& w, int n) {
  tally::Customer customer;
  customer.id = w.customer(n);
  customer.first_name = "Bench";
  customer.last_name = "Customer " + std::to_string(n + 1);
  customer.email = "bench" + std::to_string(n + 1) + "@example.com";
  return customer;
}

void prepare_engine(tally::Engine& engine, const Workload& w, bool with_customers) {
  engine.load_catalog(catalog_json(w), kSetupAt);
  tally::Location location;
  location.id = kLocationId;
  location.name = "Bench Store";
  location.state = "VA";
  location.time_zone = "EST5EDT,M3.2.0,M11.1.0";
  engine.save_location(location, kSetupAt);
  tally::Enrollment enrollment;
  enrollment.location_id = kLocationId;
  enrollment.program_id = kProgramId;
  enrollment.distributor_id = kDistributorId;
  enrollment.account_number = kAccountNumber;
  engine.enroll(enrollment, kSetupAt);
  if (w.points) {
    engine.load_catalog(R"({"programs": [{"id": "bench-points", "name": "Bench Points", "kind": "points",
      "fulfillment": "none", "points": {"events": [{"id": "dollars", "kind": "money", "points": 1},
      {"id": "unit", "kind": "upc", "upcs": [")" + w.products.front().upc + R"("], "points": 10}],
      "rewards": [{"id": "toy", "title": "Toy", "points": 100}], "expiry_days": 365}}]})",
                        kSetupAt);
    engine.enroll({kLocationId, "bench-points"}, kSetupAt);
  }
  if (with_customers)
    for (int i = 0; i < w.customers; ++i) engine.save_customer(customer_record(w, i), kSetupAt);
}

tally::CheckoutResult run_checkout(tally::Engine& engine, const Workload& w, int c, const std::string& location) {
  tally::CheckoutOpen open;
  open.location_id = location;
  open.customer_id = w.customer_of(c);
  open.receipt_id = w.receipt_id(c);
  open.at = w.at(c);
  open.multi_punch_reason = kMultiPunchReason;
  tally::Checkout checkout = engine.open_checkout(open);
  for (int l = 0; l < kLinesPerCheckout; ++l) {
    const PlannedLine planned = w.line(c, l);
    tally::SaleLine line;
    line.upc = w.products[static_cast<std::size_t>(planned.product)].upc;
    line.quantity = 1;
    line.unit_price = planned.unit_price;
    checkout.add_line(line);
  }
  const std::vector<tally::Reward> rewards = checkout.rewards();
  if (!rewards.empty() && !rewards.front().allowed.empty()) {
    const tally::Reward& reward = rewards.front();
    const tally::AllowedItem& item = reward.allowed.front();
    tally::RedemptionRequest request;
    request.program_id = reward.program_id;
    request.card_id = reward.card_id;
    request.upc = item.upc;
    request.unit_price = item.unit_price.value_or(w.base_price(item.upc));
    checkout.redeem(request);
  }
  return checkout.finish();
}

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

std::string describe(const std::exception& e) {
  if (const auto* te = dynamic_cast<const tally::Error*>(&e))
    return std::string(tally::error_code_name(te->code())) + ": " + te->what();
  return e.what();
}

long long checkpointed_size(const std::string& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path + " to measure it");
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return static_cast<long long>(std::filesystem::file_size(path));
}

}  // namespace bench
