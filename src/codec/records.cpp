// SPDX-License-Identifier: Apache-2.0
#include "codec/records.hpp"

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "domain/gtin.hpp"
#include "domain/time.hpp"

namespace tally::codec {
namespace {

template <class T>
json::array array_of(const std::vector<T>& items) {
  json::array a;
  a.reserve(items.size());
  for (const auto& item : items) a.push_back(to_value(item));
  return a;
}

// Reads each element of the array under `key` with read(value, path).
template <class T, class Read>
std::vector<T> read_array(const Reader& r, std::string_view key, Read read) {
  const json::array& a = r.array(key, false);
  std::vector<T> out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    out.push_back(read(a[i], r.field(key) + "[" + std::to_string(i) + "]"));
  return out;
}

json::value opt(const std::optional<std::int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

json::array events_json(const std::vector<CreditLineEvent>& events) {
  json::array a;
  for (const auto& e : events) a.push_back({{"state", e.state}, {"at", e.at}, {"actor", e.actor}, {"note", e.note}});
  return a;
}

std::vector<CreditLineEvent> events_from(const Reader& r, ErrorCode code) {
  return read_array<CreditLineEvent>(r, "history", [&](const json::value& item, const std::string& at) {
    Reader e(item, at, code);
    return CreditLineEvent{e.str("state"), e.integer("at", INT64_MIN, INT64_MAX), e.str("actor"), e.str_or("note")};
  });
}

bool plausible_email(const std::string& email) {
  auto at = email.find('@');
  return at != std::string::npos && at > 0 && email.find('.', at) != std::string::npos &&
         email.back() != '.' && email.find(' ') == std::string::npos;
}

bool plausible_phone(const std::string& phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') ++digits;
    else if (std::string_view(" +-().").find(c) == std::string_view::npos) return false;
  }
  return digits >= 7 && digits <= 15;
}

bool plain_text(const std::string& s, std::size_t max) {
  if (s.size() > max) return false;
  for (unsigned char c : s)
    if (c < 0x20) return false;
  return true;
}

std::string checked_text(const Reader& r, std::string_view key, bool required, std::size_t max = limits::kNameBytes) {
  std::string s = required ? r.str(key, max) : r.str_or(key, {}, max);
  if (!plain_text(s, max))
    r.fail(key, "must be at most " + std::to_string(max) + " bytes without control characters");
  return s;
}

// A unit price in cents: out of range, however far, is invalid_price (the domain's code).
std::optional<Cents> price(const Reader& r, std::string_view key) {
  return r.opt_integer(key, 0, limits::kPriceCents, ErrorCode::invalid_price);
}

CustomerType customer_type(const Reader& r) {
  std::string t = r.str_or("type", "pet_owner", limits::kNameBytes);
  if (t == "pet_owner") return CustomerType::pet_owner;
  if (t == "breeder") return CustomerType::breeder;
  if (t == "employee") return CustomerType::employee;
  r.fail("type", limits::quoted(t) + " must be pet_owner, breeder or employee");
}

domain::PunchRecord punch_record_from(const Reader& r) {
  domain::PunchRecord p;
  p.upc = r.str("upc");
  p.unit_price = r.integer("unit_price", 0, INT64_MAX);
  p.at = r.integer("at", INT64_MIN, INT64_MAX);
  p.day = r.integer("day", INT64_MIN, INT64_MAX);
  p.receipt_id = r.str_or("receipt");
  p.location_id = r.str_or("location");
  p.exception = r.boolean_or("exception", false);
  p.reason = r.str_or("reason");
  return p;
}

domain::CardStatus card_status(const Reader& r) {
  std::string s = r.str("status");
  if (s == "open") return domain::CardStatus::open;
  if (s == "complete") return domain::CardStatus::complete;
  if (s == "redeemed") return domain::CardStatus::redeemed;
  r.fail("status", "'" + s + "' is not a card status");
}

}  // namespace

std::string stored(json::value value) {
  value.as_object()["v"] = kRecordVersion;
  return codec::serialize(value);
}

json::value to_value(const Location& l) {
  return {{"id", l.id}, {"name", l.name}, {"state", l.state}, {"time_zone", l.time_zone},
          {"master", l.master}};
}

Location location_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"id", "name", "state", "time_zone", "master", "v"});
  Location l;
  l.id = checked_text(r, "id", true, limits::kIdBytes);
  l.name = checked_text(r, "name", true);
  l.state = r.str("state", limits::kNameBytes);
  if (l.state.size() != 2 || !std::isupper(static_cast<unsigned char>(l.state[0])) ||
      !std::isupper(static_cast<unsigned char>(l.state[1])))
    r.fail("state", limits::quoted(l.state) + " must be a 2-letter upper-case code");
  l.time_zone = r.str("time_zone", limits::kNameBytes);
  try {
    domain::TimeZone::parse(l.time_zone, r.field("time_zone"));
  } catch (const Error& e) {
    throw Error(code, e.what());
  }
  l.master = r.boolean_or("master", false);
  return l;
}

