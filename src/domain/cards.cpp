// SPDX-License-Identifier: Apache-2.0
#include "domain/cards.hpp"

#include <algorithm>
#include <map>

#include "domain/gtin.hpp"
#include "domain/offers.hpp"
#include "tally/error.hpp"
#include "tally/limits.hpp"

namespace tally::domain {
namespace {

constexpr std::int32_t kMaxQuantity = static_cast<std::int32_t>(limits::kQuantity);
constexpr Cents kMaxPrice = limits::kPriceCents;

[[noreturn]] void fail(ErrorCode code, const std::string& field, const std::string& why) {
  throw Error(code, field + ": " + why);
}

// The engine loads every card of the types a visit touches; the others are summaries.
void require_loaded(const CardState& card) {
  if (card.summary)
    throw Error(ErrorCode::internal, "card " + std::to_string(card.number) + " was planned from its summary only");
}

struct Planner {
  const Catalog& catalog;
  const Visit& visit;
  const VisitEnv& env;
  VisitPlan& plan;

  std::string size_of(const CardType& type, const Product* product) const {
    return type.rule == FreeItemRule::same_size && product ? product->size : std::string();
  }

  // The open card of this type (and size) the next punch goes on; opened when missing.
  std::size_t open_card(const Program& program, const CardType& type, const std::string& size) {
    for (std::size_t i = 0; i < plan.cards.size(); ++i) {
      auto& card = plan.cards[i];
      if (card.status == CardStatus::open && card.program_id == program.id &&
          card.card_id == type.id && card.size == size) {
        require_loaded(card);
        drop_expired(card, type);
        return i;
      }
    }
    CardState card;
    card.customer_id = visit.customer.id;
    card.program_id = program.id;
    card.card_id = type.id;
    card.size = size;
    card.opened_at = visit.at;
    card.touched = true;
    plan.cards.push_back(std::move(card));
    return plan.cards.size() - 1;
  }

  void drop_expired(CardState& card, const CardType& type) {
    if (!type.window_days || card.touched) return;
    card.touched = true;
    auto stale = [&](const PunchRecord& p) { return visit.day - p.day >= *type.window_days; };
    auto keep = std::stable_partition(card.punches.begin(), card.punches.end(),
                                      [&](const PunchRecord& p) { return !stale(p); });
    card.expired += static_cast<int>(card.punches.end() - keep);
    card.punches.erase(keep, card.punches.end());
  }

  void punch(const Program& program, const CardType& type, const Product* product,
             const SaleLine& line, int line_index, bool exception) {
    std::size_t index = open_card(program, type, size_of(type, product));
    CardState& card = plan.cards[index];
    card.touched = true;
    PunchRecord record;
    record.upc = product ? product->upc : line.upc;
    record.unit_price = line.unit_price;
    record.at = visit.at;
    record.day = visit.day;
    record.receipt_id = visit.receipt_id;
    record.location_id = visit.location_id;
    record.exception = exception;
    record.reason = exception ? line.exception_reason : visit.multi_punch_reason;
    record.cash_back = type.cash_back(product ? product->key : gtin14(line.upc), line.unit_price);
    card.punches.push_back(std::move(record));
    const bool completes = static_cast<int>(card.punches.size()) >= card.required(type);
    if (completes) {
      card.status = CardStatus::complete;
      card.completed_at = visit.at;
    }
    Punch out;
    out.program_id = program.id;
    out.card_id = type.id;
    out.card_number = card.number;
    out.punch_number = static_cast<int>(card.punches.size());
    out.line_index = line_index;
    out.exception = exception;
    out.completes_card = completes;
    plan.punches.push_back(out);
    plan.punch_cards.push_back(index);
  }

