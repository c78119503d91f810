// Error codes and the exception the C++ API throws.
#pragma once

#include <stdexcept>
#include <string>

#include "tally/export.hpp"

namespace tally {

// Stable numbers: the C ABI returns them as they are, so a code is never renumbered
// or reused. New codes are added at the end.
enum class ErrorCode : int {
  ok = 0,
  invalid_argument = 1,     // a field out of range or of the wrong form
  malformed_json = 2,       // the text is not JSON, or not of the expected shape
  invalid_catalog = 3,      // a catalog document failed validation
  unknown_upc = 4,
  unknown_customer = 5,
  unknown_program = 6,
  unknown_location = 7,
  unknown_distributor = 8,
  distributor_not_serving = 9,  // the distributor does not serve the location (state or brand)
  invalid_quantity = 10,
  invalid_price = 11,
  receipt_conflict = 12,    // the receipt id was finished before with different content
  storage_failed = 13,      // the storage backend reported a failure
  storage_busy = 14,        // the storage stayed busy after every retry
  not_found = 15,           // a record asked for by id does not exist
  not_enrolled = 16,        // the location is not enrolled in the program
  reward_not_available = 17,// no completed, unredeemed card of that type
  item_not_allowed = 18,    // the free item is not one the card's rule allows
  reason_required = 19,     // multi-punch or exception without a reason
  customer_data_missing = 20, // the program needs customer data that is absent
  invalid_state = 21,       // the operation does not fit the object's state
  wrong_actor = 22,         // the transition is not this actor's to make
  limit_reached = 23,       // an offer or program limit would be exceeded
  storage_corrupt = 24,     // a stored record could not be read back
  unsupported = 25,         // a format or feature version this build does not know
  account_number_required = 26,
  unknown_manufacturer = 27,
  not_eligible = 28,        // the customer or pet does not qualify (adoption rules)
  enrollment_pending = 29,  // a private program's enrollment awaits the brand's approval
  enrollment_denied = 30,   // the brand denied this store; it cannot re-apply
  internal = 99,            // a bug: an invariant was broken
};

// Short identifier of a code, e.g. "unknown_upc".
TALLY_API const char* error_code_name(ErrorCode code) noexcept;

class TALLY_API Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace tally
