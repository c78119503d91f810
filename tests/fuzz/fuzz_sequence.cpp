// SPDX-License-Identifier: Apache-2.0
// A random sequence of C API calls, read from the fuzzer's bytes, on a fresh sample store:
// visits opened, lines rung up, rewards redeemed and undone, finishes, abandoned visits,
// returns, batch steps by each actor, reports and the Command Center, with time moving on.
// After every step: no call answered internal, every credit line's history ends in its
// state, no open card holds more punches than it requires, and every finished receipt still
// answers the result its finish returned.
#include <map>
#include <vector>

#include "fuzz_support.hpp"

namespace {

namespace json = boost::json;

class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  bool empty() const { return at_ >= size_; }
  std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
  template <std::size_t N>
  const char* pick(const char* const (&options)[N]) { return options[next() % N]; }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t at_ = 0;
};

const char* const kLocations[] = {"raleigh", "richmond"};
const char* const kCustomers[] = {"C1001", "C1002", "C1003", "C1004"};
// Dog food 4 lb (a card), its excluded size, 24 lb, cat food, a self-wash, a treat (offer
// reward), a 15 lb bag (offer buy), and a UPC the catalog does not have.
const char* const kUpcs[] = {"084213101044", "084213102041", "084213101013", "084213101242", "084213201034",
                             "400000100104", "086342710067", "086342410158", "012345678905"};
const char* const kCards[][2] = {{"northpaw-fb", "dog-small"}, {"northpaw-fb", "cat"}, {"self-wash", "wash"},
                                 {"harbor-hound-fb", "treats"}};
const char* const kActors[] = {R"({"role": "retailer"})", R"({"role": "distributor", "id": "eastern"})",
                               R"({"role": "distributor", "id": "chesapeake"})", R"({"role": "manufacturer", "id": "northpaw"})"};
const char* const kReports[] = {"free_goods_credit_status", "rebate_credit_status", "redemptions_by_date", "participation",
                                "transactions"};
const std::int64_t kPrices[] = {1899, 2499, 0, -5, TALLY_PRICE_LAST_KNOWN};

struct Finished {
  std::string location;
  std::string receipt;
  json::object result;
};

json::object without_replayed(json::value v) {
  auto o = v.as_object();
  o.erase("replayed");
  return o;
}