  void add_line(const SaleLine& line, int index) {
    // The field is named only when the line is refused: most lines are not.
    auto field = [index] { return "lines[" + std::to_string(index) + "]"; };
    if (!sale_line_valid(line)) check_sale_line(line, field());
    const std::string key = gtin14(line.upc);
    const Product* product = catalog.product(key);
    if (!line.exception_program.empty() || !line.exception_card.empty()) {
      add_exception(line, index, field(), product);
      return;
    }
    if (!product) fail(ErrorCode::unknown_upc, field() + ".upc", limits::quoted(line.upc) + " is not in the catalog");
    for (const auto& ref : catalog.cards_for(key)) {
      if (!env.enrolled(ref.program->id) || !ref.program->admits(visit.customer.type)) continue;
      for (std::int32_t unit = 0; unit < line.quantity; ++unit) {
        if (ref.card->prepaid_pass) sell_pass(*ref.program, *ref.card);
        else punch(*ref.program, *ref.card, product, line, index, false);
      }
    }
  }

  void add_exception(const SaleLine& line, int index, const std::string& field,
                     const Product* product) {
    const Program* program = catalog.program(line.exception_program);
    if (!program) fail(ErrorCode::unknown_program, field + ".exception.program", limits::quoted(line.exception_program) + " is not in the catalog");
    const CardType* type = program->card(line.exception_card);
    if (!type) fail(ErrorCode::unknown_program, field + ".exception.card", limits::quoted(line.exception_card) + " is not a card of " + program->id);
    if (!env.enrolled(program->id)) fail(ErrorCode::not_enrolled, field + ".exception.program", "the location is not enrolled in " + program->id);
    if (line.exception_reason.empty()) fail(ErrorCode::reason_required, field + ".exception.reason", "a forced exception needs a reason");
    if (type->prepaid_pass)
      fail(ErrorCode::invalid_argument, field + ".exception.card", program->id + "/" + type->id + " is a prepaid pass: it is sold, not punched");
    for (std::int32_t unit = 0; unit < line.quantity; ++unit)
      punch(*program, *type, product, line, index, true);
  }

  // A pass sold: a card whose uses wait like a reward (complete, no punches yet).
  void sell_pass(const Program& program, const CardType& type) {
    CardState card;
    card.customer_id = visit.customer.id;
    card.program_id = program.id;
    card.card_id = type.id;
    card.status = CardStatus::complete;
    card.opened_at = visit.at;
    card.completed_at = visit.at;
    card.touched = true;
    plan.cards.push_back(std::move(card));
  }

  // Uses of the customer's passes of one type, the oldest pass first: each use is a punch
  // on the pass; the use that reaches buy_n uses the pass up (redeemed). One redemption of
  // kind pass per pass the request draws on.
  void use_pass(const PassUseRequest& request, int index) {
    const std::string field = "pass_uses[" + std::to_string(index) + "]";
    auto [program, type] = reward_type(request.program_id, request.card_id, field);
    if (!type->prepaid_pass)
      fail(ErrorCode::invalid_argument, field + ".card", program->id + "/" + type->id + " is not a prepaid pass");
    if (request.quantity < 1 || request.quantity > kMaxQuantity)
      fail(ErrorCode::invalid_quantity, field + ".quantity", "must be between 1 and " + std::to_string(kMaxQuantity));
    if (!env.enrolled(program->id)) fail(ErrorCode::not_enrolled, field + ".program", "the location is not enrolled in " + program->id);
    std::optional<std::size_t> drawn;  // the pass the last use went on
    for (std::int32_t unit = 0; unit < request.quantity; ++unit) {
      auto card_index = complete_card(program->id, type->id, 0);
      if (!card_index)
        fail(ErrorCode::pass_used_up, field,
             "the customer has no uses left on a " + program->id + "/" + type->id + " pass (" + std::to_string(unit) + " of the " +
                 std::to_string(request.quantity) + " uses asked for were left); a new pass must be sold first");
      CardState& card = plan.cards[*card_index];
      require_loaded(card);
      PunchRecord use;
      use.at = visit.at;
      use.day = visit.day;
      use.receipt_id = visit.receipt_id;
      use.location_id = visit.location_id;
      card.punches.push_back(std::move(use));
      card.touched = true;
      if (static_cast<int>(card.punches.size()) >= card.required(*type)) card.status = CardStatus::redeemed;
      if (drawn == card_index) {
        ++plan.redemptions.back().quantity;
        continue;
      }
      drawn = card_index;
      PlannedRedemption planned;
      planned.kind = "pass";
      planned.card_index = *card_index;
      planned.program = program;
      planned.card = type;
      planned.unit_price = 0;
      plan.redemptions.push_back(planned);
    }
  }

