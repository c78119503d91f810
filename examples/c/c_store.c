/* SPDX-License-Identifier: Apache-2.0 */
#include "c_store.h"

#include <stdlib.h>
#include <string.h>


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
static int fault(store *s) {
  long n = ++s->calls;
  return s->fail_at > 0 && n >= s->fail_at && n < s->fail_at + (s->fail_times > 1 ? s->fail_times : 1);
}

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
static const char *cb_last_error(void *user) { (void)user; return "injected fault"; }

void c_store_release(store *s) {
  size_t i;
  for (i = 0; i < s->count; ++i) { free(s->rows[i].key.data); free(s->rows[i].value.data); }
  forget(s);
  free(s->rows); free(s->log);
  memset(s, 0, sizeof *s);
}

/* Every key and value, for before/after comparisons. */
char *c_store_dump(store *s) {
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

tally_store_callbacks c_store_callbacks(store *s) {
  tally_store_callbacks cb = TALLY_STORE_CALLBACKS_INIT;
  cb.user = s; cb.begin = cb_begin; cb.commit = cb_commit; cb.rollback = cb_rollback; cb.get = cb_get;
  cb.put = cb_put; cb.remove = cb_remove; cb.scan = cb_scan; cb.destroy = cb_destroy; cb.last_error = cb_last_error;
  return cb;
}

