// SPDX-License-Identifier: Apache-2.0
// tally_checkout_add_line_json: one sale line into an open visit. Refused lines leave the
// visit's punches as they were.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  tally_checkout* checkout = nullptr;
  fuzz::ok(tally_checkout_open(store.engine, "raleigh", "C1001", "fuzz-line", fuzz::kMonday, &checkout), "tally_checkout_open");
  fuzz::ok(tally_checkout_add_line(checkout, "084213101044", 1, 1899, nullptr), "tally_checkout_add_line");
  fuzz::Answer before, punches, after;
  fuzz::ok(tally_checkout_punches(checkout, before.out()), "tally_checkout_punches");
  const auto doc = fuzz::bytes(data, size);
  const auto status =
      fuzz::not_internal(tally_checkout_add_line_json(checkout, doc.data(), doc.size(), punches.out()), "tally_checkout_add_line_json");
  fuzz::ok(tally_checkout_punches(checkout, after.out()), "tally_checkout_punches");
  if (status != TALLY_OK && before.str() != after.str()) fuzz::fail("a refused line changed the visit's punches");
  if (status != TALLY_OK && punches.text) fuzz::fail("a refused line returned punches");
  tally_checkout_free(checkout);
  return 0;
}
