// SPDX-License-Identifier: Apache-2.0
// JSON forms of the engine's records: what the API documents say and what is stored.
// The stored form is the document form plus a format version "v".
#pragma once

#include <boost/json/value.hpp>

#include "domain/cards.hpp"
#include "tally/error.hpp"
#include "tally/json.hpp"
#include "tally/types.hpp"

namespace tally::codec {

namespace json = boost::json;

inline constexpr std::int64_t kRecordVersion = 1;

json::value to_value(const Location& location);
json::value to_value(const Customer& customer);
json::value to_value(const Enrollment& enrollment);
json::value to_value(const SaleLine& line);
json::value to_value(const Punch& punch);
json::value to_value(const Reward& reward);
json::value to_value(const Redemption& redemption);
json::value to_value(const CreditLine& line);
json::value to_value(const CheckoutResult& result);
json::value to_value(const Card& card);
json::value to_value(const JournalEntry& entry);
json::value to_value(const RedemptionRequest& request);
json::value to_value(const Batch& batch);
json::value to_value(const OfferRedemptionRequest& request);
json::value to_value(const AdoptionRequest& request);
json::value to_value(const OfferStatus& status);
json::value to_value(const PointsActivity& activity);
json::value to_value(const PointsStatus& status);
json::value to_value(const CustomerPoints& points);
json::value to_value(const PointsHistoryEntry& entry);
json::value to_value(const Voucher& voucher);
json::value to_value(const VoucherRedemptionRequest& request);
VoucherRedemptionRequest voucher_request_from(const json::value& v, const std::string& path, ErrorCode code);
VoucherIssue voucher_issue_from(const json::value& v, const std::string& path, ErrorCode code);
json::value to_value(const Coupon& coupon);
json::value to_value(const CouponStatus& status);
json::value to_value(const CouponIssueResult& result);
OfferRedemptionRequest offer_request_from(const json::value& v, const std::string& path, ErrorCode code);
AdoptionRequest adoption_request_from(const json::value& v, const std::string& path, ErrorCode code);
Batch batch_from(const json::value& v, const std::string& path, ErrorCode code);

// Readers; `code` is invalid_argument for API documents, storage_corrupt for records.
Location location_from(const json::value& v, const std::string& path, ErrorCode code);
Customer customer_from(const json::value& v, const std::string& path, ErrorCode code);
Enrollment enrollment_from(const json::value& v, const std::string& path, ErrorCode code);
SaleLine sale_line_from(const json::value& v, const std::string& path, ErrorCode code);
RedemptionRequest redemption_request_from(const json::value& v, const std::string& path, ErrorCode code);
CreditLine credit_line_from(const json::value& v, const std::string& path, ErrorCode code);
CheckoutResult checkout_result_from(const json::value& v, const std::string& path, ErrorCode code);
// Storage format 1 wrote cards as JSON; read when such a store is migrated.
domain::CardState card_state_from(const json::value& v, const std::string& path, ErrorCode code);

// The public view of a stored card.
Card to_card(const domain::CardState& state, int required);

// Adds the format version to a record before it is stored.
std::string stored(json::value value);

}  // namespace tally::codec
