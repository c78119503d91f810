// SPDX-License-Identifier: Apache-2.0
// The TZif reader of the Windows build (src/domain/tzif.cpp) held to libdate-tz, which reads
// the same files on Linux: every zone of /usr/share/zoneinfo, offsets at instants from 1970
// to 2037, and the first instant of local midnights (gaps included); every day for the zones
// whose clocks have jumped at midnight or by odd amounts.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>

#include "domain/tzif.hpp"
#include "domain/zoneinfo.hpp"

using tally::domain::IanaZone;
using tally::domain::TzifZone;

namespace {

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t k2038 = 2145916800;  // 2038-01-01: Debian's files list transitions to 2037

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The first instant of local `local` as TimeZone::start_of_day takes it from a TzifZone.
std::int64_t first_instant(const TzifZone& zone, std::int64_t local) {
  const auto info = zone.at_local(local);
  return info.kind == TzifZone::Local::nonexistent ? info.first.end : local - info.first.offset;
}

int agree(const std::string& name, const TzifZone& tzif, const IanaZone& zone, std::int64_t step) {
  int differences = 0;
  for (std::int64_t t = 0; t < k2038 && differences < 3; t += step) {
    const auto mine = tzif.at(t);
    const auto reference = zone.at(t);
    if (mine.offset != reference.offset) {
      ++differences;
      FAIL_CHECK(name << " at " << t << ": offset " << mine.offset << ", libdate-tz " << reference.offset);
    }
    const std::int64_t midnight = (t / kDay) * kDay;
    if (first_instant(tzif, midnight) != zone.first_instant(midnight)) {
      ++differences;
      FAIL_CHECK(name << " local midnight " << midnight << ": " << first_instant(tzif, midnight) << ", libdate-tz "
                      << zone.first_instant(midnight));
    }
  }
  return differences;
}

}  // namespace

TEST_CASE("tzif: the Windows build's zone reader agrees with libdate-tz on every zone") {
  namespace fs = std::filesystem;
  const fs::path root = "/usr/share/zoneinfo";
  int zones = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = fs::relative(entry.path(), root).generic_string();
    if (!entry.is_regular_file() || name.rfind("posix", 0) == 0 || name.rfind("right/", 0) == 0 || name == "Factory" ||
        name == "localtime")
      continue;
    const auto tzif = TzifZone::parse(read(entry.path()));
    if (!tzif) continue;  // the tables and other files that are not TZif
    const IanaZone* zone = IanaZone::find(name);
    REQUIRE_MESSAGE(zone, name);
    CHECK_MESSAGE(tzif->footer() == zone->footer(), name);
    agree(name, *tzif, *zone, 11 * kDay + 3607);
    ++zones;
  }
  CHECK(zones > 400);
}

TEST_CASE("tzif: every day and hour where clocks jumped at midnight or by odd amounts") {
  for (const char* name : {"America/Sao_Paulo", "America/Havana", "Asia/Beirut", "America/Santiago", "America/Asuncion",
                           "Africa/Cairo", "Asia/Tehran", "America/New_York", "Europe/London", "Australia/Lord_Howe",
                           "Pacific/Apia", "Pacific/Kiritimati", "Asia/Kathmandu", "America/St_Johns"}) {
    const auto tzif = TzifZone::parse(read(std::string("/usr/share/zoneinfo/") + name));
    const IanaZone* zone = IanaZone::find(name);
    REQUIRE_MESSAGE(tzif, name);
    REQUIRE_MESSAGE(zone, name);
    agree(name, *tzif, *zone, 3600);
  }
}

TEST_CASE("tzif: what is not a TZif file of version 2 or later") {
  CHECK_FALSE(TzifZone::parse(""));
  CHECK_FALSE(TzifZone::parse("TZif2"));
  CHECK_FALSE(TzifZone::parse(std::string(200, 'x')));
  const std::string new_york = read("/usr/share/zoneinfo/America/New_York");
  REQUIRE(TzifZone::parse(new_york));
  for (std::size_t cut : {std::size_t{44}, std::size_t{100}, new_york.size() / 2})
    CHECK_FALSE(TzifZone::parse(new_york.substr(0, cut)));
  CHECK(TzifZone::parse(new_york)->footer() == "EST5EDT,M3.2.0,M11.1.0");
}
