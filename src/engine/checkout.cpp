// SPDX-License-Identifier: Apache-2.0
// The checkout: a visit previewed at the till against a snapshot, then stored in one
// transaction. The till's preview is built a line at a time; the finish re-reads what the
// preview read and, when nothing changed, stores the preview's plan instead of planning the
// visit again.
#include <algorithm>
#include <set>
#include <tuple>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "codec/stored.hpp"
#include "domain/fulfillment.hpp"
#include "domain/gtin.hpp"
#include "domain/offers.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

constexpr std::size_t kMaxLines = limits::kLines;

using CardType = std::pair<std::string, std::string>;  // program, card

// What the visit reads from storage: the location's configuration (cached by the engine),
// the customer, the wallet of live cards, and in full only the cards of the types the visit
// can punch or redeem. The stored bytes are kept so that the finish can tell whether anything
// changed since the till read them.
struct Snapshot {
  std::shared_ptr<const domain::Catalog> catalog;
  std::shared_ptr<const LocationConfig> config;
  std::string config_rev;
  Customer customer;
  std::string customer_bytes;
  std::vector<domain::CardSummary> wallet;
  std::string wallet_bytes;
  std::map<std::int64_t, domain::CardState> cards;  // loaded cards, by number
  std::map<std::int64_t, std::string> card_bytes;
  std::set<CardType> types;  // card types loaded

  bool same_reads(const Snapshot& other) const {
    return config_rev == other.config_rev && customer_bytes == other.customer_bytes &&
           wallet_bytes == other.wallet_bytes && card_bytes == other.card_bytes;
  }
};

Snapshot read_snapshot(EngineImpl& impl, Txn& txn, const std::string& customer_id, const std::string& location_id) {
  Snapshot s;
  std::tie(s.catalog, s.config) = impl.visit_config(txn, location_id);
  s.config_rev = impl.config_rev;
  const std::string customer_key = keys::customer(customer_id);
  auto customer = txn.get(customer_key);
  if (!customer) throw Error(ErrorCode::unknown_customer, "customer: '" + customer_id + "' does not exist");
  s.customer = codec::decode_customer(*customer, customer_key);
  s.customer_bytes = std::move(*customer);
  if (!s.customer.merged_into.empty())
    throw Error(ErrorCode::invalid_state, "customer: " + s.customer.id + " was merged into " + s.customer.merged_into +
                                              "; ring the visit up on " + s.customer.merged_into);
  const std::string wallet_key = keys::wallet(customer_id);
  if (auto wallet = txn.get(wallet_key)) {
    s.wallet = codec::decode_wallet(*wallet, wallet_key);
    s.wallet_bytes = std::move(*wallet);
  }
  return s;
}

// The card types a sale line may punch or force an exception onto.
void line_types(const domain::Catalog& catalog, const SaleLine& line, std::set<CardType>& types) {
  if (!line.exception_program.empty() || !line.exception_card.empty()) {
    types.emplace(line.exception_program, line.exception_card);
    return;
  }
  if (!domain::gtin_problem(line.upc).empty()) return;
  for (const auto& ref : catalog.cards_for(domain::gtin14(line.upc))) types.emplace(ref.program->id, ref.card->id);
}

// The card types whose cards the visit may punch, redeem or force an exception onto.
std::set<CardType> types_touched(const domain::Catalog& catalog, const domain::Visit& visit) {
  std::set<CardType> types;
  for (const auto& line : visit.lines) line_types(catalog, line, types);
  for (const auto& r : visit.redemptions) types.emplace(r.program_id, r.card_id);
  for (const auto& u : visit.pass_uses) types.emplace(u.program_id, u.card_id);
  return types;
}

// The types of the wallet's cards whose waiting reward is shown from the card in full.
void reward_types(const domain::Catalog& catalog, const std::vector<domain::CardSummary>& wallet,
                  std::set<CardType>& types) {
  for (const auto& entry : wallet)
    if (domain::reward_reads_card(catalog, entry)) types.emplace(entry.program_id, entry.card_id);
}

// Whether some of the types are not loaded yet and the wallet lists cards of them (a type
// without cards in the wallet is loaded by noting it: there is nothing to read).
bool needs_reads(Snapshot& s, const std::set<CardType>& types) {
  bool reads = false;
  for (const auto& t : types) {
    if (s.types.count(t)) continue;
    bool listed = false;
    for (const auto& entry : s.wallet) listed = listed || (entry.program_id == t.first && entry.card_id == t.second);
    if (listed) reads = true;
    else s.types.insert(t);
  }
  return reads;
}

