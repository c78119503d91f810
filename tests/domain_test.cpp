// SPDX-License-Identifier: Apache-2.0
// Pure rules: GTINs, business time, key layout, the credit-line state machines.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "domain/gtin.hpp"
#include "domain/lifecycle.hpp"
#include "domain/time.hpp"
#include "engine/keys.hpp"
#include "support/fixture.hpp"
#include "tally/json.hpp"

using namespace tally;

TEST_CASE("gtin: lengths, digits and check digits") {
  CHECK(domain::gtin_problem("012345678905").empty());    // UPC-A
  CHECK(domain::gtin_problem("4006381333931").empty());   // EAN-13
  CHECK(domain::gtin_problem("96385074").empty());        // GTIN-8
  CHECK(domain::gtin_problem("10012345678902").empty());  // GTIN-14
  CHECK(domain::gtin_problem("012345678906") == "check digit does not verify");
  CHECK(domain::gtin_problem("01234567890") == "must be 8, 12, 13 or 14 digits");
  CHECK(domain::gtin_problem("01234567890X") == "must be digits only");
  CHECK(domain::gtin_problem("") == "must be 8, 12, 13 or 14 digits");
  CHECK(domain::gtin14("012345678905") == "00012345678905");
  CHECK(domain::gtin14("0012345678905") == domain::gtin14("012345678905"));
}

TEST_CASE("time: business dates follow the location's time zone") {
  auto eastern = domain::TimeZone::parse("EST5EDT,M3.2.0,M11.1.0");
  // 2026-11-03T04:30:00Z is 23:30 on 2 November in Virginia.
  Timestamp late = parse_timestamp("2026-11-03T04:30:00Z");
  CHECK(domain::iso_date(eastern.local_date(late)) == "2026-11-02");
  CHECK(domain::iso_date(eastern.local_date(late + 3600)) == "2026-11-03");
  // Summer time: UTC-4.
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2026-07-01T03:59:00Z"))) == "2026-06-30");
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2026-07-01T04:00:00Z"))) == "2026-07-01");
  CHECK(eastern.start_of_day(boost::gregorian::date(2026, 11, 2)) == parse_timestamp("2026-11-02T05:00:00Z"));
  auto pacific = domain::TimeZone::parse("America/Los_Angeles");
  CHECK(domain::iso_date(pacific.local_date(late)) == "2026-11-02");
  CHECK_THROWS_AS(domain::TimeZone::parse("Nowhere"), Error);
  CHECK_THROWS_AS(domain::TimeZone::parse(""), Error);
}

