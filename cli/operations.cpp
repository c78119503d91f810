// SPDX-License-Identifier: Apache-2.0
// Lifecycle, correction, program and Command Center commands: enough to walk a credit line
// from redemption to reconciled, and to drive every program kind, from a shell.
#include <cstdio>
#include <sstream>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/json.hpp>

#include "args.hpp"
#include "demo.hpp"
#include "html.hpp"

namespace tally_cli {
namespace {

namespace json = boost::json;

// --as retailer[:LOCATION] | distributor:ID | manufacturer:ID (default: the retailer).
tally::Actor actor(const Args& args) {
  const std::string as = args.get("--as", "retailer");
  const auto colon = as.find(':');
  const std::string role = as.substr(0, colon);
  const std::string id = colon == std::string::npos ? std::string() : as.substr(colon + 1);
  if (role == "retailer") return {tally::ActorRole::retailer, id};
  if (role == "distributor") return {tally::ActorRole::distributor, id};
  if (role == "manufacturer") return {tally::ActorRole::manufacturer, id};
  throw UsageError("--as: '" + as + "' must be retailer[:LOCATION], distributor:ID or manufacturer:ID");
}

std::vector<std::string> list(const std::string& comma_separated) {
  std::vector<std::string> out;
  std::stringstream in(comma_separated);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(item);
  return out;
}

std::int64_t number(const std::string& text, const char* what) {
  try {
    std::size_t used = 0;
    const std::int64_t n = std::stoll(text, &used);
    if (used == text.size()) return n;
  } catch (const std::exception&) {
  }
  throw UsageError(std::string(what) + ": '" + text + "' is not a number");
}

std::int64_t id(const Args& args, std::size_t index) { return number(args.arg(index), "id"); }

// Runs a command on the engine and prints what it returns.
template <class Do>
int show(const Args& args, Do work) {
  tally::Engine engine = open_engine(args);
  print(work(engine));
  return 0;
}

int batch_pull(const Args& a) {
  return show(a, [&](tally::Engine& e) {
    return tally::to_json(e.pull_batch(actor(a), a.arg(0), list(a.get("--locations")), when(a), a.get("--stream", "free_goods")));
  });
}
int batch_unbatch(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.unbatch(actor(a), id(a, 0), when(a))); }); }
int batch_fulfill(const Args& a) {
  if (!a.has("--memo")) throw UsageError("batch-fulfill needs --memo NUMBER");
  tally::CreditMemo memo{a.get("--memo"), number(a.get("--amount", "0"), "--amount"), a.get("--note")};
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.fulfill_batch(actor(a), id(a, 0), memo, when(a))); });
}
int batch_claim(const Args& a) {
  std::vector<std::int64_t> batches;
  for (const auto& b : list(a.get("--batches"))) batches.push_back(number(b, "--batches"));
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.claim_credit(actor(a), a.arg(0), batches, a.arg(1), when(a))); });
}
int batch_pay(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.pay_credit_batch(actor(a), id(a, 0), when(a))); }); }
int batch_reconcile(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.reconcile_batch(actor(a), id(a, 0), when(a))); }); }
int batch_show(const Args& a) { return show_record(a, tally::to_json(open_engine(a).batch(id(a, 0)))); }
int batch_list(const Args& a) {
  return show_rows(a, tally::to_json(open_engine(a).batches(a.get("--partner"))),
                   {{"id", "/id"}, {"kind", "/kind"}, {"name", "/name"}, {"partner", "/partner"}, {"manufacturer", "/manufacturer"},
                    {"stream", "/stream"}, {"state", "/state"}, {"lines", "/lines"}, {"created_at", "/created_at"},
                    {"memo", "/memo_number"}, {"credited", "/credited_amount", true}});
}
int retailer_batch(const Args& a) {
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.create_retailer_batch(actor(a), a.arg(0), list(a.get("--locations")), when(a))); });
}
int batch_submit(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.submit_retailer_batch(actor(a), id(a, 0), when(a))); }); }
int batch_complete(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.complete_retailer_batch(actor(a), id(a, 0), when(a))); }); }

