// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): catalog, locations, enrollments, customers.
#include "capi_internal.hpp"

#include <boost/json.hpp>

using namespace tally::capi;
namespace json = boost::json;

extern "C" {

int32_t tally_load_catalog(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_summary) {
  return guard(e, [&] {
    clear(out_summary, "out_summary");
    give(out_summary, tally::to_json(need(e, "engine")->engine.load_catalog(document(json_text, json_len, "json", tally::limits::kCatalogBytes), at)));
  });
}

int32_t tally_catalog(tally_engine* e, char** out_json) {
  return guard(e, [&] { give(clear(out_json, "out_json"), need(e, "engine")->engine.catalog_json()); });
}

int32_t tally_save_location(tally_engine* e, const char* json_text, size_t json_len, int64_t at) {
  return guard(e, [&] {
    need(e, "engine")->engine.save_location(tally::location_from_json(document(json_text, json_len, "json")), at);
  });
}

int32_t tally_location(tally_engine* e, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.location(id(location_id, "location_id"))));
  });
}

int32_t tally_locations(tally_engine* e, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    json::array a;
    for (const auto& l : need(e, "engine")->engine.locations()) a.push_back(json::parse(tally::to_json(l)));
    give(out_json, json::serialize(a));
  });
}

int32_t tally_enroll(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    auto change = need(e, "engine")->engine.enroll(tally::enrollment_from_json(document(json_text, json_len, "json")), at);
    give(out_json, json::serialize(json::object{{"enrollment", json::parse(tally::to_json(change.enrollment))},
                                                {"released_lines", change.released_lines}}));
  });
}

int32_t tally_enrollments(tally_engine* e, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    json::array a;
    for (const auto& en : need(e, "engine")->engine.enrollments(id(location_id, "location_id")))
      a.push_back(json::parse(tally::to_json(en)));
    give(out_json, json::serialize(a));
  });
}

int32_t tally_save_customer(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    auto saved = need(e, "engine")->engine.save_customer(tally::customer_from_json(document(json_text, json_len, "json")), at);
    give(out_json, tally::to_json(saved));
  });
}

int32_t tally_customer(tally_engine* e, const char* customer_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.customer(id(customer_id, "customer_id"))));
  });
}

}  // extern "C"
