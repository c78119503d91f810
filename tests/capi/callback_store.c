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

/* ---- the store: a sorted array of byte strings, with an undo log ---- */

typedef struct { unsigned char *data; size_t len; } bytes;
typedef struct { bytes key, value; } entry;
typedef struct { bytes key; int had; bytes value; } undo;
typedef struct {
  entry *rows; size_t count, cap;
  undo *log; size_t logged, logcap;
  int open, writable, destroyed;
  /* the fault shim */
  long calls, fail_at; int fail_with;
} store;

static bytes copy(const uint8_t *p, size_t n) {
  bytes b;
  b.data = malloc(n ? n : 1);
  if (n) memcpy(b.data, p, n);
  b.len = n;
  return b;
}

static int compare(const uint8_t *a, size_t an, const uint8_t *b, size_t bn) {
  int c = memcmp(a, b, an < bn ? an : bn);
  return c ? c : (an < bn ? -1 : an > bn);
}

/* Index of the first row with key >= k. */
static size_t lower(store *s, const uint8_t *k, size_t n) {
  size_t lo = 0, hi = s->count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (compare(s->rows[mid].key.data, s->rows[mid].key.len, k, n) < 0) lo = mid + 1; else hi = mid;
  }
  return lo;
}

static int found(store *s, size_t i, const uint8_t *k, size_t n) {
  return i < s->count && compare(s->rows[i].key.data, s->rows[i].key.len, k, n) == 0;
}

/* Counts the call and says whether the shim fails it. */
static int fault(store *s) { return ++s->calls == s->fail_at; }

static void remember(store *s, const uint8_t *k, size_t n) {
  size_t i = lower(s, k, n);
  undo u;
  if (s->logged == s->logcap) { s->logcap = s->logcap ? 2 * s->logcap : 16; s->log = realloc(s->log, s->logcap * sizeof *s->log); }
  u.key = copy(k, n);
  u.had = found(s, i, k, n);
  u.value = u.had ? copy(s->rows[i].value.data, s->rows[i].value.len) : copy(NULL, 0);
  s->log[s->logged++] = u;
}

static void set(store *s, const uint8_t *k, size_t kn, const uint8_t *v, size_t vn) {
  size_t i = lower(s, k, kn);
  if (found(s, i, k, kn)) { free(s->rows[i].value.data); s->rows[i].value = copy(v, vn); return; }
  if (s->count == s->cap) { s->cap = s->cap ? 2 * s->cap : 64; s->rows = realloc(s->rows, s->cap * sizeof *s->rows); }
  memmove(s->rows + i + 1, s->rows + i, (s->count - i) * sizeof *s->rows);
  s->rows[i].key = copy(k, kn);
  s->rows[i].value = copy(v, vn);
  ++s->count;
}

static void unset(store *s, const uint8_t *k, size_t n) {
  size_t i = lower(s, k, n);
  if (!found(s, i, k, n)) return;
  free(s->rows[i].key.data);
  free(s->rows[i].value.data);
  memmove(s->rows + i, s->rows + i + 1, (s->count - i - 1) * sizeof *s->rows);
  --s->count;
}

static void forget(store *s) {
  size_t i;
  for (i = 0; i < s->logged; ++i) { free(s->log[i].key.data); free(s->log[i].value.data); }
  s->logged = 0;
}

static int32_t cb_begin(void *user, int32_t write) {
  store *s = user;
  if (fault(s)) return s->fail_with;
  if (s->open) return TALLY_STORE_FAILED;
  s->open = 1; s->writable = write; return TALLY_STORE_OK;
}
static int32_t cb_commit(void *user) {
  store *s = user;
  if (fault(s)) return s->fail_with; /* the engine rolls back */
  forget(s); s->open = 0; return TALLY_STORE_OK;
}
static int32_t cb_rollback(void *user) {
  store *s = user;
  while (s->logged) {
    undo *u = &s->log[--s->logged];
    if (u->had) set(s, u->key.data, u->key.len, u->value.data, u->value.len);
    else unset(s, u->key.data, u->key.len);
    free(u->key.data); free(u->value.data);
  }
  s->open = 0; return TALLY_STORE_OK;
}
static int32_t cb_get(void *user, const uint8_t *k, size_t n, tally_store_sink_fn sink, void *ctx) {
  store *s = user;
  size_t i;
  if (fault(s)) return s->fail_with;
  i = lower(s, k, n);
  if (!found(s, i, k, n)) return TALLY_STORE_NOT_FOUND;
  sink(ctx, s->rows[i].value.data, s->rows[i].value.len);
  return TALLY_STORE_OK;
}
static int32_t cb_put(void *user, const uint8_t *k, size_t kn, const uint8_t *v, size_t vn) {
  store *s = user;
  if (fault(s)) return s->fail_with;
  if (!s->writable) return TALLY_STORE_FAILED;
  remember(s, k, kn); set(s, k, kn, v, vn); return TALLY_STORE_OK;
}
static int32_t cb_remove(void *user, const uint8_t *k, size_t n) {
  store *s = user;
  if (fault(s)) return s->fail_with;
  remember(s, k, n); unset(s, k, n); return TALLY_STORE_OK;
}
static int32_t cb_scan(void *user, const uint8_t *first, size_t fn, const uint8_t *last, size_t ln,
                       tally_store_visit_fn visit, void *ctx) {
  store *s = user;
  size_t i;
  if (fault(s)) return s->fail_with;
  for (i = lower(s, first, fn); i < s->count; ++i) {
    if (ln && compare(s->rows[i].key.data, s->rows[i].key.len, last, ln) >= 0) break;
    if (visit(ctx, s->rows[i].key.data, s->rows[i].key.len, s->rows[i].value.data, s->rows[i].value.len)) break;
  }
  return TALLY_STORE_OK;
}
static void cb_destroy(void *user) { ((store *)user)->destroyed += 1; }
static const char *cb_last_error(void *user) { (void)user; return "the C store says no"; }