int line_unbatch(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.unbatch_line(actor(a), id(a, 0), when(a))); }); }
int line_decline(const Args& a) {
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.decline_line(actor(a), id(a, 0), a.arg(1), a.get("--note"), when(a))); });
}
int line_reconcile(const Args& a) { return show(a, [&](tally::Engine& e) { return tally::to_json(e.reconcile_line(actor(a), id(a, 0), when(a))); }); }
int line_resubmit(const Args& a) {
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.resubmit_line(actor(a), id(a, 0), a.get("--note"), when(a))); });
}
int line_show(const Args& a) { return show_record(a, tally::to_json(open_engine(a).credit_line(id(a, 0)))); }

int holding_reassign(const Args& a) {
  return show(a, [&](tally::Engine& e) {
    return "{\"held_lines\":" + std::to_string(e.reassign_to_holding(actor(a), a.arg(0), a.arg(1), when(a))) + "}";
  });
}
int account_fix(const Args& a) {
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.fix_account_number(actor(a), a.arg(0), a.arg(1), a.arg(2), when(a))); });
}
int cadence_set(const Args& a) {
  return show(a, [&](tally::Engine& e) {
    e.set_cadence(a.arg(0), tally::cadence_from_string(a.arg(1)), a.arg(2), when(a));
    return tally::to_json(e.batches_due(a.arg(2)));
  });
}
int cadence_due(const Args& a) { return show_rows(a, tally::to_json(open_engine(a).batches_due(a.arg(0)))); }

int redemption_undo(const Args& a) {
  std::optional<tally::Cents> price;
  if (a.has("--price")) price = number(a.get("--price"), "--price");
  return show(a, [&](tally::Engine& e) {
    return tally::to_json(e.undo_redemption(actor(a), id(a, 0), a.get("--reselect"), price, when(a), a.has("--reverse")));
  });
}
// Manufacturers' vouchers: the brand issues them, the store lists them and changes an item.
int voucher_issue(const Args& a) {
  tally::VoucherIssue issue;
  issue.program_id = a.arg(0);
  issue.location_id = a.arg(1);
  issue.expires = a.arg(2);
  issue.ids = list(a.get("--ids"));
  issue.count = static_cast<int>(whole_number(a, "--count", 0));
  issue.note = a.get("--note");
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.issue_vouchers(actor(a), issue, when(a))); });
}
int vouchers(const Args& a) {
  return show_rows(a, tally::to_json(open_engine(a).vouchers(a.arg(0), when(a), a.get("--state"))),
                   {{"voucher", "/id"}, {"program", "/program"}, {"state", "/state"}, {"expires", "/expires"},
                    {"upc", "/upc", false, true}, {"receipt", "/receipt", false, true},
                    {"line", "/credit_line", false, true}});
}
int voucher_item(const Args& a) {
  std::optional<tally::Cents> price;
  if (a.has("--price")) price = number(a.get("--price"), "--price");
  return show(a, [&](tally::Engine& e) {
    return tally::to_json(e.change_voucher_item(actor(a), a.arg(0), a.arg(1), price, when(a)));
  });
}
int return_items(const Args& a) {
  tally::ReturnRequest q{a.arg(0), a.arg(1), static_cast<int>(number(a.arg(2), "LINE")),
                         static_cast<std::int32_t>(number(a.arg(3), "QUANTITY")), a.arg(4), when(a)};
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.return_items(q)); });
}
int card_split(const Args& a) {
  std::vector<int> indexes;
  for (std::size_t i = 2; i < a.positional.size(); ++i) indexes.push_back(static_cast<int>(number(a.arg(i), "INDEX")));
  return show(a, [&](tally::Engine& e) {
    auto [kept, split] = e.split_card(a.arg(0), id(a, 1), indexes, when(a));
    return "[" + tally::to_json(kept) + "," + tally::to_json(split) + "]";
  });
}
int customer_merge(const Args& a) {
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.merge_customers(a.arg(0), a.arg(1), when(a))); });
}

