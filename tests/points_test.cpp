// SPDX-License-Identifier: Apache-2.0
// Loyalty points as pure rules (DOMAIN section 12, docs/programs.md): earning events, caps,
// day-of-week rules, returns, expiry and the rewards' limits.
#include <doctest/doctest.h>

#include "domain/gtin.hpp"
#include "domain/points.hpp"
#include "domain/time.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally::domain;
using tally_test::code_of;
using tally_test::message_of;

namespace {

// 2026-11-02 is a Monday; 2026-11-06 the Friday of that week.
const std::int64_t kMondayDay = day_number(boost::gregorian::date(2026, 11, 2));
const std::int64_t kFridayDay = kMondayDay + 4;
const std::string kTreats = gtin14("033333000010"), kKibble = gtin14("011111000018");

PointsProgram store_points() {
  PointsProgram p;
  p.id = "paws";
  PointsEvent dollars;  // 1 point a dollar on the total, double on Fridays, at most 500 a visit
  dollars.id = "dollars";
  dollars.points = 1;
  dollars.per_cents = 100;
  dollars.multiplier = 2;
  dollars.multiplier_days = kFriday;
  dollars.cap = 500;
  PointsEvent treats;  // 10 points a bag of treats
  treats.id = "treats";
  treats.kind = PointsEvent::Kind::upc;
  treats.points = 10;
  treats.upcs = {kTreats};
  p.events = {dollars, treats};
  p.rewards = {{"toy", "Free squeaky toy", 100, true, 2, std::nullopt, 0},
               {"bath", "Free bath", 250, true, std::nullopt, 1, 30},
               {"old", "Retired reward", 10, false, std::nullopt, std::nullopt, 0}};
  return p;
}

PointsVisit visit(std::int64_t day, std::vector<PointsLine> lines, Cents discounts = 0) {
  return {day, std::move(lines), discounts};
}

std::int64_t total(const std::vector<EarnedPoints>& earned) {
  std::int64_t sum = 0;
  for (const auto& e : earned) sum += e.points;
  return sum;
}

}  // namespace

TEST_CASE("points: money earns on the total after discounts, or on the subtotal, a part of the rate earning nothing") {
  PointsProgram p = store_points();
  const auto v = visit(kMondayDay, {{kKibble, 2, 2599}, {kTreats, 1, 899}}, 1000);  // subtotal 60.97, total 50.97
  auto earned = points_earned(p, v);
  REQUIRE(earned.size() == 2);
  CHECK(earned[0].event_id == "dollars");
  CHECK(earned[0].points == 50);
  CHECK(earned[1].event_id == "treats");
  CHECK(earned[1].points == 10);
  p.events[0].on_subtotal = true;
  CHECK(points_earned(p, v)[0].points == 60);
  p.events[0].points = 3;
  p.events[0].per_cents = 200;  // 3 points per 2 dollars
  CHECK(points_earned(p, v)[0].points == 90);
}

TEST_CASE("points: a day-of-week rule multiplies, or limits an event to its days; a cap bounds one visit") {
  PointsProgram p = store_points();
  const std::vector<PointsLine> lines = {{kKibble, 4, 5000}};  // $200
  CHECK(weekday_of(kMondayDay) == kMonday);
  CHECK(weekday_of(kFridayDay) == kFriday);
  CHECK(total(points_earned(p, visit(kMondayDay, lines))) == 200);
  CHECK(total(points_earned(p, visit(kFridayDay, lines))) == 400);            // double on Fridays
  CHECK(total(points_earned(p, visit(kFridayDay, {{kKibble, 8, 5000}}))) == 500);  // 800, capped
  p.events[0].days = kSaturday | kSunday;
  CHECK(points_earned(p, visit(kMondayDay, lines)).empty());
  CHECK(total(points_earned(p, visit(kMondayDay + 5, lines))) == 200);
}

TEST_CASE("points: each line's share adds up to the event's points, and a return takes its share back") {
  const PointsProgram p = store_points();
  const auto earned = points_earned(p, visit(kMondayDay, {{kKibble, 3, 1000}, {kTreats, 2, 350}, {kKibble, 1, 333}}));
  REQUIRE(earned.size() == 2);
  for (const auto& e : earned) {
    std::int64_t sum = 0;
    for (auto share : e.line_points) sum += share;
    CHECK(sum == e.points);
  }
  CHECK(earned[0].points == 40);  // $40.33
  CHECK(earned[1].line_points == std::vector<std::int64_t>{0, 20, 0});
  // Both bags of treats back: their 20 points and their part of the dollars.
  const std::int64_t whole = points_returned(earned, 1, 2, 2);
  CHECK(whole == 20 + earned[0].line_points[1]);
  // One of the two: half, rounded up, so returning the second takes the rest.
  CHECK(points_returned(earned, 1, 1, 2) == (whole + 1) / 2);
  CHECK(points_returned(earned, 1, 5, 2) == whole);  // never more than the line
}

