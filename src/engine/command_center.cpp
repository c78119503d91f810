// SPDX-License-Identifier: Apache-2.0
// The Command Center: what needs the store's action, offers from its top brands,
// auto-enrollment and the mobile app, for one location at one time.
#include <algorithm>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/time.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

constexpr int kTopBrands = 3;
constexpr int kSalesDays = 30;

struct Brand {
  std::string manufacturer;
  std::int64_t items_sold = 0;
  std::int64_t sales_cents = 0;
};

// Brands ranked by frequent-buyer items sold at the location over the last 30 days (sales
// in cents break ties).
std::vector<Brand> top_brands(const json::value& participation) {
  std::vector<Brand> brands;
  for (const auto& row : participation.at("brands").as_array())
    brands.push_back({std::string(row.at("manufacturer").as_string()), row.at("items_sold").as_int64(),
                      row.at("sales_cents").as_int64()});
  std::stable_sort(brands.begin(), brands.end(), [](const Brand& a, const Brand& b) {
    return a.items_sold != b.items_sold ? a.items_sold > b.items_sold : a.sales_cents > b.sales_cents;
  });
  if (brands.size() > kTopBrands) brands.resize(kTopBrands);
  return brands;
}

json::object offer_doc(const domain::Program& p, const std::optional<Enrollment>& e) {
  return {{"offer", p.id}, {"name", p.name}, {"manufacturer", p.manufacturer}, {"type", domain::to_string(p.offer->type)},
          {"start", p.offer->start_date}, {"end", p.offer->end_date}, {"enrolled", e.has_value()},
          {"enrollment_source", e ? e->source : std::string()}};
}

}  // namespace

void Engine::set_billing_flag(const std::string& location_id, const std::string& flag, Timestamp at) {
  limits::check_length(flag, limits::kNameBytes, "flag");
  std::lock_guard lock(impl_->mutex);
  impl_->run(TxnMode::write, [&](Txn& txn) {
    engine::read_location(txn, location_id);
    if (flag.empty()) txn.remove(keys::billing_flag(location_id));
    else txn.put(keys::billing_flag(location_id), flag);
    txn.journal(at, "billing_flag.saved",
                json::serialize(json::object{{"location", location_id}, {"flag", flag}}));
  });
}

std::string Engine::command_center(const std::string& location_id, Timestamp at) {
  // The sales figures come from the participation report's own read.
  const std::string participation = [&] {
    const Location location = this->location(location_id);
    const auto tz = domain::TimeZone::parse(location.time_zone);
    const auto today = tz.local_date(at);
    const std::string from = domain::iso_date(today - boost::gregorian::days(kSalesDays - 1));
    return report("participation", R"({"location": ")" + location_id + R"(", "from": ")" + from + R"("})", at);
  }();
  const std::vector<Brand> brands = top_brands(json::parse(participation));

  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    const Location location = engine::read_location(txn, location_id);
    const auto tz = domain::TimeZone::parse(location.time_zone);
    const auto today_date = tz.local_date(at);
    const std::int64_t today = domain::day_number(today_date);

    // Action needed: declined credits of both streams, programs waiting in holding, billing.
    json::object declined;
    std::int64_t declined_count = 0;
    for (const char* stream : {"free_goods", "rebates"}) {
      json::array lines;
      for (const auto& line : engine::lines_in(txn, "declined", ""))
        if (line.location_id == location_id && line.stream == stream) lines.push_back(codec::to_value(line));
      declined_count += static_cast<std::int64_t>(lines.size());
      declined[stream] = {{"count", lines.size()}, {"lines", std::move(lines)}};
    }
    json::array holding;
    std::map<std::string, std::optional<Enrollment>> enrollments;
    txn.scan(keys::enrollments(location_id), [&](std::string_view key, std::string_view value) {
      auto e = codec::enrollment_from(codec::parse_json(value, ErrorCode::storage_corrupt), std::string(key),
                                      ErrorCode::storage_corrupt);
      enrollments[e.program_id] = e;
      return true;
    });
    for (const auto& [program_id, e] : enrollments) {
      if (e->distributor_id != kTemporaryHolding) continue;
      const domain::Program* p = catalog->program(program_id);
      holding.push_back({{"program", program_id}, {"name", p ? p->name : std::string()},
                         {"kind", p ? domain::to_string(p->kind) : ""},
                         {"held_lines", txn.ids(keys::held(location_id, program_id)).size()}});
    }
    const std::string flag = txn.get(keys::billing_flag(location_id)).value_or("");
    const std::int64_t needed = declined_count + static_cast<std::int64_t>(holding.size()) + (flag.empty() ? 0 : 1);

    // Offers from top brands: upcoming offers open for enrollment.
    json::array brand_docs, offers;
    for (const auto& brand : brands) {
      auto m = catalog->manufacturers.find(brand.manufacturer);
      brand_docs.push_back({{"manufacturer", brand.manufacturer},
                            {"name", m == catalog->manufacturers.end() ? std::string() : m->second.name},
                            {"items_sold", brand.items_sold}, {"sales_cents", brand.sales_cents}});
      for (const auto& [id, p] : catalog->programs) {
        if (!p.offer || p.manufacturer != brand.manufacturer || p.offer->start_day <= today) continue;
        auto it = enrollments.find(id);
        if (it != enrollments.end() && it->second->status == "denied") continue;
        offers.push_back(offer_doc(p, it == enrollments.end() ? std::nullopt : it->second));
      }
    }

    // Auto-enrollment: current and upcoming offers the store is auto-enrolled in.
    json::array current, upcoming;
    for (const auto& [id, e] : enrollments) {
      const domain::Program* p = catalog->program(id);
      if (!p || !p->offer || e->source != "auto" || p->offer->end_day < today) continue;
      (p->offer->start_day <= today ? current : upcoming).push_back(offer_doc(*p, e));
    }

    // Mobile app: customers on it, and how many joined this calendar month.
    const Timestamp month_start = tz.start_of_day(boost::gregorian::date(today_date.year(), today_date.month(), 1));
    std::int64_t on_app = 0, joined = 0;
    txn.scan(keys::app_users(), [&](std::string_view, std::string_view since) {
      const Timestamp t = std::stoll(std::string(since));
      if (t > at) return true;
      ++on_app;
      joined += t >= month_start ? 1 : 0;
      return true;
    });

    json::object doc{
        {"location", location_id},
        {"date", domain::iso_date(today_date)},
        {"action_needed",
         {{"count", needed},
          {"declined_credits", {{"count", declined_count}, {"free_goods", declined["free_goods"]}, {"rebates", declined["rebates"]}}},
          {"temporary_holding", {{"count", holding.size()}, {"programs", std::move(holding)}}},
          {"billing", {{"flag", flag}, {"needs_action", !flag.empty()}}}}},
        {"offers_from_top_brands", {{"days", kSalesDays}, {"brands", std::move(brand_docs)}, {"offers", std::move(offers)}}},
        {"auto_enrollment",
         {{"current", current.size()}, {"upcoming", upcoming.size()},
          {"offers", [&] {
             json::array all = std::move(current);
             for (auto& o : upcoming) all.push_back(std::move(o));
             return all;
           }()}}},
        {"mobile_app", {{"customers", on_app}, {"joined_this_month", joined}}}};
    return json::serialize(doc);
  });
}

}  // namespace tally
