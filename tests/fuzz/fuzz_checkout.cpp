// SPDX-License-Identifier: Apache-2.0
// tally_run_checkout: a whole visit from the fuzzer's bytes. Refused: nothing journalled.
// Taken: sending it again is a replay with the same result.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  const auto doc = fuzz::bytes(data, size);
  fuzz::Answer first, again;
  const auto status = store.all_or_nothing(
      "tally_run_checkout", [&] { return tally_run_checkout(store.engine, doc.data(), doc.size(), first.out()); });
  if (status != TALLY_OK) return 0;
  fuzz::ok(tally_run_checkout(store.engine, doc.data(), doc.size(), again.out()), "tally_run_checkout (retry)");
  auto a = first.json().as_object();
  auto b = again.json().as_object();
  if (!b.contains("replayed") || b.at("replayed") != true) fuzz::fail("a retried visit was not a replay");
  a.erase("replayed");
  b.erase("replayed");
  if (a != b) fuzz::fail("a retried visit answered differently: " + first.str() + " then " + again.str());
  return 0;
}
