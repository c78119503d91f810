// The helpers every subcommand shares.
#include <charconv>
#include <chrono>
#include <cstdio>

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

tally::Engine open_engine(const Args& args) {
  tally::EngineOptions options;
  options.account = args.get("--account", options.account);
  return tally::Engine(tally::make_sqlite_store(args.get("--db", "tally.db"),
                                                sqlite_options(args, tally::Synchronous::full)),
                       options);
}

void print(const std::string& json) { std::printf("%s\n", json.c_str()); }

}  // namespace tally_cli
