// SPDX-License-Identifier: Apache-2.0
#include "domain/vouchers.hpp"

#include <algorithm>

#include "domain/gtin.hpp"
#include "domain/time.hpp"
#include "tally/error.hpp"
#include "tally/limits.hpp"

namespace tally::domain {

std::string voucher_state(const Voucher& voucher, std::int64_t today) {
  if (voucher.state == "redeemed") return "redeemed";
  const auto last_day = parse_date_day(voucher.expires);
  return last_day && today > *last_day ? "expired" : "pending";
}

void check_voucher_usable(const Voucher& voucher, const std::string& location_id, std::int64_t today,
                          const std::string& field) {
  if (voucher.location_id != location_id)
    throw Error(ErrorCode::wrong_location, field + ": voucher " + limits::quoted(voucher.id) + " was issued to location " +
                                               voucher.location_id + ", not " + location_id);
  const std::string state = voucher_state(voucher, today);
  if (state == "redeemed")
    throw Error(ErrorCode::voucher_used, field + ": voucher " + limits::quoted(voucher.id) + " was redeemed on " +
                                             voucher.redeemed_on + " (receipt " + voucher.receipt_id + ")");
  if (state == "expired")
    throw Error(ErrorCode::voucher_expired,
                field + ": voucher " + limits::quoted(voucher.id) + " expired after " + voucher.expires);
}

const Product& check_voucher_item(const Catalog& catalog, const Program& program, const std::string& upc,
                                  const std::string& field) {
  if (auto problem = gtin_problem(upc); !problem.empty())
    throw Error(ErrorCode::invalid_argument, field + ": " + limits::quoted(upc) + " " + problem);
  const std::string key = gtin14(upc);
  const Product* product = catalog.product(key);
  if (!product) throw Error(ErrorCode::unknown_upc, field + ": " + limits::quoted(upc) + " is not in the catalog");
  const auto& items = program.voucher_items;
  if (std::find(items.begin(), items.end(), key) == items.end())
    throw Error(ErrorCode::item_not_allowed,
                field + ": " + limits::quoted(upc) + " is not an item of voucher program " + program.id);
  return *product;
}

const Program& voucher_program(const Catalog& catalog, const std::string& program_id, const std::string& field) {
  const Program* program = catalog.program(program_id);
  if (!program || program->kind != ProgramKind::voucher)
    throw Error(ErrorCode::unknown_program,
                field + ": " + limits::quoted(program_id) + " is not a voucher program in the catalog");
  return *program;
}

}  // namespace tally::domain
