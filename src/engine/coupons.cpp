// SPDX-License-Identifier: Apache-2.0
// Coupons (DOMAIN section 12, docs/programs.md#coupons): a brand issues them to customers who
// engaged with it, a till redeems one once (its record read and written in the finishing
// transaction), a store opts out of a brand's coupons. The rules are domain/coupons.hpp's.
#include <set>

#include <boost/json.hpp>

#include "codec/records.hpp"
#include "codec/stored.hpp"
#include "domain/coupons.hpp"
#include "domain/gtin.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

constexpr int kMaxLapsedDays = 3650;
constexpr const char* kEngagements[] = {"card", "offer", "adoption"};

std::optional<std::int64_t> stored_day(Txn& txn, const std::string& key) {
  auto text = txn.get(key);
  if (!text) return std::nullopt;
  if (auto day = domain::parse_date_day(*text)) return day;
  throw Error(ErrorCode::storage_corrupt, key + " is damaged");
}

domain::Engagement read_engagement(Txn& txn, const std::string& customer, const std::string& manufacturer) {
  return {stored_day(txn, keys::engagement(customer, manufacturer, "card")),
          stored_day(txn, keys::engagement(customer, manufacturer, "offer")),
          stored_day(txn, keys::engagement(customer, manufacturer, "adoption"))};
}

std::string field_of(std::size_t index) { return "coupon_redemptions[" + std::to_string(index) + "]"; }

// The visit's sale lines by GTIN-14 (as typed when not one).
std::vector<std::string> basket_of(const domain::Visit& visit) {
  std::vector<std::string> out;
  out.reserve(visit.lines.size());
  for (const auto& line : visit.lines)
    out.push_back(domain::gtin_problem(line.upc).empty() ? domain::gtin14(line.upc) : line.upc);
  return out;
}

void check_issue(const domain::Catalog& catalog, const Actor& actor, const CouponIssue& q) {
  engine::check_id(q.manufacturer_id, "manufacturer");
  if (actor.role != ActorRole::manufacturer || actor.id != q.manufacturer_id)
    throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not issue coupons of " +
                                            limits::quoted(q.manufacturer_id) + "; only that manufacturer may");
  if (!catalog.manufacturers.count(q.manufacturer_id))
    throw Error(ErrorCode::unknown_manufacturer, "manufacturer: " + limits::quoted(q.manufacturer_id) + " is not in the catalog");
  if (!domain::coupon_kind_known(q.kind))
    throw Error(ErrorCode::invalid_argument,
                "kind: " + limits::quoted(q.kind) + " must be thank_you, we_miss_you or welcome_home");
  if (q.value < 1 || q.value > limits::kPriceCents)
    throw Error(ErrorCode::invalid_price, "value: must be 1 to " + std::to_string(limits::kPriceCents) + " cents");
  for (std::size_t i = 0; i < q.upcs.size(); ++i) {
    const std::string field = "upcs[" + std::to_string(i) + "]";
    if (auto problem = domain::gtin_problem(q.upcs[i]); !problem.empty())
      throw Error(ErrorCode::invalid_argument, field + ": " + limits::quoted(q.upcs[i]) + " " + problem);
    const domain::Product* product = catalog.product(domain::gtin14(q.upcs[i]));
    if (!product) throw Error(ErrorCode::unknown_upc, field + ": " + q.upcs[i] + " is not in the catalog");
    if (product->manufacturer != q.manufacturer_id)
      throw Error(ErrorCode::invalid_argument, field + ": " + q.upcs[i] + " is not a product of " + q.manufacturer_id);
  }
  const std::int64_t starts = domain::date_day(q.starts_on, "starts_on");
  const std::int64_t ends = domain::date_day(q.ends_on, "ends_on");
  if (ends < starts) throw Error(ErrorCode::invalid_argument, "ends_on: " + q.ends_on + " is before starts_on " + q.starts_on);
  if (q.lapsed_days < 1 || q.lapsed_days > kMaxLapsedDays)
    throw Error(ErrorCode::invalid_argument, "lapsed_days: must be 1 to " + std::to_string(kMaxLapsedDays));
  if (q.customer_ids.empty()) throw Error(ErrorCode::invalid_argument, "customers: name at least one customer");
  if (q.customer_ids.size() > limits::kLines)
    throw Error(ErrorCode::invalid_argument, "customers: at most " + std::to_string(limits::kLines) + " in one issue");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < q.customer_ids.size(); ++i) {
    const std::string field = "customers[" + std::to_string(i) + "]";
    engine::check_id(q.customer_ids[i], field.c_str());
    if (q.customer_ids[i].empty()) throw Error(ErrorCode::invalid_argument, field + ": is required");
    if (!seen.insert(q.customer_ids[i]).second)
      throw Error(ErrorCode::invalid_argument, field + ": " + q.customer_ids[i] + " is named twice");
  }
}

}  // namespace

