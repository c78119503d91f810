// SPDX-License-Identifier: Apache-2.0
// Credit-line lifecycles: batches, declines, credits, reconciliation, holding.
#include <algorithm>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/lifecycle.hpp"
#include "domain/time.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using domain::LineEvent;
using engine::Txn;
namespace json = boost::json;

namespace engine {

Batch read_batch(Txn& txn, std::int64_t id) {
  auto text = txn.get(keys::batch(id));
  if (!text) throw Error(ErrorCode::not_found, "batch " + std::to_string(id) + " does not exist");
  return codec::batch_from(codec::parse_json(*text, ErrorCode::storage_corrupt), keys::batch(id), ErrorCode::storage_corrupt);
}

void write_batch(Txn& txn, const Batch& batch) {
  txn.put(keys::batch(batch.id), codec::stored(codec::to_value(batch)));
  txn.put(keys::partner_batches(batch.partner) + keys::num(batch.id), "");
}

// Moves a line by one event of its state machine, appending the change to its history.
void move_line(Txn& txn, CreditLine& line, LineEvent event, const Actor& actor, Timestamp at,
               const std::string& note) {
  check_id(actor.id, "actor.id");
  limits::check_length(note, limits::kTextBytes, "note");
  const std::string previous_state = line.state;
  line.state = domain::transition(line, event, actor);
  line.history.push_back({line.state, at, domain::describe(actor), note});
  write_line(txn, line, previous_state, line.partner);
}

std::vector<CreditLine> lines_in(Txn& txn, const std::string& state, const std::string& partner) {
  std::vector<std::int64_t> ids = txn.ids(partner.empty() ? keys::line_states(state) : keys::line_state(state, partner));
  std::vector<CreditLine> out;
  for (auto id : ids) out.push_back(read_line(txn, id));
  return out;
}

}  // namespace engine

namespace {

using engine::move_line;
using engine::read_batch;
using engine::read_line;
using engine::write_batch;

json::array ids_json(const std::vector<std::int64_t>& ids) {
  json::array a;
  for (auto id : ids) a.emplace_back(id);
  return a;
}

void journal_batch(Txn& txn, Timestamp at, const char* kind, const Batch& batch, const Actor& actor) {
  txn.journal(at, kind, json::serialize(json::object{{"batch", batch.id}, {"state", batch.state},
                                                     {"actor", domain::describe(actor)},
                                                     {"lines", ids_json(batch.lines)}}));
}

void journal_line(Txn& txn, Timestamp at, const char* kind, const CreditLine& line, const Actor& actor,
                  const std::string& note = {}) {
  txn.journal(at, kind, json::serialize(json::object{{"line", line.id}, {"state", line.state},
                                                     {"actor", domain::describe(actor)}, {"note", note}}));
}

// The partner actor a batch of this kind answers to.
Actor batch_owner(const Batch& batch) {
  if (batch.kind == "direct") return {ActorRole::manufacturer, batch.partner};
  if (batch.kind == "distributor") return {ActorRole::distributor, batch.partner};
  if (batch.kind == "credit") return {ActorRole::manufacturer, batch.manufacturer_id};
  return {ActorRole::retailer, ""};
}

void check_batch(const Batch& batch, const Actor& actor, std::initializer_list<const char*> kinds,
                 const char* state, const char* action) {
  bool kind_ok = false;
  for (const char* k : kinds) kind_ok = kind_ok || batch.kind == k;
  if (!kind_ok)
    throw Error(ErrorCode::invalid_state, "batch " + std::to_string(batch.id) + " is a " + batch.kind +
                                              " batch; " + action + " does not apply to it");
  Actor owner = batch_owner(batch);
  bool actor_ok = owner.role == ActorRole::retailer ? actor.role == ActorRole::retailer
                                                    : (actor.role == owner.role && actor.id == owner.id);
  if (!actor_ok)
    throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not " + action + " batch " +
                                            std::to_string(batch.id) + "; that is for " + domain::describe(owner));
  if (batch.state != state)
    throw Error(ErrorCode::invalid_state, "batch " + std::to_string(batch.id) + " is " + batch.state + "; " +
                                              action + " needs it " + state);
}

// A batch moves to `state`: its history gains the step, the record is written and the
// journal told under `kind`.
void store_batch_state(Txn& txn, Batch& batch, const std::string& state, const char* kind, const Actor& actor,
                       Timestamp at, const std::string& note = {}) {
  engine::check_id(actor.id, "actor.id");
  limits::check_length(note, limits::kTextBytes, "note");
  batch.state = state;
  batch.history.push_back({state, at, domain::describe(actor), note});
  write_batch(txn, batch);
  journal_batch(txn, at, kind, batch, actor);
}

