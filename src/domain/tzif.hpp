// SPDX-License-Identifier: Apache-2.0
// A zone of the IANA time zone database as its TZif file states it (RFC 8536): the offsets
// from UTC it lists, transition by transition, and the POSIX TZ rule for the time after its
// last transition. Plain bytes in, offsets out; reading the file is zoneinfo.cpp's part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tally::domain {

class TzifZone {
 public:
  // The zone a TZif file of version 2 or later describes (its 64-bit part), or nullopt when
  // the bytes are not such a file.
  static std::optional<TzifZone> parse(std::string_view bytes);

  // An offset (seconds east of UTC) in force from `begin` until before `end` (UTC seconds;
  // the first span begins at INT64_MIN, the last ends at INT64_MAX).
  struct Span {
    std::int64_t offset;
    std::int64_t begin;
    std::int64_t end;
  };
  Span at(std::int64_t utc) const;

  // Where a local time (seconds since 1970-01-01T00:00 in local time) falls: in one span, in
  // two (`first` the earlier, when the clock went back), or in none (a gap: `first` is the
  // span before the clock went forward, `second` the span after it).
  struct Local {
    enum Kind { unique, nonexistent, ambiguous } kind;
    Span first;
    Span second;
  };
  Local at_local(std::int64_t local) const;

  // The POSIX TZ string at the end of the file ("" when it has none).
  const std::string& footer() const { return footer_; }

 private:
  Span span(std::size_t index) const;
  std::size_t index_at(std::int64_t utc) const;

  std::vector<std::int64_t> transitions_;  // UTC seconds, rising
  std::vector<std::int32_t> offsets_;      // offsets_[i] in force before transitions_[i]; the last after them all
  std::string footer_;
};

}  // namespace tally::domain
