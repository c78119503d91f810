// SPDX-License-Identifier: Apache-2.0
// What the fuzzers share: the sample store (examples/data) on a memory engine, and the
// oracles every input is held to beyond the sanitizers: bad input is never `internal`, and
// a refused call leaves the journal as it was.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "tally.h"

namespace fuzz {

constexpr std::int64_t kMonday = 1793631600;  // 2026-11-02T15:00:00Z
constexpr std::int64_t kOpening = 1790866800;  // 2026-10-01T15:00:00Z: the sample store is set up

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant broken: %s\n", what.c_str());
  std::abort();
}

// Bad input gets a code of its own; `internal` would mean the engine did not understand
// what went wrong.
inline std::int32_t not_internal(std::int32_t status, const char* call) {
  if (status == TALLY_E_INTERNAL) fail(std::string(call) + " answered internal: " + tally_last_error());
  return status;
}

inline void ok(std::int32_t status, const char* call) {
  if (status != TALLY_OK) fail(std::string(call) + " failed: " + tally_last_error());
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
  boost::json::value json() const { return boost::json::parse(str()); }
  // A copy, so a range-for over it outlives the parsed value.
  boost::json::array array() const { return json().as_array(); }
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read " + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string sample(const char* name) { return read_file(std::string(TALLY_SOURCE_DIR "/examples/data/") + name); }

// A memory engine holding the sample catalog, locations, enrollments and customers: the
// store of the demo, so inputs reach real programs, cards and offers.
inline tally_engine* sample_store() {
  tally_engine* engine = nullptr;
  ok(tally_engine_open_memory(nullptr, &engine), "tally_engine_open_memory");
  static const std::string catalog = sample("catalog.json");
  static const boost::json::value stores = boost::json::parse(sample("stores.json"));
  Answer a;
  ok(tally_load_catalog(engine, catalog.data(), catalog.size(), kOpening, a.out()), "tally_load_catalog");
  for (const auto& l : stores.at("locations").as_array()) {
    const std::string doc = boost::json::serialize(l);
    ok(tally_save_location(engine, doc.data(), doc.size(), kOpening), "tally_save_location");
  }
  for (const auto& e : stores.at("enrollments").as_array()) {
    const std::string doc = boost::json::serialize(e);
    ok(tally_enroll(engine, doc.data(), doc.size(), kOpening, a.out()), "tally_enroll");
  }
  for (const auto& c : stores.at("customers").as_array()) {
    const std::string doc = boost::json::serialize(c);
    ok(tally_save_customer(engine, doc.data(), doc.size(), kOpening, a.out()), "tally_save_customer");
  }
  return engine;
}

// The sample store, and what it journalled so far: a refused call must not move the head.
struct Store {
  tally_engine* engine = sample_store();
  std::int64_t head = 0;

  Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;
  ~Store() { tally_engine_close(engine); }

  std::int64_t journal_head() {
    for (;;) {
      Answer a;
      ok(tally_journal(engine, head, 1000, a.out()), "tally_journal");
      const auto entries = a.json().as_array();
      if (entries.empty()) return head;
      head = entries.back().at("seq").to_number<std::int64_t>();
    }
  }

  // Calls `call`; when it is refused, nothing may have been journalled.
  template <class Call>
  std::int32_t all_or_nothing(const char* name, Call call) {
    const std::int64_t before = journal_head();
    const std::int32_t status = not_internal(call(), name);
    if (status != TALLY_OK && journal_head() != before)
      fail(std::string(name) + " was refused (" + tally_status_name(status) + ") but journalled");
    return status;
  }
};

// Finishes each visit document on the store; the fuzzers' fixed history.
inline void run_visits(Store& store, std::initializer_list<const char*> visits) {
  for (const char* visit : visits) {
    Answer result;
    ok(tally_run_checkout(store.engine, visit, std::char_traits<char>::length(visit), result.out()), "tally_run_checkout");
  }
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz
