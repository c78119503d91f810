/* SPDX-License-Identifier: Apache-2.0 */
/* A checkout at the till, as a POS written in C drives it: open the store's database, ring
 * up the basket line by line, show the customer's rewards, redeem one, finish.
 * Usage: till_checkout CATALOG.json [DATABASE] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *text;
  long size;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)size + 1);
  *len = fread(text, 1, (size_t)size, f);
  text[*len] = 0;
  fclose(f);
  return text;
}

/* Every failure gets the same treatment at this till: show it, give up the visit. */
static int ok(int32_t status, const char *what) {
  if (status == TALLY_OK) return 1;
  fprintf(stderr, "%s: %s: %s\n", what, tally_status_name(status), tally_last_error());
  return 0;
}

#define DOC(text) text, strlen(text)

int main(int argc, char **argv) {
  const int64_t now = 1792074600; /* 2026-10-15T14:30:00Z, from the till's clock */
  const char *database = argc > 2 ? argv[2] : "till.db";
  tally_engine *engine = NULL;
  tally_checkout *visit = NULL;
  char *out = NULL, *catalog;
  size_t catalog_len = 0;
  int32_t punches = 0, status = 1;

  if (argc < 2 || !(catalog = read_file(argv[1], &catalog_len))) {
    fprintf(stderr, "usage: till_checkout CATALOG.json [DATABASE]\n");
    return 64;
  }
  remove(database);
  if (!ok(tally_engine_open_sqlite(database, "{\"synchronous\": \"full\"}", &engine), "open")) return 1;
  printf("libtally %s\n", tally_version());

  /* Once, when the store is set up. */
  if (!ok(tally_load_catalog(engine, catalog, catalog_len, now, &out), "catalog")) goto done;
  printf("catalog: %s\n", out);
  tally_free(out);
  if (!ok(tally_save_location(engine, DOC("{\"id\": \"raleigh\", \"name\": \"Tail Waggers Raleigh\", \"state\": \"NC\","
                                          " \"time_zone\": \"America/New_York\"}"), now), "location") ||
      !ok(tally_enroll(engine, DOC("{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", \"distributor\": \"eastern\","
                                   " \"account_number\": \"EPS-20417\"}"), now, &out), "enroll"))
    goto done;
  tally_free(out);
  if (!ok(tally_save_customer(engine, DOC("{\"id\": \"C1001\", \"first_name\": \"Maria\", \"last_name\": \"Alvarez\","
                                          " \"email\": \"maria@example.com\", \"phone\": \"919-555-0101\"}"), now, &out), "customer"))
    goto done;
  tally_free(out);

  /* The visit: ten bags over the weeks complete her NorthPaw small-dog card (buy 10). */
  if (!ok(tally_checkout_open(engine, "raleigh", "C1001", "RAL-1001", now, &visit), "open checkout")) goto done;
  if (!ok(tally_checkout_add_line(visit, "084213101044", 10, 1699, &punches), "add line")) goto done;
  printf("10 bags of NorthPaw 4 lb: %d punches\n", punches);
  if (!ok(tally_checkout_set_multi_punch_reason(visit, "converting a paper card"), "reason")) goto done;
  if (!ok(tally_checkout_rewards(visit, &out), "rewards")) goto done;
  printf("rewards: %s\n", out);
  tally_free(out);
  /* The free bag at its shelf price: the credit line claims that value. */
  if (!ok(tally_checkout_redeem(visit, "northpaw-fb", "dog-small", "084213102041", 1799, NULL),
          "redeem"))
    goto done;
  if (!ok(tally_checkout_finish(visit, &out), "finish")) goto done;
  printf("finished: %s\n", out);
  tally_free(out);

  /* The credit the store is owed for the free bag. */
  if (!ok(tally_credit_lines(engine, "new", "eastern", &out), "credit lines")) goto done;
  printf("credit lines at eastern: %s\n", out);
  tally_free(out);
  status = 0;

done:
  tally_checkout_free(visit);
  tally_engine_close(engine);
  free(catalog);
  remove(database);
  return status;
}
