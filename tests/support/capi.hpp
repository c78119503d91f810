// SPDX-License-Identifier: Apache-2.0
// What the C++ programs that drive the C ABI share (the fuzzers, the threads suite, the
// fault sweep and the crash soak): library-allocated answers, the sample store of the demo
// (examples/data), and the totals a consistent store must show.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "tally.h"

namespace capi_test {

constexpr std::int64_t kMonday = 1793631600;  // 2026-11-02T15:00:00Z
constexpr std::int64_t kOpening = 1790866800;  // 2026-10-01T15:00:00Z: the sample store is set up

// A setup step that must succeed; its failure ends the program with the library's message.
inline void must(std::int32_t status, const std::string& call) {
  if (status != TALLY_OK)
    throw std::runtime_error(call + ": " + tally_status_name(status) + ": " + tally_last_error());
}

// A library-allocated JSON answer, freed on scope exit.
struct Answer {
  char* text = nullptr;
  Answer() = default;
  Answer(const Answer&) = delete;
  Answer& operator=(const Answer&) = delete;
  ~Answer() { tally_free(text); }
  char** out() {
    tally_free(text);
    text = nullptr;
    return &text;
  }
  std::string str() const { return text ? text : ""; }
  boost::json::value json() const { return boost::json::parse(text ? text : "null"); }
  // A copy, so a range-for over it outlives the parsed value.
  boost::json::array array() const { return json().as_array(); }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string sample(const char* name) { return read_file(std::string(TALLY_SOURCE_DIR "/examples/data/") + name); }

// The sample catalog, locations, enrollments and customers: the store of the demo, so
// calls reach real programs, cards, offers and partners.
inline void load_sample_store(tally_engine* engine) {
  static const std::string catalog = sample("catalog.json");
  static const boost::json::value stores = boost::json::parse(sample("stores.json"));
  Answer a;
  must(tally_load_catalog(engine, catalog.data(), catalog.size(), kOpening, a.out()), "tally_load_catalog");
  for (const auto& l : stores.at("locations").as_array()) {
    const std::string doc = boost::json::serialize(l);
    must(tally_save_location(engine, doc.data(), doc.size(), kOpening), "tally_save_location");
  }
  for (const auto& e : stores.at("enrollments").as_array()) {
    const std::string doc = boost::json::serialize(e);
    must(tally_enroll(engine, doc.data(), doc.size(), kOpening, a.out()), "tally_enroll");
  }
  for (const auto& c : stores.at("customers").as_array()) {
    const std::string doc = boost::json::serialize(c);
    must(tally_save_customer(engine, doc.data(), doc.size(), kOpening, a.out()), "tally_save_customer");
  }
}

// The last journal number (0 when nothing was journalled).
inline std::int64_t journal_head(tally_engine* engine, std::int64_t after = 0) {
  for (;;) {
    Answer a;
    must(tally_journal(engine, after, 1000, a.out()), "tally_journal");
    const auto entries = a.array();
    if (entries.empty()) return after;
    after = entries.back().at("seq").to_number<std::int64_t>();
  }
}

// What a till rang up: units per customer and redemptions in all.
struct Rung {
  std::map<std::string, long> units;
  long redemptions = 0;
};

// What a consistent store shows for `rung`: each customer's punches over all cards equal
// the units rung up, journal numbers only increase (gaps are allowed: docs/architecture.md#numbers-and-the-journal), every redemption has
// one credit line and every line is listed in exactly one state. Returns the first
// disagreement, or "" when there is none.
inline std::string check_totals(tally_engine* engine, const Rung& rung) {
  for (const auto& [customer, units] : rung.units) {
    Answer cards;
    must(tally_cards(engine, customer.c_str(), 1, cards.out()), "tally_cards");
    long punches = 0;
    for (const auto& card : cards.array()) punches += card.at("punch_count").to_number<long>();
    if (punches != units)
      return customer + ": " + std::to_string(punches) + " punches for " + std::to_string(units) + " units rung up";
  }
  std::int64_t seq = 0;
  for (;;) {
    Answer page;
    must(tally_journal(engine, seq, 500, page.out()), "tally_journal");
    const auto entries = page.array();
    if (entries.empty()) break;
    for (const auto& e : entries) {
      const auto n = e.at("seq").to_number<std::int64_t>();
      if (n <= seq) return "journal number " + std::to_string(n) + " follows " + std::to_string(seq);
      seq = n;
    }
  }
  Answer all;
  must(tally_credit_lines(engine, nullptr, nullptr, all.out()), "tally_credit_lines");
  const auto lines = all.array();
  if (static_cast<long>(lines.size()) != rung.redemptions)
    return std::to_string(lines.size()) + " credit lines for " + std::to_string(rung.redemptions) + " redemptions";
  std::map<std::int64_t, int> states_of;
  for (const char* state : {"held", "new", "batched", "declined", "credited", "reconciled", "submitted", "complete", "withdrawn"}) {
    Answer in_state;
    must(tally_credit_lines(engine, state, nullptr, in_state.out()), std::string("tally_credit_lines ") + state);
    for (const auto& line : in_state.array()) {
      if (line.at("state") != state)
        return "a line listed as " + std::string(state) + " is " + boost::json::serialize(line.at("state"));
      ++states_of[line.at("id").to_number<std::int64_t>()];
    }
  }
  for (const auto& line : lines)
    if (states_of[line.at("id").to_number<std::int64_t>()] != 1)
      return "line " + boost::json::serialize(line.at("id")) + " is not in one state";
  return "";
}

}  // namespace capi_test
