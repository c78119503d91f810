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
#include "tally/types.hpp"

namespace tally::codec {

namespace json = boost::json;

// Parses text; a syntax error is `code` with the byte offset where parsing stopped.
json::value parse_json(std::string_view text, ErrorCode code = ErrorCode::malformed_json);
std::string serialize(const json::value& value);

// A view of one JSON object at a path, such as "programs[2].cards[0]". Every accessor
// throws tally::Error(code) with a message "<path>.<key>: <why>".
class Reader {
 public:
  Reader(const json::value& value, std::string path, ErrorCode code);

  const std::string& path() const { return path_; }
  std::string field(std::string_view key) const;
  bool has(std::string_view key) const;

  std::string str(std::string_view key) const;  // required, non-empty
  std::string str_or(std::string_view key, std::string fallback = {}) const;
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::int64_t integer_or(std::string_view key, std::int64_t fallback, std::int64_t min,
                          std::int64_t max) const;
  std::optional<std::int64_t> opt_integer(std::string_view key, std::int64_t min,
                                          std::int64_t max) const;
  bool boolean_or(std::string_view key, bool fallback) const;
  Timestamp timestamp(std::string_view key) const;
  std::optional<Timestamp> opt_timestamp(std::string_view key) const;
  std::vector<std::string> strings(std::string_view key, bool required) const;
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
  const json::object* object_;
  std::string path_;
  ErrorCode code_;
};

Timestamp timestamp_from(const json::value& value, const std::string& field, ErrorCode code);

}  // namespace tally::codec
