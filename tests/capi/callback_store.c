/* SPDX-License-Identifier: Apache-2.0 */
/* A storage backend written in C on tally_store_callbacks, a shim that fails its k-th
 * callback, and the promise they test: every operation fully happens or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tally.h"

static int passed, failed;
#define CHECK(cond)                                                                        \
  do {                                                                                     \
    if (cond) ++passed;                                                                    \
    else {                                                                                 \
      ++failed;                                                                            \
      fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, #cond, \
              tally_last_error());                                                         \
    }                                                                                      \
  } while (0)
#define DOC(text) text, strlen(text)

#include "c_store.h"

/* ---- the shop and the operations under test ---- */

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */
static const char *kCatalog =
    "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme Pet\"}],"
    " \"distributors\": [{\"id\": \"east\", \"name\": \"Eastern\", \"states\": [\"VA\"]}],"
    " \"products\": [{\"upc\": \"011111000025\", \"description\": \"Acme Beef 4 lb\", \"manufacturer\": \"acme\"}],"
    " \"programs\": [{\"id\": \"acme-fb\", \"name\": \"Acme\", \"kind\": \"frequent_buyer\", \"manufacturer\": \"acme\","
    "   \"fulfillment\": \"distributor\", \"cards\": [{\"id\": \"dog\", \"buy_n\": 2,"
    "   \"free_item_rule\": \"any_in_group\", \"qualifying_upcs\": [\"011111000025\"]}]}]}";

static tally_engine *open_shop(store *s, const char *partner) {
  tally_store_callbacks cb = c_store_callbacks(s);
  tally_engine *engine = NULL;
  char *out = NULL;
  char enrollment[200];
  const char *location = "{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"America/New_York\"}";
  const char *customer = "{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}";
  snprintf(enrollment, sizeof enrollment, "{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"%s\", "
           "\"account_number\": \"%s\"}", partner, strcmp(partner, "east") ? "" : "E-1");
  if (tally_engine_open_store(&cb, NULL, &engine) != TALLY_OK) return NULL;
  tally_load_catalog(engine, kCatalog, strlen(kCatalog), kMonday, &out); tally_free(out);
  tally_save_location(engine, location, strlen(location), kMonday);
  tally_enroll(engine, enrollment, strlen(enrollment), kMonday, &out); tally_free(out);
  tally_save_customer(engine, customer, strlen(customer), kMonday, &out); tally_free(out);
  return engine;
}

/* A finish that punches, completes, redeems and creates a credit line. */
static int32_t ring_up(tally_engine *engine, const char *receipt) {
  tally_checkout *checkout = NULL;
  char *out = NULL;
  int32_t status = tally_checkout_open(engine, "va", "ann", receipt, kMonday, &checkout);
  if (status == TALLY_OK) status = tally_checkout_add_line(checkout, "011111000025", 2, 1500, NULL);
  if (status == TALLY_OK) status = tally_checkout_set_multi_punch_reason(checkout, "two bags");
  if (status == TALLY_OK) status = tally_checkout_redeem(checkout, "acme-fb", "dog", "011111000025", 1500, NULL);
  if (status == TALLY_OK) status = tally_checkout_finish(checkout, &out);
  tally_free(out);
  tally_checkout_free(checkout);
  return status;
}

static int32_t release_holding(tally_engine *engine, const char *unused) {
  char *out = NULL;
  int32_t status;
  (void)unused;
  status = tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\","
                                    " \"account_number\": \"E-1\"}"), kMonday + 3600, &out);
  tally_free(out);
  return status;
}

/* For every k: the k-th callback of `op` fails; the store must be as before, the status
 * TALLY_E_STORAGE_FAILED, and a retry must leave what a clean run leaves. */
