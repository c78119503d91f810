// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): corrections after finishing: undo, returns, split, merge.
#include "capi_internal.hpp"

#include <vector>

using namespace tally::capi;

extern "C" {

int32_t tally_undo_redemption(tally_engine* e, const char* actor_json, int64_t redemption_id, const char* upc,
                              int64_t unit_price_cents, int32_t reverse, int64_t at, char** out_redemption) {
  return answer(e, out_redemption, "out_redemption", [&] {
    return tally::to_json(engine_of(e).undo_redemption(actor(actor_json), redemption_id, text(upc, "upc", true, tally::limits::kNameBytes),
                                                       price(unit_price_cents), at, reverse != 0));
  });
}

int32_t tally_return_items(tally_engine* e, const char* json_text, size_t json_len, char** out_result) {
  return answer(e, out_result, "out_result", [&] {
    return tally::to_json(engine_of(e).return_items(tally::return_request_from_json(document(json_text, json_len, "json"))));
  });
}

int32_t tally_split_card(tally_engine* e, const char* customer_id, int64_t card_number, const int32_t* punch_indexes,
                         size_t count, int64_t at, char** out_cards) {
  return answer(e, out_cards, "out_cards", [&] {
    if (count && !punch_indexes) bad("punch_indexes", "must not be NULL");
    std::vector<int> indexes(punch_indexes, punch_indexes + count);
    auto [kept, split] = engine_of(e).split_card(id(customer_id, "customer_id"), card_number, indexes, at);
    return "[" + tally::to_json(kept) + "," + tally::to_json(split) + "]";
  });
}

int32_t tally_merge_customers(tally_engine* e, const char* survivor_id, const char* duplicate_id, int64_t at,
                              char** out_customer) {
  return answer(e, out_customer, "out_customer", [&] {
    return tally::to_json(engine_of(e).merge_customers(id(survivor_id, "survivor_id"), id(duplicate_id, "duplicate_id"), at));
  });
}

}  // extern "C"
