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

tally::Engine open_engine(const Args& args) {
  tally::EngineOptions options;
  options.account = args.get("--account", options.account);
  return tally::Engine(tally::make_sqlite_store(args.get("--db", "tally.db")), options);
}

void print(const std::string& json) { std::printf("%s\n", json.c_str()); }

}  // namespace tally_cli
