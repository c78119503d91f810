// SPDX-License-Identifier: Apache-2.0
// Corrections after finishing: undoing redemptions, returns, splitting cards, merging
// customers. Each is a new fact pointing at what it corrects; nothing is edited away.
#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/gtin.hpp"
#include "domain/lifecycle.hpp"
#include "domain/time.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

using engine::new_card;
using engine::read_card;
using engine::store_card;

void check_retailer(const Actor& actor, const std::string& location_id) {
  if (actor.role != ActorRole::retailer || (!actor.id.empty() && actor.id != location_id))
    throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not correct a redemption at " + location_id);
}

const domain::CardType& card_type(const domain::Catalog& catalog, const std::string& program, const std::string& card) {
  const domain::Program* p = catalog.program(program);
  const domain::CardType* t = p ? p->card(card) : nullptr;
  if (!t) throw Error(ErrorCode::unknown_program, "program: " + program + "/" + card + " is no longer in the catalog");
  return *t;
}

// A negative line that takes back a credited one.
CreditLine reversal_of(Txn& txn, CreditLine& line, const Actor& actor, Timestamp at) {
  CreditLine reversal = line;
  reversal.id = txn.next_id("line");
  reversal.quantity = -line.quantity;
  reversal.state = "new";
  reversal.batch_id = 0;
  reversal.credit_batch_id = 0;
  reversal.decline_reason.clear();
  reversal.decline_note.clear();
  reversal.resubmitted_at.reset();
  reversal.reverses = line.id;
  reversal.created_at = at;
  reversal.history = {{"new", at, domain::describe(actor), "reversal of credit line " + std::to_string(line.id)}};
  engine::write_line(txn, reversal, "", "");
  line.history.push_back({line.state, at, domain::describe(actor), "reversed by credit line " + std::to_string(reversal.id)});
  engine::write_line(txn, line, line.state, line.partner);
  return reversal;
}

// Takes the credit of an undone redemption back: withdrawn while nobody has credited it,
// a reversal line once somebody has (only when asked for).
void take_back_credit(Txn& txn, std::int64_t line_id, const Actor& actor, Timestamp at, bool reverse) {
  if (!line_id) return;
  CreditLine line = engine::read_line(txn, line_id);
  static const std::set<std::string> open_states{"held", "new", "batched", "declined"};
  if (open_states.count(line.state)) {
    if (line.batch_id) {
      Batch batch = engine::read_batch(txn, line.batch_id);
      batch.lines.erase(std::remove(batch.lines.begin(), batch.lines.end(), line.id), batch.lines.end());
      engine::write_batch(txn, batch);
      line.batch_id = 0;
    }
    engine::move_line(txn, line, domain::LineEvent::withdraw, actor, at, "redemption undone");
    return;
  }
  if (!reverse)
    throw Error(ErrorCode::invalid_state, "credit line " + std::to_string(line.id) + " is " + line.state +
                                              "; undoing its redemption needs an explicit reversal");
  reversal_of(txn, line, actor, at);
}

}  // namespace

// A points reward has no item to swap: undoing it gives its points back.
static Redemption undo_points_redemption(EngineImpl& impl, engine::Txn& txn, codec::StoredRedemption& record,
                                         const std::string& upc, Timestamp at) {
  if (!upc.empty())
    throw Error(ErrorCode::invalid_argument, "upc: redemption " + std::to_string(record.redemption.id) +
                                                 " is a points reward; it can be undone, not reselected");
  auto catalog = impl.load_catalog(txn);
  const domain::Program* program = catalog->program(record.redemption.program_id);
  if (!program)
    throw Error(ErrorCode::unknown_program, "program: " + record.redemption.program_id + " is no longer in the catalog");
  const auto config = impl.location_config(txn, record.location_id);
  const std::int64_t points =
      engine::refund_points(txn, *program, record, at, domain::day_number(config->time_zone.local_date(at)));
  record.status = "undone";
  record.undone_at = at;
  txn.put(keys::redemption(record.redemption.id), codec::encode(record));
  txn.journal(at, "redemption.undone",
              json::serialize(json::object{{"redemption", record.redemption.id}, {"points_refunded", points}}));
  return {};
}