namespace engine {

std::optional<Coupon> find_coupon(Txn& txn, std::int64_t id) {
  const std::string key = keys::coupon(id);
  auto bytes = txn.get(key);
  if (!bytes) return std::nullopt;
  return codec::decode_coupon(*bytes, key);
}

bool read_coupon_opt_out(Txn& txn, const std::string& location, const std::string& manufacturer) {
  return txn.get(keys::coupon_opt_out(location, manufacturer)).has_value();
}

// Why the visit's coupon redemption at `index` cannot be taken (ok when it can), with the
// coupon it names.
std::pair<ErrorCode, std::string> coupon_request_refusal(Txn& txn, const LocationConfig& config,
                                                         const domain::Visit& visit, std::size_t index,
                                                         std::optional<Coupon>& coupon) {
  const std::int64_t id = visit.coupon_redemptions[index];
  coupon = find_coupon(txn, id);
  if (!coupon) return {ErrorCode::not_found, field_of(index) + ": coupon " + std::to_string(id) + " does not exist"};
  domain::CouponUse use;
  use.customer_id = visit.customer.id;
  use.location_id = config.location.id;
  use.day = visit.day;
  use.opted_out = read_coupon_opt_out(txn, config.location.id, coupon->manufacturer_id);
  use.basket = basket_of(visit);
  for (std::size_t i = 0; i < index; ++i) use.taken_in_visit = use.taken_in_visit || visit.coupon_redemptions[i] == id;
  auto [code, why] = domain::coupon_refusal(*coupon, use);
  if (code != ErrorCode::ok) why = field_of(index) + ": " + why;
  return {code, why};
}

void check_coupon_request(Txn& txn, const LocationConfig& config, const domain::Visit& visit, std::size_t index) {
  std::optional<Coupon> coupon;
  auto [code, why] = coupon_request_refusal(txn, config, visit, index, coupon);
  if (code != ErrorCode::ok) throw Error(code, why);
}

std::vector<CouponStatus> coupon_statuses(Txn& txn, const LocationConfig& config, const domain::Visit& visit) {
  std::vector<CouponStatus> out;
  const std::vector<std::string> basket = basket_of(visit);
  std::map<std::string, bool> opted_out;  // by manufacturer, read once each
  for (std::int64_t id : txn.ids(keys::customer_coupons(visit.customer.id))) {
    auto coupon = find_coupon(txn, id);
    if (!coupon) throw Error(ErrorCode::storage_corrupt, keys::customer_coupons(visit.customer.id) + ": lists coupon " +
                                                             std::to_string(id) + ", which is not stored");
    if (coupon->status == "redeemed") continue;
    auto [it, fresh] = opted_out.try_emplace(coupon->manufacturer_id);
    if (fresh) it->second = read_coupon_opt_out(txn, config.location.id, coupon->manufacturer_id);
    CouponStatus s;
    s.redeemed = std::find(visit.coupon_redemptions.begin(), visit.coupon_redemptions.end(), id) !=
                 visit.coupon_redemptions.end();
    domain::CouponUse use{visit.customer.id, config.location.id, visit.day, it->second, basket, false};
    auto [code, why] = domain::coupon_refusal(*coupon, use);
    s.usable = code == ErrorCode::ok && !s.redeemed;
    if (code != ErrorCode::ok) {
      s.refusal = error_code_name(code);
      s.reason = why;
    }
    s.coupon = std::move(*coupon);
    out.push_back(std::move(s));
  }
  return out;
}

void store_visit_coupons(Txn& txn, const LocationConfig& config, const VisitFacts& facts, const domain::Visit& visit,
                         std::vector<Redemption>& redemptions) {
  const std::vector<std::string> basket = basket_of(visit);
  for (std::size_t i = 0; i < visit.coupon_redemptions.size(); ++i) {
    std::optional<Coupon> coupon;
    auto [code, why] = coupon_request_refusal(txn, config, visit, i, coupon);
    if (code != ErrorCode::ok) throw Error(code, why);
    // The brand pays the store back straight from its own desk: a direct rebate-stream line.
    domain::Program brand;
    brand.kind = domain::ProgramKind::coupon;
    brand.manufacturer = coupon->manufacturer_id;
    brand.fulfillment = domain::Fulfillment::direct;
    Redemption d;
    d.kind = "coupon";
    d.card_id = std::to_string(coupon->id);
    d.upc = domain::coupon_item(*coupon, basket);
    d.quantity = 1;
    d.unit_price = coupon->value;
    store_redemption(txn, brand, Enrollment{}, facts, d, 0);
    coupon->status = "redeemed";
    coupon->location_id = facts.location_id;
    coupon->receipt_id = facts.receipt_id;
    coupon->redeemed_at = facts.at;
    coupon->redemption_id = d.id;
    coupon->credit_line_id = d.credit_line_id;
    txn.put(keys::coupon(coupon->id), codec::encode(*coupon));
    redemptions.push_back(std::move(d));
  }
}

void note_engagement(Txn& txn, const domain::Catalog& catalog, const std::string& customer, std::int64_t day,
                     const std::vector<Punch>& punches, const std::vector<Redemption>& redemptions) {
  const std::string date = domain::iso_date(domain::date_from_day_number(day));
  std::set<std::pair<std::string, const char*>> noted;
  auto note = [&](const std::string& manufacturer, const char* how) {
    if (!manufacturer.empty() && noted.emplace(manufacturer, how).second)
      txn.put_last(keys::engagement(customer, manufacturer, how), date);
  };
  for (const auto& p : punches) {
    const domain::Program* program = catalog.program(p.program_id);
    if (program && (program->kind == domain::ProgramKind::frequent_buyer || program->kind == domain::ProgramKind::tracking))
      note(program->manufacturer, kEngagements[0]);
  }
  for (const auto& d : redemptions) {
    if (d.kind == "offer" || d.kind == "rebate") {
      if (const domain::Program* program = catalog.program(d.program_id)) note(program->manufacturer, kEngagements[1]);
    } else if (d.kind == "adoption" && domain::gtin_problem(d.upc).empty()) {
      if (const domain::Product* product = catalog.product(domain::gtin14(d.upc))) note(product->manufacturer, kEngagements[2]);
    }
  }
}

std::vector<std::int64_t> move_coupons(Txn& txn, const std::string& duplicate, const std::string& survivor) {
  std::vector<std::int64_t> moved = txn.ids(keys::customer_coupons(duplicate));
  for (std::int64_t id : moved) {
    auto coupon = find_coupon(txn, id);
    if (!coupon) throw Error(ErrorCode::storage_corrupt, keys::customer_coupons(duplicate) + ": lists coupon " +
                                                             std::to_string(id) + ", which is not stored");
    coupon->customer_id = survivor;
    txn.put(keys::coupon(id), codec::encode(*coupon));
    txn.remove(keys::customer_coupon(duplicate, id));
    txn.put(keys::customer_coupon(survivor, id), "");
  }
  std::vector<std::pair<std::string, std::string>> notes;  // (brand/how, day)
  const std::string from = keys::engagements(duplicate);
  txn.scan(from, [&](std::string_view key, std::string_view value) {
    notes.emplace_back(std::string(key.substr(from.size())), std::string(value));
    return true;
  });
  for (const auto& [suffix, day] : notes) {
    const std::string key = keys::engagements(survivor) + suffix;
    auto mine = txn.get(key);
    if (!mine || *mine < day) txn.put(key, day);  // YYYY-MM-DD: text order is date order
  }
  return moved;
}

}  // namespace engine

