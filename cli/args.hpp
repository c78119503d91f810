// SPDX-License-Identifier: Apache-2.0
// What the command line's subcommands share: parsed arguments, the engine, the clock.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "output.hpp"
#include "tally/tally.hpp"

namespace tally_cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A file that could not be read, or a database a query names that does not exist; the
// command line exits with status 66.
struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Command;

struct Args {
  const Command* command = nullptr;
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // "--db" -> "x.db"; flags map to ""

  bool has(const std::string& name) const { return options.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = {}) const {
    auto it = options.find(name);
    return it == options.end() ? fallback : it->second;
  }
  const std::string& arg(std::size_t index) const { return positional.at(index); }
  // --json or --csv, else a table.
  Format format() const { return has("--json") ? Format::json : has("--csv") ? Format::csv : Format::table; }
};

// What a command answers, which decides how it prints and whether it may create a database.
enum class Answer {
  change,  // it writes (and may create the database); prints the engine's answer as JSON
  rows,    // a query answering rows: a table, --json or --csv
  record,  // a query answering one record: a table of its members, or --json
};

struct Command {
  const char* name;
  const char* arguments;             // "CUSTOMER LOCATION [ACCOUNT]", "INDEX..." (one or more)
  std::vector<const char*> options;  // "--note TEXT" takes a value, "--all" is a flag
  const char* summary;
  int (*run)(const Args&);
  Answer answer = Answer::change;
};

// A path given in UTF-8, as every argument is (tally.exe's manifest makes UTF-8 its code
// page), for std::filesystem, which reads a plain string otherwise on Windows; and back.
inline std::filesystem::path utf8_path(const std::string& text) {
  return std::filesystem::path(std::u8string(text.begin(), text.end()));
}
inline std::string utf8_string(const std::filesystem::path& path) {
  const std::u8string text = path.u8string();
  return std::string(text.begin(), text.end());
}

// Parsed whole number option (>= 0), or the fallback when absent.
std::int64_t whole_number(const Args& args, const std::string& name, std::int64_t fallback);
// The time of a change: --at, or the system clock (the command line is the host here).
tally::Timestamp when(const Args& args);
// --synchronous off|normal|full|extra, else the fallback.
tally::SqliteOptions sqlite_options(const Args& args, tally::Synchronous fallback);
// Whether --db names a PostgreSQL database (postgresql://... or postgres://...).
bool is_postgres(const std::string& db);
// The store --db names: a PostgreSQL URI (postgresql://... or postgres://...), else a SQLite
// file. With fresh_account, that account starts empty (a SQLite file is deleted first).
std::unique_ptr<tally::Store> open_store(const std::string& db, const tally::SqliteOptions& sqlite,
                                         const std::string& fresh_account = {});
tally::Engine open_engine(const Args& args);
// The journal after `after` as a follower reads it (answers until an empty one), at most `limit`.
std::vector<tally::JournalEntry> follow_journal(tally::Engine& engine, std::int64_t after,
                                                std::size_t limit = SIZE_MAX);
void print(const std::string& json);
// A query's answer (a JSON document from the engine) in the format the arguments ask for.
int show_rows(const Args& args, const std::string& document, const std::vector<Column>& columns = {});
int show_record(const Args& args, const std::string& document);

// The lifecycle, correction, program and Command Center commands (operations.cpp).
const std::vector<Command>& operation_commands();
// Prints a Command Center document readably.
void print_command_center(const std::string& document);
// `tally import FILE` (import.cpp).
int import_receipts(const Args& args);

}  // namespace tally_cli