json::value to_value(const Customer& c) {
  json::object o{{"id", c.id},
                 {"first_name", c.first_name},
                 {"last_name", c.last_name},
                 {"email", c.email},
                 {"phone", c.phone},
                 {"mailing_address", c.mailing_address},
                 {"type", domain::to_string(c.type)},
                 {"test", c.test}};
  o["app_since"] = opt(c.app_since);
  if (!c.merged_into.empty()) o["merged_into"] = c.merged_into;
  return o;
}

Customer customer_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"id", "first_name", "last_name", "email", "phone", "mailing_address", "type", "test",
          "app_since", "merged_into", "v"});
  Customer c;
  c.id = checked_text(r, "id", false, limits::kIdBytes);
  c.first_name = checked_text(r, "first_name", true);
  c.last_name = checked_text(r, "last_name", true);
  c.email = checked_text(r, "email", false);
  if (!c.email.empty() && !plausible_email(c.email)) r.fail("email", limits::quoted(c.email) + " is not an email address");
  c.phone = checked_text(r, "phone", false);
  if (!c.phone.empty() && !plausible_phone(c.phone)) r.fail("phone", limits::quoted(c.phone) + " is not a phone number");
  c.mailing_address = checked_text(r, "mailing_address", false, limits::kTextBytes);
  c.type = customer_type(r);
  c.test = r.boolean_or("test", false);
  c.app_since = r.opt_timestamp("app_since");
  c.merged_into = r.id_or("merged_into");
  return c;
}

json::value to_value(const Enrollment& e) {
  json::object o{{"location", e.location_id}, {"program", e.program_id},
                 {"distributor", e.distributor_id}, {"account_number", e.account_number},
                 {"status", e.status}, {"source", e.source}};
  if (!e.rule_id.empty()) o["rule"] = e.rule_id;
  return o;
}

Enrollment enrollment_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"location", "program", "distributor", "account_number", "status", "source", "rule", "v"});
  Enrollment e;
  e.location_id = r.id("location");
  e.program_id = r.id("program");
  e.distributor_id = r.id_or("distributor");
  e.account_number = checked_text(r, "account_number", false, limits::kIdBytes);
  e.status = r.str_or("status", "approved", limits::kNameBytes);
  if (e.status != "approved" && e.status != "pending" && e.status != "denied")
    r.fail("status", limits::quoted(e.status) + " must be approved, pending or denied");
  e.source = r.str_or("source", "manual", limits::kNameBytes);
  if (e.source != "manual" && e.source != "auto") r.fail("source", limits::quoted(e.source) + " must be manual or auto");
  e.rule_id = r.id_or("rule");
  return e;
}

json::value to_value(const SaleLine& l) {
  json::object o{{"upc", l.upc}, {"quantity", l.quantity}, {"unit_price", l.unit_price}};
  if (!l.exception_program.empty() || !l.exception_card.empty())
    o["exception"] = {{"program", l.exception_program}, {"card", l.exception_card},
                      {"reason", l.exception_reason}};
  return o;
}

