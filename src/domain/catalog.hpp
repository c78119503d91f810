// SPDX-License-Identifier: Apache-2.0
// The catalog: manufacturers, distributors, products and programs, as plain values.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/points.hpp"
#include "tally/types.hpp"

namespace tally::domain {

struct Manufacturer {
  std::string id;
  std::string name;
};

struct Distributor {
  std::string id;
  std::string name;
  std::vector<std::string> states;
  std::vector<std::string> manufacturers;  // empty: carries every brand
  bool account_number_required = true;

  bool serves_state(const std::string& state) const;
  bool carries(const std::string& manufacturer_id) const;
};

struct Product {
  std::string upc;  // as the catalog spells it
  std::string key;  // GTIN-14
  std::string description;
  std::string manufacturer;
  std::string size;
  std::string species;
  std::string category;
};

// coupon: never in a catalog; the kind of a brand's coupon redemption and its credit line.
enum class ProgramKind { frequent_buyer, tracking, custom, offer, adoption, points, voucher, coupon };
enum class OfferType { free_good, rebate };
enum class Fulfillment { distributor, direct, retailer, none };
enum class Audience { all, breeder, employee };
enum class FreeItemRule { any_in_group, lesser_or_equal_value, same_size };

struct CardType {
  std::string id;
  std::string name;
  std::vector<std::string> qualifying;  // GTIN-14 keys
  std::set<std::string> excluded;       // GTIN-14 keys
  std::vector<std::string> qualifying_upcs;  // as the catalog spells them
  std::vector<std::string> excluded_upcs;
  int buy_n = 10;
  int reward_quantity = 1;
  FreeItemRule rule = FreeItemRule::any_in_group;
  std::optional<int> window_days;
  std::optional<Cents> discount;  // custom programs: a money discount instead of a free item
  // Custom programs, cash back: each punch earns this whole percent of the unit's price
  // (rounded down to the cent), or its UPC's own percent; paid out as money off when the
  // complete card is redeemed (docs/programs.md#cash-back).
  std::optional<int> cash_back_percent;
  std::vector<std::pair<std::string, int>> cash_back_upcs;  // (UPC as spelled, percent)
  std::map<std::string, int> cash_back_by_key;              // GTIN-14 -> percent
  // Custom programs, prepaid pass: each unit sold of a qualifying UPC opens a pass of buy_n
  // uses; a checkout's pass use punches it (docs/programs.md#prepaid-passes).
  bool prepaid_pass = false;

  bool qualifies(const std::string& key) const;
  // The cash back one unit at this price earns on the card (0 without cash back).
  Cents cash_back(const std::string& key, Cents unit_price) const;
};

// A brand promotion met and redeemed inside one transaction (DOMAIN section 6).
struct Offer {
  OfferType type = OfferType::free_good;
  std::string start_date, end_date;  // inclusive, in the location's time zone
  std::int64_t start_day = 0, end_day = 0;
  std::vector<std::string> buy;  // GTIN-14 keys of the items that qualify
  std::vector<std::string> buy_upcs;
  int buy_quantity = 1;
  std::vector<std::string> reward;  // free-good offers: the items given
  std::vector<std::string> reward_upcs;
  int reward_quantity = 1;
  Cents rebate = 0;  // rebate offers: money off the one qualifying item
  std::optional<int> per_customer_limit;
  std::optional<std::int64_t> overall_limit;  // free goods: units; rebates: cents

  bool buys(const std::string& key) const;
  bool rewards(const std::string& key) const;
};

struct AdoptionItem {
  std::string key;  // GTIN-14
  std::string upc;
  std::string category;  // kibble | wet | raw | treat | supplement | supply
};

struct Program {
  std::string id;
  std::string name;
  ProgramKind kind = ProgramKind::frequent_buyer;
  std::string manufacturer;
  Fulfillment fulfillment = Fulfillment::distributor;
  Audience audience = Audience::all;
  bool requires_email = false;
  bool requires_phone = false;
  bool requires_mailing_address = false;
  std::vector<CardType> cards;
  bool is_private = false;  // enrollments wait for the brand's approval
  std::optional<Offer> offer;
  std::vector<AdoptionItem> adoption_items;
  std::optional<PointsProgram> points;  // kind points: the store's own points program
  // Kind voucher: the items a manufacturer's voucher may be taken in (GTIN-14 keys, and as
  // the catalog spells them).
  std::vector<std::string> voucher_items;
  std::vector<std::string> voucher_upcs;

  const CardType* card(const std::string& card_id) const;
  bool admits(CustomerType type) const;
};

struct CardRef {
  const Program* program;
  const CardType* card;
};

class Catalog {
 public:
  std::map<std::string, Manufacturer> manufacturers;
  std::map<std::string, Distributor> distributors;
  std::map<std::string, Product> products;  // by GTIN-14
  std::map<std::string, Program> programs;

  // Builds the UPC -> cards index; call after filling the maps.
  void index();
  const Product* product(const std::string& key) const;
  const Program* program(const std::string& id) const;
  // Every card (of any program) on which the product earns a punch.
  const std::vector<CardRef>& cards_for(const std::string& key) const;
  // The products a card type's reward may be, in the order of its qualifying list: the
  // qualifying products in the catalog that are not excluded.
  const std::vector<const Product*>& reward_products(const CardType& type) const;

 private:
  std::unordered_map<std::string, std::vector<CardRef>> by_upc_;
  std::unordered_map<const CardType*, std::vector<const Product*>> rewards_;
};

const char* to_string(ProgramKind kind);
const char* to_string(Fulfillment fulfillment);
const char* to_string(Audience audience);
const char* to_string(FreeItemRule rule);
const char* to_string(OfferType type);
const char* to_string(CustomerType type);

}  // namespace tally::domain
