/* SPDX-License-Identifier: Apache-2.0 */
/* The lifecycle, correction, report, offer and Command Center entry points of the C ABI,
 * driven from C: a credit line walked from redemption to reconciled, and the refusals. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

static int passed, failed;

#define CHECK(cond)                                                                  \
  do {                                                                               \
    if (cond) {                                                                      \
      ++passed;                                                                      \
    } else {                                                                         \
      ++failed;                                                                      \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, \
              #cond, tally_last_error());                                            \
    }                                                                                \
  } while (0)

#define OK(call) CHECK((call) == TALLY_OK)
/* A JSON literal and its length. */
#define DOC(text) text, strlen(text)

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */

static const char *kCatalog =
    "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme Pet\"}],"
    " \"distributors\": [{\"id\": \"east\", \"name\": \"Eastern\", \"states\": [\"VA\"]}],"
    " \"products\": [{\"upc\": \"011111000025\", \"description\": \"Acme Beef 4 lb\", \"manufacturer\": \"acme\","
    "                 \"size\": \"4 lb\"},"
    "                {\"upc\": \"011111000018\", \"description\": \"Acme Chicken 4 lb\", \"manufacturer\": \"acme\","
    "                 \"size\": \"4 lb\"}],"
    " \"programs\": [{\"id\": \"acme-fb\", \"name\": \"Acme\", \"kind\": \"frequent_buyer\", \"manufacturer\": \"acme\","
    "                 \"fulfillment\": \"distributor\", \"cards\": [{\"id\": \"dog\", \"buy_n\": 2,"
    "                 \"free_item_rule\": \"any_in_group\", \"qualifying_upcs\": [\"011111000025\", \"011111000018\"]}]},"
    "                {\"id\": \"acme-bogo\", \"name\": \"Acme BOGO\", \"kind\": \"offer\", \"manufacturer\": \"acme\","
    "                 \"fulfillment\": \"distributor\", \"offer\": {\"type\": \"free_good\", \"start\": \"2026-11-01\","
    "                 \"end\": \"2026-11-30\", \"buy_upcs\": [\"011111000018\"], \"reward_upcs\": [\"011111000018\"]}}]}";

static const char *kEast = "{\"role\": \"distributor\", \"id\": \"east\"}";
static const char *kStore = "{\"role\": \"retailer\"}";

/* The whole number after "key": in a JSON document (first occurrence), or -1. */
static long long json_int(const char *json, const char *key) {
  char pattern[64];
  const char *at;
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  at = json ? strstr(json, pattern) : NULL;
  return at ? strtoll(at + strlen(pattern), NULL, 10) : -1;
}

static int contains(const char *json, const char *text) { return json && strstr(json, text) != NULL; }

static int64_t redeem_two_bags(tally_engine *engine, const char *receipt) {
  tally_checkout *checkout = NULL;
  char *result = NULL;
  int64_t line = -1;
  OK(tally_checkout_open(engine, "va", "ann", receipt, kMonday, &checkout));
  OK(tally_checkout_add_line(checkout, "011111000025", 2, 1500, NULL));
  OK(tally_checkout_set_multi_punch_reason(checkout, "two bags"));
  OK(tally_checkout_redeem(checkout, "acme-fb", "dog", "011111000025", 1500, NULL));
  OK(tally_checkout_finish(checkout, &result));
  line = json_int(strstr(result ? result : "", "\"redemptions\""), "credit_line");
  tally_free(result);
  tally_checkout_free(checkout);
  return line;
}

