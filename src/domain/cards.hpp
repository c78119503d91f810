// SPDX-License-Identifier: Apache-2.0
// Cards, punches and rewards: what one visit does to a customer's cards.
// Pure: the engine hands in the catalog, the live cards and the facts; this decides.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/catalog.hpp"
#include "tally/error.hpp"
#include "tally/types.hpp"

namespace tally::domain {

enum class CardStatus { open, complete, redeemed };
const char* to_string(CardStatus status);

struct PunchRecord {
  std::string upc;  // as the catalog (or the till, for a new UPC) spells it
  Cents unit_price = 0;
  Timestamp at = 0;
  std::int64_t day = 0;  // business day number at the location
  std::string receipt_id;
  std::string location_id;
  bool exception = false;
  std::string reason;
  Cents cash_back = 0;  // cash-back cards: what this punch earned
};

struct CardState {
  std::int64_t number = 0;  // 0: opened by this visit, numbered when it is stored
  std::string customer_id;
  std::string program_id;
  std::string card_id;
  std::string size;  // same_size cards: the size they collect
  CardStatus status = CardStatus::open;
  int debt = 0;      // extra punches owed after a returned item had paid for a reward
  Cents cash_back_debt = 0;  // cash back owed after a returned item's cash back was paid out
  std::vector<PunchRecord> punches;
  int expired = 0;  // punches dropped by the purchase window (their facts stay on the receipts)
  Timestamp opened_at = 0;
  std::optional<Timestamp> completed_at;
  std::int64_t redemption_id = 0;
  bool touched = false;  // changed by the visit being planned
  // Only what the customer's wallet says (no punches): a live card this visit does not
  // touch. `least` stands in for least_price().
  bool summary = false;
  Cents least = 0;

  int required(const CardType& type) const { return type.buy_n + debt; }
  // Cash-back cards: what the punches earned less the debt, never below zero.
  Cents cash_back_due() const;
};

// A live card as the customer's wallet lists it: enough to find the card a punch goes on and
// to offer a completed card's reward without reading the card itself.
struct CardSummary {
  std::int64_t number = 0;
  std::string program_id;
  std::string card_id;
  std::string size;
  CardStatus status = CardStatus::open;
  Cents least = 0;  // least price paid for a punch on it

  bool operator==(const CardSummary&) const = default;
};

CardSummary summary_of(const CardState& card);
CardState from_summary(const CardSummary& summary, const std::string& customer_id);

struct CustomerFacts {
  std::string id;
  CustomerType type = CustomerType::pet_owner;
  bool has_email = false;
  bool has_phone = false;
  bool has_mailing_address = false;
};

struct Visit {
  std::string location_id;
  std::string receipt_id;
  Timestamp at = 0;
  std::int64_t day = 0;
  CustomerFacts customer;
  std::string multi_punch_reason;
  std::vector<SaleLine> lines;
  std::vector<RedemptionRequest> redemptions;
  std::vector<std::pair<std::string, std::string>> redeem_later;
  std::vector<OfferRedemptionRequest> offer_redemptions;
  std::vector<std::string> declined_offers;
  std::optional<AdoptionRequest> adoption;
  std::vector<PointsRedemptionRequest> points_redemptions;
  std::vector<PassUseRequest> pass_uses;
  std::vector<VoucherRedemptionRequest> voucher_redemptions;
  std::vector<std::int64_t> coupon_redemptions;  // coupon ids
};

using EnrolledFn = std::function<bool(const std::string& program_id)>;
// The last known shelf price of a product (by GTIN-14) at the location, if any.
using PriceFn = std::function<std::optional<Cents>(const std::string& key)>;

// A free item's value for its credit line: the price the till gives, else the last one seen
// at the store. Neither is invalid_price at `field`: a silent zero would cost the store money.
Cents free_item_price(std::optional<Cents> given, const PriceFn& price, const std::string& key, const std::string& upc,
                      const std::string& field);

// What an offer has used up before this visit.
struct OfferUsage {
  int customer_redemptions = 0;
  std::int64_t overall = 0;  // free goods: units; rebates: cents
};

// What the planner asks of the store, through the engine.
struct VisitEnv {
  EnrolledFn enrolled;  // enrolled and, for private programs, approved
  PriceFn price;
  std::function<OfferUsage(const std::string& offer_id)> offer_usage;
  // The business day of the household's last adoption bundle for a species, if any.
  std::function<std::optional<std::int64_t>(const std::string& species)> last_adoption;
};

struct PlannedRedemption {
  std::string kind = "card";   // card | discount | cash_back | pass | offer | rebate | adoption
  std::size_t card_index = 0;  // into VisitPlan::cards (card, discount, cash_back and pass kinds)
  const Program* program = nullptr;
  const CardType* card = nullptr;
  std::string upc;
  int quantity = 1;
  Cents unit_price = 0;  // the free item's value, the rebate, the discount or the cash back

