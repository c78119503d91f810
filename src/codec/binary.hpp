// SPDX-License-Identifier: Apache-2.0
// The primitives of the stored binary records: unsigned LEB128 varints, zigzag varints for
// signed numbers, and length-prefixed byte strings. A reader checks every length against
// what is left, so damaged bytes are storage_corrupt, never a read past the end.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "tally/error.hpp"

namespace tally::codec::bin {

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}

  void byte(std::uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void boolean(bool b) { byte(b ? 1 : 0); }
  void uvarint(std::uint64_t v) {
    while (v >= 0x80) {
      byte(static_cast<std::uint8_t>(v | 0x80));
      v >>= 7;
    }
    byte(static_cast<std::uint8_t>(v));
  }
  void varint(std::int64_t v) {
    uvarint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void str(std::string_view s) {
    uvarint(s.size());
    out_.append(s);
  }
  // 0 when absent; 1 and the value when present.
  void opt(const std::optional<std::int64_t>& v) {
    boolean(v.has_value());
    if (v) varint(*v);
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  // `what` names the record in errors (its key).
  Reader(std::string_view data, std::string_view what) : p_(data.data()), end_(data.data() + data.size()), what_(what) {}

  std::uint8_t byte() {
    if (p_ == end_) corrupt("ends early");
    return static_cast<std::uint8_t>(*p_++);
  }
  bool boolean() {
    const std::uint8_t b = byte();
    if (b > 1) corrupt("holds a flag that is neither 0 nor 1");
    return b == 1;
  }
  std::uint64_t uvarint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const std::uint8_t b = byte();
      if (shift == 63 && b > 1) break;
      v |= static_cast<std::uint64_t>(b & 0x7F) << shift;
      if (!(b & 0x80)) return v;
    }
    corrupt("holds a number longer than 64 bits");
  }
  std::int64_t varint() {
    const std::uint64_t z = uvarint();
    return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
  }
  // A number that must lie in [min, max].
  std::int64_t number(std::int64_t min, std::int64_t max) {
    const std::int64_t v = varint();
    if (v < min || v > max) corrupt("holds a number out of range");
    return v;
  }
  int small(int min, int max) { return static_cast<int>(number(min, max)); }
  std::string_view view() {
    const std::uint64_t n = uvarint();
    if (n > static_cast<std::uint64_t>(end_ - p_)) corrupt("holds a string longer than the record");
    std::string_view s(p_, static_cast<std::size_t>(n));
    p_ += n;
    return s;
  }
  std::string str() { return std::string(view()); }
  std::optional<std::int64_t> opt() {
    if (!boolean()) return std::nullopt;
    return varint();
  }
  // How many items follow; bounded by the bytes left, so a damaged count cannot make a
  // reader reserve gigabytes.
  std::size_t count() {
    const std::uint64_t n = uvarint();
    if (n > static_cast<std::uint64_t>(end_ - p_)) corrupt("holds a count larger than the record");
    return static_cast<std::size_t>(n);
  }
  bool done() const { return p_ == end_; }
  void end() const {
    if (p_ != end_) corrupt("has bytes after its last field");
  }
  [[noreturn]] void corrupt(const char* why) const {
    throw Error(ErrorCode::storage_corrupt, std::string(what_) + ": stored record " + why);
  }

 private:
  const char* p_;
  const char* end_;
  std::string_view what_;
};

}  // namespace tally::codec::bin
