// SPDX-License-Identifier: Apache-2.0
// Loyalty points (DOMAIN section 12): a store's own program. Pure rules: what a visit earns,
// what a reward may be paid with, how points expire and come back off on a return. The
// engine keeps each customer's balance as a short list of lots and a debt, never the whole
// history, so a visit costs the same after years of points.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tally/error.hpp"
#include "tally/types.hpp"

namespace tally::domain {

// Days of the week as bits, Monday the lowest: kMonday | kFriday.
enum Weekday : std::uint8_t {
  kMonday = 1, kTuesday = 2, kWednesday = 4, kThursday = 8, kFriday = 16, kSaturday = 32, kSunday = 64,
  kEveryDay = 127,
};
// The weekday bit of a day number (days since 1970-01-01, a Thursday).
Weekday weekday_of(std::int64_t day);

// How a visit earns points.
struct PointsEvent {
  std::string id;
  enum class Kind { money, upc } kind = Kind::money;
  // money: `points` for every `per_cents` of the sale, on its total (after discounts) or its
  // subtotal (before), the store's choice; a part of `per_cents` earns nothing.
  bool on_subtotal = false;
  std::int64_t per_cents = 100;
  // money: points per `per_cents`; upc: points per unit of one of `upcs` (GTIN-14).
  std::int64_t points = 0;
  std::vector<std::string> upcs;
  // The days it applies (every day by default), and a multiplier on some of them ("double
  // points on Fridays": multiplier 2, multiplier_days kFriday).
  std::uint8_t days = kEveryDay;
  std::int64_t multiplier = 1;
  std::uint8_t multiplier_days = 0;
  // The most points it gives in one visit, after the multiplier; none without.
  std::optional<std::int64_t> cap;
};

// What points pay for at the till.
struct PointsReward {
  std::string id;
  std::string title;
  std::int64_t points = 0;
  bool active = true;
  std::optional<std::int64_t> lifetime_limit;  // times per customer, ever
  std::optional<std::int64_t> period_limit;    // times per customer within period_days
  std::int64_t period_days = 0;
};

struct PointsProgram {
  std::string id;
  std::vector<PointsEvent> events;
  std::vector<PointsReward> rewards;
  // Off: points earned in a visit land when it finishes and cannot pay for a reward in it.
  bool redeemable_same_day = true;
  std::optional<std::int64_t> expiry_days;  // points expire this many days after they were earned
  bool active = true;                       // off: hidden at the till, balances kept

  const PointsReward* reward(const std::string& id) const;
};

// Refuses a program that cannot be run, naming the field (invalid_catalog): a rate or a
// points figure below 1, a cap of zero, a multiplier below 1, an event on no day, a reward
// costing nothing, a limit of zero.
void check_points_program(const PointsProgram& program, const std::string& field);

// One sale line as points see it.
struct PointsLine {
  std::string gtin14;
  std::int32_t quantity = 0;
  Cents unit_price = 0;
};

// What the visit offers points for.
struct PointsVisit {
  std::int64_t day = 0;  // the business day (day number)
  std::vector<PointsLine> lines;
  Cents discounts = 0;  // money off the sale (custom program discounts): total = subtotal - discounts
};

// The points one event gives in a visit, and each line's share of them (for returns).
struct EarnedPoints {
  std::string event_id;
  std::int64_t points = 0;
  std::vector<std::int64_t> line_points;  // per visit line; sums to `points`
};

// What the visit earns, event by event (events that give nothing are left out).
std::vector<EarnedPoints> points_earned(const PointsProgram& program, const PointsVisit& visit);

// The points a return of `quantity` units of line `line` takes back: the line's share,
// in proportion to the units returned (rounded up, so a whole return takes all back).
std::int64_t points_returned(const std::vector<EarnedPoints>& earned, std::size_t line, std::int32_t quantity,
                             std::int32_t line_quantity);

// A customer's points: lots of earned points not yet spent, oldest first, and a debt (points
// taken back after they were spent: a negative balance).
struct PointsLot {
  std::int64_t day = 0;  // when they were earned
  std::int64_t points = 0;
  std::string location;  // where: the points liability report counts them there
  bool operator==(const PointsLot&) const = default;
};
struct PointsBalance {
  std::vector<PointsLot> lots;
  std::int64_t debt = 0;
  std::string debt_location;  // where the debt last grew
  bool operator==(const PointsBalance&) const = default;

  std::int64_t total() const;  // lots minus debt: negative when the customer owes points
};

// Earned points: they pay the debt first, then become a lot (one per day and location).
void add_points(PointsBalance& balance, std::int64_t day, std::int64_t points, const std::string& location = {});
// Spent or taken back points: from the oldest lots; what the lots cannot cover becomes debt
// (owed at `location`).
void take_points(PointsBalance& balance, std::int64_t points, const std::string& location = {});
// Drops the lots older than the program's expiry as of `today`; returns the points expired.
std::int64_t expire_points(PointsBalance& balance, const PointsProgram& program, std::int64_t today);

// How often a customer has taken one reward: every time ever, and the days of the recent ones.
struct RewardUse {
  std::int64_t count = 0;
  std::vector<std::int64_t> days;  // days of the uses within the reward's period, oldest first
  bool operator==(const RewardUse&) const = default;
};

// Why a reward cannot be taken in this visit, or ok: not in the program or not active
// (reward_not_available), limits (limit_reached), the balance (insufficient_points).
// `balance` is before the visit; `earned_now` what this visit earns.
std::pair<ErrorCode, std::string> points_reward_refusal(const PointsProgram& program, const std::string& reward_id,
                                                         std::int64_t balance, std::int64_t earned_now,
                                                         const RewardUse& use, std::int64_t today);

// One customer's standing in one points program: the balance, each reward's uses, and how
// many history entries were written (the next entry's number).
struct PointsAccount {
  PointsBalance balance;
  std::vector<std::pair<std::string, RewardUse>> uses;  // by reward id
  std::int64_t entries = 0;
  bool operator==(const PointsAccount&) const = default;

  RewardUse use(const std::string& reward_id) const;
};

// What a visit does to an account, in order: lots past their expiry drop, the visit earns,
// the rewards asked for are paid. With redeemable_same_day off the points earned land after
// the rewards are paid, so they cannot pay for them.
struct PointsSettlement {
  std::int64_t expired = 0;
  std::int64_t balance_before = 0;  // after expiry, before the visit
  std::vector<EarnedPoints> earned;
  std::int64_t earned_total = 0;
  std::vector<const PointsReward*> redeemed;
  PointsAccount after;
};

// Settles a visit. A reward that cannot be taken throws its refusal (reward_not_available,
// limit_reached, insufficient_points) with `field` (e.g. "points_redemptions[0]") in front.
// An inactive program earns nothing and pays no reward; its balances stay as they are.
PointsSettlement settle_points(const PointsProgram& program, PointsAccount account, const PointsVisit& visit,
                               const std::vector<std::string>& rewards, const std::vector<std::string>& fields,
                               const std::string& location);

// A merged duplicate customer's account joins the survivor's: lots by day, debts netted
// against the lots (oldest first), reward uses added up. History numbers stay each account's.
void merge_accounts(PointsAccount& into, const PointsAccount& from);

// A reward's uses once it is taken on `today`: days outside its period are dropped.
void note_use(PointsAccount& account, const PointsReward& reward, std::int64_t today);

}  // namespace tally::domain
