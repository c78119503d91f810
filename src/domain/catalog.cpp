// SPDX-License-Identifier: Apache-2.0
#include "domain/catalog.hpp"

#include <algorithm>

namespace tally::domain {

bool Distributor::serves_state(const std::string& state) const {
  return std::find(states.begin(), states.end(), state) != states.end();
}

bool Distributor::carries(const std::string& manufacturer_id) const {
  return manufacturers.empty() ||
         std::find(manufacturers.begin(), manufacturers.end(), manufacturer_id) !=
             manufacturers.end();
}

bool CardType::qualifies(const std::string& key) const {
  return !excluded.count(key) &&
         std::find(qualifying.begin(), qualifying.end(), key) != qualifying.end();
}

Cents CardType::cash_back(const std::string& key, Cents unit_price) const {
  if (!cash_back_percent) return 0;
  auto it = cash_back_by_key.find(key);
  const int percent = it == cash_back_by_key.end() ? *cash_back_percent : it->second;
  return unit_price * percent / 100;  // prices are never negative: rounds down
}

bool Offer::buys(const std::string& key) const { return std::find(buy.begin(), buy.end(), key) != buy.end(); }
bool Offer::rewards(const std::string& key) const { return std::find(reward.begin(), reward.end(), key) != reward.end(); }

const CardType* Program::card(const std::string& card_id) const {
  for (const auto& c : cards)
    if (c.id == card_id) return &c;
  return nullptr;
}

bool Program::admits(CustomerType type) const {
  switch (audience) {
    case Audience::all: return true;
    case Audience::breeder: return type == CustomerType::breeder;
    case Audience::employee: return type == CustomerType::employee;
  }
  return false;
}

void Catalog::index() {
  by_upc_.clear();
  rewards_.clear();
  for (const auto& [id, program] : programs)
    for (const auto& card : program.cards) {
      auto& items = rewards_[&card];
      for (const auto& key : card.qualifying) {
        if (card.excluded.count(key)) continue;
        by_upc_[key].push_back({&program, &card});
        if (const Product* p = product(key)) items.push_back(p);
      }
    }
}

const std::vector<const Product*>& Catalog::reward_products(const CardType& type) const {
  static const std::vector<const Product*> none;
  auto it = rewards_.find(&type);
  return it == rewards_.end() ? none : it->second;
}

const Product* Catalog::product(const std::string& key) const {
  auto it = products.find(key);
  return it == products.end() ? nullptr : &it->second;
}

const Program* Catalog::program(const std::string& id) const {
  auto it = programs.find(id);
  return it == programs.end() ? nullptr : &it->second;
}

const std::vector<CardRef>& Catalog::cards_for(const std::string& key) const {
  static const std::vector<CardRef> none;
  auto it = by_upc_.find(key);
  return it == by_upc_.end() ? none : it->second;
}

const char* to_string(ProgramKind kind) {
  switch (kind) {
    case ProgramKind::frequent_buyer: return "frequent_buyer";
    case ProgramKind::tracking: return "tracking";
    case ProgramKind::custom: return "custom";
    case ProgramKind::offer: return "offer";
    case ProgramKind::adoption: return "adoption";
    case ProgramKind::points: return "points";
    case ProgramKind::voucher: return "voucher";
    case ProgramKind::coupon: return "coupon";
  }
  return "?";
}

const char* to_string(Fulfillment fulfillment) {
  switch (fulfillment) {
    case Fulfillment::distributor: return "distributor";
    case Fulfillment::direct: return "direct";
    case Fulfillment::retailer: return "retailer";
    case Fulfillment::none: return "none";
  }
  return "?";
}

const char* to_string(Audience audience) {
  switch (audience) {
    case Audience::all: return "all";
    case Audience::breeder: return "breeder";
    case Audience::employee: return "employee";
  }
  return "?";
}

const char* to_string(FreeItemRule rule) {
  switch (rule) {
    case FreeItemRule::any_in_group: return "any_in_group";
    case FreeItemRule::lesser_or_equal_value: return "lesser_or_equal_value";
    case FreeItemRule::same_size: return "same_size";
  }
  return "?";
}

const char* to_string(OfferType type) {
  return type == OfferType::rebate ? "rebate" : "free_good";
}

const char* to_string(CustomerType type) {
  switch (type) {
    case CustomerType::pet_owner: return "pet_owner";
    case CustomerType::breeder: return "breeder";
    case CustomerType::employee: return "employee";
  }
  return "?";
}

}  // namespace tally::domain