Redemption Engine::undo_redemption(const Actor& actor, std::int64_t redemption_id, const std::string& upc,
                                   std::optional<Cents> unit_price, Timestamp at, bool reverse) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    codec::StoredRedemption record = engine::read_redemption(txn, redemption_id);
    const std::string location_id = record.location_id;
    check_retailer(actor, location_id);
    txn.for_location(location_id);
    if (record.status != "active")
      throw Error(ErrorCode::invalid_state, "redemption " + std::to_string(redemption_id) + " was already " + record.status);
    if (record.redemption.kind == "points") return undo_points_redemption(*impl_, txn, record, upc, at);
    if (!record.redemption.card_number)
      throw Error(ErrorCode::invalid_state, "redemption " + std::to_string(redemption_id) + " is " +
                                                (record.redemption.kind == "adoption" ? "an " : "a ") +
                                                record.redemption.kind +
                                                " redemption; only a card's reward can be undone or reselected");
    if (record.redemption.kind == "pass")
      throw Error(ErrorCode::invalid_state, "redemption " + std::to_string(redemption_id) +
                                                " is a use of a prepaid pass; a use that happened cannot be undone");
    if (record.redemption.kind == "cash_back" && !upc.empty())
      throw Error(ErrorCode::invalid_argument, "upc: redemption " + std::to_string(redemption_id) +
                                                   " paid out cash back; there is no item to reselect (leave upc empty to undo it)");
    auto catalog = impl_->load_catalog(txn);
    domain::CardState card = read_card(txn, record.redemption.card_number);
    const domain::CardType& type = card_type(*catalog, card.program_id, card.card_id);
    const domain::Program& program = *catalog->program(card.program_id);
    take_back_credit(txn, record.redemption.credit_line_id, actor, at, reverse);

    Redemption replacement;
    record.undone_at = at;
    if (upc.empty()) {
      record.status = "undone";
      card.status = domain::CardStatus::complete;  // the reward waits on the card again
      card.redemption_id = 0;
    } else {
      auto price = [&](const std::string& key) { return engine::read_price(txn, location_id, key); };
      Customer customer = engine::read_customer(txn, card.customer_id);
      domain::check_customer_data(program, engine::customer_facts(customer), "redemption");
      domain::FreeItem item = domain::check_free_item(*catalog, type, card, upc, unit_price, price, "redemption");
      replacement.program_id = card.program_id;
      replacement.card_id = card.card_id;
      replacement.card_number = card.number;
      replacement.upc = item.product->upc;
      replacement.quantity = type.reward_quantity;
      replacement.unit_price = item.unit_price;
      auto enrollment = engine::read_enrollment(txn, location_id, program.id);
      const auto config = impl_->location_config(txn, location_id);
      engine::VisitFacts facts{location_id, card.customer_id, record.receipt_id, at,
                               domain::day_number(config->time_zone.local_date(at)), customer.test};
      engine::store_redemption(txn, program, enrollment.value_or(Enrollment{}), facts, replacement, redemption_id);
      record.status = "replaced";
      record.replaced_by = replacement.id;
      card.redemption_id = replacement.id;
    }
    store_card(txn, card);
    txn.put(keys::redemption(redemption_id), codec::encode(record));
    txn.journal(at, upc.empty() ? "redemption.undone" : "redemption.reselected",
                json::serialize(json::object{{"redemption", redemption_id}, {"replaced_by", replacement.id},
                                             {"actor", domain::describe(actor)}, {"reversal", reverse}}));
    return replacement;
  });
}

