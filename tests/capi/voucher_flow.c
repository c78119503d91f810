/* SPDX-License-Identifier: Apache-2.0 */
/* Manufacturers' vouchers through the C ABI, driven from C: the brand issues them, the
 * store redeems one at the till (refusals first), changes its item, and lists them. */
#include <stdlib.h>

#include "capi_check.h"

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */
static const int64_t kDay = 86400;

static const char *kVoucherCatalog =
    "{\"products\": [{\"upc\": \"011111000018\", \"description\": \"Acme Chicken 4 lb\", \"manufacturer\": \"acme\"},"
    "               {\"upc\": \"011111000032\", \"description\": \"Acme Duck 4 lb\", \"manufacturer\": \"acme\"}],"
    " \"programs\": [{\"id\": \"acme-samples\", \"name\": \"Acme Samples\", \"kind\": \"voucher\","
    "   \"manufacturer\": \"acme\", \"fulfillment\": \"distributor\","
    "   \"voucher\": {\"upcs\": [\"011111000025\", \"011111000018\"]}}]}";

static const char *kAcme = "{\"role\": \"manufacturer\", \"id\": \"acme\"}";
static const char *kStore = "{\"role\": \"retailer\", \"id\": \"va\"}";

static int contains(const char *json, const char *text) { return json && strstr(json, text) != NULL; }

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL;
  int32_t index = -1;

  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_load_catalog(engine, DOC(kVoucherCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\","
                                     " \"time_zone\": \"America/New_York\"}"), kMonday));
  OK(tally_save_location(engine, DOC("{\"id\": \"va2\", \"name\": \"Norfolk\", \"state\": \"VA\","
                                     " \"time_zone\": \"America/New_York\"}"), kMonday));
  /* The store assigns the voucher program's distributor. */
  OK(tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"acme-samples\", \"distributor\": \"east\","
                              " \"account_number\": \"E-1\"}"), kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"house\", \"first_name\": \"Store\", \"last_name\": \"House\"}"),
                         kMonday, &out));
  tally_free(out);

  /* The brand issues two vouchers to va, one to va2; the store may not. */
  OK(tally_issue_vouchers(engine, kAcme, "{\"program\": \"acme-samples\", \"location\": \"va\","
                                         " \"ids\": [\"AC-1\", \"AC-2\"], \"expires\": \"2026-11-30\"}", kMonday, &out));
  CHECK(contains(out, "\"id\":\"AC-1\"") && contains(out, "\"state\":\"pending\""));
  CHECK(contains(out, "\"allowed_upcs\":[\"011111000025\",\"011111000018\"]"));
  tally_free(out);
  OK(tally_issue_vouchers(engine, kAcme, "{\"program\": \"acme-samples\", \"location\": \"va2\", \"count\": 1,"
                                         " \"expires\": \"2026-11-30\"}", kMonday, &out));
  CHECK(contains(out, "\"location\":\"va2\""));
  tally_free(out);
  CHECK(tally_issue_vouchers(engine, kStore, "{\"program\": \"acme-samples\", \"location\": \"va\", \"count\": 1,"
                                             " \"expires\": \"2026-11-30\"}", kMonday, &out) == TALLY_E_WRONG_ACTOR);
  CHECK(out == NULL);

  /* At the till: the refusals, each with its code and field, then AC-1 in beef. */
  OK(tally_checkout_open(engine, "va", "house", "V1", kMonday, &checkout));
  OK(tally_checkout_vouchers(checkout, &out));
  CHECK(contains(out, "\"AC-1\"") && contains(out, "\"AC-2\"") && !contains(out, "\"location\":\"va2\""));
  tally_free(out);
  CHECK(tally_checkout_redeem_voucher(checkout, "NOPE", "011111000025", 1599, &index) == TALLY_E_NOT_FOUND);
  CHECK(contains(tally_last_error(), "voucher_redemptions[0].voucher"));
  CHECK(tally_checkout_redeem_voucher(checkout, "V1", "011111000025", 1599, &index) == TALLY_E_WRONG_LOCATION);
  CHECK(tally_checkout_redeem_voucher(checkout, "AC-1", "011111000032", 1599, &index) == TALLY_E_ITEM_NOT_ALLOWED);
  CHECK(contains(tally_last_error(), "voucher_redemptions[0].upc"));
  CHECK(tally_checkout_redeem_voucher(checkout, NULL, "011111000025", 1599, &index) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_checkout_redeem_voucher(checkout, "AC-1", "011111000025", 1599, &index));
  CHECK(index == 0);
  CHECK(tally_checkout_redeem_voucher(checkout, "AC-1", "011111000018", 1599, &index) == TALLY_E_VOUCHER_USED);
  OK(tally_checkout_finish(checkout, &out));
  CHECK(contains(out, "\"kind\":\"voucher\",\"program\":\"acme-samples\",\"card\":\"AC-1\""));
  CHECK(contains(out, "\"credit_state\":\"new\""));
  tally_free(out);
  tally_checkout_free(checkout);

  /* Used, then expired. */
  OK(tally_checkout_open(engine, "va", "house", "V2", kMonday + 30 * kDay, &checkout));
  CHECK(tally_checkout_redeem_voucher(checkout, "AC-1", "011111000025", 1599, &index) == TALLY_E_VOUCHER_USED);
  CHECK(tally_checkout_redeem_voucher(checkout, "AC-2", "011111000025", 1599, &index) == TALLY_E_VOUCHER_EXPIRED);
  CHECK(tally_checkout_undo_voucher_redemption(checkout, 0) == TALLY_E_INVALID_ARGUMENT);
  tally_checkout_free(checkout);

  /* The item changes while the line is new. */
  CHECK(tally_change_voucher_item(engine, kStore, "AC-1", "011111000032", 1599, kMonday + 60, &out) ==
        TALLY_E_ITEM_NOT_ALLOWED);
  OK(tally_change_voucher_item(engine, kStore, "AC-1", "011111000018", 1499,
                               kMonday + 60, &out));
  CHECK(contains(out, "\"upc\":\"011111000018\"") && contains(out, "\"unit_price\":1499"));
  tally_free(out);
  OK(tally_voucher(engine, "AC-1", kMonday, &out));
  CHECK(contains(out, "\"state\":\"redeemed\"") && contains(out, "\"receipt\":\"V1\""));
  tally_free(out);
  CHECK(tally_voucher(engine, "NOPE", kMonday, &out) == TALLY_E_NOT_FOUND);
  OK(tally_vouchers(engine, "va", "expired", kMonday + 30 * kDay, &out));
  CHECK(contains(out, "\"AC-2\"") && !contains(out, "\"AC-1\""));
  tally_free(out);
  OK(tally_vouchers(engine, "va", NULL, kMonday, &out));
  CHECK(contains(out, "\"AC-1\"") && contains(out, "\"AC-2\""));
  tally_free(out);
  CHECK(tally_vouchers(engine, "va", "lost", kMonday, &out) == TALLY_E_INVALID_ARGUMENT);

  tally_engine_close(engine);
  return summary();
}
