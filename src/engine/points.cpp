// SPDX-License-Identifier: Apache-2.0
// Loyalty points at the till and after it: what a visit earns and pays (settled inside the
// finishing transaction), what the till shows, a return taking points back, a customer's
// balance and history. The rules are domain/points.hpp's; this is where they meet storage.
#include <algorithm>

#include "codec/stored.hpp"
#include "domain/gtin.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;

namespace {

const domain::Program* points_program(const domain::Catalog& catalog, const std::string& id) {
  const domain::Program* program = catalog.program(id);
  return program && program->kind == domain::ProgramKind::points && program->points ? program : nullptr;
}

bool enrolled(const LocationConfig& config, const std::string& program_id) {
  auto it = config.enrollments.find(program_id);
  return it != config.enrollments.end() && it->second.active();
}

// The points visit: every sale line by its GTIN-14 (as typed when it is not one), and the
// money the visit's discounts take off the total.
domain::PointsVisit points_visit(const domain::Visit& visit, Cents discounts) {
  domain::PointsVisit pv;
  pv.day = visit.day;
  pv.discounts = discounts;
  pv.lines.reserve(visit.lines.size());
  for (const auto& line : visit.lines)
    pv.lines.push_back({domain::gtin_problem(line.upc).empty() ? domain::gtin14(line.upc) : line.upc, line.quantity,
                        line.unit_price});
  return pv;
}

// The rewards the visit asks of one program, with the fields that name them.
void requests_of(const domain::Visit& visit, const std::string& program_id, std::vector<std::string>& rewards,
                 std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < visit.points_redemptions.size(); ++i)
    if (visit.points_redemptions[i].program_id == program_id) {
      rewards.push_back(visit.points_redemptions[i].reward_id);
      fields.push_back("points_redemptions[" + std::to_string(i) + "]");
    }
}

std::string date_of(std::int64_t day) { return domain::iso_date(domain::date_from_day_number(day)); }

void append_entry(Txn& txn, const std::string& customer, const std::string& program, domain::PointsAccount& account,
                  PointsHistoryEntry entry) {
  entry.number = ++account.entries;
  txn.put(keys::points_entry(customer, program, entry.number), codec::encode(entry));
}

}  // namespace