void leave_batch(Txn& txn, CreditLine& line) {
  if (!line.batch_id) return;
  Batch batch = read_batch(txn, line.batch_id);
  batch.lines.erase(std::remove(batch.lines.begin(), batch.lines.end(), line.id), batch.lines.end());
  write_batch(txn, batch);
  line.batch_id = 0;
}

bool in(const std::vector<std::string>& set, const std::string& value) {
  return set.empty() || std::find(set.begin(), set.end(), value) != set.end();
}

// Pulls the new lines of `partner` into a new batch of `kind`.
Batch pull(Txn& txn, const Actor& actor, const std::string& kind, const std::string& partner,
           const std::string& name, const std::vector<std::string>& locations, const std::string& stream,
           Timestamp at) {
  limits::check_length(name, limits::kNameBytes, "name");
  limits::check_length(stream, limits::kNameBytes, "stream");
  for (const auto& location : locations) engine::check_id(location, "locations[]");
  Batch batch;
  batch.kind = kind;
  batch.partner = partner;
  batch.stream = stream;
  batch.name = name;
  batch.locations = locations;
  batch.created_at = at;
  for (auto& line : engine::lines_in(txn, "new", partner)) {
    if (line.stream != stream || !in(locations, line.location_id) ||
        (kind != "retailer" && line.fulfillment != kind))
      continue;
    if (!batch.id) batch.id = txn.next_id("batch");
    line.batch_id = batch.id;
    move_line(txn, line, LineEvent::pull, actor, at, "pulled into batch " + std::to_string(batch.id));
    batch.lines.push_back(line.id);
  }
  if (batch.lines.empty())
    throw Error(ErrorCode::invalid_state, "batch: " + partner + " has no new " + stream + " lines to pull" +
                                              (locations.empty() ? "" : " at those locations"));
  store_batch_state(txn, batch, kind == "retailer" ? "open" : "unfulfilled", "batch.created", actor, at);
  return batch;
}

// Moves every line of a batch by `event`; lines already past it (declined) are skipped.
void move_batch_lines(Txn& txn, Batch& batch, LineEvent event, const char* from, const Actor& actor,
                      Timestamp at, const std::string& note) {
  for (auto id : batch.lines) {
    CreditLine line = read_line(txn, id);
    if (line.state == from) move_line(txn, line, event, actor, at, note);
  }
}

boost::gregorian::date parse_date(const std::string& text, const char* field) {
  return domain::date_from_day_number(domain::date_day(text, field));
}

const char* cadence_name(Cadence c) {
  switch (c) {
    case Cadence::weekly: return "weekly";
    case Cadence::biweekly: return "biweekly";
    case Cadence::monthly: return "monthly";
    case Cadence::manual: return "manual";
  }
  return "manual";
}

bool cadence_due(const std::string& cadence, const boost::gregorian::date& anchor, const boost::gregorian::date& day) {
  if (day < anchor) return false;
  auto days = (day - anchor).days();
  if (cadence == "weekly") return days % 7 == 0;
  if (cadence == "biweekly") return days % 14 == 0;
  if (cadence == "monthly") {
    // The anchor's day of the month, or the month's last day when the month is shorter.
    int last = boost::gregorian::gregorian_calendar::end_of_month_day(day.year(), day.month());
    return day.day() == std::min<int>(anchor.day(), last);
  }
  return false;
}

}  // namespace

Batch Engine::pull_batch(const Actor& actor, const std::string& name, const std::vector<std::string>& location_ids,
                         Timestamp at, const std::string& stream) {
  if (actor.role == ActorRole::retailer)
    throw Error(ErrorCode::wrong_actor, "actor: a retailer batches its own lines with create_retailer_batch");
  if (actor.id.empty()) throw Error(ErrorCode::invalid_argument, "actor.id: the distributor or manufacturer must name itself");
  engine::check_id(actor.id, "actor.id");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    return pull(txn, actor, actor.role == ActorRole::distributor ? "distributor" : "direct", actor.id, name,
                location_ids, stream, at);
  });
}

CreditLine Engine::unbatch_line(const Actor& actor, std::int64_t line_id, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    CreditLine line = read_line(txn, line_id);
    const std::int64_t batch_id = line.batch_id;
    domain::transition(line, LineEvent::unbatch, actor);  // refuse before touching the batch
    leave_batch(txn, line);
    move_line(txn, line, LineEvent::unbatch, actor, at, "taken out of batch " + std::to_string(batch_id));
    journal_line(txn, at, "credit_line.unbatched", line, actor);
    return line;
  });
}

