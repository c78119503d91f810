// SPDX-License-Identifier: Apache-2.0
#include "domain/offers.hpp"

#include <algorithm>
#include <set>

#include "domain/gtin.hpp"
#include "domain/time.hpp"
#include "tally/limits.hpp"

namespace tally::domain {
namespace {

[[noreturn]] void fail(ErrorCode code, const std::string& field, const std::string& why) {
  throw Error(code, field + ": " + why);
}

int qualifying_units(const Offer& offer, const Visit& visit) {
  int units = 0;
  for (const auto& line : visit.lines)
    if (gtin_problem(line.upc).empty() && offer.buys(gtin14(line.upc))) units += line.quantity;
  return units;
}

std::string inactive_reason(const Program& program, const Visit& visit, const VisitEnv& env) {
  const Offer& offer = *program.offer;
  if (!env.enrolled(program.id)) return "the location is not enrolled in " + program.id;
  if (visit.day < offer.start_day) return program.id + " starts on " + offer.start_date;
  if (visit.day > offer.end_day) return program.id + " ended on " + offer.end_date;
  return {};
}

// How much of the overall limit one redemption uses: units of free goods, or cents.
std::int64_t per_redemption(const Offer& offer) {
  return offer.type == OfferType::rebate ? offer.rebate : offer.reward_quantity;
}

OfferStatus status_of(const Catalog& catalog, const Program& program, const Visit& visit, const VisitPlan& plan,
                      const VisitEnv& env) {
  const Offer& offer = *program.offer;
  OfferStatus s;
  s.offer_id = program.id;
  s.name = program.name;
  s.manufacturer_id = program.manufacturer;
  s.type = to_string(offer.type);
  s.inactive_reason = inactive_reason(program, visit, env);
  s.active = s.inactive_reason.empty();
  s.qualifying_units = qualifying_units(offer, visit);
  s.earned = s.qualifying_units / offer.buy_quantity;
  s.redeemed = static_cast<int>(std::count_if(plan.redemptions.begin(), plan.redemptions.end(),
                                              [&](const PlannedRedemption& r) { return r.program == &program; }));
  s.declined = std::find(visit.declined_offers.begin(), visit.declined_offers.end(), program.id) != visit.declined_offers.end();
  s.rebate = offer.rebate;
  const OfferUsage used = env.offer_usage(program.id);
  const std::int64_t unit = per_redemption(offer);
  std::int64_t available = s.earned - s.redeemed;
  if (offer.per_customer_limit) {
    s.customer_remaining = std::max(0, *offer.per_customer_limit - used.customer_redemptions - s.redeemed);
    available = std::min<std::int64_t>(available, *s.customer_remaining);
  }
  if (offer.overall_limit) {
    s.overall_remaining = std::max<std::int64_t>(0, *offer.overall_limit - used.overall - s.redeemed * unit);
    available = std::min(available, *s.overall_remaining / unit);
  }
  s.limit_reached = (s.customer_remaining && *s.customer_remaining == 0) ||
                    (s.overall_remaining && *s.overall_remaining < unit);
  s.available = (s.active && !s.declined) ? static_cast<int>(std::max<std::int64_t>(0, available)) : 0;
  for (const auto& key : offer.reward)
    if (const Product* p = catalog.product(key)) s.reward_items.push_back({p->upc, p->description, p->size, env.price(key)});
  return s;
}

const std::set<std::string> kSources{"rescue", "shelter", "stray", "rehomed", "in_store"};

}  // namespace

std::vector<OfferStatus> offer_statuses(const Catalog& catalog, const Visit& visit, const VisitPlan& plan,
                                        const VisitEnv& env) {
  std::vector<OfferStatus> out;
  for (const auto& [id, program] : catalog.programs)
    if (program.offer && env.enrolled(id)) out.push_back(status_of(catalog, program, visit, plan, env));
  return out;
}

void plan_offers(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan& plan) {
  for (std::size_t i = 0; i < visit.offer_redemptions.size(); ++i) {
    const auto& request = visit.offer_redemptions[i];
    const std::string field = "offer_redemptions[" + std::to_string(i) + "]";
    const Program* program = catalog.program(request.offer_id);
    if (!program || !program->offer) fail(ErrorCode::unknown_program, field + ".offer", limits::quoted(request.offer_id) + " is not an offer in the catalog");
    if (!env.enrolled(program->id)) fail(ErrorCode::not_enrolled, field + ".offer", "the location is not enrolled in " + program->id);
    const OfferStatus status = status_of(catalog, *program, visit, plan, env);
    if (!status.active) fail(ErrorCode::invalid_state, field + ".offer", status.inactive_reason);
    if (status.declined) fail(ErrorCode::invalid_state, field + ".offer", "the customer declined " + program->id + " in this visit");
    if (status.earned - status.redeemed <= 0)
      fail(ErrorCode::reward_not_available, field + ".offer",
           "the basket earns " + std::to_string(status.earned) + " " + program->id + " reward(s) and " +
               std::to_string(status.redeemed) + " are taken");
    if (status.available == 0)
      fail(ErrorCode::limit_reached, field + ".offer",
           status.customer_remaining && *status.customer_remaining == 0
               ? "the customer has reached the limit of " + std::to_string(*program->offer->per_customer_limit) + " for " + program->id
               : program->id + " has reached its overall limit");
    check_customer_data(*program, visit.customer, field);
    const Offer& offer = *program->offer;
    PlannedRedemption planned;
    planned.program = program;
    if (offer.type == OfferType::rebate) {
      planned.kind = "rebate";
      planned.upc = catalog.product(offer.buy.front())->upc;
      planned.unit_price = offer.rebate;
    } else {
      planned.kind = "offer";
      if (auto problem = gtin_problem(request.upc); !problem.empty())
        fail(ErrorCode::invalid_argument, field + ".upc", limits::quoted(request.upc) + " " + problem);
      const std::string key = gtin14(request.upc);
      if (!offer.rewards(key)) fail(ErrorCode::item_not_allowed, field + ".upc", limits::quoted(request.upc) + " is not a reward item of " + program->id);
      planned.unit_price = free_item_price(request.unit_price, env.price, key, request.upc, field + ".unit_price");
      planned.upc = catalog.product(key)->upc;
      planned.quantity = offer.reward_quantity;
    }
    plan.redemptions.push_back(planned);
  }
}

std::pair<ErrorCode, std::string> adoption_refusal(const CustomerFacts& customer, const std::string& species,
                                                   const std::string& source, std::int64_t adoption_day,
                                                   std::int64_t today, std::optional<std::int64_t> last_bundle) {
  if (!customer.has_email || !customer.has_phone)
    return {ErrorCode::customer_data_missing, "an adoption bundle needs the customer's email and phone"};
  if (species.empty()) return {ErrorCode::invalid_argument, "species: is required"};
  if (!kSources.count(source))
    return {ErrorCode::invalid_argument, "source: " + limits::quoted(source) + " must be rescue, shelter, stray, rehomed or in_store"};
  if (source == "in_store" && species != "rabbit" && species != "small_rodent")
    return {ErrorCode::not_eligible, "a pet bought in the store qualifies only when it is a rabbit or small rodent"};
  if (adoption_day > today) return {ErrorCode::invalid_argument, "adoption_date: is in the future"};
  if (today - adoption_day > 90)
    return {ErrorCode::not_eligible, "adopted " + std::to_string(today - adoption_day) +
                                         " days ago; a bundle is given within 90 days of the adoption"};
  if (last_bundle && today - *last_bundle < 365)
    return {ErrorCode::not_eligible, "this household had a " + species + " bundle on " +
                                         iso_date(date_from_day_number(*last_bundle)) + "; the next one from " +
                                         iso_date(date_from_day_number(*last_bundle + 365))};
  return {ErrorCode::ok, {}};
}

void plan_adoption(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan& plan) {
  if (!visit.adoption) return;
  const AdoptionRequest& a = *visit.adoption;
  const std::int64_t adoption_day = date_day(a.adoption_date, "adoption.adoption_date");
  auto [code, why] = adoption_refusal(visit.customer, a.species, a.source, adoption_day, visit.day,
                                      env.last_adoption(a.species));
  if (code != ErrorCode::ok) fail(code, "adoption", why);
  if (a.upcs.empty() || a.upcs.size() > 3) fail(ErrorCode::invalid_argument, "adoption.upcs", "a bundle holds 1 to 3 items");
  if (!a.unit_prices.empty() && a.unit_prices.size() != a.upcs.size())
    fail(ErrorCode::invalid_argument, "adoption.unit_prices", "one price per item of upcs, or none");
  std::set<std::string> categories;
  for (std::size_t i = 0; i < a.upcs.size(); ++i) {
    const std::string field = "adoption.upcs[" + std::to_string(i) + "]";
    if (auto problem = gtin_problem(a.upcs[i]); !problem.empty()) fail(ErrorCode::invalid_argument, field, limits::quoted(a.upcs[i]) + " " + problem);
    const std::string key = gtin14(a.upcs[i]);
    const Program* source = nullptr;
    const AdoptionItem* item = nullptr;
    for (const auto& [id, program] : catalog.programs)
      for (const auto& candidate : program.adoption_items)
        if (!item && candidate.key == key && env.enrolled(id)) source = &program, item = &candidate;
    if (!item) fail(ErrorCode::item_not_allowed, field, limits::quoted(a.upcs[i]) + " is in no adoption program the store is enrolled in");
    if (!categories.insert(item->category).second)
      fail(ErrorCode::item_not_allowed, field, "a bundle takes one item per category; this is a second " + item->category);
    PlannedRedemption planned;
    planned.kind = "adoption";
    planned.program = source;
    planned.upc = item->upc;
    planned.unit_price = free_item_price(a.unit_prices.empty() ? std::nullopt : a.unit_prices[i], env.price, key,
                                         a.upcs[i], "adoption.unit_prices[" + std::to_string(i) + "]");
    plan.redemptions.push_back(planned);
  }
  plan.adoption = a;
  plan.adoption_day = visit.day;
}

}  // namespace tally::domain
