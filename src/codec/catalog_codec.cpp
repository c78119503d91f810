// SPDX-License-Identifier: Apache-2.0
#include "codec/catalog_codec.hpp"

#include <algorithm>
#include <iterator>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "domain/gtin.hpp"
#include "domain/time.hpp"

namespace tally::codec {
namespace {

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

std::string id_of(const Reader& r, std::string_view key = "id") {
  std::string id = r.id(key);
  if (!valid_id(id)) r.fail(key, limits::quoted(id) + " must be 1-64 letters, digits, '-', '_' or '.'");
  return id;
}

template <class Enum, std::size_t N>
Enum choice(const Reader& r, std::string_view key, const std::pair<const char*, Enum> (&options)[N],
            std::optional<Enum> fallback = std::nullopt) {
  if (!r.has(key) && fallback) return *fallback;
  std::string value = r.str(key, limits::kNameBytes);
  std::string allowed;
  for (const auto& [name, e] : options) {
    if (value == name) return e;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  r.fail(key, limits::quoted(value) + " must be one of " + allowed);
}

constexpr std::pair<const char*, domain::ProgramKind> kKinds[] = {
    {"frequent_buyer", domain::ProgramKind::frequent_buyer},
    {"tracking", domain::ProgramKind::tracking},
    {"custom", domain::ProgramKind::custom},
    {"offer", domain::ProgramKind::offer},
    {"adoption", domain::ProgramKind::adoption},
    {"points", domain::ProgramKind::points},
    {"voucher", domain::ProgramKind::voucher}};
constexpr std::pair<const char*, domain::PointsEvent::Kind> kEventKinds[] = {
    {"money", domain::PointsEvent::Kind::money},
    {"upc", domain::PointsEvent::Kind::upc}};
constexpr std::pair<const char*, bool> kEventBases[] = {{"total", false}, {"subtotal", true}};
constexpr const char* kWeekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::pair<const char*, domain::OfferType> kOfferTypes[] = {
    {"free_good", domain::OfferType::free_good},
    {"rebate", domain::OfferType::rebate}};
const std::set<std::string> kAdoptionCategories{"kibble", "wet", "raw", "treat", "supplement", "supply"};
constexpr std::pair<const char*, domain::Fulfillment> kFulfillments[] = {
    {"distributor", domain::Fulfillment::distributor},
    {"direct", domain::Fulfillment::direct},
    {"retailer", domain::Fulfillment::retailer},
    {"none", domain::Fulfillment::none}};
constexpr std::pair<const char*, domain::Audience> kAudiences[] = {
    {"all", domain::Audience::all},
    {"breeder", domain::Audience::breeder},
    {"employee", domain::Audience::employee}};
constexpr std::pair<const char*, domain::FreeItemRule> kRules[] = {
    {"any_in_group", domain::FreeItemRule::any_in_group},
    {"lesser_or_equal_value", domain::FreeItemRule::lesser_or_equal_value},
    {"same_size", domain::FreeItemRule::same_size}};

std::string upc_key(const Reader& r, const std::string& field, const std::string& upc) {
  if (auto problem = domain::gtin_problem(upc); !problem.empty())
    r.fail(field, limits::quoted(upc) + " " + problem);
  return domain::gtin14(upc);
}

void cash_back_from(const Reader& r, domain::CardType& card);

domain::CardType card_from(const Reader& r) {
  r.only({"id", "name", "qualifying_upcs", "excluded_upcs", "buy_n", "reward_quantity",
          "free_item_rule", "window_days", "discount_cents", "cash_back", "prepaid_pass"});
  domain::CardType card;
  card.id = id_of(r);
  card.name = r.str_or("name", card.id, limits::kNameBytes);
  card.qualifying_upcs = r.strings("qualifying_upcs", true);
  for (std::size_t i = 0; i < card.qualifying_upcs.size(); ++i)
    card.qualifying.push_back(upc_key(r, "qualifying_upcs[" + std::to_string(i) + "]", card.qualifying_upcs[i]));
  card.excluded_upcs = r.strings("excluded_upcs", false);
  for (std::size_t i = 0; i < card.excluded_upcs.size(); ++i)
    card.excluded.insert(upc_key(r, "excluded_upcs[" + std::to_string(i) + "]", card.excluded_upcs[i]));
  card.buy_n = static_cast<int>(r.integer("buy_n", 1, 1000));
  card.reward_quantity = static_cast<int>(r.integer_or("reward_quantity", 1, 1, 100));
  card.rule = choice(r, "free_item_rule", kRules);
  if (auto days = r.opt_integer("window_days", 1, 36600)) card.window_days = static_cast<int>(*days);
  card.discount = r.opt_integer("discount_cents", 1, 100'000'000);
  card.prepaid_pass = r.boolean_or("prepaid_pass", false);
  if (r.has("cash_back")) cash_back_from(r.object("cash_back"), card);
  return card;
}

// A custom card's cash back: {"percent": 5, "upcs": [{"upc": "...", "percent": 10}]}, whole
// percents; a UPC's own percent (0 for none) must name a qualifying UPC of the card, once.
void cash_back_from(const Reader& r, domain::CardType& card) {
  r.only({"percent", "upcs"});
  card.cash_back_percent = static_cast<int>(r.integer("percent", 1, 100));
  const json::array& upcs = r.array("upcs", false);
  for (std::size_t i = 0; i < upcs.size(); ++i) {
    Reader u = r.element(upcs, i, "upcs");
    u.only({"upc", "percent"});
    std::string upc = u.str("upc", limits::kNameBytes);
    const std::string key = upc_key(u, "upc", upc);
    if (!card.qualifies(key)) u.fail("upc", limits::quoted(upc) + " is not a qualifying UPC of card " + card.id);
    const int percent = static_cast<int>(u.integer("percent", 0, 100));
    if (!card.cash_back_by_key.emplace(key, percent).second) u.fail("upc", limits::quoted(upc) + " is listed twice");
    card.cash_back_upcs.emplace_back(std::move(upc), percent);
  }
}

std::vector<std::string> upc_keys(const Reader& r, std::string_view key, std::vector<std::string>& spelled, bool required) {
  spelled = r.strings(key, required);
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < spelled.size(); ++i)
    keys.push_back(upc_key(r, std::string(key) + "[" + std::to_string(i) + "]", spelled[i]));
  return keys;
}

// Weekday names ("friday") as the bits of domain::Weekday; `fallback` when absent.
std::uint8_t weekdays(const Reader& r, std::string_view key, std::uint8_t fallback) {
  if (!r.has(key)) return fallback;
  std::uint8_t bits = 0;
  const auto names = r.strings(key, true, limits::kNameBytes);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto day = std::find(std::begin(kWeekdays), std::end(kWeekdays), names[i]);
    if (day == std::end(kWeekdays))
      r.fail(std::string(key) + "[" + std::to_string(i) + "]", limits::quoted(names[i]) + " must be a day: monday ... sunday");
    bits = static_cast<std::uint8_t>(bits | (1u << (day - std::begin(kWeekdays))));
  }
  return bits;
}

json::array weekday_names(std::uint8_t bits) {
  json::array out;
  for (std::size_t i = 0; i < std::size(kWeekdays); ++i)
    if (bits & (1u << i)) out.emplace_back(kWeekdays[i]);
  return out;
}

// Points figures are read wide and judged by the domain (check_points_program), so a
// negative rate is refused as such rather than as out of a reader's range.
constexpr std::int64_t kPointsRange = 1'000'000'000'000;

domain::PointsProgram points_from(const Reader& r) {
  r.only({"events", "rewards", "redeemable_same_day", "expiry_days", "active"});
  domain::PointsProgram p;
  const json::array& events = r.array("events", true);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Reader e = r.element(events, i, "events");
    e.only({"id", "kind", "on", "points", "per_cents", "upcs", "days", "multiplier", "multiplier_days", "cap"});
    domain::PointsEvent ev;
    ev.id = id_of(e);
    ev.kind = choice(e, "kind", kEventKinds);
    ev.on_subtotal = e.has("on") && choice(e, "on", kEventBases);
    ev.points = e.integer("points", -kPointsRange, kPointsRange);
    ev.per_cents = e.integer_or("per_cents", 100, -kPointsRange, kPointsRange);
    if (ev.kind == domain::PointsEvent::Kind::money && e.has("upcs")) e.fail("upcs", "only an event of kind upc has UPCs");
    if (ev.kind == domain::PointsEvent::Kind::upc && (e.has("on") || e.has("per_cents")))
      e.fail(e.has("on") ? "on" : "per_cents", "only an event of kind money has a rate on the sale");
    std::vector<std::string> spelled;
    ev.upcs = upc_keys(e, "upcs", spelled, ev.kind == domain::PointsEvent::Kind::upc);
    ev.days = weekdays(e, "days", domain::kEveryDay);
    ev.multiplier = e.integer_or("multiplier", 1, -kPointsRange, kPointsRange);
    ev.multiplier_days = weekdays(e, "multiplier_days", 0);
    if (ev.multiplier != 1 && ev.multiplier_days == 0) e.fail("multiplier_days", "a multiplier needs the days it applies");
    ev.cap = e.opt_integer("cap", -kPointsRange, kPointsRange);
    p.events.push_back(std::move(ev));
  }
  const json::array& rewards = r.array("rewards", false);
  for (std::size_t i = 0; i < rewards.size(); ++i) {
    const Reader w = r.element(rewards, i, "rewards");
    w.only({"id", "title", "points", "active", "lifetime_limit", "period_limit", "period_days"});
    domain::PointsReward reward;
    reward.id = id_of(w);
    reward.title = w.str("title", limits::kNameBytes);
    reward.points = w.integer("points", -kPointsRange, kPointsRange);
    reward.active = w.boolean_or("active", true);
    reward.lifetime_limit = w.opt_integer("lifetime_limit", -kPointsRange, kPointsRange);
    reward.period_limit = w.opt_integer("period_limit", -kPointsRange, kPointsRange);
    reward.period_days = w.integer_or("period_days", 0, -kPointsRange, kPointsRange);
    if (reward.period_limit && !w.has("period_days")) w.fail("period_days", "a limit per period needs its days");
    if (!reward.period_limit && w.has("period_days")) w.fail("period_limit", "period_days needs a limit");
    p.rewards.push_back(std::move(reward));
  }
  p.redeemable_same_day = r.boolean_or("redeemable_same_day", true);
  p.expiry_days = r.opt_integer("expiry_days", -kPointsRange, kPointsRange);
  p.active = r.boolean_or("active", true);
  return p;
}

