// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): adoption eligibility, private-program reviews and auto-enrollment rules.
#include "capi_internal.hpp"

#include <boost/json.hpp>

using namespace tally::capi;
namespace json = boost::json;
using tally::Error;
using tally::ErrorCode;

extern "C" {

int32_t tally_adoption_eligibility(tally_engine* e, const char* customer_id, const char* location_id, const char* species,
                                   const char* adoption_date, const char* source, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    return tally::to_json(engine_of(e).adoption_eligibility(id(customer_id, "customer_id"), id(location_id, "location_id"),
                                                            text(species, "species", false, tally::limits::kNameBytes),
                                                            text(adoption_date, "adoption_date", false, tally::limits::kNameBytes),
                                                            text(source, "source", false, tally::limits::kNameBytes), at));
  });
}

int32_t tally_review_enrollment(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                int32_t approve, int64_t at, char** out_enrollment) {
  return answer(e, out_enrollment, "out_enrollment", [&] {
    return tally::to_json(engine_of(e).review_enrollment(actor(actor_json), id(location_id, "location_id"),
                                                         id(program_id, "program_id"), approve != 0, at));
  });
}

int32_t tally_add_auto_enrollment(tally_engine* e, const char* json_text, size_t json_len, int64_t at, int32_t* out_enrolled) {
  return guard(e, [&] {
    if (out_enrolled) *out_enrolled = 0;
    const json::value doc = parse(document(json_text, json_len, "json"), "json");
    if (!doc.is_object()) bad("json", "must be an object");
    tally::AutoEnrollmentRule rule;
    for (const auto& [key, value] : doc.as_object()) {
      const std::string k(key);
      if (k == "id" && value.is_string()) rule.id = std::string(value.as_string());
      else if (k == "manufacturer" && value.is_string()) rule.manufacturer_id = std::string(value.as_string());
      else if (k == "distributor" && value.is_string()) rule.distributor_id = std::string(value.as_string());
      else if (k == "locations" && value.is_array())
        for (const auto& l : value.as_array()) rule.location_ids.emplace_back(l.is_string() ? l.as_string() : "");
      else if (k == "account_numbers" && value.is_object())
        for (const auto& [loc, acct] : value.as_object()) rule.account_numbers[std::string(loc)] = acct.is_string() ? std::string(acct.as_string()) : "";
      else bad(("json." + (k.size() <= tally::limits::kIdBytes ? k : tally::limits::quoted(k))).c_str(),
               "is not a known field, or has the wrong type");
    }
    int enrolled = engine_of(e).add_auto_enrollment(rule, at);
    if (out_enrolled) *out_enrolled = enrolled;
  });
}

int32_t tally_remove_auto_enrollment(tally_engine* e, const char* rule_id, int64_t at) {
  return guard(e, [&] { engine_of(e).remove_auto_enrollment(id(rule_id, "rule_id"), at); });
}

int32_t tally_auto_enrollments(tally_engine* e, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    json::array a;
    for (const auto& r : engine_of(e).auto_enrollments()) {
      json::array locations;
      for (const auto& l : r.location_ids) locations.emplace_back(l);
      json::object accounts;
      for (const auto& [loc, acct] : r.account_numbers) accounts[loc] = acct;
      a.push_back({{"id", r.id}, {"locations", std::move(locations)}, {"manufacturer", r.manufacturer_id},
                   {"distributor", r.distributor_id}, {"account_numbers", std::move(accounts)}});
    }
    return json::serialize(a);
  });
}

}  // extern "C"