ReturnResult Engine::return_items(const ReturnRequest& q) {
  if (q.return_id.empty()) throw Error(ErrorCode::invalid_argument, "return_id: is required");
  engine::check_id(q.return_id, "return_id", limits::kReceiptIdBytes);
  engine::check_id(q.location_id, "location");
  engine::check_id(q.receipt_id, "receipt", limits::kReceiptIdBytes);
  if (q.quantity < 1 || q.quantity > limits::kQuantity)
    throw Error(ErrorCode::invalid_quantity, "quantity: must be between 1 and " + std::to_string(limits::kQuantity));
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    const std::string request = json::serialize(json::object{
        {"receipt", q.receipt_id}, {"line", q.line_index}, {"quantity", q.quantity}});
    txn.for_location(q.location_id);
    const std::string return_key = keys::return_record(q.location_id, q.return_id);
    if (auto existing = txn.get(return_key)) {
      json::value record = codec::parse_json(*existing, ErrorCode::storage_corrupt);
      if (json::serialize(record.at("request")) != request)
        throw Error(ErrorCode::receipt_conflict, "return_id: " + q.return_id + " was recorded before with different content");
      codec::Reader r(record.at("result"), return_key, ErrorCode::storage_corrupt);
      return ReturnResult{q.return_id, static_cast<int>(r.integer("punches_removed", 0, INT32_MAX)),
                          static_cast<int>(r.integer("debt_added", 0, INT32_MAX)),
                          r.integer_or("cash_back_taken", 0, 0, INT64_MAX), true,
                          r.integer_or("points_returned", 0, 0, INT64_MAX)};
    }
    auto catalog = impl_->load_catalog(txn);
    auto receipt = engine::read_receipt(txn, *catalog, q.location_id, q.receipt_id);
    if (!receipt) throw Error(ErrorCode::not_found, "receipt: " + q.receipt_id + " at " + q.location_id + " was not finished");
    const CheckoutResult& original = receipt->result;
    if (q.line_index < 0 || q.line_index >= static_cast<int>(original.lines.size()))
      throw Error(ErrorCode::invalid_argument, "line: receipt " + q.receipt_id + " has no line " + std::to_string(q.line_index));
    const std::string returned_key = keys::returned(q.location_id, q.receipt_id, q.line_index);
    const int already = std::stoi(txn.get(returned_key).value_or("0"));
    const int sold = original.lines[static_cast<std::size_t>(q.line_index)].quantity;
    if (already + q.quantity > sold)
      throw Error(ErrorCode::invalid_quantity, "quantity: " + std::to_string(sold - already) + " of line " +
                                                   std::to_string(q.line_index) + " can still be returned");

    // The line's punches per card type, latest first: those are the ones a return removes.
    std::map<std::pair<std::string, std::string>, std::vector<Punch>> by_type;
    for (const auto& p : original.punches)
      if (p.line_index == q.line_index) by_type[{p.program_id, p.card_id}].push_back(p);
    ReturnResult result{q.return_id, 0, 0, 0, false};
    const std::string upc = original.lines[static_cast<std::size_t>(q.line_index)].upc;
    for (auto& [type_key, punches] : by_type) {
      std::reverse(punches.begin(), punches.end());
      const int skip = std::max(0, static_cast<int>(punches.size()) - sold) + already;  // removed by earlier returns
      for (int i = skip; i < skip + q.quantity && i < static_cast<int>(punches.size()); ++i) {
        domain::CardState card = read_card(txn, punches[static_cast<std::size_t>(i)].card_number);
        const domain::CardType& type = card_type(*catalog, card.program_id, card.card_id);
        auto it = std::find_if(card.punches.rbegin(), card.punches.rend(), [&](const domain::PunchRecord& p) {
          return p.receipt_id == q.receipt_id && p.location_id == q.location_id &&
                 domain::gtin14(p.upc) == domain::gtin14(upc);
        });
        if (card.status == domain::CardStatus::redeemed) {
          // The punch already paid for a free good: the customer owes it on the next card.
          std::optional<domain::CardState> next;
          for (const auto& live : engine::read_wallet(txn, card.customer_id))
            if (live.status == domain::CardStatus::open && live.program_id == card.program_id &&
                live.card_id == card.card_id && live.size == card.size)
              next = read_card(txn, live.number);
          if (!next) next = new_card(txn, card, q.at);
          next->debt += 1;
          // Its cash back was paid out with the reward: owed too, off the next payout.
          const Cents cash_back = it == card.punches.rend() ? 0 : it->cash_back;
          next->cash_back_debt += cash_back;
          result.cash_back_taken += cash_back;
          store_card(txn, *next);
          ++result.debt_added;
          continue;
        }
        if (it == card.punches.rend()) continue;  // dropped by the purchase window already
        result.cash_back_taken += it->cash_back;  // the punch's cash back goes with it
        card.punches.erase(std::next(it).base());
        if (card.status == domain::CardStatus::complete && static_cast<int>(card.punches.size()) < card.required(type)) {
          card.status = domain::CardStatus::open;
          card.completed_at.reset();
        }
        store_card(txn, card);
        ++result.punches_removed;
      }
    }
    const auto config = impl_->location_config(txn, q.location_id);
    result.points_returned =
        engine::return_points(txn, original, q.line_index, already, q.quantity, q.return_id, q.at,
                              domain::day_number(config->time_zone.local_date(q.at)), q.location_id);
    txn.put(returned_key, std::to_string(already + q.quantity));
    json::object doc{{"punches_removed", result.punches_removed}, {"debt_added", result.debt_added}};
    if (result.cash_back_taken) doc["cash_back_taken"] = result.cash_back_taken;
    if (result.points_returned) doc["points_returned"] = result.points_returned;
    txn.put(return_key, codec::stored(json::object{{"request", json::parse(request)}, {"result", doc}}));
    txn.journal(q.at, "items.returned",
                json::serialize(json::object{{"location", q.location_id}, {"return_id", q.return_id},
                                             {"receipt", q.receipt_id}, {"line", q.line_index}, {"upc", upc},
                                             {"quantity", q.quantity}, {"result", doc}}));
    return result;
  });
}

