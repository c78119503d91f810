// SPDX-License-Identifier: Apache-2.0
#include "domain/time.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <mutex>

#include <boost/date_time/local_time/local_time.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <date/date.h>

#include "domain/zoneinfo.hpp"
#include "tally/error.hpp"
#include "tally/limits.hpp"

namespace tally::domain {
namespace {

namespace bg = boost::gregorian;
namespace bl = boost::local_time;
namespace bp = boost::posix_time;

const bg::date kEpoch(1970, 1, 1);

[[noreturn]] void bad(std::string_view field, std::string_view text, const char* why) {
  throw Error(ErrorCode::invalid_argument,
              std::string(field) + ": " + limits::quoted(text) + " " + why);
}

int digits(std::string_view text, std::size_t pos, std::size_t count, std::string_view field) {
  int value = 0;
  if (pos + count > text.size()) bad(field, text, "is not an ISO 8601 timestamp");
  auto first = text.data() + pos;
  auto [end, ec] = std::from_chars(first, first + count, value);
  if (ec != std::errc() || end != first + count) bad(field, text, "is not an ISO 8601 timestamp");
  return value;
}

void expect(std::string_view text, std::size_t pos, std::string_view chars, std::string_view field) {
  if (pos >= text.size() || chars.find(text[pos]) == std::string_view::npos)
    bad(field, text, "is not an ISO 8601 timestamp");
}

// The POSIX TZ grammar, checked whole before Boost sees the string: posix_time_zone trusts
// its input (a week 9 or a rule cut short trips its assertions or reads past its tokens).
//   std offset [dst [offset] [,start[/time],end[/time]]]
// A name is three or more letters, or <...> of three or more letters, digits, '+' and '-';
// an offset or time is [+-]hh[:mm[:ss]] with hh at most 24; a date is Mm.w.d, Jn or n.
class PosixTzSyntax {
 public:
  explicit PosixTzSyntax(std::string_view tz) : tz_(tz) {}

  bool valid() {
    if (!name() || !clock()) return false;
    if (done()) return true;
    if (!name()) return false;
    if (!done() && peek() != ',' && !clock()) return false;
    if (done()) return true;
    return take(',') && rule() && take(',') && rule() && done();
  }

 private:
  bool done() const { return i_ == tz_.size(); }
  char peek() const { return done() ? '\0' : tz_[i_]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

  bool name() {
    const std::size_t start = i_;
    if (take('<')) {
      while (!done() && (is_alpha(peek()) || is_digit(peek()) || peek() == '+' || peek() == '-')) ++i_;
      return i_ - start - 1 >= 3 && take('>');
    }
    while (!done() && is_alpha(peek())) ++i_;
    return i_ - start >= 3;
  }
  // Up to `most` digits, at least one, at most `max` in value.
  bool number(int most, int max, int min = 0) {
    int value = 0;
    int count = 0;
    while (count < most && is_digit(peek())) value = value * 10 + (tz_[i_++] - '0'), ++count;
    return count > 0 && value >= min && value <= max;
  }
  bool clock() {
    if (peek() == '+' || peek() == '-') ++i_;
    if (!number(2, 24)) return false;
    for (int part = 0; part < 2 && take(':'); ++part)
      if (!number(2, 59)) return false;
    return true;
  }
  bool rule() {
    bool ok = false;
    if (take('M')) {
      ok = number(2, 12, 1) && take('.') && number(1, 5, 1) && take('.') && number(1, 6);
    } else if (take('J')) {
      ok = number(3, 365, 1);
    } else {
      ok = number(3, 365);
    }
    return ok && (!take('/') || clock());
  }

  std::string_view tz_;
  std::size_t i_ = 0;
};

// POSIX TZ offsets count west of Greenwich as positive ("EST5" is UTC-5); Boost's
// posix_time_zone reads them the other way round, so the signs are flipped for it.
std::string boost_convention(const std::string& tz) {
  std::string out;
  std::size_t i = 0;
  auto name = [&] {
    std::size_t start = i;
    if (i < tz.size() && tz[i] == '<') {
      i = tz.find('>', i);
      i = i == std::string::npos ? tz.size() : i + 1;
    } else {
      while (i < tz.size() && std::isalpha(static_cast<unsigned char>(tz[i]))) ++i;
    }
    out += tz.substr(start, i - start);
    return i > start;
  };
  auto offset = [&] {
    if (i >= tz.size() || !(tz[i] == '+' || tz[i] == '-' || std::isdigit(static_cast<unsigned char>(tz[i])))) return;
    char sign = (tz[i] == '+' || tz[i] == '-') ? tz[i++] : '+';
    out += sign == '-' ? '+' : '-';
    while (i < tz.size() && (std::isdigit(static_cast<unsigned char>(tz[i])) || tz[i] == ':')) out += tz[i++];
  };
  name();
  offset();
  if (name()) offset();
  return out + tz.substr(i);
}

// A zone of the IANA database (zoneinfo.hpp), or null. Names are checked for their form
// first, so nothing but a zone name reaches the lookup.
const IanaZone* iana_zone(std::string_view name) {
  if (name.empty() || name.size() > 64) return nullptr;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '_' || c == '-' || c == '+')) return nullptr;
  return IanaZone::find(name);
}

// The rule a zone follows after the last transition its file lists: the POSIX TZ string at
// the end of its TZif file (RFC 8536, 3.3). libdate-tz stops at the last listed transition
// (2037 in Debian's files) and would keep that offset for ever after. Read once per zone.
bl::time_zone_ptr rule_after_last_transition(const IanaZone& zone) {
  static std::mutex mutex;
  static std::map<const IanaZone*, bl::time_zone_ptr> rules;
  std::lock_guard lock(mutex);
  if (const auto it = rules.find(&zone); it != rules.end()) return it->second;
  bl::time_zone_ptr rule;
  const std::string footer = zone.footer();
  if (!footer.empty() && PosixTzSyntax(footer).valid()) {
    try {
      rule = bl::time_zone_ptr(new bl::posix_time_zone(boost_convention(footer)));
    } catch (const std::exception&) {
      rule = nullptr;
    }
  }
  return rules[&zone] = rule;
}

}  // namespace

