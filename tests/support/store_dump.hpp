// SPDX-License-Identifier: Apache-2.0
// Everything an engine answers about its store, as one JSON document: the catalog, the
// locations and enrollments, every customer's cards and rewards, credit lines, batches,
// every report and Command Center, the journal and every stored receipt. Two stores that
// give the same dump answer every query the same way, whatever their record format.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tally/tally.hpp"

namespace tally_test {

inline std::string dump_answers(tally::Engine& engine, tally::Timestamp at, const std::string& from,
                                const std::string& to) {
  namespace json = boost::json;
  json::object out;
  out["catalog"] = json::parse(engine.catalog_json());
  json::array locations;
  std::vector<std::string> location_ids;
  for (const auto& l : engine.locations()) {
    location_ids.push_back(l.id);
    json::object one{{"location", json::parse(tally::to_json(l))}};
    json::array enrollments;
    for (const auto& e : engine.enrollments(l.id)) enrollments.push_back(json::parse(tally::to_json(e)));
    one["enrollments"] = std::move(enrollments);
    one["command_center"] = json::parse(engine.command_center(l.id, at));
    json::object reports;
    for (const char* kind : {"free_goods_credit_status", "rebate_credit_status", "retailer_credit_batches",
                             "redemptions_by_date", "participation", "transactions"}) {
      json::object query{{"location", l.id}, {"from", from}, {"to", to}};
      reports[kind] = json::parse(engine.report(kind, json::serialize(query), at));
      query["format"] = "csv";
      reports[std::string(kind) + ".csv"] = engine.report(kind, json::serialize(query), at);
    }
    one["reports"] = std::move(reports);
    locations.push_back(std::move(one));
  }
  out["locations"] = std::move(locations);
  json::array rules;
  for (const auto& r : engine.auto_enrollments()) rules.push_back(json::string(r.id));
  out["auto_enrollment_rules"] = std::move(rules);

  const auto journal = engine.journal(0, 1000000);
  out["journal"] = json::parse(tally::to_json(journal));
  std::vector<std::string> customers;
  json::array receipts;
  for (const auto& entry : journal) {
    json::value doc = json::parse(entry.document);
    if (entry.kind == "customer.saved") {
      std::string id(doc.at("id").as_string());
      if (std::find(customers.begin(), customers.end(), id) == customers.end()) customers.push_back(id);
    } else if (entry.kind == "checkout.finished") {
      std::string loc(doc.at("location").as_string()), receipt(doc.at("receipt").as_string());
      receipts.push_back(json::parse(tally::to_json(engine.checkout_result(loc, receipt))));
    }
  }
  out["receipts"] = std::move(receipts);
  json::object by_customer;
  for (const auto& id : customers) {
    json::object one{{"customer", json::parse(tally::to_json(engine.customer(id)))},
                     {"cards", json::parse(tally::to_json(engine.cards(id, false)))},
                     {"all_cards", json::parse(tally::to_json(engine.cards(id, true)))}};
    json::object rewards;
    for (const auto& loc : location_ids) rewards[loc] = json::parse(tally::to_json(engine.rewards(id, loc)));
    one["rewards"] = std::move(rewards);
    by_customer[id] = std::move(one);
  }
  out["customers"] = std::move(by_customer);
  out["credit_lines"] = json::parse(tally::to_json(engine.credit_lines()));
  json::object by_state;
  for (const char* state : {"held", "new", "batched", "credited", "reconciled", "declined", "complete", "submitted"})
    by_state[state] = json::parse(tally::to_json(engine.credit_lines(state)));
  out["credit_lines_by_state"] = std::move(by_state);
  out["batches"] = json::parse(tally::to_json(engine.batches()));
  return json::serialize(out);
}

}  // namespace tally_test