// Reads in full the wallet's cards of the given types not read yet.
void load_cards(Txn& txn, Snapshot& s, const std::set<CardType>& types) {
  std::vector<const CardType*> fresh;
  for (const auto& t : types)
    if (!s.types.count(t)) fresh.push_back(&t);
  if (fresh.empty()) return;
  for (const auto& entry : s.wallet) {
    bool wanted = false;
    for (const CardType* t : fresh) wanted = wanted || (entry.program_id == t->first && entry.card_id == t->second);
    if (!wanted || s.cards.count(entry.number)) continue;
    const std::string key = keys::card(entry.number);
    auto bytes = txn.get(key);
    if (!bytes) throw Error(ErrorCode::storage_corrupt, keys::wallet(s.customer.id) + ": lists card " +
                                                            std::to_string(entry.number) + ", which is not stored");
    domain::CardState card = codec::decode_card(*bytes, key);
    if (card.customer_id != s.customer.id || card.status == domain::CardStatus::redeemed)
      throw Error(ErrorCode::storage_corrupt, keys::wallet(s.customer.id) + ": lists card " +
                                                  std::to_string(entry.number) + ", which is not a live card of " +
                                                  s.customer.id);
    s.cards.emplace(entry.number, std::move(card));
    s.card_bytes.emplace(entry.number, std::move(*bytes));
  }
  for (const CardType* t : fresh) s.types.insert(*t);
}

// The live cards as the planner takes them, oldest first: in full where loaded.
std::vector<domain::CardState> plan_cards(const Snapshot& s) {
  std::vector<domain::CardState> cards;
  cards.reserve(s.wallet.size());
  for (const auto& entry : s.wallet) {
    auto it = s.cards.find(entry.number);
    cards.push_back(it != s.cards.end() ? it->second : domain::from_summary(entry, s.customer.id));
  }
  return cards;
}

// Shelf prices: this visit's own lines first (the last line of a product wins), then the
// last price seen at the location, read once per product.
class Prices {
 public:
  Prices(const domain::Visit& visit, domain::PriceFn lookup) : visit_(visit), lookup_(std::move(lookup)) {}
  std::optional<Cents> operator()(const std::string& key) {
    if (!own_ready_) {
      for (const auto& line : visit_.lines)
        if (domain::gtin_problem(line.upc).empty()) own_[domain::gtin14(line.upc)] = line.unit_price;
      own_ready_ = true;
    }
    if (auto it = own_.find(key); it != own_.end()) return it->second;
    auto [it, fresh] = stored_.try_emplace(key);
    if (fresh) it->second = lookup_(key);
    return it->second;
  }

 private:
  const domain::Visit& visit_;
  domain::PriceFn lookup_;
  bool own_ready_ = false;
  std::map<std::string, Cents> own_;  // the last line of each product
  std::map<std::string, std::optional<Cents>> stored_;
};

// Runs a read against the store: the finish's own transaction, or a fresh read at the till.
using StoreReader = std::function<void(const std::function<void(Txn&)>&)>;

domain::VisitEnv visit_env(const Snapshot& s, const domain::Visit& visit, Prices& prices, const StoreReader& read) {
  domain::VisitEnv env;
  env.enrolled = [&s](const std::string& program) {
    auto it = s.config->enrollments.find(program);
    return it != s.config->enrollments.end() && it->second.active();
  };
  env.price = [&prices](const std::string& key) { return prices(key); };
  env.offer_usage = [&read, &visit](const std::string& offer) {
    domain::OfferUsage usage;
    read([&](Txn& txn) { usage = engine::read_offer_usage(txn, offer, visit.customer.id); });
    return usage;
  };
  env.last_adoption = [&read, &visit](const std::string& species) {
    std::optional<std::int64_t> day;
    read([&](Txn& txn) { day = engine::read_last_adoption(txn, visit.customer.id, species); });
    return day;
  };
  return env;
}

// Offer limits and the household's last bundle are consumed in the finishing transaction, so
// a plan that read them is never reused.
bool reads_limits(const domain::Visit& visit) { return !visit.offer_redemptions.empty() || visit.adoption; }

bool completes_nothing(const domain::Visit& visit) {
  return visit.redemptions.empty() && visit.redeem_later.empty() && visit.pass_uses.empty() && !reads_limits(visit);
}

void check_open(const CheckoutOpen& open) {
  auto require = [](const std::string& value, const char* field, std::size_t max) {
    if (value.empty()) throw Error(ErrorCode::invalid_argument, std::string(field) + ": is required");
    engine::check_id(value, field, max);
  };
  require(open.location_id, "location", limits::kIdBytes);
  require(open.customer_id, "customer", limits::kIdBytes);
  require(open.receipt_id, "receipt", limits::kReceiptIdBytes);
  limits::check_length(open.multi_punch_reason, limits::kTextBytes, "multi_punch_reason");
}

// What a sale line carries into the punches it makes (the rest the domain checks).
void check_line(const SaleLine& line) {
  engine::check_id(line.exception_program, "line.exception.program");
  engine::check_id(line.exception_card, "line.exception.card");
  limits::check_length(line.exception_reason, limits::kTextBytes, "line.exception.reason");
}

void check_card(const std::string& program_id, const std::string& card_id) {
  engine::check_id(program_id, "program");
  engine::check_id(card_id, "card");
}

