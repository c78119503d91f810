#include "tally/error.hpp"

namespace tally {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::malformed_json: return "malformed_json";
    case ErrorCode::invalid_catalog: return "invalid_catalog";
    case ErrorCode::unknown_upc: return "unknown_upc";
    case ErrorCode::unknown_customer: return "unknown_customer";
    case ErrorCode::unknown_program: return "unknown_program";
    case ErrorCode::unknown_location: return "unknown_location";
    case ErrorCode::unknown_distributor: return "unknown_distributor";
    case ErrorCode::distributor_not_serving: return "distributor_not_serving";
    case ErrorCode::invalid_quantity: return "invalid_quantity";
    case ErrorCode::invalid_price: return "invalid_price";
    case ErrorCode::receipt_conflict: return "receipt_conflict";
    case ErrorCode::storage_failed: return "storage_failed";
    case ErrorCode::storage_busy: return "storage_busy";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::not_enrolled: return "not_enrolled";
    case ErrorCode::reward_not_available: return "reward_not_available";
    case ErrorCode::item_not_allowed: return "item_not_allowed";
    case ErrorCode::reason_required: return "reason_required";
    case ErrorCode::customer_data_missing: return "customer_data_missing";
    case ErrorCode::invalid_state: return "invalid_state";
    case ErrorCode::wrong_actor: return "wrong_actor";
    case ErrorCode::limit_reached: return "limit_reached";
    case ErrorCode::storage_corrupt: return "storage_corrupt";
    case ErrorCode::unsupported: return "unsupported";
    case ErrorCode::account_number_required: return "account_number_required";
    case ErrorCode::unknown_manufacturer: return "unknown_manufacturer";
    case ErrorCode::not_eligible: return "not_eligible";
    case ErrorCode::enrollment_pending: return "enrollment_pending";
    case ErrorCode::enrollment_denied: return "enrollment_denied";
    case ErrorCode::internal: return "internal";
  }
  return "unknown";
}

}  // namespace tally
