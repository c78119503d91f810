// SPDX-License-Identifier: Apache-2.0
// Manufacturers' vouchers: free product a brand grants a store, pending until redeemed at
// the till for one item of the voucher program's list before it expires
// (docs/programs.md#manufacturer-vouchers). Pure rules: the voucher and the day in, a
// decision out.
#pragma once

#include <cstdint>
#include <string>

#include "domain/catalog.hpp"
#include "tally/types.hpp"

namespace tally::domain {

// pending | redeemed | expired: a pending voucher whose last day (`expires`) is before
// `today` is expired; nothing has to run at midnight.
std::string voucher_state(const Voucher& voucher, std::int64_t today);

// Refuses a voucher the location cannot redeem today, naming `field` (e.g.
// "voucher_redemptions[0].voucher"): another location's (wrong_location), a redeemed one
// (voucher_used), an expired one (voucher_expired).
void check_voucher_usable(const Voucher& voucher, const std::string& location_id, std::int64_t today,
                          const std::string& field);

// The product a voucher of `program` is taken in; refuses a malformed UPC
// (invalid_argument), one not in the catalog (unknown_upc) and one outside the program's
// list (item_not_allowed), naming `field`.
const Product& check_voucher_item(const Catalog& catalog, const Program& program, const std::string& upc,
                                  const std::string& field);

// The voucher program of the catalog with this id (unknown_program naming `field` when
// there is none, or it is not a voucher program).
const Program& voucher_program(const Catalog& catalog, const std::string& program_id, const std::string& field);

}  // namespace tally::domain