CouponIssueResult Engine::issue_coupons(const Actor& actor, const CouponIssue& issue, Timestamp at) {
  // The brand issues from no location: its "today" is the UTC date.
  const std::int64_t today = domain::utc_day(at);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    check_issue(*catalog, actor, issue);
    if (domain::date_day(issue.ends_on, "ends_on") < today)
      throw Error(ErrorCode::invalid_argument, "ends_on: " + issue.ends_on + " is past");
    CouponIssueResult out;
    json::array issued, refused;
    for (const auto& customer_id : issue.customer_ids) {
      auto refuse = [&](ErrorCode code, const std::string& why) {
        out.refused.push_back({customer_id, error_code_name(code), customer_id + " " + why});
        refused.push_back({{"customer", customer_id}, {"refusal", error_code_name(code)}});
      };
      const std::string key = keys::customer(customer_id);
      auto bytes = txn.get(key);
      if (!bytes) {
        refuse(ErrorCode::unknown_customer, "does not exist");
        continue;
      }
      const Customer customer = codec::decode_customer(*bytes, key);
      if (!customer.merged_into.empty()) {
        refuse(ErrorCode::invalid_state, "was merged into " + customer.merged_into);
        continue;
      }
      if (customer.test) {
        refuse(ErrorCode::invalid_state, "is a training customer");
        continue;
      }
      auto [code, why] = domain::coupon_issue_refusal(issue.kind, read_engagement(txn, customer_id, issue.manufacturer_id),
                                                      today, issue.lapsed_days);
      if (code != ErrorCode::ok) {
        refuse(code, why);
        continue;
      }
      Coupon c;
      c.id = txn.next_id("coupon");
      c.customer_id = customer_id;
      c.manufacturer_id = issue.manufacturer_id;
      c.kind = issue.kind;
      c.value = issue.value;
      c.upcs = issue.upcs;
      c.starts_on = issue.starts_on;
      c.ends_on = issue.ends_on;
      c.issued_at = at;
      txn.put(keys::coupon(c.id), codec::encode(c));
      txn.put(keys::customer_coupon(customer_id, c.id), "");
      issued.push_back(c.id);
      out.issued.push_back(std::move(c));
    }
    txn.journal(at, "coupons.issued",
                json::serialize(json::object{{"manufacturer", issue.manufacturer_id}, {"kind", issue.kind},
                                             {"value", issue.value}, {"coupons", std::move(issued)},
                                             {"refused", std::move(refused)}}));
    return out;
  });
}

