// SPDX-License-Identifier: Apache-2.0
// Reports (docs/reports.md): read-only views of one location over a range of business
// days, read through the ix/day/<what>/<location>/<day>/ indexes, as JSON or CSV.
#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/json.hpp>

#include "codec/csv.hpp"
#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "codec/stored.hpp"
#include "domain/gtin.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 7> kKinds = {"free_goods_credit_status", "rebate_credit_status",
                                                    "retailer_credit_batches", "redemptions_by_date",
                                                    "participation", "transactions", "points_liability"};
constexpr std::int64_t kMaxDays = 366;

struct Query {
  std::string kind, location, manufacturer, distributor, programs = "all", format = "json";
  std::optional<std::int64_t> from, to;  // business days; both default to today at the location
};

std::int64_t parse_day(const codec::Reader& r, std::string_view key) {
  const std::string text = r.str(key, limits::kNameBytes);
  if (const auto day = domain::parse_date_day(text)) return *day;
  r.fail(key, limits::quoted(text) + " is not a date (YYYY-MM-DD, from 1970-01-01)");
}

void one_of(const codec::Reader& r, std::string_view key, const std::string& value,
            std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  r.fail(key, limits::quoted(value) + " must be one of " + list);
}

Query parse_query(const std::string& kind, const std::string& text) {
  if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end()) {
    std::string list;
    for (auto k : kKinds) list += (list.empty() ? "" : ", ") + std::string(k);
    throw Error(ErrorCode::invalid_argument, "kind: " + limits::quoted(kind) + " is not a report; the reports are " + list);
  }
  const json::value doc = codec::parse_document(text.empty() ? "{}" : text);
  codec::Reader r(doc, "", ErrorCode::invalid_argument);
  r.only({"location", "from", "to", "manufacturer", "distributor", "programs", "format"});
  Query q;
  q.kind = kind;
  q.location = r.id("location");
  if (r.has("from")) q.from = parse_day(r, "from");
  if (r.has("to")) q.to = parse_day(r, "to");
  q.manufacturer = r.id_or("manufacturer");
  q.distributor = r.id_or("distributor");
  q.programs = r.str_or("programs", q.programs, limits::kNameBytes);
  one_of(r, "programs", q.programs, {"all", "frequent_buyer", "offer", "voucher", "coupon"});
  q.format = r.str_or("format", q.format, limits::kNameBytes);
  one_of(r, "format", q.format, {"json", "csv"});
  if (kind == "transactions" && !q.distributor.empty())
    r.fail("distributor", "does not apply to the transactions report (sale lines have no distributor)");
  if (kind == "transactions" && q.programs != "all")
    r.fail("programs", "does not apply to the transactions report (sale lines belong to no program)");
  if (kind == "points_liability")
    for (const char* key : {"from", "manufacturer", "distributor", "programs"})
      if (r.has(key)) r.fail(key, "does not apply to the points liability report (the points outstanding on its `to` day)");
  return q;
}

std::string date_of(std::int64_t day) { return domain::iso_date(domain::date_from_day_number(day)); }

// What one report run reads and produces.
struct Report {
  Txn& txn;
  const domain::Catalog& catalog;
  const Query& q;
  std::int64_t from = 0, to = 0;
  json::object doc;
  std::string csv;

  // (day, last key component) of every entry of ix/day/<what>/<location>/ from `from` to
  // `to`, in key order: one range scan over the days asked for, nothing else.
  std::vector<std::pair<std::int64_t, std::string>> day_entries(std::string_view what) {
    const std::string base = keys::day_index_all(what, q.location);
    std::vector<std::pair<std::int64_t, std::string>> out;
    std::string bad;
    txn.scan_range(keys::day_index(what, q.location, from), keys::prefix_end(keys::day_index(what, q.location, to)),
                   [&](std::string_view key, std::string_view) {
                     std::string_view rest = key.substr(base.size());  // <16-digit day>/<id>
                     std::int64_t day = 0;
                     if (rest.size() < 18 || rest[16] != '/' ||
                         std::from_chars(rest.data(), rest.data() + 16, day).ec != std::errc())
                       bad = key;
                     else
                       out.emplace_back(day, std::string(rest.substr(17)));
                     return bad.empty();
                   });
    if (!bad.empty()) throw Error(ErrorCode::storage_corrupt, "day index key '" + bad + "' is malformed");
    return out;
  }