std::pair<Card, Card> Engine::split_card(const std::string& customer_id, std::int64_t card_number,
                                         const std::vector<int>& punch_indexes, Timestamp at) {
  engine::check_id(customer_id, "customer");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    domain::CardState card = read_card(txn, card_number);
    if (card.customer_id != customer_id)
      throw Error(ErrorCode::not_found, "card " + std::to_string(card_number) + " is not a card of " + customer_id);
    if (card.status != domain::CardStatus::open)
      throw Error(ErrorCode::invalid_state, "card " + std::to_string(card_number) + " is " + domain::to_string(card.status) +
                                                "; only an open card can be split");
    if (card.punches.size() < 2)
      throw Error(ErrorCode::invalid_state, "card " + std::to_string(card_number) + " has " +
                                                std::to_string(card.punches.size()) + " punch; a split needs two or more");
    std::set<int> moving(punch_indexes.begin(), punch_indexes.end());
    if (moving.empty() || moving.size() >= card.punches.size() || *moving.begin() < 0 ||
        *moving.rbegin() >= static_cast<int>(card.punches.size()))
      throw Error(ErrorCode::invalid_argument, "punch_indexes: name some, not all, of the card's " +
                                                   std::to_string(card.punches.size()) + " punches (0-based)");
    domain::CardState split = new_card(txn, card, at);
    std::vector<domain::PunchRecord> keep;
    for (std::size_t i = 0; i < card.punches.size(); ++i)
      (moving.count(static_cast<int>(i)) ? split.punches : keep).push_back(card.punches[i]);
    card.punches = std::move(keep);
    store_card(txn, card);
    store_card(txn, split);
    txn.journal(at, "card.split", json::serialize(json::object{{"card", card.number}, {"new_card", split.number},
                                                               {"moved_punches", split.punches.size()}}));
    auto catalog = impl_->load_catalog(txn);
    return std::pair{codec::to_card(card, engine::required_punches(*catalog, card)),
                     codec::to_card(split, engine::required_punches(*catalog, split))};
  });
}

Customer Engine::merge_customers(const std::string& survivor_id, const std::string& duplicate_id, Timestamp at) {
  if (survivor_id == duplicate_id) throw Error(ErrorCode::invalid_argument, "duplicate: a customer cannot be merged into itself");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Customer survivor = engine::read_customer(txn, survivor_id);
    Customer duplicate = engine::read_customer(txn, duplicate_id);
    for (const Customer* c : {&survivor, &duplicate})
      if (!c->merged_into.empty())
        throw Error(ErrorCode::invalid_state, "customer " + c->id + " was already merged into " + c->merged_into);
    std::vector<std::int64_t> numbers = txn.ids(keys::customer_cards(duplicate_id));
    json::array moved;
    auto wallet = engine::read_wallet(txn, survivor_id);
    for (auto n : numbers) {
      domain::CardState card = read_card(txn, n);
      txn.remove(keys::customer_card(duplicate_id, n));
      card.customer_id = survivor_id;
      txn.put(keys::customer_card(survivor_id, n), "");
      engine::write_card(txn, card);
      engine::update_wallet(wallet, card);
      moved.emplace_back(n);
    }
    engine::write_wallet(txn, survivor_id, wallet);
    engine::write_wallet(txn, duplicate_id, {});
    engine::merge_points(txn, *impl_->load_catalog(txn), survivor_id, duplicate_id, at);
    duplicate.merged_into = survivor_id;
    engine::write_customer(txn, duplicate);
    json::object merged{{"survivor", survivor_id}, {"duplicate", duplicate_id}, {"cards", std::move(moved)}};
    const std::vector<std::int64_t> coupons = engine::move_coupons(txn, duplicate_id, survivor_id);
    if (!coupons.empty()) merged["coupons"] = json::value_from(coupons);
    txn.journal(at, "customers.merged", json::serialize(merged));
    return survivor;
  });
}

}  // namespace tally