void check_declinable(const domain::Catalog& catalog, const std::string& offer_id) {
  engine::check_id(offer_id, "offer");
  const domain::Program* program = catalog.program(offer_id);
  if (!program || !program->offer)
    throw Error(ErrorCode::unknown_program, "offer: " + limits::quoted(offer_id) + " is not an offer in the catalog");
}

[[noreturn]] void too_many_lines() {
  throw Error(ErrorCode::invalid_argument, "lines: a checkout holds at most " + std::to_string(kMaxLines) + " lines");
}

// The plan a finish may store as it is: made from `reads`, for the visit as it stands.
struct Preview {
  const Snapshot* reads = nullptr;
  const domain::VisitPlan* plan = nullptr;
};

CheckoutResult store_visit(EngineImpl& impl, Txn& txn, const std::string& location_id, const domain::Visit& visit,
                           const Preview& preview);

}  // namespace

struct CheckoutState {
  std::shared_ptr<EngineImpl> impl;
  domain::Visit visit;
  std::string location_id;
  Snapshot snapshot;
  // The plan of the sale lines so far, extended a line at a time, and the whole visit's plan
  // (the lines' plan with the rewards, offers and bundle taken) when the visit has those.
  domain::VisitPlan lines_plan;
  domain::VisitPlan full_plan;
  bool lines_stale = false;  // the lines' plan must be made again from the first line
  // Set when the receipt was finished before: the visit is a POS retry, shown as stored.
  std::optional<CheckoutResult> stored;
  bool finished = false;
  CheckoutResult result;

  const domain::VisitPlan& preview() const { return completes_nothing(visit) ? lines_plan : full_plan; }

  // Stored prices at the till; kept for the visit.
  std::map<std::string, std::optional<Cents>> till_prices;
  std::optional<Cents> stored_price(const std::string& key) {
    // Not a structured binding: clang 14 cannot capture one in the lambda.
    const auto slot = till_prices.try_emplace(key);
    auto& price = slot.first->second;
    if (slot.second) read_store([&](Txn& txn) { price = engine::read_price(txn, location_id, key); });
    return price;
  }
  // Reads the shelf prices of every product the waiting rewards may offer, in one read.
  void prefetch_reward_prices() {
    std::vector<const std::string*> keys;
    for (const auto& card : preview().cards) {
      if (card.status != domain::CardStatus::complete) continue;
      const domain::Program* program = snapshot.catalog->program(card.program_id);
      const domain::CardType* type = program ? program->card(card.card_id) : nullptr;
      if (!type || type->prepaid_pass || type->cash_back_percent) continue;  // no items to price
      for (const auto& key : type->qualifying)
        if (!till_prices.count(key)) keys.push_back(&key);
    }
    if (keys.empty()) return;
    read_store([&](Txn& txn) { read_prices(txn, keys); });
  }