TimeZone TimeZone::parse(std::string_view spec, std::string_view field) {
  TimeZone zone;
  std::string posix(spec == "UTC" ? "UTC0" : spec);
  if (PosixTzSyntax(posix).valid()) {
    try {
      zone.rule_ = bl::time_zone_ptr(new bl::posix_time_zone(boost_convention(posix)));
      return zone;
    } catch (const std::exception&) {
      bad(field, spec, "is not a POSIX TZ string or a known time zone name");
    }
  }
  if (const auto* named = iana_zone(spec)) {
    zone.iana_ = named;
    zone.rule_ = rule_after_last_transition(*named);
    return zone;
  }
  bad(field, spec, ("is not a POSIX TZ string or a time zone name of " + IanaZone::database()).c_str());
}

std::optional<std::int64_t> TimeZone::listed_offset(std::int64_t seconds) const {
  const auto info = iana_->at(seconds);
  if (rule_ && info.end > kLatestTimestamp) return std::nullopt;
  return info.offset;
}

bg::date TimeZone::local_date(Timestamp at) const {
  check_timestamp(at);
  if (const auto offset = iana_ ? listed_offset(at) : std::nullopt) {
    const auto local = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{at + *offset}});
    return date_from_day_number(local.time_since_epoch().count());
  }
  // Days and seconds apart: bp::seconds takes a long, 32 bits on Windows (days fit in one).
  const bp::ptime utc(kEpoch + bg::days(static_cast<long>(at / 86400)), bp::seconds(static_cast<long>(at % 86400)));
  return bl::local_date_time(utc, rule_).local_time().date();
}

Timestamp TimeZone::start_of_day(bg::date date) const {
  if (iana_) {
    // Midnight skipped by a change of offset: the day starts at the change.
    const Timestamp start = iana_->first_instant(day_number(date) * 86400);
    if (listed_offset(start)) return start;
  }
  bl::local_date_time midnight(date, bp::time_duration(0, 0, 0), rule_,
                               bl::local_date_time::NOT_DATE_TIME_ON_ERROR);
  if (midnight.is_not_a_date_time())  // midnight skipped by a DST change: take 01:00
    midnight = bl::local_date_time(date, bp::time_duration(1, 0, 0), rule_,
                                   bl::local_date_time::EXCEPTION_ON_ERROR);
  return (midnight.utc_time() - bp::from_time_t(0)).total_seconds();
}

