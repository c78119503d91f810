// SPDX-License-Identifier: Apache-2.0
// Tables, CSV and JSON for what the queries answer.
#include "output.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>

#include <boost/json.hpp>

#include "codec/csv.hpp"
#include "tally/json.hpp"

namespace tally_cli {

namespace json = boost::json;

std::string dollars(std::int64_t cents) {
  char buffer[32];
  const unsigned long long magnitude = cents < 0 ? 0ULL - static_cast<unsigned long long>(cents) : static_cast<unsigned long long>(cents);
  std::snprintf(buffer, sizeof buffer, "%s$%llu.%02llu", cents < 0 ? "-" : "", magnitude / 100, magnitude % 100);
  return buffer;
}

std::vector<std::string> member_names(const json::array& rows, bool with_lists) {
  std::vector<std::string> names;
  for (const auto& row : rows)
    if (row.is_object())
      for (const auto& member : row.get_object())
        if (!member.value().is_object() && (with_lists || !member.value().is_array()) &&
            std::find(names.begin(), names.end(), member.key()) == names.end())
          names.emplace_back(member.key());
  return names;
}

bool is_money(const std::string& member) {
  return member == "unit_price" || member == "amount" || member == "credited_amount" || member == "value" ||
         (member.size() > 6 && member.compare(member.size() - 6, 6, "_cents") == 0);
}

namespace {

// Columns a terminal shows for a UTF-8 string: one per code point (no East Asian widths).
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

// Members that hold Unix seconds: "at" and "..._at".
bool is_time(const std::string& name) {
  return name == "at" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_at") == 0);
}

enum class Unit { none, cents, seconds };

Unit unit_of(const std::string& name) {
  return is_money(name) ? Unit::cents : is_time(name) ? Unit::seconds : Unit::none;
}

// A value as one cell: text as it is, numbers in decimal, an array by its item count, an
// object as JSON. A table shows cents as dollars and Unix seconds as ISO 8601 (UTC); CSV
// keeps the engine's numbers.
std::string cell(const json::value* v, Unit unit, Format format) {
  if (!v || v->is_null()) return "";
  if (format == Format::table && v->is_int64() && unit == Unit::cents) return dollars(v->get_int64());
  if (format == Format::table && v->is_int64() && unit == Unit::seconds && v->get_int64() > 0)
    return tally::format_timestamp(v->get_int64());
  switch (v->kind()) {
    case json::kind::string: return std::string(v->get_string());
    case json::kind::bool_: return v->get_bool() ? "true" : "false";
    case json::kind::int64: return std::to_string(v->get_int64());
    case json::kind::uint64: return std::to_string(v->get_uint64());
    case json::kind::array: return std::to_string(v->get_array().size());
    default: return json::serialize(*v);
  }
}

bool numeric(const json::value* v) { return v && (v->is_int64() || v->is_uint64() || v->is_double()); }

bool is_rows(const json::value& v) {
  if (!v.is_array() || v.get_array().empty()) return false;
  return std::all_of(v.get_array().begin(), v.get_array().end(), [](const json::value& row) { return row.is_object(); });
}


void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& cells,
                 const std::vector<bool>& right) {
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    widths[c] = width(headers[c]);
    for (const auto& row : cells) widths[c] = std::max(widths[c], width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& fields, bool header) {
    std::string out;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::string pad(widths[c] - width(fields[c]), ' ');
      if (c) out += "  ";
      if (right[c] && !header) out += pad + fields[c];
      else out += c + 1 == fields.size() ? fields[c] : fields[c] + pad;
    }
    std::printf("%s\n", out.c_str());
  };
  line(headers, true);
  std::vector<std::string> rule;
  for (std::size_t w : widths) rule.emplace_back(w, '-');
  line(rule, true);
  for (const auto& row : cells) line(row, false);
}

}  // namespace

void print_rows(const json::value& rows, const std::vector<Column>& columns, Format format) {
  if (format == Format::json) {
    std::printf("%s\n", json::serialize(rows).c_str());
    return;
  }
  const json::array empty;
  const json::array& items = rows.is_array() ? rows.get_array() : empty;
  std::vector<Column> chosen = columns;
  std::vector<std::string> inferred;
  if (chosen.empty()) {
    inferred = member_names(items, true);
    for (auto& name : inferred) name = "/" + name;
    for (const auto& pointer : inferred) chosen.push_back({pointer.c_str() + 1, pointer.c_str()});
  }
  std::erase_if(chosen, [&](const Column& c) {
    return c.optional && std::none_of(items.begin(), items.end(), [&](const json::value& row) {
             std::error_code missing;
             return row.find_pointer(c.pointer, missing) != nullptr;
           });
  });
  std::vector<std::string> headers;
  for (const auto& c : chosen) headers.emplace_back(c.header);
  std::vector<std::vector<std::string>> cells;
  std::vector<bool> right(chosen.size(), false);
  for (const auto& row : items) {
    std::vector<std::string> fields;
    for (std::size_t c = 0; c < chosen.size(); ++c) {
      std::error_code missing;
      const json::value* v = row.find_pointer(chosen[c].pointer, missing);
      right[c] = right[c] || numeric(v) || (v && v->is_array());
      const std::string member = std::string(chosen[c].pointer).substr(1);
      fields.push_back(cell(v, chosen[c].money ? Unit::cents : unit_of(member), format));
    }
    cells.push_back(std::move(fields));
  }
  if (format == Format::csv) {
    std::string out;
    tally::codec::csv_row(out, headers);
    for (const auto& row : cells) tally::codec::csv_row(out, row);
    std::fputs(out.c_str(), stdout);
    return;
  }
  if (items.empty()) {
    std::printf("(none)\n");
    return;
  }
  print_table(headers, cells, right);
}

void print_record(const json::value& record, Format format) {
  if (format == Format::json || !record.is_object()) {
    std::printf("%s\n", json::serialize(record).c_str());
    return;
  }
  const json::object& object = record.get_object();
  std::size_t name_width = 0;
  for (const auto& member : object)
    if (!is_rows(member.value())) name_width = std::max(name_width, width(std::string(member.key())));
  for (const auto& member : object) {
    if (is_rows(member.value())) continue;
    const std::string name(member.key());
    std::printf("%s%s  %s\n", name.c_str(), std::string(name_width - width(name), ' ').c_str(),
                cell(&member.value(), unit_of(name), format).c_str());
  }
  for (const auto& member : object) {
    if (!is_rows(member.value())) continue;
    std::printf("\n%s:\n", std::string(member.key()).c_str());
    print_rows(member.value(), {}, format);
  }
}

}  // namespace tally_cli
