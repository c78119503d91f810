// SPDX-License-Identifier: Apache-2.0
// Who pays the store back: enrollment rules and the routing of a redemption's credit.
#pragma once

#include <string>

#include "domain/catalog.hpp"
#include "tally/types.hpp"

namespace tally::domain {

// Refuses an enrollment the rules do not allow: an unknown distributor, one that does not
// serve the location's state or does not carry the brand, a missing account number, or a
// partner given for a program that is not distributor fulfilled.
void check_enrollment(const Catalog& catalog, const Program& program, const Location& location,
                      const Enrollment& enrollment);

struct CreditRoute {
  bool creates_line = false;
  std::string state;        // held | new
  std::string fulfillment;  // distributor | direct | retailer
  std::string partner;      // distributor id, temporary_holding, manufacturer id, or "retailer"
  std::string account_number;
};

// Where the credit for a redemption of `program` goes, given the location's enrollment.
CreditRoute route_credit(const Program& program, const Enrollment& enrollment, bool test_customer);

}  // namespace tally::domain