SaleLine sale_line_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"upc", "quantity", "unit_price", "exception"});
  SaleLine l;
  l.upc = r.str("upc", limits::kNameBytes);
  // Out of range, whatever the number (10001 or 2^31), is invalid_quantity / invalid_price,
  // the domain's codes for a typed line; a value that is not a JSON integer is the reader's.
  l.quantity = static_cast<std::int32_t>(
      r.opt_integer("quantity", 1, limits::kQuantity, ErrorCode::invalid_quantity).value_or(1));
  l.unit_price = price(r, "unit_price").value_or(0);
  if (!r.has("unit_price")) r.fail("unit_price", "is required");
  if (r.has("exception")) {
    Reader x = r.object("exception");
    x.only({"program", "card", "reason"});
    l.exception_program = x.id("program");
    l.exception_card = x.id("card");
    l.exception_reason = checked_text(x, "reason", false, limits::kTextBytes);
  }
  return l;
}

json::value to_value(const RedemptionRequest& q) {
  json::object o{{"program", q.program_id}, {"card", q.card_id}, {"upc", q.upc}};
  o["unit_price"] = opt(q.unit_price);
  return o;
}

RedemptionRequest redemption_request_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"program", "card", "upc", "unit_price"});
  RedemptionRequest q;
  q.program_id = r.id("program");
  q.card_id = r.id("card");
  // Absent for a reward with no item to choose (a discount, cash back).
  q.upc = r.str_or("upc", {}, limits::kNameBytes);
  q.unit_price = price(r, "unit_price");
  return q;
}

json::value to_value(const Punch& p) {
  return {{"program", p.program_id}, {"card", p.card_id}, {"card_number", p.card_number},
          {"punch_number", p.punch_number}, {"line", p.line_index}, {"exception", p.exception},
          {"completes_card", p.completes_card}};
}

json::value to_value(const Reward& w) {
  json::array allowed;
  for (const auto& item : w.allowed)
    allowed.push_back({{"upc", item.upc}, {"description", item.description}, {"size", item.size},
                       {"unit_price", opt(item.unit_price)}});
  json::object o{{"program", w.program_id}, {"program_name", w.program_name},
                 {"card", w.card_id}, {"card_name", w.card_name},
                 {"card_number", w.card_number}, {"quantity", w.quantity},
                 {"free_item_rule", w.free_item_rule}, {"allowed", std::move(allowed)}};
  if (w.max_unit_price) o["max_unit_price"] = *w.max_unit_price;
  if (!w.size.empty()) o["size"] = w.size;
  if (w.cash_back) o["cash_back"] = *w.cash_back;
  if (w.pass_uses_left) o["pass_uses_left"] = *w.pass_uses_left;
  return o;
}

json::value to_value(const Redemption& d) {
  return {{"id", d.id}, {"kind", d.kind}, {"program", d.program_id}, {"card", d.card_id},
          {"card_number", d.card_number}, {"upc", d.upc}, {"quantity", d.quantity},
          {"unit_price", d.unit_price}, {"credit_line", d.credit_line_id},
          {"credit_state", d.credit_state}};
}

json::value to_value(const CreditLine& c) {
  return {{"id", c.id}, {"stream", c.stream}, {"state", c.state},
          {"fulfillment", c.fulfillment}, {"partner", c.partner},
          {"account_number", c.account_number}, {"manufacturer", c.manufacturer_id},
          {"program", c.program_id}, {"card", c.card_id}, {"location", c.location_id},
          {"customer", c.customer_id}, {"receipt", c.receipt_id},
          {"redemption", c.redemption_id}, {"upc", c.upc}, {"quantity", c.quantity},
          {"unit_price", c.unit_price}, {"created_at", c.created_at},
          {"business_date", c.business_date}, {"program_kind", c.program_kind},
          {"batch", c.batch_id}, {"credit_batch", c.credit_batch_id},
          {"decline_reason", c.decline_reason}, {"decline_note", c.decline_note},
          {"resubmitted_at", opt(c.resubmitted_at)}, {"reverses", c.reverses},
          {"history", events_json(c.history)}};
}

