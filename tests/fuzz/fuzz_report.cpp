// SPDX-License-Identifier: Apache-2.0
// tally_report: the first byte picks the report, the rest is its query document. Reports
// only read: whatever the query, nothing is journalled and nothing answers internal.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::Store store;
  static const char* kinds[] = {"free_goods_credit_status", "rebate_credit_status", "retailer_credit_batches",
                                "redemptions_by_date",      "participation",        "transactions",
                                "no_such_report"};
  if (size == 0) return 0;
  const char* kind = kinds[data[0] % (sizeof kinds / sizeof *kinds)];
  const auto query = fuzz::bytes(data + 1, size - 1);
  const auto before = store.journal_head();
  fuzz::Answer report;
  fuzz::not_internal(tally_report(store.engine, kind, query.data(), query.size(), fuzz::kMonday, report.out()), "tally_report");
  if (store.journal_head() != before) fuzz::fail("a report journalled something");
  return 0;
}
