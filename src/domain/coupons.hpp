// SPDX-License-Identifier: Apache-2.0
// Coupons (DOMAIN section 12): what a brand may issue to whom, and whether a coupon may be
// redeemed in a visit. Pure rules: the engine reads the coupon, the customer's engagement
// and the store's opt-out, and stores what these decide.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tally/error.hpp"
#include "tally/types.hpp"

namespace tally::domain {

// thank_you | we_miss_you | welcome_home
bool coupon_kind_known(const std::string& kind);

// When a customer last engaged with a brand (business days), each way it can.
struct Engagement {
  std::optional<std::int64_t> card;      // a punch on a card of the brand's frequent-buyer or tracking program
  std::optional<std::int64_t> offer;     // a redemption of the brand's offer
  std::optional<std::int64_t> adoption;  // an adoption bundle holding the brand's product
};

// Why the brand may not give this customer a coupon of `kind` on `today` (ok when it may):
// thank_you needs any engagement; we_miss_you a card of the brand whose last punch is at
// least `lapsed_days` old; welcome_home an adoption bundle with the brand's product.
std::pair<ErrorCode, std::string> coupon_issue_refusal(const std::string& kind, const Engagement& engagement,
                                                       std::int64_t today, int lapsed_days);

// A coupon at the till.
struct CouponUse {
  std::string customer_id;
  std::string location_id;
  std::int64_t day = 0;       // the visit's business day at the location
  bool opted_out = false;     // the location opted out of the brand's coupons
  std::vector<std::string> basket;  // the visit's sale lines' GTIN-14s
  bool taken_in_visit = false;      // the visit redeems it already
};

// Why the coupon cannot be redeemed in this visit (ok when it can), in this order: used
// (before, or already in this visit), another customer's, outside its period, the store opted
// out, no item of the coupon in the basket.
std::pair<ErrorCode, std::string> coupon_refusal(const Coupon& coupon, const CouponUse& use);

// The sale line item (GTIN-14) the coupon is taken against: the first of the basket that the
// coupon names; empty for a coupon on any visit.
std::string coupon_item(const Coupon& coupon, const std::vector<std::string>& basket);

}  // namespace tally::domain