  // The oldest complete card of the type not yet redeemed.
  std::optional<std::size_t> complete_card(const std::string& program_id,
                                           const std::string& card_id, std::size_t skip) const {
    for (std::size_t i = 0; i < plan.cards.size(); ++i) {
      const auto& card = plan.cards[i];
      if (card.status == CardStatus::complete && card.program_id == program_id &&
          card.card_id == card_id) {
        if (skip == 0) return i;
        --skip;
      }
    }
    return std::nullopt;
  }

  std::pair<const Program*, const CardType*> reward_type(const std::string& program_id,
                                                         const std::string& card_id,
                                                         const std::string& field) const {
    const Program* program = catalog.program(program_id);
    if (!program) fail(ErrorCode::unknown_program, field + ".program", limits::quoted(program_id) + " is not in the catalog");
    const CardType* type = program->card(card_id);
    if (!type) fail(ErrorCode::unknown_program, field + ".card", limits::quoted(card_id) + " is not a card of " + program_id);
    return {program, type};
  }

  void redeem(const RedemptionRequest& request, int index) {
    const std::string field = "redemptions[" + std::to_string(index) + "]";
    auto [program, type] = reward_type(request.program_id, request.card_id, field);
    if (type->prepaid_pass)
      fail(ErrorCode::invalid_argument, field + ".card", program->id + "/" + type->id + " is a prepaid pass: a visit uses it (pass_uses), it is not redeemed");
    auto card_index = complete_card(program->id, type->id, 0);
    if (!card_index)
      fail(ErrorCode::reward_not_available, field,
           "the customer has no completed " + program->id + "/" + type->id + " card to redeem");
    check_customer_data(*program, visit.customer, field);
    CardState& card = plan.cards[*card_index];
    require_loaded(card);
    PlannedRedemption planned;
    planned.card_index = *card_index;
    planned.program = program;
    planned.card = type;
    planned.quantity = type->reward_quantity;
    if (type->cash_back_percent) {  // the card's cash back paid out as money off
      planned.kind = "cash_back";
      planned.quantity = 1;
      planned.unit_price = card.cash_back_due();
    } else if (type->discount) {  // a custom program's money off: no item to choose
      planned.kind = "discount";
      planned.unit_price = *type->discount;
    } else {
      FreeItem item = check_free_item(catalog, *type, card, request.upc, request.unit_price, env.price, field);
      planned.upc = item.product->upc;
      planned.unit_price = item.unit_price;
    }
    card.status = CardStatus::redeemed;
    card.touched = true;
    plan.redemptions.push_back(planned);
  }