json::value to_value(const domain::PointsProgram& p) {
  json::array events;
  for (const auto& e : p.events) {
    json::object ev{{"id", e.id}, {"kind", e.kind == domain::PointsEvent::Kind::money ? "money" : "upc"}, {"points", e.points}};
    if (e.kind == domain::PointsEvent::Kind::money) {
      ev["on"] = e.on_subtotal ? "subtotal" : "total";
      ev["per_cents"] = e.per_cents;
    } else {
      json::array upcs;
      for (const auto& u : e.upcs) upcs.emplace_back(u);
      ev["upcs"] = std::move(upcs);
    }
    if (e.days != domain::kEveryDay) ev["days"] = weekday_names(e.days);
    if (e.multiplier != 1) {
      ev["multiplier"] = e.multiplier;
      ev["multiplier_days"] = weekday_names(e.multiplier_days);
    }
    if (e.cap) ev["cap"] = *e.cap;
    events.push_back(std::move(ev));
  }
  json::array rewards;
  for (const auto& w : p.rewards) {
    json::object reward{{"id", w.id}, {"title", w.title}, {"points", w.points}, {"active", w.active}};
    if (w.lifetime_limit) reward["lifetime_limit"] = *w.lifetime_limit;
    if (w.period_limit) {
      reward["period_limit"] = *w.period_limit;
      reward["period_days"] = w.period_days;
    }
    rewards.push_back(std::move(reward));
  }
  json::object o{{"events", std::move(events)}, {"rewards", std::move(rewards)},
                 {"redeemable_same_day", p.redeemable_same_day}, {"active", p.active}};
  if (p.expiry_days) o["expiry_days"] = *p.expiry_days;
  return o;
}

