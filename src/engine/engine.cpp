// SPDX-License-Identifier: Apache-2.0
#include <boost/json.hpp>

#include "codec/catalog_codec.hpp"
#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "domain/fulfillment.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

// Storage format 2: binary records on the checkout path (docs/architecture.md). Format 1
// stores are migrated when they are opened.
constexpr const char* kFormatVersion = "2";

void check_account(const std::string& account) {
  bool ok = !account.empty() && account.size() <= 64;
  for (char c : account) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
  if (!ok) throw Error(ErrorCode::invalid_argument, "account: " + limits::quoted(account) + " must be 1-64 letters, digits, '-' or '_'");
}

// Typed inputs go through the same validation as JSON documents.
Location validated(const Location& l) { return codec::location_from(codec::to_value(l), "location", ErrorCode::invalid_argument); }
Customer validated(const Customer& c) { return codec::customer_from(codec::to_value(c), "customer", ErrorCode::invalid_argument); }


}  // namespace

Engine::Engine(std::unique_ptr<Store> store, EngineOptions options) : impl_(std::make_shared<EngineImpl>()) {
  if (!store) throw Error(ErrorCode::invalid_argument, "store: must not be null");
  check_account(options.account);
  impl_->store = std::move(store);
  impl_->options = std::move(options);
  impl_->run(TxnMode::write, [](Txn& txn) {
    txn.without_journal();
    auto format = txn.get(keys::format());
    if (format && *format == "1") engine::migrate_format1(txn);
    if (!format || *format == "1") txn.put(keys::format(), kFormatVersion);
    else if (*format != kFormatVersion)
      throw Error(ErrorCode::unsupported, "storage format " + *format + " is not one this build reads (" + kFormatVersion + ")");
  });
}

Engine::Engine(Engine&&) noexcept = default;
Engine& Engine::operator=(Engine&&) noexcept = default;
Engine::~Engine() = default;

CatalogSummary Engine::load_catalog(std::string_view text, Timestamp at) {
  std::lock_guard lock(impl_->mutex);
  auto [merged, rev] = impl_->run(TxnMode::write, [&](Txn& txn) {
    auto current = impl_->load_catalog(txn);
    codec::CatalogDelta delta = codec::parse_catalog(text, *current);
    const auto& m = delta.merged;
    for (const auto& id : delta.manufacturers) txn.put(keys::manufacturer(id), codec::stored(codec::to_value(m.manufacturers.at(id))));
    for (const auto& id : delta.distributors) txn.put(keys::distributor(id), codec::stored(codec::to_value(m.distributors.at(id))));
    for (const auto& k : delta.products) txn.put(keys::product(k), codec::stored(codec::to_value(m.products.at(k))));
    for (const auto& id : delta.programs) txn.put(keys::program(id), codec::stored(codec::to_value(m.programs.at(id))));
    std::string next_rev = std::to_string(std::stoll(txn.get(keys::catalog_rev()).value_or("0")) + 1);
    txn.put(keys::catalog_rev(), next_rev);
    engine::bump_config(txn);
    engine::apply_auto_enrollment(txn, delta.merged, delta.programs, at);
    auto ids = [](const std::vector<std::string>& v) { json::array a; for (const auto& s : v) a.emplace_back(s); return a; };
    txn.journal(at, "catalog.loaded",
                json::serialize(json::object{{"manufacturers", ids(delta.manufacturers)},
                                             {"distributors", ids(delta.distributors)},
                                             {"products", ids(delta.products)},
                                             {"programs", ids(delta.programs)}}));
    auto shared = std::make_shared<domain::Catalog>(std::move(delta.merged));
    shared->index();  // the copy's index must point into the copy
    return std::pair{std::shared_ptr<const domain::Catalog>(shared), next_rev};
  });
  impl_->catalog = merged;
  impl_->catalog_rev = rev;
  return CatalogSummary{static_cast<int>(merged->manufacturers.size()), static_cast<int>(merged->distributors.size()),
                        static_cast<int>(merged->products.size()), static_cast<int>(merged->programs.size())};
}

std::string Engine::catalog_json() {
  std::lock_guard lock(impl_->mutex);
  auto catalog = impl_->run(TxnMode::read, [&](Txn& txn) { return impl_->load_catalog(txn); });
  json::array manufacturers, distributors, products, programs;
  for (const auto& [id, m] : catalog->manufacturers) manufacturers.push_back(codec::to_value(m));
  for (const auto& [id, d] : catalog->distributors) distributors.push_back(codec::to_value(d));
  for (const auto& [id, p] : catalog->products) products.push_back(codec::to_value(p));
  for (const auto& [id, p] : catalog->programs) programs.push_back(codec::to_value(p));
  return json::serialize(json::object{{"manufacturers", std::move(manufacturers)},
                                      {"distributors", std::move(distributors)},
                                      {"products", std::move(products)},
                                      {"programs", std::move(programs)}});
}

void Engine::save_location(const Location& input, Timestamp at) {
  Location location = validated(input);
  std::lock_guard lock(impl_->mutex);
  impl_->run(TxnMode::write, [&](Txn& txn) {
    engine::write_location(txn, location);
    txn.journal(at, "location.saved", json::serialize(codec::to_value(location)));
  });
}

Location Engine::location(const std::string& id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) { return engine::read_location(txn, id); });
}

std::vector<Location> Engine::locations() {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    std::vector<Location> out;
    txn.scan("loc/", [&](std::string_view key, std::string_view value) {
      out.push_back(codec::location_from(codec::parse_json(value, ErrorCode::storage_corrupt), std::string(key), ErrorCode::storage_corrupt));
      return true;
    });
    return out;
  });
}