static void every_fault(const char *partner, int prepare, int32_t (*op)(tally_engine *, const char *)) {
  store clean;
  tally_engine *engine;
  long calls, k;
  char *after;
  memset(&clean, 0, sizeof clean);
  engine = open_shop(&clean, partner);
  if (prepare) CHECK(ring_up(engine, "P1") == TALLY_OK);
  clean.calls = 0;
  CHECK(op(engine, "F1") == TALLY_OK);
  calls = clean.calls;
  CHECK(calls > 5);
  after = c_store_dump(&clean);
  tally_engine_close(engine);
  c_store_release(&clean);
  for (k = 1; k <= calls; ++k) {
    store s;
    char *before, *now;
    memset(&s, 0, sizeof s);
    engine = open_shop(&s, partner);
    if (prepare) ring_up(engine, "P1");
    before = c_store_dump(&s);
    s.calls = 0; s.fail_at = k; s.fail_with = TALLY_STORE_FAILED;
    CHECK(op(engine, "F1") == TALLY_E_STORAGE_FAILED);
    now = c_store_dump(&s);
    CHECK(strcmp(before, now) == 0);
    free(now);
    s.fail_at = 0;
    CHECK(op(engine, "F1") == TALLY_OK);
    now = c_store_dump(&s);
    CHECK(strcmp(after, now) == 0);
    free(now); free(before);
    tally_engine_close(engine);
    CHECK(s.destroyed == 1);
    c_store_release(&s);
  }
  free(after);
}

static int32_t garbage_get(void *user, const uint8_t *k, size_t n, tally_store_sink_fn sink, void *ctx) {
  (void)user; (void)k; (void)n; (void)sink; (void)ctx;
  return TALLY_STORE_OK; /* OK without handing over a value */
}
static int32_t garbage_begin(void *user, int32_t write) { (void)user; (void)write; return 77; }

int main(void) {
  store s;
  tally_store_callbacks cb;
  tally_engine *engine = NULL;
  char *out = NULL;

  every_fault("east", 0, ring_up);
  every_fault("temporary_holding", 1, release_holding);

  /* Busy once: the engine reruns the whole finish, which then succeeds. */
  memset(&s, 0, sizeof s);
  engine = open_shop(&s, "east");
  s.calls = 0; s.fail_at = 4; s.fail_with = TALLY_STORE_BUSY;
  CHECK(ring_up(engine, "B1") == TALLY_OK);
  CHECK(tally_credit_lines(engine, "new", "east", &out) == TALLY_OK);
  CHECK(out && strstr(out, "\"receipt\":\"B1\"") != NULL);
  tally_free(out);
  /* A failure carries the host's own reason. */
  s.calls = 0; s.fail_at = 3; s.fail_with = TALLY_STORE_FAILED;
  CHECK(ring_up(engine, "B2") == TALLY_E_STORAGE_FAILED);
  CHECK(strstr(tally_last_error(), "injected fault") != NULL);
  tally_engine_close(engine);
  c_store_release(&s);

  /* A struct from an older, smaller version (no destroy, no last_error) keeps working. */
  memset(&s, 0, sizeof s);
  cb = c_store_callbacks(&s);
  cb.struct_size = (uint32_t)((const char *)&cb.destroy - (const char *)&cb);
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_OK);
  CHECK(tally_load_catalog(engine, kCatalog, strlen(kCatalog), kMonday, &out) == TALLY_OK);
  tally_free(out);
  tally_engine_close(engine);
  CHECK(s.destroyed == 0);
  c_store_release(&s);

  /* Wrong struct sizes, versions and missing callbacks are refused. */
  cb = c_store_callbacks(&s);
  cb.struct_size = 8;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT && engine == NULL);
  cb = c_store_callbacks(&s);
  cb.version = 99;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);
  cb = c_store_callbacks(&s);
  cb.scan = NULL;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);
  CHECK(strstr(tally_last_error(), "scan") != NULL);
  CHECK(tally_engine_open_store(NULL, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);

  /* Callbacks that return garbage: a clear failure, never a crash. */
  memset(&s, 0, sizeof s);
  cb = c_store_callbacks(&s);
  cb.begin = garbage_begin;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_STORAGE_FAILED);
  CHECK(strstr(tally_last_error(), "unknown status 77") != NULL);
  cb = c_store_callbacks(&s);
  cb.get = garbage_get;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_STORAGE_FAILED);
  CHECK(strstr(tally_last_error(), "without a value") != NULL);
  c_store_release(&s);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