int billing(const Args& a) {
  return show(a, [&](tally::Engine& e) {
    e.set_billing_flag(a.arg(0), a.positional.size() > 1 ? a.arg(1) : std::string(), when(a));
    return std::string("{\"location\":\"" + a.arg(0) + "\"}");
  });
}
int enrollment_review(const Args& a) {
  const std::string verdict = a.arg(2);
  if (verdict != "approve" && verdict != "deny") throw UsageError("review: approve or deny");
  return show(a, [&](tally::Engine& e) {
    return tally::to_json(e.review_enrollment(actor(a), a.arg(0), a.arg(1), verdict == "approve", when(a)));
  });
}
int auto_enroll_add(const Args& a) {
  tally::AutoEnrollmentRule rule{a.arg(0), {}, a.arg(1), a.arg(2), {}};
  for (std::size_t i = 3; i < a.positional.size(); ++i) {
    const std::string& spec = a.arg(i);  // LOCATION or LOCATION=ACCOUNT
    const auto eq = spec.find('=');
    rule.location_ids.push_back(spec.substr(0, eq));
    if (eq != std::string::npos) rule.account_numbers[spec.substr(0, eq)] = spec.substr(eq + 1);
  }
  return show(a, [&](tally::Engine& e) { return "{\"enrolled\":" + std::to_string(e.add_auto_enrollment(rule, when(a))) + "}"; });
}
int auto_enroll_remove(const Args& a) {
  return show(a, [&](tally::Engine& e) {
    e.remove_auto_enrollment(a.arg(0), when(a));
    return std::string("{\"removed\":\"" + a.arg(0) + "\"}");
  });
}
int auto_enroll_list(const Args& a) {
  json::array rules;
  for (const auto& r : open_engine(a).auto_enrollments()) {
    json::array locations;
    for (const auto& l : r.location_ids) locations.emplace_back(l);
    rules.push_back({{"id", r.id}, {"manufacturer", r.manufacturer_id}, {"distributor", r.distributor_id},
                     {"locations", std::move(locations)}});
  }
  return show_rows(a, json::serialize(rules));
}
int adoption_check(const Args& a) {
  return show_record(a, tally::to_json(open_engine(a).adoption_eligibility(a.arg(0), a.arg(1), a.arg(2), a.arg(3), a.arg(4), when(a))));
}

// Coupons (docs/programs.md#coupons).
int coupon_issue(const Args& a) {
  const std::string document = read_text_file(a.arg(0));
  return show(a, [&](tally::Engine& e) { return tally::to_json(e.issue_coupons(actor(a), tally::coupon_issue_from_json(document), when(a))); });
}

int coupons(const Args& a) {
  return show_rows(a, tally::to_json(open_engine(a).coupons(a.arg(0), a.has("--all"))),
                   {{"coupon", "/id"}, {"brand", "/manufacturer"}, {"kind", "/kind"}, {"value", "/value", true},
                    {"from", "/starts_on"}, {"to", "/ends_on"}, {"status", "/status"}, {"receipt", "/receipt", false, true}});
}

int coupon_opt_out(const Args& a) {
  const std::string choice = a.arg(2);
  if (choice != "out" && choice != "in") throw UsageError("coupon-opt-out: out or in");
  open_engine(a).set_coupon_opt_out(a.arg(0), a.arg(1), choice == "out", when(a));
  std::printf("{\"location\":\"%s\",\"manufacturer\":\"%s\",\"opted_out\":%s}\n", a.arg(0).c_str(), a.arg(1).c_str(),
              choice == "out" ? "true" : "false");
  return 0;
}

