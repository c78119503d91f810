// SPDX-License-Identifier: Apache-2.0
#include "domain/lifecycle.hpp"

#include <array>
#include <initializer_list>

#include "tally/error.hpp"
#include "tally/limits.hpp"

namespace tally::domain {
namespace {

enum class Who { partner, retailer, brand };

struct Rule {
  LineEvent event;
  bool retailer_fulfilled;  // which machine the rule belongs to
  std::initializer_list<const char*> from;
  const char* to;
  Who who;
};

// The two machines of docs/lifecycles.md, one row per allowed transition.
const std::array<Rule, 17> kRules{{
    {LineEvent::release, false, {"held"}, "new", Who::retailer},
    {LineEvent::pull, false, {"new"}, "batched", Who::partner},
    {LineEvent::unbatch, false, {"batched"}, "new", Who::partner},
    {LineEvent::decline, false, {"batched"}, "declined", Who::partner},
    {LineEvent::fulfill, false, {"batched"}, "credited", Who::partner},
    {LineEvent::reconcile, false, {"credited"}, "reconciled", Who::retailer},
    {LineEvent::resubmit, false, {"declined"}, "new", Who::retailer},
    {LineEvent::hold, false, {"new", "batched"}, "held", Who::partner},
    {LineEvent::withdraw, false, {"held", "new", "batched", "declined"}, "withdrawn", Who::retailer},
    {LineEvent::pull, true, {"new"}, "batched", Who::retailer},
    {LineEvent::unbatch, true, {"batched"}, "new", Who::retailer},
    {LineEvent::submit, true, {"batched"}, "submitted", Who::retailer},
    {LineEvent::complete, true, {"submitted"}, "complete", Who::retailer},
    {LineEvent::decline, true, {"submitted"}, "declined", Who::brand},
    {LineEvent::resubmit, true, {"declined"}, "new", Who::retailer},
    {LineEvent::withdraw, true, {"new", "batched", "declined"}, "withdrawn", Who::retailer},
    {LineEvent::reconcile, true, {}, "", Who::retailer},  // retailer lines end at complete
}};

const char* role_name(ActorRole role) {
  switch (role) {
    case ActorRole::retailer: return "retailer";
    case ActorRole::distributor: return "distributor";
    case ActorRole::manufacturer: return "manufacturer";
  }
  return "?";
}

// Who the line's partner is as an actor: its distributor, or the manufacturer's own desk
// for direct lines.
Actor partner_of(const CreditLine& line) {
  if (line.fulfillment == "direct") return {ActorRole::manufacturer, line.partner};
  return {ActorRole::distributor, line.partner};
}

bool same(const Actor& a, const Actor& b) { return a.role == b.role && a.id == b.id; }

void check_actor(const CreditLine& line, Who who, const Actor& actor, LineEvent event) {
  Actor expected;
  switch (who) {
    case Who::partner: expected = partner_of(line); break;
    case Who::brand: expected = {ActorRole::manufacturer, line.manufacturer_id}; break;
    case Who::retailer:
      // A retailer naming a location may act on that location's lines only.
      if (actor.role == ActorRole::retailer && (actor.id.empty() || actor.id == line.location_id)) return;
      expected = {ActorRole::retailer, line.location_id};
      break;
  }
  if (!same(actor, expected))
    throw Error(ErrorCode::wrong_actor, "actor: " + describe(actor) + " may not " + to_string(event) +
                                            " credit line " + std::to_string(line.id) + "; that is for " +
                                            describe(expected));
}

}  // namespace

const char* to_string(LineEvent event) {
  switch (event) {
    case LineEvent::release: return "release";
    case LineEvent::pull: return "pull";
    case LineEvent::unbatch: return "unbatch";
    case LineEvent::decline: return "decline";
    case LineEvent::fulfill: return "fulfill";
    case LineEvent::reconcile: return "reconcile";
    case LineEvent::resubmit: return "resubmit";
    case LineEvent::hold: return "hold";
    case LineEvent::submit: return "submit";
    case LineEvent::complete: return "complete";
    case LineEvent::withdraw: return "withdraw";
  }
  return "?";
}

std::string describe(const Actor& actor) {
  // An over-long id (refused where it is checked) is never echoed whole.
  const std::string id = actor.id.size() <= limits::kIdBytes ? actor.id : limits::quoted(actor.id);
  return std::string(role_name(actor.role)) + (id.empty() ? "" : " " + id);
}

std::string transition(const CreditLine& line, LineEvent event, const Actor& actor) {
  const bool retailer = line.fulfillment == "retailer";
  for (const auto& rule : kRules) {
    if (rule.event != event || rule.retailer_fulfilled != retailer) continue;
    check_actor(line, rule.who, actor, event);
    for (const char* from : rule.from)
      if (line.state == from) return rule.to;
    std::string allowed;
    for (const char* from : rule.from) allowed += (allowed.empty() ? "" : " or ") + std::string(from);
    throw Error(ErrorCode::invalid_state,
                "credit line " + std::to_string(line.id) + " is " + line.state + "; " + to_string(event) +
                    (allowed.empty() ? " does not apply to " + line.fulfillment + "-fulfilled lines"
                                     : " needs it " + allowed));
  }
  throw Error(ErrorCode::invalid_state, std::string(to_string(event)) + " does not apply to " +
                                            line.fulfillment + "-fulfilled credit line " + std::to_string(line.id));
}

bool valid_decline_reason(const std::string& reason) {
  for (const char* r : {"wrong_account_number", "missing_account_number", "wrong_address",
                        "item_not_in_program", "duplicate", "not_served", "other"})
    if (reason == r) return true;
  return false;
}

const char* decline_reasons() {
  return "wrong_account_number, missing_account_number, wrong_address, item_not_in_program, duplicate, "
         "not_served or other";
}

}  // namespace tally::domain
