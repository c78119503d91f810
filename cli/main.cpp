// SPDX-License-Identifier: Apache-2.0
// The `tally` command line: a small host over the engine, with a SQLite database file.
// Arguments are parsed by CLI11 from one table of commands. Usage: tally help
#include <cstdint>
#include <cstdio>
#include <deque>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "args.hpp"
#include "demo.hpp"
#include "html.hpp"
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

constexpr const char* kExitStatuses = R"(
Every command takes --db PATH|URI (a SQLite file, default tally.db, or a postgresql:// URI),
--account NAME (default "default"), --synchronous full|normal|off|extra (SQLite durability,
default full) and --json. Queries print a table; --json prints the engine's JSON document,
--csv (where rows are printed) CSV. Commands that change something print the engine's
answer as JSON. `tally COMMAND --help` shows one command.

errors go to stderr as "tally: CODE: message" (CODE is the engine's status name) or
"tally: message"; with --json as one JSON document {"error": {...}}.
exit status: 0 done; refused by the engine: 2 by the rules (not enrolled, limit reached,
wrong actor, ...), 3 something named does not exist, 4 bad input, 5 storage failed,
6 storage busy, 7 unsupported (a storage format this build does not read), 1 a bug;
64 usage error; 65 an import refused some of its lines (the rest are stored);
66 a file not readable, or a queried database that does not exist (docs/cli.md)
)";

// What an option's value is, for every command's help.
const std::map<std::string, std::string>& option_help() {
  static const std::map<std::string, std::string> all = {
      {"--at", "when the change happens: ISO 8601 (2026-11-22T14:30:00Z) or Unix seconds; default now"},
      {"--as", "who acts: retailer[:LOCATION] (default), distributor:ID or manufacturer:ID"},
      {"--all", "the whole history, redeemed cards included"},
      {"--state", "only lines in this state: new, batched, credited, reconciled, declined, held, ..."},
      {"--partner", "only this partner's (a distributor or manufacturer id)"},
      {"--after", "entries after this one: a journal seq, a points history entry (default 0)"},
      {"--limit", "at most this many entries (default 100)"},
      {"--locations", "only these locations, comma-separated"},
      {"--stream", "free_goods (default) or rebates"},
      {"--memo", "the credit memo's number"},
      {"--amount", "the credit memo's amount in cents"},
      {"--note", "a note kept with the change"},
      {"--batches", "the batches claimed, comma-separated (default every credited one)"},
      {"--reselect", "the free item chosen instead"},
      {"--price", "the chosen item's shelf price in cents"},
      {"--reverse", "take the reward back entirely: the card is complete again"},
      {"--data", "the folder with catalog.json and stores.json (default the sample data)"},
      {"--location", "the location the report is about"},
      {"--from", "first business date, YYYY-MM-DD (default today at the location)"},
      {"--to", "last business date, YYYY-MM-DD (default today at the location)"},
      {"--manufacturer", "only this manufacturer's programs"},
      {"--distributor", "only this distributor's lines"},
      {"--programs", "all (default), frequent_buyer, offer or coupon"},
      {"--html", "also write a self-contained HTML page to this file"},
      {"--stop-on-error", "stop at the first refused line instead of going on"},
      {"--csv", "CSV rows instead of a table"},
      {"--count", "how many vouchers the engine numbers itself"},
      {"--ids", "the brand's own voucher ids, comma-separated"},
  };
  return all;
}

// ---------------------------------------------------------------------------------------
// Commands

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
  return show_rows(args, tally::to_json(open_engine(args).cards(args.arg(0), args.has("--all"))),
                   {{"card", "/number"}, {"program", "/program"}, {"type", "/card"}, {"status", "/status"},
                    {"punches", "/punch_count"}, {"of", "/required"}, {"opened", "/opened_at"},
                    {"cash back", "/cash_back", true, true}, {"uses left", "/pass_uses_left", false, true}});
}

