// SPDX-License-Identifier: Apache-2.0
// tally_return_items: a return document against stored receipts. Refused: nothing journalled.
#include "fuzz_support.hpp"

namespace {

// Two finished visits the inputs can return lines of: "r1" (two bags, a card punched) and
// "r2" (a bag and a free one on a completed card).
void ring_up(fuzz::Store& store) {
  fuzz::run_visits(store, {
      R"({"location": "raleigh", "customer": "C1001", "receipt": "r1", "at": 1793631600,
          "multi_punch_reason": "two bags",
          "lines": [{"upc": "084213101044", "quantity": 2, "unit_price": 1899}]})",
      R"({"location": "raleigh", "customer": "C1003", "receipt": "r2", "at": 1793635200,
          "multi_punch_reason": "a month of food",
          "lines": [{"upc": "084213102041", "quantity": 10, "unit_price": 1899}],
          "redemptions": [{"program": "northpaw-fb", "card": "dog-small", "upc": "084213102041", "unit_price": 1899}]})",
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  static const bool rung_up = (ring_up(store), true);
  (void)rung_up;
  const auto doc = fuzz::bytes(data, size);
  fuzz::Answer result;
  store.all_or_nothing("tally_return_items", [&] { return tally_return_items(store.engine, doc.data(), doc.size(), result.out()); });
  return 0;
}
