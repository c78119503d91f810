/* SPDX-License-Identifier: Apache-2.0 */
/* A prepaid pass from C: sold, used with tally_checkout_use_pass until it is used up, a use
 * beyond it refused with TALLY_E_PASS_USED_UP; the rewards show the uses left. */
#include <stdio.h>
#include <string.h>

#include "capi_check.h"

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */

static const char *const kPassCatalog =
    "{\"manufacturers\": [{\"id\": \"shop\", \"name\": \"The shop\"}],"
    " \"products\": [{\"upc\": \"055555000012\", \"description\": \"Day camp pass (2 days)\", \"manufacturer\": \"shop\"}],"
    " \"programs\": [{\"id\": \"camp\", \"name\": \"Day Camp\", \"kind\": \"custom\", \"fulfillment\": \"none\","
    "                 \"cards\": [{\"id\": \"pass2\", \"buy_n\": 2, \"free_item_rule\": \"any_in_group\","
    "                 \"qualifying_upcs\": [\"055555000012\"], \"prepaid_pass\": true}]}]}";

/* One visit that uses the pass `uses` times and, when the use is taken, finishes with the
 * result in *result (to free); returns the status of the use. */
static int32_t use(tally_engine *engine, const char *receipt, int32_t uses, int64_t at, char **result) {
  tally_checkout *checkout = NULL;
  int32_t index = -1, status;
  OK(tally_checkout_open(engine, "va", "ann", receipt, at, &checkout));
  status = tally_checkout_use_pass(checkout, "camp", "pass2", uses, &index);
  if (status == TALLY_OK) {
    CHECK(index == 0);
    OK(tally_checkout_finish(checkout, result));
  }
  tally_checkout_free(checkout);
  return status;
}

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL;
  int32_t index = -1;
  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kPassCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}"), kMonday));
  OK(tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"camp\"}"), kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}"), kMonday, &out));
  tally_free(out);

  /* Never bought: no uses left. */
  REFUSED(use(engine, "U0", 1, kMonday, &out), TALLY_E_PASS_USED_UP, "pass_uses[0]");
  CHECK(strcmp(tally_status_name(TALLY_E_PASS_USED_UP), "pass_used_up") == 0);
  CHECK(TALLY_E_PASS_USED_UP == 32);

  /* Sold: a reward with two uses left. */
  OK(tally_checkout_open(engine, "va", "ann", "P1", kMonday, &checkout));
  OK(tally_checkout_add_line(checkout, "055555000012", 1, 5000, NULL));
  OK(tally_checkout_rewards(checkout, &out));
  CHECK(strstr(out, "\"pass_uses_left\":2") != NULL);
  tally_free(out);
  REFUSED(tally_checkout_use_pass(checkout, "camp", "pass2", 0, &index), TALLY_E_INVALID_QUANTITY, "pass_uses[0].quantity");
  REFUSED(tally_checkout_use_pass(checkout, NULL, "pass2", 1, &index), TALLY_E_INVALID_ARGUMENT, "program_id");
  OK(tally_checkout_finish(checkout, &out));
  tally_free(out);
  tally_checkout_free(checkout);

  /* Two uses, then a third refused; the retried receipt changes nothing. */
  OK(use(engine, "U1", 1, kMonday + 86400, &out));
  CHECK(strstr(out, "\"kind\":\"pass\"") != NULL && strstr(out, "\"pass_uses_left\":1") != NULL);
  tally_free(out);
  OK(use(engine, "U1", 1, kMonday + 86400, &out));
  CHECK(strstr(out, "\"replayed\":true") != NULL);
  tally_free(out);
  OK(use(engine, "U2", 1, kMonday + 2 * 86400, &out));
  tally_free(out);
  REFUSED(use(engine, "U3", 1, kMonday + 3 * 86400, &out), TALLY_E_PASS_USED_UP, "pass_uses[0]");
  OK(tally_rewards(engine, "ann", "va", &out));
  CHECK(strcmp(out, "[]") == 0);
  tally_free(out);
  OK(tally_cards(engine, "ann", 1, &out));
  CHECK(strstr(out, "\"status\":\"redeemed\"") != NULL && strstr(out, "\"pass_uses_left\":0") != NULL);
  tally_free(out);

  /* A checkout document carries pass uses. */
  REFUSED(tally_run_checkout(engine, DOC("{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"U4\", \"at\": 1793631600,"
                                         " \"pass_uses\": [{\"program\": \"camp\", \"card\": \"pass2\"}]}"), &out),
          TALLY_E_PASS_USED_UP, "pass_uses[0]");
  tally_engine_close(engine);
  return summary();
}