namespace engine {

std::vector<const domain::Program*> location_points_programs(const domain::Catalog& catalog, const LocationConfig& config) {
  std::vector<const domain::Program*> out;
  for (const auto& [id, enrollment] : config.enrollments)
    if (enrollment.active())
      if (const domain::Program* program = points_program(catalog, id)) out.push_back(program);
  return out;
}

void check_points_requests(const domain::Catalog& catalog, const LocationConfig& config, const domain::Visit& visit) {
  for (std::size_t i = 0; i < visit.points_redemptions.size(); ++i) {
    const auto& q = visit.points_redemptions[i];
    const std::string field = "points_redemptions[" + std::to_string(i) + "]";
    check_id(q.program_id, (field + ".program").c_str());
    check_id(q.reward_id, (field + ".reward").c_str());
    const domain::Program* program = catalog.program(q.program_id);
    if (!program)
      throw Error(ErrorCode::unknown_program, field + ".program: " + limits::quoted(q.program_id) + " is not in the catalog");
    if (!points_program(catalog, q.program_id))
      throw Error(ErrorCode::invalid_argument, field + ".program: " + q.program_id + " is not a points program");
    if (!enrolled(config, q.program_id))
      throw Error(ErrorCode::not_enrolled, field + ".program: " + config.location.id + " does not run " + q.program_id);
  }
}

domain::PointsAccount read_points(Txn& txn, const std::string& customer, const std::string& program) {
  const std::string key = keys::points_account(customer, program);
  auto bytes = txn.get(key);
  return bytes ? codec::decode_points(*bytes, key) : domain::PointsAccount{};
}

Cents visit_discounts(const std::vector<domain::PlannedRedemption>& redemptions) {
  Cents off = 0;
  for (const auto& r : redemptions)
    if (r.kind == "discount") off += r.unit_price * r.quantity;
  return off;
}

std::vector<PointsStatus> points_statuses(const domain::Catalog& catalog, const LocationConfig& config,
                                          const domain::Visit& visit, Cents discounts,
                                          const std::function<domain::PointsAccount(const std::string&)>& account_of) {
  std::vector<PointsStatus> out;
  const domain::PointsVisit pv = points_visit(visit, discounts);
  for (const domain::Program* program : location_points_programs(catalog, config)) {
    const domain::PointsProgram& rules = *program->points;
    std::vector<std::string> rewards, fields;
    requests_of(visit, program->id, rewards, fields);
    if (!rules.active && rewards.empty()) continue;  // hidden at the till
    const domain::PointsSettlement s =
        domain::settle_points(rules, account_of(program->id), pv, rewards, fields, config.location.id);
    if (!rules.active) continue;
    PointsStatus st;
    st.program_id = program->id;
    st.name = program->name;
    st.balance = s.balance_before;
    st.earned = s.earned_total;
    for (const auto* r : s.redeemed) st.redeemed += r->points;
    st.balance_after = s.after.balance.total();
    st.redeemable_same_day = rules.redeemable_same_day;
    for (const auto& reward : rules.rewards) {
      if (!reward.active) continue;
      PointsRewardStatus rs;
      rs.reward_id = reward.id;
      rs.title = reward.title;
      rs.points = reward.points;
      rs.taken = s.after.use(reward.id).count;
      // What one more of it would meet, after what the visit takes already.
      const std::int64_t earlier = s.after.balance.total() - s.earned_total;
      auto [code, why] =
          domain::points_reward_refusal(rules, reward.id, earlier, s.earned_total, s.after.use(reward.id), visit.day);
      rs.available = code == ErrorCode::ok;
      if (!rs.available) {
        rs.refusal = error_code_name(code);
        rs.reason = why;
      }
      st.rewards.push_back(std::move(rs));
    }
    out.push_back(std::move(st));
  }
  return out;
}

std::vector<PointsActivity> store_visit_points(Txn& txn, const domain::Catalog& catalog, const LocationConfig& config,
                                               const VisitFacts& facts, const domain::Visit& visit, Cents discounts,
                                               std::vector<Redemption>& redemptions) {
  std::vector<PointsActivity> out;
  const domain::PointsVisit pv = points_visit(visit, discounts);
  const std::string date = date_of(facts.day);
  for (const domain::Program* program : location_points_programs(catalog, config)) {
    const domain::PointsProgram& rules = *program->points;
    std::vector<std::string> rewards, fields;
    requests_of(visit, program->id, rewards, fields);
    if (!rules.active && rewards.empty()) continue;  // switched off: nothing earns, nothing expires
    const domain::PointsAccount before = read_points(txn, facts.customer_id, program->id);
    domain::PointsSettlement s = domain::settle_points(rules, before, pv, rewards, fields, facts.location_id);
    if (s.expired == 0 && s.earned_total == 0 && s.redeemed.empty()) continue;
    PointsActivity a;
    a.program_id = program->id;
    a.balance_before = s.balance_before;
    a.expired = s.expired;
    a.earned = s.earned_total;
    for (auto& e : s.earned) a.events.push_back({e.event_id, e.points, std::move(e.line_points)});
    PointsHistoryEntry entry;
    entry.at = facts.at;
    entry.business_date = date;
    entry.location_id = facts.location_id;
    std::int64_t balance = before.balance.total();
    auto note = [&](const std::string& kind, std::int64_t change, const std::string& receipt, const std::string& reward,
                    std::int64_t redemption) {
      balance += change;
      PointsHistoryEntry e = entry;
      e.kind = kind;
      e.points = change;
      e.balance = balance;
      e.receipt_id = receipt;
      e.reward_id = reward;
      e.redemption_id = redemption;
      append_entry(txn, facts.customer_id, program->id, s.after, std::move(e));
    };
    if (s.expired) note("expired", -s.expired, "", "", 0);
    if (s.earned_total && rules.redeemable_same_day) note("earned", s.earned_total, facts.receipt_id, "", 0);
    for (const domain::PointsReward* reward : s.redeemed) {
      Redemption d;
      d.kind = "points";
      d.program_id = program->id;
      d.card_id = reward->id;
      d.quantity = 1;
      store_redemption(txn, *program, config.enrollments.at(program->id), facts, d, 0);
      a.redeemed.push_back({reward->id, reward->title, reward->points, d.id});
      note("redeemed", -reward->points, facts.receipt_id, reward->id, d.id);
      redemptions.push_back(std::move(d));
    }
    if (s.earned_total && !rules.redeemable_same_day) note("earned", s.earned_total, facts.receipt_id, "", 0);
    a.balance = s.after.balance.total();
    txn.put(keys::points_account(facts.customer_id, program->id), codec::encode(s.after));
    out.push_back(std::move(a));
  }
  return out;
}

// Whose points a customer's are now: the survivor's, once the customer was merged into it
// (a merge moves the points along).
static std::string points_holder(Txn& txn, std::string customer) {
  for (std::string next; !(next = read_customer(txn, customer).merged_into).empty();) customer = std::move(next);
  return customer;
}

void merge_points(Txn& txn, const domain::Catalog& catalog, const std::string& survivor, const std::string& duplicate,
                  Timestamp at) {
  // A merge belongs to no location: its entries are dated by the UTC day.
  const std::int64_t day = domain::utc_day(at);
  for (const auto& [id, program] : catalog.programs) {
    if (program.kind != domain::ProgramKind::points) continue;
    const std::string key = keys::points_account(duplicate, id);
    auto bytes = txn.get(key);
    if (!bytes) continue;
    domain::PointsAccount from = codec::decode_points(*bytes, key);
    const std::int64_t moved = from.balance.total();
    domain::PointsAccount into = read_points(txn, survivor, id);
    domain::merge_accounts(into, from);
    PointsHistoryEntry e;
    e.kind = "merged";
    e.at = at;
    e.business_date = date_of(day);
    e.points = moved;
    e.balance = into.balance.total();
    append_entry(txn, survivor, id, into, e);
    txn.put(keys::points_account(survivor, id), codec::encode(into));
    domain::PointsAccount emptied;
    emptied.entries = from.entries;
    e.points = -moved;
    e.balance = 0;
    append_entry(txn, duplicate, id, emptied, e);
    txn.put(key, codec::encode(emptied));
  }
}

std::int64_t return_points(Txn& txn, const CheckoutResult& original, int line, int already, int quantity,
                           const std::string& return_id, Timestamp at, std::int64_t day, const std::string& location) {
  const std::string customer = points_holder(txn, original.customer_id);
  std::int64_t total = 0;
  const std::int32_t sold = original.lines[static_cast<std::size_t>(line)].quantity;
  for (const PointsActivity& a : original.points) {
    // Taken back in proportion to the units returned, counted from every return of the line
    // so far, so returns in parts add up to exactly what the line earned.
    std::int64_t back = 0;
    for (const PointsEarned& e : a.events) {
      const std::int64_t share = e.line_points[static_cast<std::size_t>(line)];
      auto upto = [&](std::int64_t units) { return (share * units + sold - 1) / sold; };
      back += upto(already + quantity) - upto(already);
    }
    if (back == 0) continue;
    domain::PointsAccount account = read_points(txn, customer, a.program_id);
    domain::take_points(account.balance, back, location);
    PointsHistoryEntry e;
    e.kind = "returned";
    e.points = -back;
    e.balance = account.balance.total();
    e.at = at;
    e.business_date = date_of(day);
    e.location_id = location;
    e.receipt_id = original.receipt_id;
    e.return_id = return_id;
    append_entry(txn, customer, a.program_id, account, std::move(e));
    txn.put(keys::points_account(customer, a.program_id), codec::encode(account));
    total += back;
  }
  return total;
}

std::int64_t refund_points(Txn& txn, const domain::Program& program, const codec::StoredRedemption& redemption,
                           Timestamp at, std::int64_t day) {
  const domain::PointsReward* reward = program.points ? program.points->reward(redemption.redemption.card_id) : nullptr;
  // The points it cost, as the visit's history says (the reward's price may have changed).
  std::int64_t cost = reward ? reward->points : 0;
  const std::int64_t written = read_points(txn, redemption.customer_id, program.id).entries;
  for (std::int64_t n = written; n >= 1; --n) {
    const std::string key = keys::points_entry(redemption.customer_id, program.id, n);
    auto bytes = txn.get(key);
    if (!bytes) continue;
    PointsHistoryEntry e = codec::decode_points_entry(*bytes, key);
    if (e.kind == "redeemed" && e.redemption_id == redemption.redemption.id) {
      cost = -e.points;
      break;
    }
  }
  const std::string holder = points_holder(txn, redemption.customer_id);
  domain::PointsAccount account = read_points(txn, holder, program.id);
  domain::add_points(account.balance, day, cost, redemption.location_id);
  for (auto& [id, use] : account.uses)
    if (id == redemption.redemption.card_id && use.count > 0) {
      --use.count;
      if (!use.days.empty()) use.days.pop_back();
    }
  PointsHistoryEntry e;
  e.kind = "refunded";
  e.points = cost;
  e.balance = account.balance.total();
  e.at = at;
  e.business_date = date_of(day);
  e.location_id = redemption.location_id;
  e.receipt_id = redemption.receipt_id;
  e.reward_id = redemption.redemption.card_id;
  e.redemption_id = redemption.redemption.id;
  append_entry(txn, holder, program.id, account, std::move(e));
  txn.put(keys::points_account(holder, program.id), codec::encode(account));
  return cost;
}

}  // namespace engine