CreditLine credit_line_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  CreditLine c;
  c.id = r.integer("id", 1, INT64_MAX);
  c.stream = r.str("stream");
  c.state = r.str("state");
  c.fulfillment = r.str("fulfillment");
  c.partner = r.str("partner");
  c.account_number = r.str_or("account_number");
  c.manufacturer_id = r.str_or("manufacturer");
  c.program_id = r.str("program");
  c.card_id = r.str_or("card");
  c.location_id = r.str("location");
  c.customer_id = r.str("customer");
  c.receipt_id = r.str_or("receipt");
  c.redemption_id = r.integer("redemption", 0, INT64_MAX);
  c.upc = r.str("upc");
  c.quantity = static_cast<int>(r.integer("quantity", INT32_MIN, INT32_MAX));
  c.unit_price = r.integer("unit_price", INT64_MIN, INT64_MAX);
  c.created_at = r.integer("created_at", INT64_MIN, INT64_MAX);
  c.business_date = r.str_or("business_date");
  c.program_kind = r.str_or("program_kind");
  c.batch_id = r.integer_or("batch", 0, 0, INT64_MAX);
  c.credit_batch_id = r.integer_or("credit_batch", 0, 0, INT64_MAX);
  c.decline_reason = r.str_or("decline_reason");
  c.decline_note = r.str_or("decline_note");
  c.resubmitted_at = r.opt_integer("resubmitted_at", INT64_MIN, INT64_MAX);
  c.reverses = r.integer_or("reverses", 0, 0, INT64_MAX);
  c.history = events_from(r, code);
  return c;
}

json::value to_value(const CheckoutResult& x) {
  json::array rewards = array_of(x.rewards_waiting);
  json::object o{{"location", x.location_id}, {"receipt", x.receipt_id},
                 {"customer", x.customer_id}, {"at", x.at}, {"business_date", x.business_date},
                 {"lines", array_of(x.lines)}, {"punches", array_of(x.punches)},
                 {"redemptions", array_of(x.redemptions)}, {"rewards_waiting", std::move(rewards)},
                 {"replayed", x.replayed}, {"journal_seq", x.journal_seq}};
  // Only visits that touched points say so: every other result reads as it always did.
  if (!x.points.empty()) o["points"] = array_of(x.points);
  return o;
}

json::value to_value(const PointsActivity& a) {
  json::array events, redeemed;
  for (const auto& e : a.events) {
    json::array shares(e.line_points.begin(), e.line_points.end());
    events.push_back({{"event", e.event_id}, {"points", e.points}, {"line_points", std::move(shares)}});
  }
  for (const auto& t : a.redeemed)
    redeemed.push_back({{"reward", t.reward_id}, {"title", t.title}, {"points", t.points}, {"redemption", t.redemption_id}});
  return {{"program", a.program_id}, {"balance_before", a.balance_before}, {"expired", a.expired},
          {"earned", a.earned}, {"events", std::move(events)}, {"redeemed", std::move(redeemed)},
          {"balance", a.balance}};
}

json::value to_value(const PointsStatus& s) {
  json::array rewards;
  for (const auto& r : s.rewards) {
    json::object o{{"reward", r.reward_id}, {"title", r.title}, {"points", r.points}, {"available", r.available},
                   {"taken", r.taken}};
    if (!r.available) {
      o["refusal"] = r.refusal;
      o["reason"] = r.reason;
    }
    rewards.push_back(std::move(o));
  }
  return {{"program", s.program_id}, {"name", s.name}, {"balance", s.balance}, {"earned", s.earned},
          {"redeemed", s.redeemed}, {"balance_after", s.balance_after},
          {"redeemable_same_day", s.redeemable_same_day}, {"rewards", std::move(rewards)}};
}