static void release(store *s) {
  size_t i;
  for (i = 0; i < s->count; ++i) { free(s->rows[i].key.data); free(s->rows[i].value.data); }
  forget(s);
  free(s->rows); free(s->log);
  memset(s, 0, sizeof *s);
}

/* Every key and value, for before/after comparisons. */
static char *dump(store *s) {
  size_t i, total = 1, at = 0;
  char *out;
  for (i = 0; i < s->count; ++i) total += s->rows[i].key.len + s->rows[i].value.len + 2;
  out = malloc(total);
  for (i = 0; i < s->count; ++i) {
    memcpy(out + at, s->rows[i].key.data, s->rows[i].key.len); at += s->rows[i].key.len; out[at++] = '=';
    memcpy(out + at, s->rows[i].value.data, s->rows[i].value.len); at += s->rows[i].value.len; out[at++] = '\n';
  }
  out[at] = 0;
  return out;
}

static tally_store_callbacks callbacks(store *s) {
  tally_store_callbacks cb = TALLY_STORE_CALLBACKS_INIT;
  cb.user = s; cb.begin = cb_begin; cb.commit = cb_commit; cb.rollback = cb_rollback; cb.get = cb_get;
  cb.put = cb_put; cb.remove = cb_remove; cb.scan = cb_scan; cb.destroy = cb_destroy; cb.last_error = cb_last_error;
  return cb;
}

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
  tally_store_callbacks cb = callbacks(s);
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
  after = dump(&clean);
  tally_engine_close(engine);
  release(&clean);
  for (k = 1; k <= calls; ++k) {
    store s;
    char *before, *now;
    memset(&s, 0, sizeof s);
    engine = open_shop(&s, partner);
    if (prepare) ring_up(engine, "P1");
    before = dump(&s);
    s.calls = 0; s.fail_at = k; s.fail_with = TALLY_STORE_FAILED;
    CHECK(op(engine, "F1") == TALLY_E_STORAGE_FAILED);
    now = dump(&s);
    CHECK(strcmp(before, now) == 0);
    free(now);
    s.fail_at = 0;
    CHECK(op(engine, "F1") == TALLY_OK);
    now = dump(&s);
    CHECK(strcmp(after, now) == 0);
    free(now); free(before);
    tally_engine_close(engine);
    CHECK(s.destroyed == 1);
    release(&s);
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
  CHECK(strstr(tally_last_error(), "the C store says no") != NULL);
  tally_engine_close(engine);
  release(&s);

  /* A struct from an older, smaller version (no destroy, no last_error) keeps working. */
  memset(&s, 0, sizeof s);
  cb = callbacks(&s);
  cb.struct_size = (uint32_t)((const char *)&cb.destroy - (const char *)&cb);
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_OK);
  CHECK(tally_load_catalog(engine, kCatalog, strlen(kCatalog), kMonday, &out) == TALLY_OK);
  tally_free(out);
  tally_engine_close(engine);
  CHECK(s.destroyed == 0);
  release(&s);

  /* Wrong struct sizes, versions and missing callbacks are refused. */
  cb = callbacks(&s);
  cb.struct_size = 8;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT && engine == NULL);
  cb = callbacks(&s);
  cb.version = 99;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);
  cb = callbacks(&s);
  cb.scan = NULL;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);
  CHECK(strstr(tally_last_error(), "scan") != NULL);
  CHECK(tally_engine_open_store(NULL, NULL, &engine) == TALLY_E_INVALID_ARGUMENT);

  /* Callbacks that return garbage: a clear failure, never a crash. */
  memset(&s, 0, sizeof s);
  cb = callbacks(&s);
  cb.begin = garbage_begin;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_STORAGE_FAILED);
  CHECK(strstr(tally_last_error(), "unknown status 77") != NULL);
  cb = callbacks(&s);
  cb.get = garbage_get;
  CHECK(tally_engine_open_store(&cb, NULL, &engine) == TALLY_E_STORAGE_FAILED);
  CHECK(strstr(tally_last_error(), "without a value") != NULL);
  release(&s);

  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
