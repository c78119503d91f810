// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): coupons a brand issues, a customer's coupons, a store's opt-out, and
// coupons at the till.
#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_issue_coupons(tally_engine* e, const char* actor_json, const char* json_text, size_t json_len, int64_t at,
                            char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    return tally::to_json(
        engine_of(e).issue_coupons(actor(actor_json), tally::coupon_issue_from_json(document(json_text, json_len, "json")), at));
  });
}

int32_t tally_customer_coupons(tally_engine* e, const char* customer_id, int32_t include_redeemed, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    return tally::to_json(engine_of(e).coupons(id(customer_id, "customer_id"), include_redeemed != 0));
  });
}

int32_t tally_coupon(tally_engine* e, int64_t coupon_id, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).coupon(coupon_id)); });
}

int32_t tally_set_coupon_opt_out(tally_engine* e, const char* location_id, const char* manufacturer_id, int32_t opted_out,
                                 int64_t at) {
  return guard(e, [&] {
    engine_of(e).set_coupon_opt_out(id(location_id, "location_id"), id(manufacturer_id, "manufacturer_id"), opted_out != 0,
                                    at);
  });
}

int32_t tally_checkout_coupons(tally_checkout* c, char** out_json) {
  return answer(owner(c), out_json, "out_json", [&] { return tally::to_json(need(c, "checkout")->checkout.coupons()); });
}

int32_t tally_checkout_redeem_coupon(tally_checkout* c, int64_t coupon_id, int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.redeem_coupon(coupon_id);
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_undo_coupon_redemption(tally_checkout* c, int32_t index) {
  return guard(owner(c), [&] {
    if (index < 0) throw tally::Error(tally::ErrorCode::invalid_argument, "index: must be 0 or more");
    need(c, "checkout")->checkout.undo_coupon_redemption(static_cast<std::size_t>(index));
  });
}

}  // extern "C"
