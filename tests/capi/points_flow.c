/* SPDX-License-Identifier: Apache-2.0 */
/* Loyalty points through the C ABI, driven from C: earning at the till, a reward refused
 * and then paid, the balance, its history and a return taking points back. */
#include <stdlib.h>

#include "capi_check.h"

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */
static const int64_t kDay = 86400;

static const char *kPointsCatalog =
    "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme Pet\"}],"
    " \"products\": [{\"upc\": \"011111000025\", \"description\": \"Acme Beef 4 lb\", \"manufacturer\": \"acme\"}],"
    " \"programs\": [{\"id\": \"paws\", \"name\": \"Paws Points\", \"kind\": \"points\", \"fulfillment\": \"none\","
    "   \"points\": {\"events\": [{\"id\": \"dollars\", \"kind\": \"money\", \"points\": 1, \"per_cents\": 100}],"
    "                \"rewards\": [{\"id\": \"toy\", \"title\": \"Free squeaky toy\", \"points\": 100}],"
    "                \"redeemable_same_day\": false}}]}";

static int contains(const char *json, const char *text) { return json && strstr(json, text) != NULL; }

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL;
  int32_t index = -1;

  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kCatalog), kMonday, &out)); /* a brand the store does not run */
  tally_free(out);
  OK(tally_load_catalog(engine, DOC(kPointsCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\","
                                     " \"time_zone\": \"America/New_York\"}"), kMonday));
  OK(tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"paws\"}"), kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}"), kMonday,
                         &out));
  tally_free(out);

  /* 12 bags at $10: 120 points, which pay from the next visit. */
  OK(tally_checkout_open(engine, "va", "ann", "R1", kMonday, &checkout));
  OK(tally_checkout_add_line(checkout, "011111000025", 12, 1000, NULL));
  OK(tally_checkout_points(checkout, &out));
  CHECK(contains(out, "\"program\":\"paws\"") && contains(out, "\"earned\":120"));
  CHECK(contains(out, "\"refusal\":\"insufficient_points\""));
  tally_free(out);
  CHECK(tally_checkout_redeem_points(checkout, "paws", "toy", &index) == TALLY_E_INSUFFICIENT_POINTS);
  CHECK(contains(tally_last_error(), "can pay from the next visit"));
  CHECK(tally_checkout_redeem_points(checkout, "paws", "nope", &index) == TALLY_E_REWARD_NOT_AVAILABLE);
  CHECK(tally_checkout_redeem_points(checkout, "nope", "toy", &index) == TALLY_E_UNKNOWN_PROGRAM);
  CHECK(tally_checkout_redeem_points(checkout, NULL, "toy", &index) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_checkout_undo_points_redemption(checkout, 0) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_checkout_finish(checkout, &out));
  CHECK(contains(out, "\"points\":[{\"program\":\"paws\"") && contains(out, "\"balance\":120"));
  tally_free(out);
  tally_checkout_free(checkout);

  /* The next day the toy is paid; undone before finishing, then taken again. */
  OK(tally_checkout_open(engine, "va", "ann", "R2", kMonday + kDay, &checkout));
  OK(tally_checkout_redeem_points(checkout, "paws", "toy", &index));
  CHECK(index == 0);
  OK(tally_checkout_undo_points_redemption(checkout, index));
  OK(tally_checkout_redeem_points(checkout, "paws", "toy", &index));
  OK(tally_checkout_finish(checkout, &out));
  CHECK(contains(out, "\"redeemed\":[{\"reward\":\"toy\",\"title\":\"Free squeaky toy\",\"points\":100"));
  CHECK(contains(out, "\"balance\":20"));
  tally_free(out);
  tally_checkout_free(checkout);

  OK(tally_customer_points(engine, "ann", "va", kMonday + kDay, &out));
  CHECK(contains(out, "\"balance\":20") && contains(out, "\"rewards_taken\":[{\"reward\":\"toy\",\"count\":1}]"));
  tally_free(out);
  CHECK(tally_customer_points(engine, "nobody", "va", kMonday, &out) == TALLY_E_UNKNOWN_CUSTOMER);

  /* Returning the 12 bags takes the 120 back: 100 more than the balance. */
  OK(tally_return_items(engine, DOC("{\"location\": \"va\", \"receipt\": \"R1\", \"line\": 0, \"quantity\": 12,"
                                    " \"return_id\": \"RET-1\", \"at\": 1793804400}"), &out));
  CHECK(contains(out, "\"points_returned\":120"));
  tally_free(out);
  OK(tally_points_history(engine, "ann", "paws", 0, 10, &out));
  CHECK(contains(out, "\"kind\":\"earned\"") && contains(out, "\"kind\":\"redeemed\""));
  CHECK(contains(out, "\"kind\":\"returned\",\"points\":-120,\"balance\":-100"));
  tally_free(out);
  OK(tally_points_history(engine, "ann", "paws", 2, 10, &out));
  CHECK(!contains(out, "\"kind\":\"earned\"") && contains(out, "\"number\":3"));
  tally_free(out);
  CHECK(tally_points_history(engine, "ann", "acme", 0, 10, &out) == TALLY_E_UNKNOWN_PROGRAM);

  tally_engine_close(engine);
  return summary();
}
