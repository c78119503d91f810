// SPDX-License-Identifier: Apache-2.0
// Reading and writing the engine's records inside a transaction.
#include <algorithm>
#include <charconv>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "engine/engine_impl.hpp"
#include "domain/fulfillment.hpp"
#include "domain/gtin.hpp"
#include "domain/time.hpp"
#include "engine/keys.hpp"

namespace tally::engine {
namespace {

codec::json::value parse_record(const std::string& text) {
  return codec::parse_json(text, ErrorCode::storage_corrupt);
}

}  // namespace

Location read_location(Txn& txn, const std::string& id) {
  check_id(id, "location");
  auto text = txn.get(keys::location(id));
  if (!text) throw Error(ErrorCode::unknown_location, "location: '" + id + "' does not exist");
  return codec::location_from(parse_record(*text), keys::location(id), ErrorCode::storage_corrupt);
}

void write_location(Txn& txn, const Location& location) {
  txn.put(keys::location(location.id), codec::stored(codec::to_value(location)));
  bump_config(txn);
}

Customer read_customer(Txn& txn, const std::string& id) {
  check_id(id, "customer");
  const std::string key = keys::customer(id);
  auto bytes = txn.get(key);
  if (!bytes) throw Error(ErrorCode::unknown_customer, "customer: '" + id + "' does not exist");
  return codec::decode_customer(*bytes, key);
}

void write_customer(Txn& txn, const Customer& customer) {
  txn.put(keys::customer(customer.id), codec::encode(customer));
  // Customers on the mobile app, for the Command Center without a scan of all customers.
  if (customer.app_since) txn.put(keys::app_user(customer.id), std::to_string(*customer.app_since));
  else txn.remove(keys::app_user(customer.id));
}

std::optional<Enrollment> read_enrollment(Txn& txn, const std::string& location, const std::string& program) {
  auto text = txn.get(keys::enrollment(location, program));
  if (!text) return std::nullopt;
  return codec::enrollment_from(parse_record(*text), keys::enrollment(location, program), ErrorCode::storage_corrupt);
}

void write_enrollment(Txn& txn, const Enrollment& e) {
  txn.put(keys::enrollment(e.location_id, e.program_id), codec::stored(codec::to_value(e)));
  bump_config(txn);
}

void bump_config(Txn& txn) { txn.bump(keys::config_rev()); }

domain::CardState read_card(Txn& txn, std::int64_t number) {
  const std::string key = keys::card(number);
  auto bytes = txn.get(key);
  if (!bytes) throw Error(ErrorCode::not_found, "card " + std::to_string(number) + " does not exist");
  return codec::decode_card(*bytes, key);
}

void write_card(Txn& txn, const domain::CardState& card) { txn.put(keys::card(card.number), codec::encode(card)); }

std::vector<domain::CardSummary> read_wallet(Txn& txn, const std::string& customer) {
  const std::string key = keys::wallet(customer);
  auto bytes = txn.get(key);
  if (!bytes) return {};
  return codec::decode_wallet(*bytes, key);
}

// An emptied wallet is kept as an empty record, not removed: a till at another location
// rewriting it at the same time must conflict with this change (docs/postgresql.md#isolation).
void write_wallet(Txn& txn, const std::string& customer, const std::vector<domain::CardSummary>& wallet) {
  txn.put(keys::wallet(customer), codec::encode(wallet));
}

void update_wallet(std::vector<domain::CardSummary>& wallet, const domain::CardState& card) {
  auto it = std::lower_bound(wallet.begin(), wallet.end(), card.number,
                             [](const domain::CardSummary& s, std::int64_t n) { return s.number < n; });
  const bool listed = it != wallet.end() && it->number == card.number;
  if (card.status == domain::CardStatus::redeemed) {
    if (listed) wallet.erase(it);
  } else if (listed) {
    *it = domain::summary_of(card);
  } else {
    wallet.insert(it, domain::summary_of(card));
  }
}

void store_card(Txn& txn, const domain::CardState& card) {
  write_card(txn, card);
  auto wallet = read_wallet(txn, card.customer_id);
  update_wallet(wallet, card);
  write_wallet(txn, card.customer_id, wallet);
}

domain::CardState new_card(Txn& txn, const domain::CardState& like, Timestamp at) {
  domain::CardState card;
  card.number = txn.next_id("card");
  card.customer_id = like.customer_id;
  card.program_id = like.program_id;
  card.card_id = like.card_id;
  card.size = like.size;
  card.opened_at = at;
  txn.put(keys::customer_card(card.customer_id, card.number), "");
  return card;
}

std::vector<domain::CardState> read_live_cards(Txn& txn, const std::string& customer) {
  std::vector<domain::CardState> cards;
  for (const auto& s : read_wallet(txn, customer)) {
    cards.push_back(read_card(txn, s.number));
    if (cards.back().customer_id != customer || cards.back().status == domain::CardStatus::redeemed)
      throw Error(ErrorCode::storage_corrupt, keys::wallet(customer) + ": lists card " + std::to_string(s.number) +
                                                  ", which is not a live card of " + customer);
  }
  return cards;
}

void fill_reward_names(const domain::Catalog& catalog, std::vector<Reward>& rewards) {
  for (auto& reward : rewards) {
    const domain::Program* program = catalog.program(reward.program_id);
    const domain::CardType* type = program ? program->card(reward.card_id) : nullptr;
    reward.program_name = program ? program->name : std::string();
    reward.card_name = type ? type->name : std::string();
    for (auto& item : reward.allowed) {
      const domain::Product* product =
          domain::gtin_problem(item.upc).empty() ? catalog.product(domain::gtin14(item.upc)) : nullptr;
      item.description = product ? product->description : std::string();
      item.size = product ? product->size : std::string();
    }
  }
}

std::optional<codec::StoredReceipt> read_receipt(Txn& txn, const domain::Catalog& catalog, const std::string& location,
                                                 const std::string& receipt) {
  const std::string key = keys::receipt(location, receipt);
  auto bytes = txn.get(key);
  if (!bytes) return std::nullopt;
  codec::StoredReceipt stored = codec::decode_receipt(*bytes, key);
  fill_reward_names(catalog, stored.result.rewards_waiting);
  return stored;
}

codec::StoredRedemption read_redemption(Txn& txn, std::int64_t id) {
  const std::string key = keys::redemption(id);
  auto bytes = txn.get(key);
  if (!bytes) throw Error(ErrorCode::not_found, "redemption " + std::to_string(id) + " does not exist");
  return codec::decode_redemption(*bytes, key);
}

Cents parse_price(std::string_view key, std::string_view text) {
  Cents price = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), price);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error(ErrorCode::storage_corrupt, std::string(key) + ": '" + std::string(text) + "' is not a price in cents");
  return price;
}

