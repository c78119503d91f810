/* SPDX-License-Identifier: Apache-2.0 */
/* Coupons through the C ABI, driven from C: the brand issues them (an unengaged customer
 * refused), the till lists and redeems one, a second use, another customer, a store opted
 * out and a date out of range are each refused with their own code. */
#include <stdlib.h>

#include "capi_check.h"

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */
static const int64_t kDay = 86400;
static const char *kAcme = "{\"role\": \"manufacturer\", \"id\": \"acme\"}";

static int contains(const char *json, const char *text) { return json && strstr(json, text) != NULL; }

/* The id of the first coupon an answer lists ("id":N), or 0. */
static int64_t first_id(const char *json) {
  const char *at = json ? strstr(json, "\"id\":") : NULL;
  return at ? strtoll(at + 5, NULL, 10) : 0;
}

static void customer(tally_engine *engine, const char *doc) {
  char *out = NULL;
  OK(tally_save_customer(engine, DOC(doc), kMonday - kDay, &out));
  tally_free(out);
}

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL;
  int32_t index = -1;
  int64_t coupon = 0;
  const char *issue = "{\"manufacturer\": \"acme\", \"kind\": \"thank_you\", \"value\": 250,"
                      " \"starts_on\": \"2026-11-01\", \"ends_on\": \"2026-11-30\", \"customers\": [\"ann\", \"bob\"]}";

  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kCatalog), kMonday - kDay, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\","
                                     " \"time_zone\": \"America/New_York\"}"), kMonday - kDay));
  OK(tally_save_location(engine, DOC("{\"id\": \"md\", \"name\": \"Baltimore\", \"state\": \"MD\","
                                     " \"time_zone\": \"America/New_York\"}"), kMonday - kDay));
  OK(tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\","
                              " \"account_number\": \"E-1\"}"), kMonday - kDay, &out));
  tally_free(out);
  customer(engine, "{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}");
  customer(engine, "{\"id\": \"bob\", \"first_name\": \"Bob\", \"last_name\": \"Ray\"}");

  /* Ann buys a bag of the brand: she engaged; Bob did not. */
  OK(tally_checkout_open(engine, "va", "ann", "R0", kMonday - kDay, &checkout));
  OK(tally_checkout_add_line(checkout, "011111000025", 1, 1599, NULL));
  OK(tally_checkout_finish(checkout, &out));
  tally_free(out);
  tally_checkout_free(checkout);

  CHECK(tally_issue_coupons(engine, "{\"role\": \"retailer\"}", DOC(issue), kMonday, &out) == TALLY_E_WRONG_ACTOR);
  CHECK(contains(tally_last_error(), "actor"));
  OK(tally_issue_coupons(engine, kAcme, DOC(issue), kMonday, &out));
  CHECK(contains(out, "\"customer\":\"ann\"") && contains(out, "\"refusal\":\"not_engaged\""));
  coupon = first_id(out);
  CHECK(coupon > 0);
  tally_free(out);
  OK(tally_customer_coupons(engine, "ann", 0, &out));
  CHECK(contains(out, "\"kind\":\"thank_you\"") && contains(out, "\"value\":250"));
  tally_free(out);

  /* At the till: listed, refused to Bob, then redeemed by Ann. */
  OK(tally_checkout_open(engine, "va", "bob", "B1", kMonday, &checkout));
  CHECK(tally_checkout_redeem_coupon(checkout, coupon, &index) == TALLY_E_COUPON_NOT_APPLICABLE);
  CHECK(contains(tally_last_error(), "coupon_redemptions[0]"));
  CHECK(tally_checkout_redeem_coupon(checkout, 999999, &index) == TALLY_E_NOT_FOUND);
  tally_checkout_free(checkout);

  OK(tally_checkout_open(engine, "va", "ann", "R1", kMonday + 40 * kDay, &checkout));
  CHECK(tally_checkout_redeem_coupon(checkout, coupon, &index) == TALLY_E_COUPON_EXPIRED);
  tally_checkout_free(checkout);

  OK(tally_set_coupon_opt_out(engine, "va", "acme", 1, kMonday));
  OK(tally_checkout_open(engine, "va", "ann", "R1", kMonday, &checkout));
  OK(tally_checkout_coupons(checkout, &out));
  CHECK(contains(out, "\"usable\":false") && contains(out, "opted out"));
  tally_free(out);
  CHECK(tally_checkout_redeem_coupon(checkout, coupon, &index) == TALLY_E_COUPON_NOT_APPLICABLE);
  tally_checkout_free(checkout);
  OK(tally_set_coupon_opt_out(engine, "va", "acme", 0, kMonday));

  OK(tally_checkout_open(engine, "md", "ann", "R1", kMonday, &checkout)); /* any location of the account */
  OK(tally_checkout_add_line(checkout, "011111000025", 1, 1599, NULL));
  OK(tally_checkout_coupons(checkout, &out));
  CHECK(contains(out, "\"usable\":true"));
  tally_free(out);
  OK(tally_checkout_redeem_coupon(checkout, coupon, &index));
  CHECK(index == 0);
  OK(tally_checkout_undo_coupon_redemption(checkout, index));
  CHECK(tally_checkout_undo_coupon_redemption(checkout, 0) == TALLY_E_INVALID_ARGUMENT);
  OK(tally_checkout_redeem_coupon(checkout, coupon, &index));
  OK(tally_checkout_finish(checkout, &out));
  CHECK(contains(out, "\"kind\":\"coupon\""));
  tally_free(out);
  tally_checkout_free(checkout);

  OK(tally_coupon(engine, coupon, &out));
  CHECK(contains(out, "\"status\":\"redeemed\"") && contains(out, "\"receipt\":\"R1\""));
  tally_free(out);
  CHECK(tally_coupon(engine, 999999, &out) == TALLY_E_NOT_FOUND);
  OK(tally_credit_lines(engine, "new", "acme", &out));
  CHECK(contains(out, "\"stream\":\"rebates\"") && contains(out, "\"unit_price\":250"));
  tally_free(out);

  OK(tally_checkout_open(engine, "va", "ann", "R2", kMonday + kDay, &checkout));
  CHECK(tally_checkout_redeem_coupon(checkout, coupon, &index) == TALLY_E_COUPON_USED);
  tally_checkout_free(checkout);

  tally_engine_close(engine);
  return summary();
}