std::int64_t date_day(const Reader& r, std::string_view key, std::string& text) {
  text = r.str(key, limits::kNameBytes);
  if (const auto day = domain::parse_date_day(text)) return *day;
  r.fail(key, limits::quoted(text) + " is not a date (YYYY-MM-DD)");
}

domain::Offer offer_from(const Reader& r) {
  r.only({"type", "start", "end", "buy_upcs", "buy_quantity", "reward_upcs", "reward_quantity", "rebate_cents",
          "per_customer_limit", "overall_limit"});
  domain::Offer o;
  o.type = choice(r, "type", kOfferTypes);
  o.start_day = date_day(r, "start", o.start_date);
  o.end_day = date_day(r, "end", o.end_date);
  if (o.end_day < o.start_day) r.fail("end", "must not be before start");
  if (o.end_day - o.start_day + 1 > 366) r.fail("end", "an offer runs at most one year");
  o.buy = upc_keys(r, "buy_upcs", o.buy_upcs, true);
  o.buy_quantity = static_cast<int>(r.integer_or("buy_quantity", 1, 1, 100));
  if (o.type == domain::OfferType::free_good) {
    o.reward = upc_keys(r, "reward_upcs", o.reward_upcs, true);
    o.reward_quantity = static_cast<int>(r.integer_or("reward_quantity", 1, 1, 100));
    if (r.has("rebate_cents")) r.fail("rebate_cents", "is for rebate offers");
  } else {
    if (o.buy.size() != 1) r.fail("buy_upcs", "a rebate is money off one specific item");
    if (r.has("reward_upcs")) r.fail("reward_upcs", "is for free-good offers");
    o.rebate = r.integer("rebate_cents", 1, 100'000'000);
  }
  if (auto n = r.opt_integer("per_customer_limit", 1, 1'000'000)) o.per_customer_limit = static_cast<int>(*n);
  o.overall_limit = r.opt_integer("overall_limit", 1, INT64_MAX / 4);
  return o;
}