  // Several products' shelf prices. A card type's products are mostly one brand's, whose
  // GTINs share a company prefix: one range scan over their span usually finds them all;
  // when the span turns out to hold many other products, point reads take over.
  void read_prices(Txn& txn, std::vector<const std::string*>& keys) {
    std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
    keys.erase(std::unique(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) { return *a == *b; }),
               keys.end());
    std::map<std::string_view, std::optional<Cents>*> wanted;
    for (const std::string* key : keys) wanted.emplace(*key, &(till_prices[*key] = std::nullopt));
    std::size_t found = 0, seen = 0;
    const std::size_t budget = 2 * keys.size() + 8;
    const std::string base = keys::prices(location_id);
    txn.scan_range(base + *keys.front(), keys::prefix_end(base + *keys.back()),
                   [&](std::string_view key, std::string_view value) {
                     if (auto it = wanted.find(key.substr(base.size())); it != wanted.end()) {
                       *it->second = engine::parse_price(key, value);
                       ++found;
                     }
                     return found < wanted.size() && ++seen < budget;
                   });
    if (found < wanted.size() && seen >= budget)
      for (const auto& [key, slot] : wanted)
        if (!*slot) *slot = engine::read_price(txn, location_id, std::string(key));
  }

  // Customers' points accounts at the till, read once per program for the visit.
  std::map<std::string, domain::PointsAccount> points_accounts;
  std::vector<PointsStatus> points_statuses() {
    auto account_of = [this](const std::string& program) {
      // Not a structured binding: clang 14 cannot capture one in the lambda.
      const auto slot = points_accounts.try_emplace(program);
      domain::PointsAccount& account = slot.first->second;
      if (slot.second) read_store([&](Txn& txn) { account = engine::read_points(txn, visit.customer.id, program); });
      return account;
    };
    return engine::points_statuses(*snapshot.catalog, *snapshot.config, visit,
                                   engine::visit_discounts(preview().redemptions), account_of);
  }

  // A request (points reward, coupon, voucher) the till checks at once against the store; a
  // refused one is taken back. Returns its index among the visit's requests of its kind.
  template <class T, class Check>
  std::size_t add_request(std::vector<T>& requests, T request, Check check) {
    require_open_visit();
    requests.push_back(std::move(request));
    try {
      if (!stored) check();  // a retry is compared with what was stored when it finishes
    } catch (...) {
      requests.pop_back();
      throw;
    }
    return requests.size() - 1;
  }
  template <class T>
  void remove_request(std::vector<T>& requests, std::size_t index, const char* field, const char* what) {
    require_open_visit();
    if (index >= requests.size())
      throw Error(ErrorCode::invalid_argument, std::string(field) + ": index " + std::to_string(index) + " is not a " +
                                                   what + " of this visit");
    requests.erase(requests.begin() + static_cast<std::ptrdiff_t>(index));
  }

  // A read at the till, in a transaction of its own.
  void read_store(const std::function<void(Txn&)>& work) {
    std::lock_guard lock(impl->mutex);
    impl->run(TxnMode::read, [&](Txn& txn) { work(txn); });
  }

  StoreReader till_reader() {
    return [this](const std::function<void(Txn&)>& work) { read_store(work); };
  }

  void require_open_visit() const {
    if (finished) throw Error(ErrorCode::invalid_state, "checkout: receipt " + visit.receipt_id + " is already finished");
  }

  // Brings the preview up to the visit as it now stands; `new_line` when the only change is
  // one more sale line. Throws, leaving the preview as it was, when the change is refused.
  void update(bool new_line) {
    if (stored) return;  // finish() compares the retry with what was stored
    std::set<CardType> types;
    if (new_line) line_types(*snapshot.catalog, visit.lines.back(), types);
    else types = types_touched(*snapshot.catalog, visit);
    if (needs_reads(snapshot, types)) {
      read_store([&](Txn& txn) { load_cards(txn, snapshot, types); });
      lines_stale = true;  // cards the lines' plan had as summaries are now in full
    }
    Prices prices(visit, [this](const std::string& key) { return stored_price(key); });
    const StoreReader reader = till_reader();
    const domain::VisitEnv env = visit_env(snapshot, visit, prices, reader);
    const domain::Catalog& catalog = *snapshot.catalog;
    if (new_line && !lines_stale) {
      domain::plan_line(catalog, visit, env, visit.lines.size() - 1, lines_plan);
    } else {
      domain::VisitPlan fresh;
      fresh.cards = plan_cards(snapshot);
      for (std::size_t i = 0; i < visit.lines.size(); ++i) domain::plan_line(catalog, visit, env, i, fresh);
      lines_plan = std::move(fresh);
      lines_stale = false;
    }
    if (!completes_nothing(visit)) full_plan = domain::complete_plan(catalog, visit, env, lines_plan);
  }

  // Applies a change to the visit and the preview; a refused change is taken back by `undo`.
  template <class Undo>
  void change(bool new_line, Undo undo) {
    try {
      require_open_visit();
      update(new_line);
    } catch (...) {
      undo();
      if (new_line) lines_stale = true;  // the refused line may have been half applied
      throw;
    }
  }

  // Adds a request to one of the visit's lists (a refused one is taken off again); returns
  // its index there.
  template <class Request>
  std::size_t add(std::vector<Request>& list, const Request& request) {
    list.push_back(request);
    change(false, [&] { list.pop_back(); });
    return list.size() - 1;
  }

  // Checks the visit's voucher redemptions against the vouchers as stored now (a refusal
  // names its voucher_redemptions[i]).
  void check_vouchers() {
    read_store([&](Txn& txn) {
      Prices prices(visit, [&](const std::string& key) { return engine::read_price(txn, location_id, key); });
      engine::check_vouchers(txn, *snapshot.catalog, location_id, visit.day, visit.voucher_redemptions,
                             [&](const std::string& key) { return prices(key); });
    });
  }

  CheckoutResult finish(Txn& txn) {
    Preview preview_plan;
    if (!stored && !reads_limits(visit)) preview_plan = {&snapshot, &preview()};
    return store_visit(*impl, txn, location_id, visit, preview_plan);
  }
};

