// SPDX-License-Identifier: Apache-2.0
// `tally demo`: a fresh database, the sample catalog and stores, five weeks of checkouts at
// two stores, and a summary of what the engine recorded. Also the helpers the other
// subcommands share (reading files, loading a stores document).
#include "args.hpp"
#include "demo.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <tuple>
#include <vector>

#include <boost/json.hpp>

namespace tally_cli {

std::string read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

// ---------------------------------------------------------------------------------------
// The stores document

template <class T, class Parse>
std::vector<T> parse_each(const boost::json::object& doc, const std::string& key, Parse parse) {
  std::vector<T> out;
  const boost::json::value* items = doc.if_contains(key);
  if (!items) return out;
  if (!items->is_array())
    throw tally::Error(tally::ErrorCode::malformed_json, key + ": must be an array");
  const boost::json::array& array = items->get_array();
  for (std::size_t i = 0; i < array.size(); ++i) {
    try {
      out.push_back(parse(boost::json::serialize(array[i])));
    } catch (const tally::Error& e) {
      throw tally::Error(e.code(), key + "[" + std::to_string(i) + "]." + e.what());
    }
  }
  return out;
}

boost::json::object parse_stores_object(std::string_view json) {
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(json, ec);
  if (ec) throw tally::Error(tally::ErrorCode::malformed_json, "stores document: " + ec.message());
  if (!doc.is_object())
    throw tally::Error(tally::ErrorCode::malformed_json, "stores document: must be an object");
  for (const auto& member : doc.get_object()) {
    const std::string key(member.key());
    if (key != "locations" && key != "enrollments" && key != "customers" && key != "auto_enrollments")
      throw tally::Error(tally::ErrorCode::malformed_json,
                         key + ": unknown field (locations, enrollments, customers or auto_enrollments)");
  }
  return std::move(doc.get_object());
}

}  // namespace

StoresSummary load_stores(tally::Engine& engine, std::string_view json, tally::Timestamp at) {
  const boost::json::object doc = parse_stores_object(json);
  const auto locations = parse_each<tally::Location>(doc, "locations", tally::location_from_json);
  const auto enrollments =
      parse_each<tally::Enrollment>(doc, "enrollments", tally::enrollment_from_json);
  const auto customers = parse_each<tally::Customer>(doc, "customers", tally::customer_from_json);
  for (const auto& location : locations) engine.save_location(location, at);
  for (const auto& enrollment : enrollments) engine.enroll(enrollment, at);
  for (const auto& customer : customers) engine.save_customer(customer, at);
  if (const auto* rules = doc.if_contains("auto_enrollments"))
    for (const auto& rule : rules->as_array()) {
      tally::AutoEnrollmentRule r;
      r.id = std::string(rule.at("id").as_string());
      r.manufacturer_id = std::string(rule.at("manufacturer").as_string());
      r.distributor_id = std::string(rule.at("distributor").as_string());
      for (const auto& l : rule.at("locations").as_array()) r.location_ids.emplace_back(l.as_string());
      if (const auto* accounts = rule.as_object().if_contains("account_numbers"))
        for (const auto& [loc, acct] : accounts->as_object()) r.account_numbers[std::string(loc)] = std::string(acct.as_string());
      engine.add_auto_enrollment(r, at);
    }
  return {static_cast<int>(locations.size()), static_cast<int>(enrollments.size()),
          static_cast<int>(customers.size())};
}