Batch Engine::unbatch(const Actor& actor, std::int64_t batch_id, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Batch batch = read_batch(txn, batch_id);
    check_batch(batch, actor, {"distributor", "direct", "retailer"}, batch.kind == "retailer" ? "open" : "unfulfilled",
                "unbatch");
    for (auto id : batch.lines) {
      CreditLine line = read_line(txn, id);
      line.batch_id = 0;
      move_line(txn, line, LineEvent::unbatch, actor, at, "batch " + std::to_string(batch.id) + " dissolved");
    }
    store_batch_state(txn, batch, "dissolved", "batch.dissolved", actor, at);
    return batch;
  });
}

CreditLine Engine::decline_line(const Actor& actor, std::int64_t line_id, const std::string& reason,
                                const std::string& note, Timestamp at) {
  if (!domain::valid_decline_reason(reason))
    throw Error(ErrorCode::invalid_argument, "reason: " + limits::quoted(reason) + " must be one of " + domain::decline_reasons());
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    CreditLine line = read_line(txn, line_id);
    domain::transition(line, LineEvent::decline, actor);
    leave_batch(txn, line);
    line.decline_reason = reason;
    line.decline_note = note;
    move_line(txn, line, LineEvent::decline, actor, at, reason + (note.empty() ? "" : ": " + note));
    journal_line(txn, at, "credit_line.declined", line, actor, reason);
    return line;
  });
}

Batch Engine::fulfill_batch(const Actor& actor, std::int64_t batch_id, const CreditMemo& memo, Timestamp at) {
  if (memo.number.empty()) throw Error(ErrorCode::invalid_argument, "memo.number: the credit memo number is required");
  if (memo.amount < 0) throw Error(ErrorCode::invalid_price, "memo.amount: must be >= 0");
  engine::check_id(memo.number, "memo.number");
  limits::check_length(memo.note, limits::kTextBytes, "memo.note");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Batch batch = read_batch(txn, batch_id);
    check_batch(batch, actor, {"distributor", "direct"}, "unfulfilled", "fulfill");
    if (batch.lines.empty())
      throw Error(ErrorCode::invalid_state, "batch " + std::to_string(batch.id) + " has no lines left to credit");
    move_batch_lines(txn, batch, LineEvent::fulfill, "batched", actor, at, "credit memo " + memo.number);
    batch.memo_number = memo.number;
    batch.credited_amount = memo.amount;
    batch.note = memo.note;
    store_batch_state(txn, batch, "fulfilled", "batch.fulfilled", actor, at, "credit memo " + memo.number);
    return batch;
  });
}

Batch Engine::claim_credit(const Actor& actor, const std::string& manufacturer_id,
                           const std::vector<std::int64_t>& batch_ids, const std::string& name, Timestamp at) {
  if (actor.role != ActorRole::distributor || actor.id.empty())
    throw Error(ErrorCode::wrong_actor, "actor: only a distributor claims credit from a manufacturer");
  engine::check_id(actor.id, "actor.id");
  engine::check_id(manufacturer_id, "manufacturer");
  limits::check_length(name, limits::kNameBytes, "name");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    std::vector<std::int64_t> ids = batch_ids.empty() ? txn.ids(keys::partner_batches(actor.id)) : batch_ids;
    Batch claim;
    claim.kind = "credit";
    claim.partner = actor.id;
    claim.manufacturer_id = manufacturer_id;
    claim.stream = "free_goods";
    claim.name = name;
    claim.created_at = at;
    for (auto id : ids) {
      Batch batch = read_batch(txn, id);
      if (batch.kind != "distributor" || batch.partner != actor.id) {
        if (batch_ids.empty()) continue;
        throw Error(ErrorCode::wrong_actor, "batch " + std::to_string(id) + " is not a batch of " + actor.id);
      }
      if (batch.state != "fulfilled") {
        if (batch_ids.empty()) continue;
        throw Error(ErrorCode::invalid_state, "batch " + std::to_string(id) + " is " + batch.state + "; a claim needs it fulfilled");
      }
      bool used = false;
      for (auto line_id : batch.lines) {
        CreditLine line = read_line(txn, line_id);
        if (line.manufacturer_id != manufacturer_id || line.credit_batch_id) continue;
        if (!claim.id) claim.id = txn.next_id("batch");
        line.credit_batch_id = claim.id;
        line.history.push_back({line.state, at, domain::describe(actor), "claimed from " + manufacturer_id +
                                                                          " in credit batch " + std::to_string(claim.id)});
        engine::write_line(txn, line, line.state, line.partner);
        claim.lines.push_back(line.id);
        used = true;
      }
      if (used) claim.batches.push_back(id);
    }
    if (claim.lines.empty())
      throw Error(ErrorCode::invalid_state, "claim: " + actor.id + " has no unclaimed credited " + manufacturer_id + " lines");
    store_batch_state(txn, claim, "claimed", "credit_batch.claimed", actor, at);
    return claim;
  });
}