std::vector<Coupon> Engine::coupons(const std::string& customer_id, bool include_redeemed) {
  engine::check_id(customer_id, "customer");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    engine::read_customer(txn, customer_id);
    std::vector<Coupon> out;
    for (std::int64_t id : txn.ids(keys::customer_coupons(customer_id))) {
      auto coupon = engine::find_coupon(txn, id);
      if (!coupon) throw Error(ErrorCode::storage_corrupt, keys::customer_coupons(customer_id) + ": lists coupon " +
                                                               std::to_string(id) + ", which is not stored");
      if (include_redeemed || coupon->status != "redeemed") out.push_back(std::move(*coupon));
    }
    return out;
  });
}

Coupon Engine::coupon(std::int64_t id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto coupon = engine::find_coupon(txn, id);
    if (!coupon) throw Error(ErrorCode::not_found, "coupon: " + std::to_string(id) + " does not exist");
    return *coupon;
  });
}

void Engine::set_coupon_opt_out(const std::string& location_id, const std::string& manufacturer_id, bool opted_out,
                                Timestamp at) {
  engine::check_id(location_id, "location");
  engine::check_id(manufacturer_id, "manufacturer");
  std::lock_guard lock(impl_->mutex);
  impl_->run(TxnMode::write, [&](Txn& txn) {
    engine::read_location(txn, location_id);
    if (!impl_->load_catalog(txn)->manufacturers.count(manufacturer_id))
      throw Error(ErrorCode::unknown_manufacturer, "manufacturer: " + limits::quoted(manufacturer_id) + " is not in the catalog");
    const std::string key = keys::coupon_opt_out(location_id, manufacturer_id);
    if (opted_out) txn.put(key, "");
    else txn.remove(key);
    txn.journal(at, opted_out ? "coupons.opted_out" : "coupons.opted_in",
                json::serialize(json::object{{"location", location_id}, {"manufacturer", manufacturer_id}}));
  });
}

bool Engine::coupon_opt_out(const std::string& location_id, const std::string& manufacturer_id) {
  engine::check_id(location_id, "location");
  engine::check_id(manufacturer_id, "manufacturer");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    engine::read_location(txn, location_id);
    return engine::read_coupon_opt_out(txn, location_id, manufacturer_id);
  });
}

}  // namespace tally