namespace {

using tally::Cents;
using tally::Timestamp;

// ---------------------------------------------------------------------------------------
// The script: the stores' shelf prices and their regular customers

// Prices come from the till, never from the catalog: this is the shelf of both stores.
struct ShelfItem {
  const char* upc;
  Cents price;
};

constexpr ShelfItem kShelf[] = {
    {"084213101044", 1699},  // NorthPaw Chicken & Brown Rice Adult Dog 4 lb
    {"084213101242", 5899},  // NorthPaw Chicken & Brown Rice Adult Dog 24 lb
    {"084213102041", 1799},  // NorthPaw Lamb & Oatmeal Adult Dog 4 lb
    {"084213102249", 6199},  // NorthPaw Lamb & Oatmeal Adult Dog 24 lb
    {"084213103048", 1749},  // NorthPaw Puppy Chicken & Oatmeal 4 lb
    {"084213103246", 5999},  // NorthPaw Puppy Chicken & Oatmeal 24 lb
    {"084213101013", 499},   // NorthPaw Chicken & Brown Rice Adult Dog 1 lb trial
    {"084213201034", 1499},  // NorthPaw Indoor Cat Chicken 3 lb
    {"084213201126", 4299},  // NorthPaw Indoor Cat Chicken 12 lb
    {"084213202031", 1549},  // NorthPaw Salmon & Rice Cat 3 lb
    {"085977110044", 1899},  // Prairie Table Beef & Sweet Potato Dog 4 lb
    {"085977110150", 4699},  // Prairie Table Beef & Sweet Potato Dog 15 lb
    {"085977110303", 7499},  // Prairie Table Beef & Sweet Potato Dog 30 lb
    {"085977120043", 1799},  // Prairie Table Turkey & Barley Dog 4 lb
    {"085977120159", 4499},  // Prairie Table Turkey & Barley Dog 15 lb
    {"085977120302", 7199},  // Prairie Table Turkey & Barley Dog 30 lb
    {"085977130158", 4999},  // Prairie Table Grain-Free Whitefish Dog 15 lb
    {"085977130301", 7999},  // Prairie Table Grain-Free Whitefish Dog 30 lb
    {"085977510134", 349},   // Prairie Table Beef Stew Dog 13 oz can
    {"085977520133", 329},   // Prairie Table Chicken Stew Dog 13 oz can
    {"081654310059", 2499},  // Whisker & Wren Salmon Recipe Cat 5 lb
    {"081654320058", 2199},  // Whisker & Wren Chicken Recipe Cat 5 lb
    {"081654330057", 2299},  // Whisker & Wren Turkey Recipe Cat 5 lb
    {"081654340056", 2699},  // Whisker & Wren Duck & Pumpkin Recipe Cat 5 lb
    {"081654310011", 599},   // Whisker & Wren Salmon Recipe Cat 1 lb trial
    {"081654610036", 199},   // Whisker & Wren Salmon Pate 3 oz can
    {"081654620035", 189},   // Whisker & Wren Chicken Pate 3 oz can
    {"081654630034", 199},   // Whisker & Wren Tuna Flakes 3 oz can
    {"086342410158", 4699},  // Harbor Hound Ocean Fish & Potato Dog 15 lb
    {"086342410301", 7499},  // Harbor Hound Ocean Fish & Potato Dog 30 lb
    {"086342420157", 4299},  // Harbor Hound Chicken & Rice Dog 15 lb
    {"086342420300", 6999},  // Harbor Hound Chicken & Rice Dog 30 lb
    {"086342710067", 1199},  // Harbor Hound Salmon Jerky Dog Treats 6 oz
    {"086342720165", 899},   // Harbor Hound Peanut Butter Biscuits 16 oz
    {"089101810053", 1099},  // Thistle & Bone Duck Jerky Dog Treats 5 oz
    {"089101820045", 1299},  // Thistle & Bone Salmon Skin Rolls Dog Treats 4 oz
    {"089101830037", 699},   // Thistle & Bone Catnip Crunch Cat Treats 3 oz
    {"400000100104", 1500},  // Self-Wash Dog Bath (one visit)
};

std::optional<Cents> shelf_price(std::string_view upc) {
  for (const auto& item : kShelf)
    if (upc == item.upc) return item.price;
  return std::nullopt;
}

struct Shopper {
  const char* customer;
  const char* home;  // the store the customer usually visits
  const char* also;  // another store of the account, visited now and then (or nullptr)
  double visits_per_week;
  int max_units;                        // a visit buys 1 to max_units items
  std::vector<const char*> favourites;  // each item bought is one of these, at random
};

// The customers of examples/data/stores.json. Some of them show a rule at work: C1003 and
// C2004 buy Whisker & Wren (lesser or equal value), C1002 and C1005 Prairie Table (same size);
// C1004 and C1006 buy Harbor Hound, which Raleigh keeps in temporary holding until halfway;
// C1005 is a breeder, C1006 an employee; C1099 is the training customer (no credit lines),
// who also buys the trial bag the card excludes; C2004 shops in Raleigh now and then.
const std::vector<Shopper>& shoppers() {
  static const std::vector<Shopper> all = {
      // Tail Waggers Raleigh
      {"C1001", "raleigh", nullptr, 3.5, 2, {"084213101044", "084213102041", "400000100104"}},
      {"C1002", "raleigh", nullptr, 2.0, 2, {"085977110303", "085977120302"}},
      {"C1003", "raleigh", nullptr, 3.0, 2, {"081654310059", "081654320058", "081654610036"}},
      {"C1004", "raleigh", nullptr, 4.0, 2, {"086342410158", "086342710067", "086342720165"}},
      {"C1005", "raleigh", nullptr, 2.0, 3, {"085977120302", "084213103246"}},
      {"C1006", "raleigh", nullptr, 3.0, 2, {"086342420300", "086342720165", "089101810053"}},
      {"C1099", "raleigh", nullptr, 2.0, 2, {"084213101044", "084213101013"}},
      // Tail Waggers Richmond
      {"C2001", "richmond", nullptr, 3.0, 2, {"084213201034", "084213202031", "081654630034"}},
      {"C2002", "richmond", nullptr, 2.5, 2, {"086342410301", "086342420300", "086342710067"}},
      {"C2003", "richmond", nullptr, 3.0, 2, {"085977110150", "400000100104"}},
      {"C2004", "richmond", "raleigh", 3.0, 2, {"081654340056", "081654330057", "089101830037"}},
      {"C2005", "richmond", nullptr, 2.0, 3, {"089101820045", "089101810053", "085977520133"}},
  };
  return all;
}

bool is_favourite(const Shopper& shopper, std::string_view upc) {
  return std::any_of(shopper.favourites.begin(), shopper.favourites.end(),
                     [&](const char* favourite) { return upc == favourite; });
}

constexpr int kDays = 35;            // five weeks, 1 Oct to 4 Nov 2026
constexpr int kHalfway = kDays / 2;  // the day the store picks a real distributor
constexpr Timestamp kDay = 24 * 60 * 60;
constexpr Timestamp kStoreHours = 9 * 60 * 60;                 // 10:00 to 19:00 Eastern
constexpr const char* kFirstOpening = "2026-10-01T14:00:00Z";  // 10:00 EDT
constexpr const char* kDstEnds = "2026-11-01T06:00:00Z";       // 02:00 EDT becomes 01:00 EST
constexpr const char* kPickedDistributor = "piedmont";  // serves NC and needs no account number
constexpr double kRedeemNowChance = 0.7;

// ---------------------------------------------------------------------------------------
// Random choices: std::mt19937 with a fixed seed. The distributions are written out here
// (std::uniform_int_distribution differs between standard libraries), so every platform
// replays the same five weeks.

class Dice {
 public:
  explicit Dice(std::uint32_t seed) : rng_(seed) {}
  int roll(int sides) { return static_cast<int>(rng_() % static_cast<std::uint32_t>(sides)); }
  bool chance(double p) { return static_cast<double>(rng_()) < p * 4294967296.0; }

