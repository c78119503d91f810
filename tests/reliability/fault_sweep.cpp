// SPDX-License-Identifier: Apache-2.0
// Every mutating call of the C ABI under a failing store (docs/reliability.md). A store's
// life is walked as one chain of calls on the sample store, through the host-callback
// backend over the C store of examples/c: catalog, locations, enrollments by hand, by rule
// and by review, customers, visits, every lifecycle step of the three fulfillment kinds,
// Temporary Holding, corrections, returns, split, merge, cadence and billing flag, a cash-back
// payout and a prepaid pass sold and used. For each call and every k until the call no
// longer touches the store k times:
//   - the store fails its k-th callback: the call answers storage_failed and the store is
//     byte for byte as before; run again, it leaves what a clean run leaves, with the same
//     answer;
//   - the store answers busy from its k-th callback three times running: the call answers
//     exactly what a never-busy store answers and leaves the same bytes.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "c_store.h"
#include "support/capi.hpp"
#include "tally.h"

namespace {

namespace json = boost::json;
using capi_test::Answer;
using capi_test::kMonday;

constexpr int kBusyTimes = 3;

int failures = 0;

void fail(const std::string& what) {
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  ++failures;
}

// A deep copy of a store's rows, so every run of a call starts from the same bytes.
bytes copy_bytes(const bytes& b) {
  bytes c{static_cast<unsigned char*>(std::malloc(b.len ? b.len : 1)), b.len};
  if (b.len) std::memcpy(c.data, b.data, b.len);
  return c;
}

store copy_of(const store& from) {
  store to;
  std::memset(&to, 0, sizeof to);
  to.rows = static_cast<entry*>(std::malloc((from.count ? from.count : 1) * sizeof(entry)));
  to.count = to.cap = from.count;
  for (std::size_t i = 0; i < from.count; ++i) to.rows[i] = {copy_bytes(from.rows[i].key), copy_bytes(from.rows[i].value)};
  return to;
}

std::string dump(store& s) {
  char* text = c_store_dump(&s);
  std::string copy = text;
  std::free(text);
  return copy;
}

tally_engine* open_engine(store& s) {
  tally_store_callbacks callbacks = c_store_callbacks(&s);
  tally_engine* engine = nullptr;
  capi_test::must(tally_engine_open_store(&callbacks, nullptr, &engine), "tally_engine_open_store");
  return engine;
}

// What the chain learns from earlier answers: the ids later calls act on.
struct Ids {
  std::int64_t line_a = 0, line_b = 0, line_c = 0, line_held = 0, line_direct = 0, line_retailer = 0;
  std::int64_t redemption_held = 0, batch = 0, credit_batch = 0, retailer_batch = 0, card = 0;
  std::int64_t coupon = 0;
};

// One call of the chain: its status, and its answer in `out`; `learn` reads what later
// calls need from the store the clean run left (outside the sweep: its reads are not the
// call's).
struct Call {
  std::string name;
  std::function<std::int32_t(tally_engine*, Ids&, std::string& out)> run;
  std::function<void(tally_engine*, Ids&)> learn;
};

std::int64_t at(int step) { return kMonday + 60 * step; }

std::int32_t with_answer(std::string& out, const std::function<std::int32_t(char**)>& call) {
  Answer a;
  const std::int32_t status = call(a.out());
  out = a.str();
  return status;
}

// With --answers, every document sent, by the schema it follows (docs/schema/).
std::vector<std::pair<std::string, std::string>>* sent = nullptr;

std::string note(const char* schema, std::string doc) {
  if (sent) sent->emplace_back(schema, doc);
  return doc;
}

std::int32_t document(std::string& out, const char* schema, const std::string& doc,
                      std::int32_t (*call)(tally_engine*, const char*, std::size_t, char**), tally_engine* e) {
  note(schema, doc);
  return with_answer(out, [&](char** o) { return call(e, doc.data(), doc.size(), o); });
}

std::int64_t id_of(const std::string& answer, const char* key = "id") {
  return json::parse(answer).as_object().at(key).to_number<std::int64_t>();
}

// A call whose answer's "id" later calls act on: kept in `slot` when the call succeeds.
std::int32_t keeping_id(std::int64_t& slot, std::string& out, const std::function<std::int32_t(char**)>& call) {
  const std::int32_t status = with_answer(out, call);
  if (status == TALLY_OK) slot = id_of(out);
  return status;
}

// The credit line of the redemption of `program` in a checkout result.
std::int64_t line_of(const std::string& result, const std::string& program, const char* key = "credit_line") {
  const json::value parsed = json::parse(result);
  for (const auto& r : parsed.at("redemptions").as_array())
    if (r.at("program") == program.c_str()) return r.at(key).to_number<std::int64_t>();
  return 0;
}

const char* kEastern = R"({"role": "distributor", "id": "eastern"})";
const char* kRetailer = R"({"role": "retailer"})";

std::string catalog_with_store_program() {
  json::value catalog = json::parse(capi_test::sample("catalog.json"));
  catalog.at("programs").as_array().push_back(json::parse(R"({
      "id": "thistle-bone-fb", "name": "Thistle & Bone treats", "kind": "frequent_buyer",
      "manufacturer": "thistle-bone", "fulfillment": "retailer",
      "cards": [{"id": "treats", "buy_n": 2, "free_item_rule": "any_in_group",
                 "qualifying_upcs": ["089101810053", "089101820045"]}]})"));
  return json::serialize(catalog);
}

std::vector<Call> chain() {
  std::vector<Call> calls;
  auto add = [&](std::string name, std::function<std::int32_t(tally_engine*, Ids&, std::string&)> run,
                 std::function<void(tally_engine*, Ids&)> learn = nullptr) {
    calls.push_back({std::move(name), std::move(run), std::move(learn)});
  };
  add("load_catalog", [](tally_engine* e, Ids&, std::string& out) {
    return document(out, "catalog", catalog_with_store_program(), [](tally_engine* en, const char* d, std::size_t n, char** o) {
      return tally_load_catalog(en, d, n, at(1), o);
    }, e);
  });
  add("save_location", [](tally_engine* e, Ids&, std::string&) {
    const std::string doc = note("location", R"({"id": "durham", "name": "Durham", "state": "NC", "time_zone": "America/New_York"})");
    return tally_save_location(e, doc.data(), doc.size(), at(2));
  });
  add("enroll", [](tally_engine* e, Ids&, std::string& out) {
    const std::string doc = note("enrollment", R"({"location": "raleigh", "program": "thistle-bone-fb"})");
    return with_answer(out, [&](char** o) { return tally_enroll(e, doc.data(), doc.size(), at(3), o); });
  });
  add("save_customer", [](tally_engine* e, Ids&, std::string& out) {
    const std::string doc = note("customer", R"({"id": "C3001", "first_name": "Dana", "last_name": "Reyes"})");
    return with_answer(out, [&](char** o) { return tally_save_customer(e, doc.data(), doc.size(), at(4), o); });
  });
  // One visit that completes and redeems four cards: distributor, direct, retailer and held.
  add("run_checkout", [](tally_engine* e, Ids& ids, std::string& out) {
    const std::string doc = R"({"location": "raleigh", "customer": "C1001", "receipt": "s1", "at": )" + std::to_string(at(5)) +
                            R"(, "multi_punch_reason": "stocking up", "lines": [
        {"upc": "084213101044", "quantity": 10, "unit_price": 1899},
        {"upc": "081654310059", "quantity": 8, "unit_price": 2499},
        {"upc": "089101810053", "quantity": 2, "unit_price": 599},
        {"upc": "086342410158", "quantity": 8, "unit_price": 4599}],
      "redemptions": [
        {"program": "northpaw-fb", "card": "dog-small", "upc": "084213101044", "unit_price": 1899},
        {"program": "whisker-wren-fb", "card": "cat-dry", "upc": "081654310059", "unit_price": 2499},
        {"program": "thistle-bone-fb", "card": "treats", "upc": "089101810053", "unit_price": 599},
        {"program": "harbor-hound-fb", "card": "dog-food", "upc": "086342410158", "unit_price": 4599}]})";
    const auto status = document(out, "visit", doc, tally_run_checkout, e);
    if (status == TALLY_OK) {
      ids.line_a = line_of(out, "northpaw-fb");
      ids.line_direct = line_of(out, "whisker-wren-fb");
      ids.line_retailer = line_of(out, "thistle-bone-fb");
      ids.line_held = line_of(out, "harbor-hound-fb");
      ids.redemption_held = line_of(out, "harbor-hound-fb", "id");
    }
    return status;
  });
  // A visit rung up call by call, with an offer taken at the till.
  add("checkout_finish", [](tally_engine* e, Ids& ids, std::string& out) {
    tally_checkout* c = nullptr;
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1003", "s2", at(6), &c);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "084213102041", 10, 1899, nullptr);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "086342410158", 1, 4599, nullptr);
    if (status == TALLY_OK) status = tally_checkout_set_multi_punch_reason(c, "a month of food");
    if (status == TALLY_OK) status = tally_checkout_redeem(c, "northpaw-fb", "dog-small", "084213102041", 1899, nullptr);
    if (status == TALLY_OK)
      status = tally_checkout_redeem_offer(c, "harbor-hound-treat-bogo", "086342710067", 899, nullptr);
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    if (status == TALLY_OK) ids.line_b = line_of(out, "northpaw-fb");
    return status;
  });
  add("adoption_bundle", [](tally_engine* e, Ids&, std::string& out) {
    tally_checkout* c = nullptr;
    const std::string bundle = note("adoption_request", R"({"species": "dog", "adoption_date": "2026-11-01", "source": "shelter",
                                   "upcs": ["084213103048", "085977510134", "086342710067"],
                                   "unit_prices": [1299, 249, 899]})");
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1001", "s3", at(7), &c);
    if (status == TALLY_OK) status = tally_checkout_redeem_adoption(c, bundle.data(), bundle.size());
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    return status;
  });
  add(
      "run_checkout_open_card",
      [](tally_engine* e, Ids&, std::string& out) {
        const std::string doc = R"({"location": "raleigh", "customer": "C3001", "receipt": "s4", "at": )" +
                                std::to_string(at(8)) +
                                R"(, "multi_punch_reason": "three bags", "lines": [{"upc": "084213101044", "quantity": 3, "unit_price": 1899}]})";
        return document(out, "visit", doc, tally_run_checkout, e);
      },
      [](tally_engine* e, Ids& ids) {
        Answer cards;
        capi_test::must(tally_cards(e, "C3001", 0, cards.out()), "tally_cards");
        ids.card = cards.array().at(0).at("number").to_number<std::int64_t>();
      });
  add("run_checkout_third_line", [](tally_engine* e, Ids& ids, std::string& out) {
    const std::string doc = R"({"location": "raleigh", "customer": "C1002", "receipt": "s5", "at": )" + std::to_string(at(9)) +
                            R"(, "multi_punch_reason": "ten bags", "lines": [{"upc": "084213101044", "quantity": 10, "unit_price": 1899}],
        "redemptions": [{"program": "northpaw-fb", "card": "dog-small", "upc": "084213101044", "unit_price": 1899}]})";
    const auto status = document(out, "visit", doc, tally_run_checkout, e);
    if (status == TALLY_OK) ids.line_c = line_of(out, "northpaw-fb");
    return status;
  });
  // A points reward paid with what the first visit earned, at the till.
  add("points_reward", [](tally_engine* e, Ids&, std::string& out) {
    tally_checkout* c = nullptr;
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1001", "s5b", at(9), &c);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "086342710067", 1, 899, nullptr);
    if (status == TALLY_OK) status = tally_checkout_redeem_points(c, "tail-points", "bath", nullptr);
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    return status;
  });
  add("pull_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return keeping_id(ids.batch, out, [&](char** o) { return tally_pull_batch(e, kEastern, "week 45", "[\"raleigh\"]", nullptr, at(10), o); });
  });
  add("unbatch_line", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_unbatch_line(e, kEastern, ids.line_a, at(11), o); });
  });
  add("unbatch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_unbatch(e, kEastern, ids.batch, at(12), o); });
  });
  add("pull_batch_again", [](tally_engine* e, Ids& ids, std::string& out) {
    return keeping_id(ids.batch, out, [&](char** o) { return tally_pull_batch(e, kEastern, "week 46", nullptr, "free_goods", at(13), o); });
  });
  add("decline_line", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_decline_line(e, kEastern, ids.line_c, "wrong_account_number", "no such account", at(14), o);
    });
  });
  add("fix_account_number", [](tally_engine* e, Ids&, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_fix_account_number(e, kRetailer, "raleigh", "northpaw-fb", "EPS-20499", at(15), o); });
  });
  add("resubmit_line", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_resubmit_line(e, kRetailer, ids.line_c, "fixed", at(16), o); });
  });
  add("fulfill_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_fulfill_batch(e, kEastern, ids.batch, note("credit_memo", R"({"number": "CM-46", "amount": 3798, "note": "week 46"})").c_str(),
                                 at(17), o);
    });
  });
  add("reconcile_line", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_reconcile_line(e, kRetailer, ids.line_a, at(18), o); });
  });
  add("claim_credit", [](tally_engine* e, Ids& ids, std::string& out) {
    return keeping_id(ids.credit_batch, out, [&](char** o) { return tally_claim_credit(e, kEastern, "northpaw", nullptr, "November", at(19), o); });
  });
  add("pay_credit_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_pay_credit_batch(e, R"({"role": "manufacturer", "id": "northpaw"})", ids.credit_batch, at(20), o);
    });
  });
  add("reconcile_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_reconcile_batch(e, kRetailer, ids.batch, at(21), o); });
  });
  add("pull_direct_batch", [](tally_engine* e, Ids&, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_pull_batch(e, R"({"role": "manufacturer", "id": "whisker-wren"})", "direct", nullptr, nullptr, at(22), o);
    });
  });
  add("reassign_to_holding", [](tally_engine* e, Ids&, std::string& out) {
    std::int32_t held = -1;
    const auto status = tally_reassign_to_holding(e, kEastern, "raleigh", "northpaw-fb", at(23), &held);
    out = std::to_string(held);
    return status;
  });
  add("release_holding", [](tally_engine* e, Ids&, std::string& out) {
    const std::string doc = R"({"location": "raleigh", "program": "harbor-hound-fb", "distributor": "eastern", "account_number": "EPS-20417"})";
    return with_answer(out, [&](char** o) { return tally_enroll(e, doc.data(), doc.size(), at(24), o); });
  });
  add("create_retailer_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return keeping_id(ids.retailer_batch, out, [&](char** o) { return tally_create_retailer_batch(e, kRetailer, "treats", nullptr, at(25), o); });
  });
  add("submit_retailer_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_submit_retailer_batch(e, kRetailer, ids.retailer_batch, at(26), o); });
  });
  add("complete_retailer_batch", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_complete_retailer_batch(e, kRetailer, ids.retailer_batch, at(27), o);
    });
  });
  add("review_enrollment", [](tally_engine* e, Ids&, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_review_enrollment(e, R"({"role": "manufacturer", "id": "prairie-table"})", "raleigh", "prairie-table-breeder", 1,
                                     at(28), o);
    });
  });
  add("add_auto_enrollment", [](tally_engine* e, Ids&, std::string& out) {
    const std::string rule = note("auto_enrollment", R"({"id": "durham-northpaw", "locations": ["durham"], "manufacturer": "northpaw",
                                 "distributor": "eastern", "account_numbers": {"durham": "EPS-30001"}})");
    std::int32_t enrolled = -1;
    const auto status = tally_add_auto_enrollment(e, rule.data(), rule.size(), at(29), &enrolled);
    out = std::to_string(enrolled);
    return status;
  });
  add("remove_auto_enrollment", [](tally_engine* e, Ids&, std::string&) {
    return tally_remove_auto_enrollment(e, "durham-northpaw", at(30));
  });
  add("undo_redemption", [](tally_engine* e, Ids& ids, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_undo_redemption(e, kRetailer, ids.redemption_held, "086342410301", 4599, 0, at(31), o);
    });
  });
  add("return_items", [](tally_engine* e, Ids&, std::string& out) {
    const std::string doc = R"({"location": "raleigh", "receipt": "s2", "line": 0, "quantity": 1, "return_id": "RET-1", "at": )" +
                            std::to_string(at(32)) + "}";
    return document(out, "return_request", doc, tally_return_items, e);
  });
  add("split_card", [](tally_engine* e, Ids& ids, std::string& out) {
    const std::int32_t punches[1] = {0};
    return with_answer(out, [&](char** o) { return tally_split_card(e, "C3001", ids.card, punches, 1, at(33), o); });
  });
  add("merge_customers", [](tally_engine* e, Ids&, std::string& out) {
    return with_answer(out, [&](char** o) { return tally_merge_customers(e, "C3001", "C2003", at(34), o); });
  });
  add("set_cadence", [](tally_engine* e, Ids&, std::string&) { return tally_set_cadence(e, "raleigh", "weekly", "2026-11-02", at(35)); });
  add("set_billing_flag", [](tally_engine* e, Ids&, std::string&) { return tally_set_billing_flag(e, "raleigh", "card expired", at(36)); });
  // Custom programs' modes: five treats complete a cash-back card that pays out at once, and
  // a day-camp pass is sold and used twice in the same visit.
  add("cash_back_and_pass", [](tally_engine* e, Ids&, std::string& out) {
    tally_checkout* c = nullptr;
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1002", "s6", at(37), &c);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "089101810053", 5, 599, nullptr);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "400000100203", 1, 29900, nullptr);
    if (status == TALLY_OK) status = tally_checkout_set_multi_punch_reason(c, "a box of treats");
    if (status == TALLY_OK) status = tally_checkout_redeem(c, "treat-cash", "treats", nullptr, TALLY_PRICE_LAST_KNOWN, nullptr);
    if (status == TALLY_OK) status = tally_checkout_use_pass(c, "day-camp", "camp-10", 2, nullptr);
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    return status;
  });
  // Coupons: NorthPaw thanks the customers who bought its food (C1005 bought nothing:
  // refused), the store opts out of NorthPaw's coupons and back in, and one coupon is
  // redeemed at the till.
  add("issue_coupons", [](tally_engine* e, Ids& ids, std::string& out) {
    const std::string doc = note("coupon_issue", R"({"manufacturer": "northpaw", "kind": "thank_you", "value": 200,
        "upcs": ["084213101044"], "starts_on": "2026-11-01", "ends_on": "2026-12-31", "customers": ["C1002", "C1005"]})");
    const std::int32_t status = with_answer(out, [&](char** o) {
      return tally_issue_coupons(e, R"({"role": "manufacturer", "id": "northpaw"})", doc.data(), doc.size(), at(38), o);
    });
    if (status == TALLY_OK) ids.coupon = json::parse(out).at("issued").at(0).at("id").to_number<std::int64_t>();
    return status;
  });
  add("coupon_opt_out", [](tally_engine* e, Ids&, std::string&) { return tally_set_coupon_opt_out(e, "raleigh", "northpaw", 1, at(39)); });
  add("coupon_opt_in", [](tally_engine* e, Ids&, std::string&) { return tally_set_coupon_opt_out(e, "raleigh", "northpaw", 0, at(39)); });
  add("redeem_coupon", [](tally_engine* e, Ids& ids, std::string& out) {
    tally_checkout* c = nullptr;
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1002", "s8", at(39), &c);
    if (status == TALLY_OK) status = tally_checkout_add_line(c, "084213101044", 1, 1899, nullptr);
    if (status == TALLY_OK) status = tally_checkout_redeem_coupon(c, ids.coupon, nullptr);
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    return status;
  });
  // Manufacturers' vouchers (the sample catalog's northpaw-samples): NorthPaw issues one to
  // Raleigh (whose voucher program has no distributor yet: the line is held), the store
  // redeems it at the till and changes its item.
  add("issue_vouchers", [](tally_engine* e, Ids&, std::string& out) {
    const std::string issue = note("voucher_issue", R"({"program": "northpaw-samples", "location": "raleigh",
                                                      "ids": ["NP-1"], "expires": "2026-12-31", "note": "staff feeding"})");
    return with_answer(out, [&](char** o) {
      return tally_issue_vouchers(e, R"({"role": "manufacturer", "id": "northpaw"})", issue.c_str(), at(42), o);
    });
  });
  add("redeem_voucher", [](tally_engine* e, Ids&, std::string& out) {
    tally_checkout* c = nullptr;
    std::int32_t status = tally_checkout_open(e, "raleigh", "C1002", "s7", at(43), &c);
    if (status == TALLY_OK) status = tally_checkout_redeem_voucher(c, "NP-1", "084213101044", 1699, nullptr);
    if (status == TALLY_OK) status = with_answer(out, [&](char** o) { return tally_checkout_finish(c, o); });
    tally_checkout_free(c);
    return status;
  });
  add("change_voucher_item", [](tally_engine* e, Ids&, std::string& out) {
    return with_answer(out, [&](char** o) {
      return tally_change_voucher_item(e, kRetailer, "NP-1", "084213102041", 1799, at(44), o);
    });
  });
  return calls;
}