  const domain::Product* product(const std::string& upc) const {
    return domain::gtin_problem(upc).empty() ? catalog.product(domain::gtin14(upc)) : nullptr;
  }
  std::string description(const std::string& upc) const {
    const domain::Product* p = product(upc);
    return p ? p->description : std::string();
  }

  bool keep(const CreditLine& l) const {
    return (q.manufacturer.empty() || l.manufacturer_id == q.manufacturer) &&
           (q.distributor.empty() || (l.fulfillment == "distributor" && l.partner == q.distributor)) &&
           (q.programs == "all" || l.program_kind == q.programs);
  }
  bool keep(const domain::Program* p) const {
    return p && (q.manufacturer.empty() || p->manufacturer == q.manufacturer) &&
           (q.programs == "all" || domain::to_string(p->kind) == q.programs);
  }

  // Credit lines of a stream created at the location in range that pass the filters.
  std::vector<CreditLine> lines(std::string_view stream, std::string_view fulfillment = {}) {
    std::vector<CreditLine> out;
    for (const auto& [day, id] : day_entries("line")) {
      CreditLine l = engine::read_line(txn, keys::trailing_number(id));
      if (l.stream == stream && keep(l) && (fulfillment.empty() || l.fulfillment == fulfillment))
        out.push_back(std::move(l));
    }
    return out;
  }

  void line_csv(const std::vector<CreditLine>& lines) {
    codec::csv_row(csv, {"batch_id", "line_id", "state", "partner", "manufacturer", "program", "card", "customer", "receipt",
                  "upc", "description", "quantity", "unit_price_cents", "business_date", "decline_reason",
                  "decline_note"});
    for (const auto& l : lines)
      codec::csv_row(csv, {std::to_string(l.batch_id ? l.batch_id : -1), std::to_string(l.id), l.state, l.partner,
                    l.manufacturer_id, l.program_id, l.card_id, l.customer_id, l.receipt_id, l.upc,
                    description(l.upc), std::to_string(l.quantity), std::to_string(l.unit_price),
                    l.business_date, l.decline_reason, l.decline_note});
  }

  // The finished receipts of the location in range, oldest day first.
  std::vector<CheckoutResult> receipts() {
    std::vector<CheckoutResult> out;
    for (const auto& [day, escaped] : day_entries("rcpt")) {
      const std::string key = keys::receipt(q.location, "") + escaped;
      auto bytes = txn.get(key);
      if (!bytes) throw Error(ErrorCode::storage_corrupt, key + " is indexed but missing");
      out.push_back(codec::decode_receipt(*bytes, key).result);
      engine::fill_reward_names(catalog, out.back().rewards_waiting);
    }
    return out;
  }

  // A coupon redemption in redemptions_by_date: no program; the brand is its line's.
  void coupon_row(std::int64_t day, const codec::StoredRedemption& r, json::array& out) {
    const Redemption& d = r.redemption;
    if (q.programs != "all" && q.programs != "coupon") return;
    std::optional<CreditLine> line;
    if (d.credit_line_id) line = engine::read_line(txn, d.credit_line_id);
    const std::string manufacturer = line ? line->manufacturer_id : std::string();
    if ((!q.manufacturer.empty() && manufacturer != q.manufacturer) || !q.distributor.empty()) return;
    const std::string state = line ? line->state : "";
    out.push_back({{"id", d.id}, {"date", date_of(day)}, {"at", domain::format_iso8601(r.at)},
                   {"receipt", r.receipt_id}, {"customer", r.customer_id}, {"manufacturer", manufacturer},
                   {"program", d.program_id}, {"kind", d.kind}, {"card", d.card_id}, {"card_number", d.card_number},
                   {"upc", d.upc}, {"description", "coupon " + d.card_id}, {"quantity", d.quantity},
                   {"unit_price", d.unit_price}, {"credit_line", line ? line->id : 0}, {"credit_state", state},
                   {"partner", line ? line->partner : ""}});
    codec::csv_row(csv, {date_of(day), r.receipt_id, r.customer_id, d.program_id, d.card_id, d.upc, "coupon " + d.card_id,
                         std::to_string(d.quantity), std::to_string(d.unit_price),
                         line ? std::to_string(line->id) : "", state});
  }

  void credit_status(std::string_view stream);
  void retailer_credit_batches();
  void redemptions_by_date();
  void points_liability();
  void participation();
  void transactions();
};

// Lines, units and value (cents) per state.
using StateTotals = std::map<std::string, std::array<std::int64_t, 3>>;

void count(StateTotals& totals, const CreditLine& l) {
  auto& t = totals[l.state];
  t[0] += 1;
  t[1] += l.quantity;
  t[2] += l.quantity * l.unit_price;
}