 private:
  std::mt19937 rng_;
};

// ---------------------------------------------------------------------------------------
// The simulation

struct Visit {
  const Shopper* shopper = nullptr;
  std::string location;
  std::string receipt;
  Timestamp at = 0;
  std::vector<tally::SaleLine> lines;
  bool redeem_now = true;  // takes a completed reward today rather than later
};

struct LocationStats {
  int checkouts = 0;
  int punches = 0;
  int redeemed = 0;
  int multi_punch = 0;
};

std::string date_of(Timestamp at) { return tally::format_timestamp(at).substr(0, 10); }

// What the cashier says when the till asks why one card gets several punches in one visit.
std::string multi_punch_reason(const tally::Checkout& checkout) {
  const std::string card = checkout.multi_punch_card();  // "program/card", or empty
  if (card.empty()) return {};
  int units = 0;
  for (const tally::Punch& punch : checkout.punches())
    if (punch.program_id + "/" + punch.card_id == card) ++units;
  return "bought " + std::to_string(units) + " items at once";
}

void add_unit(std::vector<tally::SaleLine>& lines, const char* upc) {
  for (auto& line : lines)
    if (line.upc == upc) {
      ++line.quantity;
      return;
    }
  tally::SaleLine line;
  line.upc = upc;
  line.unit_price = shelf_price(upc).value_or(0);
  lines.push_back(line);
}

// The free item the customer takes: a favourite if the rule allows one, else the first
// allowed item; none when no allowed item has a known price within the limit.
std::optional<tally::RedemptionRequest> choose_free_item(const tally::Reward& reward,
                                                         const Shopper& shopper) {
  std::optional<tally::RedemptionRequest> choice;
  for (const auto& item : reward.allowed) {
    std::optional<Cents> price = shelf_price(item.upc);
    if (!price) price = item.unit_price;
    if (!price || (reward.max_unit_price && *price > *reward.max_unit_price)) continue;
    if (choice && !is_favourite(shopper, item.upc)) continue;
    choice = tally::RedemptionRequest{reward.program_id, reward.card_id, item.upc, price};
    if (is_favourite(shopper, item.upc)) break;
  }
  return choice;
}

class Simulation {
 public:
  Simulation(tally::Engine& engine, std::uint32_t seed) : engine_(engine), dice_(seed), points_dice_(seed + 1) {}

  void run(Timestamp first_opening, Timestamp dst_ends) {
    for (int day = 0; day < kDays; ++day) {
      Timestamp opening = first_opening + day * kDay;
      if (opening >= dst_ends) opening += 60 * 60;  // 10:00 EST is an hour later in UTC
      if (day == kHalfway) pick_distributors(opening);
      for (const Visit& visit : plan_day(opening)) check_out(visit);
    }
  }

  const std::map<std::string, LocationStats>& stats() const { return stats_; }
  const std::vector<std::string>& events() const { return events_; }
  int checkouts() const { return checkouts_; }
  int offers_declined() const { return offers_declined_; }
  // The customer who paid the first points reward, whose points the summary shows.
  const std::string& first_points_customer() const { return first_points_customer_; }

 private:
  std::vector<Visit> plan_day(Timestamp opening) {
    std::vector<Visit> visits;
    for (const Shopper& shopper : shoppers()) {
      if (!dice_.chance(shopper.visits_per_week / 7.0)) continue;
      Visit visit;
      visit.shopper = &shopper;
      visit.location = shopper.also && dice_.chance(0.25) ? shopper.also : shopper.home;
      visit.at = opening + 60 * dice_.roll(static_cast<int>(kStoreHours / 60));
      const int units = 1 + dice_.roll(shopper.max_units);
      for (int unit = 0; unit < units; ++unit)
        add_unit(visit.lines, shopper.favourites[static_cast<std::size_t>(
                                  dice_.roll(static_cast<int>(shopper.favourites.size())))]);
      visit.redeem_now = dice_.chance(kRedeemNowChance);
      visits.push_back(std::move(visit));
    }
    std::sort(visits.begin(), visits.end(),
              [](const Visit& a, const Visit& b) { return a.at < b.at; });
    for (Visit& visit : visits) visit.receipt = next_receipt(visit.location);
    return visits;
  }

