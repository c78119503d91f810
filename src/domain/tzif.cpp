// SPDX-License-Identifier: Apache-2.0
#include "domain/tzif.hpp"

#include <algorithm>
#include <limits>

namespace tally::domain {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

// Big-endian fields of a TZif file, read with bounds checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool has(std::size_t count) const { return pos_ <= bytes_.size() && bytes_.size() - pos_ >= count; }
  std::uint64_t number(std::size_t width) {
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i) value = value << 8 | static_cast<unsigned char>(bytes_[pos_ + i]);
    pos_ += width;
    return value;
  }
  void skip(std::size_t count) { pos_ += count; }
  std::string_view rest() const { return bytes_.substr(std::min(pos_, bytes_.size())); }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

struct Header {
  std::uint64_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

// Magic "TZif", the version, 15 reserved bytes, six counts.
std::optional<Header> header(Reader& in, char& version) {
  if (!in.has(44) || in.rest().substr(0, 4) != "TZif") return std::nullopt;
  version = in.rest()[4];
  in.skip(20);
  Header h{};
  for (std::uint64_t* count : {&h.isutcnt, &h.isstdcnt, &h.leapcnt, &h.timecnt, &h.typecnt, &h.charcnt})
    *count = in.number(4);
  if (h.typecnt == 0 || h.typecnt > 256 || h.timecnt > 1'000'000 || h.leapcnt > 1'000'000) return std::nullopt;
  return h;
}

std::size_t data_size(const Header& h, std::size_t time_size) {
  return h.timecnt * time_size + h.timecnt + h.typecnt * 6 + h.charcnt + h.leapcnt * (time_size + 4) + h.isstdcnt +
         h.isutcnt;
}

}  // namespace

std::optional<TzifZone> TzifZone::parse(std::string_view bytes) {
  Reader in(bytes);
  char version = 0;
  auto first = header(in, version);
  if (!first || version < '2') return std::nullopt;
  if (!in.has(data_size(*first, 4))) return std::nullopt;
  in.skip(data_size(*first, 4));  // the 32-bit part, for readers of version 1
  auto h = header(in, version);
  if (!h || !in.has(data_size(*h, 8))) return std::nullopt;
  TzifZone zone;
  zone.transitions_.resize(h->timecnt);
  for (auto& t : zone.transitions_) t = static_cast<std::int64_t>(in.number(8));
  std::vector<std::uint8_t> types(h->timecnt);
  for (auto& type : types) type = static_cast<std::uint8_t>(in.number(1));
  std::vector<std::int32_t> type_offsets(h->typecnt);
  for (auto& offset : type_offsets) {
    offset = static_cast<std::int32_t>(static_cast<std::uint32_t>(in.number(4)));
    in.skip(2);  // isdst, the abbreviation's index
  }
  in.skip(h->charcnt + h->leapcnt * 12 + h->isstdcnt + h->isutcnt);
  if (!std::is_sorted(zone.transitions_.begin(), zone.transitions_.end())) return std::nullopt;
  // Before the first transition: time type 0 (RFC 8536 3.2).
  zone.offsets_.push_back(type_offsets[0]);
  for (const auto type : types) {
    if (type >= type_offsets.size()) return std::nullopt;
    zone.offsets_.push_back(type_offsets[type]);
  }
  // The footer: "\n" TZ string "\n".
  const std::string_view footer = in.rest();
  if (footer.size() >= 2 && footer.front() == '\n') {
    const auto end = footer.find('\n', 1);
    if (end != std::string_view::npos) zone.footer_ = std::string(footer.substr(1, end - 1));
  }
  return zone;
}

TzifZone::Span TzifZone::span(std::size_t index) const {
  return {offsets_[index], index == 0 ? kMin : transitions_[index - 1],
          index == transitions_.size() ? kMax : transitions_[index]};
}

std::size_t TzifZone::index_at(std::int64_t utc) const {
  return static_cast<std::size_t>(std::upper_bound(transitions_.begin(), transitions_.end(), utc) - transitions_.begin());
}

TzifZone::Span TzifZone::at(std::int64_t utc) const { return span(index_at(utc)); }

TzifZone::Local TzifZone::at_local(std::int64_t local) const {
  // Offsets are less than a day and transitions further apart: the spans that can hold
  // `local` are the one holding it read as UTC and its neighbours.
  const std::size_t guess = index_at(local);
  const std::size_t from = guess < 2 ? 0 : guess - 2;
  const std::size_t to = std::min(guess + 2, transitions_.size());
  std::vector<Span> holding;
  for (std::size_t i = from; i <= to; ++i) {
    const Span s = span(i);
    const std::int64_t utc = local - s.offset;
    if (utc >= s.begin && utc < s.end) holding.push_back(s);
  }
  if (holding.size() == 1) return {Local::unique, holding[0], holding[0]};
  if (holding.size() >= 2) return {Local::ambiguous, holding[0], holding[1]};
  // A gap: the last span whose local times end at or before `local`.
  for (std::size_t i = to; i-- > from;) {
    const Span before = span(i);
    if (before.end != kMax && local - before.offset >= before.end) return {Local::nonexistent, before, span(i + 1)};
  }
  const Span s = span(guess);
  return {Local::unique, s, s};
}

}  // namespace tally::domain