std::vector<CustomerPoints> Engine::points(const std::string& customer_id, const std::string& location_id, Timestamp at) {
  engine::check_id(customer_id, "customer");
  engine::check_id(location_id, "location");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    engine::read_customer(txn, customer_id);
    auto [catalog, config] = impl_->visit_config(txn, location_id);
    const std::int64_t today = domain::day_number(config->time_zone.local_date(at));
    std::vector<CustomerPoints> out;
    for (const auto& [id, program] : catalog->programs) {
      if (program.kind != domain::ProgramKind::points || !program.points) continue;
      domain::PointsAccount account = engine::read_points(txn, customer_id, id);
      domain::expire_points(account.balance, *program.points, today);
      CustomerPoints c;
      c.customer_id = customer_id;
      c.program_id = id;
      c.name = program.name;
      c.active = program.points->active;
      c.balance = account.balance.total();
      c.debt = account.balance.debt;
      for (const auto& lot : account.balance.lots)
        c.lots.push_back({date_of(lot.day), lot.location, lot.points,
                          program.points->expiry_days ? date_of(lot.day + *program.points->expiry_days) : ""});
      for (const auto& [reward, use] : account.uses) c.rewards_taken.push_back({reward, use.count});
      out.push_back(std::move(c));
    }
    return out;
  });
}

std::vector<PointsHistoryEntry> Engine::points_history(const std::string& customer_id, const std::string& program_id,
                                                       std::int64_t after, std::size_t limit) {
  engine::check_id(customer_id, "customer");
  engine::check_id(program_id, "program");
  if (after < 0) throw Error(ErrorCode::invalid_argument, "after: must be 0 or more");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    engine::read_customer(txn, customer_id);
    auto catalog = impl_->load_catalog(txn);
    if (!points_program(*catalog, program_id))
      throw Error(ErrorCode::unknown_program, "program: " + limits::quoted(program_id) + " is not a points program");
    std::vector<PointsHistoryEntry> out;
    if (limit == 0) return out;
    const std::string base = keys::points_history(customer_id, program_id);
    txn.scan_range(base + keys::num(after + 1), keys::prefix_end(base), [&](std::string_view key, std::string_view value) {
      out.push_back(codec::decode_points_entry(value, key));
      return out.size() < limit;
    });
    return out;
  });
}

}  // namespace tally
