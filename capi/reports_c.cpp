// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): reports and the Command Center.
#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_report(tally_engine* e, const char* kind, const char* query_json, size_t query_len, int64_t at,
                     char** out_report) {
  return answer(e, out_report, "out_report", [&] {
    return engine_of(e).report(text(kind, "kind", false, tally::limits::kNameBytes), std::string(document(query_json, query_len, "query_json")), at);
  });
}

int32_t tally_command_center(tally_engine* e, const char* location_id, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return engine_of(e).command_center(id(location_id, "location_id"), at); });
}

int32_t tally_set_billing_flag(tally_engine* e, const char* location_id, const char* flag, int64_t at) {
  return guard(e, [&] { engine_of(e).set_billing_flag(id(location_id, "location_id"), text(flag, "flag", true, tally::limits::kNameBytes), at); });
}

}  // extern "C"