json::object to_json(const StateTotals& totals) {
  json::object o;
  for (const auto& [state, t] : totals) o[state] = {{"lines", t[0]}, {"units", t[1]}, {"value", t[2]}};
  return o;
}

// The free-goods or the rebate stream, grouped by partner then manufacturer.
void Report::credit_status(std::string_view stream) {
  const std::vector<CreditLine> all = lines(stream);
  StateTotals totals;
  // partner -> fulfillment, and (partner, manufacturer) -> totals and lines
  std::map<std::string, std::string> partners;
  std::map<std::pair<std::string, std::string>, std::pair<StateTotals, json::array>> groups;
  json::array declined;
  for (const auto& l : all) {
    count(totals, l);
    partners.emplace(l.partner, l.fulfillment);
    auto& group = groups[{l.partner, l.manufacturer_id}];
    count(group.first, l);
    group.second.push_back(codec::to_value(l));
    if (l.state == "declined")
      declined.push_back({{"line", l.id}, {"upc", l.upc}, {"reason", l.decline_reason}, {"note", l.decline_note},
                          {"partner", l.partner}, {"manufacturer", l.manufacturer_id}});
  }
  json::array out;
  for (const auto& [partner, fulfillment] : partners) {
    json::array manufacturers;
    // Built member by member: an initializer list would copy the line arrays it names.
    for (auto it = groups.lower_bound({partner, ""}); it != groups.end() && it->first.first == partner; ++it) {
      json::object m;
      m["manufacturer"] = it->first.second;
      m["states"] = to_json(it->second.first);
      m["lines"] = std::move(it->second.second);
      manufacturers.push_back(std::move(m));
    }
    json::object p;
    p["partner"] = partner;
    p["fulfillment"] = fulfillment;
    p["manufacturers"] = std::move(manufacturers);
    out.push_back(std::move(p));
  }
  doc["totals"] = to_json(totals);
  doc["partners"] = std::move(out);
  doc["declined"] = std::move(declined);
  line_csv(all);
}

void Report::retailer_credit_batches() {
  const std::vector<CreditLine> all = lines("free_goods", "retailer");
  StateTotals totals;
  std::map<std::int64_t, json::array> batched;
  json::array unbatched;
  for (const auto& l : all) {
    count(totals, l);
    (l.batch_id ? batched[l.batch_id] : unbatched).push_back(codec::to_value(l));
  }
  json::array batches;
  for (auto& [id, report_lines] : batched) {
    json::object b = codec::to_value(engine::read_batch(txn, id)).as_object();
    b["report_lines"] = std::move(report_lines);
    batches.push_back(std::move(b));
  }
  doc["batches"] = std::move(batches);
  doc["unbatched"] = std::move(unbatched);
  doc["totals"] = to_json(totals);
  line_csv(all);
}

void Report::redemptions_by_date() {
  codec::csv_row(csv, {"date", "receipt", "customer", "program", "card", "upc", "description", "quantity",
                "unit_price_cents", "credit_line", "credit_state"});
  json::array out;
  for (const auto& [day, id] : day_entries("rdm")) {
    const codec::StoredRedemption r = engine::read_redemption(txn, keys::trailing_number(id));
    const Redemption& d = r.redemption;
    if (r.status != "active") continue;  // undone, or replaced by a later one
    if (d.kind == "coupon") {
      coupon_row(day, r, out);
      continue;
    }
    const domain::Program* program = catalog.program(d.program_id);
    if (!keep(program)) continue;
    std::optional<CreditLine> line;
    if (d.credit_line_id) line = engine::read_line(txn, d.credit_line_id);
    if (!q.distributor.empty() && !(line && line->fulfillment == "distributor" && line->partner == q.distributor))
      continue;
    const std::string state = line ? line->state : "";
    const domain::PointsReward* reward =
        d.kind == "points" && program->points ? program->points->reward(d.card_id) : nullptr;
    out.push_back({{"id", d.id}, {"date", date_of(day)}, {"at", domain::format_iso8601(r.at)},
                   {"receipt", r.receipt_id}, {"customer", r.customer_id},
                   {"manufacturer", program->manufacturer}, {"program", program->id},
                   {"kind", d.kind}, {"card", d.card_id}, {"card_number", d.card_number}, {"upc", d.upc},
                   {"description", reward ? reward->title : description(d.upc)}, {"quantity", d.quantity},
                   {"unit_price", d.unit_price},
                   {"credit_line", line ? line->id : 0}, {"credit_state", state},
                   {"partner", line ? line->partner : ""}});
    codec::csv_row(csv, {date_of(day), r.receipt_id, r.customer_id, program->id, d.card_id, d.upc,
                  reward ? reward->title : description(d.upc), std::to_string(d.quantity), std::to_string(d.unit_price),
                  line ? std::to_string(line->id) : "", state});
  }
  doc["count"] = out.size();
  doc["redemptions"] = std::move(out);
}