Enrollment Engine::enrollment(const std::string& location_id, const std::string& program_id) {
  engine::check_id(location_id, "location");
  engine::check_id(program_id, "program");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto e = engine::read_enrollment(txn, location_id, program_id);
    if (!e) throw Error(ErrorCode::not_enrolled, "enrollment: location " + location_id + " is not enrolled in " + program_id);
    return *e;
  });
}

std::vector<Enrollment> Engine::enrollments(const std::string& location_id) {
  engine::check_id(location_id, "location");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    std::vector<Enrollment> out;
    txn.scan(keys::enrollments(location_id), [&](std::string_view key, std::string_view value) {
      out.push_back(codec::enrollment_from(codec::parse_json(value, ErrorCode::storage_corrupt), std::string(key), ErrorCode::storage_corrupt));
      return true;
    });
    return out;
  });
}

Customer Engine::save_customer(const Customer& input, Timestamp at) {
  Customer customer = validated(input);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Customer saved = customer;
    if (saved.id.empty()) saved.id = "C" + std::to_string(txn.next_id("customer"));
    engine::write_customer(txn, saved);
    txn.journal(at, "customer.saved", json::serialize(codec::to_value(saved)));
    return saved;
  });
}

Customer Engine::customer(const std::string& id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) { return engine::read_customer(txn, id); });
}

std::vector<Card> Engine::cards(const std::string& customer_id, bool include_redeemed) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    engine::read_customer(txn, customer_id);
    std::vector<Card> out;
    auto add = [&](const domain::CardState& s) { out.push_back(engine::card_view(*catalog, s)); };
    if (!include_redeemed) {
      for (const auto& s : engine::read_live_cards(txn, customer_id)) add(s);
      return out;
    }
    for (auto n : txn.ids(keys::customer_cards(customer_id))) {
      if (!txn.get(keys::card(n)))
        throw Error(ErrorCode::storage_corrupt, "card " + std::to_string(n) + " is indexed but missing");
      add(engine::read_card(txn, n));
    }
    return out;
  });
}

std::vector<Reward> Engine::rewards(const std::string& customer_id, const std::string& location_id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    engine::read_customer(txn, customer_id);
    engine::read_location(txn, location_id);
    std::vector<domain::CardState> cards;
    for (const auto& s : engine::read_wallet(txn, customer_id))
      cards.push_back(domain::reward_reads_card(*catalog, s) ? engine::read_card(txn, s.number)
                                                             : domain::from_summary(s, customer_id));
    return domain::rewards_waiting(*catalog, cards,
                                   [&](const std::string& key) { return engine::read_price(txn, location_id, key); });
  });
}

std::vector<CreditLine> Engine::credit_lines(const std::string& state, const std::string& partner) {
  limits::check_length(state, limits::kNameBytes, "state");
  engine::check_id(partner, "partner");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    std::vector<CreditLine> out;
    if (state.empty()) {
      txn.scan(keys::lines(), [&](std::string_view key, std::string_view value) {
        auto line = codec::decode_line(value, key);
        if (partner.empty() || line.partner == partner) out.push_back(std::move(line));
        return true;
      });
      return out;
    }
    std::vector<std::int64_t> ids = txn.ids(partner.empty() ? keys::line_states(state) : keys::line_state(state, partner));
    std::sort(ids.begin(), ids.end());
    for (auto id : ids) out.push_back(engine::read_line(txn, id));
    return out;
  });
}

CreditLine Engine::credit_line(std::int64_t id) {
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) { return engine::read_line(txn, id); });
}

std::vector<JournalEntry> Engine::journal(std::int64_t after_seq, std::size_t limit) {
  std::lock_guard lock(impl_->mutex);
  // Entries up to the horizon only: above it a location's till may still commit a lower number.
  auto read = [&](Txn& txn, bool& lagging) {
    std::vector<JournalEntry> out;
    if (limit == 0) return out;
    const Txn::JournalHorizon horizon = txn.journal_horizon(false);
    lagging = horizon.lagging;
    const std::int64_t first = std::max<std::int64_t>(after_seq, 0) + 1;
    if (first > horizon.visible) return out;
    std::shared_ptr<const domain::Catalog> catalog;
    txn.scan_range(keys::journal(first), keys::journal(horizon.visible + 1),
                   [&](std::string_view key, std::string_view value) {
                     codec::StoredJournalEntry stored = codec::decode_journal(value, key);
                     JournalEntry e{stored.seq, stored.at, std::move(stored.kind), std::move(stored.document)};
                     if (!stored.receipt_id.empty()) {
                       // The public document of a finished checkout is its result as first stored.
                       if (!catalog) catalog = impl_->load_catalog(txn);
                       auto receipt = engine::read_receipt(txn, *catalog, stored.receipt_location, stored.receipt_id);
                       if (!receipt)
                         throw Error(ErrorCode::storage_corrupt, std::string(key) + ": names receipt " +
                                                                     stored.receipt_id + ", which is not stored");
                       receipt->result.journal_seq = 0;
                       e.document = json::serialize(codec::to_value(receipt->result));
                     }
                     out.push_back(std::move(e));
                     return out.size() < limit;
                   });
    return out;
  };
  bool lagging = false;
  auto out = impl_->run(TxnMode::read, [&](Txn& txn) { return read(txn, lagging); });
  if (!lagging || !out.empty()) return out;
  // Everything visible has been read and a location lags behind the most recent one: close
  // its block (its next entry takes a new one, above) and read again. Tills that keep
  // finishing move the horizon on by themselves, so a follower rarely has to.
  impl_->run(TxnMode::write, [](Txn& txn) {
    txn.without_journal();
    txn.journal_horizon(true);
  });
  return impl_->run(TxnMode::read, [&](Txn& txn) { return read(txn, lagging); });
}

}  // namespace tally