TEST_CASE("time: IANA names come from the system's zone database, with its history") {
  // Outside North America, both hemispheres: Berlin is UTC+2 in July, Sydney UTC+11 in January.
  auto berlin = domain::TimeZone::parse("Europe/Berlin");
  CHECK(domain::iso_date(berlin.local_date(parse_timestamp("2026-07-01T21:59:00Z"))) == "2026-07-01");
  CHECK(domain::iso_date(berlin.local_date(parse_timestamp("2026-07-01T22:00:00Z"))) == "2026-07-02");
  CHECK(berlin.start_of_day(boost::gregorian::date(2026, 12, 24)) == parse_timestamp("2026-12-23T23:00:00Z"));
  auto sydney = domain::TimeZone::parse("Australia/Sydney");
  CHECK(domain::iso_date(sydney.local_date(parse_timestamp("2026-01-15T12:59:00Z"))) == "2026-01-15");
  CHECK(domain::iso_date(sydney.local_date(parse_timestamp("2026-01-15T13:00:00Z"))) == "2026-01-16");
  // Before a rule change: in March 2006 the US was still on standard time (summer time began
  // on 2 April that year; since 2007 it begins on the second Sunday of March).
  auto eastern = domain::TimeZone::parse("America/New_York");
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2006-03-20T04:30:00Z"))) == "2006-03-19");
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2026-03-20T04:30:00Z"))) == "2026-03-20");
  CHECK(eastern.start_of_day(boost::gregorian::date(2006, 3, 20)) == parse_timestamp("2006-03-20T05:00:00Z"));
  // Past the last transition the database lists (2037), the zone's closing rule goes on:
  // still UTC-4 in July 2040 and 2100, UTC-5 in January.
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2040-07-01T04:30:00Z"))) == "2040-07-01");
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2100-07-01T03:30:00Z"))) == "2100-06-30");
  CHECK(domain::iso_date(eastern.local_date(parse_timestamp("2100-07-01T04:30:00Z"))) == "2100-07-01");
  CHECK(eastern.start_of_day(boost::gregorian::date(2040, 7, 1)) == parse_timestamp("2040-07-01T04:00:00Z"));
  CHECK(eastern.start_of_day(boost::gregorian::date(2041, 1, 1)) == parse_timestamp("2041-01-01T05:00:00Z"));
  // Names the old hand-made table refused; Puerto Rico keeps UTC-4 all year.
  auto puerto_rico = domain::TimeZone::parse("America/Puerto_Rico");
  CHECK(domain::iso_date(puerto_rico.local_date(parse_timestamp("2026-01-15T03:59:00Z"))) == "2026-01-14");
  CHECK(domain::iso_date(puerto_rico.local_date(parse_timestamp("2026-01-15T04:00:00Z"))) == "2026-01-15");
  // A day whose midnight does not exist (Havana moves its clocks from 00:00 to 01:00): it
  // starts at the change.
  CHECK(domain::TimeZone::parse("America/Havana").start_of_day(boost::gregorian::date(2026, 3, 8)) ==
        parse_timestamp("2026-03-08T05:00:00Z"));
  CHECK(domain::iso_date(domain::TimeZone::parse("Etc/UTC").local_date(0)) == "1970-01-01");
  for (const char* bad : {"Nowhere/City", "../../etc/passwd", "America/New_York ", "america/new_york", "/etc/localtime"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(domain::TimeZone::parse(bad, "locations[0].time_zone"),
                         doctest::Contains("zone database"), Error);
  }
}

TEST_CASE("time: business dates are YYYY-MM-DD from 1970 to 9999, read by one parser") {
  CHECK(domain::parse_date_day("1970-01-01") == 0);
  CHECK(domain::parse_date_day("2028-02-29") == domain::day_number(boost::gregorian::date(2028, 2, 29)));
  CHECK(domain::parse_date_day("9999-12-31") == domain::day_number(boost::gregorian::date(9999, 12, 31)));
  // "!02116--01" once overflowed Boost's lexical_cast inside from_simple_string (the
  // adoption fuzzer found it); none of these reaches a library's parser any more.
  for (const char* bad : {"!02116--01", "2026-02-30", "2027-02-29", "1969-12-31", "2026-13-01", "2026-00-10",
                          "2026-1-01", "2026/11/01", "20261101", "+2026-11-01", "2026-11-01 ", "", "99999-01-01"}) {
    CAPTURE(bad);
    CHECK_FALSE(domain::parse_date_day(bad).has_value());
  }
}

TEST_CASE("time: ISO 8601 timestamps need a zone and a real date") {
  CHECK(parse_timestamp("2026-11-02T15:00:00Z") == tally_test::kMonday);
  CHECK(parse_timestamp("2026-11-02T10:00:00-05:00") == tally_test::kMonday);
  CHECK(parse_timestamp("2026-11-02 20:30:00+0530") == tally_test::kMonday);
  CHECK(parse_timestamp("2026-11-02T15:00:00.250Z") == tally_test::kMonday);
  CHECK(parse_timestamp("1793631600") == tally_test::kMonday);
  CHECK(format_timestamp(tally_test::kMonday) == "2026-11-02T15:00:00Z");
  for (const char* bad : {"2026-11-02T15:00:00", "2026-02-30T00:00:00Z", "2026-11-02T25:00:00Z",
                          "2026-11-02", "yesterday", "2026-11-02T15:00:00Zjunk", ""}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_timestamp(bad), Error);
  }
}

