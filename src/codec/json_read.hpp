// SPDX-License-Identifier: Apache-2.0
// Reading JSON documents with errors that name the path at fault.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "tally/error.hpp"
#include "tally/limits.hpp"
#include "tally/types.hpp"

namespace tally::codec {

namespace json = boost::json;

// Parses a document from the host. Over `max_bytes` it is refused (invalid_argument
// "<name>: N bytes; at most M") before a byte of it is parsed; a syntax error, or nesting
// deeper than limits::kDepth, is malformed_json with the byte offset where parsing stopped.
json::value parse_document(std::string_view text, std::size_t max_bytes = limits::kDocumentBytes,
                           std::string_view name = "json");
// Parses a record read back from the store; a syntax error is `code`.
json::value parse_json(std::string_view text, ErrorCode code);
std::string serialize(const json::value& value);
// Objects and arrays as they are: through the value overload they would be copied whole first.
std::string serialize(const json::object& object);
std::string serialize(const json::array& array);

// A view of one JSON object at a path, such as "programs[2].cards[0]". Every accessor
// throws tally::Error(code) with a message "<path>.<key>: <why>". In a document from the
// host (any code but storage_corrupt) a string is at most `max` bytes (limits::kTextBytes
// unless the accessor says otherwise); records read back from the store are not capped.
class Reader {
 public:
  Reader(const json::value& value, std::string path, ErrorCode code);

  const std::string& path() const { return path_; }
  std::string field(std::string_view key) const;
  bool has(std::string_view key) const;

  std::string str(std::string_view key, std::size_t max = limits::kTextBytes) const;  // required, non-empty
  std::string str_or(std::string_view key, std::string fallback = {}, std::size_t max = limits::kTextBytes) const;
  // An id: a string of at most `max` bytes (limits::kIdBytes), required or not.
  std::string id(std::string_view key, std::size_t max = limits::kIdBytes) const { return str(key, max); }
  std::string id_or(std::string_view key, std::size_t max = limits::kIdBytes) const { return str_or(key, {}, max); }
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::int64_t integer_or(std::string_view key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max) const;
  std::optional<std::int64_t> opt_integer(std::string_view key, std::int64_t min,
                                          std::int64_t max) const;
  // A whole number in [min, max] whose range failures (any integer outside, however large)
  // are `range` ("must be between min and max"), as a quantity or a price: only a value
  // that is not a JSON integer is the reader's code.
  std::optional<std::int64_t> opt_integer(std::string_view key, std::int64_t min, std::int64_t max,
                                          ErrorCode range) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  Timestamp timestamp(std::string_view key) const;
  std::optional<Timestamp> opt_timestamp(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key, bool required, std::size_t max = limits::kTextBytes) const;
  // The array at key (empty when absent and not required).
  const json::array& array(std::string_view key, bool required) const;
  Reader object(std::string_view key) const;
  Reader element(const json::array& array, std::size_t index, std::string_view key) const;
  // Refuses keys not in the list, so a misspelt field is not silently ignored.
  void only(std::initializer_list<std::string_view> keys) const;

  [[noreturn]] void fail(std::string_view key, const std::string& why) const;
  [[noreturn]] void fail(ErrorCode code, std::string_view key, const std::string& why) const;

 private:
  const json::value* get(std::string_view key) const;
  // The string `value` (at `key`), refused over `max` bytes in a document from the host.
  std::string string_at(const json::value& value, const std::string& key, std::size_t max) const;
  const json::object* object_;
  std::string path_;
  ErrorCode code_;
};

Timestamp timestamp_from(const json::value& value, const std::string& field, ErrorCode code);

}  // namespace tally::codec
