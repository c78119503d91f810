// SPDX-License-Identifier: Apache-2.0
// How the command line prints what a query answers: a readable table by default, the
// engine's JSON document with --json, CSV rows with --csv (docs/cli.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

namespace tally_cli {

enum class Format { table, json, csv };

// One column of a table: its header and where its value is in a row (a JSON Pointer,
// "/unit_price"). Money columns are cents, shown in a table as dollars and cents.
struct Column {
  const char* header;
  const char* pointer;
  bool money = false;
  bool optional = false;  // shown only when some row has the member (a mode's own figures)
};

// Cents as a person reads them: "$12.99", "-$0.50".
std::string dollars(std::int64_t cents);
// Whether a document member holds cents, by the engine's names for them (unit_price,
// amount, value, ..._cents).
bool is_money(const std::string& member);

// The members the rows (objects) have, in the order first seen: their columns. Nested
// objects are left out, and lists too unless `with_lists` (a table shows their sizes).
std::vector<std::string> member_names(const boost::json::array& rows, bool with_lists);

// Rows (a JSON array of objects) in the format; with no columns given, every member that
// any row has, in the order first seen (an array member shows its item count).
void print_rows(const boost::json::value& rows, const std::vector<Column>& columns, Format format);
// One record (a JSON object): as a table, its plain members one per line and each member
// that holds rows as a table of its own; as JSON, the document.
void print_record(const boost::json::value& record, Format format);

}  // namespace tally_cli
