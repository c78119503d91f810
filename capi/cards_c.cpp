// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): cards, rewards, credit lines, the journal.
#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_cards(tally_engine* e, const char* customer_id, int32_t include_redeemed, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.cards(id(customer_id, "customer_id"), include_redeemed != 0)));
  });
}

int32_t tally_rewards(tally_engine* e, const char* customer_id, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.rewards(id(customer_id, "customer_id"),
                                                                     id(location_id, "location_id"))));
  });
}

int32_t tally_credit_lines(tally_engine* e, const char* state, const char* partner, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.credit_lines(text(state, "state", true, tally::limits::kNameBytes),
                                                                          id(partner, "partner", true))));
  });
}

int32_t tally_credit_line(tally_engine* e, int64_t line_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.credit_line(line_id)));
  });
}

int32_t tally_journal(tally_engine* e, int64_t after_seq, uint32_t limit, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.journal(after_seq, limit)));
  });
}

}  // extern "C"