namespace {

CheckoutResult store_visit(EngineImpl& impl, Txn& txn, const std::string& location_id, const domain::Visit& visit,
                           const Preview& preview) {
  txn.for_location(location_id);
  const std::string receipt_key = keys::receipt(location_id, visit.receipt_id);
  const std::string request = codec::encode_request(visit);
  if (auto existing = txn.get(receipt_key)) {
    if (codec::receipt_request(*existing, receipt_key) != request)
      throw Error(ErrorCode::receipt_conflict, "receipt: " + visit.receipt_id + " at " + location_id +
                                                   " was finished before with different content");
    codec::StoredReceipt first = codec::decode_receipt(*existing, receipt_key);
    engine::fill_reward_names(*impl.load_catalog(txn), first.result.rewards_waiting);
    first.result.replayed = true;
    return first.result;
  }

  Snapshot s = read_snapshot(impl, txn, visit.customer.id, location_id);
  engine::check_points_requests(*s.catalog, *s.config, visit);
  // The till loaded (at least) every type the visit touches; loading the same ones again
  // is what lets the reads be compared.
  std::set<CardType> types = preview.reads ? preview.reads->types : types_touched(*s.catalog, visit);
  reward_types(*s.catalog, s.wallet, types);
  load_cards(txn, s, types);
  domain::Visit fresh = visit;
  fresh.customer = engine::customer_facts(s.customer);
  Prices prices(fresh, [&](const std::string& key) { return engine::read_price(txn, location_id, key); });
  // The till's plan stands when it was made from exactly what this transaction reads.
  const bool reuse = preview.plan && preview.reads->same_reads(s);
  domain::VisitPlan p = reuse ? *preview.plan
                              : domain::plan_visit(*s.catalog, fresh, plan_cards(s),
                                                   visit_env(s, fresh, prices, [&txn](const std::function<void(Txn&)>& work) { work(txn); }));
  if (auto card = domain::multi_punch_card(p); card && fresh.multi_punch_reason.empty())
    throw Error(ErrorCode::reason_required, "multi_punch_reason: card " + *card +
                                                " gets several punches in one visit; say why (e.g. converting a paper card)");
  // Vouchers are read and checked here, before anything is written, and marked redeemed by
  // this same transaction: two tills redeeming one voucher conflict on its record.
  std::vector<engine::VoucherUse> voucher_uses = engine::check_vouchers(
      txn, *s.catalog, location_id, visit.day, visit.voucher_redemptions, [&](const std::string& key) { return prices(key); });

  // Number new cards, then redemptions and their credit lines.
  for (auto& card : p.cards) {
    if (!card.touched || card.number != 0) continue;
    card.number = txn.next_id("card");
    txn.put(keys::customer_card(card.customer_id, card.number), "");
  }
  CheckoutResult r;
  r.location_id = location_id;
  r.receipt_id = visit.receipt_id;
  r.customer_id = visit.customer.id;
  r.at = visit.at;
  r.business_date = domain::iso_date(domain::date_from_day_number(visit.day));
  r.lines = visit.lines;
  r.punches.reserve(p.punches.size());
  for (std::size_t i = 0; i < p.punches.size(); ++i) {
    r.punches.push_back(p.punches[i]);
    r.punches.back().card_number = p.cards[p.punch_cards[i]].number;
  }
  const engine::VisitFacts facts{location_id, visit.customer.id, visit.receipt_id, visit.at, visit.day, s.customer.test};
  for (const auto& planned : p.redemptions) {
    const bool on_card = planned.card != nullptr;
    Redemption d;
    d.kind = planned.kind;
    d.program_id = planned.program->id;
    d.card_id = on_card ? planned.card->id : std::string();
    d.card_number = on_card ? p.cards[planned.card_index].number : 0;
    d.upc = planned.upc;
    d.quantity = planned.quantity;
    d.unit_price = planned.unit_price;
    auto enrollment = s.config->enrollments.find(d.program_id);
    engine::store_redemption(txn, *planned.program,
                             enrollment == s.config->enrollments.end() ? Enrollment{} : enrollment->second, facts, d, 0);
    // A pass names the use that used it up; a pass still in use names none.
    if (on_card && (planned.kind != "pass" || p.cards[planned.card_index].status == domain::CardStatus::redeemed))
      p.cards[planned.card_index].redemption_id = d.id;
    if (planned.program->offer) engine::use_offer(txn, *planned.program, visit.customer.id);
    r.redemptions.push_back(std::move(d));
  }
  if (p.adoption) engine::record_adoption(txn, facts, *p.adoption, r.redemptions);
  r.points = engine::store_visit_points(txn, *s.catalog, *s.config, facts, visit, engine::visit_discounts(p.redemptions),
                                        r.redemptions);
  engine::store_vouchers(txn, *s.config, facts, voucher_uses, r.redemptions);
  engine::store_visit_coupons(txn, *s.config, facts, visit, r.redemptions);
  if (!s.customer.test) engine::note_engagement(txn, *s.catalog, visit.customer.id, visit.day, r.punches, r.redemptions);
  std::vector<domain::CardSummary> wallet = s.wallet;
  for (const auto& card : p.cards) {
    if (!card.touched) continue;
    engine::write_card(txn, card);
    engine::update_wallet(wallet, card);
  }
  if (wallet != s.wallet) engine::write_wallet(txn, visit.customer.id, wallet);
  for (const auto& line : visit.lines) {
    const std::string key = domain::gtin14(line.upc);
    if (s.catalog->product(key)) txn.put_last(keys::price(location_id, key), std::to_string(line.unit_price));
  }
  r.rewards_waiting = domain::rewards_waiting(*s.catalog, p.cards, [&](const std::string& key) { return prices(key); });
  r.journal_seq = txn.journal_receipt(visit.at, "checkout.finished", location_id, visit.receipt_id);
  txn.put(keys::day_index("rcpt", location_id, visit.day) + keys::esc(visit.receipt_id), "");
  txn.put(receipt_key, codec::encode_receipt(request, r));
  return r;
}

}  // namespace