// Every customer's points account is read: the one report that grows with the customers
// rather than with the days asked for (a points program's liability is all of its balances).
void Report::points_liability() {
  struct Totals {
    std::int64_t points = 0, customers = 0, owed = 0, owing = 0;
  };
  std::map<std::string, Totals> by_program;
  std::map<std::string, std::string, std::less<>> escaped;  // the key component of each program
  for (const auto& [id, program] : catalog.programs)
    if (program.kind == domain::ProgramKind::points && program.points) {
      by_program[id];
      escaped[keys::esc(id)] = id;
    }
  const std::string base = keys::points_accounts();
  txn.scan(base, [&](std::string_view key, std::string_view value) {
    const std::string_view rest = key.substr(base.size());  // <customer>/<program>
    auto known = escaped.find(rest.substr(rest.rfind('/') + 1));
    if (known == escaped.end()) return true;  // no longer a points program of the catalog
    const std::string& program_id = known->second;
    auto it = by_program.find(program_id);
    domain::PointsAccount account = codec::decode_points(value, key);
    domain::expire_points(account.balance, *catalog.program(program_id)->points, to);
    std::int64_t here = 0;
    for (const auto& lot : account.balance.lots)
      if (lot.location == q.location) here += lot.points;
    Totals& t = it->second;
    t.points += here;
    t.customers += here > 0;
    if (account.balance.debt > 0 && account.balance.debt_location == q.location) {
      t.owed += account.balance.debt;
      ++t.owing;
    }
    return true;
  });
  codec::csv_row(csv, {"program", "name", "points", "customers", "owed_points", "customers_owing"});
  json::array rows;
  std::int64_t total = 0;
  for (const auto& [id, t] : by_program) {
    const std::string& name = catalog.program(id)->name;
    rows.push_back({{"program", id}, {"name", name}, {"points", t.points}, {"customers", t.customers},
                    {"owed_points", t.owed}, {"customers_owing", t.owing}});
    codec::csv_row(csv, {id, name, std::to_string(t.points), std::to_string(t.customers), std::to_string(t.owed),
                         std::to_string(t.owing)});
    total += t.points;
  }
  doc["as_of"] = date_of(to);
  doc["points"] = total;
  doc["programs"] = std::move(rows);
}

void Report::participation() {
  struct Counts {
    std::set<std::string> customers;
    std::set<std::int64_t> cards;
    std::int64_t items = 0, earned = 0, redeemed = 0;
  };
  std::map<std::string, bool> kept;  // by program: kind, filters, the enrollment's distributor
  auto program_of = [&](const std::string& id) -> const domain::Program* {
    auto [it, fresh] = kept.emplace(id, false);
    const domain::Program* p = catalog.program(id);
    if (fresh)
      it->second = keep(p) && (p->kind == domain::ProgramKind::frequent_buyer || p->kind == domain::ProgramKind::tracking) &&
                   (q.distributor.empty() ||
                    engine::read_enrollment(txn, q.location, id).value_or(Enrollment{}).distributor_id == q.distributor);
    return it->second ? p : nullptr;
  };
  std::map<std::pair<std::string, std::string>, Counts> by;  // (manufacturer, program)
  // Per brand, each unit sold counts once even when it punched several of its programs.
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> brands;  // units, cents
  for (const auto& x : receipts()) {
    std::set<std::pair<std::string, int>> brand_lines;  // (manufacturer, sale line)
    for (const auto& p : x.punches)
      if (const domain::Program* program = program_of(p.program_id))
        if (brand_lines.insert({program->manufacturer, p.line_index}).second) {
          const auto& sale = x.lines.at(static_cast<std::size_t>(p.line_index));
          brands[program->manufacturer].first += sale.quantity;
          brands[program->manufacturer].second += sale.quantity * sale.unit_price;
        }
    for (const auto& p : x.punches)
      if (const domain::Program* program = program_of(p.program_id)) {
        Counts& c = by[{program->manufacturer, program->id}];
        c.customers.insert(x.customer_id);
        c.cards.insert(p.card_number);
        c.items += 1;
        c.earned += p.completes_card ? 1 : 0;
      }
    for (const auto& d : x.redemptions)
      if (const domain::Program* program = program_of(d.program_id)) {
        Counts& c = by[{program->manufacturer, program->id}];
        c.customers.insert(x.customer_id);
        c.redeemed += 1;
      }
  }
  codec::csv_row(csv, {"manufacturer", "program", "unique_customers", "cards_punched", "items_sold", "rewards_earned",
                "rewards_redeemed"});
  json::array out;
  for (const auto& [key, c] : by) {
    out.push_back({{"manufacturer", key.first}, {"program", key.second}, {"unique_customers", c.customers.size()},
                   {"cards_punched", c.cards.size()}, {"items_sold", c.items}, {"rewards_earned", c.earned},
                   {"rewards_redeemed", c.redeemed}});
    codec::csv_row(csv, {key.first, key.second, std::to_string(c.customers.size()), std::to_string(c.cards.size()),
                  std::to_string(c.items), std::to_string(c.earned), std::to_string(c.redeemed)});
  }
  doc["programs"] = std::move(out);
  json::array brand_rows;
  for (const auto& [manufacturer, sold] : brands)
    brand_rows.push_back({{"manufacturer", manufacturer}, {"items_sold", sold.first}, {"sales_cents", sold.second}});
  doc["brands"] = std::move(brand_rows);
}