void print_command_center(const json::value& doc) {
  const auto& action = doc.at("action_needed");
  std::printf("Command Center: %s on %s\n\n", doc.at("location").as_string().c_str(), doc.at("date").as_string().c_str());
  std::printf("Action needed: %lld\n", static_cast<long long>(action.at("count").as_int64()));
  for (const char* stream : {"free_goods", "rebates"})
    for (const auto& line : action.at("declined_credits").at(stream).at("lines").as_array())
      std::printf("  declined %-10s line %-5lld %-14s %s: %s\n", stream, static_cast<long long>(line.at("id").as_int64()),
                  line.at("upc").as_string().c_str(), line.at("decline_reason").as_string().c_str(),
                  line.at("decline_note").as_string().c_str());
  for (const auto& p : action.at("temporary_holding").at("programs").as_array())
    std::printf("  in temporary holding: %s (%s), %lld held lines\n", p.at("name").as_string().c_str(),
                p.at("kind").as_string().c_str(), static_cast<long long>(p.at("held_lines").as_int64()));
  if (action.at("billing").at("needs_action").as_bool())
    std::printf("  billing: %s\n", action.at("billing").at("flag").as_string().c_str());
  const auto& top = doc.at("offers_from_top_brands");
  std::printf("\nOffers from top brands (frequent-buyer sales, last %lld days)\n", static_cast<long long>(top.at("days").as_int64()));
  for (const auto& b : top.at("brands").as_array())
    std::printf("  %-22s %4lld items  $%9.2f\n", b.at("name").as_string().c_str(), static_cast<long long>(b.at("items_sold").as_int64()),
                static_cast<double>(b.at("sales_cents").as_int64()) / 100.0);
  for (const auto& o : top.at("offers").as_array())
    std::printf("  upcoming: %-28s %s..%s %s\n", o.at("name").as_string().c_str(), o.at("start").as_string().c_str(),
                o.at("end").as_string().c_str(), o.at("enrolled").as_bool() ? "(enrolled)" : "(open for enrollment)");
  const auto& automatic = doc.at("auto_enrollment");
  std::printf("\nAuto-enrollment: %lld current, %lld upcoming offers\n", static_cast<long long>(automatic.at("current").as_int64()),
              static_cast<long long>(automatic.at("upcoming").as_int64()));
  const auto& app = doc.at("mobile_app");
  std::printf("Mobile app: %lld customers, %lld joined this month\n", static_cast<long long>(app.at("customers").as_int64()),
              static_cast<long long>(app.at("joined_this_month").as_int64()));
}

// The page's credit status: the location's last 90 days, both streams.
std::vector<std::string> credit_status(tally::Engine& engine, const std::string& location, const std::string& today,
                                       tally::Timestamp at) {
  const auto to = boost::gregorian::from_simple_string(today);
  const std::string from = boost::gregorian::to_iso_extended_string(to - boost::gregorian::days(89));
  const std::string query = json::serialize(json::object{{"location", location}, {"from", from}, {"to", today}});
  return {engine.report("free_goods_credit_status", query, at), engine.report("rebate_credit_status", query, at)};
}

int command_center(const Args& a) {
  tally::Engine engine = open_engine(a);
  const std::string doc = engine.command_center(a.arg(0), when(a));
  if (a.has("--html")) {
    const std::string today(json::parse(doc).at("date").as_string());
    write_page(a.get("--html"), command_center_page(doc, credit_status(engine, a.arg(0), today, when(a))));
  }
  if (a.format() == Format::json) print(doc);
  else print_command_center(json::parse(doc));
  return 0;
}

}  // namespace

void print_command_center(const std::string& document) { print_command_center(json::parse(document)); }

