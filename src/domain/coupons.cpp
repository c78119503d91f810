// SPDX-License-Identifier: Apache-2.0
#include "domain/coupons.hpp"

#include <algorithm>

#include "domain/gtin.hpp"
#include "domain/time.hpp"

namespace tally::domain {

namespace {

std::string name_of(const Coupon& c) { return "coupon " + std::to_string(c.id); }

}  // namespace

bool coupon_kind_known(const std::string& kind) {
  return kind == "thank_you" || kind == "we_miss_you" || kind == "welcome_home";
}

std::pair<ErrorCode, std::string> coupon_issue_refusal(const std::string& kind, const Engagement& e,
                                                       std::int64_t today, int lapsed_days) {
  if (kind == "thank_you") {
    if (!e.card && !e.offer && !e.adoption)
      return {ErrorCode::not_engaged, "has no card, offer or adoption bundle of the brand"};
  } else if (kind == "we_miss_you") {
    if (!e.card) return {ErrorCode::not_engaged, "has never had a card of the brand"};
    if (today - *e.card < lapsed_days)
      return {ErrorCode::not_engaged, "had a punch of the brand on " + iso_date(date_from_day_number(*e.card)) +
                                          ", less than " + std::to_string(lapsed_days) + " days ago"};
  } else if (kind == "welcome_home") {
    if (!e.adoption) return {ErrorCode::not_engaged, "has had no adoption bundle with the brand's product"};
  }
  return {ErrorCode::ok, {}};
}

std::string coupon_item(const Coupon& coupon, const std::vector<std::string>& basket) {
  for (const auto& item : basket)
    for (const auto& upc : coupon.upcs)
      if (gtin_problem(upc).empty() && gtin14(upc) == item) return upc;
  return {};
}

std::pair<ErrorCode, std::string> coupon_refusal(const Coupon& c, const CouponUse& use) {
  if (c.status == "redeemed")
    return {ErrorCode::coupon_used, name_of(c) + " was redeemed on receipt " + c.receipt_id + " at " + c.location_id};
  if (use.taken_in_visit) return {ErrorCode::coupon_used, name_of(c) + " is redeemed in this visit already"};
  if (c.customer_id != use.customer_id)
    return {ErrorCode::coupon_not_applicable, name_of(c) + " belongs to another customer"};
  const auto starts = parse_date_day(c.starts_on);
  const auto ends = parse_date_day(c.ends_on);
  if (starts && use.day < *starts) return {ErrorCode::coupon_expired, name_of(c) + " is valid from " + c.starts_on};
  if (ends && use.day > *ends) return {ErrorCode::coupon_expired, name_of(c) + " expired after " + c.ends_on};
  if (use.opted_out)
    return {ErrorCode::coupon_not_applicable,
            use.location_id + " opted out of " + c.manufacturer_id + "'s coupons"};
  if (!c.upcs.empty() && coupon_item(c, use.basket).empty())
    return {ErrorCode::coupon_not_applicable, name_of(c) + " applies to items the basket does not hold"};
  return {ErrorCode::ok, {}};
}

}  // namespace tally::domain