void Report::transactions() {
  codec::csv_row(csv, {"date", "customer", "manufacturer", "upc", "description", "quantity"});
  json::array rows;
  for (const auto& x : receipts())
    for (const auto& line : x.lines) {
      const domain::Product* p = product(line.upc);
      const std::string manufacturer = p ? p->manufacturer : "", description = p ? p->description : "";
      if (!q.manufacturer.empty() && manufacturer != q.manufacturer) continue;
      rows.push_back({{"date", x.business_date}, {"receipt", x.receipt_id}, {"customer", x.customer_id},
                      {"manufacturer", manufacturer}, {"upc", line.upc}, {"description", description},
                      {"quantity", line.quantity}});
      codec::csv_row(csv, {x.business_date, x.customer_id, manufacturer, line.upc, description, std::to_string(line.quantity)});
    }
  doc["rows"] = std::move(rows);
}

}  // namespace

std::string Engine::report(const std::string& kind, const std::string& query_json, Timestamp at) {
  const Query q = parse_query(kind, query_json);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    const Location location = engine::read_location(txn, q.location);
    const auto catalog = impl_->load_catalog(txn);
    if (!q.manufacturer.empty() && !catalog->manufacturers.count(q.manufacturer))
      throw Error(ErrorCode::unknown_manufacturer, "manufacturer: '" + q.manufacturer + "' does not exist");
    if (!q.distributor.empty() && q.distributor != kTemporaryHolding && !catalog->distributors.count(q.distributor))
      throw Error(ErrorCode::unknown_distributor, "distributor: '" + q.distributor + "' does not exist");
    const std::int64_t today = domain::day_number(domain::TimeZone::parse(location.time_zone).local_date(at));
    // The liability is of one day (`to`); the other reports cover `from` to `to`.
    const std::int64_t to = q.to.value_or(today);
    Report r{txn, *catalog, q, q.from.value_or(kind == "points_liability" ? to : today), to, {}, {}};
    if (r.to < r.from)
      throw Error(ErrorCode::invalid_argument, "to: " + date_of(r.to) + " is before from " + date_of(r.from));
    if (r.to - r.from + 1 > kMaxDays)
      throw Error(ErrorCode::invalid_argument, "to: a report covers at most " + std::to_string(kMaxDays) + " days");
    r.doc = {{"report", kind}, {"location", q.location}, {"from", date_of(r.from)}, {"to", date_of(r.to)},
             {"manufacturer", q.manufacturer}, {"distributor", q.distributor}, {"programs", q.programs}};
    if (kind == "free_goods_credit_status") r.credit_status("free_goods");
    else if (kind == "rebate_credit_status") r.credit_status("rebates");
    else if (kind == "retailer_credit_batches") r.retailer_credit_batches();
    else if (kind == "redemptions_by_date") r.redemptions_by_date();
    else if (kind == "participation") r.participation();
    else if (kind == "points_liability") r.points_liability();
    else r.transactions();
    return q.format == "csv" ? r.csv : codec::serialize(r.doc);
  });
}

}  // namespace tally