  std::string next_receipt(const std::string& location) {
    std::string prefix = location.substr(0, 3);
    std::transform(prefix.begin(), prefix.end(), prefix.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return prefix + "-" + std::to_string(10000 + ++receipts_[location]);
  }

  void check_out(const Visit& visit) {
    LocationStats& stats = stats_[visit.location];
    tally::CheckoutDocument document;
    tally::CheckoutResult result = ring_up(visit, document);
    ++checkouts_;
    ++stats.checkouts;
    stats.punches += static_cast<int>(result.punches.size());
    stats.redeemed += static_cast<int>(result.redemptions.size());
    if (!document.open.multi_punch_reason.empty()) ++stats.multi_punch;
    if (!retried_ && !result.redemptions.empty()) retry(document, result);
  }

  // One visit at the till; `document` records what was done, so the receipt can be resent.
  tally::CheckoutResult ring_up(const Visit& visit, tally::CheckoutDocument& document) {
    document.open = {visit.location, visit.shopper->customer, visit.receipt, visit.at, {}};
    document.lines = visit.lines;
    tally::Checkout checkout = engine_.open_checkout(document.open);
    for (const auto& line : document.lines) checkout.add_line(line);
    document.open.multi_punch_reason = multi_punch_reason(checkout);
    if (!document.open.multi_punch_reason.empty())
      checkout.set_multi_punch_reason(document.open.multi_punch_reason);
    for (const auto& reward : checkout.rewards()) settle(checkout, reward, visit, document);
    for (const auto& offer : checkout.offers()) take_offer(checkout, offer, document);
    for (const auto& program : checkout.points()) spend_points(checkout, program, visit, document);
    return checkout.finish();
  }

  // A customer who can afford a points reward takes the first one now and then.
  void spend_points(tally::Checkout& checkout, const tally::PointsStatus& program, const Visit& visit,
                    tally::CheckoutDocument& document) {
    for (const auto& reward : program.rewards) {
      if (!reward.available || !points_dice_.chance(0.5)) continue;
      tally::PointsRedemptionRequest request{program.program_id, reward.reward_id};
      checkout.redeem_points(request);
      document.points_redemptions.push_back(request);
      if (points_rewards_++ == 0) {
        first_points_customer_ = visit.shopper->customer;
        events_.push_back(date_of(visit.at) + "  " + visit.shopper->customer + " pays " + std::to_string(reward.points) +
                          " " + program.name + " for a " + reward.title + " (balance " +
                          std::to_string(program.balance) + " before the visit)");
      }
      return;
    }
  }

  // The customer takes a completed card's reward now, or leaves it waiting on the card.
  static void settle(tally::Checkout& checkout, const tally::Reward& reward, const Visit& visit,
                     tally::CheckoutDocument& document) {
    if (reward.pass_uses_left) return;  // a prepaid pass waits for the days it is used
    // Cash back has no item to choose: the card's cash back comes off the sale.
    const auto request = reward.cash_back
                             ? std::optional(tally::RedemptionRequest{reward.program_id, reward.card_id, "", std::nullopt})
                             : choose_free_item(reward, *visit.shopper);
    if (visit.redeem_now && request) {
      checkout.redeem(*request);
      document.redemptions.push_back(*request);
      return;
    }
    checkout.redeem_later(reward.program_id, reward.card_id);
    document.redeem_later.emplace_back(reward.program_id, reward.card_id);
  }

  // The customer takes what an offer gives, or now and then declines it.
  void take_offer(tally::Checkout& checkout, const tally::OfferStatus& offer, tally::CheckoutDocument& document) {
    if (offer.available == 0) return;
    if (dice_.chance(0.15)) {
      checkout.decline_offer(offer.offer_id);
      document.declined_offers.push_back(offer.offer_id);
      ++offers_declined_;
      return;
    }
    for (int i = 0; i < offer.available; ++i) {
      const std::string upc = offer.reward_items.empty() ? "" : offer.reward_items.front().upc;
      tally::OfferRedemptionRequest request{offer.offer_id, upc, shelf_price(upc)};
      checkout.redeem_offer(request);
      document.offer_redemptions.push_back(request);
    }
  }

  // The POS lost the answer and sends the same receipt again: the engine must return the
  // first result and change nothing.
  void retry(const tally::CheckoutDocument& document, const tally::CheckoutResult& first) {
    retried_ = true;
    const tally::CheckoutResult again = tally::run_checkout(engine_, document);
    const bool same = again.replayed && again.journal_seq == first.journal_seq &&
                      again.punches.size() == first.punches.size() &&
                      again.redemptions.size() == first.redemptions.size();
    events_.push_back(date_of(first.at) + "  " + first.receipt_id + " sent again: " +
                      (same ? "replayed; no second punch or redemption"
                            : "NOT REPLAYED: the engine stored it twice"));
  }

  void pick_distributors(Timestamp at) {
    for (const tally::Location& location : engine_.locations())
      for (tally::Enrollment enrollment : engine_.enrollments(location.id)) {
        if (enrollment.distributor_id != tally::kTemporaryHolding) continue;
        enrollment.distributor_id = kPickedDistributor;
        enrollment.account_number.clear();
        const tally::EnrollmentChange change = engine_.enroll(enrollment, at);
        events_.push_back(date_of(at) + "  " + location.id + " picks " + kPickedDistributor +
                          " for " + enrollment.program_id + ": " +
                          std::to_string(change.released_lines) + " held lines released");
      }
  }

  tally::Engine& engine_;
  Dice dice_;
  Dice points_dice_;  // its own, so that points leave the rest of the five weeks as they were
  std::map<std::string, LocationStats> stats_;
  std::map<std::string, int> receipts_;  // receipt numbers given out, per location
  std::vector<std::string> events_;
  int checkouts_ = 0;
  int offers_declined_ = 0;
  int points_rewards_ = 0;
  std::string first_points_customer_;
  bool retried_ = false;
};

// ---------------------------------------------------------------------------------------
// The summary

std::string full_name(tally::Engine& engine, const std::string& customer_id) {
  const tally::Customer customer = engine.customer(customer_id);
  return customer.first_name + " " + customer.last_name;
}

struct OpenCard {
  std::string customer;
  tally::Card card;
};

// Open cards of the store's regular customers, the closest to a reward first.
std::vector<OpenCard> cards_in_progress(tally::Engine& engine, const std::string& location) {
  std::vector<OpenCard> out;
  for (const Shopper& shopper : shoppers()) {
    if (location != shopper.home) continue;
    for (tally::Card& card : engine.cards(shopper.customer))
      if (card.status == "open" && !card.punches.empty())
        out.push_back({shopper.customer, std::move(card)});
  }
  auto missing = [](const OpenCard& open) {
    return open.card.required - static_cast<int>(open.card.punches.size());
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const OpenCard& a, const OpenCard& b) { return missing(a) < missing(b); });
  return out;
}

std::size_t rewards_waiting(tally::Engine& engine, const std::string& location) {
  std::size_t waiting = 0;
  for (const Shopper& shopper : shoppers())
    if (location == shopper.home) waiting += engine.rewards(shopper.customer, location).size();
  return waiting;
}

void print_location(tally::Engine& engine, const tally::Location& location,
                    const LocationStats& stats) {
  std::printf("\n%s (%s, %s)\n", location.name.c_str(), location.id.c_str(),
              location.state.c_str());
  std::printf("  checkouts %d   punches %d   multi-punch visits %d\n", stats.checkouts,
              stats.punches, stats.multi_punch);
  std::printf("  rewards redeemed %d   rewards waiting %zu\n", stats.redeemed,
              rewards_waiting(engine, location.id));
  const std::vector<OpenCard> open = cards_in_progress(engine, location.id);
  std::printf("  cards in progress %zu; the closest to a reward:\n", open.size());
  for (std::size_t i = 0; i < open.size() && i < 5; ++i) {
    const tally::Card& card = open[i].card;
    const std::string type =
        card.program_id + " / " + card.card_id + (card.size.empty() ? "" : " (" + card.size + ")");
    std::printf("    %-18s %-38s %3zu of %d\n", full_name(engine, open[i].customer).c_str(),
                type.c_str(), card.punches.size(), card.required);
  }
}

void print_credit_lines(tally::Engine& engine) {
  struct Total {
    int lines = 0;
    int units = 0;
    Cents value = 0;
  };
  std::map<std::tuple<std::string, std::string, std::string>, Total> totals;
  for (const tally::CreditLine& line : engine.credit_lines()) {
    Total& total = totals[{line.fulfillment, line.partner, line.state}];
    ++total.lines;
    total.units += line.quantity;
    total.value += line.unit_price * line.quantity;
  }
  std::printf("\nCredit lines: who pays the stores back for the free goods\n");
  std::printf("  %-12s %-18s %-10s %5s %5s %10s\n", "fulfillment", "partner", "state", "lines",
              "units", "value");
  for (const auto& [key, total] : totals)
    std::printf("  %-12s %-18s %-10s %5d %5d %10s\n", std::get<0>(key).c_str(),
                std::get<1>(key).c_str(), std::get<2>(key).c_str(), total.lines, total.units,
                dollars(total.value).c_str());
  if (totals.empty()) std::printf("  (none)\n");
}

// Follows the journal from the start as a central server would.
void print_journal(tally::Engine& engine) {
  const std::vector<tally::JournalEntry> all = follow_journal(engine, 0);
  const std::size_t shown = std::min<std::size_t>(all.size(), 5);
  std::printf("\nJournal: %zu entries; the last %zu\n", all.size(), shown);
  std::printf("  %6s  %-20s  %s\n", "seq", "at", "kind");
  for (const tally::JournalEntry& entry : std::vector(all.end() - static_cast<std::ptrdiff_t>(shown), all.end()))
    std::printf("  %6lld  %-20s  %s\n", static_cast<long long>(entry.seq),
                tally::format_timestamp(entry.at).c_str(), entry.kind.c_str());
}

// After the five weeks: the back office's work, as the store, a distributor and a brand.
std::vector<std::string> back_office(tally::Engine& engine, Timestamp at) {
  std::vector<std::string> events;
  const tally::Actor store{tally::ActorRole::retailer, ""};
  const tally::Actor eastern{tally::ActorRole::distributor, "eastern"};
  auto note = [&](const std::string& what) { events.push_back(date_of(at) + "  " + what); };

  // A shelter adoption: the bundle, then a second dog bundle the 365-day rule refuses.
  tally::Checkout adoption = engine.open_checkout({"raleigh", "C1001", "RAL-ADOPT-1", at, ""});
  const std::vector<std::string> bundle{"084213103048", "085977510134", "086342710067"};
  std::vector<std::optional<Cents>> prices;
  for (const auto& upc : bundle) prices.push_back(shelf_price(upc));
  adoption.redeem_adoption({"dog", "2026-10-20", "shelter", false, bundle, prices});
  note("C1001 adopts a dog: " + std::to_string(adoption.finish().redemptions.size()) + "-item Shelter Start bundle");
  const auto again = engine.adoption_eligibility("C1001", "richmond", "dog", "2026-11-01", "rescue", at + 600);
  note("a second dog bundle for C1001 is refused: " + again.reason);

  // The brand reviews the store's application to its private breeder club.
  engine.review_enrollment({tally::ActorRole::manufacturer, "prairie-table"}, "raleigh", "prairie-table-breeder", true, at);
  note("prairie-table approves raleigh for its private breeder club");

  // Eastern pulls its lines at Raleigh, declines one; the store fixes it; credit follows.
  tally::Batch batch = engine.pull_batch(eastern, "Eastern week 45", {"raleigh"}, at + 3600);
  const std::int64_t declined = batch.lines.front();
  engine.decline_line(eastern, declined, "wrong_account_number", "no account EPS-20417", at + 3700);
  const tally::CreditLine line = engine.credit_line(declined);
  engine.fix_account_number(store, "raleigh", line.program_id, "EPS-20499", at + 7200);
  engine.resubmit_line(store, declined, "account number corrected", at + 7300);
  note("eastern pulls batch " + std::to_string(batch.id) + " (" + std::to_string(batch.lines.size()) +
       " lines) and declines line " + std::to_string(declined) + "; raleigh fixes its account and resubmits");
  tally::Batch second = engine.pull_batch(eastern, "Eastern week 45b", {"raleigh"}, at + 8000);
  engine.fulfill_batch(eastern, batch.id, {"EPS-CM-1182", 0, "week 45"}, at + 9000);
  engine.fulfill_batch(eastern, second.id, {"EPS-CM-1183", 0, "resubmitted"}, at + 9100);
  engine.reconcile_batch(store, batch.id, at + 10000);
  engine.reconcile_batch(store, second.id, at + 10100);
  std::string walk, previous;
  for (const auto& event : engine.credit_line(declined).history) {
    // A fact that keeps the state (the account fix) shows what it was instead.
    walk += (walk.empty() ? "" : " > ") + (event.state == previous ? "(" + event.note + ")" : event.state);
    previous = event.state;
  }
  note("line " + std::to_string(declined) + ": " + walk);

  // The store's own batch of retailer-fulfilled lines goes to the brand.
  if (!engine.credit_lines("new", "retailer").empty()) {
    tally::Batch own = engine.create_retailer_batch(store, "October tracking", {}, at + 11000);
    engine.submit_retailer_batch(store, own.id, at + 11100);
    engine.complete_retailer_batch(store, own.id, at + 11200);
    note("retailer batch " + std::to_string(own.id) + ": " + std::to_string(own.lines.size()) +
         " tracking lines submitted and credited");
  }
  // Day camp paid up front: a pass of 10 days, the first used the day it is bought, nine
  // more days, then an eleventh day the pass no longer covers.
  tally::Checkout camp = engine.open_checkout({"richmond", "C2003", "RIC-CAMP-0", at, ""});
  camp.add_line({"400000100203", 1, 29900});
  camp.use_pass({"day-camp", "camp-10", 1});
  camp.finish();
  for (int day = 1; day < 10; ++day) {
    tally::CheckoutDocument visit;
    visit.open = {"richmond", "C2003", "RIC-CAMP-" + std::to_string(day), at + day * 60, ""};
    visit.pass_uses = {{"day-camp", "camp-10", 1}};
    tally::run_checkout(engine, visit);
  }
  tally::Checkout eleventh = engine.open_checkout({"richmond", "C2003", "RIC-CAMP-10", at + 600, ""});
  std::string refused = "taken";
  try {
    eleventh.use_pass({"day-camp", "camp-10", 1});
  } catch (const tally::Error& e) {
    refused = std::string(tally::error_code_name(e.code()));
  }
  note("C2003 buys a 10-day camp pass at richmond and uses all 10 days; an eleventh day is refused: " + refused);
  // NorthPaw thanks the customers who bought its goods with a $2 coupon for November (the
  // others are refused); one is redeemed at the till, and a second use of it is refused.
  tally::CouponIssue thanks{"northpaw", "thank_you", 200, {}, "2026-11-01", "2026-11-30",
                            {"C1001", "C1002", "C1003", "C1004", "C1005", "C1006", "C2001", "C2002", "C2003"}};
  const tally::CouponIssueResult issued = engine.issue_coupons({tally::ActorRole::manufacturer, "northpaw"}, thanks, at);
  note("northpaw issues " + std::to_string(issued.issued.size()) + " thank-you coupons of $2.00; " +
       std::to_string(issued.refused.size()) + " customers refused (never engaged with the brand)");
  if (!issued.issued.empty()) {
    const tally::Coupon& coupon = issued.issued.front();
    tally::Checkout redeem = engine.open_checkout({"raleigh", coupon.customer_id, "RAL-CPN-1", at + 700, ""});
    redeem.redeem_coupon(coupon.id);
    const tally::CheckoutResult result = redeem.finish();
    tally::Checkout twice = engine.open_checkout({"raleigh", coupon.customer_id, "RAL-CPN-2", at + 800, ""});
    std::string used = "taken";
    try {
      twice.redeem_coupon(coupon.id);
    } catch (const tally::Error& e) {
      used = std::string(tally::error_code_name(e.code()));
    }
    note(coupon.customer_id + " redeems coupon " + std::to_string(coupon.id) + " (rebate line " +
         std::to_string(result.redemptions.back().credit_line_id) + " owed by northpaw); a second use is refused: " + used);
  }
  engine.set_billing_flag("raleigh", "card on file expires this month", at);
  return events;
}

// Manufacturers' vouchers at Richmond, after the simulation (no random draw): the store
// assigns the voucher program's distributor, NorthPaw issues two vouchers for the staff, one
// is refused at the till for a bag outside its list, then redeemed, and its item changed.
std::vector<std::string> voucher_office(tally::Engine& engine, Timestamp at) {
  std::vector<std::string> events;
  auto note = [&](const std::string& what) { events.push_back(date_of(at) + "  " + what); };
  engine.enroll({"richmond", "northpaw-samples", "chesapeake", "CFP-88315"}, at);
  const auto issued = engine.issue_vouchers({tally::ActorRole::manufacturer, "northpaw"},
                                            {"northpaw-samples", "richmond", {"NP-101", "NP-102"}, 0, "2026-11-30",
                                             "staff feeding"},
                                            at + 60);
  note("NorthPaw issues " + std::to_string(issued.size()) + " vouchers to richmond for staff feeding, until 2026-11-30");
  engine.save_customer({"RIC-STAFF", "Richmond", "Staff"}, at + 60);
  tally::Checkout till = engine.open_checkout({"richmond", "RIC-STAFF", "RIC-VCH-1", at + 120, ""});
  std::string refused;
  try {
    till.redeem_voucher({"NP-101", "084213101242", shelf_price("084213101242")});
  } catch (const tally::Error& e) {
    refused = std::string(tally::error_code_name(e.code()));
  }
  note("a 24 lb bag for voucher NP-101 is refused at the till: " + refused);
  till.redeem_voucher({"NP-101", "084213101044", shelf_price("084213101044")});
  const tally::Redemption taken = till.finish().redemptions.at(0);
  note("NP-101 is redeemed for a 4 lb chicken bag: credit line " + std::to_string(taken.credit_line_id) + " " +
       taken.credit_state + " at chesapeake");
  const tally::Voucher changed = engine.change_voucher_item({tally::ActorRole::retailer, "richmond"}, "NP-101",
                                                            "084213102041", shelf_price("084213102041"), at + 180);
  note("richmond changes NP-101 to a 4 lb lamb bag while the line is new: credit line " +
       std::to_string(changed.credit_line_id));
  return events;
}

// One line per state of a credit stream at a location this week.
void print_credit_status(tally::Engine& engine, const char* kind, const char* location, Timestamp at) {
  const auto doc = boost::json::parse(engine.report(
      kind, std::string(R"({"location": ")") + location + R"(", "from": "2026-10-01"})", at));
  std::printf("  %-24s %-9s", kind, location);
  if (doc.at("totals").as_object().empty()) std::printf("  none");
  for (const auto& [state, totals] : doc.at("totals").as_object())
    std::printf("  %s %lld ($%.2f)", std::string(state).c_str(), static_cast<long long>(totals.at("lines").as_int64()),
                static_cast<double>(totals.at("value").as_int64()) / 100.0);
  std::printf("\n");
}

void print_summary(tally::Engine& engine, const Simulation& simulation) {
  std::printf("\nWhat happened\n");
  for (const std::string& event : simulation.events()) std::printf("  %s\n", event.c_str());
  std::printf("  %d checkouts in %d days at %zu stores\n", simulation.checkouts(), kDays,
              simulation.stats().size());
  for (const tally::Location& location : engine.locations()) {
    auto it = simulation.stats().find(location.id);
    print_location(engine, location, it == simulation.stats().end() ? LocationStats{} : it->second);
  }
  print_credit_lines(engine);
  print_journal(engine);
}

// The points each store owes its customers, and one customer's balance and last changes.
void print_points(tally::Engine& engine, const std::string& customer, Timestamp at) {
  std::printf("\nTail Waggers Points\n");
  for (const char* location : {"raleigh", "richmond"}) {
    const auto doc = boost::json::parse(engine.report("points_liability", std::string(R"({"location": ")") + location + "\"}", at));
    for (const auto& row : doc.at("programs").as_array())
      std::printf("  %-9s %lld points outstanding with %lld customers\n", location,
                  static_cast<long long>(row.at("points").as_int64()), static_cast<long long>(row.at("customers").as_int64()));
  }
  if (customer.empty()) return;
  for (const tally::CustomerPoints& points : engine.points(customer, "raleigh", at)) {
    std::printf("  %s: %lld points\n", full_name(engine, points.customer_id).c_str(),
                static_cast<long long>(points.balance));
    const auto history = engine.points_history(points.customer_id, points.program_id);
    const std::size_t shown = std::min<std::size_t>(history.size(), 4);
    for (auto it = history.end() - static_cast<std::ptrdiff_t>(shown); it != history.end(); ++it)
      std::printf("    %s  %-8s %+5lld  balance %lld  %s%s\n", it->business_date.c_str(), it->kind.c_str(),
                  static_cast<long long>(it->points), static_cast<long long>(it->balance), it->receipt_id.c_str(),
                  it->reward_id.empty() ? "" : (" (" + it->reward_id + ")").c_str());
  }
}

void print_back_office(tally::Engine& engine, const std::vector<std::string>& events, Timestamp at,
                       const Simulation& simulation) {
  const int offers_declined = simulation.offers_declined();
  std::map<std::string, int> kinds;
  for (const char* location : {"raleigh", "richmond"}) {
    const auto doc = boost::json::parse(engine.report(
        "redemptions_by_date", std::string(R"({"location": ")") + location + R"(", "from": "2026-10-01"})", at));
    for (const auto& r : doc.at("redemptions").as_array()) ++kinds[std::string(r.at("kind").as_string())];
  }
  std::printf("\nRedemptions by kind:");
  for (const auto& [kind, n] : kinds) std::printf("  %s %d", kind.c_str(), n);
  std::printf("  (offers declined: %d)\n", offers_declined);
  std::printf("\nBack office\n");
  for (const std::string& event : events) std::printf("  %s\n", event.c_str());
  print_points(engine, simulation.first_points_customer(), at);
  std::printf("\nCredit status since 1 October\n");
  for (const char* location : {"raleigh", "richmond"})
    for (const char* kind : {"free_goods_credit_status", "rebate_credit_status"}) print_credit_status(engine, kind, location, at);
  std::printf("\n");
  print_command_center(engine.command_center("raleigh", at));
}

// ---------------------------------------------------------------------------------------
// Setting up

std::filesystem::path data_directory(const DemoOptions& options) {
  if (!options.data_dir.empty()) return utf8_path(options.data_dir);
#ifdef TALLY_SOURCE_DIR
  if (std::filesystem::exists(TALLY_SOURCE_DIR "/examples/data/catalog.json"))
    return TALLY_SOURCE_DIR "/examples/data";
#endif
  return "examples/data";
}

tally::Engine fresh_engine(const DemoOptions& options) {
  tally::EngineOptions engine_options;
  engine_options.account = options.account;
  return tally::Engine(open_store(options.db_path, options.sqlite, options.account), engine_options);
}

}  // namespace

int run_demo(const DemoOptions& options) {
  const std::filesystem::path data = data_directory(options);
  const std::string catalog_json = read_text_file(utf8_string(data / "catalog.json"));
  const std::string stores_json = read_text_file(utf8_string(data / "stores.json"));
  tally::Engine engine = fresh_engine(options);

  const Timestamp first_opening = tally::parse_timestamp(kFirstOpening);
  const Timestamp setup = first_opening - kDay;
  const tally::CatalogSummary catalog = engine.load_catalog(catalog_json, setup);
  const StoresSummary stores = load_stores(engine, stores_json, setup);
  std::printf("Tally demo: database %s, data from %s\n", options.db_path.c_str(),
              utf8_string(data).c_str());
  std::printf("  catalog: %d manufacturers, %d distributors, %d products, %d programs\n",
              catalog.manufacturers, catalog.distributors, catalog.products, catalog.programs);
  std::printf("  stores:  %d locations, %d enrollments, %d customers\n", stores.locations,
              stores.enrollments, stores.customers);

  Simulation simulation(engine, 42);
  simulation.run(first_opening, tally::parse_timestamp(kDstEnds));
  const Timestamp evening = first_opening + kDays * kDay + 8 * 60 * 60;  // 5 Nov, 17:00 EST
  std::vector<std::string> office = back_office(engine, evening);
  for (std::string& event : voucher_office(engine, evening + 2 * 60 * 60)) office.push_back(std::move(event));
  print_summary(engine, simulation);
  print_back_office(engine, office, evening + 12 * 60 * 60, simulation);
  // Commands to paste from any folder: this program and the database by absolute paths.
  std::error_code unknown;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", unknown);
  const std::string program = unknown ? "tally" : self.string();
  std::string db = options.db_path;
  if (!is_postgres(db) && db != ":memory:") db = utf8_string(std::filesystem::absolute(utf8_path(db)));
  db = "--db " + db;
  if (options.account != tally::EngineOptions{}.account) db += " --account " + options.account;
  std::printf("\nExplore what the demo stored (%s help lists every command; --json or --csv for scripts):\n",
              program.c_str());
  for (const char* command : {"cards C1001", "points C1001 raleigh", "points-history C1001 tail-points", "lines --state new", "line-show 1", "batch-list",
                              "report free_goods_credit_status --location raleigh --from 2026-10-01 --to 2026-11-06",
                              "command-center raleigh --html command-center.html", "journal --limit 20"})
    std::printf("  %s %s %s\n", program.c_str(), command, db.c_str());
  return 0;
}

}  // namespace tally_cli