TEST_CASE("time: instants from 1970 to the end of 9999, no further") {
  auto eastern = domain::TimeZone::parse("EST5EDT,M3.2.0,M11.1.0");
  CHECK(parse_timestamp("1970-01-01T00:00:00Z") == domain::kEarliestTimestamp);
  CHECK(parse_timestamp("9999-12-31T23:59:59Z") == domain::kLatestTimestamp);
  CHECK(parse_timestamp("253402300799") == domain::kLatestTimestamp);
  CHECK(format_timestamp(domain::kLatestTimestamp) == "9999-12-31T23:59:59Z");
  CHECK(domain::iso_date(eastern.local_date(domain::kLatestTimestamp)) == "9999-12-31");
  CHECK(domain::iso_date(domain::TimeZone::parse("UTC").local_date(0)) == "1970-01-01");
  // Each of these once overflowed Boost's calendar or the ISO 8601 formatter.
  for (Timestamp at : {Timestamp{-1}, domain::kLatestTimestamp + 1, Timestamp{17987443200000},
                       std::numeric_limits<Timestamp>::max(), std::numeric_limits<Timestamp>::min()}) {
    CAPTURE(at);
    CHECK_THROWS_WITH_AS(eastern.local_date(at), doctest::Contains("at: "), Error);
    CHECK_THROWS_AS(format_timestamp(at), Error);
    CHECK_THROWS_WITH_AS(domain::check_timestamp(at, "lines[0].at"), doctest::Contains("lines[0].at: "), Error);
  }
  for (const char* bad : {"-1", "253402300800", "99999999999999999999", "1969-12-31T23:59:59Z",
                          "9999-12-31T23:59:59-00:01"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parse_timestamp(bad), doctest::Contains("out of range"), Error);
  }
}

TEST_CASE("time: a POSIX TZ string is checked whole before it is used") {
  for (const char* good : {"EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3", "AST4", "UTC0",
                           "NZST-12NZDT,M9.5.0,M4.1.0/3", "EST5EDT4,M3.2.0/2:00:00,M11.1.0/2"}) {
    CAPTURE(good);
    CHECK_NOTHROW(domain::TimeZone::parse(good));
  }
  // Central Europe: 23:30 UTC on 1 July is already 2 July in Berlin (UTC+2 in summer).
  CHECK(domain::iso_date(domain::TimeZone::parse("CET-1CEST,M3.5.0,M10.5.0/3")
                             .local_date(parse_timestamp("2026-07-01T23:30:00Z"))) == "2026-07-02");
  // Cut short, out of range, or with stray text: each refused naming the field, none reaches Boost.
  for (const char* bad : {"EST5:60", "EST25", "EST5EDT,M3.2.0", "EST5EDT,M3.9.0,M11.1.0",
                          "EST5EDT,M13.2.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3,M11", "EST5EDT,J0,J300",
                          "EST5EDT,M3.2.0,M11.1.0,", "EST5EDT,M3.2.0/25,M11.1.0", "E5", "EST5 ", "<+05>",
                          "EST5EDT,M3.2.0,M11.1.0x", "5EST"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(domain::TimeZone::parse(bad, "locations[0].time_zone"),
                         doctest::Contains("locations[0].time_zone: "), Error);
  }
}

TEST_CASE("keys: host-supplied components cannot break the layout") {
  CHECK(keys::esc("R-100") == "R-100");
  CHECK(keys::esc("a/b") == "a%2Fb");
  CHECK(keys::esc("50%") == "50%25");
  CHECK(keys::esc(std::string("x\0y", 3)) == "x%00y");
  CHECK(keys::esc("\xC3\xA9") == "%C3%A9");
  CHECK(keys::num(42) == "0000000000000042");
  CHECK(keys::num(42) < keys::num(100));
  CHECK(keys::prefix_end("line/") == "line0");
  CHECK(keys::trailing_number("line/0000000000000042") == 42);
  CHECK(keys::receipt("va", "R/1") != keys::receipt("va/R", "1"));
}

namespace {

struct DocRow {
  std::string event, to, actor;
  std::vector<std::string> from;
};

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (char c : line.substr(1)) {
    if (c != '|') { cell += c; continue; }
    const auto first = cell.find_first_not_of(' '), last = cell.find_last_not_of(' ');
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    cell.clear();
  }
  return cells;
}

// The transition tables of docs/lifecycles.md, in the order they appear.
std::vector<std::vector<DocRow>> lifecycle_doc_tables() {
  std::ifstream doc(std::string(TALLY_SOURCE_DIR) + "/docs/lifecycles.md");
  REQUIRE(doc);
  std::vector<std::vector<DocRow>> tables;
  std::string line;
  bool in_table = false;
  while (std::getline(doc, line)) {
    if (line.rfind("| event | from | to | actor |", 0) == 0) {
      tables.emplace_back();
      in_table = true;
      std::getline(doc, line);  // |---|
      continue;
    }
    if (!in_table || line.empty() || line[0] != '|') {
      in_table = false;
      continue;
    }
    auto cells = split_cells(line);
    REQUIRE(cells.size() >= 4);
    DocRow row{cells[0], cells[2], cells[3], {}};
    std::stringstream states(cells[1]);
    for (std::string s; std::getline(states, s, ',');) row.from.push_back(s.substr(s.find_first_not_of(' ')));
    tables.back().push_back(row);
  }
  return tables;
}

}  // namespace