const std::vector<Command>& operation_commands() {
  static const std::vector<const char*> acting{"--as ACTOR", "--at TIME"};
  static const std::vector<Command> all = {
      {"batch-pull", "NAME", {"--as ACTOR", "--at TIME", "--locations L1,L2", "--stream STREAM"},
       "a distributor or manufacturer pulls the new lines into a batch (--stream rebates for rebates)", batch_pull},
      {"batch-unbatch", "BATCH", acting, "takes a batch apart: its lines are new again", batch_unbatch},
      {"batch-fulfill", "BATCH", {"--as ACTOR", "--at TIME", "--memo NUMBER", "--amount CENTS", "--note TEXT"},
       "the distributor credits a batch with a credit memo", batch_fulfill},
      {"batch-claim", "MANUFACTURER NAME", {"--as ACTOR", "--at TIME", "--batches 1,2"},
       "the distributor claims its credited batches from the manufacturer", batch_claim},
      {"batch-pay", "BATCH", acting, "the manufacturer pays a claim", batch_pay},
      {"batch-reconcile", "BATCH", acting, "the retailer reconciles every credited line of a batch", batch_reconcile},
      {"batch-show", "BATCH", {}, "one batch with its lines", batch_show, Answer::record},
      {"batch-list", "", {"--partner PARTNER"}, "the batches, optionally of one partner", batch_list, Answer::rows},
      {"retailer-batch", "NAME", {"--as ACTOR", "--at TIME", "--locations L1,L2"},
       "the retailer batches its retailer-fulfilled lines", retailer_batch},
      {"batch-submit", "BATCH", acting, "the retailer submits its batch to the manufacturer", batch_submit},
      {"batch-complete", "BATCH", acting, "the retailer's batch is paid", batch_complete},
      {"line-unbatch", "LINE", acting, "takes one line out of its batch", line_unbatch},
      {"line-decline", "LINE REASON", {"--as ACTOR", "--at TIME", "--note TEXT"}, "declines a line with a reason",
       line_decline},
      {"line-reconcile", "LINE", acting, "the retailer reconciles a credited line", line_reconcile},
      {"line-resubmit", "LINE", {"--as ACTOR", "--at TIME", "--note TEXT"}, "a declined line, fixed, goes again",
       line_resubmit},
      {"line-show", "LINE", {}, "one credit line with its history", line_show, Answer::record},
      {"holding-reassign", "LOCATION PROGRAM", acting, "a distributor gives a program back to Temporary Holding",
       holding_reassign},
      {"account-fix", "LOCATION PROGRAM ACCOUNT", acting, "fixes the account number of an enrollment and its lines",
       account_fix},
      {"cadence-set", "LOCATION CADENCE ANCHOR_DATE", {"--at TIME"},
       "how often a location's batches are due: weekly, biweekly, monthly or manual", cadence_set},
      {"cadence-due", "DATE", {}, "the batches due on a date", cadence_due, Answer::rows},
      {"redemption-undo", "ID", {"--as ACTOR", "--at TIME", "--reselect UPC", "--price CENTS", "--reverse"},
       "undoes a finished redemption, or chooses another free item (--reselect)", redemption_undo},
      {"return", "LOCATION RECEIPT LINE QUANTITY RETURN_ID", {"--at TIME"},
       "returns items of a finished receipt: their punches come off", return_items},
      {"card-split", "CUSTOMER CARD INDEX...", {"--at TIME"}, "moves punches (by index) to a card of their own",
       card_split},
      {"customer-merge", "SURVIVOR DUPLICATE", {"--at TIME"}, "merges a duplicate customer into the survivor",
       customer_merge},
      {"command-center", "LOCATION", {"--at TIME", "--html FILE"},
       "what needs action at a location, and how it is doing (--html writes a page)", command_center, Answer::record},
      {"billing", "LOCATION [FLAG]", {"--at TIME"}, "sets a location's billing flag, or clears it", billing},
      {"enrollment-review", "LOCATION PROGRAM VERDICT", acting,
       "the brand approves or denies a store's enrollment in its private program (approve|deny)", enrollment_review},
      {"auto-enroll-add", "ID MANUFACTURER DISTRIBUTOR LOCATION...", {"--at TIME"},
       "enrolls locations (LOCATION or LOCATION=ACCOUNT) in every offer of a brand", auto_enroll_add},
      {"auto-enroll-remove", "ID", {"--at TIME"}, "removes an auto-enrollment rule", auto_enroll_remove},
      {"auto-enroll-list", "", {}, "the auto-enrollment rules", auto_enroll_list, Answer::rows},
      {"adoption-check", "CUSTOMER LOCATION SPECIES ADOPTION_DATE SOURCE", {"--at TIME"},
       "whether a household may have an adoption bundle today", adoption_check, Answer::record},
      {"voucher-issue", "PROGRAM LOCATION EXPIRES", {"--as ACTOR", "--at TIME", "--ids V1,V2", "--count N", "--note TEXT"},
       "the brand (--as manufacturer:ID) issues vouchers to a location: --ids, or --count of them", voucher_issue},
      {"vouchers", "LOCATION", {"--state STATE", "--at TIME"},
       "a location's manufacturer's vouchers: pending, redeemed or expired (--state)", vouchers, Answer::rows},
      {"voucher-item", "VOUCHER UPC", {"--as ACTOR", "--at TIME", "--price CENTS"},
       "the store takes a redeemed voucher in another item of its list, while its line is new", voucher_item},
      {"coupon-issue", "FILE", acting,
       "the brand (--as manufacturer:ID) issues coupons to engaged customers: {\"manufacturer\", \"kind\", "
       "\"value\", \"upcs\", \"starts_on\", \"ends_on\", \"customers\"}", coupon_issue},
      {"coupons", "CUSTOMER", {"--all"}, "the customer's coupons not yet redeemed (--all: redeemed too)", coupons,
       Answer::rows},
      {"coupon-opt-out", "LOCATION MANUFACTURER out|in", {"--at TIME"},
       "a location refuses one brand's coupons (out), or takes them again (in)", coupon_opt_out},
  };
  return all;
}

}  // namespace tally_cli
