// SPDX-License-Identifier: Apache-2.0
// The stored binary records (storage format 2) of everything a checkout reads or writes:
// cards, the customer's wallet of live cards, receipts, customers, redemptions, credit
// lines and journal entries. docs/architecture.md lists each layout.
//
// Every record starts with the format byte 2 and a letter naming its kind, so a record can
// never be taken for another kind, nor for the JSON records of format 1 (which start with
// '{'). Decoders check every length and range and that nothing follows the last field; any
// damage is storage_corrupt naming the record's key.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/cards.hpp"
#include "domain/points.hpp"
#include "tally/types.hpp"

namespace tally::codec {

inline constexpr std::uint8_t kBinaryFormat = 2;

// Whether stored bytes are a binary record (of any kind).
bool is_binary(std::string_view bytes);

std::string encode(const domain::CardState& card);
domain::CardState decode_card(std::string_view bytes, std::string_view key);

std::string encode(const std::vector<domain::CardSummary>& wallet);
std::vector<domain::CardSummary> decode_wallet(std::string_view bytes, std::string_view key);

std::string encode(const Customer& customer);
Customer decode_customer(std::string_view bytes, std::string_view key);

std::string encode(const CreditLine& line);
CreditLine decode_line(std::string_view bytes, std::string_view key);

// A redemption as stored: what the API shows plus where, when and what became of it.
struct StoredRedemption {
  Redemption redemption;
  std::string location_id;
  std::string receipt_id;
  std::string customer_id;
  Timestamp at = 0;
  std::string status = "active";  // active | undone | replaced
  std::int64_t replaces = 0;      // the redemption this one swapped out
  std::int64_t replaced_by = 0;
  std::optional<Timestamp> undone_at;
};
std::string encode(const StoredRedemption& redemption);
StoredRedemption decode_redemption(std::string_view bytes, std::string_view key);

// A journal entry. A finished checkout's entry names its receipt instead of repeating the
// result: the public document is made from the receipt when the journal is read.
struct StoredJournalEntry {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::string kind;
  std::string document;  // JSON, when the entry carries its own document
  std::string receipt_location;
  std::string receipt_id;  // set when the document is the receipt's result
};
std::string encode(const StoredJournalEntry& entry);
StoredJournalEntry decode_journal(std::string_view bytes, std::string_view key);

// A customer's points in one program (balance lots, debt, reward uses) and one entry of its
// history.
std::string encode(const domain::PointsAccount& account);
domain::PointsAccount decode_points(std::string_view bytes, std::string_view key);
std::string encode(const PointsHistoryEntry& entry);
PointsHistoryEntry decode_points_entry(std::string_view bytes, std::string_view key);

// A manufacturer's voucher as stored: state pending or redeemed (expired is derived from
// the day it is read on); its allowed items come from the catalog.
std::string encode(const Voucher& voucher);
Voucher decode_voucher(std::string_view bytes, std::string_view key);

// A coupon a brand issued to a customer, and what became of it.
std::string encode(const Coupon& coupon);
Coupon decode_coupon(std::string_view bytes, std::string_view key);

// What the till asked for, in one canonical encoding: two requests are the same visit
// exactly when their encodings are equal (a retried receipt is compared this way).
std::string encode_request(const domain::Visit& visit);
domain::Visit decode_request(std::string_view bytes, std::string_view key);

// A finished receipt: the request's encoding and the result. The result's sale lines are
// the request's. Rewards keep their allowed items' UPCs and prices; the names and sizes
// shown with them come from the catalog when the receipt is read (fill_reward_names).
std::string encode_receipt(std::string_view request, const CheckoutResult& result);
struct StoredReceipt {
  std::string request;
  CheckoutResult result;
};
StoredReceipt decode_receipt(std::string_view bytes, std::string_view key);
// The request part only, without decoding the rest.
std::string_view receipt_request(std::string_view bytes, std::string_view key);

}  // namespace tally::codec
