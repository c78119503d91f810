// SPDX-License-Identifier: Apache-2.0
// Business time: what "today" is at a location. Time is always an input here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/local_time/local_time_types.hpp>

#include "tally/types.hpp"

namespace tally::domain {

class IanaZone;

// A location's time zone: a POSIX TZ string, or an IANA name of the system's zone database
// (docs/decisions.md).
class TimeZone {
 public:
  // Throws tally::Error(invalid_argument) naming `field` when the zone is not understood.
  static TimeZone parse(std::string_view spec, std::string_view field = "time_zone");
  boost::gregorian::date local_date(Timestamp at) const;
  // Unix seconds of local midnight starting `date`.
  Timestamp start_of_day(boost::gregorian::date date) const;

 private:
  // The offset (seconds east of UTC) of an IANA zone at `seconds`, or nullopt past the last
  // transition its database lists, where the zone's closing POSIX rule (rule_) takes over.
  std::optional<std::int64_t> listed_offset(std::int64_t seconds) const;

  // A POSIX TZ rule; for an IANA zone, the rule after its last listed transition (or null).
  boost::local_time::time_zone_ptr rule_;
  const IanaZone* iana_ = nullptr;  // an IANA zone of the zone database (zoneinfo.hpp)
};

// Days since 1970-01-01 of a calendar date; convenient for windows and storage.
std::int64_t day_number(boost::gregorian::date date);
// The UTC day (days since 1970-01-01) of an instant: the day of what belongs to no location.
std::int64_t utc_day(Timestamp at);
boost::gregorian::date date_from_day_number(std::int64_t day);
std::string iso_date(boost::gregorian::date date);
// The day number of a business date written YYYY-MM-DD, from 1970-01-01 to 9999-12-31, or
// nullopt for anything else (another shape, a 30 February): the one date parser.
std::optional<std::int64_t> parse_date_day(std::string_view text);
// The same, or throws tally::Error(invalid_argument) naming `field`.
std::int64_t date_day(std::string_view text, std::string_view field);

// Instants Tally takes: 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z, the span of four-digit
// ISO 8601 years. Outside it, calendar arithmetic would overflow.
constexpr Timestamp kEarliestTimestamp = 0;
constexpr Timestamp kLatestTimestamp = 253402300799;
// Returns `at`, or throws tally::Error(invalid_argument) naming `field` when it is out of range.
Timestamp check_timestamp(Timestamp at, std::string_view field = "at");

Timestamp parse_iso8601(std::string_view text, std::string_view field);
std::string format_iso8601(Timestamp at);

}  // namespace tally::domain
