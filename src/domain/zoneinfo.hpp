// SPDX-License-Identifier: Apache-2.0
// The IANA time zone database this build reads (docs/decisions.md). On Linux: libdate-tz
// over the system's /usr/share/zoneinfo. On Windows, which has no such folder: the TZif
// files of the folder named by the TZDIR environment variable, else of the `zoneinfo` folder
// beside tally.dll (or the program that links the engine), read by TzifZone (docs/windows.md).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tally::domain {

class IanaZone {
 public:
  // The zone of this name (checked for its form by the caller), or null; zones live as long
  // as the process.
  static const IanaZone* find(std::string_view name);

  // The offset (seconds east of UTC) at `utc`, and the instant it stops being in force
  // (INT64_MAX past the zone's last listed transition).
  struct Offset {
    std::int64_t offset;
    std::int64_t end;
  };
  Offset at(std::int64_t utc) const;

  // The instant a local time (seconds since 1970-01-01T00:00 local) first occurs: for a
  // local time a change of offset skipped, the instant of that change.
  std::int64_t first_instant(std::int64_t local) const;

  // The POSIX TZ rule at the end of the zone's TZif file (RFC 8536, 3.3), or "".
  std::string footer() const;

  const std::string& name() const { return name_; }

  // Where zones are looked up, for messages: "the system's zone database" on Linux.
  static std::string database();

 private:
  explicit IanaZone(std::string name, const void* zone) : name_(std::move(name)), zone_(zone) {}
  std::string name_;
  const void* zone_;  // libdate-tz's date::time_zone, or a TzifZone
};

}  // namespace tally::domain
