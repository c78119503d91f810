// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): loyalty points at the till, a customer's balance and its history.
#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_checkout_points(tally_checkout* c, char** out_json) {
  return answer(owner(c), out_json, "out_json", [&] { return tally::to_json(need(c, "checkout")->checkout.points()); });
}

int32_t tally_checkout_redeem_points(tally_checkout* c, const char* program_id, const char* reward_id,
                                     int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.redeem_points({id(program_id, "program_id"), id(reward_id, "reward_id")});
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_undo_points_redemption(tally_checkout* c, int32_t index) {
  return guard(owner(c), [&] {
    if (index < 0) throw tally::Error(tally::ErrorCode::invalid_argument, "index: must be 0 or more");
    need(c, "checkout")->checkout.undo_points_redemption(static_cast<std::size_t>(index));
  });
}

int32_t tally_customer_points(tally_engine* e, const char* customer_id, const char* location_id, int64_t at,
                              char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.points(id(customer_id, "customer_id"),
                                                                    id(location_id, "location_id"), at)));
  });
}

int32_t tally_points_history(tally_engine* e, const char* customer_id, const char* program_id, int64_t after,
                             uint32_t limit, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.points_history(id(customer_id, "customer_id"),
                                                                            id(program_id, "program_id"), after, limit)));
  });
}

}  // extern "C"
