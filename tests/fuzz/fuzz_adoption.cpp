// SPDX-License-Identifier: Apache-2.0
// tally_checkout_redeem_adoption: an adoption request into an open visit, then its finish.
// Neither answers internal; a refused finish journals nothing.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  static int receipt = 0;
  const std::string id = "fuzz-adoption-" + std::to_string(++receipt);
  tally_checkout* checkout = nullptr;
  fuzz::ok(tally_checkout_open(store.engine, "raleigh", "C1002", id.c_str(), fuzz::kMonday, &checkout), "tally_checkout_open");
  const auto doc = fuzz::bytes(data, size);
  if (fuzz::not_internal(tally_checkout_redeem_adoption(checkout, doc.data(), doc.size()), "tally_checkout_redeem_adoption") ==
      TALLY_OK) {
    fuzz::Answer result;
    store.all_or_nothing("tally_checkout_finish", [&] { return tally_checkout_finish(checkout, result.out()); });
  }
  tally_checkout_free(checkout);
  return 0;
}