namespace {

// A whole visit from its document, checked as the till's calls check it, for a finish
// without a till's preview.
domain::Visit visit_of(EngineImpl& impl, Txn& txn, const CheckoutDocument& d) {
  check_open(d.open);
  if (d.lines.size() > kMaxLines) too_many_lines();
  for (const auto& line : d.lines) check_line(line);
  for (const auto& r : d.redemptions) check_card(r.program_id, r.card_id);
  for (const auto& [program, card] : d.redeem_later) check_card(program, card);
  for (const auto& u : d.pass_uses) check_card(u.program_id, u.card_id);
  for (const auto& q : d.voucher_redemptions) engine::check_id(q.voucher_id, "voucher");
  for (const auto& o : d.offer_redemptions) engine::check_id(o.offer_id, "offer");
  const auto [catalog, config] = impl.visit_config(txn, d.open.location_id);
  for (const auto& o : d.declined_offers) check_declinable(*catalog, o);
  domain::Visit v;
  v.location_id = d.open.location_id;
  v.receipt_id = d.open.receipt_id;
  v.at = d.open.at;
  v.day = domain::day_number(config->time_zone.local_date(d.open.at));
  v.customer.id = d.open.customer_id;
  v.multi_punch_reason = d.open.multi_punch_reason;
  v.lines = d.lines;
  v.redemptions = d.redemptions;
  v.redeem_later = d.redeem_later;
  v.offer_redemptions = d.offer_redemptions;
  v.declined_offers = d.declined_offers;
  v.adoption = d.adoption;
  v.points_redemptions = d.points_redemptions;
  v.pass_uses = d.pass_uses;
  v.voucher_redemptions = d.voucher_redemptions;
  v.coupon_redemptions = d.coupon_redemptions;
  return v;
}

// What stops a whole bulk finish rather than one receipt of it.
bool stops_all(ErrorCode code) {
  return code == ErrorCode::storage_failed || code == ErrorCode::storage_busy || code == ErrorCode::internal;
}

// A receipt refused after it had written: the run is rolled back and done again without it.
struct RunAgain {};

}  // namespace

namespace engine {

CheckoutResult finish_visit(EngineImpl& impl, Txn& txn, const std::string& location_id, const domain::Visit& visit) {
  return store_visit(impl, txn, location_id, visit, {});
}

}  // namespace engine

std::vector<CheckoutOutcome> Engine::run_checkouts(const std::vector<CheckoutDocument>& documents, bool stop_at_refusal) {
  std::vector<CheckoutOutcome> out(documents.size());
  std::vector<bool> refused(documents.size(), false);  // after writing: left out of the run
  std::size_t stop = documents.size();                 // with stop_at_refusal: the first refused
  std::lock_guard lock(impl_->mutex);
  for (bool done = false; !done;) {
    try {
      impl_->run(TxnMode::write, [&](Txn& txn) {
        stop = documents.size();
        for (std::size_t i = 0; i < documents.size(); ++i) {
          if (refused[i] && stop_at_refusal) {
            stop = i;
            break;
          }
          if (refused[i]) continue;
          const std::uint64_t before = txn.writes();
          try {
            out[i] = {ErrorCode::ok, {}, engine::finish_visit(*impl_, txn, documents[i].open.location_id,
                                                              visit_of(*impl_, txn, documents[i]))};
          } catch (const Error& e) {
            if (stops_all(e.code())) throw;
            out[i] = {e.code(), e.what(), {}};
            if (txn.writes() != before) {
              refused[i] = true;
              throw RunAgain{};
            }
            if (stop_at_refusal) {
              stop = i;
              break;
            }
          }
        }
      });
      done = true;
    } catch (const RunAgain&) {
    }
  }
  if (stop < documents.size()) out.resize(stop + 1);
  return out;
}

Checkout::Checkout(std::unique_ptr<CheckoutState> state) : state_(std::move(state)) {}
Checkout::Checkout(Checkout&&) noexcept = default;
Checkout& Checkout::operator=(Checkout&&) noexcept = default;
Checkout::~Checkout() = default;

Checkout Engine::open_checkout(const CheckoutOpen& open) {
  check_open(open);
  auto state = std::make_unique<CheckoutState>();
  state->impl = impl_;
  state->location_id = open.location_id;
  domain::Visit& v = state->visit;
  v.location_id = open.location_id;
  v.receipt_id = open.receipt_id;
  v.at = open.at;
  v.multi_punch_reason = open.multi_punch_reason;
  v.customer.id = open.customer_id;
  std::lock_guard lock(impl_->mutex);
  state->snapshot = impl_->run(TxnMode::read, [&](Txn& txn) {
    Snapshot snapshot = read_snapshot(*impl_, txn, open.customer_id, open.location_id);
    if (auto stored = engine::read_receipt(txn, *snapshot.catalog, open.location_id, open.receipt_id))
      state->stored = std::move(stored->result);
    // The cards the visit's punches most likely go on, read now rather than in a read of
    // their own at the first line: the types of the customer's open cards (one open card
    // per type and size, so this stays small however long the history).
    std::set<CardType> open_types;
    for (const auto& entry : snapshot.wallet)
      if (entry.status == domain::CardStatus::open) open_types.emplace(entry.program_id, entry.card_id);
    reward_types(*snapshot.catalog, snapshot.wallet, open_types);  // their rewards show the cards' own figures
    load_cards(txn, snapshot, open_types);
    return snapshot;
  });
  v.customer = engine::customer_facts(state->snapshot.customer);
  v.day = domain::day_number(state->snapshot.config->time_zone.local_date(open.at));
  state->lines_plan.cards = plan_cards(state->snapshot);
  return Checkout(std::move(state));
}

