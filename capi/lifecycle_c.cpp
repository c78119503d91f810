// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): credit-line lifecycles: batches, declines, credit claims, retailer batches, cadences.
#include "capi_internal.hpp"

#include <vector>

#include <boost/json.hpp>

using namespace tally::capi;
namespace json = boost::json;
using tally::Error;
using tally::ErrorCode;

namespace {

json::value parse_list(const char* list_json, const char* name) {
  json::value v = parse(document(list_json, name), name);
  if (!v.is_array()) bad(name, "must be a JSON array");
  return v;
}

std::vector<std::string> strings(const char* list_json, const char* name) {
  std::vector<std::string> out;
  if (!list_json) return out;
  const json::value list = parse_list(list_json, name);
  for (const auto& item : list.as_array()) {
    if (!item.is_string()) bad(name, "must hold strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

std::vector<std::int64_t> ids(const char* list_json, const char* name) {
  std::vector<std::int64_t> out;
  if (!list_json) return out;
  const json::value list = parse_list(list_json, name);
  for (const auto& item : list.as_array()) {
    if (!item.is_int64()) bad(name, "must hold whole numbers");
    out.push_back(item.as_int64());
  }
  return out;
}

}  // namespace

extern "C" {

int32_t tally_pull_batch(tally_engine* e, const char* actor_json, const char* name, const char* locations_json,
                         const char* stream, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    const std::string s = text(stream, "stream", true, tally::limits::kNameBytes);
    return tally::to_json(engine_of(e).pull_batch(actor(actor_json), text(name, "name", true, tally::limits::kNameBytes),
                                                  strings(locations_json, "locations_json"), at,
                                                  s.empty() ? "free_goods" : s));
  });
}

int32_t tally_unbatch_line(tally_engine* e, const char* actor_json, int64_t line_id, int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] { return tally::to_json(engine_of(e).unbatch_line(actor(actor_json), line_id, at)); });
}

int32_t tally_unbatch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] { return tally::to_json(engine_of(e).unbatch(actor(actor_json), batch_id, at)); });
}

int32_t tally_decline_line(tally_engine* e, const char* actor_json, int64_t line_id, const char* reason, const char* note,
                           int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] {
    return tally::to_json(engine_of(e).decline_line(actor(actor_json), line_id, text(reason, "reason", false, tally::limits::kNameBytes),
                                                    text(note, "note", true), at));
  });
}

int32_t tally_fulfill_batch(tally_engine* e, const char* actor_json, int64_t batch_id, const char* memo_json, int64_t at,
                            char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    const std::string memo = document(memo_json, "memo_json");
    return tally::to_json(engine_of(e).fulfill_batch(actor(actor_json), batch_id, tally::credit_memo_from_json(memo), at));
  });
}

int32_t tally_claim_credit(tally_engine* e, const char* actor_json, const char* manufacturer_id, const char* batch_ids_json,
                           const char* name, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).claim_credit(actor(actor_json), id(manufacturer_id, "manufacturer_id"),
                                                    ids(batch_ids_json, "batch_ids_json"),
                                                    text(name, "name", true, tally::limits::kNameBytes), at));
  });
}

int32_t tally_pay_credit_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).pay_credit_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_reassign_to_holding(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                  int64_t at, int32_t* out_held_lines) {
  return guard(e, [&] {
    if (out_held_lines) *out_held_lines = 0;
    int held = engine_of(e).reassign_to_holding(actor(actor_json), id(location_id, "location_id"),
                                                id(program_id, "program_id"), at);
    if (out_held_lines) *out_held_lines = held;
  });
}

int32_t tally_reconcile_line(tally_engine* e, const char* actor_json, int64_t line_id, int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] { return tally::to_json(engine_of(e).reconcile_line(actor(actor_json), line_id, at)); });
}

int32_t tally_reconcile_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).reconcile_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_fix_account_number(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                 const char* account_number, int64_t at, char** out_enrollment) {
  return answer(e, out_enrollment, "out_enrollment", [&] {
    return tally::to_json(engine_of(e).fix_account_number(actor(actor_json), id(location_id, "location_id"),
                                                          id(program_id, "program_id"),
                                                          id(account_number, "account_number"), at));
  });
}

int32_t tally_resubmit_line(tally_engine* e, const char* actor_json, int64_t line_id, const char* note, int64_t at,
                            char** out_line) {
  return answer(e, out_line, "out_line", [&] {
    return tally::to_json(engine_of(e).resubmit_line(actor(actor_json), line_id, text(note, "note", true), at));
  });
}

int32_t tally_create_retailer_batch(tally_engine* e, const char* actor_json, const char* name, const char* locations_json,
                                    int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).create_retailer_batch(actor(actor_json), text(name, "name", true, tally::limits::kNameBytes),
                                                             strings(locations_json, "locations_json"), at));
  });
}

int32_t tally_submit_retailer_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).submit_retailer_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_complete_retailer_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at,
                                      char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).complete_retailer_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_set_cadence(tally_engine* e, const char* location_id, const char* cadence, const char* anchor_date, int64_t at) {
  return guard(e, [&] {
    engine_of(e).set_cadence(id(location_id, "location_id"),
                             tally::cadence_from_string(text(cadence, "cadence", false, tally::limits::kNameBytes)),
                             text(anchor_date, "anchor_date", false, tally::limits::kNameBytes), at);
  });
}

int32_t tally_batches_due(tally_engine* e, const char* date, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batches_due(text(date, "date", false, tally::limits::kNameBytes))); });
}

int32_t tally_batch(tally_engine* e, int64_t batch_id, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batch(batch_id)); });
}

int32_t tally_batches(tally_engine* e, const char* partner, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batches(id(partner, "partner", true))); });
}

}  // extern "C"