Batch Engine::pay_credit_batch(const Actor& actor, std::int64_t batch_id, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Batch batch = read_batch(txn, batch_id);
    check_batch(batch, actor, {"credit"}, "claimed", "pay");
    store_batch_state(txn, batch, "paid", "credit_batch.paid", actor, at);
    return batch;
  });
}

int Engine::reassign_to_holding(const Actor& actor, const std::string& location_id, const std::string& program_id,
                                Timestamp at) {
  engine::check_id(location_id, "location");
  engine::check_id(program_id, "program");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto enrollment = engine::read_enrollment(txn, location_id, program_id);
    if (!enrollment) throw Error(ErrorCode::not_enrolled, "enrollment: " + location_id + " is not enrolled in " + program_id);
    if (actor.role != ActorRole::distributor || actor.id != enrollment->distributor_id)
      throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " is not the distributor of " +
                                              program_id + " at " + location_id);
    enrollment->distributor_id = kTemporaryHolding;
    enrollment->account_number.clear();
    json::value doc = codec::to_value(*enrollment);
    engine::write_enrollment(txn, *enrollment);
    int held = 0;
    for (const char* state : {"new", "batched"})
      for (auto& line : engine::lines_in(txn, state, actor.id)) {
        if (line.location_id != location_id || line.program_id != program_id) continue;
        leave_batch(txn, line);
        move_line(txn, line, LineEvent::hold, actor, at, actor.id + " no longer serves this store for " + program_id);
        ++held;
      }
    txn.journal(at, "enrollment.reassigned_to_holding",
                json::serialize(json::object{{"enrollment", doc}, {"actor", domain::describe(actor)}, {"held_lines", held}}));
    return held;
  });
}

CreditLine Engine::reconcile_line(const Actor& actor, std::int64_t line_id, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    CreditLine line = read_line(txn, line_id);
    move_line(txn, line, LineEvent::reconcile, actor, at, "matched the credit memo");
    journal_line(txn, at, "credit_line.reconciled", line, actor);
    return line;
  });
}

Batch Engine::reconcile_batch(const Actor& actor, std::int64_t batch_id, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Batch batch = read_batch(txn, batch_id);
    if (actor.role != ActorRole::retailer)
      throw Error(ErrorCode::wrong_actor, "actor: only the retailer reconciles");
    if (batch.state != "fulfilled")
      throw Error(ErrorCode::invalid_state, "batch " + std::to_string(batch.id) + " is " + batch.state +
                                                "; reconciling needs it fulfilled");
    move_batch_lines(txn, batch, LineEvent::reconcile, "credited", actor, at, "matched credit memo " + batch.memo_number);
    journal_batch(txn, at, "batch.reconciled", batch, actor);
    return batch;
  });
}

Enrollment Engine::fix_account_number(const Actor& actor, const std::string& location_id, const std::string& program_id,
                                      const std::string& account_number, Timestamp at) {
  if (actor.role != ActorRole::retailer || (!actor.id.empty() && actor.id != location_id))
    throw Error(ErrorCode::wrong_actor, "actor: only the store fixes its account number");
  if (account_number.empty()) throw Error(ErrorCode::account_number_required, "account_number: is required");
  engine::check_id(location_id, "location");
  engine::check_id(program_id, "program");
  engine::check_id(account_number, "account_number");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto enrollment = engine::read_enrollment(txn, location_id, program_id);
    if (!enrollment) throw Error(ErrorCode::not_enrolled, "enrollment: " + location_id + " is not enrolled in " + program_id);
    if (enrollment->distributor_id.empty() || enrollment->distributor_id == kTemporaryHolding)
      throw Error(ErrorCode::invalid_state, "enrollment: " + program_id + " at " + location_id + " has no distributor account");
    enrollment->account_number = account_number;
    json::value doc = codec::to_value(*enrollment);
    engine::write_enrollment(txn, *enrollment);
    for (const char* state : {"new", "declined"})
      for (auto& line : engine::lines_in(txn, state, enrollment->distributor_id)) {
        if (line.location_id != location_id || line.program_id != program_id) continue;
        line.account_number = account_number;
        line.history.push_back({line.state, at, domain::describe(actor), "account number corrected"});
        engine::write_line(txn, line, line.state, line.partner);
      }
    txn.journal(at, "enrollment.account_fixed", json::serialize(doc));
    return *enrollment;
  });
}