TEST_CASE("lifecycle: docs/lifecycles.md tables are the rules the code enforces") {
  using domain::LineEvent;
  const auto tables = lifecycle_doc_tables();
  REQUIRE(tables.size() == 2);
  const std::vector<std::string> states{"held", "new", "batched", "declined", "credited", "reconciled",
                                        "submitted", "complete", "withdrawn"};
  const Actor stranger{ActorRole::distributor, "someone-else"};
  struct Machine {
    std::string fulfillment;
    const std::vector<DocRow>& rows;
  };
  for (const Machine& machine : {Machine{"distributor", tables[0]}, Machine{"direct", tables[0]},
                                 Machine{"retailer", tables[1]}}) {
    CreditLine line;
    line.id = 7;
    line.fulfillment = machine.fulfillment;
    line.partner = machine.fulfillment == "direct" ? "acme" : machine.fulfillment == "retailer" ? "retailer" : "east";
    line.manufacturer_id = "acme";
    line.location_id = "va";
    const Actor partner = machine.fulfillment == "direct" ? Actor{ActorRole::manufacturer, "acme"}
                                                          : Actor{ActorRole::distributor, "east"};
    auto actor_named = [&](const std::string& who) {
      if (who == "retailer") return Actor{ActorRole::retailer, "va"};
      if (who == "brand") return Actor{ActorRole::manufacturer, "acme"};
      REQUIRE(who.rfind("partner", 0) == 0);
      return partner;
    };
    for (int e = static_cast<int>(LineEvent::release); e <= static_cast<int>(LineEvent::withdraw); ++e) {
      const auto event = static_cast<LineEvent>(e);
      const DocRow* row = nullptr;
      for (const auto& r : machine.rows)
        if (r.event == domain::to_string(event)) row = &r;
      for (const auto& state : states) {
        CAPTURE(machine.fulfillment);
        CAPTURE(domain::to_string(event));
        CAPTURE(state);
        line.state = state;
        const bool allowed = row && std::find(row->from.begin(), row->from.end(), state) != row->from.end();
        if (allowed) {
          CHECK(domain::transition(line, event, actor_named(row->actor)) == row->to);
          CHECK(tally_test::code_of([&] { domain::transition(line, event, stranger); }) == ErrorCode::wrong_actor);
        } else {
          const Actor who = row ? actor_named(row->actor) : Actor{ActorRole::retailer, "va"};
          CHECK(tally_test::code_of([&] { domain::transition(line, event, who); }) == ErrorCode::invalid_state);
        }
      }
    }
  }
}