std::vector<domain::AdoptionItem> adoption_from(const Reader& r) {
  r.only({"items"});
  const json::array& items = r.array("items", true);
  if (items.empty()) r.fail("items", "must not be empty");
  std::vector<domain::AdoptionItem> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    Reader item = r.element(items, i, "items");
    item.only({"upc", "category"});
    domain::AdoptionItem a;
    a.upc = item.str("upc");
    a.key = upc_key(item, "upc", a.upc);
    a.category = item.str("category", limits::kNameBytes);
    if (!kAdoptionCategories.count(a.category))
      item.fail("category", limits::quoted(a.category) + " must be kibble, wet, raw, treat, supplement or supply");
    out.push_back(std::move(a));
  }
  return out;
}

// Calls parse(item, path) for each element of the array under `key`.
template <class Parse>
void each(const json::value& doc, std::string_view key, Parse parse) {
  const json::value* items = doc.as_object().if_contains(key);
  if (!items || items->is_null()) return;
  if (!items->is_array()) throw Error(ErrorCode::invalid_catalog, std::string(key) + ": must be an array");
  const json::array& a = items->get_array();
  for (std::size_t i = 0; i < a.size(); ++i) parse(a[i], std::string(key) + "[" + std::to_string(i) + "]");
}

void check_program(const domain::Catalog& catalog, const domain::Program& program, const Reader& r) {
  using domain::Fulfillment;
  using domain::ProgramKind;
  const bool stores_own = program.kind == ProgramKind::custom || program.kind == ProgramKind::points;
  if (!stores_own && !catalog.manufacturers.count(program.manufacturer))
    r.fail("manufacturer", "'" + program.manufacturer + "' is not in the catalog");
  if (program.kind == ProgramKind::tracking && program.fulfillment != Fulfillment::retailer)
    r.fail("fulfillment", "a tracking program is retailer fulfilled");
  if (program.kind == ProgramKind::custom && program.fulfillment != Fulfillment::none)
    r.fail("fulfillment", "a custom program has fulfillment none");
  if (!stores_own && program.fulfillment == Fulfillment::none)
    r.fail("fulfillment", "only the store's own programs (custom, points) have fulfillment none");
  auto known = [&](const Reader& at, const std::string& field, const std::string& key) {
    if (!catalog.products.count(key)) at.fail(field, "UPC " + key.substr(2) + " is not a catalog product");
  };
  if (program.offer) {
    Reader o = r.object("offer");
    for (std::size_t i = 0; i < program.offer->buy.size(); ++i) known(o, "buy_upcs[" + std::to_string(i) + "]", program.offer->buy[i]);
    for (std::size_t i = 0; i < program.offer->reward.size(); ++i) known(o, "reward_upcs[" + std::to_string(i) + "]", program.offer->reward[i]);
    return;
  }
  if (program.points) {
    Reader pts = r.object("points");
    const json::array& events = pts.array("events", true);
    for (std::size_t e = 0; e < program.points->events.size(); ++e)
      for (std::size_t i = 0; i < program.points->events[e].upcs.size(); ++i)
        known(pts.element(events, e, "events"), "upcs[" + std::to_string(i) + "]", program.points->events[e].upcs[i]);
    return;
  }
  if (program.kind == ProgramKind::voucher) {
    Reader vr = r.object("voucher");
    for (std::size_t i = 0; i < program.voucher_items.size(); ++i)
      known(vr, "upcs[" + std::to_string(i) + "]", program.voucher_items[i]);
    return;
  }
  if (program.kind == ProgramKind::adoption) {
    Reader a = r.object("adoption");
    const json::array& items = a.array("items", true);
    for (std::size_t i = 0; i < program.adoption_items.size(); ++i)
      known(a.element(items, i, "items"), "upc", program.adoption_items[i].key);
    return;
  }
  std::map<std::string, std::string> owner;  // UPC key -> card id
  std::set<std::string> ids;
  const json::array& cards = r.array("cards", true);
  for (std::size_t c = 0; c < program.cards.size(); ++c) {
    const auto& card = program.cards[c];
    Reader cr = r.element(cards, c, "cards");
    if (!ids.insert(card.id).second) cr.fail("id", "'" + card.id + "' appears twice in the program");
    for (std::size_t u = 0; u < card.qualifying.size(); ++u) {
      const auto& key = card.qualifying[u];
      const std::string field = "qualifying_upcs[" + std::to_string(u) + "]";
      if (!catalog.products.count(key)) cr.fail(field, "UPC " + key.substr(2) + " is not a catalog product");
      auto [it, fresh] = owner.emplace(key, card.id);
      if (!fresh && it->second != card.id)
        cr.fail(field, "UPC already qualifies for card '" + it->second + "' of this program");
    }
  }
}

}  // namespace

