// SPDX-License-Identifier: Apache-2.0
// JSON documents at the edges: what the C ABI, the bindings and the command line speak.
// Parsers throw tally::Error (malformed_json or invalid_argument) naming the JSON path.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "tally/engine.hpp"
#include "tally/export.hpp"
#include "tally/types.hpp"

namespace tally {

// Timestamps in documents are either integers (Unix seconds) or ISO 8601 strings with a
// zone designator ("2026-11-22T14:30:00Z", "2026-11-22T09:30:00-05:00").
TALLY_API Timestamp parse_timestamp(std::string_view text);
TALLY_API std::string format_timestamp(Timestamp at);  // "2026-11-22T14:30:00Z"

TALLY_API Location location_from_json(std::string_view json);
TALLY_API Customer customer_from_json(std::string_view json);
TALLY_API Enrollment enrollment_from_json(std::string_view json);

// A whole visit in one document (CheckoutDocument, tally/engine.hpp).
TALLY_API CheckoutDocument checkout_document_from_json(std::string_view json);
// One element of a visit's "lines" and its "adoption" member, each a document of its own.
TALLY_API SaleLine sale_line_from_json(std::string_view json);
TALLY_API AdoptionRequest adoption_request_from_json(std::string_view json);
// One element of "points_redemptions": {"program": "...", "reward": "..."}; errors name the
// element by `index`.
TALLY_API PointsRedemptionRequest points_request_from_json(std::string_view json, std::size_t index = 0);

TALLY_API std::string to_json(const Location& location);
TALLY_API std::string to_json(const Customer& customer);
TALLY_API std::string to_json(const Enrollment& enrollment);
TALLY_API std::string to_json(const CheckoutResult& result);
TALLY_API std::string to_json(const std::vector<Punch>& punches);
TALLY_API std::string to_json(const std::vector<Reward>& rewards);
TALLY_API std::string to_json(const std::vector<Card>& cards);
TALLY_API std::string to_json(const std::vector<CreditLine>& lines);
TALLY_API std::string to_json(const std::vector<JournalEntry>& entries);
// [{"status": 0, "name": "ok", "result": {...}}, {"status": 12, "name": "receipt_conflict",
//   "message": "..."}]: Engine::run_checkouts' outcomes, in the documents' order.
TALLY_API std::string to_json(const std::vector<CheckoutOutcome>& outcomes);
TALLY_API std::string to_json(const CatalogSummary& summary);
TALLY_API std::string to_json(const CreditLine& line);
TALLY_API std::string to_json(const Batch& batch);
TALLY_API std::string to_json(const std::vector<Batch>& batches);
TALLY_API std::string to_json(const std::vector<BatchDue>& due);
TALLY_API std::string to_json(const Redemption& redemption);
TALLY_API std::string to_json(const ReturnResult& result);
TALLY_API std::string to_json(const Card& card);
TALLY_API std::string to_json(const std::vector<OfferStatus>& offers);
TALLY_API std::string to_json(const std::vector<PointsStatus>& statuses);
TALLY_API std::string to_json(const std::vector<CustomerPoints>& points);
TALLY_API std::string to_json(const std::vector<PointsHistoryEntry>& history);
TALLY_API std::string to_json(const AdoptionEligibility& eligibility);
TALLY_API std::string to_json(const Voucher& voucher);
TALLY_API std::string to_json(const std::vector<Voucher>& vouchers);
// Manufacturers' vouchers: {"program": "...", "location": "...", "ids": ["..."] | "count": 3,
// "expires": "2027-03-31", "note": "..."}; one element of a visit's "voucher_redemptions":
// {"voucher": "...", "upc": "...", "unit_price": 499}, errors naming the element by `index`.
TALLY_API VoucherIssue voucher_issue_from_json(std::string_view json);
TALLY_API VoucherRedemptionRequest voucher_request_from_json(std::string_view json, std::size_t index = 0);
TALLY_API std::string to_json(const std::vector<Coupon>& coupons);
TALLY_API std::string to_json(const Coupon& coupon);
TALLY_API std::string to_json(const std::vector<CouponStatus>& statuses);
TALLY_API std::string to_json(const CouponIssueResult& result);
// What a brand issues: {"manufacturer", "kind", "value", "upcs": [...], "starts_on",
// "ends_on", "customers": [...], "lapsed_days"}.
TALLY_API CouponIssue coupon_issue_from_json(std::string_view json);

// Lifecycle inputs as the C ABI and the bindings send them.
// {"role": "retailer" | "distributor" | "manufacturer", "id": "..."}
TALLY_API Actor actor_from_json(std::string_view json);
TALLY_API CreditMemo credit_memo_from_json(std::string_view json);  // {"number", "amount", "note"}
TALLY_API ReturnRequest return_request_from_json(std::string_view json);
TALLY_API Cadence cadence_from_string(std::string_view name);  // weekly | biweekly | monthly | manual

}  // namespace tally