struct Outcome {
  std::int32_t first = TALLY_OK;  // the faulted attempt's status
  std::int32_t status = TALLY_OK;  // the last attempt's
  std::string out, bytes, bytes_after_first;
  long calls = 0;
};

// Runs `call` on a fresh engine over a copy of `before`, the store failing as told; with
// `rerun`, a failed call is made once more on a healthy store. With `keep`, the store
// is handed back instead of released.
Outcome run(const Call& call, const store& before, Ids& ids, long fail_at, int fail_with, long fail_times, bool rerun,
            store* keep = nullptr) {
  store s = copy_of(before);
  tally_engine* engine = open_engine(s);
  s.calls = 0;
  s.fail_at = fail_at;
  s.fail_with = fail_with;
  s.fail_times = fail_times;
  Outcome o;
  o.first = o.status = call.run(engine, ids, o.out);
  o.calls = s.calls;
  if (rerun && o.status != TALLY_OK) {
    o.bytes_after_first = dump(s);
    s.fail_at = 0;
    o.status = call.run(engine, ids, o.out);
  }
  o.bytes = dump(s);
  tally_engine_close(engine);
  if (keep) *keep = s;
  else c_store_release(&s);
  return o;
}

// --answers DIR: the chain once on a memory engine, then every read, each document sent and
// answered written to DIR as {"schema", "document"} for the schema check (docs/schema/).
const std::map<std::string, std::string> kAnswerSchemas = {
    {"load_catalog", "catalog_summary"}, {"enroll", "enrollment_change"}, {"save_customer", "customer"},
    {"run_checkout", "checkout_result"}, {"checkout_finish", "checkout_result"}, {"adoption_bundle", "checkout_result"},
    {"run_checkout_open_card", "checkout_result"}, {"run_checkout_third_line", "checkout_result"},
    {"points_reward", "checkout_result"},
    {"pull_batch", "batch"}, {"unbatch_line", "credit_line"}, {"unbatch", "batch"}, {"pull_batch_again", "batch"},
    {"decline_line", "credit_line"}, {"fix_account_number", "enrollment"}, {"resubmit_line", "credit_line"},
    {"fulfill_batch", "batch"}, {"reconcile_line", "credit_line"}, {"claim_credit", "batch"}, {"pay_credit_batch", "batch"},
    {"reconcile_batch", "batch"}, {"pull_direct_batch", "batch"}, {"release_holding", "enrollment_change"},
    {"create_retailer_batch", "batch"}, {"submit_retailer_batch", "batch"}, {"complete_retailer_batch", "batch"},
    {"review_enrollment", "enrollment"}, {"undo_redemption", "redemption"}, {"return_items", "return_result"},
    {"split_card", "cards"}, {"merge_customers", "customer"}, {"cash_back_and_pass", "checkout_result"},
    {"issue_vouchers", "vouchers"}, {"redeem_voucher", "checkout_result"}, {"change_voucher_item", "voucher"},
    {"issue_coupons", "coupon_issue_result"}, {"redeem_coupon", "checkout_result"}};

