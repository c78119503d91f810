// SPDX-License-Identifier: Apache-2.0
// Manufacturers' vouchers: a brand issues them to a store, the store redeems each at the
// till for one item of the voucher program's list (a free-goods credit line at the
// distributor the store assigned), and may change the item while that line is new and not
// batched (docs/programs.md#manufacturer-vouchers).
#include <algorithm>
#include <set>

#include <boost/json.hpp>

#include "codec/records.hpp"
#include "codec/stored.hpp"
#include "domain/gtin.hpp"
#include "domain/time.hpp"
#include "domain/vouchers.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

using engine::Txn;
namespace json = boost::json;

namespace {

constexpr int kMaxIssue = 1000;  // vouchers one issue may make

std::int64_t today_at(const LocationConfig& config, Timestamp at) {
  return domain::day_number(config.time_zone.local_date(at));
}

Voucher read_voucher_or_throw(Txn& txn, const std::string& id, const std::string& field) {
  auto voucher = engine::read_voucher(txn, id);
  if (!voucher) throw Error(ErrorCode::not_found, field + ": voucher " + limits::quoted(id) + " does not exist");
  return std::move(*voucher);
}

// The terms of an issue that a retry must repeat to be answered with the vouchers as they are.
bool same_terms(const Voucher& stored, const Voucher& fresh) {
  return stored.program_id == fresh.program_id && stored.location_id == fresh.location_id &&
         stored.expires == fresh.expires && stored.note == fresh.note;
}

void check_issue(const VoucherIssue& issue) {
  engine::check_id(issue.program_id, "program");
  engine::check_id(issue.location_id, "location");
  if (issue.program_id.empty()) throw Error(ErrorCode::invalid_argument, "program: is required");
  if (issue.location_id.empty()) throw Error(ErrorCode::invalid_argument, "location: is required");
  limits::check_length(issue.note, limits::kTextBytes, "note");
  domain::date_day(issue.expires, "expires");
  if (!issue.ids.empty() && issue.count)
    throw Error(ErrorCode::invalid_argument, "count: give the vouchers' ids or their count, not both");
  const std::size_t n = issue.ids.empty() ? static_cast<std::size_t>(std::max(issue.count, 0)) : issue.ids.size();
  if (n < 1 || n > static_cast<std::size_t>(kMaxIssue))
    throw Error(issue.ids.empty() ? ErrorCode::invalid_quantity : ErrorCode::invalid_argument,
                std::string(issue.ids.empty() ? "count" : "ids") + ": an issue makes 1 to " + std::to_string(kMaxIssue) +
                    " vouchers");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < issue.ids.size(); ++i) {
    const std::string field = "ids[" + std::to_string(i) + "]";
    if (issue.ids[i].empty()) throw Error(ErrorCode::invalid_argument, field + ": is empty");
    engine::check_id(issue.ids[i], field.c_str());
    if (!seen.insert(issue.ids[i]).second)
      throw Error(ErrorCode::invalid_argument, field + ": " + limits::quoted(issue.ids[i]) + " is listed twice");
  }
}

}  // namespace

namespace engine {

std::optional<Voucher> read_voucher(Txn& txn, const std::string& id) {
  const std::string key = keys::voucher(id);
  auto bytes = txn.get(key);
  if (!bytes) return std::nullopt;
  return codec::decode_voucher(*bytes, key);
}

void write_voucher(Txn& txn, const Voucher& voucher) {
  txn.put(keys::voucher(voucher.id), codec::encode(voucher));
  txn.put(keys::location_voucher(voucher.location_id, voucher.id), "");
}

Voucher voucher_view(const domain::Catalog& catalog, Voucher voucher, std::int64_t today) {
  voucher.state = domain::voucher_state(voucher, today);
  voucher.allowed_upcs.clear();
  if (const domain::Program* program = catalog.program(voucher.program_id)) voucher.allowed_upcs = program->voucher_upcs;
  return voucher;
}

std::vector<Voucher> location_vouchers(Txn& txn, const domain::Catalog& catalog, const std::string& location_id,
                                       std::int64_t today) {
  std::vector<Voucher> out;
  const std::string prefix = keys::location_vouchers(location_id);
  std::vector<std::string> record_keys;
  txn.scan(prefix, [&](std::string_view key, std::string_view) {
    record_keys.push_back("vch/" + std::string(key.substr(prefix.size())));
    return true;
  });
  for (const auto& key : record_keys) {
    auto bytes = txn.get(key);
    if (!bytes) throw Error(ErrorCode::storage_corrupt, prefix + ": lists " + key + ", which is not stored");
    out.push_back(voucher_view(catalog, codec::decode_voucher(*bytes, key), today));
  }
  return out;
}

std::vector<VoucherUse> check_vouchers(Txn& txn, const domain::Catalog& catalog, const std::string& location_id,
                                       std::int64_t today, const std::vector<VoucherRedemptionRequest>& requests,
                                       const domain::PriceFn& price) {
  std::vector<VoucherUse> uses;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const VoucherRedemptionRequest& q = requests[i];
    const std::string field = "voucher_redemptions[" + std::to_string(i) + "]";
    check_id(q.voucher_id, (field + ".voucher").c_str());
    if (q.voucher_id.empty()) throw Error(ErrorCode::invalid_argument, field + ".voucher: is required");
    for (std::size_t j = 0; j < i; ++j)
      if (requests[j].voucher_id == q.voucher_id)
        throw Error(ErrorCode::voucher_used, field + ".voucher: voucher " + limits::quoted(q.voucher_id) +
                                                 " is redeemed by voucher_redemptions[" + std::to_string(j) +
                                                 "] of this visit");
    VoucherUse use{read_voucher_or_throw(txn, q.voucher_id, field + ".voucher"), nullptr, nullptr, 0};
    domain::check_voucher_usable(use.voucher, location_id, today, field + ".voucher");
    use.program = &domain::voucher_program(catalog, use.voucher.program_id, field + ".voucher");
    use.product = &domain::check_voucher_item(catalog, *use.program, q.upc, field + ".upc");
    use.unit_price = domain::free_item_price(q.unit_price, price, use.product->key, q.upc, field + ".unit_price");
    uses.push_back(std::move(use));
  }
  return uses;
}

