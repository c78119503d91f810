// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): checkout: one visit at the till, offers and adoption bundles included.
#include <boost/json/serialize.hpp>

#include "capi_internal.hpp"

using namespace tally::capi;

extern "C" {

int32_t tally_checkout_open(tally_engine* e, const char* location_id, const char* customer_id, const char* receipt_id,
                            int64_t at, tally_checkout** out_checkout) {
  return guard(e, [&] {
    need(out_checkout, "out_checkout");
    *out_checkout = nullptr;
    tally::CheckoutOpen open{id(location_id, "location_id"), id(customer_id, "customer_id"),
                             id(receipt_id, "receipt_id", false, tally::limits::kReceiptIdBytes), at, ""};
    *out_checkout = new tally_checkout{need(e, "engine")->engine.open_checkout(open), e};
  });
}

int32_t tally_checkout_add_line(tally_checkout* c, const char* upc, int32_t quantity, int64_t unit_price_cents,
                                int32_t* out_punches) {
  return guard(owner(c), [&] {
    if (out_punches) *out_punches = 0;
    auto punches = need(c, "checkout")->checkout.add_line({text(upc, "upc", false, tally::limits::kNameBytes), quantity, unit_price_cents, "", "", ""});
    if (out_punches) *out_punches = static_cast<int32_t>(punches.size());
  });
}

int32_t tally_checkout_add_line_json(tally_checkout* c, const char* json_text, size_t json_len, char** out_punches) {
  return guard(owner(c), [&] {
    clear(out_punches, "out_punches");
    auto line = tally::sale_line_from_json(document(json_text, json_len, "json"));
    give(out_punches, tally::to_json(need(c, "checkout")->checkout.add_line(line)));
  });
}

int32_t tally_checkout_punches(tally_checkout* c, char** out_json) {
  return guard(owner(c), [&] { give(clear(out_json, "out_json"), tally::to_json(need(c, "checkout")->checkout.punches())); });
}

int32_t tally_checkout_rewards(tally_checkout* c, char** out_json) {
  return guard(owner(c), [&] { give(clear(out_json, "out_json"), tally::to_json(need(c, "checkout")->checkout.rewards())); });
}

int32_t tally_checkout_redeem(tally_checkout* c, const char* program_id, const char* card_id, const char* upc,
                              int64_t unit_price_cents, int32_t* out_index) {
  return guard(owner(c), [&] {
    tally::RedemptionRequest request{id(program_id, "program_id"), id(card_id, "card_id"),
                                     text(upc, "upc", true, tally::limits::kNameBytes),
                                     std::nullopt};
    if (unit_price_cents != TALLY_PRICE_LAST_KNOWN) request.unit_price = unit_price_cents;
    auto index = need(c, "checkout")->checkout.redeem(request);
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_redeem_later(tally_checkout* c, const char* program_id, const char* card_id) {
  return guard(owner(c), [&] {
    need(c, "checkout")->checkout.redeem_later(id(program_id, "program_id"), id(card_id, "card_id"));
  });
}

int32_t tally_checkout_undo_redemption(tally_checkout* c, int32_t index) {
  return guard(owner(c), [&] {
    if (index < 0) bad("index", "must be >= 0");
    need(c, "checkout")->checkout.undo_redemption(static_cast<std::size_t>(index));
  });
}

int32_t tally_checkout_set_multi_punch_reason(tally_checkout* c, const char* reason) {
  return guard(owner(c), [&] { need(c, "checkout")->checkout.set_multi_punch_reason(text(reason, "reason")); });
}

int32_t tally_checkout_finish(tally_checkout* c, char** out_result) {
  return guard(owner(c), [&] {
    clear(out_result, "out_result");
    give(out_result, tally::to_json(need(c, "checkout")->checkout.finish()));
  });
}

void tally_checkout_free(tally_checkout* c) { delete c; }

int32_t tally_run_checkout(tally_engine* e, const char* json_text, size_t json_len, char** out_result) {
  return guard(e, [&] {
    clear(out_result, "out_result");
    auto doc = tally::checkout_document_from_json(document(json_text, json_len, "json"));
    give(out_result, tally::to_json(tally::run_checkout(need(e, "engine")->engine, doc)));
  });
}

int32_t tally_run_checkouts(tally_engine* e, const char* json_text, size_t json_len, char** out_outcomes) {
  return guard(e, [&] {
    clear(out_outcomes, "out_outcomes");
    const std::size_t max = tally::limits::kCheckoutBatchBytes;
    const boost::json::value batch = parse(document(json_text, json_len, "json", max), "json", max);
    if (!batch.is_array()) bad("json", "must be an array of checkout documents");
    // An element that is no checkout document is refused in its own place; the rest run.
    const boost::json::array& items = batch.get_array();
    std::vector<tally::CheckoutOutcome> outcomes(items.size());
    std::vector<tally::CheckoutDocument> documents;
    std::vector<std::size_t> places;
    for (std::size_t i = 0; i < items.size(); ++i) {
      try {
        documents.push_back(tally::checkout_document_from_json(boost::json::serialize(items[i])));
        places.push_back(i);
      } catch (const tally::Error& refused) {
        outcomes[i] = {refused.code(), "[" + std::to_string(i) + "]" + refused.what(), {}};
      }
    }
    auto stored = need(e, "engine")->engine.run_checkouts(documents);
    for (std::size_t k = 0; k < stored.size(); ++k) outcomes[places[k]] = std::move(stored[k]);
    give(out_outcomes, tally::to_json(outcomes));
  });
}

int32_t tally_checkout_result(tally_engine* e, const char* location_id, const char* receipt_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.checkout_result(
                       id(location_id, "location_id"), id(receipt_id, "receipt_id", false, tally::limits::kReceiptIdBytes))));
  });
}

int32_t tally_checkout_use_pass(tally_checkout* c, const char* program_id, const char* card_id, int32_t quantity,
                                int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.use_pass({id(program_id, "program_id"), id(card_id, "card_id"), quantity});
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_offers(tally_checkout* c, char** out_json) {
  return answer(owner(c), out_json, "out_json", [&] { return tally::to_json(need(c, "checkout")->checkout.offers()); });
}

int32_t tally_checkout_redeem_offer(tally_checkout* c, const char* offer_id, const char* upc, int64_t unit_price_cents,
                                    int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.redeem_offer(
        {id(offer_id, "offer_id"), text(upc, "upc", true, tally::limits::kNameBytes), price(unit_price_cents)});
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_decline_offer(tally_checkout* c, const char* offer_id) {
  return guard(owner(c), [&] { need(c, "checkout")->checkout.decline_offer(id(offer_id, "offer_id")); });
}

int32_t tally_checkout_redeem_adoption(tally_checkout* c, const char* json_text, size_t json_len) {
  return guard(owner(c), [&] {
    auto request = tally::adoption_request_from_json(document(json_text, json_len, "json"));
    need(c, "checkout")->checkout.redeem_adoption(request);
  });
}

}  // extern "C"
