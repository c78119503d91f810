// SPDX-License-Identifier: Apache-2.0
// The `tally` command line: a small host over the engine, with a SQLite database file.
// Usage: tally help
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "args.hpp"
#include "demo.hpp"
#include "tally/tally.hpp"

namespace {

using namespace tally_cli;

constexpr int kExitFailure = 1;   // something unexpected (a bug, out of memory)
constexpr int kExitUsage = 64;    // EX_USAGE
constexpr int kExitNoInput = 66;  // EX_NOINPUT: a file could not be read, a queried database is missing

// The exit status of an engine refusal: one per family of status codes (status_codes.def).
int exit_status(tally::ErrorCode code) {
  enum Family { ok, conflict, not_found, invalid_input, storage, storage_busy, unsupported, internal };
  constexpr int kStatus[] = {0, 2, 3, 4, 5, 6, 7, kExitFailure};
  switch (code) {
#define TALLY_STATUS(number, name, family, message) \
  case tally::ErrorCode::name:                      \
    return kStatus[family];
#include "tally/status_codes.def"
#undef TALLY_STATUS
  }
  return kExitFailure;
}

constexpr const char* kHelp = R"(usage: tally <command> [arguments] [options]

commands:
  demo [--data DIR]               five weeks of checkouts at two sample stores, then a
                                  summary; --db (default tally-demo.db) is replaced
  load-catalog FILE               add or replace catalog entities (docs/catalog.md)
  load-stores FILE                save locations, enrollments and customers from
                                  {"locations": [...], "enrollments": [...], "customers": [...]}
  checkout FILE                   finish the visit a checkout document describes
  cards CUSTOMER [--all]          the customer's open and completed cards (--all: history)
  rewards CUSTOMER LOCATION       completed cards waiting for their reward
  lines [--state S] [--partner P] credit lines, e.g. --state held --partner eastern
  journal [--after N] [--limit N] journal entries after seq N (default 0; limit 100)
  enroll LOCATION PROGRAM DISTRIBUTOR [ACCOUNT]
                                  enroll a location or change its partner; DISTRIBUTOR is
                                  a distributor id, temporary_holding, or - for programs
                                  that are not distributor fulfilled
  report KIND [--location L] [--from D] [--to D] [--manufacturer M] [--distributor D]
         [--programs all|frequent_buyer|offer] [--csv]
                                  a report (docs/reports.md): free_goods_credit_status,
                                  retailer_credit_batches, redemptions_by_date,
                                  participation or transactions; dates are YYYY-MM-DD and
                                  default to today at the location (--at sets "now")
  help                            this text

options:
  --db PATH|URI    the SQLite database (default tally.db), or a PostgreSQL database
                   as a postgresql://user@host/db URI (docs/postgresql.md)
  --account NAME   the retailer account inside the database (default "default")
  --synchronous M  SQLite durability: full (default; the demo: normal), normal, off, extra
  --at TIME        when a change happens: ISO 8601 ("2026-11-22T14:30:00Z") or Unix
                   seconds; default now (load-catalog, load-stores, enroll), or the
                   document's "at" (checkout)

  --version        the version of tally
  COMMAND --help   that command's usage (also: tally help COMMAND)

errors go to stderr as "tally: CODE: message" (CODE is the engine's status name) or
"tally: message".
exit status: 0 done; refused by the engine: 2 by the rules (not enrolled, limit reached,
wrong actor, ...), 3 something named does not exist, 4 bad input, 5 storage failed,
6 storage busy, 7 unsupported (a storage format this build does not read), 1 a bug;
64 usage error; 66 a file not readable, or a queried database that does not exist
(docs/cli.md)
)";

const std::set<std::string> kFlags = {"--all", "--csv", "--help", "--json", "--reverse", "--version"};  // options without a value

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    std::string word = argv[i];
    if (word.rfind("--", 0) != 0) {
      if (args.command.empty())
        args.command = word;
      else
        args.positional.push_back(word);
      continue;
    }
    std::string value;
    if (auto eq = word.find('='); eq != std::string::npos) {
      value = word.substr(eq + 1);
      word.resize(eq);
    } else if (!kFlags.count(word)) {
      if (i + 1 == argc) throw UsageError(word + " needs a value");
      value = argv[++i];
    }
    args.options[word] = value;
  }
  return args;
}