json::value to_value(const CustomerPoints& c) {
  json::array lots, taken;
  for (const auto& l : c.lots)
    lots.push_back({{"earned_on", l.earned_on}, {"location", l.location_id}, {"points", l.points},
                    {"expires_on", l.expires_on.empty() ? json::value(nullptr) : json::value(l.expires_on)}});
  for (const auto& t : c.rewards_taken) taken.push_back({{"reward", t.reward_id}, {"count", t.count}});
  return {{"customer", c.customer_id}, {"program", c.program_id}, {"name", c.name}, {"active", c.active},
          {"balance", c.balance}, {"debt", c.debt}, {"lots", std::move(lots)}, {"rewards_taken", std::move(taken)}};
}

json::value to_value(const PointsHistoryEntry& e) {
  json::object o{{"number", e.number}, {"kind", e.kind}, {"points", e.points}, {"balance", e.balance},
                 {"at", e.at}, {"business_date", e.business_date}, {"location", e.location_id}};
  if (!e.receipt_id.empty()) o["receipt"] = e.receipt_id;
  if (!e.return_id.empty()) o["return_id"] = e.return_id;
  if (!e.reward_id.empty()) o["reward"] = e.reward_id;
  if (e.redemption_id) o["redemption"] = e.redemption_id;
  return o;
}

json::value to_value(const Coupon& c) {
  json::array upcs;
  for (const auto& upc : c.upcs) upcs.push_back(json::value(upc));
  json::object o{{"id", c.id}, {"customer", c.customer_id}, {"manufacturer", c.manufacturer_id}, {"kind", c.kind},
                 {"value", c.value}, {"upcs", std::move(upcs)}, {"starts_on", c.starts_on}, {"ends_on", c.ends_on},
                 {"issued_at", c.issued_at}, {"status", c.status}};
  if (c.status == "redeemed") {
    o["location"] = c.location_id;
    o["receipt"] = c.receipt_id;
    o["redeemed_at"] = c.redeemed_at.value_or(0);
    o["redemption"] = c.redemption_id;
    o["credit_line"] = c.credit_line_id;
  }
  return o;
}

json::value to_value(const CouponStatus& s) {
  json::object o{{"coupon", to_value(s.coupon)}, {"usable", s.usable}, {"redeemed", s.redeemed}};
  if (!s.refusal.empty()) {
    o["refusal"] = s.refusal;
    o["reason"] = s.reason;
  }
  return o;
}

json::value to_value(const CouponIssueResult& x) {
  json::array issued, refused;
  for (const auto& c : x.issued) issued.push_back(to_value(c));
  for (const auto& r : x.refused)
    refused.push_back({{"customer", r.customer_id}, {"refusal", r.refusal}, {"reason", r.reason}});
  return {{"issued", std::move(issued)}, {"refused", std::move(refused)}};
}

