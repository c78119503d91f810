// SPDX-License-Identifier: Apache-2.0
#include "domain/points.hpp"

#include <algorithm>
#include <numeric>

#include "domain/gtin.hpp"

namespace tally::domain {

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& why) {
  throw Error(ErrorCode::invalid_catalog, field + ": " + why);
}

void at_least_one(std::int64_t value, const std::string& field, const std::string& hint = {}) {
  if (value < 1) refuse(field, std::to_string(value) + " must be 1 or more" + hint);
}

// Points times cents can pass 2^63 (a million-dollar line); the product is taken wide.
__extension__ typedef __int128 Wide;

// Splits `points` over the lines in proportion to `weights`, largest remainders first, so
// the shares are whole points that add up exactly.
std::vector<std::int64_t> shares(std::int64_t points, const std::vector<std::int64_t>& weights) {
  std::vector<std::int64_t> out(weights.size(), 0);
  const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  if (total <= 0 || points <= 0) return out;
  std::vector<std::pair<std::int64_t, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = static_cast<Wide>(points) * weights[i];
    out[i] = static_cast<std::int64_t>(exact / total);
    given += out[i];
    remainders.emplace_back(static_cast<std::int64_t>(exact % total), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < points; ++k, ++given) ++out[remainders[k % remainders.size()].second];
  return out;
}

}  // namespace

Weekday weekday_of(std::int64_t day) {
  const std::int64_t monday_based = ((day + 3) % 7 + 7) % 7;  // 1970-01-01 was a Thursday
  return static_cast<Weekday>(1u << monday_based);
}

const PointsReward* PointsProgram::reward(const std::string& reward_id) const {
  for (const auto& r : rewards)
    if (r.id == reward_id) return &r;
  return nullptr;
}

void check_points_program(const PointsProgram& program, const std::string& field) {
  if (program.events.empty()) refuse(field + ".events", "a points program needs at least one way to earn");
  auto unique = [](const auto& items, std::size_t i, const std::string& at) {
    for (std::size_t j = 0; j < i; ++j)
      if (items[j].id == items[i].id) refuse(at + ".id", "'" + items[i].id + "' appears twice");
  };
  for (std::size_t i = 0; i < program.events.size(); ++i) {
    const PointsEvent& e = program.events[i];
    const std::string at = field + ".events[" + std::to_string(i) + "]";
    unique(program.events, i, at);
    at_least_one(e.points, at + ".points", e.points < 0 ? " (a rate cannot be negative)" : "");
    if (e.kind == PointsEvent::Kind::money) at_least_one(e.per_cents, at + ".per_cents");
    if (e.kind == PointsEvent::Kind::upc && e.upcs.empty()) refuse(at + ".upcs", "an event on UPCs needs at least one");
    if ((e.days & kEveryDay) == 0) refuse(at + ".days", "the event applies on no day");
    at_least_one(e.multiplier, at + ".multiplier");
    if (e.cap) at_least_one(*e.cap, at + ".cap", " (leave it out for no cap)");
  }
  for (std::size_t i = 0; i < program.rewards.size(); ++i) {
    const PointsReward& r = program.rewards[i];
    const std::string at = field + ".rewards[" + std::to_string(i) + "]";
    unique(program.rewards, i, at);
    at_least_one(r.points, at + ".points");
    if (r.lifetime_limit) at_least_one(*r.lifetime_limit, at + ".lifetime_limit", " (leave it out for no limit)");
    if (r.period_limit) {
      at_least_one(*r.period_limit, at + ".period_limit", " (leave it out for no limit)");
      at_least_one(r.period_days, at + ".period_days");
    }
  }
  if (program.expiry_days) at_least_one(*program.expiry_days, field + ".expiry_days", " (leave it out: points never expire)");
}

