// SPDX-License-Identifier: Apache-2.0
// tally_load_catalog: any document is taken whole or refused with a code of its own, and a
// refused one leaves the catalog that was loaded before.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  fuzz::Answer before, summary, after;
  fuzz::ok(tally_catalog(store.engine, before.out()), "tally_catalog");
  const auto doc = fuzz::bytes(data, size);
  const auto status = store.all_or_nothing(
      "tally_load_catalog", [&] { return tally_load_catalog(store.engine, doc.data(), doc.size(), fuzz::kMonday, summary.out()); });
  fuzz::ok(tally_catalog(store.engine, after.out()), "tally_catalog");
  if (status != TALLY_OK && before.str() != after.str()) fuzz::fail("a refused catalog changed the stored one");
  if (status == TALLY_OK) {
    // Keep the sample catalog for the next input, so inputs keep reaching its programs.
    static const std::string sample = fuzz::sample("catalog.json");
    fuzz::ok(tally_load_catalog(store.engine, sample.data(), sample.size(), fuzz::kMonday, summary.out()),
             "tally_load_catalog(sample)");
  }
  return 0;
}