/* Usage: capi_lifecycle_flow [SQLITE_FILE]; without one, on the memory store. */
int main(int argc, char **argv) {
  tally_engine *engine = NULL;
  char *out = NULL;
  int64_t line, batch, second;
  int32_t count = 0;
  const char *location = "{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}";
  const char *enrollment = "{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\", \"account_number\": \"E-1\"}";
  const char *offer = "{\"location\": \"va\", \"program\": \"acme-bogo\", \"distributor\": \"east\", \"account_number\": \"E-1\"}";
  const char *customer = "{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}";
  const int32_t first_punch[1] = {0};

  if (argc > 1) {
    remove(argv[1]);
    OK(tally_engine_open_sqlite(argv[1], NULL, &engine));
  } else {
    OK(tally_engine_open_memory(NULL, &engine));
  }
  OK(tally_load_catalog(engine, kCatalog, strlen(kCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, location, strlen(location), kMonday));
  OK(tally_enroll(engine, enrollment, strlen(enrollment), kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, customer, strlen(customer), kMonday, &out));
  tally_free(out);

  /* A line from redemption to reconciled, through a decline and a resubmission. */
  line = redeem_two_bags(engine, "R1");
  CHECK(line > 0);
  OK(tally_pull_batch(engine, kEast, "week 45", "[\"va\"]", NULL, kMonday, &out));
  batch = json_int(out, "id");
  CHECK(contains(out, "\"state\":\"unfulfilled\""));
  tally_free(out);
  CHECK(tally_reconcile_line(engine, kEast, line, kMonday, &out) == TALLY_E_WRONG_ACTOR);
  CHECK(out == NULL);
  CHECK(contains(tally_engine_last_error(engine), "distributor east"));
  CHECK(tally_decline_line(engine, kEast, line, "because", "", kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_decline_line(engine, kEast, line, "wrong_account_number", "no such account", kMonday, &out));
  CHECK(contains(out, "\"state\":\"declined\""));
  tally_free(out);
  OK(tally_fix_account_number(engine, kStore, "va", "acme-fb", "E-2", kMonday, &out));
  tally_free(out);
  OK(tally_resubmit_line(engine, kStore, line, "fixed", kMonday, &out));
  tally_free(out);
  OK(tally_pull_batch(engine, kEast, "week 46", NULL, "free_goods", kMonday, &out));
  second = json_int(out, "id");
  CHECK(second != batch);
  tally_free(out);
  CHECK(tally_fulfill_batch(engine, kEast, second, "{\"amount\": 1500}", kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_fulfill_batch(engine, kEast, second, "{\"number\": \"CM-1\", \"amount\": 1500}", kMonday, &out));
  tally_free(out);
  OK(tally_reconcile_line(engine, kStore, line, kMonday, &out));
  CHECK(contains(out, "\"state\":\"reconciled\""));
  CHECK(contains(out, "\"account_number\":\"E-2\""));
  tally_free(out);
  OK(tally_batches(engine, "east", &out));
  CHECK(json_int(out, "id") == batch);
  tally_free(out);

  /* Reports and the Command Center. */
  OK(tally_report(engine, "free_goods_credit_status", DOC("{\"location\": \"va\"}"), kMonday, &out));
  CHECK(contains(out, "\"reconciled\""));
  tally_free(out);
  OK(tally_report(engine, "free_goods_credit_status", DOC("{\"location\": \"va\", \"format\": \"csv\"}"), kMonday, &out));
  CHECK(out && strncmp(out, "batch_id,line_id", 16) == 0);
  tally_free(out);
  CHECK(tally_report(engine, "nonsense", DOC("{\"location\": \"va\"}"), kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_set_billing_flag(engine, "va", "card expired", kMonday));
  OK(tally_command_center(engine, "va", kMonday, &out));
  CHECK(json_int(out, "count") == 1);
  tally_free(out);

  /* Offers at the till. */
  OK(tally_enroll(engine, offer, strlen(offer), kMonday, &out));
  tally_free(out);
  {
    tally_checkout *checkout = NULL;
    int32_t index = -1;
    OK(tally_checkout_open(engine, "va", "ann", "O1", kMonday, &checkout));
    OK(tally_checkout_add_line(checkout, "011111000018", 1, 1450, NULL));
    OK(tally_checkout_offers(checkout, &out));
    CHECK(contains(out, "\"offer\":\"acme-bogo\""));
    CHECK(json_int(out, "available") == 1);
    tally_free(out);
    OK(tally_checkout_redeem_offer(checkout, "acme-bogo", "011111000018", TALLY_PRICE_LAST_KNOWN, &index));
    CHECK(index == 0);
    CHECK(tally_checkout_redeem_offer(checkout, "acme-bogo", "011111000018", 1450, &index) == TALLY_E_REWARD_NOT_AVAILABLE);
    OK(tally_checkout_finish(checkout, &out));
    CHECK(contains(out, "\"kind\":\"offer\""));
    tally_free(out);
    tally_checkout_free(checkout);
  }

  /* Corrections: undo, returns, split, merge. */
  line = redeem_two_bags(engine, "R2");
  OK(tally_credit_line(engine, line, &out));
  {
    long long redemption = json_int(out, "redemption");
    tally_free(out);
    OK(tally_undo_redemption(engine, kStore, redemption, NULL, TALLY_PRICE_LAST_KNOWN, 0, kMonday, &out));
    tally_free(out);
    OK(tally_credit_line(engine, line, &out));
    CHECK(contains(out, "\"state\":\"withdrawn\""));
    tally_free(out);
  }
  OK(tally_return_items(engine, DOC("{\"location\": \"va\", \"receipt\": \"O1\", \"line\": 0, \"quantity\": 1,"
                                    " \"return_id\": \"RET-1\", \"at\": 1793635200}"), &out));
  CHECK(json_int(out, "punches_removed") == 1);
  tally_free(out);
  CHECK(tally_split_card(engine, "ann", 1, first_punch, 1, kMonday, &out) == TALLY_E_INVALID_STATE);
  CHECK(tally_merge_customers(engine, "ann", "ann", kMonday, &out) == TALLY_E_INVALID_ARGUMENT);

  /* Enrollment rules. */
  OK(tally_add_auto_enrollment(engine, DOC("{\"id\": \"r1\", \"locations\": [\"va\"], \"manufacturer\": \"acme\","
                                           " \"distributor\": \"east\", \"account_numbers\": {\"va\": \"E-2\"}}"),
                               kMonday, &count));
  CHECK(count == 0); /* the store enrolled in acme-bogo by hand */
  OK(tally_auto_enrollments(engine, &out));
  CHECK(contains(out, "\"id\":\"r1\""));
  tally_free(out);
  CHECK(tally_add_auto_enrollment(engine, DOC("{\"id\": 5}"), kMonday, &count) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_adoption_eligibility(engine, "ann", "va", "dog", "2026-10-30", "shelter", kMonday, &out));
  CHECK(contains(out, "\"eligible\":false")); /* no email and phone */
  tally_free(out);

  /* NULLs are refused, never a crash. */
  CHECK(tally_pull_batch(NULL, kEast, "x", NULL, NULL, kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_pull_batch(engine, NULL, "x", NULL, NULL, kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_pull_batch(engine, "{\"role\": \"king\"}", "x", NULL, NULL, kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_pull_batch(engine, kEast, "x", "[1]", NULL, kMonday, &out) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_batch(engine, 999, NULL) == TALLY_E_INVALID_ARGUMENT);
  CHECK(tally_batch(engine, 999, &out) == TALLY_E_NOT_FOUND);

  /* Invalid UTF-8 and NULs inside a document are refused and store nothing. */
  {
    tally_checkout *bad = NULL;
    static const char kNulInside[] = "{\"id\": \"zed\", \"first_name\": \"Z\0d\", \"last_name\": \"Q\"}";
    CHECK(tally_checkout_open(engine, "v\xff", "ann", "U1", kMonday, &bad) == TALLY_E_INVALID_ARGUMENT);
    CHECK(bad == NULL);
    CHECK(contains(tally_last_error(), "UTF-8"));
    CHECK(tally_save_customer(engine, DOC("{\"id\": \"zed\", \"first_name\": \"Z\xc3\x28\", \"last_name\": \"Q\"}"),
                              kMonday, &out) == TALLY_E_MALFORMED_JSON);
    CHECK(tally_save_customer(engine, kNulInside, sizeof kNulInside - 1, kMonday, &out) == TALLY_E_MALFORMED_JSON);
    CHECK(tally_customer(engine, "zed", &out) == TALLY_E_UNKNOWN_CUSTOMER);
  }

  tally_engine_close(engine);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