// ---------------------------------------------------------------------------------------
// Commands

const Command* command_named(const std::string& name);

int cmd_help(const Args& args) {
  if (!args.positional.empty()) {
    const Command* command = command_named(args.arg(0));
    if (!command) throw UsageError("unknown command '" + args.arg(0) + "'");
    std::printf("usage: tally %s\n\noptions for every command: --db PATH|URI, --account NAME, --synchronous MODE\n"
                "(tally help: what each does)\n", command->usage);
    return 0;
  }
  std::fputs(kHelp, stdout);
  std::fputs("\ncredit lines, batches, corrections, programs (--as retailer[:LOCATION] | distributor:ID |\n"
             "manufacturer:ID names who acts; default the retailer):\n", stdout);
  for (const Command& command : operation_commands()) std::printf("  %s\n", command.usage);
  return 0;
}

int cmd_demo(const Args& args) {
  tally_cli::DemoOptions options;
  options.db_path = args.get("--db", options.db_path);
  options.data_dir = args.get("--data");
  options.account = args.get("--account", options.account);
  options.sqlite = tally_cli::sqlite_options(args, options.sqlite.synchronous);
  return tally_cli::run_demo(options);
}

int cmd_load_catalog(const Args& args) {
  const std::string json = tally_cli::read_text_file(args.arg(0));
  tally::Engine engine = open_engine(args);
  print(tally::to_json(engine.load_catalog(json, when(args))));
  return 0;
}

int cmd_load_stores(const Args& args) {
  const std::string json = tally_cli::read_text_file(args.arg(0));
  tally::Engine engine = open_engine(args);
  const tally_cli::StoresSummary loaded = tally_cli::load_stores(engine, json, when(args));
  std::printf("{\"locations\":%d,\"enrollments\":%d,\"customers\":%d}\n", loaded.locations,
              loaded.enrollments, loaded.customers);
  return 0;
}

// The document's "at" is the visit's time; --at overrides it.
int cmd_checkout(const Args& args) {
  tally::CheckoutDocument document =
      tally::checkout_document_from_json(tally_cli::read_text_file(args.arg(0)));
  if (args.has("--at") || document.open.at == 0) document.open.at = when(args);
  tally::Engine engine = open_engine(args);
  print(tally::to_json(tally::run_checkout(engine, document)));
  return 0;
}

int cmd_cards(const Args& args) {
  tally::Engine engine = open_engine(args);
  print(tally::to_json(engine.cards(args.arg(0), args.has("--all"))));
  return 0;
}

int cmd_rewards(const Args& args) {
  tally::Engine engine = open_engine(args);
  print(tally::to_json(engine.rewards(args.arg(0), args.arg(1))));
  return 0;
}

int cmd_lines(const Args& args) {
  tally::Engine engine = open_engine(args);
  print(tally::to_json(engine.credit_lines(args.get("--state"), args.get("--partner"))));
  return 0;
}

int cmd_journal(const Args& args) {
  const std::int64_t after = whole_number(args, "--after", 0);
  const auto limit = static_cast<std::size_t>(whole_number(args, "--limit", 100));
  tally::Engine engine = open_engine(args);
  print(tally::to_json(follow_journal(engine, after, limit)));
  return 0;
}

int cmd_enroll(const Args& args) {
  tally::Enrollment enrollment;
  enrollment.location_id = args.arg(0);
  enrollment.program_id = args.arg(1);
  enrollment.distributor_id = args.arg(2) == "-" ? std::string() : args.arg(2);
  enrollment.account_number = args.positional.size() > 3 ? args.arg(3) : std::string();
  tally::Engine engine = open_engine(args);
  const tally::EnrollmentChange change = engine.enroll(enrollment, when(args));
  std::printf("{\"enrollment\":%s,\"released_lines\":%d}\n",
              tally::to_json(change.enrollment).c_str(), change.released_lines);
  return 0;
}