  std::string stream() const { return kind == "rebate" ? "rebates" : "free_goods"; }
};

struct VisitPlan {
  std::vector<CardState> cards;      // every live card, after the visit
  std::vector<Punch> punches;
  std::vector<std::size_t> punch_cards;  // card index of each punch
  std::vector<PlannedRedemption> redemptions;
  std::optional<AdoptionRequest> adoption;  // the bundle given, when one was
  std::int64_t adoption_day = 0;
};

// Applies the visit's sale lines and redemptions to the customer's live cards (open or
// complete, oldest first). Throws tally::Error naming the offending field.
VisitPlan plan_visit(const Catalog& catalog, const Visit& visit, std::vector<CardState> cards, const VisitEnv& env);
// The same a step at a time, as the till builds the visit: plan_line applies sale line
// `index` to a plan of the lines before it (a refused line throws and changes nothing);
// complete_plan then applies the rewards taken, offers and the adoption bundle.
void plan_line(const Catalog& catalog, const Visit& visit, const VisitEnv& env, std::size_t index, VisitPlan& plan);
VisitPlan complete_plan(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan plan);

// Every offer the location is enrolled in, as it stands for this visit's basket.
std::vector<OfferStatus> offer_statuses(const Catalog& catalog, const Visit& visit, const VisitPlan& plan,
                                        const VisitEnv& env);

// Why a household may not have an adoption bundle for this pet today ("" when it may),
// with the code to refuse it with.
std::pair<ErrorCode, std::string> adoption_refusal(const CustomerFacts& customer, const std::string& species,
                                                   const std::string& source, std::int64_t adoption_day,
                                                   std::int64_t today, std::optional<std::int64_t> last_bundle);

// Several punches on one card in one visit need a reason; names the first such card.
std::optional<std::string> multi_punch_card(const VisitPlan& plan);

// The reward a complete card offers, with exactly the items its rule allows.
Reward reward_for(const Catalog& catalog, const CardState& card, const PriceFn& price);
// Whether the reward of a live card needs the card in full, not its wallet summary: a pass
// (its uses left) or a cash-back card (what it pays out) that is complete.
bool reward_reads_card(const Catalog& catalog, const CardSummary& card);
// Rewards of every complete, unredeemed card among `cards`.
std::vector<Reward> rewards_waiting(const Catalog& catalog, const std::vector<CardState>& cards,
                                    const PriceFn& price);

struct FreeItem {
  const Product* product = nullptr;
  Cents unit_price = 0;
};
// Checks that `upc` is a free item the card's rule allows; the price defaults to `price`.
FreeItem check_free_item(const Catalog& catalog, const CardType& type, const CardState& card, const std::string& upc,
                         std::optional<Cents> unit_price, const PriceFn& price, const std::string& field);
// A program's required customer data must be present before its reward is redeemed.
void check_customer_data(const Program& program, const CustomerFacts& customer, const std::string& field);

// The least price paid for a punch on the card: the lesser-or-equal-value limit.
Cents least_price(const CardState& card);

// The first problem with a sale line's own fields (not its catalog meaning), if any.
void check_sale_line(const SaleLine& line, const std::string& field);
// Whether it has none (without naming a field).
bool sale_line_valid(const SaleLine& line);

}  // namespace tally::domain