CheckoutResult checkout_result_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  CheckoutResult x;
  x.location_id = r.str("location");
  x.receipt_id = r.str("receipt");
  x.customer_id = r.str("customer");
  x.at = r.integer("at", INT64_MIN, INT64_MAX);
  x.business_date = r.str("business_date");
  x.lines = read_array<SaleLine>(r, "lines", [&](const json::value& item, const std::string& at) {
    return sale_line_from(item, at, code);
  });
  x.punches = read_array<Punch>(r, "punches", [&](const json::value& item, const std::string& at) {
    Reader e(item, at, code);
    Punch p;
    p.program_id = e.str("program");
    p.card_id = e.str("card");
    p.card_number = e.integer("card_number", 0, INT64_MAX);
    p.punch_number = static_cast<int>(e.integer("punch_number", 0, INT32_MAX));
    p.line_index = static_cast<int>(e.integer("line", 0, INT32_MAX));
    p.exception = e.boolean_or("exception", false);
    p.completes_card = e.boolean_or("completes_card", false);
    return p;
  });
  x.redemptions = read_array<Redemption>(r, "redemptions", [&](const json::value& item, const std::string& at) {
    Reader e(item, at, code);
    Redemption d;
    d.id = e.integer("id", 0, INT64_MAX);
    d.kind = e.str_or("kind", "card");
    d.program_id = e.str("program");
    d.card_id = e.str_or("card");
    d.card_number = e.integer("card_number", 0, INT64_MAX);
    d.upc = e.str_or("upc");
    d.quantity = static_cast<int>(e.integer("quantity", 0, INT32_MAX));
    d.unit_price = e.integer("unit_price", 0, INT64_MAX);
    d.credit_line_id = e.integer("credit_line", 0, INT64_MAX);
    d.credit_state = e.str_or("credit_state");
    return d;
  });
  x.rewards_waiting = read_array<Reward>(r, "rewards_waiting", [&](const json::value& item, const std::string& at) {
    Reader e(item, at, code);
    Reward w;
    w.program_id = e.str("program");
    w.program_name = e.str_or("program_name");
    w.card_id = e.str("card");
    w.card_name = e.str_or("card_name");
    w.card_number = e.integer("card_number", 0, INT64_MAX);
    w.quantity = static_cast<int>(e.integer("quantity", 0, INT32_MAX));
    w.free_item_rule = e.str_or("free_item_rule");
    w.max_unit_price = e.opt_integer("max_unit_price", 0, INT64_MAX);
    w.size = e.str_or("size");
    w.allowed = read_array<AllowedItem>(e, "allowed", [&](const json::value& it, const std::string& p) {
      Reader a(it, p, code);
      return AllowedItem{a.str("upc"), a.str_or("description"), a.str_or("size"),
                         a.opt_integer("unit_price", 0, INT64_MAX)};
    });
    w.cash_back = e.opt_integer("cash_back", 0, INT64_MAX);
    if (auto uses = e.opt_integer("pass_uses_left", 0, INT32_MAX)) w.pass_uses_left = static_cast<int>(*uses);
    return w;
  });
  x.replayed = r.boolean_or("replayed", false);
  x.journal_seq = r.integer_or("journal_seq", 0, 0, INT64_MAX);
  return x;
}

domain::CardState card_state_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  domain::CardState c;
  c.number = r.integer("number", 1, INT64_MAX);
  c.customer_id = r.str("customer");
  c.program_id = r.str("program");
  c.card_id = r.str("card");
  c.size = r.str_or("size");
  c.status = card_status(r);
  c.debt = static_cast<int>(r.integer_or("debt", 0, 0, INT32_MAX));
  c.opened_at = r.integer("opened_at", INT64_MIN, INT64_MAX);
  c.completed_at = r.opt_integer("completed_at", INT64_MIN, INT64_MAX);
  c.redemption_id = r.integer_or("redemption", 0, 0, INT64_MAX);
  auto punch = [&](const json::value& item, const std::string& at) {
    return punch_record_from(Reader(item, at, code));
  };
  c.punches = read_array<domain::PunchRecord>(r, "punches", punch);
  c.expired = static_cast<int>(read_array<domain::PunchRecord>(r, "expired", punch).size());
  return c;
}

Card to_card(const domain::CardState& s, int required) {
  Card c;
  c.number = s.number;
  c.debt = s.debt;
  c.customer_id = s.customer_id;
  c.program_id = s.program_id;
  c.card_id = s.card_id;
  c.size = s.size;
  c.status = domain::to_string(s.status);
  c.required = required;
  for (const auto& p : s.punches)
    c.punches.push_back({p.upc, p.unit_price, p.at, p.receipt_id, p.location_id, p.exception, p.reason, p.cash_back});
  c.expired_punches = s.expired;
  c.opened_at = s.opened_at;
  c.completed_at = s.completed_at;
  c.redemption_id = s.redemption_id;
  c.cash_back = s.cash_back_due();
  c.cash_back_debt = s.cash_back_debt;
  return c;
}

