/* SPDX-License-Identifier: Apache-2.0 */
/* What the C tests share: pass and fail counts, CHECK and OK, REFUSED for a call that must
 * fail with a given code and a message naming a field, and a small catalog. */
#ifndef TALLY_TESTS_CAPI_CHECK_H
#define TALLY_TESTS_CAPI_CHECK_H

#include <stdio.h>
#include <string.h>

#include "tally.h"

static int passed, failed;

static inline void check(int cond, const char *what, const char *file, int line) {
  if (cond) {
    ++passed;
  } else {
    ++failed;
    fprintf(stderr, "%s:%d: %s; last error: %.300s\n", file, line, what, tally_last_error());
  }
}
#define CHECK(cond) check((cond), #cond, __FILE__, __LINE__)
#define OK(call) CHECK((call) == TALLY_OK)
#define DOC(text) text, strlen(text)

/* The call is refused with `expected` and a message naming `field`. */
static inline void refused(int32_t status, int32_t expected, const char *field, const char *file, int line) {
  char what[256];
  snprintf(what, sizeof what, "status %s (%d), expected %s", tally_status_name(status), (int)status,
           tally_status_name(expected));
  check(status == expected, what, file, line);
  snprintf(what, sizeof what, "message names '%s'", field);
  check(strstr(tally_last_error(), field) != NULL, what, file, line);
}
#define REFUSED(call, expected, field) refused((call), (expected), (field), __FILE__, __LINE__)

/* A small catalog: one brand, one distributor in VA, one product, one frequent-buyer card. */
static const char *const kCatalog =
    "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme Pet\"}],"
    " \"distributors\": [{\"id\": \"east\", \"name\": \"Eastern\", \"states\": [\"VA\"]}],"
    " \"products\": [{\"upc\": \"011111000025\", \"description\": \"Acme Beef 4 lb\", \"manufacturer\": \"acme\"}],"
    " \"programs\": [{\"id\": \"acme-fb\", \"name\": \"Acme\", \"kind\": \"frequent_buyer\", \"manufacturer\": \"acme\","
    "                 \"fulfillment\": \"distributor\", \"cards\": [{\"id\": \"dog\", \"buy_n\": 3,"
    "                 \"free_item_rule\": \"any_in_group\", \"qualifying_upcs\": [\"011111000025\"]}]}]}";

/* The counts, and the exit status of the test. */
static inline int summary(void) {
  printf("%d checks passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}

#endif