domain::Manufacturer manufacturer_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"id", "name", "v"});
  return {id_of(r), r.str("name", limits::kNameBytes)};
}

domain::Distributor distributor_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"id", "name", "states", "manufacturers", "account_number_required", "v"});
  domain::Distributor d;
  d.id = id_of(r);
  if (d.id == kTemporaryHolding) r.fail("id", "'temporary_holding' is reserved");
  d.name = r.str("name", limits::kNameBytes);
  d.states = r.strings("states", true, limits::kNameBytes);
  for (std::size_t i = 0; i < d.states.size(); ++i) {
    const auto& s = d.states[i];
    if (s.size() != 2 || !std::isupper(static_cast<unsigned char>(s[0])) || !std::isupper(static_cast<unsigned char>(s[1])))
      r.fail("states[" + std::to_string(i) + "]", limits::quoted(s) + " must be a 2-letter upper-case code");
  }
  d.manufacturers = r.strings("manufacturers", false, limits::kIdBytes);
  d.account_number_required = r.boolean_or("account_number_required", true);
  return d;
}

domain::Product product_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"upc", "description", "manufacturer", "size", "species", "category", "v"});
  domain::Product p;
  p.upc = r.str("upc", limits::kNameBytes);
  p.key = upc_key(r, "upc", p.upc);
  p.description = r.str("description", limits::kNameBytes);
  p.manufacturer = r.id("manufacturer");
  p.size = r.str_or("size", {}, limits::kNameBytes);
  p.species = r.str_or("species", {}, limits::kNameBytes);
  p.category = r.str_or("category", {}, limits::kNameBytes);
  return p;
}