std::optional<Cents> read_price(Txn& txn, const std::string& location, const std::string& key) {
  const std::string record_key = keys::price(location, key);
  auto text = txn.get(record_key);
  if (!text) return std::nullopt;
  return parse_price(record_key, *text);
}

CreditLine read_line(Txn& txn, std::int64_t id) {
  const std::string key = keys::line(id);
  auto bytes = txn.get(key);
  if (!bytes) throw Error(ErrorCode::not_found, "credit line " + std::to_string(id) + " does not exist");
  return codec::decode_line(*bytes, key);
}

void write_line(Txn& txn, const CreditLine& line, const std::string& previous_state,
                const std::string& previous_partner) {
  txn.put(keys::line(line.id), codec::encode(line));
  if (!previous_state.empty() && (previous_state != line.state || previous_partner != line.partner))
    txn.remove(keys::line_state(previous_state, previous_partner) + keys::num(line.id));
  txn.put(keys::line_state(line.state, line.partner) + keys::num(line.id), "");
  const std::string held = keys::held(line.location_id, line.program_id) + keys::num(line.id);
  if (line.state == "held") txn.put(held, "");
  else if (previous_state == "held") txn.remove(held);
}

void store_redemption(Txn& txn, const domain::Program& program, const Enrollment& enrollment,
                      const VisitFacts& facts, Redemption& d, std::int64_t replaces) {
  d.id = txn.next_id("redemption");
  const std::string business_date = domain::iso_date(domain::date_from_day_number(facts.day));
  auto route = domain::route_credit(program, enrollment, facts.test_customer);
  if (route.creates_line) {
    CreditLine line;
    line.id = txn.next_id("line");
    line.stream = d.kind == "rebate" || d.kind == "coupon" ? "rebates" : "free_goods";
    line.state = route.state;
    line.fulfillment = route.fulfillment;
    line.partner = route.partner;
    line.account_number = route.account_number;
    line.manufacturer_id = program.manufacturer;
    line.program_id = d.program_id;
    line.card_id = d.card_id;
    line.location_id = facts.location_id;
    line.customer_id = facts.customer_id;
    line.receipt_id = facts.receipt_id;
    line.redemption_id = d.id;
    line.upc = d.upc;
    line.quantity = d.quantity;
    line.unit_price = d.unit_price;
    line.created_at = facts.at;
    line.business_date = business_date;
    line.program_kind = domain::to_string(program.kind);
    line.history.push_back({route.state, facts.at, "system",
                            route.state == "held" ? "program is in temporary holding"
                                                  : replaces ? "reselected item" : "redeemed at the till"});
    write_line(txn, line, "", "");
    txn.put(keys::day_index("line", facts.location_id, facts.day) + keys::num(line.id), "");
    d.credit_line_id = line.id;
    d.credit_state = line.state;
  }
  codec::StoredRedemption record;
  record.redemption = d;
  record.location_id = facts.location_id;
  record.receipt_id = facts.receipt_id;
  record.customer_id = facts.customer_id;
  record.at = facts.at;
  record.replaces = replaces;
  txn.put(keys::redemption(d.id), codec::encode(record));
  txn.put(keys::day_index("rdm", facts.location_id, facts.day) + keys::num(d.id), "");
}