void check_invariants(tally_engine* engine, const std::vector<Finished>& finished) {
  fuzz::Answer lines;
  fuzz::ok(tally_credit_lines(engine, nullptr, nullptr, lines.out()), "tally_credit_lines");
  for (const auto& line : lines.array()) {
    const auto& history = line.at("history").as_array();
    if (history.empty() || history.back().at("state") != line.at("state"))
      fuzz::fail("credit line " + json::serialize(line.at("id")) + " is " + json::serialize(line.at("state")) +
                 " but its history ends elsewhere");
  }
  for (const char* customer : kCustomers) {
    fuzz::Answer cards;
    fuzz::ok(tally_cards(engine, customer, 1, cards.out()), "tally_cards");
    for (const auto& card : cards.array())
      if (card.at("status") == "open" && card.at("punch_count").to_number<std::int64_t>() > card.at("required").to_number<std::int64_t>())
        fuzz::fail(std::string("an open card of ") + customer + " holds more punches than it requires");
  }
  for (const auto& f : finished) {
    fuzz::Answer again;
    fuzz::ok(tally_checkout_result(engine, f.location.c_str(), f.receipt.c_str(), again.out()), "tally_checkout_result");
    if (without_replayed(again.json()) != f.result) fuzz::fail("receipt " + f.receipt + " no longer answers its finish's result");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Store store;
  tally_engine* engine = store.engine;
  Bytes in(data, size);
  tally_checkout* checkout = nullptr;
  std::string location, receipt;
  std::vector<Finished> finished;
  std::int64_t at = fuzz::kMonday;
  int receipts = 0;
  for (int step = 0; step < 64 && !in.empty(); ++step) {
    fuzz::Answer out;
    const char* actor = in.pick(kActors);
    switch (in.next() % 14) {
      case 0:
        if (checkout) break;
        location = in.pick(kLocations);
        receipt = "s" + std::to_string(++receipts);
        fuzz::not_internal(tally_checkout_open(engine, location.c_str(), in.pick(kCustomers), receipt.c_str(), at, &checkout),
                           "tally_checkout_open");
        break;
      case 1:
        if (checkout)
          fuzz::not_internal(tally_checkout_add_line(checkout, in.pick(kUpcs), in.next() % 13 - 1, kPrices[in.next() % 4], nullptr),
                             "tally_checkout_add_line");
        break;
      case 2:
        if (checkout) fuzz::not_internal(tally_checkout_set_multi_punch_reason(checkout, "stocking up"), "tally_checkout_set_multi_punch_reason");
        break;
      case 3:
        if (checkout) {
          const auto& card = kCards[in.next() % (sizeof kCards / sizeof *kCards)];
          fuzz::not_internal(tally_checkout_redeem(checkout, card[0], card[1], in.pick(kUpcs), kPrices[in.next() % 5], nullptr),
                             "tally_checkout_redeem");
        }
        break;
      case 4:
        if (checkout) fuzz::not_internal(tally_checkout_undo_redemption(checkout, in.next() % 3), "tally_checkout_undo_redemption");
        break;
      case 5:
        if (checkout) {
          if (store.all_or_nothing("tally_checkout_finish", [&] { return tally_checkout_finish(checkout, out.out()); }) == TALLY_OK)
            finished.push_back({location, receipt, without_replayed(out.json())});
          tally_checkout_free(checkout);
          checkout = nullptr;
        }
        break;
      case 6:  // the customer walks away
        tally_checkout_free(checkout);
        checkout = nullptr;
        break;
      case 7:
        store.all_or_nothing("tally_pull_batch", [&] { return tally_pull_batch(engine, actor, "weekly", nullptr, nullptr, at, out.out()); });
        break;
      case 8:
        store.all_or_nothing("tally_decline_line",
                             [&] { return tally_decline_line(engine, actor, 1 + in.next() % 4, "account", "", at, out.out()); });
        break;
      case 9: {
        const std::string memo = R"({"number": "CM-)" + std::to_string(step) + R"(", "amount": )" + std::to_string(in.next() * 100) + "}";
        store.all_or_nothing("tally_fulfill_batch",
                             [&] { return tally_fulfill_batch(engine, actor, 1 + in.next() % 3, memo.c_str(), at, out.out()); });
        break;
      }
      case 10:
        store.all_or_nothing("tally_reconcile_line", [&] { return tally_reconcile_line(engine, actor, 1 + in.next() % 4, at, out.out()); });
        store.all_or_nothing("tally_resubmit_line",
                             [&] { return tally_resubmit_line(engine, actor, 1 + in.next() % 4, "fixed", at, out.out()); });
        break;
      case 11:
        if (!finished.empty()) {
          const auto& f = finished[in.next() % finished.size()];
          const std::string doc = R"({"location": ")" + f.location + R"(", "receipt": ")" + f.receipt + R"(", "line": )" +
                                  std::to_string(in.next() % 2) + R"(, "quantity": 1, "return_id": "ret)" + std::to_string(step) +
                                  R"(", "at": )" + std::to_string(at) + "}";
          store.all_or_nothing("tally_return_items", [&] { return tally_return_items(engine, doc.data(), doc.size(), out.out()); });
          // A return changes what the receipt's result says about cards; what it answered at
          // finish is its own record, checked against the receipt below.
          for (auto& g : finished) {
            fuzz::Answer now;
            fuzz::ok(tally_checkout_result(engine, g.location.c_str(), g.receipt.c_str(), now.out()), "tally_checkout_result");
            g.result = without_replayed(now.json());
          }
        }
        break;
      case 12:
        fuzz::not_internal(tally_report(engine, in.pick(kReports), "{}", 2, at, out.out()), "tally_report");
        fuzz::not_internal(tally_command_center(engine, in.pick(kLocations), at, out.out()), "tally_command_center");
        break;
      default:
        at += 3600 * (1 + in.next());
        break;
    }
    check_invariants(engine, finished);
  }
  tally_checkout_free(checkout);
  return 0;
}
