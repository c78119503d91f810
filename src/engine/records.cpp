// Reading and writing the engine's records inside a transaction.
#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally::engine {
namespace {

codec::json::value parse_record(const std::string& text) {
  return codec::parse_json(text, ErrorCode::storage_corrupt);
}

}  // namespace

Location read_location(Txn& txn, const std::string& id) {
  auto text = txn.get(keys::location(id));
  if (!text) throw Error(ErrorCode::unknown_location, "location: '" + id + "' does not exist");
  return codec::location_from(parse_record(*text), keys::location(id), ErrorCode::storage_corrupt);
}

Customer read_customer(Txn& txn, const std::string& id) {
  auto text = txn.get(keys::customer(id));
  if (!text) throw Error(ErrorCode::unknown_customer, "customer: '" + id + "' does not exist");
  return codec::customer_from(parse_record(*text), keys::customer(id), ErrorCode::storage_corrupt);
}

std::optional<Enrollment> read_enrollment(Txn& txn, const std::string& location, const std::string& program) {
  auto text = txn.get(keys::enrollment(location, program));
  if (!text) return std::nullopt;
  return codec::enrollment_from(parse_record(*text), keys::enrollment(location, program), ErrorCode::storage_corrupt);
}

std::vector<domain::CardState> read_live_cards(Txn& txn, const std::string& customer) {
  std::vector<std::int64_t> numbers;
  txn.scan(keys::live_cards(customer), [&](std::string_view key, std::string_view) {
    numbers.push_back(keys::trailing_number(key));
    return true;
  });
  std::vector<domain::CardState> cards;
  cards.reserve(numbers.size());
  for (auto n : numbers) {
    auto text = txn.get(keys::card(n));
    if (!text) throw Error(ErrorCode::storage_corrupt, "card " + std::to_string(n) + " is indexed but missing");
    cards.push_back(codec::card_state_from(parse_record(*text), keys::card(n), ErrorCode::storage_corrupt));
  }
  return cards;
}

std::map<std::string, Cents> read_prices(Txn& txn, const std::string& location) {
  std::map<std::string, Cents> prices;
  const std::string prefix = keys::prices(location);
  txn.scan(prefix, [&](std::string_view key, std::string_view value) {
    prices[std::string(key.substr(prefix.size()))] = std::stoll(std::string(value));
    return true;
  });
  return prices;
}

CreditLine read_line(Txn& txn, std::int64_t id) {
  auto text = txn.get(keys::line(id));
  if (!text) throw Error(ErrorCode::not_found, "credit line " + std::to_string(id) + " does not exist");
  return codec::credit_line_from(parse_record(*text), keys::line(id), ErrorCode::storage_corrupt);
}

void write_line(Txn& txn, const CreditLine& line, const std::string& previous_state,
                const std::string& previous_partner) {
  txn.put(keys::line(line.id), codec::stored(codec::to_value(line)));
  if (!previous_state.empty() && (previous_state != line.state || previous_partner != line.partner))
    txn.remove(keys::line_state(previous_state, previous_partner) + keys::num(line.id));
  txn.put(keys::line_state(line.state, line.partner) + keys::num(line.id), "");
  const std::string held = keys::held(line.location_id, line.program_id) + keys::num(line.id);
  if (line.state == "held") txn.put(held, "");
  else if (previous_state == "held") txn.remove(held);
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

}  // namespace tally::engine
