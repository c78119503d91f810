// SPDX-License-Identifier: Apache-2.0
// The helpers every subcommand shares.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iterator>

#include <boost/json/parse.hpp>

#include "args.hpp"

namespace tally_cli {

std::int64_t whole_number(const Args& args, const std::string& name, std::int64_t fallback) {
  if (!args.has(name)) return fallback;
  const std::string text = args.get(name);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0)
    throw UsageError(name + ": '" + text + "' is not a whole number");
  return value;
}

// The time of a change: --at, or the system clock (the command line is the host here).
tally::Timestamp when(const Args& args) {
  if (args.has("--at")) return tally::parse_timestamp(args.get("--at"));
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

tally::SqliteOptions sqlite_options(const Args& args, tally::Synchronous fallback) {
  tally::SqliteOptions options;
  options.synchronous = fallback;
  if (!args.has("--synchronous")) return options;
  const std::string name = args.get("--synchronous");
  if (name == "off") options.synchronous = tally::Synchronous::off;
  else if (name == "normal") options.synchronous = tally::Synchronous::normal;
  else if (name == "full") options.synchronous = tally::Synchronous::full;
  else if (name == "extra") options.synchronous = tally::Synchronous::extra;
  else throw UsageError("--synchronous: '" + name + "' is not off, normal, full or extra");
  return options;
}

bool is_postgres(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

namespace {

// Removes every key of one account (a shared database keeps the other accounts' data).
void clear_account(tally::Store& store, const std::string& account) {
  auto check = [&](tally::StoreStatus s) {
    if (s != tally::StoreStatus::ok)
      throw tally::Error(tally::ErrorCode::storage_failed, "clearing account " + account + ": " + store.last_error());
  };
  check(store.begin(tally::TxnMode::write));
  std::vector<std::string> keys;
  check(store.scan(account + "/", account + "0", [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  }));
  for (const auto& key : keys) check(store.remove(key));
  check(store.commit());
}

}  // namespace

std::unique_ptr<tally::Store> open_store(const std::string& db, const tally::SqliteOptions& sqlite,
                                         const std::string& fresh_account) {
  if (is_postgres(db)) {
    auto store = tally::make_postgres_store(db);
    if (!fresh_account.empty()) clear_account(*store, fresh_account);
    return store;
  }
  if (!fresh_account.empty() && db != ":memory:")
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(utf8_path(db + suffix));
  return tally::make_sqlite_store(db, sqlite);
}

namespace {

// The commands that never create a database: those that only read, and clearing a billing
// flag (there is none to clear in a new database).
bool is_query(const Args& args) {
  const Command& c = *args.command;
  return c.answer != Answer::change || (std::string(c.name) == "billing" && args.positional.size() == 1);
}

}  // namespace

tally::Engine open_engine(const Args& args) {
  tally::EngineOptions options;
  options.account = args.get("--account", options.account);
  const std::string db = args.get("--db", "tally.db");
  if (is_query(args) && !is_postgres(db) && db != ":memory:" && !std::filesystem::exists(utf8_path(db)))
    throw FileError("no database at '" + db + "' (only commands that change something create one)");
  return tally::Engine(open_store(db, sqlite_options(args, tally::Synchronous::full)), options);
}

std::vector<tally::JournalEntry> follow_journal(tally::Engine& engine, std::int64_t after, std::size_t limit) {
  std::vector<tally::JournalEntry> entries;
  while (entries.size() < limit) {
    auto page = engine.journal(after, std::min<std::size_t>(limit - entries.size(), 1000));
    if (page.empty()) break;
    after = page.back().seq;
    entries.insert(entries.end(), std::make_move_iterator(page.begin()), std::make_move_iterator(page.end()));
  }
  return entries;
}

void print(const std::string& json) { std::printf("%s\n", json.c_str()); }

int show_rows(const Args& args, const std::string& document, const std::vector<Column>& columns) {
  print_rows(boost::json::parse(document), columns, args.format());
  return 0;
}

int show_record(const Args& args, const std::string& document) {
  print_record(boost::json::parse(document), args.format());
  return 0;
}

}  // namespace tally_cli