CreditLine Engine::resubmit_line(const Actor& actor, std::int64_t line_id, const std::string& note, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    CreditLine line = read_line(txn, line_id);
    move_line(txn, line, LineEvent::resubmit, actor, at, note.empty() ? "resubmitted" : note);
    line.resubmitted_at = at;
    line.decline_reason.clear();
    line.decline_note.clear();
    engine::write_line(txn, line, line.state, line.partner);
    journal_line(txn, at, "credit_line.resubmitted", line, actor, note);
    return line;
  });
}

Batch Engine::create_retailer_batch(const Actor& actor, const std::string& name,
                                    const std::vector<std::string>& location_ids, Timestamp at) {
  if (actor.role != ActorRole::retailer) throw Error(ErrorCode::wrong_actor, "actor: retailer batches are the store's");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    return pull(txn, actor, "retailer", "retailer", name, location_ids, "free_goods", at);
  });
}

namespace {

Batch advance_retailer_batch(EngineImpl& impl, const Actor& actor, std::int64_t batch_id, Timestamp at,
                             const char* from, const char* to, LineEvent event, const char* line_from,
                             const char* action, const char* journal_kind) {
  std::lock_guard lock(impl.mutex);
  return impl.run(TxnMode::write, [&](Txn& txn) {
    Batch batch = read_batch(txn, batch_id);
    check_batch(batch, actor, {"retailer"}, from, action);
    move_batch_lines(txn, batch, event, line_from, actor, at, std::string(action) + " with batch " + std::to_string(batch.id));
    store_batch_state(txn, batch, to, journal_kind, actor, at);
    return batch;
  });
}

}  // namespace

Batch Engine::submit_retailer_batch(const Actor& actor, std::int64_t batch_id, Timestamp at) {
  return advance_retailer_batch(*impl_, actor, batch_id, at, "open", "submitted", LineEvent::submit, "batched", "submit",
                                "batch.submitted");
}

Batch Engine::complete_retailer_batch(const Actor& actor, std::int64_t batch_id, Timestamp at) {
  return advance_retailer_batch(*impl_, actor, batch_id, at, "submitted", "complete", LineEvent::complete, "submitted",
                                "complete", "batch.completed");
}

void Engine::set_cadence(const std::string& location_id, Cadence cadence, const std::string& anchor_date, Timestamp at) {
  parse_date(anchor_date, "anchor_date");
  std::lock_guard lock(impl_->mutex);
  impl_->run(TxnMode::write, [&](Txn& txn) {
    engine::read_location(txn, location_id);
    json::object doc{{"location", location_id}, {"cadence", cadence_name(cadence)}, {"anchor_date", anchor_date}};
    txn.put(keys::cadence(location_id), codec::stored(doc));
    txn.journal(at, "cadence.saved", json::serialize(doc));
  });
}

std::vector<BatchDue> Engine::batches_due(const std::string& date) {
  const auto day = parse_date(date, "date");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    std::vector<BatchDue> out;
    txn.scan(keys::cadences(), [&](std::string_view key, std::string_view value) {
      json::value v = codec::parse_json(value, ErrorCode::storage_corrupt);
      codec::Reader r(v, std::string(key), ErrorCode::storage_corrupt);
      BatchDue due;
      due.location_id = r.str("location");
      due.cadence = r.str("cadence");
      due.anchor_date = r.str("anchor_date");
      due.due = cadence_due(due.cadence, parse_date(due.anchor_date, "anchor_date"), day);
      out.push_back(due);
      return true;
    });
    auto waiting = engine::lines_in(txn, "new", "retailer");
    for (auto& due : out)
      due.new_lines = static_cast<int>(std::count_if(waiting.begin(), waiting.end(), [&](const CreditLine& l) {
        return l.location_id == due.location_id;
      }));
    return out;
  });
}

Batch Engine::batch(std::int64_t id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) { return read_batch(txn, id); });
}

std::vector<Batch> Engine::batches(const std::string& partner) {
  engine::check_id(partner, "partner");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    std::vector<std::int64_t> ids = txn.ids(partner.empty() ? keys::batches() : keys::partner_batches(partner));
    std::vector<Batch> out;
    for (auto id : ids) out.push_back(read_batch(txn, id));
    return out;
  });
}

}  // namespace tally