namespace {

std::int64_t stored_number(Txn& txn, const std::string& key) {
  auto text = txn.get(key);
  if (!text) return 0;
  try {
    return std::stoll(*text);
  } catch (const std::exception&) {
    throw Error(ErrorCode::storage_corrupt, key + " is damaged");
  }
}

}  // namespace

domain::OfferUsage read_offer_usage(Txn& txn, const std::string& offer_id, const std::string& customer_id) {
  return {static_cast<int>(stored_number(txn, keys::offer_customer_use(offer_id, customer_id))),
          stored_number(txn, keys::offer_total_use(offer_id))};
}

void use_offer(Txn& txn, const domain::Program& offer, const std::string& customer_id) {
  const auto& o = *offer.offer;
  const std::string mine = keys::offer_customer_use(offer.id, customer_id);
  const std::string total = keys::offer_total_use(offer.id);
  txn.put(mine, std::to_string(stored_number(txn, mine) + 1));
  txn.put(total, std::to_string(stored_number(txn, total) +
                                (o.type == domain::OfferType::rebate ? o.rebate : o.reward_quantity)));
}

std::optional<std::int64_t> read_last_adoption(Txn& txn, const std::string& customer_id, const std::string& species) {
  const std::string key = keys::last_adoption(customer_id, species);
  if (!txn.get(key)) return std::nullopt;
  return stored_number(txn, key);
}

void record_adoption(Txn& txn, const VisitFacts& facts, const AdoptionRequest& a,
                     const std::vector<Redemption>& redemptions) {
  txn.put(keys::last_adoption(facts.customer_id, a.species), std::to_string(facts.day));
  boost::json::array ids;
  for (const auto& d : redemptions)
    if (d.kind == "adoption") ids.emplace_back(d.id);
  const std::int64_t n = txn.next_id("adoption");
  txn.put(keys::adoption(n), codec::stored(boost::json::object{
                                 {"id", n}, {"customer", facts.customer_id}, {"location", facts.location_id},
                                 {"receipt", facts.receipt_id}, {"at", facts.at}, {"species", a.species},
                                 {"adoption_date", a.adoption_date}, {"source", a.source},
                                 {"bonded_pair", a.bonded_pair}, {"redemptions", std::move(ids)}}));
}

domain::CustomerFacts customer_facts(const Customer& customer) {
  domain::CustomerFacts facts;
  facts.id = customer.id;
  facts.type = customer.type;
  facts.has_email = !customer.email.empty();
  facts.has_phone = !customer.phone.empty();
  facts.has_mailing_address = !customer.mailing_address.empty();
  return facts;
}

int required_punches(const domain::Catalog& catalog, const domain::CardState& card) {
  const domain::Program* program = catalog.program(card.program_id);
  const domain::CardType* type = program ? program->card(card.card_id) : nullptr;
  return type ? card.required(*type) : static_cast<int>(card.punches.size());
}

Card card_view(const domain::Catalog& catalog, const domain::CardState& card) {
  Card out = codec::to_card(card, required_punches(catalog, card));
  const domain::Program* program = catalog.program(card.program_id);
  const domain::CardType* type = program ? program->card(card.card_id) : nullptr;
  if (type && type->prepaid_pass) out.pass_uses_left = std::max(out.required - static_cast<int>(card.punches.size()), 0);
  return out;
}

}  // namespace tally::engine