namespace {

// Cash back and prepaid passes are custom programs' modes, one mode per card type.
void check_custom_mode(const Reader& r, domain::ProgramKind kind, const domain::CardType& card) {
  const char* mode = card.prepaid_pass ? "prepaid_pass" : card.cash_back_percent ? "cash_back" : nullptr;
  if (!mode) return;
  if (kind != domain::ProgramKind::custom) r.fail(mode, "only custom programs have this mode");
  if (card.prepaid_pass && card.cash_back_percent) r.fail("cash_back", "a prepaid pass gives no cash back");
  if (card.discount) r.fail("discount_cents", std::string("a card with ") + mode + " gives no fixed discount");
  if (card.prepaid_pass && card.window_days) r.fail("window_days", "a prepaid pass has no purchase window");
}

// A manufacturer's voucher program: the items a voucher may be taken in, paid back through
// the distributor the store assigns (docs/programs.md#manufacturer-vouchers).
void voucher_from(const Reader& r, domain::Program& p) {
  if (p.fulfillment != domain::Fulfillment::distributor)
    r.fail("fulfillment", "a voucher program is paid back through the store's distributor (distributor)");
  if (p.is_private) r.fail("private", "a voucher program has no enrollment to approve");
  Reader vr = r.object("voucher");
  vr.only({"upcs"});
  p.voucher_items = upc_keys(vr, "upcs", p.voucher_upcs, true);
  if (p.voucher_items.empty()) vr.fail("upcs", "must not be empty");
  for (std::size_t i = 0; i < p.voucher_items.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (p.voucher_items[i] == p.voucher_items[j])
        vr.fail("upcs[" + std::to_string(i) + "]", "UPC " + p.voucher_upcs[i] + " is listed twice");
}

}  // namespace

domain::Program program_from(const json::value& v, const std::string& path, ErrorCode code) {
  Reader r(v, path, code);
  r.only({"id", "name", "kind", "manufacturer", "fulfillment", "audience", "requires", "cards", "offer", "adoption",
          "points", "private", "voucher", "v"});
  domain::Program p;
  p.id = id_of(r);
  p.name = r.str("name", limits::kNameBytes);
  p.kind = choice(r, "kind", kKinds);
  p.manufacturer = r.id_or("manufacturer");
  const bool stores_own = p.kind == domain::ProgramKind::custom || p.kind == domain::ProgramKind::points;
  if (!stores_own && p.manufacturer.empty()) r.fail("manufacturer", "is required");
  p.fulfillment = choice(r, "fulfillment", kFulfillments);
  p.audience = choice(r, "audience", kAudiences, std::optional(domain::Audience::all));
  auto requires_ = r.strings("requires", false, limits::kNameBytes);
  for (std::size_t i = 0; i < requires_.size(); ++i) {
    const auto& what = requires_[i];
    if (what == "email") p.requires_email = true;
    else if (what == "phone") p.requires_phone = true;
    else if (what == "mailing_address") p.requires_mailing_address = true;
    else r.fail("requires[" + std::to_string(i) + "]", limits::quoted(what) + " must be email, phone or mailing_address");
  }
  p.is_private = r.boolean_or("private", false);
  const bool card_kind = p.kind != domain::ProgramKind::offer && p.kind != domain::ProgramKind::adoption &&
                         p.kind != domain::ProgramKind::points && p.kind != domain::ProgramKind::voucher;
  if (!card_kind && r.has("cards")) r.fail("cards", std::string("a program of kind ") + domain::to_string(p.kind) + " has no cards");
  if (p.kind != domain::ProgramKind::offer && r.has("offer")) r.fail("offer", "only programs of kind offer have one");
  if (p.kind != domain::ProgramKind::adoption && r.has("adoption")) r.fail("adoption", "only programs of kind adoption have one");
  if (p.kind == domain::ProgramKind::offer) p.offer = offer_from(r.object("offer"));
  if (p.kind == domain::ProgramKind::adoption) p.adoption_items = adoption_from(r.object("adoption"));
  if (p.kind != domain::ProgramKind::points && r.has("points")) r.fail("points", "only programs of kind points have one");
  if (p.kind == domain::ProgramKind::points) {
    if (p.fulfillment != domain::Fulfillment::none)
      r.fail("fulfillment", "a points program is the store's own: nobody pays it back (none)");
    p.points = points_from(r.object("points"));
    p.points->id = p.id;
    domain::check_points_program(*p.points, r.path() + ".points");
  }
  if (p.kind != domain::ProgramKind::voucher && r.has("voucher")) r.fail("voucher", "only programs of kind voucher have one");
  if (p.kind == domain::ProgramKind::voucher) voucher_from(r, p);
  if (!card_kind) return p;
  const json::array& cards = r.array("cards", true);
  if (cards.empty()) r.fail("cards", "must not be empty");
  for (std::size_t i = 0; i < cards.size(); ++i) {
    p.cards.push_back(card_from(r.element(cards, i, "cards")));
    if (p.cards.back().discount && p.kind != domain::ProgramKind::custom)
      r.element(cards, i, "cards").fail("discount_cents", "only custom programs give a money discount");
    check_custom_mode(r.element(cards, i, "cards"), p.kind, p.cards.back());
  }
  return p;
}

CatalogDelta parse_catalog(std::string_view text, const domain::Catalog& existing) {
  const json::value doc = parse_document(text, limits::kCatalogBytes);
  const ErrorCode code = ErrorCode::invalid_catalog;
  Reader root(doc, "", code);
  root.only({"manufacturers", "distributors", "products", "programs"});
  CatalogDelta delta{existing, {}, {}, {}, {}};
  auto& merged = delta.merged;
  auto once = [&](std::vector<std::string>& seen, const std::string& id, const std::string& path) {
    for (const auto& s : seen)
      if (s == id) throw Error(code, path + ": '" + id + "' appears twice in the document");
    seen.push_back(id);
  };
  each(doc, "manufacturers", [&](const json::value& v, const std::string& path) {
    auto m = manufacturer_from(v, path, code);
    once(delta.manufacturers, m.id, path + ".id");
    merged.manufacturers[m.id] = std::move(m);
  });
  each(doc, "distributors", [&](const json::value& v, const std::string& path) {
    auto d = distributor_from(v, path, code);
    once(delta.distributors, d.id, path + ".id");
    merged.distributors[d.id] = std::move(d);
  });
  each(doc, "products", [&](const json::value& v, const std::string& path) {
    auto p = product_from(v, path, code);
    once(delta.products, p.key, path + ".upc");
    merged.products[p.key] = std::move(p);
  });
  // References are checked once everything is merged, so a document may name an entity
  // it defines further down.
  each(doc, "distributors", [&](const json::value& v, const std::string& path) {
    Reader r(v, path, code);
    auto brands = r.strings("manufacturers", false, limits::kIdBytes);
    for (std::size_t i = 0; i < brands.size(); ++i)
      if (!merged.manufacturers.count(brands[i]))
        r.fail("manufacturers[" + std::to_string(i) + "]", "'" + brands[i] + "' is not in the catalog");
  });
  each(doc, "products", [&](const json::value& v, const std::string& path) {
    Reader r(v, path, code);
    const std::string brand = r.id("manufacturer");
    if (!merged.manufacturers.count(brand)) r.fail("manufacturer", "'" + brand + "' is not in the catalog");
  });
  each(doc, "programs", [&](const json::value& v, const std::string& path) {
    auto p = program_from(v, path, code);
    once(delta.programs, p.id, path + ".id");
    check_program(merged, p, Reader(v, path, code));
    merged.programs[p.id] = std::move(p);
  });
  merged.index();
  return delta;
}

namespace {

json::array string_array(const std::vector<std::string>& items) {
  json::array a;
  for (const auto& s : items) a.emplace_back(s);
  return a;
}

}  // namespace

json::value to_value(const domain::Manufacturer& m) {
  return {{"id", m.id}, {"name", m.name}};
}

json::value to_value(const domain::Distributor& d) {
  json::object o{{"id", d.id}, {"name", d.name}, {"states", string_array(d.states)},
                 {"account_number_required", d.account_number_required}};
  if (!d.manufacturers.empty()) o["manufacturers"] = string_array(d.manufacturers);
  return o;
}

json::value to_value(const domain::Product& p) {
  json::object o{{"upc", p.upc}, {"description", p.description}, {"manufacturer", p.manufacturer}};
  if (!p.size.empty()) o["size"] = p.size;
  if (!p.species.empty()) o["species"] = p.species;
  if (!p.category.empty()) o["category"] = p.category;
  return o;
}

json::value to_value(const domain::Program& p) {
  json::array cards;
  for (const auto& c : p.cards) {
    json::object card{{"id", c.id},
                      {"name", c.name},
                      {"qualifying_upcs", string_array(c.qualifying_upcs)},
                      {"buy_n", c.buy_n},
                      {"reward_quantity", c.reward_quantity},
                      {"free_item_rule", domain::to_string(c.rule)}};
    if (!c.excluded_upcs.empty()) card["excluded_upcs"] = string_array(c.excluded_upcs);
    if (c.discount) card["discount_cents"] = *c.discount;
    if (c.cash_back_percent) {
      json::array upcs;
      for (const auto& [upc, percent] : c.cash_back_upcs) upcs.push_back({{"upc", upc}, {"percent", percent}});
      json::object cash_back{{"percent", *c.cash_back_percent}};
      if (!upcs.empty()) cash_back["upcs"] = std::move(upcs);
      card["cash_back"] = std::move(cash_back);
    }
    if (c.prepaid_pass) card["prepaid_pass"] = true;
    if (c.window_days) card["window_days"] = *c.window_days;
    cards.push_back(std::move(card));
  }
  json::array requires_;
  if (p.requires_email) requires_.emplace_back("email");
  if (p.requires_phone) requires_.emplace_back("phone");
  if (p.requires_mailing_address) requires_.emplace_back("mailing_address");
  json::object o{{"id", p.id},
                 {"name", p.name},
                 {"kind", domain::to_string(p.kind)},
                 {"fulfillment", domain::to_string(p.fulfillment)},
                 {"audience", domain::to_string(p.audience)},
                 {"cards", std::move(cards)}};
  if (!p.manufacturer.empty()) o["manufacturer"] = p.manufacturer;
  if (!requires_.empty()) o["requires"] = std::move(requires_);
  if (p.is_private) o["private"] = true;
  if (p.cards.empty()) o.erase("cards");
  if (p.points) o["points"] = to_value(*p.points);
  if (p.offer) {
    const auto& f = *p.offer;
    json::object offer{{"type", domain::to_string(f.type)}, {"start", f.start_date}, {"end", f.end_date},
                       {"buy_upcs", string_array(f.buy_upcs)}, {"buy_quantity", f.buy_quantity}};
    if (f.type == domain::OfferType::free_good) {
      offer["reward_upcs"] = string_array(f.reward_upcs);
      offer["reward_quantity"] = f.reward_quantity;
    } else {
      offer["rebate_cents"] = f.rebate;
    }
    if (f.per_customer_limit) offer["per_customer_limit"] = *f.per_customer_limit;
    if (f.overall_limit) offer["overall_limit"] = *f.overall_limit;
    o["offer"] = std::move(offer);
  }
  if (p.kind == domain::ProgramKind::voucher) o["voucher"] = json::object{{"upcs", string_array(p.voucher_upcs)}};
  if (!p.adoption_items.empty()) {
    json::array items;
    for (const auto& a : p.adoption_items) items.push_back({{"upc", a.upc}, {"category", a.category}});
    o["adoption"] = json::object{{"items", std::move(items)}};
  }
  return o;
}

}  // namespace tally::codec
