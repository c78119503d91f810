// SPDX-License-Identifier: Apache-2.0
// Enrollments: by hand, by the brand's review of private programs, and by auto-enrollment
// rules that follow a brand's offers.
#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/fulfillment.hpp"
#include "domain/lifecycle.hpp"
#include "domain/time.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

const domain::Program& program_of(const domain::Catalog& catalog, const std::string& id) {
  const domain::Program* program = catalog.program(id);
  if (!program) throw Error(ErrorCode::unknown_program, "program: " + limits::quoted(id) + " is not in the catalog");
  return *program;
}

std::int64_t today_at(const Location& location, Timestamp at) {
  return domain::day_number(domain::TimeZone::parse(location.time_zone).local_date(at));
}

bool ended(const domain::Program& program, const Location& location, Timestamp at) {
  return program.offer && program.offer->end_day < today_at(location, at);
}

// Moves every held line of (location, program) to the enrollment's distributor.
int release_held(Txn& txn, const Enrollment& enrollment, Timestamp at) {
  std::vector<std::int64_t> ids = txn.ids(keys::held(enrollment.location_id, enrollment.program_id));
  json::array released;
  const Actor store{ActorRole::retailer, enrollment.location_id};
  for (auto id : ids) {
    CreditLine line = engine::read_line(txn, id);
    const std::string held_at = line.partner;
    line.state = domain::transition(line, domain::LineEvent::release, store);
    line.partner = enrollment.distributor_id;
    line.account_number = enrollment.account_number;
    line.history.push_back({line.state, at, domain::describe(store),
                            "released from temporary holding to " + enrollment.distributor_id});
    engine::write_line(txn, line, "held", held_at);
    released.push_back(id);
  }
  if (!ids.empty())
    txn.journal(at, "credit_lines.released",
                json::serialize(json::object{{"location", enrollment.location_id},
                                             {"program", enrollment.program_id},
                                             {"distributor", enrollment.distributor_id},
                                             {"lines", std::move(released)}}));
  return static_cast<int>(ids.size());
}

void save(Txn& txn, const Enrollment& e, Timestamp at, const char* kind) {
  engine::write_enrollment(txn, e);
  txn.journal(at, kind, json::serialize(codec::to_value(e)));
}

AutoEnrollmentRule rule_from(const json::value& v, const std::string& path) {
  codec::Reader r(v, path, ErrorCode::storage_corrupt);
  AutoEnrollmentRule rule;
  rule.id = r.str("id");
  rule.location_ids = r.strings("locations", true);
  rule.manufacturer_id = r.str("manufacturer");
  rule.distributor_id = r.str("distributor");
  if (r.has("account_numbers"))
    for (const auto& [k, val] : v.at("account_numbers").as_object())
      if (val.is_string()) rule.account_numbers[std::string(k)] = std::string(val.get_string());
  return rule;
}

json::value to_value(const AutoEnrollmentRule& rule) {
  json::array locations;
  for (const auto& l : rule.location_ids) locations.emplace_back(l);
  json::object accounts;
  for (const auto& [loc, account] : rule.account_numbers) accounts[loc] = account;
  return {{"id", rule.id}, {"locations", std::move(locations)}, {"manufacturer", rule.manufacturer_id},
          {"distributor", rule.distributor_id}, {"account_numbers", std::move(accounts)}};
}

std::vector<AutoEnrollmentRule> read_rules(Txn& txn) {
  std::vector<AutoEnrollmentRule> rules;
  txn.scan(keys::auto_rules(), [&](std::string_view key, std::string_view value) {
    rules.push_back(rule_from(codec::parse_json(value, ErrorCode::storage_corrupt), std::string(key)));
    return true;
  });
  return rules;
}

// Enrolls one location in one offer by a rule, unless the store already chose by hand or
// the offer is over. Returns whether it enrolled.
bool auto_enroll(Txn& txn, const domain::Catalog& catalog, const AutoEnrollmentRule& rule,
                 const domain::Program& program, const std::string& location_id, Timestamp at) {
  if (!program.offer || program.manufacturer != rule.manufacturer_id) return false;
  Location location = engine::read_location(txn, location_id);
  if (ended(program, location, at)) return false;
  auto existing = engine::read_enrollment(txn, location_id, program.id);
  if (existing && existing->source == "manual") return false;
  Enrollment e;
  e.location_id = location_id;
  e.program_id = program.id;
  if (program.fulfillment == domain::Fulfillment::distributor) {
    e.distributor_id = rule.distributor_id;
    auto account = rule.account_numbers.find(location_id);
    if (account != rule.account_numbers.end()) e.account_number = account->second;
  }
  domain::check_enrollment(catalog, program, location, e);
  e.source = "auto";
  e.rule_id = rule.id;
  e.status = existing ? existing->status : (program.is_private ? "pending" : "approved");
  if (existing && existing->status == "denied") return false;
  save(txn, e, at, "enrollment.saved");
  return true;
}

}  // namespace

namespace engine {

int apply_auto_enrollment(Txn& txn, const domain::Catalog& catalog, const std::vector<std::string>& program_ids,
                          Timestamp at) {
  int enrolled = 0;
  for (const auto& rule : read_rules(txn))
    for (const auto& id : program_ids)
      for (const auto& location : rule.location_ids)
        enrolled += auto_enroll(txn, catalog, rule, catalog.programs.at(id), location, at) ? 1 : 0;
  return enrolled;
}

}  // namespace engine

