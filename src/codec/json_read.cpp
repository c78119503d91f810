// SPDX-License-Identifier: Apache-2.0
#include "codec/json_read.hpp"

#include <boost/json.hpp>

#include "domain/time.hpp"

namespace tally::codec {

json::value parse_json(std::string_view text, ErrorCode code) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = limits::kDepth;
  json::stream_parser parser({}, options);
  std::size_t used = parser.write_some(text.data(), text.size(), ec);
  if (!ec) parser.finish(ec);
  if (ec)
    throw Error(code, "JSON syntax error at byte " + std::to_string(used) + ": " + ec.message());
  return parser.release();
}

json::value parse_document(std::string_view text, std::size_t max_bytes, std::string_view name) {
  limits::check_size(text.size(), max_bytes, name);
  return parse_json(text, ErrorCode::malformed_json);
}

std::string serialize(const json::value& value) { return json::serialize(value); }
std::string serialize(const json::object& object) { return json::serialize(object); }
std::string serialize(const json::array& array) { return json::serialize(array); }

Reader::Reader(const json::value& value, std::string path, ErrorCode code)
    : object_(value.if_object()), path_(std::move(path)), code_(code) {
  if (!object_) throw Error(code_, (path_.empty() ? std::string("document") : path_) + ": must be an object");
}

std::string Reader::field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void Reader::fail(std::string_view key, const std::string& why) const { fail(code_, key, why); }

void Reader::fail(ErrorCode code, std::string_view key, const std::string& why) const {
  throw Error(code, (key.empty() ? path_ : field(key)) + ": " + why);
}

const json::value* Reader::get(std::string_view key) const {
  const json::value* v = object_->if_contains(key);
  return (v && !v->is_null()) ? v : nullptr;
}

bool Reader::has(std::string_view key) const { return get(key) != nullptr; }

std::string Reader::string_at(const json::value& value, const std::string& key, std::size_t max) const {
  if (!value.is_string()) fail(key, "must be a string");
  const std::string_view s = value.get_string();
  if (code_ != ErrorCode::storage_corrupt) limits::check_length(s, max, field(key), code_);
  return std::string(s);
}

std::string Reader::str(std::string_view key, std::size_t max) const {
  std::string s = str_or(key, {}, max);
  if (s.empty()) fail(key, "is required");
  return s;
}

std::string Reader::str_or(std::string_view key, std::string fallback, std::size_t max) const {
  const json::value* v = get(key);
  if (!v) return fallback;
  return string_at(*v, std::string(key), max);
}

std::optional<std::int64_t> Reader::opt_integer(std::string_view key, std::int64_t min,
                                                std::int64_t max) const {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  // Only JSON integers: a double (1e0, 2.5, 1e400) is refused, never converted, so no value
  // is rounded and none overflows the cast.
  std::int64_t n = 0;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64()) fail(key, "must be <= " + std::to_string(max));
  else fail(key, "must be a whole number (digits only, no fraction or exponent)");
  if (n < min) fail(key, "must be >= " + std::to_string(min));
  if (n > max) fail(key, "must be <= " + std::to_string(max));
  return n;
}

std::optional<std::int64_t> Reader::opt_integer(std::string_view key, std::int64_t min, std::int64_t max,
                                                ErrorCode range) const {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_int64() && !v->is_uint64()) return opt_integer(key, min, max);  // the type's error
  if (code_ == ErrorCode::storage_corrupt) range = code_;
  if (v->is_uint64() || v->get_int64() < min || v->get_int64() > max)
    fail(range, key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
  return v->get_int64();
}

std::int64_t Reader::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  auto n = opt_integer(key, min, max);
  if (!n) fail(key, "is required");
  return *n;
}

std::int64_t Reader::integer_or(std::string_view key, std::int64_t fallback, std::int64_t min,
                                std::int64_t max) const {
  return opt_integer(key, min, max).value_or(fallback);
}

bool Reader::boolean_or(std::string_view key, bool fallback) const {
  const json::value* v = get(key);
  if (!v) return fallback;
  if (!v->is_bool()) fail(key, "must be true or false");
  return v->get_bool();
}

Timestamp timestamp_from(const json::value& value, const std::string& field, ErrorCode code) {
  if (value.is_int64()) {
    try {
      return domain::check_timestamp(value.get_int64(), field);
    } catch (const Error& e) {
      throw Error(code, e.what());
    }
  }
  if (value.is_uint64()) throw Error(code, field + ": " + std::to_string(value.get_uint64()) + " is out of range");
  if (value.is_string()) {
    const auto& s = value.get_string();
    try {
      return domain::parse_iso8601(std::string_view(s.data(), s.size()), field);
    } catch (const Error& e) {
      throw Error(code, e.what());
    }
  }
  throw Error(code, field + ": must be Unix seconds or an ISO 8601 timestamp");
}

std::optional<Timestamp> Reader::opt_timestamp(std::string_view key) const {
  const json::value* v = get(key);
  if (!v) return std::nullopt;
  return timestamp_from(*v, field(key), code_);
}

Timestamp Reader::timestamp(std::string_view key) const {
  auto t = opt_timestamp(key);
  if (!t) fail(key, "is required");
  return *t;
}

const json::array& Reader::array(std::string_view key, bool required) const {
  static const json::array empty;
  const json::value* v = get(key);
  if (!v) {
    if (required) fail(key, "is required");
    return empty;
  }
  if (!v->is_array()) fail(key, "must be an array");
  return v->get_array();
}

std::vector<std::string> Reader::strings(std::string_view key, bool required, std::size_t max) const {
  const json::array& a = array(key, required);
  if (required && a.empty()) fail(key, "must not be empty");
  std::vector<std::string> out;
  out.reserve(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out.push_back(string_at(a[i], std::string(key) + "[" + std::to_string(i) + "]", max));
  return out;
}

Reader Reader::object(std::string_view key) const {
  const json::value* v = get(key);
  if (!v) fail(key, "is required");
  return Reader(*v, field(key), code_);
}

Reader Reader::element(const json::array& array, std::size_t index, std::string_view key) const {
  return Reader(array[index], field(key) + "[" + std::to_string(index) + "]", code_);
}

void Reader::only(std::initializer_list<std::string_view> keys) const {
  for (const auto& entry : *object_) {
    bool known = false;
    for (auto k : keys) known = known || k == entry.key();
    // An over-long key is named by its first bytes only.
    if (!known) fail(entry.key().size() <= limits::kIdBytes ? std::string(entry.key()) : limits::quoted(entry.key()),
                     "is not a known field");
  }
}

}  // namespace tally::codec
