/* SPDX-License-Identifier: Apache-2.0 */
/* Bad input through the C ABI: every document the till can send wrong is refused with a
 * code of its own (never TALLY_E_INTERNAL), and the visit it was sent into is unchanged.
 * Each case here was once a crash, undefined behaviour or an `internal` answer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capi_check.h"

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */

static int punches_of(tally_checkout *checkout) {
  char *json = NULL;
  int count = -1;
  if (tally_checkout_punches(checkout, &json) == TALLY_OK) {
    const char *at = json;
    count = 0;
    while ((at = strstr(at, "\"punch_number\"")) != NULL) ++count, ++at;
  }
  tally_free(json);
  return count;
}

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL;
  size_t i;
  const char *location = "{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}";
  const char *enrollment = "{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\", \"account_number\": \"E-1\"}";
  /* Not an adoption request: null, the wrong type, empty, nothing at all, truncated. */
  const char *not_adoptions[] = {"null", "[]", "4", "\"dog\"", "{}", "", "{\"species\": \"dog\""};
  /* Numbers that are not whole JSON integers, in each integer field of a sale line. */
  const char *bad_numbers[] = {
      "{\"upc\": \"011111000025\", \"quantity\": 1e0, \"unit_price\": 1500}",
      "{\"upc\": \"011111000025\", \"quantity\": 1e400, \"unit_price\": 1500}",
      "{\"upc\": \"011111000025\", \"quantity\": 2.5, \"unit_price\": 1500}",
      "{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1e-400}",
      "{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 18446744073709551616}",
      "{\"upc\": \"011111000025\", \"quantity\": -1e400, \"unit_price\": 1500}",
  };

  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC(location), kMonday));
  OK(tally_enroll(engine, DOC(enrollment), kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}"), kMonday, &out));
  tally_free(out);
  OK(tally_checkout_open(engine, "va", "ann", "r-1", kMonday, &checkout));
  OK(tally_checkout_add_line(checkout, "011111000025", 1, 1500, NULL));
  CHECK(punches_of(checkout) == 1);

  for (i = 0; i < sizeof not_adoptions / sizeof *not_adoptions; ++i) {
    int32_t status = tally_checkout_redeem_adoption(checkout, DOC(not_adoptions[i]));
    CHECK(status == TALLY_E_INVALID_ARGUMENT || status == TALLY_E_MALFORMED_JSON);
  }
  REFUSED(tally_checkout_redeem_adoption(checkout, DOC("null")), TALLY_E_INVALID_ARGUMENT, "adoption");

  REFUSED(tally_checkout_add_line_json(checkout, DOC(""), &out), TALLY_E_MALFORMED_JSON, "JSON syntax error");
  CHECK(out == NULL);
  REFUSED(tally_checkout_add_line_json(checkout, DOC("null"), &out), TALLY_E_INVALID_ARGUMENT, "line");
  for (i = 0; i < sizeof bad_numbers / sizeof *bad_numbers; ++i) {
    int32_t status = tally_checkout_add_line_json(checkout, DOC(bad_numbers[i]), &out);
    CHECK(status == TALLY_E_INVALID_ARGUMENT || status == TALLY_E_MALFORMED_JSON);
    CHECK(strstr(tally_last_error(), "quantity") || strstr(tally_last_error(), "unit_price") ||
          strstr(tally_last_error(), "JSON syntax error"));
  }
  /* A whole number past int64 is a price out of range, like 100000001 (docs/c-api.md, "Limits"). */
  REFUSED(tally_checkout_add_line_json(
              checkout, DOC("{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 18446744073709551615}"), &out),
          TALLY_E_INVALID_PRICE, "unit_price");
  /* A line cannot smuggle members into the visit around it. */
  REFUSED(tally_checkout_add_line_json(
              checkout, DOC("{\"upc\": \"011111000025\", \"unit_price\": 1500}], \"at\": 5, \"lines\": [{\"upc\": \"x\"}"),
              &out),
          TALLY_E_MALFORMED_JSON, "JSON syntax error");
  /* None of it reached the visit: still the one line rung up first. */
  CHECK(punches_of(checkout) == 1);
  OK(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1500}"), &out));
  tally_free(out);
  CHECK(punches_of(checkout) == 2);
  tally_checkout_free(checkout);

  /* Instants outside 1970..9999 are refused naming the field, before anything is stored. */
  REFUSED(tally_checkout_open(engine, "va", "ann", "r-2", -1, &checkout), TALLY_E_INVALID_ARGUMENT, "at");
  CHECK(checkout == NULL);
  REFUSED(tally_checkout_open(engine, "va", "ann", "r-2", 253402300800LL, &checkout), TALLY_E_INVALID_ARGUMENT, "at");
  REFUSED(tally_run_checkout(engine,
                             DOC("{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"r-3\", \"at\": 17987443200000,"
                                 " \"lines\": [{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1500}]}"),
                             &out),
          TALLY_E_INVALID_ARGUMENT, "at");
  REFUSED(tally_run_checkout(engine,
                             DOC("{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"r-3\", \"at\": 18446744073709551615,"
                                 " \"lines\": [{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1500}]}"),
                             &out),
          TALLY_E_INVALID_ARGUMENT, "at");
  REFUSED(tally_save_location(engine, DOC(location), -86400), TALLY_E_INVALID_ARGUMENT, "at");
  CHECK(tally_checkout_result(engine, "va", "r-3", &out) == TALLY_E_NOT_FOUND);
  /* The journal holds the catalog, the location and the enrollment, nothing more. */
  OK(tally_journal(engine, 0, 100, &out));
  CHECK(out && strstr(out, "r-3") == NULL);
  tally_free(out);

  /* A bulk finish: each element that is no visit, or a visit the engine refuses, is refused
   * in its place; the others are stored, and a rerun answers them as stored. */
  {
    const char *batch =
        "[{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"b-1\", \"at\": 1793631600,"
        "  \"lines\": [{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1500}]},"
        " 42,"
        " {\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"b-2\", \"at\": 1793631600,"
        "  \"lines\": [{\"upc\": \"000000000000\", \"quantity\": 1, \"unit_price\": 1500}]},"
        " {\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"b-3\", \"at\": 1793631700,"
        "  \"lines\": [{\"upc\": \"011111000025\", \"quantity\": 1, \"unit_price\": 1500}]}]";
    OK(tally_run_checkouts(engine, DOC(batch), &out));
    CHECK(out && strstr(out, "[{\"status\":0,\"name\":\"ok\",\"result\":{") == out);
    CHECK(out && strstr(out, "{\"status\":1,\"name\":\"invalid_argument\",\"message\":\"[1]") != NULL);
    CHECK(out && strstr(out, "{\"status\":4,\"name\":\"unknown_upc\"") != NULL);
    CHECK(out && strstr(out, "\"receipt\":\"b-3\"") != NULL);
    CHECK(out && strstr(out, "\"replayed\":true") == NULL);
    tally_free(out);
    OK(tally_checkout_result(engine, "va", "b-3", &out));
    tally_free(out);
    CHECK(tally_checkout_result(engine, "va", "b-2", &out) == TALLY_E_NOT_FOUND);
    OK(tally_run_checkouts(engine, DOC(batch), &out));
    CHECK(out && strstr(out, "\"replayed\":false") == NULL);
    tally_free(out);
    REFUSED(tally_run_checkouts(engine, DOC("{\"location\": \"va\"}"), &out), TALLY_E_INVALID_ARGUMENT, "json");
    CHECK(out == NULL);
    REFUSED(tally_run_checkouts(engine, DOC("[{\"location\": "), &out), TALLY_E_MALFORMED_JSON, "json");
    REFUSED(tally_run_checkouts(engine, NULL, 3, &out), TALLY_E_INVALID_ARGUMENT, "json");
    OK(tally_run_checkouts(engine, DOC("[]"), &out));
    CHECK(out && strcmp(out, "[]") == 0);
    tally_free(out);
  }

  tally_engine_close(engine);
  return summary();
}