EnrollmentChange Engine::enroll(const Enrollment& enrollment, Timestamp at) {
  // Typed input goes through the same validation as the JSON document.
  const Enrollment input = codec::enrollment_from(codec::to_value(enrollment), "enrollment", ErrorCode::invalid_argument);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    Location location = engine::read_location(txn, input.location_id);
    const domain::Program& program = program_of(*catalog, input.program_id);
    domain::check_enrollment(*catalog, program, location, input);
    if (ended(program, location, at))
      throw Error(ErrorCode::invalid_state, "program: the offer " + program.id + " ended on " + program.offer->end_date);
    auto existing = engine::read_enrollment(txn, input.location_id, input.program_id);
    if (existing && existing->status == "denied")
      throw Error(ErrorCode::enrollment_denied, "enrollment: " + program.manufacturer + " denied " + input.location_id +
                                                    " for " + program.id + "; the store cannot re-apply");
    Enrollment e = input;
    e.source = "manual";  // the store chose by hand: rules leave it alone from now on
    e.rule_id.clear();
    e.status = existing ? existing->status : (program.is_private ? "pending" : "approved");
    save(txn, e, at, "enrollment.saved");
    EnrollmentChange change{e, 0};
    if (!e.distributor_id.empty() && e.distributor_id != kTemporaryHolding) change.released_lines = release_held(txn, e, at);
    return change;
  });
}

Enrollment Engine::review_enrollment(const Actor& actor, const std::string& location_id, const std::string& program_id,
                                     bool approve, Timestamp at) {
  engine::check_id(location_id, "location");
  engine::check_id(program_id, "program");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    const domain::Program& program = program_of(*catalog, program_id);
    if (actor.role != ActorRole::manufacturer || actor.id != program.manufacturer)
      throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not review enrollments in " +
                                              program_id + "; that is for manufacturer " + program.manufacturer);
    auto e = engine::read_enrollment(txn, location_id, program_id);
    if (!e) throw Error(ErrorCode::not_enrolled, "enrollment: " + location_id + " has not applied for " + program_id);
    if (e->status != "pending")
      throw Error(ErrorCode::invalid_state, "enrollment: " + location_id + " in " + program_id + " is " + e->status +
                                                "; only a pending one is reviewed");
    e->status = approve ? "approved" : "denied";
    save(txn, *e, at, approve ? "enrollment.approved" : "enrollment.denied");
    return *e;
  });
}

int Engine::add_auto_enrollment(const AutoEnrollmentRule& rule, Timestamp at) {
  if (rule.id.empty()) throw Error(ErrorCode::invalid_argument, "rule.id: is required");
  engine::check_id(rule.id, "rule.id");
  engine::check_id(rule.manufacturer_id, "rule.manufacturer");
  engine::check_id(rule.distributor_id, "rule.distributor");
  for (const auto& [location, account] : rule.account_numbers) {
    engine::check_id(location, "rule.account_numbers");
    engine::check_id(account, "rule.account_numbers");
  }
  if (rule.location_ids.empty()) throw Error(ErrorCode::invalid_argument, "rule.locations: name at least one location");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    if (!catalog->manufacturers.count(rule.manufacturer_id))
      throw Error(ErrorCode::unknown_manufacturer, "rule.manufacturer: '" + rule.manufacturer_id + "' is not in the catalog");
    auto distributor = catalog->distributors.find(rule.distributor_id);
    if (distributor == catalog->distributors.end())
      throw Error(ErrorCode::unknown_distributor, "rule.distributor: '" + rule.distributor_id + "' is not in the catalog");
    // Only a distributor that serves every chosen location (and carries the brand) qualifies.
    for (const auto& location_id : rule.location_ids) {
      Location location = engine::read_location(txn, location_id);
      if (!distributor->second.serves_state(location.state))
        throw Error(ErrorCode::distributor_not_serving, "rule.distributor: " + rule.distributor_id + " does not serve " +
                                                            location.state + " (location " + location_id + ")");
      if (!distributor->second.carries(rule.manufacturer_id))
        throw Error(ErrorCode::distributor_not_serving, "rule.distributor: " + rule.distributor_id + " does not carry " +
                                                            rule.manufacturer_id);
      if (distributor->second.account_number_required && !rule.account_numbers.count(location_id))
        throw Error(ErrorCode::account_number_required, "rule.account_numbers: " + rule.distributor_id +
                                                            " needs the account number of " + location_id);
    }
    json::value doc = to_value(rule);
    txn.put(keys::auto_rule(rule.id), codec::stored(doc));
    txn.journal(at, "auto_enrollment.saved", json::serialize(doc));
    int enrolled = 0;
    for (const auto& [id, program] : catalog->programs)
      for (const auto& location : rule.location_ids)
        enrolled += auto_enroll(txn, *catalog, rule, program, location, at) ? 1 : 0;
    return enrolled;
  });
}

void Engine::remove_auto_enrollment(const std::string& rule_id, Timestamp at) {
  engine::check_id(rule_id, "rule");
  std::lock_guard lock(impl_->mutex);
  impl_->run(TxnMode::write, [&](Txn& txn) {
    if (!txn.get(keys::auto_rule(rule_id))) throw Error(ErrorCode::not_found, "rule: '" + rule_id + "' does not exist");
    txn.remove(keys::auto_rule(rule_id));
    txn.journal(at, "auto_enrollment.removed", json::serialize(json::object{{"id", rule_id}}));
  });
}

std::vector<AutoEnrollmentRule> Engine::auto_enrollments() {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) { return read_rules(txn); });
}

}  // namespace tally
