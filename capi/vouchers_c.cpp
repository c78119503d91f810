// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): manufacturers' vouchers, issued by a brand, redeemed at the till,
// their item changed while the credit line is new.
#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_issue_vouchers(tally_engine* e, const char* actor_json, const char* issue_json, int64_t at,
                             char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    const tally::Actor who = actor(actor_json);
    const tally::VoucherIssue issue = tally::voucher_issue_from_json(document(issue_json, "issue_json"));
    return tally::to_json(engine_of(e).issue_vouchers(who, issue, at));
  });
}

int32_t tally_vouchers(tally_engine* e, const char* location_id, const char* state, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    return tally::to_json(engine_of(e).vouchers(id(location_id, "location_id"), at, id(state, "state", true)));
  });
}

int32_t tally_voucher(tally_engine* e, const char* voucher_id, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json",
                [&] { return tally::to_json(engine_of(e).voucher(id(voucher_id, "voucher_id"), at)); });
}

int32_t tally_change_voucher_item(tally_engine* e, const char* actor_json, const char* voucher_id, const char* upc,
                                  int64_t unit_price_cents, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    const tally::Actor who = actor(actor_json);
    return tally::to_json(engine_of(e).change_voucher_item(who, id(voucher_id, "voucher_id"),
                                                           text(upc, "upc", false, tally::limits::kNameBytes),
                                                           price(unit_price_cents), at));
  });
}

int32_t tally_checkout_vouchers(tally_checkout* c, char** out_json) {
  return answer(owner(c), out_json, "out_json", [&] { return tally::to_json(need(c, "checkout")->checkout.vouchers()); });
}

int32_t tally_checkout_redeem_voucher(tally_checkout* c, const char* voucher_id, const char* upc,
                                      int64_t unit_price_cents, int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.redeem_voucher(
        {id(voucher_id, "voucher_id"), text(upc, "upc", false, tally::limits::kNameBytes), price(unit_price_cents)});
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_undo_voucher_redemption(tally_checkout* c, int32_t index) {
  return guard(owner(c), [&] {
    if (index < 0) throw tally::Error(tally::ErrorCode::invalid_argument, "index: must be 0 or more");
    need(c, "checkout")->checkout.undo_voucher_redemption(static_cast<std::size_t>(index));
  });
}

}  // extern "C"
