// SPDX-License-Identifier: Apache-2.0
// The public JSON entry points (tally/json.hpp).
#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/time.hpp"
#include "tally/json.hpp"
#include "tally/limits.hpp"

namespace tally {

namespace json = boost::json;
using codec::Reader;

namespace {

constexpr ErrorCode kDoc = ErrorCode::invalid_argument;

template <class T>
std::string array_json(const std::vector<T>& items) {
  json::array a;
  a.reserve(items.size());
  for (const auto& item : items) a.push_back(codec::to_value(item));
  return json::serialize(a);
}

PointsRedemptionRequest points_request(const json::value& v, std::size_t index) {
  Reader r(v, "points_redemptions[" + std::to_string(index) + "]", kDoc);
  r.only({"program", "reward"});
  return {r.id("program"), r.id("reward")};
}

}  // namespace

Timestamp parse_timestamp(std::string_view text) {
  // Plain digits are Unix seconds; anything else must be ISO 8601.
  bool digits = !text.empty();
  for (std::size_t i = 0; i < text.size(); ++i)
    digits = digits && ((text[i] >= '0' && text[i] <= '9') || (i == 0 && text[i] == '-' && text.size() > 1));
  if (digits) {
    try {
      return domain::check_timestamp(std::stoll(std::string(text)), "timestamp");
    } catch (const std::out_of_range&) {
      throw Error(ErrorCode::invalid_argument, "timestamp: " + limits::quoted(text) + " is out of range");
    }
  }
  return domain::parse_iso8601(text, "timestamp");
}

std::string format_timestamp(Timestamp at) { return domain::format_iso8601(at); }

Location location_from_json(std::string_view text) {
  return codec::location_from(codec::parse_document(text), "", kDoc);
}

Customer customer_from_json(std::string_view text) {
  return codec::customer_from(codec::parse_document(text), "", kDoc);
}

Enrollment enrollment_from_json(std::string_view text) {
  return codec::enrollment_from(codec::parse_document(text), "", kDoc);
}

CheckoutDocument checkout_document_from_json(std::string_view text) {
  json::value doc = codec::parse_document(text);
  Reader r(doc, "", kDoc);
  r.only({"location", "customer", "receipt", "at", "multi_punch_reason", "lines", "redemptions", "redeem_later",
          "offer_redemptions", "declined_offers", "adoption", "points_redemptions", "pass_uses",
          "coupon_redemptions", "voucher_redemptions"});
  CheckoutDocument d;
  d.open.location_id = r.id("location");
  d.open.customer_id = r.id("customer");
  d.open.receipt_id = r.id("receipt", limits::kReceiptIdBytes);
  d.open.at = r.timestamp("at");
  d.open.multi_punch_reason = r.str_or("multi_punch_reason");
  const json::array& lines = r.array("lines", false);
  // The checkout's own limit (Checkout::add_line), refused before a line is read.
  if (lines.size() > limits::kLines) r.fail("lines", "a checkout holds at most " + std::to_string(limits::kLines) + " lines");
  for (std::size_t i = 0; i < lines.size(); ++i)
    d.lines.push_back(codec::sale_line_from(lines[i], "lines[" + std::to_string(i) + "]", kDoc));
  const json::array& redemptions = r.array("redemptions", false);
  for (std::size_t i = 0; i < redemptions.size(); ++i)
    d.redemptions.push_back(codec::redemption_request_from(redemptions[i], "redemptions[" + std::to_string(i) + "]", kDoc));
  const json::array& later = r.array("redeem_later", false);
  for (std::size_t i = 0; i < later.size(); ++i) {
    Reader l = r.element(later, i, "redeem_later");
    l.only({"program", "card"});
    d.redeem_later.emplace_back(l.id("program"), l.id("card"));
  }
  const json::array& offers = r.array("offer_redemptions", false);
  for (std::size_t i = 0; i < offers.size(); ++i)
    d.offer_redemptions.push_back(codec::offer_request_from(offers[i], "offer_redemptions[" + std::to_string(i) + "]", kDoc));
  d.declined_offers = r.strings("declined_offers", false, limits::kIdBytes);
  if (r.has("adoption")) d.adoption = codec::adoption_request_from(doc.at("adoption"), "adoption", kDoc);
  const json::array& points = r.array("points_redemptions", false);
  for (std::size_t i = 0; i < points.size(); ++i)
    d.points_redemptions.push_back(points_request(points[i], i));
  const json::array& uses = r.array("pass_uses", false);
  for (std::size_t i = 0; i < uses.size(); ++i) {
    Reader u = r.element(uses, i, "pass_uses");
    u.only({"program", "card", "quantity"});
    d.pass_uses.push_back({u.id("program"), u.id("card"),
                           static_cast<std::int32_t>(
                               u.opt_integer("quantity", 1, limits::kQuantity, ErrorCode::invalid_quantity).value_or(1))});
  }
  const json::array& vouchers = r.array("voucher_redemptions", false);
  for (std::size_t i = 0; i < vouchers.size(); ++i)
    d.voucher_redemptions.push_back(
        codec::voucher_request_from(vouchers[i], "voucher_redemptions[" + std::to_string(i) + "]", kDoc));
  const json::array& coupons = r.array("coupon_redemptions", false);
  for (std::size_t i = 0; i < coupons.size(); ++i) {
    Reader c = r.element(coupons, i, "coupon_redemptions");
    c.only({"coupon"});
    d.coupon_redemptions.push_back(c.integer("coupon", 1, INT64_MAX));
  }
  return d;
}

std::string to_json(const Location& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const Customer& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const Enrollment& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const CheckoutResult& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const std::vector<Punch>& v) { return array_json(v); }
std::string to_json(const std::vector<Reward>& v) { return array_json(v); }
std::string to_json(const std::vector<Card>& v) { return array_json(v); }
std::string to_json(const std::vector<CreditLine>& v) { return array_json(v); }
std::string to_json(const std::vector<JournalEntry>& v) { return array_json(v); }

std::string to_json(const std::vector<CheckoutOutcome>& outcomes) {
  json::array a;
  a.reserve(outcomes.size());
  for (const auto& o : outcomes) {
    json::object item{{"status", static_cast<int>(o.code)}, {"name", error_code_name(o.code)}};
    if (o.code == ErrorCode::ok) item["result"] = codec::to_value(o.result);
    else item["message"] = o.message;
    a.push_back(std::move(item));
  }
  return json::serialize(a);
}

std::string to_json(const CreditLine& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const Batch& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const std::vector<Batch>& v) { return array_json(v); }
std::string to_json(const Redemption& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const Card& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const std::vector<OfferStatus>& v) { return array_json(v); }
std::string to_json(const std::vector<PointsStatus>& v) { return array_json(v); }
std::string to_json(const std::vector<CustomerPoints>& v) { return array_json(v); }
std::string to_json(const std::vector<PointsHistoryEntry>& v) { return array_json(v); }

std::string to_json(const std::vector<Coupon>& v) { return array_json(v); }
std::string to_json(const Coupon& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const std::vector<CouponStatus>& v) { return array_json(v); }
std::string to_json(const CouponIssueResult& v) { return json::serialize(codec::to_value(v)); }

CouponIssue coupon_issue_from_json(std::string_view text) {
  json::value doc = codec::parse_document(text);
  Reader r(doc, "", kDoc);
  r.only({"manufacturer", "kind", "value", "upcs", "starts_on", "ends_on", "customers", "lapsed_days"});
  CouponIssue q;
  q.manufacturer_id = r.id("manufacturer");
  q.kind = r.str("kind", limits::kNameBytes);
  const auto value = r.opt_integer("value", 1, limits::kPriceCents, ErrorCode::invalid_price);
  if (!value) r.fail("value", "is required");
  q.value = *value;
  q.upcs = r.strings("upcs", false, limits::kIdBytes);
  q.starts_on = r.str("starts_on", limits::kNameBytes);
  q.ends_on = r.str("ends_on", limits::kNameBytes);
  q.customer_ids = r.strings("customers", true, limits::kIdBytes);
  q.lapsed_days = static_cast<int>(r.opt_integer("lapsed_days", 1, 3650).value_or(q.lapsed_days));
  return q;
}

std::string to_json(const AdoptionEligibility& e) {
  return json::serialize(json::object{{"eligible", e.eligible}, {"reason", e.reason}, {"next_eligible", e.next_eligible}});
}

std::string to_json(const std::vector<BatchDue>& due) {
  json::array a;
  for (const auto& d : due)
    a.push_back({{"location", d.location_id}, {"cadence", d.cadence}, {"anchor_date", d.anchor_date},
                 {"due", d.due}, {"new_lines", d.new_lines}});
  return json::serialize(a);
}

std::string to_json(const ReturnResult& r) {
  return json::serialize(json::object{{"return_id", r.return_id}, {"punches_removed", r.punches_removed},
                                      {"debt_added", r.debt_added}, {"cash_back_taken", r.cash_back_taken},
                                      {"points_returned", r.points_returned}, {"replayed", r.replayed}});
}

std::string to_json(const Voucher& v) { return json::serialize(codec::to_value(v)); }
std::string to_json(const std::vector<Voucher>& v) { return array_json(v); }

VoucherIssue voucher_issue_from_json(std::string_view text) {
  return codec::voucher_issue_from(codec::parse_document(text), "", kDoc);
}

VoucherRedemptionRequest voucher_request_from_json(std::string_view text, std::size_t index) {
  return codec::voucher_request_from(codec::parse_document(text), "voucher_redemptions[" + std::to_string(index) + "]",
                                     kDoc);
}

PointsRedemptionRequest points_request_from_json(std::string_view text, std::size_t index) {
  return points_request(codec::parse_document(text), index);
}

SaleLine sale_line_from_json(std::string_view text) {
  return codec::sale_line_from(codec::parse_document(text), "line", kDoc);
}

AdoptionRequest adoption_request_from_json(std::string_view text) {
  return codec::adoption_request_from(codec::parse_document(text), "adoption", kDoc);
}

Actor actor_from_json(std::string_view text) {
  json::value doc = codec::parse_document(text);
  Reader r(doc, "actor", kDoc);
  r.only({"role", "id"});
  const std::string role = r.str("role", limits::kNameBytes);
  Actor actor;
  if (role == "retailer") actor.role = ActorRole::retailer;
  else if (role == "distributor") actor.role = ActorRole::distributor;
  else if (role == "manufacturer") actor.role = ActorRole::manufacturer;
  else r.fail("role", limits::quoted(role) + " must be retailer, distributor or manufacturer");
  actor.id = r.id_or("id");
  return actor;
}

CreditMemo credit_memo_from_json(std::string_view text) {
  json::value doc = codec::parse_document(text);
  Reader r(doc, "memo", kDoc);
  r.only({"number", "amount", "note"});
  std::string number = r.id("number");
  // An amount out of range is invalid_price, as for a typed memo (Engine::fulfill_batch).
  const auto amount = r.opt_integer("amount", 0, INT64_MAX, ErrorCode::invalid_price);
  if (!amount) r.fail("amount", "is required");
  return CreditMemo{std::move(number), *amount, r.str_or("note")};
}

ReturnRequest return_request_from_json(std::string_view text) {
  json::value doc = codec::parse_document(text);
  Reader r(doc, "", kDoc);
  r.only({"location", "receipt", "line", "quantity", "return_id", "at"});
  ReturnRequest q;
  q.location_id = r.id("location");
  q.receipt_id = r.id("receipt", limits::kReceiptIdBytes);
  q.line_index = static_cast<int>(r.integer("line", 0, 100000));
  q.quantity = static_cast<std::int32_t>(
      r.opt_integer("quantity", 1, limits::kQuantity, ErrorCode::invalid_quantity).value_or(1));
  q.return_id = r.id("return_id", limits::kReceiptIdBytes);
  q.at = r.timestamp("at");
  return q;
}

Cadence cadence_from_string(std::string_view name) {
  if (name == "weekly") return Cadence::weekly;
  if (name == "biweekly") return Cadence::biweekly;
  if (name == "monthly") return Cadence::monthly;
  if (name == "manual") return Cadence::manual;
  throw Error(ErrorCode::invalid_argument, "cadence: " + limits::quoted(name) + " must be weekly, biweekly, monthly or manual");
}

std::string to_json(const CatalogSummary& s) {
  return json::serialize(json::object{{"manufacturers", s.manufacturers}, {"distributors", s.distributors},
                                      {"products", s.products}, {"programs", s.programs}});
}

}  // namespace tally
