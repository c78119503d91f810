// SPDX-License-Identifier: Apache-2.0
#include "domain/fulfillment.hpp"

#include "tally/error.hpp"
#include "tally/limits.hpp"

namespace tally::domain {

void check_enrollment(const Catalog& catalog, const Program& program, const Location& location,
                      const Enrollment& enrollment) {
  const std::string& partner = enrollment.distributor_id;
  if (program.fulfillment != Fulfillment::distributor) {
    if (!partner.empty())
      throw Error(ErrorCode::invalid_argument,
                  "distributor: " + program.id + " is " + to_string(program.fulfillment) +
                      " fulfilled; it takes no distributor");
    return;
  }
  if (partner.empty())
    throw Error(ErrorCode::invalid_argument,
                "distributor: " + program.id +
                    " is distributor fulfilled; name a distributor or temporary_holding");
  if (partner == kTemporaryHolding) return;
  auto it = catalog.distributors.find(partner);
  if (it == catalog.distributors.end())
    throw Error(ErrorCode::unknown_distributor, "distributor: " + limits::quoted(partner) + " is not in the catalog");
  const Distributor& distributor = it->second;
  if (!distributor.serves_state(location.state))
    throw Error(ErrorCode::distributor_not_serving,
                "distributor: " + distributor.id + " does not serve " + location.state +
                    " (location " + location.id + ")");
  if (!distributor.carries(program.manufacturer))
    throw Error(ErrorCode::distributor_not_serving,
                "distributor: " + distributor.id + " does not carry " + program.manufacturer);
  if (distributor.account_number_required && enrollment.account_number.empty())
    throw Error(ErrorCode::account_number_required,
                "account_number: " + distributor.id + " needs the store's account number");
}

CreditRoute route_credit(const Program& program, const Enrollment& enrollment, bool test_customer) {
  CreditRoute route;
  if (test_customer || program.fulfillment == Fulfillment::none) return route;
  route.creates_line = true;
  route.state = "new";
  route.fulfillment = to_string(program.fulfillment);
  switch (program.fulfillment) {
    case Fulfillment::distributor:
      route.partner = enrollment.distributor_id.empty() ? kTemporaryHolding : enrollment.distributor_id;
      if (route.partner == kTemporaryHolding) route.state = "held";
      else route.account_number = enrollment.account_number;
      break;
    case Fulfillment::direct: route.partner = program.manufacturer; break;
    case Fulfillment::retailer: route.partner = "retailer"; break;
    case Fulfillment::none: break;
  }
  return route;
}

}  // namespace tally::domain