json::value to_value(const Card& c) {
  json::array punches;
  for (const auto& p : c.punches) {
    json::object o{{"upc", p.upc}, {"unit_price", p.unit_price}, {"at", domain::format_iso8601(p.at)},
                   {"receipt", p.receipt_id}, {"location", p.location_id}};
    if (p.exception) o["exception"] = true;
    if (!p.reason.empty()) o["reason"] = p.reason;
    if (p.cash_back) o["cash_back"] = p.cash_back;
    punches.push_back(std::move(o));
  }
  json::object o{{"number", c.number}, {"customer", c.customer_id}, {"program", c.program_id},
                 {"card", c.card_id}, {"status", c.status}, {"required", c.required},
                 {"punch_count", c.punches.size()}, {"punches", std::move(punches)},
                 {"expired_punches", c.expired_punches},
                 {"opened_at", domain::format_iso8601(c.opened_at)}};
  if (!c.size.empty()) o["size"] = c.size;
  if (c.debt) o["debt"] = c.debt;
  if (c.completed_at) o["completed_at"] = domain::format_iso8601(*c.completed_at);
  if (c.redemption_id) o["redemption"] = c.redemption_id;
  if (c.cash_back || c.cash_back_debt) o["cash_back"] = c.cash_back;
  if (c.cash_back_debt) o["cash_back_debt"] = c.cash_back_debt;
  if (c.pass_uses_left) o["pass_uses_left"] = *c.pass_uses_left;
  return o;
}

json::value to_value(const Batch& b) {
  json::array lines, batches, locations;
  for (auto id : b.lines) lines.emplace_back(id);
  for (auto id : b.batches) batches.emplace_back(id);
  for (const auto& l : b.locations) locations.emplace_back(l);
  return {{"id", b.id}, {"kind", b.kind}, {"partner", b.partner}, {"manufacturer", b.manufacturer_id},
          {"stream", b.stream}, {"name", b.name}, {"state", b.state}, {"lines", std::move(lines)},
          {"batches", std::move(batches)}, {"locations", std::move(locations)},
          {"created_at", b.created_at}, {"memo_number", b.memo_number},
          {"credited_amount", b.credited_amount}, {"note", b.note}, {"history", events_json(b.history)}};
}

Batch batch_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  Batch b;
  b.id = r.integer("id", 1, INT64_MAX);
  b.kind = r.str("kind");
  b.partner = r.str("partner");
  b.manufacturer_id = r.str_or("manufacturer");
  b.stream = r.str("stream");
  b.name = r.str_or("name");
  b.state = r.str("state");
  auto ids = [&](std::string_view key) {
    return read_array<std::int64_t>(r, key, [&](const json::value& item, const std::string& at) {
      if (!item.is_int64()) throw Error(code, at + ": must be an id");
      return item.get_int64();
    });
  };
  b.lines = ids("lines");
  b.batches = ids("batches");
  b.locations = r.strings("locations", false);
  b.created_at = r.integer("created_at", INT64_MIN, INT64_MAX);
  b.memo_number = r.str_or("memo_number");
  b.credited_amount = r.integer_or("credited_amount", 0, INT64_MIN, INT64_MAX);
  b.note = r.str_or("note");
  b.history = events_from(r, code);
  return b;
}

json::value to_value(const OfferRedemptionRequest& q) {
  json::object o{{"offer", q.offer_id}, {"upc", q.upc}};
  o["unit_price"] = opt(q.unit_price);
  return o;
}

OfferRedemptionRequest offer_request_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"offer", "upc", "unit_price"});
  return {r.id("offer"), r.str_or("upc", {}, limits::kNameBytes), price(r, "unit_price")};
}

json::value to_value(const AdoptionRequest& a) {
  json::array upcs;
  for (const auto& u : a.upcs) upcs.emplace_back(u);
  json::object o{{"species", a.species}, {"adoption_date", a.adoption_date}, {"source", a.source},
                 {"bonded_pair", a.bonded_pair}, {"upcs", std::move(upcs)}};
  if (!a.unit_prices.empty()) {
    json::array prices;
    for (const auto& p : a.unit_prices) prices.push_back(opt(p));
    o["unit_prices"] = std::move(prices);
  }
  return o;
}