  void check_redeem_later(const std::pair<std::string, std::string>& later, int index,
                          std::map<std::pair<std::string, std::string>, std::size_t>& asked) const {
    const std::string field = "redeem_later[" + std::to_string(index) + "]";
    auto [program, type] = reward_type(later.first, later.second, field);
    if (type->prepaid_pass)
      fail(ErrorCode::invalid_argument, field + ".card", program->id + "/" + type->id + " is a prepaid pass: its uses wait on it anyway");
    if (!complete_card(later.first, later.second, asked[later]++))
      fail(ErrorCode::reward_not_available, field,
           "the customer has no completed " + later.first + "/" + later.second + " card waiting");
  }
};

}  // namespace

void check_customer_data(const Program& program, const CustomerFacts& customer, const std::string& field) {
  auto need = [&](bool required, bool present, const char* what) {
    if (required && !present)
      fail(ErrorCode::customer_data_missing, field,
           program.id + " needs the customer's " + what + " before its reward is redeemed");
  };
  need(program.requires_email, customer.has_email, "email");
  need(program.requires_phone, customer.has_phone, "phone");
  need(program.requires_mailing_address, customer.has_mailing_address, "mailing address");
}

FreeItem check_free_item(const Catalog& catalog, const CardType& type, const CardState& card, const std::string& upc,
                         std::optional<Cents> given_price, const PriceFn& price, const std::string& field) {
  if (auto problem = gtin_problem(upc); !problem.empty())
    fail(ErrorCode::invalid_argument, field + ".upc", limits::quoted(upc) + " " + problem);
  const std::string key = gtin14(upc);
  const Product* product = catalog.product(key);
  if (!product) fail(ErrorCode::unknown_upc, field + ".upc", limits::quoted(upc) + " is not in the catalog");
  if (!type.qualifies(key))
    fail(ErrorCode::item_not_allowed, field + ".upc",
         limits::quoted(upc) + " is not a free item of " + card.program_id + "/" + type.id);
  const Cents unit_price = free_item_price(given_price, price, key, upc, field + ".unit_price");
  if (type.rule == FreeItemRule::lesser_or_equal_value) {
    Cents limit = least_price(card);
    if (unit_price > limit)
      fail(ErrorCode::item_not_allowed, field + ".upc",
           limits::quoted(upc) + " at " + std::to_string(unit_price) +
               " cents is worth more than the least-valued purchase on the card (" + std::to_string(limit) + " cents)");
  }
  if (type.rule == FreeItemRule::same_size && product->size != card.size)
    fail(ErrorCode::item_not_allowed, field + ".upc", limits::quoted(upc) + " is " + product->size + "; the card collects " + card.size);
  return {product, unit_price};
}

Cents free_item_price(std::optional<Cents> given, const PriceFn& price, const std::string& key, const std::string& upc,
                      const std::string& field) {
  const std::optional<Cents> unit_price = given ? given : price(key);
  if (!unit_price)
    fail(ErrorCode::invalid_price, field, "no shelf price for " + limits::quoted(upc) + " has been seen at this store; pass the item's price");
  if (*unit_price < 0 || *unit_price > kMaxPrice)
    fail(ErrorCode::invalid_price, field, "must be between 0 and " + std::to_string(kMaxPrice));
  return *unit_price;
}

const char* to_string(CardStatus status) {
  switch (status) {
    case CardStatus::open: return "open";
    case CardStatus::complete: return "complete";
    case CardStatus::redeemed: return "redeemed";
  }
  return "?";
}

bool sale_line_valid(const SaleLine& line) {
  return gtin_problem(line.upc).empty() && line.quantity >= 1 && line.quantity <= kMaxQuantity && line.unit_price >= 0 &&
         line.unit_price <= kMaxPrice;
}

void check_sale_line(const SaleLine& line, const std::string& field) {
  if (auto problem = gtin_problem(line.upc); !problem.empty())
    fail(ErrorCode::invalid_argument, field + ".upc", limits::quoted(line.upc) + " " + problem);
  if (line.quantity < 1 || line.quantity > kMaxQuantity)
    fail(ErrorCode::invalid_quantity, field + ".quantity",
         "must be between 1 and " + std::to_string(kMaxQuantity) + " (returns are recorded as returns)");
  if (line.unit_price < 0 || line.unit_price > kMaxPrice)
    fail(ErrorCode::invalid_price, field + ".unit_price", "must be between 0 and " + std::to_string(kMaxPrice) + " cents");
}

CardSummary summary_of(const CardState& card) {
  return {card.number, card.program_id, card.card_id, card.size, card.status, least_price(card)};
}

CardState from_summary(const CardSummary& s, const std::string& customer_id) {
  CardState card;
  card.number = s.number;
  card.customer_id = customer_id;
  card.program_id = s.program_id;
  card.card_id = s.card_id;
  card.size = s.size;
  card.status = s.status;
  card.summary = true;
  card.least = s.least;
  return card;
}

Cents CardState::cash_back_due() const {
  Cents earned = 0;
  for (const auto& p : punches) earned += p.cash_back;
  return std::max<Cents>(earned - cash_back_debt, 0);
}

Cents least_price(const CardState& card) {
  if (card.summary) return card.least;
  Cents least = kMaxPrice;
  for (const auto& p : card.punches) least = std::min(least, p.unit_price);
  return least;
}

void plan_line(const Catalog& catalog, const Visit& visit, const VisitEnv& env, std::size_t index, VisitPlan& plan) {
  Planner planner{catalog, visit, env, plan};
  planner.add_line(visit.lines[index], static_cast<int>(index));
}

VisitPlan complete_plan(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan plan) {
  Planner planner{catalog, visit, env, plan};
  for (std::size_t i = 0; i < visit.redemptions.size(); ++i)
    planner.redeem(visit.redemptions[i], static_cast<int>(i));
  std::map<std::pair<std::string, std::string>, std::size_t> asked;
  for (std::size_t i = 0; i < visit.redeem_later.size(); ++i)
    planner.check_redeem_later(visit.redeem_later[i], static_cast<int>(i), asked);
  for (std::size_t i = 0; i < visit.pass_uses.size(); ++i) planner.use_pass(visit.pass_uses[i], static_cast<int>(i));
  plan_offers(catalog, visit, env, plan);
  plan_adoption(catalog, visit, env, plan);
  return plan;
}

VisitPlan plan_visit(const Catalog& catalog, const Visit& visit, std::vector<CardState> cards, const VisitEnv& env) {
  VisitPlan plan;
  plan.cards = std::move(cards);
  for (std::size_t i = 0; i < visit.lines.size(); ++i) plan_line(catalog, visit, env, i, plan);
  return complete_plan(catalog, visit, env, std::move(plan));
}

std::optional<std::string> multi_punch_card(const VisitPlan& plan) {
  std::map<std::size_t, int> per_card;
  for (std::size_t i = 0; i < plan.punches.size(); ++i) {
    const auto& p = plan.punches[i];
    if (!p.exception && ++per_card[plan.punch_cards[i]] == 2) return p.program_id + "/" + p.card_id;
  }
  return std::nullopt;
}

Reward reward_for(const Catalog& catalog, const CardState& card, const PriceFn& price) {
  const Program* program = catalog.program(card.program_id);
  const CardType* type = program ? program->card(card.card_id) : nullptr;
  Reward reward;
  reward.program_id = card.program_id;
  reward.card_id = card.card_id;
  reward.card_number = card.number;
  if (!type) return reward;  // the program left the catalog: nothing can be given
  reward.program_name = program->name;
  reward.card_name = type->name;
  reward.quantity = type->reward_quantity;
  reward.free_item_rule = to_string(type->rule);
  if (type->prepaid_pass || type->cash_back_percent) {  // nothing to choose: uses, or money
    require_loaded(card);
    if (type->prepaid_pass) reward.pass_uses_left = card.required(*type) - static_cast<int>(card.punches.size());
    else reward.cash_back = card.cash_back_due();
    return reward;
  }
  if (type->rule == FreeItemRule::lesser_or_equal_value) reward.max_unit_price = least_price(card);
  if (type->rule == FreeItemRule::same_size) reward.size = card.size;
  for (const Product* product : catalog.reward_products(*type)) {
    if (type->rule == FreeItemRule::same_size && product->size != card.size) continue;
    AllowedItem item{product->upc, product->description, product->size, price(product->key)};
    // Lesser or equal value: list only items known to be priced within the limit.
    if (reward.max_unit_price && (!item.unit_price || *item.unit_price > *reward.max_unit_price))
      continue;
    reward.allowed.push_back(std::move(item));
  }
  return reward;
}

bool reward_reads_card(const Catalog& catalog, const CardSummary& card) {
  if (card.status != CardStatus::complete) return false;
  const Program* program = catalog.program(card.program_id);
  const CardType* type = program ? program->card(card.card_id) : nullptr;
  return type && (type->prepaid_pass || type->cash_back_percent);
}

std::vector<Reward> rewards_waiting(const Catalog& catalog, const std::vector<CardState>& cards,
                                    const PriceFn& price) {
  std::vector<Reward> out;
  for (const auto& card : cards)
    if (card.status == CardStatus::complete) out.push_back(reward_for(catalog, card, price));
  return out;
}

}  // namespace tally::domain