std::vector<Punch> Checkout::add_line(const SaleLine& line) {
  auto& s = *state_;
  if (s.visit.lines.size() >= kMaxLines) too_many_lines();
  check_line(line);
  s.visit.lines.push_back(line);
  s.change(true, [&] { s.visit.lines.pop_back(); });
  std::vector<Punch> out;
  const int index = static_cast<int>(s.visit.lines.size()) - 1;
  for (const auto& p : s.stored ? s.stored->punches : s.preview().punches)
    if (p.line_index == index) out.push_back(p);
  return out;
}

std::vector<Reward> Checkout::rewards() const {
  auto& s = *state_;
  if (s.stored) return s.stored->rewards_waiting;
  s.prefetch_reward_prices();
  Prices prices(s.visit, [&s](const std::string& key) { return s.stored_price(key); });
  return domain::rewards_waiting(*s.snapshot.catalog, s.preview().cards, [&](const std::string& key) { return prices(key); });
}

std::vector<Punch> Checkout::punches() const {
  return state_->stored ? state_->stored->punches : state_->preview().punches;
}

std::size_t Checkout::redeem(const RedemptionRequest& request) {
  check_card(request.program_id, request.card_id);
  return state_->add(state_->visit.redemptions, request);
}

std::size_t Checkout::use_pass(const PassUseRequest& request) {
  check_card(request.program_id, request.card_id);
  return state_->add(state_->visit.pass_uses, request);
}

void Checkout::redeem_later(const std::string& program_id, const std::string& card_id) {
  check_card(program_id, card_id);
  auto& s = *state_;
  s.visit.redeem_later.emplace_back(program_id, card_id);
  s.change(false, [&] { s.visit.redeem_later.pop_back(); });
}

void Checkout::undo_redemption(std::size_t index) {
  auto& s = *state_;
  if (index >= s.visit.redemptions.size())
    throw Error(ErrorCode::invalid_argument, "redemption: index " + std::to_string(index) + " is not a redemption of this visit");
  RedemptionRequest removed = s.visit.redemptions[index];
  s.visit.redemptions.erase(s.visit.redemptions.begin() + static_cast<std::ptrdiff_t>(index));
  s.change(false, [&] { s.visit.redemptions.insert(s.visit.redemptions.begin() + static_cast<std::ptrdiff_t>(index), removed); });
}

std::vector<RedemptionRequest> Checkout::redemptions() const { return state_->visit.redemptions; }

std::vector<OfferStatus> Checkout::offers() const {
  auto& s = *state_;
  Prices prices(s.visit, [&s](const std::string& key) { return s.stored_price(key); });
  return domain::offer_statuses(*s.snapshot.catalog, s.visit, s.preview(),
                                visit_env(s.snapshot, s.visit, prices, s.till_reader()));
}

std::size_t Checkout::redeem_offer(const OfferRedemptionRequest& request) {
  engine::check_id(request.offer_id, "offer");
  auto& s = *state_;
  s.visit.offer_redemptions.push_back(request);
  s.change(false, [&] { s.visit.offer_redemptions.pop_back(); });
  return s.visit.offer_redemptions.size() - 1;
}

void Checkout::decline_offer(const std::string& offer_id) {
  auto& s = *state_;
  check_declinable(*s.snapshot.catalog, offer_id);
  s.visit.declined_offers.push_back(offer_id);
  s.change(false, [&] { s.visit.declined_offers.pop_back(); });
}

void Checkout::redeem_adoption(const AdoptionRequest& request) {
  auto& s = *state_;
  if (s.visit.adoption) throw Error(ErrorCode::invalid_state, "adoption: this visit already gives a bundle");
  s.visit.adoption = request;
  s.change(false, [&] { s.visit.adoption.reset(); });
}

AdoptionEligibility Engine::adoption_eligibility(const std::string& customer_id, const std::string& location_id,
                                                 const std::string& species, const std::string& adoption_date,
                                                 const std::string& source, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    Customer customer = engine::read_customer(txn, customer_id);
    const std::int64_t today = domain::day_number(impl_->location_config(txn, location_id)->time_zone.local_date(at));
    const std::int64_t adoption_day = domain::date_day(adoption_date, "adoption_date");
    auto last = engine::read_last_adoption(txn, customer_id, species);
    auto [code, why] = domain::adoption_refusal(engine::customer_facts(customer), species, source, adoption_day, today, last);
    if (code == ErrorCode::invalid_argument) throw Error(code, why);
    AdoptionEligibility out;
    out.eligible = code == ErrorCode::ok;
    out.reason = why;
    if (last && today - *last < 365) out.next_eligible = domain::iso_date(domain::date_from_day_number(*last + 365));
    return out;
  });
}