int cmd_rewards(const Args& args) {
  return show_rows(args, tally::to_json(open_engine(args).rewards(args.arg(0), args.arg(1))),
                   {{"card", "/card_number"}, {"program", "/program_name"}, {"type", "/card_name"},
                    {"quantity", "/quantity"}, {"rule", "/free_item_rule"}, {"items allowed", "/allowed"},
                    {"cash back", "/cash_back", true, true}, {"uses left", "/pass_uses_left", false, true}});
}

int cmd_points(const Args& args) {
  return show_rows(args, tally::to_json(open_engine(args).points(args.arg(0), args.arg(1), when(args))),
                   {{"program", "/program"}, {"name", "/name"}, {"balance", "/balance"}, {"owed", "/debt"},
                    {"active", "/active"}, {"lots", "/lots"}});
}

int cmd_points_history(const Args& args) {
  const std::int64_t after = whole_number(args, "--after", 0);
  const auto limit = static_cast<std::size_t>(whole_number(args, "--limit", 100));
  return show_rows(args, tally::to_json(open_engine(args).points_history(args.arg(0), args.arg(1), after, limit)),
                   {{"entry", "/number"}, {"kind", "/kind"}, {"points", "/points"}, {"balance", "/balance"},
                    {"date", "/business_date"}, {"location", "/location"}, {"receipt", "/receipt"},
                    {"reward", "/reward"}, {"return", "/return_id"}});
}

int cmd_lines(const Args& args) {
  return show_rows(args, tally::to_json(open_engine(args).credit_lines(args.get("--state"), args.get("--partner"))),
                   {{"line", "/id"}, {"state", "/state"}, {"stream", "/stream"}, {"partner", "/partner"},
                    {"program", "/program"}, {"location", "/location"}, {"customer", "/customer"},
                    {"receipt", "/receipt"}, {"upc", "/upc"}, {"qty", "/quantity"}, {"price", "/unit_price", true},
                    {"date", "/business_date"}, {"batch", "/batch"}, {"declined for", "/decline_reason"}});
}

int cmd_journal(const Args& args) {
  const std::int64_t after = whole_number(args, "--after", 0);
  const auto limit = static_cast<std::size_t>(whole_number(args, "--limit", 100));
  tally::Engine engine = open_engine(args);
  return show_rows(args, tally::to_json(follow_journal(engine, after, limit)),
                   {{"seq", "/seq"}, {"at", "/at"}, {"kind", "/kind"}});
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
  tally::Engine engine = open_engine(args);
  const std::string document = engine.report(args.arg(0), boost::json::serialize(query), when(args));
  if (args.has("--html")) write_page(args.get("--html"), report_page(document));
  if (args.format() != Format::csv) return show_record(args, document);
  query["format"] = "csv";
  std::fputs(engine.report(args.arg(0), boost::json::serialize(query), when(args)).c_str(), stdout);
  return 0;
}

// ---------------------------------------------------------------------------------------
// The table of commands, and CLI11 built from it

const std::vector<Command>& commands() {
  static const std::vector<Command> all = {
      {"demo", "", {"--data DIR"}, "five weeks of checkouts at two sample stores, then a summary; --db "
       "(default tally-demo.db) is replaced", cmd_demo},
      {"load-catalog", "FILE", {"--at TIME"}, "adds or replaces catalog entities (docs/catalog.md)", cmd_load_catalog},
      {"load-stores", "FILE", {"--at TIME"},
       "saves locations, enrollments and customers from {\"locations\": [...], \"enrollments\": [...], "
       "\"customers\": [...]}", cmd_load_stores},
      {"checkout", "FILE", {"--at TIME"}, "finishes the visit a checkout document describes", cmd_checkout},
      {"import", "FILE", {"--stop-on-error"},
       "finishes a file of checkout documents, one per line (JSON Lines), in order; a rerun skips the "
       "receipts already stored", import_receipts},
      {"cards", "CUSTOMER", {"--all"}, "the customer's open and completed cards", cmd_cards, Answer::rows},
      {"rewards", "CUSTOMER LOCATION", {}, "completed cards waiting for their reward", cmd_rewards, Answer::rows},
      {"points", "CUSTOMER LOCATION", {"--at TIME"},
       "the customer's points in every points program, as of --at at the location", cmd_points, Answer::rows},
      {"points-history", "CUSTOMER PROGRAM", {"--after N", "--limit N"},
       "the changes of the customer's points balance in one program, oldest first", cmd_points_history, Answer::rows},
      {"lines", "", {"--state STATE", "--partner PARTNER"}, "credit lines", cmd_lines, Answer::rows},
      {"journal", "", {"--after N", "--limit N"}, "journal entries after a seq", cmd_journal, Answer::rows},
      {"enroll", "LOCATION PROGRAM DISTRIBUTOR [ACCOUNT]", {"--at TIME"},
       "enrolls a location or changes its partner; DISTRIBUTOR is a distributor id, temporary_holding, "
       "or - for programs that are not distributor fulfilled", cmd_enroll},
      {"report", "KIND",
       {"--location L", "--from DATE", "--to DATE", "--manufacturer M", "--distributor D", "--programs P",
        "--at TIME", "--html FILE"},
       "a report (docs/reports.md): free_goods_credit_status, rebate_credit_status, retailer_credit_batches, "
       "redemptions_by_date, participation, transactions or points_liability", cmd_report, Answer::rows},
  };
  return all;
}