TEST_CASE("points: spending takes the oldest lots first, a return after spending leaves a negative balance") {
  PointsBalance b;
  add_points(b, 10, 100);
  add_points(b, 12, 50);
  add_points(b, 12, 5);
  CHECK(b.lots == std::vector<PointsLot>{{10, 100}, {12, 55}});
  take_points(b, 120);
  CHECK(b.lots == std::vector<PointsLot>{{12, 35}});
  take_points(b, 60);  // a return of points already spent
  CHECK(b.lots.empty());
  CHECK(b.debt == 25);
  CHECK(b.total() == -25);
  add_points(b, 20, 40);  // earning pays the debt first
  CHECK(b.debt == 0);
  CHECK(b.lots == std::vector<PointsLot>{{20, 15}});
}

TEST_CASE("points: lots expire expiry_days after they were earned; without an expiry they never do") {
  PointsProgram p = store_points();
  PointsBalance b;
  add_points(b, 100, 30);
  add_points(b, 120, 70);
  CHECK(expire_points(b, p, 10000) == 0);
  p.expiry_days = 30;
  CHECK(expire_points(b, p, 129) == 0);
  CHECK(expire_points(b, p, 130) == 30);  // the day-100 lot is 30 days old
  CHECK(b.lots == std::vector<PointsLot>{{120, 70}});
  CHECK(expire_points(b, p, 150) == 70);
  CHECK(b.total() == 0);
}

TEST_CASE("points: a reward needs an active reward, its limits and a balance that pays for it") {
  PointsProgram p = store_points();
  RewardUse none;
  CHECK(points_reward_refusal(p, "toy", 100, 0, none, kMondayDay).first == ErrorCode::ok);
  auto [code, why] = points_reward_refusal(p, "toy", 60, 0, none, kMondayDay);
  CHECK(code == ErrorCode::insufficient_points);
  CHECK(why == "reward: toy costs 100 points; the balance is 60");
  // This visit's points pay when redeemable the same day, and only then.
  CHECK(points_reward_refusal(p, "toy", 60, 40, none, kMondayDay).first == ErrorCode::ok);
  p.redeemable_same_day = false;
  std::tie(code, why) = points_reward_refusal(p, "toy", 60, 40, none, kMondayDay);
  CHECK(code == ErrorCode::insufficient_points);
  CHECK(why.find("the 40 this visit earns can pay from the next visit") != std::string::npos);
  // Lifetime limit: twice per customer.
  CHECK(points_reward_refusal(p, "toy", 500, 0, {2, {}}, kMondayDay).first == ErrorCode::limit_reached);
  // Once per 30 days: a use 29 days ago blocks, one 30 days ago does not.
  CHECK(points_reward_refusal(p, "bath", 500, 0, {1, {kMondayDay - 29}}, kMondayDay).first == ErrorCode::limit_reached);
  CHECK(points_reward_refusal(p, "bath", 500, 0, {1, {kMondayDay - 30}}, kMondayDay).first == ErrorCode::ok);
  CHECK(points_reward_refusal(p, "old", 500, 0, none, kMondayDay).first == ErrorCode::reward_not_available);
  CHECK(points_reward_refusal(p, "nope", 500, 0, none, kMondayDay).first == ErrorCode::reward_not_available);
  // A program switched off earns nothing and pays for nothing; balances are the engine's to keep.
  p.active = false;
  CHECK(points_reward_refusal(p, "toy", 500, 0, none, kMondayDay).first == ErrorCode::reward_not_available);
  CHECK(points_earned(p, visit(kMondayDay, {{kKibble, 1, 5000}})).empty());
}

TEST_CASE("points: a program that cannot run is refused naming the field") {
  auto refusal = [](auto change) {
    PointsProgram p = store_points();
    change(p);
    return message_of([&] { check_points_program(p, "programs[3]"); });
  };
  CHECK(code_of([] { check_points_program(store_points(), "programs[3]"); }) == ErrorCode::ok);
  CHECK(refusal([](PointsProgram& p) { p.events[0].points = -2; }) ==
        "programs[3].events[0].points: -2 must be 1 or more (a rate cannot be negative)");
  CHECK(refusal([](PointsProgram& p) { p.events[0].cap = 0; }) ==
        "programs[3].events[0].cap: 0 must be 1 or more (leave it out for no cap)");
  CHECK(refusal([](PointsProgram& p) { p.events[0].per_cents = 0; }) == "programs[3].events[0].per_cents: 0 must be 1 or more");
  CHECK(refusal([](PointsProgram& p) { p.events[1].upcs.clear(); }) ==
        "programs[3].events[1].upcs: an event on UPCs needs at least one");
  CHECK(refusal([](PointsProgram& p) { p.events[0].days = 0; }) == "programs[3].events[0].days: the event applies on no day");
  CHECK(refusal([](PointsProgram& p) { p.rewards[1].period_days = 0; }) == "programs[3].rewards[1].period_days: 0 must be 1 or more");
  CHECK(refusal([](PointsProgram& p) { p.expiry_days = 0; }) ==
        "programs[3].expiry_days: 0 must be 1 or more (leave it out: points never expire)");
  PointsProgram p = store_points();
  p.rewards[0].points = 0;
  CHECK(code_of([&] { check_points_program(p, "programs[3]"); }) == ErrorCode::invalid_catalog);
}