std::int64_t utc_day(Timestamp at) { return at >= 0 ? at / 86400 : (at - 86399) / 86400; }

std::int64_t day_number(bg::date date) { return (date - kEpoch).days(); }

// Days to 9999-12-31 fit in a long of 32 bits (Windows').
bg::date date_from_day_number(std::int64_t day) { return kEpoch + bg::days(static_cast<long>(day)); }

std::string iso_date(bg::date date) {
  // Formatted by hand: Boost's to_iso_extended_string goes through iostreams, and a
  // checkout formats its business date on every finish.
  const auto ymd = date.year_month_day();
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                static_cast<int>(ymd.day));
  return text;
}

Timestamp check_timestamp(Timestamp at, std::string_view field) {
  if (at < kEarliestTimestamp || at > kLatestTimestamp)
    throw Error(ErrorCode::invalid_argument, std::string(field) + ": " + std::to_string(at) +
                                                 " is out of range (1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z)");
  return at;
}

Timestamp parse_iso8601(std::string_view text, std::string_view field) {
  // YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM|+HHMM|-HHMM); ' ' may stand for 'T'.
  int year = digits(text, 0, 4, field);
  expect(text, 4, "-", field);
  int month = digits(text, 5, 2, field);
  expect(text, 7, "-", field);
  int day = digits(text, 8, 2, field);
  expect(text, 10, "Tt ", field);
  int hour = digits(text, 11, 2, field);
  expect(text, 13, ":", field);
  int minute = digits(text, 14, 2, field);
  expect(text, 16, ":", field);
  int second = digits(text, 17, 2, field);
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) bad(field, text, "is not an ISO 8601 timestamp");
  }
  if (hour > 23 || minute > 59 || second > 59) bad(field, text, "has a time out of range");
  long offset = 0;
  if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    int oh = digits(text, pos + 1, 2, field);
    std::size_t mpos = pos + 3;
    if (mpos < text.size() && text[mpos] == ':') ++mpos;
    int om = digits(text, mpos, 2, field);
    if (oh > 23 || om > 59) bad(field, text, "has a zone offset out of range");
    offset = sign * (oh * 3600L + om * 60L);
    pos = mpos + 2;
  } else {
    bad(field, text, "needs a zone designator (Z or an offset such as -05:00)");
  }
  if (pos != text.size()) bad(field, text, "is not an ISO 8601 timestamp");
  bg::date date;
  try {
    date = bg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
  } catch (const std::exception&) {
    bad(field, text, "is not a calendar date");
  }
  const Timestamp at = day_number(date) * 86400 + hour * 3600L + minute * 60L + second - offset;
  if (at < kEarliestTimestamp || at > kLatestTimestamp) bad(field, text, "is out of range (1970 to 9999)");
  return at;
}

std::optional<std::int64_t> parse_date_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int part[3] = {0, 0, 0};
  for (std::size_t i = 0, p = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7) {
      ++p;
      continue;
    }
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    part[p] = part[p] * 10 + (text[i] - '0');
  }
  const date::year_month_day ymd{date::year{part[0]}, date::month{static_cast<unsigned>(part[1])},
                                 date::day{static_cast<unsigned>(part[2])}};
  if (part[0] < 1970 || !ymd.ok()) return std::nullopt;
  return date::sys_days{ymd}.time_since_epoch().count();
}

std::int64_t date_day(std::string_view text, std::string_view field) {
  if (const auto day = parse_date_day(text)) return *day;
  throw Error(ErrorCode::invalid_argument, std::string(field) + ": " + limits::quoted(text) + " is not a date (YYYY-MM-DD)");
}

std::string format_iso8601(Timestamp at) {
  check_timestamp(at);
  // Calendar arithmetic of the date library: Boost's to_iso_extended_string goes through
  // iostreams, some ten thousand instructions a call, and reports format an instant per row.
  const date::sys_seconds t{std::chrono::seconds{at}};
  const auto day = date::floor<date::days>(t);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss<std::chrono::seconds> clock{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  return text;
}

}  // namespace tally::domain
