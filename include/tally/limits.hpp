// SPDX-License-Identifier: Apache-2.0
// The resource limits on every input: the one place their values live. docs/c-api.md
// ("Limits") has the table with each limit's code and why it is what it is; a limit is
// checked before the work it bounds (a document's size before a byte of it is parsed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "tally/error.hpp"
#include "tally/export.hpp"

namespace tally::limits {

// A catalog document: a distributor's whole price book (about 250 bytes a product, so
// some 100,000 products with their programs) fits; one load is one transaction.
inline constexpr std::size_t kCatalogBytes = 32u << 20;
// Every other document (a visit, a line, a return, a report query, an actor, a customer,
// the engine's options...): a visit of kLines lines of a few hundred bytes fits with room.
inline constexpr std::size_t kDocumentBytes = 1u << 20;
// A bulk finish's array of visits (tally_run_checkouts): some thousands of receipts per
// call, while one call's transaction holds the store's writers back for a second or less.
inline constexpr std::size_t kCheckoutBatchBytes = 16u << 20;
// Arrays and objects nested in one document (malformed_json past it).
inline constexpr int kDepth = 64;
// Ids: locations, customers, programs, cards, offers, manufacturers, distributors, rules,
// partners, account numbers, memo numbers.
inline constexpr std::size_t kIdBytes = 64;
// Receipt and return ids, which a POS often builds from several parts (store, till, date).
inline constexpr std::size_t kReceiptIdBytes = 128;
// Names and short fields: names, product descriptions, emails, phones, sizes, kinds, dates.
inline constexpr std::size_t kNameBytes = 200;
// Free text: notes, reasons, mailing addresses.
inline constexpr std::size_t kTextBytes = 1000;
// Sale lines in one visit.
inline constexpr std::size_t kLines = 1000;
// Units of one sale line or one return (invalid_quantity past it).
inline constexpr std::int64_t kQuantity = 10000;
// Cents of one unit price (invalid_price past it): one million dollars.
inline constexpr std::int64_t kPriceCents = 100'000'000;

// `value` quoted for a message: whole when short, else its first bytes (never a broken
// UTF-8 sequence) and its size, so a message never carries an over-long input.
TALLY_API std::string quoted(std::string_view value);

// invalid_argument "<field>: N bytes; at most M" when `size` is over `max`.
TALLY_API void check_size(std::size_t size, std::size_t max, std::string_view field);

// `code` "<field>: 'value...' (N bytes) is longer than M bytes" when `value` is over `max`.
TALLY_API void check_length(std::string_view value, std::size_t max, std::string_view field,
                            ErrorCode code = ErrorCode::invalid_argument);

}  // namespace tally::limits