// One command's arguments as CLI11 fills them.
struct Slots {
  const Command* command = nullptr;
  CLI::App* app = nullptr;
  std::deque<std::string> single;  // one per single argument, in order
  std::vector<std::string> many;   // the last argument, when it takes one or more
  std::deque<std::string> values;  // one per option with a value
};

std::string word_of(const std::string& spec) {  // "[ACCOUNT]" -> "ACCOUNT", "INDEX..." -> "INDEX"
  std::string word = spec;
  if (word.front() == '[') word = word.substr(1, word.size() - 2);
  if (word.size() > 3 && word.compare(word.size() - 3, 3, "...") == 0) word.resize(word.size() - 3);
  return word;
}

void add_command(CLI::App& app, const Command& command, const char* group, std::deque<Slots>& all) {
  Slots& slots = all.emplace_back();
  slots.command = &command;
  slots.app = app.add_subcommand(command.name, command.summary);
  slots.app->group(group);
  std::istringstream words(command.arguments);
  for (std::string spec; words >> spec;) {
    const std::string word = word_of(spec);
    CLI::Option* option = spec.size() > 3 && spec.compare(spec.size() - 3, 3, "...") == 0
                              ? slots.app->add_option(word, slots.many)
                              : slots.app->add_option(word, slots.single.emplace_back());
    option->type_name("");
    if (spec.front() != '[') option->required();
  }
  for (const std::string spec : command.options) {
    const auto space = spec.find(' ');
    const std::string name = spec.substr(0, space);
    const auto help = option_help().find(name);
    const std::string text = help == option_help().end() ? std::string() : help->second;
    if (space == std::string::npos) slots.app->add_flag(name)->description(text);
    else slots.app->add_option(name, slots.values.emplace_back(), text)->type_name(spec.substr(space + 1));
  }
  if (command.answer == Answer::rows) slots.app->add_flag("--csv")->description(option_help().at("--csv"));
}

// The chosen command's arguments, with the options every command takes.
Args arguments_of(const CLI::App& app, const Slots& slots) {
  Args args;
  args.command = slots.command;
  for (const auto& value : slots.single)
    if (!value.empty()) args.positional.push_back(value);
  args.positional.insert(args.positional.end(), slots.many.begin(), slots.many.end());
  for (const CLI::App* from : {&app, static_cast<const CLI::App*>(slots.app)})
    for (const CLI::Option* option : from->get_options()) {
      if (option->count() == 0 || option->get_name().rfind("--", 0) != 0) continue;
      const auto& results = option->results();
      args.options[option->get_name()] = option->get_type_size() == 0 || results.empty() ? "" : results.back();
    }
  if (args.has("--json") && args.has("--csv")) throw UsageError("--json and --csv: choose one");
  return args;
}