int write_answers(const std::string& dir) {
  std::vector<std::pair<std::string, std::string>> documents;
  sent = &documents;
  tally_engine* engine = nullptr;
  capi_test::must(tally_engine_open_memory(note("engine_options", R"({"account": "store-42"})").c_str(), &engine),
                  "tally_engine_open_memory");
  capi_test::load_sample_store(engine);
  Ids ids;
  for (const Call& call : chain()) {
    std::string out;
    capi_test::must(call.run(engine, ids, out), call.name);
    if (call.learn) call.learn(engine, ids);
    if (const auto it = kAnswerSchemas.find(call.name); it != kAnswerSchemas.end()) documents.emplace_back(it->second, out);
  }
  for (const char* actor : {kEastern, kRetailer, R"({"role": "manufacturer", "id": "northpaw"})", R"({"role": "retailer", "id": "raleigh"})"})
    note("actor", actor);
  auto read = [&](const char* schema, const std::string& name, const std::function<std::int32_t(char**)>& call) {
    std::string out;
    capi_test::must(with_answer(out, call), name);
    documents.emplace_back(schema, out);
  };
  read("catalog", "tally_catalog", [&](char** o) { return tally_catalog(engine, o); });
  read("locations", "tally_locations", [&](char** o) { return tally_locations(engine, o); });
  read("location", "tally_location", [&](char** o) { return tally_location(engine, "raleigh", o); });
  read("enrollments", "tally_enrollments", [&](char** o) { return tally_enrollments(engine, "raleigh", o); });
  read("customer", "tally_customer", [&](char** o) { return tally_customer(engine, "C1001", o); });
  read("auto_enrollments", "tally_auto_enrollments", [&](char** o) { return tally_auto_enrollments(engine, o); });
  read("cards", "tally_cards", [&](char** o) { return tally_cards(engine, "C1001", 1, o); });
  read("rewards", "tally_rewards", [&](char** o) { return tally_rewards(engine, "C1003", "raleigh", o); });
  read("credit_lines", "tally_credit_lines", [&](char** o) { return tally_credit_lines(engine, nullptr, nullptr, o); });
  read("credit_line", "tally_credit_line", [&](char** o) { return tally_credit_line(engine, ids.line_a, o); });
  read("journal", "tally_journal", [&](char** o) { return tally_journal(engine, 0, 1000, o); });
  read("batch", "tally_batch", [&](char** o) { return tally_batch(engine, ids.batch, o); });
  read("batches", "tally_batches", [&](char** o) { return tally_batches(engine, nullptr, o); });
  read("batches_due", "tally_batches_due", [&](char** o) { return tally_batches_due(engine, "2026-11-09", o); });
  read("command_center", "tally_command_center", [&](char** o) { return tally_command_center(engine, "raleigh", at(40), o); });
  read("checkout_result", "tally_checkout_result", [&](char** o) { return tally_checkout_result(engine, "raleigh", "s1", o); });
  read("adoption_eligibility", "tally_adoption_eligibility",
       [&](char** o) { return tally_adoption_eligibility(engine, "C1002", "raleigh", "cat", "2026-11-01", "shelter", at(40), o); });
  read("customer_points", "tally_customer_points", [&](char** o) { return tally_customer_points(engine, "C1001", "raleigh", at(40), o); });
  read("points_history", "tally_points_history",
       [&](char** o) { return tally_points_history(engine, "C1001", "tail-points", 0, 100, o); });
  read("vouchers", "tally_vouchers", [&](char** o) { return tally_vouchers(engine, "raleigh", nullptr, at(45), o); });
  read("voucher", "tally_voucher", [&](char** o) { return tally_voucher(engine, "NP-1", at(45), o); });
  read("coupons", "tally_customer_coupons", [&](char** o) { return tally_customer_coupons(engine, "C1002", 1, o); });
  read("coupon", "tally_coupon", [&](char** o) { return tally_coupon(engine, ids.coupon, o); });
  for (const char* kind : {"free_goods_credit_status", "rebate_credit_status", "retailer_credit_batches", "redemptions_by_date",
                           "participation", "transactions", "points_liability"}) {
    const std::string query = note("report_query", std::string(kind) == "points_liability"
                                                       ? R"({"location": "raleigh", "to": "2026-11-30"})"
                                                       : R"({"location": "raleigh", "from": "2026-11-01", "to": "2026-11-30"})");
    read("report", std::string("tally_report ") + kind,
         [&](char** o) { return tally_report(engine, kind, query.data(), query.size(), at(40), o); });
  }
  {
    tally_checkout* c = nullptr;
    capi_test::must(tally_checkout_open(engine, "raleigh", "C1002", "s9", at(41), &c), "tally_checkout_open");
    const std::string line = note("sale_line", R"({"upc": "086342410158", "quantity": 1, "unit_price": 4599})");
    read("punches", "tally_checkout_add_line_json",
         [&](char** o) { return tally_checkout_add_line_json(c, line.data(), line.size(), o); });
    read("punches", "tally_checkout_punches", [&](char** o) { return tally_checkout_punches(c, o); });
    read("rewards", "tally_checkout_rewards", [&](char** o) { return tally_checkout_rewards(c, o); });
    read("offers", "tally_checkout_offers", [&](char** o) { return tally_checkout_offers(c, o); });
    read("points_statuses", "tally_checkout_points", [&](char** o) { return tally_checkout_points(c, o); });
    read("vouchers", "tally_checkout_vouchers", [&](char** o) { return tally_checkout_vouchers(c, o); });
    read("coupon_statuses", "tally_checkout_coupons", [&](char** o) { return tally_checkout_coupons(c, o); });
    tally_checkout_free(c);
  }
  tally_engine_close(engine);
  sent = nullptr;
  int n = 0;
  for (const auto& [schema, document] : documents) {
    char name[32];
    std::snprintf(name, sizeof name, "/%03d.json", ++n);
    std::ofstream file(dir + name, std::ios::binary);
    file << R"({"schema": ")" << schema << R"(", "document": )" << document << "}\n";
    if (!file) {
      std::fprintf(stderr, "cannot write %s%s\n", dir.c_str(), name);
      return 1;
    }
  }
  std::printf("%d documents written to %s\n", n, dir.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--answers") return write_answers(argv[2]);
  store live;
  std::memset(&live, 0, sizeof live);
  {
    tally_engine* engine = open_engine(live);
    capi_test::load_sample_store(engine);
    tally_engine_close(engine);
  }
  Ids ids;
  long runs = 0, operations = 0;
  for (const Call& call : chain()) {
    const store before = live;
    const std::string before_bytes = dump(live);
    const Outcome clean = run(call, before, ids, 0, TALLY_STORE_OK, 0, false, &live);
    if (clean.status != TALLY_OK) {
      fail(call.name + ": " + tally_status_name(clean.status) + ": " + tally_last_error());
      c_store_release(const_cast<store*>(&before));
      break;
    }
    ++operations;
    for (long k = 1; k <= clean.calls; ++k) {
      const std::string at_k = " at callback " + std::to_string(k) + " of " + std::to_string(clean.calls);
      // The k-th callback fails: refused, nothing written; then a rerun as if clean.
      const Outcome faulted = run(call, before, ids, k, TALLY_STORE_FAILED, 1, true);
      if (faulted.first != TALLY_E_STORAGE_FAILED)
        fail(call.name + ": a failure" + at_k + " answered " + tally_status_name(faulted.first));
      else if (faulted.bytes_after_first != before_bytes)
        fail(call.name + ": the store changed when it failed" + at_k);
      if (faulted.status != TALLY_OK || faulted.out != clean.out || faulted.bytes != clean.bytes)
        fail(call.name + ": the rerun after a failure" + at_k + " differs from a clean run");
      // Busy from the k-th callback, a few times running: the same as never busy.
      const Outcome busy = run(call, before, ids, k, TALLY_STORE_BUSY, kBusyTimes, false);
      if (busy.status != TALLY_OK || busy.out != clean.out || busy.bytes != clean.bytes)
        fail(call.name + ": busy" + at_k + " answered " + tally_status_name(busy.status) +
             (busy.status == TALLY_OK ? " but left other bytes or another answer than a never-busy store" : ""));
      runs += 2;
    }
    std::printf("%-24s %3ld store callbacks, each failed and busy in turn\n", call.name.c_str(), clean.calls);
    if (call.learn) {
      tally_engine* engine = open_engine(live);
      call.learn(engine, ids);
      tally_engine_close(engine);
    }
    c_store_release(const_cast<store*>(&before));
  }
  c_store_release(&live);
  std::printf("%ld operations, %ld faulted or busy runs: %s\n", operations, runs, failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