void store_vouchers(Txn& txn, const LocationConfig& config, const VisitFacts& facts, std::vector<VoucherUse>& uses,
                    std::vector<Redemption>& redemptions) {
  for (auto& use : uses) {
    Redemption d;
    d.kind = "voucher";
    d.program_id = use.program->id;
    d.card_id = use.voucher.id;
    d.upc = use.product->upc;
    d.quantity = 1;
    d.unit_price = use.unit_price;
    auto enrollment = config.enrollments.find(d.program_id);
    store_redemption(txn, *use.program, enrollment == config.enrollments.end() ? Enrollment{} : enrollment->second,
                     facts, d, 0);
    Voucher& v = use.voucher;
    v.state = "redeemed";
    v.receipt_id = facts.receipt_id;
    v.redeemed_at = facts.at;
    v.redeemed_on = domain::iso_date(domain::date_from_day_number(facts.day));
    v.upc = d.upc;
    v.unit_price = d.unit_price;
    v.redemption_id = d.id;
    v.credit_line_id = d.credit_line_id;
    write_voucher(txn, v);
    redemptions.push_back(std::move(d));
  }
}

}  // namespace engine

std::vector<Voucher> Engine::issue_vouchers(const Actor& actor, const VoucherIssue& issue, Timestamp at) {
  check_issue(issue);
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    auto catalog = impl_->load_catalog(txn);
    const domain::Program& program = domain::voucher_program(*catalog, issue.program_id, "program");
    if (actor.role != ActorRole::manufacturer || actor.id != program.manufacturer)
      throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not issue vouchers of " +
                                              program.id + "; that is for manufacturer " + program.manufacturer);
    const auto config = impl_->location_config(txn, issue.location_id);
    const std::int64_t today = today_at(*config, at);
    if (domain::date_day(issue.expires, "expires") < today)
      throw Error(ErrorCode::invalid_argument, "expires: " + issue.expires + " has passed at location " +
                                                   issue.location_id);
    Voucher terms;
    terms.program_id = program.id;
    terms.manufacturer_id = program.manufacturer;
    terms.location_id = issue.location_id;
    terms.state = "pending";
    terms.expires = issue.expires;
    terms.note = issue.note;
    terms.issued_at = at;
    std::vector<Voucher> out;
    bool wrote = false;
    for (std::size_t i = 0; i < issue.ids.size(); ++i) {
      Voucher v = terms;
      v.id = issue.ids[i];
      if (auto stored = engine::read_voucher(txn, v.id)) {
        // The brand's retry of the same issue: answered with the voucher as it stands.
        if (!same_terms(*stored, v))
          throw Error(ErrorCode::invalid_argument, "ids[" + std::to_string(i) + "]: voucher " + limits::quoted(v.id) +
                                                       " was issued before on other terms");
        out.push_back(engine::voucher_view(*catalog, std::move(*stored), today));
        continue;
      }
      engine::write_voucher(txn, v);
      wrote = true;
      out.push_back(engine::voucher_view(*catalog, std::move(v), today));
    }
    for (int i = 0; i < issue.count; ++i) {
      Voucher v = terms;
      do v.id = "V" + std::to_string(txn.next_id("voucher"));
      while (engine::read_voucher(txn, v.id));
      engine::write_voucher(txn, v);
      wrote = true;
      out.push_back(engine::voucher_view(*catalog, std::move(v), today));
    }
    if (wrote) {
      json::array ids;
      for (const auto& v : out) ids.emplace_back(v.id);
      txn.journal(at, "vouchers.issued",
                  json::serialize(json::object{{"program", program.id}, {"manufacturer", program.manufacturer},
                                               {"location", issue.location_id}, {"expires", issue.expires},
                                               {"vouchers", std::move(ids)}}));
    }
    return out;
  });
}