std::vector<EarnedPoints> points_earned(const PointsProgram& program, const PointsVisit& visit) {
  std::vector<EarnedPoints> out;
  if (!program.active) return out;
  const Weekday today = weekday_of(visit.day);
  Cents subtotal = 0;
  std::vector<std::int64_t> values;
  for (const auto& line : visit.lines) {
    values.push_back(static_cast<std::int64_t>(line.quantity) * line.unit_price);
    subtotal += values.back();
  }
  for (const PointsEvent& e : program.events) {
    if (!(e.days & today)) continue;
    std::int64_t points = 0;
    std::vector<std::int64_t> weights(visit.lines.size(), 0);
    if (e.kind == PointsEvent::Kind::money) {
      const Cents base = e.on_subtotal ? subtotal : std::max<Cents>(subtotal - visit.discounts, 0);
      points = base / e.per_cents * e.points;
      weights = values;
    } else {
      for (std::size_t i = 0; i < visit.lines.size(); ++i)
        if (std::find(e.upcs.begin(), e.upcs.end(), visit.lines[i].gtin14) != e.upcs.end())
          weights[i] = visit.lines[i].quantity;
      points = std::accumulate(weights.begin(), weights.end(), std::int64_t{0}) * e.points;
    }
    if (e.multiplier_days & today) points *= e.multiplier;
    if (e.cap) points = std::min(points, *e.cap);
    if (points <= 0) continue;
    out.push_back({e.id, points, shares(points, weights)});
  }
  return out;
}

std::int64_t points_returned(const std::vector<EarnedPoints>& earned, std::size_t line, std::int32_t quantity,
                             std::int32_t line_quantity) {
  if (line_quantity <= 0 || quantity <= 0) return 0;
  const std::int32_t units = std::min(quantity, line_quantity);
  std::int64_t back = 0;
  for (const auto& e : earned) {
    if (line >= e.line_points.size()) continue;
    const std::int64_t share = e.line_points[line];
    back += (share * units + line_quantity - 1) / line_quantity;
  }
  return back;
}

std::int64_t PointsBalance::total() const {
  std::int64_t sum = 0;
  for (const auto& lot : lots) sum += lot.points;
  return sum - debt;
}

void add_points(PointsBalance& balance, std::int64_t day, std::int64_t points, const std::string& location) {
  const std::int64_t paid = std::min(points, balance.debt);
  balance.debt -= paid;
  points -= paid;
  if (balance.debt == 0) balance.debt_location.clear();
  if (points <= 0) return;
  for (auto it = balance.lots.rbegin(); it != balance.lots.rend() && it->day == day; ++it)
    if (it->location == location) {
      it->points += points;
      return;
    }
  balance.lots.push_back({day, points, location});
}

void take_points(PointsBalance& balance, std::int64_t points, const std::string& location) {
  auto lot = balance.lots.begin();
  for (; lot != balance.lots.end() && points > 0; ++lot) {
    const std::int64_t used = std::min(points, lot->points);
    lot->points -= used;
    points -= used;
    if (lot->points > 0) break;
  }
  balance.lots.erase(balance.lots.begin(), std::find_if(balance.lots.begin(), balance.lots.end(),
                                                        [](const PointsLot& l) { return l.points > 0; }));
  if (points > 0) {
    balance.debt += points;
    balance.debt_location = location;
  }
}

std::int64_t expire_points(PointsBalance& balance, const PointsProgram& program, std::int64_t today) {
  if (!program.expiry_days) return 0;
  std::int64_t expired = 0;
  auto keep = std::find_if(balance.lots.begin(), balance.lots.end(),
                           [&](const PointsLot& l) { return today - l.day < *program.expiry_days; });
  for (auto it = balance.lots.begin(); it != keep; ++it) expired += it->points;
  balance.lots.erase(balance.lots.begin(), keep);
  return expired;
}