std::vector<PointsStatus> Checkout::points() const {
  auto& s = *state_;
  if (s.stored) return {};  // a retry: its result says what the visit did
  return s.points_statuses();
}

std::size_t Checkout::redeem_points(const PointsRedemptionRequest& request) {
  auto& s = *state_;
  return s.add_request(s.visit.points_redemptions, request, [&] {
    engine::check_points_requests(*s.snapshot.catalog, *s.snapshot.config, s.visit);
    s.points_statuses();  // refuses a reward that cannot be taken
  });
}

void Checkout::undo_points_redemption(std::size_t index) {
  state_->remove_request(state_->visit.points_redemptions, index, "points_redemption", "points redemption");
}

std::vector<PointsRedemptionRequest> Checkout::points_redemptions() const { return state_->visit.points_redemptions; }

std::vector<Voucher> Checkout::vouchers() const {
  auto& s = *state_;
  if (s.stored) return {};  // a retry: its result says what the visit did
  std::vector<Voucher> out;
  s.read_store([&](Txn& txn) { out = engine::location_vouchers(txn, *s.snapshot.catalog, s.location_id, s.visit.day); });
  const auto& asked = s.visit.voucher_redemptions;
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const Voucher& v) {
                             return v.state != "pending" ||
                                    std::any_of(asked.begin(), asked.end(), [&](const VoucherRedemptionRequest& q) {
                                      return q.voucher_id == v.id;
                                    });
                           }),
            out.end());
  return out;
}

std::size_t Checkout::redeem_voucher(const VoucherRedemptionRequest& request) {
  auto& s = *state_;
  return s.add_request(s.visit.voucher_redemptions, request, [&] { s.check_vouchers(); });
}

void Checkout::undo_voucher_redemption(std::size_t index) {
  state_->remove_request(state_->visit.voucher_redemptions, index, "voucher_redemption", "voucher redemption");
}

std::vector<VoucherRedemptionRequest> Checkout::voucher_redemptions() const { return state_->visit.voucher_redemptions; }

std::vector<CouponStatus> Checkout::coupons() const {
  auto& s = *state_;
  if (s.stored) return {};  // a retry: its result says what the visit did
  std::vector<CouponStatus> out;
  s.read_store([&](Txn& txn) { out = engine::coupon_statuses(txn, *s.snapshot.config, s.visit); });
  return out;
}

std::size_t Checkout::redeem_coupon(std::int64_t coupon_id) {
  auto& s = *state_;
  return s.add_request(s.visit.coupon_redemptions, coupon_id, [&] {
    s.read_store([&](Txn& txn) {
      engine::check_coupon_request(txn, *s.snapshot.config, s.visit, s.visit.coupon_redemptions.size() - 1);
    });
  });
}

void Checkout::undo_coupon_redemption(std::size_t index) {
  state_->remove_request(state_->visit.coupon_redemptions, index, "coupon_redemption", "coupon redemption");
}

std::vector<std::int64_t> Checkout::coupon_redemptions() const { return state_->visit.coupon_redemptions; }

void Checkout::set_multi_punch_reason(const std::string& reason) {
  limits::check_length(reason, limits::kTextBytes, "reason");
  auto& s = *state_;
  std::string previous = s.visit.multi_punch_reason;
  s.visit.multi_punch_reason = reason;
  s.lines_stale = true;  // the punches carry the reason
  s.change(false, [&] { s.visit.multi_punch_reason = previous; });
}

std::string Checkout::multi_punch_card() const {
  if (state_->stored || !state_->visit.multi_punch_reason.empty()) return {};
  return domain::multi_punch_card(state_->preview()).value_or("");
}

CheckoutResult Checkout::finish() {
  auto& s = *state_;
  if (s.finished) return s.result;
  {
    std::lock_guard lock(s.impl->mutex);
    s.result = s.impl->run(TxnMode::write, [&](Txn& txn) { return s.finish(txn); });
  }
  s.finished = true;
  return s.result;
}

bool Checkout::finished() const { return state_->finished; }

CheckoutResult Engine::checkout_result(const std::string& location_id, const std::string& receipt_id) {
  engine::check_id(location_id, "location");
  engine::check_id(receipt_id, "receipt", limits::kReceiptIdBytes);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto stored = engine::read_receipt(txn, *impl_->load_catalog(txn), location_id, receipt_id);
    if (!stored) throw Error(ErrorCode::not_found, "receipt: " + receipt_id + " at " + location_id + " was not finished");
    return std::move(stored->result);
  });
}

}  // namespace tally
