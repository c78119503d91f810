// SPDX-License-Identifier: Apache-2.0
// Storage format 1 to 2: the checkout path's JSON records become binary records, the live
// card index keys become one wallet per customer, and journal entries keep their documents.
// Everything else (catalog, locations, enrollments, batches, counters) is unchanged.
#include <map>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "codec/stored.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally::engine {
namespace {

namespace json = boost::json;
constexpr ErrorCode kCorrupt = ErrorCode::storage_corrupt;

// The visit a format 1 receipt's request document describes.
domain::Visit request_from(const json::value& v, const std::string& path) {
  codec::Reader r(v, path, kCorrupt);
  domain::Visit visit;
  visit.customer.id = r.str("customer");
  visit.at = r.integer("at", INT64_MIN, INT64_MAX);
  visit.multi_punch_reason = r.str_or("multi_punch_reason");
  auto each = [&](std::string_view key, auto read) {
    const json::array& items = r.array(key, false);
    for (std::size_t i = 0; i < items.size(); ++i) read(items[i], r.field(key) + "[" + std::to_string(i) + "]");
  };
  each("lines", [&](const json::value& item, const std::string& at) {
    visit.lines.push_back(codec::sale_line_from(item, at, kCorrupt));
  });
  each("redemptions", [&](const json::value& item, const std::string& at) {
    visit.redemptions.push_back(codec::redemption_request_from(item, at, kCorrupt));
  });
  each("redeem_later", [&](const json::value& item, const std::string& at) {
    codec::Reader later(item, at, kCorrupt);
    visit.redeem_later.emplace_back(later.str("program"), later.str("card"));
  });
  each("offer_redemptions", [&](const json::value& item, const std::string& at) {
    visit.offer_redemptions.push_back(codec::offer_request_from(item, at, kCorrupt));
  });
  visit.declined_offers = r.strings("declined_offers", false);
  if (r.has("adoption")) visit.adoption = codec::adoption_request_from(v.as_object().at("adoption"), r.field("adoption"), kCorrupt);
  return visit;
}

codec::StoredRedemption redemption_from(const json::value& v, const std::string& path) {
  codec::Reader r(v, path, kCorrupt);
  codec::StoredRedemption s;
  Redemption& d = s.redemption;
  d.id = r.integer("id", 1, INT64_MAX);
  d.kind = r.str_or("kind", "card");
  d.program_id = r.str("program");
  d.card_id = r.str_or("card");
  d.card_number = r.integer_or("card_number", 0, 0, INT64_MAX);
  d.upc = r.str_or("upc");
  d.quantity = static_cast<int>(r.integer("quantity", INT32_MIN, INT32_MAX));
  d.unit_price = r.integer("unit_price", INT64_MIN, INT64_MAX);
  d.credit_line_id = r.integer_or("credit_line", 0, 0, INT64_MAX);
  d.credit_state = r.str_or("credit_state");
  s.location_id = r.str("location");
  s.receipt_id = r.str_or("receipt");
  s.customer_id = r.str_or("customer");
  s.at = r.integer("at", INT64_MIN, INT64_MAX);
  s.status = r.str_or("status", "active");
  s.replaces = r.integer_or("replaces", 0, 0, INT64_MAX);
  s.replaced_by = r.integer_or("replaced_by", 0, 0, INT64_MAX);
  s.undone_at = r.opt_integer("undone_at", INT64_MIN, INT64_MAX);
  return s;
}

// Every record under `prefix`, rewritten by `convert(key, parsed JSON)`; written after the
// scan so that no store sees its keys change under a running scan.
template <class Convert>
void rewrite(Txn& txn, const std::string& prefix, Convert convert) {
  std::vector<std::pair<std::string, std::string>> out;
  txn.scan(prefix, [&](std::string_view key, std::string_view value) {
    const std::string path(key);
    out.emplace_back(path, convert(path, codec::parse_json(value, kCorrupt)));
    return true;
  });
  for (const auto& [key, value] : out) txn.put(key, value);
}

}  // namespace

void migrate_format1(Txn& txn) {
  rewrite(txn, "cust/", [](const std::string& key, const json::value& v) {
    return codec::encode(codec::customer_from(v, key, kCorrupt));
  });
  rewrite(txn, "card/", [](const std::string& key, const json::value& v) {
    return codec::encode(codec::card_state_from(v, key, kCorrupt));
  });
  // The live cards of each customer, from format 1's one index key per card.
  std::map<std::string, std::vector<domain::CardSummary>> wallets;
  std::vector<std::string> live_keys;
  txn.scan(keys::format1_live_cards(), [&](std::string_view key, std::string_view) {
    live_keys.emplace_back(key);
    return true;
  });
  for (const auto& key : live_keys) {
    const domain::CardState card = read_card(txn, keys::trailing_number(key));
    update_wallet(wallets[card.customer_id], card);
    txn.remove(key);
  }
  for (const auto& [customer, wallet] : wallets) write_wallet(txn, customer, wallet);
  rewrite(txn, "rcpt/", [](const std::string& key, const json::value& v) {
    codec::Reader r(v, key, kCorrupt);
    const std::string request = codec::encode_request(request_from(v.as_object().at("request"), r.field("request")));
    if (!r.has("result")) r.fail("result", "is missing");
    return codec::encode_receipt(request, codec::checkout_result_from(v.as_object().at("result"), r.field("result"), kCorrupt));
  });
  rewrite(txn, "line/", [](const std::string& key, const json::value& v) {
    return codec::encode(codec::credit_line_from(v, key, kCorrupt));
  });
  rewrite(txn, "rdm/", [](const std::string& key, const json::value& v) {
    return codec::encode(redemption_from(v, key));
  });
  rewrite(txn, "jrnl/", [](const std::string& key, const json::value& v) {
    codec::Reader r(v, key, kCorrupt);
    codec::StoredJournalEntry e;
    e.seq = r.integer("seq", 1, INT64_MAX);
    e.at = r.integer("at", INT64_MIN, INT64_MAX);
    e.kind = r.str("kind");
    if (!r.has("document")) r.fail("document", "is missing");
    e.document = json::serialize(v.as_object().at("document"));
    return codec::encode(e);
  });
}

}  // namespace tally::engine