std::vector<Voucher> Engine::vouchers(const std::string& location_id, Timestamp at, const std::string& state) {
  engine::check_id(location_id, "location");
  if (!state.empty() && state != "pending" && state != "redeemed" && state != "expired")
    throw Error(ErrorCode::invalid_argument, "state: " + limits::quoted(state) + " must be pending, redeemed or expired");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    auto [catalog, config] = impl_->visit_config(txn, location_id);
    std::vector<Voucher> all = engine::location_vouchers(txn, *catalog, location_id, today_at(*config, at));
    if (!state.empty())
      all.erase(std::remove_if(all.begin(), all.end(), [&](const Voucher& v) { return v.state != state; }), all.end());
    return all;
  });
}

Voucher Engine::voucher(const std::string& voucher_id, Timestamp at) {
  engine::check_id(voucher_id, "voucher");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::read, [&](Txn& txn) {
    Voucher v = read_voucher_or_throw(txn, voucher_id, "voucher");
    auto [catalog, config] = impl_->visit_config(txn, v.location_id);
    return engine::voucher_view(*catalog, std::move(v), today_at(*config, at));
  });
}

Voucher Engine::change_voucher_item(const Actor& actor, const std::string& voucher_id, const std::string& upc,
                                    std::optional<Cents> unit_price, Timestamp at) {
  engine::check_id(voucher_id, "voucher");
  limits::check_length(upc, limits::kNameBytes, "upc");
  std::lock_guard lock(impl_->mutex);
  return impl_->run(TxnMode::write, [&](Txn& txn) {
    Voucher v = read_voucher_or_throw(txn, voucher_id, "voucher");
    const std::string location_id = v.location_id;
    if (actor.role != ActorRole::retailer || (!actor.id.empty() && actor.id != location_id))
      throw Error(ErrorCode::wrong_actor, "actor: " + domain::describe(actor) + " may not change the item of a voucher of " +
                                              location_id);
    txn.for_location(location_id);
    if (v.state != "redeemed")
      throw Error(ErrorCode::invalid_state, "voucher: " + limits::quoted(voucher_id) +
                                                " is not redeemed yet; its item is chosen at the till");
    auto [catalog, config] = impl_->visit_config(txn, location_id);
    const domain::Program& program = domain::voucher_program(*catalog, v.program_id, "voucher");
    const domain::Product& product = domain::check_voucher_item(*catalog, program, upc, "upc");
    if (product.key == domain::gtin14(v.upc))
      throw Error(ErrorCode::invalid_argument, "upc: voucher " + limits::quoted(voucher_id) + " is taken in " + v.upc +
                                                   " already");
    codec::StoredRedemption record = engine::read_redemption(txn, v.redemption_id);
    if (record.status != "active")
      throw Error(ErrorCode::storage_corrupt, keys::voucher(voucher_id) + ": names redemption " +
                                                  std::to_string(v.redemption_id) + ", which is " + record.status);
    std::optional<CreditLine> line;
    if (v.credit_line_id) {
      line = engine::read_line(txn, v.credit_line_id);
      if ((line->state != "new" && line->state != "held") || line->batch_id)
        throw Error(ErrorCode::invalid_state, "voucher: " + limits::quoted(voucher_id) + "'s credit line " +
                                                  std::to_string(line->id) + " is " + line->state +
                                                  "; its item can change only while the line is new and not batched");
    }
    auto price = [&](const std::string& key) { return engine::read_price(txn, location_id, key); };
    const Cents item_price = domain::free_item_price(unit_price, price, product.key, upc, "unit_price");
    if (line) engine::move_line(txn, *line, domain::LineEvent::withdraw, actor, at, "voucher item changed");

    Redemption replacement;
    replacement.kind = "voucher";
    replacement.program_id = program.id;
    replacement.card_id = v.id;
    replacement.upc = product.upc;
    replacement.quantity = 1;
    replacement.unit_price = item_price;
    auto enrollment = config->enrollments.find(program.id);
    const bool test_customer = engine::read_customer(txn, record.customer_id).test;
    const engine::VisitFacts facts{location_id, record.customer_id, record.receipt_id, at, today_at(*config, at),
                                   test_customer};
    engine::store_redemption(txn, program,
                             enrollment == config->enrollments.end() ? Enrollment{} : enrollment->second, facts,
                             replacement, record.redemption.id);
    record.status = "replaced";
    record.replaced_by = replacement.id;
    record.undone_at = at;
    txn.put(keys::redemption(record.redemption.id), codec::encode(record));
    v.upc = replacement.upc;
    v.unit_price = replacement.unit_price;
    v.redemption_id = replacement.id;
    v.credit_line_id = replacement.credit_line_id;
    engine::write_voucher(txn, v);
    txn.journal(at, "voucher.item_changed",
                json::serialize(json::object{{"voucher", v.id}, {"redemption", record.redemption.id},
                                             {"replaced_by", replacement.id}, {"upc", v.upc},
                                             {"actor", domain::describe(actor)}}));
    return engine::voucher_view(*catalog, std::move(v), today_at(*config, at));
  });
}

}  // namespace tally