AdoptionRequest adoption_request_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"species", "adoption_date", "source", "bonded_pair", "upcs", "unit_prices"});
  AdoptionRequest a;
  a.species = r.str("species", limits::kNameBytes);
  a.adoption_date = r.str("adoption_date", limits::kNameBytes);
  a.source = r.str("source", limits::kNameBytes);
  a.bonded_pair = r.boolean_or("bonded_pair", false);
  a.upcs = r.strings("upcs", true, limits::kNameBytes);
  const json::array& prices = r.array("unit_prices", false);
  for (std::size_t i = 0; i < prices.size(); ++i) {
    if (prices[i].is_null()) {
      a.unit_prices.emplace_back();
    } else if (const auto* n = prices[i].if_int64()) {
      a.unit_prices.emplace_back(*n);
    } else if (prices[i].is_uint64()) {
      // Out of range, like any price past limits::kPriceCents (checked with the item).
      r.fail(ErrorCode::invalid_price, "unit_prices[" + std::to_string(i) + "]",
             "must be between 0 and " + std::to_string(limits::kPriceCents));
    } else {
      r.fail("unit_prices[" + std::to_string(i) + "]", "must be a whole number of cents or null");
    }
  }
  return a;
}

json::value to_value(const OfferStatus& s) {
  json::array items;
  for (const auto& item : s.reward_items)
    items.push_back({{"upc", item.upc}, {"description", item.description}, {"size", item.size},
                     {"unit_price", opt(item.unit_price)}});
  json::object o{{"offer", s.offer_id}, {"name", s.name}, {"manufacturer", s.manufacturer_id},
                 {"type", s.type}, {"active", s.active}, {"qualifying_units", s.qualifying_units},
                 {"earned", s.earned}, {"redeemed", s.redeemed}, {"declined", s.declined},
                 {"limit_reached", s.limit_reached}, {"available", s.available},
                 {"reward_items", std::move(items)}};
  if (!s.inactive_reason.empty()) o["inactive_reason"] = s.inactive_reason;
  o["customer_remaining"] = s.customer_remaining ? json::value(*s.customer_remaining) : json::value(nullptr);
  o["overall_remaining"] = opt(s.overall_remaining);
  if (s.type == "rebate") o["rebate"] = s.rebate;
  return o;
}

json::value to_value(const JournalEntry& e) {
  json::value doc;
  try {
    doc = parse_json(e.document, ErrorCode::storage_corrupt);
  } catch (const Error&) {
    doc = e.document;
  }
  return {{"seq", e.seq}, {"at", e.at}, {"kind", e.kind}, {"document", std::move(doc)}};
}

json::value to_value(const Voucher& v) {
  json::array allowed;
  for (const auto& upc : v.allowed_upcs) allowed.emplace_back(upc);
  json::object o{{"id", v.id}, {"program", v.program_id}, {"manufacturer", v.manufacturer_id},
                 {"location", v.location_id}, {"state", v.state}, {"expires", v.expires},
                 {"note", v.note}, {"issued_at", v.issued_at}, {"allowed_upcs", std::move(allowed)}};
  if (v.redemption_id) {
    o["receipt"] = v.receipt_id;
    o["redeemed_at"] = opt(v.redeemed_at);
    o["redeemed_on"] = v.redeemed_on;
    o["upc"] = v.upc;
    o["unit_price"] = v.unit_price;
    o["redemption"] = v.redemption_id;
    o["credit_line"] = v.credit_line_id;
  }
  return o;
}

json::value to_value(const VoucherRedemptionRequest& q) {
  return {{"voucher", q.voucher_id}, {"upc", q.upc}, {"unit_price", opt(q.unit_price)}};
}

VoucherRedemptionRequest voucher_request_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"voucher", "upc", "unit_price"});
  return {r.id("voucher"), r.str("upc", limits::kNameBytes), price(r, "unit_price")};
}

VoucherIssue voucher_issue_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"program", "location", "ids", "count", "expires", "note"});
  VoucherIssue issue;
  issue.program_id = r.id("program");
  issue.location_id = r.id("location");
  issue.ids = r.strings("ids", false, limits::kIdBytes);
  issue.count = static_cast<int>(r.opt_integer("count", 0, 1000, ErrorCode::invalid_quantity).value_or(0));
  issue.expires = r.str("expires", limits::kNameBytes);
  issue.note = checked_text(r, "note", false, limits::kTextBytes);
  return issue;
}

}  // namespace tally::codec
