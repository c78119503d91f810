// SPDX-License-Identifier: Apache-2.0
// What the fuzzers share: the sample store (examples/data) on a memory engine, and the
// oracles every input is held to beyond the sanitizers: bad input is never `internal`, and
// a refused call leaves the journal as it was.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "support/capi.hpp"
#include "tally.h"

namespace fuzz {

using capi_test::kMonday;
using capi_test::kOpening;

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

using capi_test::Answer;
using capi_test::read_file;
using capi_test::sample;

// A memory engine holding the sample store.
inline tally_engine* sample_store() {
  tally_engine* engine = nullptr;
  ok(tally_engine_open_memory(nullptr, &engine), "tally_engine_open_memory");
  capi_test::load_sample_store(engine);
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

  std::int64_t journal_head() { return head = capi_test::journal_head(engine, head); }

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
