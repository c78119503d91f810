// SPDX-License-Identifier: Apache-2.0
// The actor document of the lifecycle calls: whoever the bytes claim to be, each step is
// taken or refused (wrong_actor, invalid_argument, ...) and a refused one journals nothing.
#include "fuzz_support.hpp"

namespace {

// One redemption at Raleigh, so there is a credit line and a batch to act on.
void redeem_one(fuzz::Store& store) {
  static const char* visit =
      R"({"location": "raleigh", "customer": "C1003", "receipt": "a1", "at": 1793631600,
          "multi_punch_reason": "a month of food",
          "lines": [{"upc": "084213102041", "quantity": 10, "unit_price": 1899}]})";
  static const char* redeem =
      R"({"location": "raleigh", "customer": "C1003", "receipt": "a2", "at": 1793635200,
          "redemptions": [{"program": "northpaw-fb", "card": "dog-small", "upc": "084213102041", "unit_price": 1899}]})";
  fuzz::run_visits(store, {visit, redeem});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  static const bool redeemed = (redeem_one(store), true);
  (void)redeemed;
  if (size == 0) return 0;
  const std::string actor(fuzz::bytes(data + 1, size - 1));  // a C string: stops at the first NUL
  const std::int64_t at = fuzz::kMonday + 7200;
  fuzz::Answer out;
  switch (data[0] % 6) {
    case 0:
      store.all_or_nothing("tally_pull_batch", [&] {
        return tally_pull_batch(store.engine, actor.c_str(), "fuzz", nullptr, nullptr, at, out.out());
      });
      break;
    case 1:
      store.all_or_nothing("tally_decline_line",
                           [&] { return tally_decline_line(store.engine, actor.c_str(), 1, "account", "", at, out.out()); });
      break;
    case 2:
      store.all_or_nothing("tally_reconcile_line", [&] { return tally_reconcile_line(store.engine, actor.c_str(), 1, at, out.out()); });
      break;
    case 3:
      store.all_or_nothing("tally_unbatch_line", [&] { return tally_unbatch_line(store.engine, actor.c_str(), 1, at, out.out()); });
      break;
    case 4:
      store.all_or_nothing("tally_resubmit_line",
                           [&] { return tally_resubmit_line(store.engine, actor.c_str(), 1, "fixed", at, out.out()); });
      break;
    default:
      store.all_or_nothing("tally_undo_redemption", [&] {
        return tally_undo_redemption(store.engine, actor.c_str(), 1, nullptr, TALLY_PRICE_LAST_KNOWN, 0, at, out.out());
      });
      break;
  }
  return 0;
}