struct Cli {
  CLI::App app{"Tally: retail loyalty programs, their rewards and the credit owed for them.", "tally"};
  std::deque<Slots> slots;
  std::string db, account, synchronous, help_for;
  CLI::App* help = nullptr;

  Cli() {
    app.set_version_flag("--version", std::string("tally ") + TALLY_VERSION_STRING, "the version of tally");
    app.fallthrough();
    app.require_subcommand(0, 1);
    app.add_option("--db", db, "the SQLite database (default tally.db), or a postgresql://user@host/db URI")
        ->type_name("PATH|URI");
    app.add_option("--account", account, "the retailer account inside the database (default \"default\")")
        ->type_name("NAME");
    app.add_option("--synchronous", synchronous, "SQLite durability: full (default; the demo: normal), normal, off, extra")
        ->type_name("MODE");
    app.add_flag("--json")->description("print JSON: a query's document, and errors as {\"error\": {...}}");
    // Every command's help ends by naming the options every command takes.
    app.footer("\nand the options every command takes: --db PATH|URI, --account NAME, --synchronous MODE,\n"
               "--json (tally help says what they do, and the exit statuses)");
    for (const Command& command : commands()) add_command(app, command, "Commands", slots);
    for (const Command& command : operation_commands())
      add_command(app, command, "Credit lines, batches, corrections, programs", slots);
    help = app.add_subcommand("help", "this text, or one command's usage");
    help->add_option("COMMAND", help_for, "a command")->type_name("");
    help->group("Commands");
    app.footer(kExitStatuses);
  }

  int run(int argc, char** argv) {
    app.parse(argc, argv);
    if (help->parsed()) {
      if (help_for.empty()) {
        std::cout << app.get_formatter()->make_help(&app, "tally", CLI::AppFormatMode::Normal);
        return 0;
      }
      for (const Slots& s : slots)
        if (help_for == s.command->name) {
          std::cout << s.app->help("tally");
          return 0;
        }
      throw UsageError("unknown command '" + help_for + "' (tally help lists the commands)");
    }
    for (const Slots& s : slots)
      if (s.app->parsed()) return s.command->run(arguments_of(app, s));
    throw UsageError("which command? e.g. tally demo (tally help lists them)");
  }
};

// Whether errors go out as JSON: --json anywhere before a lone "--".
bool wants_json(int argc, char** argv) {
  for (int i = 1; i < argc && std::string(argv[i]) != "--"; ++i)
    if (std::string(argv[i]) == "--json") return true;
  return false;
}

int fail(bool as_json, int status, const std::string& message, const tally::Error* refusal = nullptr) {
  if (as_json) {
    boost::json::object error{{"message", message}, {"exit_status", status}};
    if (refusal) {
      error["code"] = static_cast<int>(refusal->code());
      error["name"] = tally::error_code_name(refusal->code());
    }
    std::fprintf(stderr, "%s\n", boost::json::serialize(boost::json::object{{"error", std::move(error)}}).c_str());
  } else if (refusal) {
    std::fprintf(stderr, "tally: %s: %s\n", tally::error_code_name(refusal->code()), message.c_str());
  } else {
    std::fprintf(stderr, "tally: %s\n", message.c_str());
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  const bool as_json = wants_json(argc, argv);
  try {
    Cli cli;
    try {
      return cli.run(argc, argv);
    } catch (const CLI::Success& e) {
      return cli.app.exit(e);  // --help, --version
    } catch (const CLI::ParseError& e) {
      const auto chosen = cli.app.get_subcommands();
      const std::string where = chosen.empty() ? "tally help" : "tally " + chosen.front()->get_name() + " --help";
      return fail(as_json, kExitUsage, std::string("usage: ") + e.what() + " (" + where + ")");
    }
  } catch (const UsageError& e) {
    return fail(as_json, kExitUsage, e.what());
  } catch (const tally_cli::FileError& e) {
    return fail(as_json, kExitNoInput, e.what());
  } catch (const tally::Error& e) {
    return fail(as_json, exit_status(e.code()), e.what(), &e);
  } catch (const std::exception& e) {
    return fail(as_json, kExitFailure, e.what());
  }
}