int cmd_report(const Args& args) {
  boost::json::object query;
  for (std::string name : {"location", "from", "to", "manufacturer", "distributor", "programs"})
    if (args.has("--" + name)) query[name] = args.get("--" + name);
  if (args.has("--csv")) query["format"] = "csv";
  tally::Engine engine = open_engine(args);
  const std::string out = engine.report(args.arg(0), boost::json::serialize(query), when(args));
  if (args.has("--csv")) std::fputs(out.c_str(), stdout);
  else print(out);
  return 0;
}

// ---------------------------------------------------------------------------------------
// Dispatch

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"demo", "demo [--data DIR] [--db PATH]", 0, 0, {"--data"}, cmd_demo},
      {"load-catalog", "load-catalog FILE", 1, 1, {"--at"}, cmd_load_catalog},
      {"load-stores", "load-stores FILE", 1, 1, {"--at"}, cmd_load_stores},
      {"checkout", "checkout FILE", 1, 1, {"--at"}, cmd_checkout},
      {"cards", "cards CUSTOMER [--all]", 1, 1, {"--all"}, cmd_cards},
      {"rewards", "rewards CUSTOMER LOCATION", 2, 2, {}, cmd_rewards},
      {"lines", "lines [--state S] [--partner P]", 0, 0, {"--state", "--partner"}, cmd_lines},
      {"journal", "journal [--after N] [--limit N]", 0, 0, {"--after", "--limit"}, cmd_journal},
      {"enroll", "enroll LOCATION PROGRAM DISTRIBUTOR [ACCOUNT]", 3, 4, {"--at"}, cmd_enroll},
      {"report",
       "report KIND [--location L] [--from D] [--to D] [--manufacturer M] [--distributor D] "
       "[--programs all|frequent_buyer|offer] [--csv]",
       1, 1, {"--location", "--from", "--to", "--manufacturer", "--distributor", "--programs", "--csv", "--at"},
       cmd_report},
      {"help", "help [COMMAND]", 0, 1, {}, cmd_help},
  };
  return all;
}

const Command* command_named(const std::string& name) {
  for (const auto* table : {&commands(), &operation_commands()})
    for (const Command& command : *table)
      if (name == command.name) return &command;
  return nullptr;
}

const Command& find_command(const Args& args) {
  if (args.command.empty()) throw UsageError("which command? e.g. tally demo");
  const std::string name = args.command == "-h" ? "help" : args.command;
  if (const Command* command = command_named(name)) return *command;
  throw UsageError("unknown command '" + name + "'");
}

void check_usage(const Command& command, const Args& args) {
  const std::string usage = std::string("usage: tally ") + command.usage;
  if (args.positional.size() < command.min_args || args.positional.size() > command.max_args)
    throw UsageError(usage);
  for (const auto& [name, value] : args.options)
    if (name != "--db" && name != "--account" && name != "--synchronous" && !command.options.count(name))
      throw UsageError(name + " does not apply here; " + usage);
}

int run(int argc, char** argv) {
  Args args = parse_args(argc, argv);
  if (args.has("--version") || args.command == "version") {
    std::printf("tally %s\n", TALLY_VERSION_STRING);
    return 0;
  }
  if (args.has("--help")) {
    // tally COMMAND --help: that command's usage; tally --help: everything.
    if (!args.command.empty() && args.command != "help") args.positional = {args.command};
    return cmd_help(args);
  }
  const Command& command = find_command(args);
  check_usage(command, args);
  return command.run(args);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "tally: %s\n(run 'tally help' for the commands)\n", e.what());
    return kExitUsage;
  } catch (const tally_cli::FileError& e) {
    std::fprintf(stderr, "tally: %s\n", e.what());
    return kExitNoInput;
  } catch (const tally::Error& e) {
    std::fprintf(stderr, "tally: %s: %s\n", tally::error_code_name(e.code()), e.what());
    return exit_status(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tally: %s\n", e.what());
    return kExitFailure;
  }
}