std::pair<ErrorCode, std::string> points_reward_refusal(const PointsProgram& program, const std::string& reward_id,
                                                         std::int64_t balance, std::int64_t earned_now,
                                                         const RewardUse& use, std::int64_t today) {
  const PointsReward* reward = program.reward(reward_id);
  if (!program.active || !reward || !reward->active)
    return {ErrorCode::reward_not_available, "reward: '" + reward_id + "' is not an active reward of " + program.id};
  if (reward->lifetime_limit && use.count >= *reward->lifetime_limit)
    return {ErrorCode::limit_reached, "reward: " + reward->id + " may be taken " + std::to_string(*reward->lifetime_limit) +
                                          " times per customer, and has been"};
  if (reward->period_limit) {
    const auto recent = std::count_if(use.days.begin(), use.days.end(),
                                      [&](std::int64_t d) { return today - d < reward->period_days; });
    if (recent >= *reward->period_limit)
      return {ErrorCode::limit_reached, "reward: " + reward->id + " may be taken " + std::to_string(*reward->period_limit) +
                                            " times in " + std::to_string(reward->period_days) + " days, and has been"};
  }
  const std::int64_t usable = balance + (program.redeemable_same_day ? earned_now : 0);
  if (usable < reward->points) {
    std::string why = "reward: " + reward->id + " costs " + std::to_string(reward->points) + " points; the balance is " +
                      std::to_string(balance);
    if (earned_now > 0)
      why += program.redeemable_same_day ? " and this visit earns " + std::to_string(earned_now)
                                         : " (the " + std::to_string(earned_now) + " this visit earns can pay from the next visit)";
    return {ErrorCode::insufficient_points, why};
  }
  return {ErrorCode::ok, {}};
}

RewardUse PointsAccount::use(const std::string& reward_id) const {
  for (const auto& [id, u] : uses)
    if (id == reward_id) return u;
  return {};
}

void merge_accounts(PointsAccount& into, const PointsAccount& from) {
  PointsBalance& b = into.balance;
  b.lots.insert(b.lots.end(), from.balance.lots.begin(), from.balance.lots.end());
  std::stable_sort(b.lots.begin(), b.lots.end(), [](const PointsLot& x, const PointsLot& y) { return x.day < y.day; });
  const std::int64_t debt = b.debt + from.balance.debt;
  const std::string where = from.balance.debt > 0 ? from.balance.debt_location : b.debt_location;
  b.debt = 0;
  b.debt_location.clear();
  take_points(b, debt, where);
  for (const auto& entry : from.uses) {  // not a structured binding: clang 14 cannot capture one
    const RewardUse& use = entry.second;
    auto it = std::find_if(into.uses.begin(), into.uses.end(), [&](const auto& u) { return u.first == entry.first; });
    if (it == into.uses.end()) {
      into.uses.push_back(entry);
      continue;
    }
    it->second.count += use.count;
    it->second.days.insert(it->second.days.end(), use.days.begin(), use.days.end());
    std::sort(it->second.days.begin(), it->second.days.end());
  }
}

void note_use(PointsAccount& account, const PointsReward& reward, std::int64_t today) {
  auto it = std::find_if(account.uses.begin(), account.uses.end(), [&](const auto& u) { return u.first == reward.id; });
  if (it == account.uses.end()) it = account.uses.insert(account.uses.end(), {reward.id, {}});
  RewardUse& use = it->second;
  ++use.count;
  if (reward.period_limit) {
    use.days.push_back(today);
    std::erase_if(use.days, [&](std::int64_t d) { return today - d >= reward.period_days; });
  }
}

PointsSettlement settle_points(const PointsProgram& program, PointsAccount account, const PointsVisit& visit,
                               const std::vector<std::string>& rewards, const std::vector<std::string>& fields,
                               const std::string& location) {
  PointsSettlement s;
  s.expired = expire_points(account.balance, program, visit.day);
  s.balance_before = account.balance.total();
  s.earned = points_earned(program, visit);
  for (const auto& e : s.earned) s.earned_total += e.points;
  if (program.redeemable_same_day) add_points(account.balance, visit.day, s.earned_total, location);
  for (std::size_t i = 0; i < rewards.size(); ++i) {
    // The message tells the balance apart from what this visit earns, landed or not.
    const std::int64_t earlier = account.balance.total() - (program.redeemable_same_day ? s.earned_total : 0);
    auto [code, why] = points_reward_refusal(program, rewards[i], earlier, s.earned_total,
                                             account.use(rewards[i]), visit.day);
    if (code != ErrorCode::ok) throw Error(code, (i < fields.size() ? fields[i] + "." : std::string()) + why);
    const PointsReward& reward = *program.reward(rewards[i]);
    take_points(account.balance, reward.points, location);
    note_use(account, reward, visit.day);
    s.redeemed.push_back(&reward);
  }
  if (!program.redeemable_same_day) add_points(account.balance, visit.day, s.earned_total, location);
  s.after = std::move(account);
  return s;
}

}  // namespace tally::domain
