/* SPDX-License-Identifier: Apache-2.0 */
/* The resource limits (docs/c-api.md, "Limits") through the C ABI: oversized documents,
 * deep nesting, too many lines, over-long ids and names. Each is refused with its code and
 * a message that does not carry the long value, nothing is stored or journalled, and the
 * process's peak memory stays within the input buffer plus a bound: an oversized document
 * is refused before a byte of it is parsed. */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef _WIN32
#include <windows.h>
#include <psapi.h>
#else
#include <sys/resource.h>
#endif

#include "capi_check.h"

/* Under AddressSanitizer every allocation carries redzones and freed memory is held in
 * quarantine, so the peak-memory bound is not checked there (the rest of the test is). */
#if defined(__SANITIZE_ADDRESS__)
#define LIMITS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LIMITS_ASAN 1
#endif
#endif
#ifndef LIMITS_ASAN
#define LIMITS_ASAN 0
#endif

/* The message holds no run of more than 64 bytes of `fill`: the long value is not echoed. */
static int clipped(char fill) {
  const char *m = tally_last_error();
  size_t run = 0;
  for (; *m; ++m) {
    run = *m == fill ? run + 1 : 0;
    if (run > 64) return 0;
  }
  return strlen(tally_last_error()) < 400;
}

/* Refused as REFUSED says, and the message does not echo the long value of `fill`s. */
#define REFUSED_CLIPPED(call, expected, field, fill)                                     \
  do {                                                                                    \
    REFUSED((call), (expected), (field));                                                 \
    check(clipped(fill), "message does not echo the long value", __FILE__, __LINE__);     \
  } while (0)

static const int64_t kMonday = 1793631600; /* 2026-11-02T15:00:00Z */
static const size_t kBig = 100u << 20;     /* 100 MiB */
static const size_t kLongId = 10000;

static const char *kVisitHead = "{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"r-big\", \"at\": 1793631600, \"lines\": [";
static const char *kLine = "{\"upc\":\"011111000025\",\"quantity\":1,\"unit_price\":1500}";

#ifdef _WIN32
static long max_rss_kb(void) {
  PROCESS_MEMORY_COUNTERS counters;
  GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof counters);
  return (long)(counters.PeakWorkingSetSize / 1024);
}

static double now_ms(void) { return (double)GetTickCount64(); }
#else
static long max_rss_kb(void) {
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss; /* kilobytes on Linux */
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1000.0 + (double)t.tv_nsec / 1e6;
}
#endif

/* Peak memory after a big call: at most the buffers the test filled plus 64 MiB. */
static long rss_base_kb;
static void bounded(const char *what, double started, int line) {
  long peak = max_rss_kb();
  printf("limits: %s refused in %.1f ms, peak RSS %ld MiB\n", what, now_ms() - started, peak / 1024);
  if (!LIMITS_ASAN) check(peak <= rss_base_kb + (long)(kBig / 1024) + 64 * 1024, what, __FILE__, line);
}
#define BOUNDED(what, started) bounded((what), (started), __LINE__)

/* A visit of `lines` sale lines written into `buf`; returns its length. */
static size_t visit_of(char *buf, size_t lines, const char *receipt) {
  size_t n = 0, i, line_len = strlen(kLine);
  n += (size_t)sprintf(buf, "{\"location\": \"va\", \"customer\": \"ann\", \"receipt\": \"%s\", \"at\": 1793631600, \"lines\": [",
                       receipt);
  for (i = 0; i < lines; ++i) {
    if (i) buf[n++] = ',';
    memcpy(buf + n, kLine, line_len);
    n += line_len;
  }
  memcpy(buf + n, "]}", 3);
  return n + 2;
}

static char *snapshot(int32_t (*read)(tally_engine *, char **), tally_engine *engine) {
  char *out = NULL;
  OK(read(engine, &out));
  return out;
}

static int32_t whole_journal(tally_engine *engine, char **out) { return tally_journal(engine, 0, 100000, out); }

int main(void) {
  tally_engine *engine = NULL;
  tally_checkout *checkout = NULL;
  char *out = NULL, *big, *id, *doc, *journal, *catalog, *locations;
  size_t n, i;
  double t;

  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, DOC(kCatalog), kMonday, &out));
  tally_free(out);
  OK(tally_save_location(engine, DOC("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}"),
                         kMonday));
  OK(tally_enroll(engine, DOC("{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\", \"account_number\": \"E-1\"}"),
                  kMonday, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}"), kMonday, &out));
  tally_free(out);
  journal = snapshot(whole_journal, engine);
  catalog = snapshot(tally_catalog, engine);
  locations = snapshot(tally_locations, engine);

  rss_base_kb = max_rss_kb();
  big = malloc(kBig + 1);
  id = malloc(kLongId + 1);
  doc = malloc(4 * kLongId);
  if (!big || !id || !doc) return 2;
  memset(id, 'x', kLongId);
  id[kLongId] = '\0';

  /* A 100 MiB catalog (valid-looking: one array of spaces) is refused by its size,
   * 32 MiB, before it is parsed. */
  n = (size_t)sprintf(big, "{\"manufacturers\": [");
  memset(big + n, ' ', kBig - n - 2);
  memcpy(big + kBig - 2, "]}", 2);
  t = now_ms();
  REFUSED_CLIPPED(tally_load_catalog(engine, big, kBig, kMonday, &out), TALLY_E_INVALID_ARGUMENT, "json: 104857600 bytes; at most 33554432", ' ');
  BOUNDED("a 100 MiB catalog", t);
  CHECK(out == NULL);

  /* A visit of 1,000,000 lines (54 MB) is refused by the size of a document, 1 MiB. */
  n = visit_of(big, 1000000, "r-million");
  t = now_ms();
  REFUSED_CLIPPED(tally_run_checkout(engine, big, n, &out), TALLY_E_INVALID_ARGUMENT, "at most 1048576", 'x');
  BOUNDED("a visit of 1,000,000 lines", t);

  /* The limits tally.h names are the ones applied: a bulk array at the limit is read, one
   * byte more is refused. */
  memset(big, ' ', TALLY_LIMIT_CHECKOUT_BATCH_BYTES + 1);
  big[0] = '[';
  big[TALLY_LIMIT_CHECKOUT_BATCH_BYTES] = ']';
  REFUSED(tally_run_checkouts(engine, big, TALLY_LIMIT_CHECKOUT_BATCH_BYTES + 1, &out), TALLY_E_INVALID_ARGUMENT, "json");
  big[TALLY_LIMIT_CHECKOUT_BATCH_BYTES - 1] = ']';
  OK(tally_run_checkouts(engine, big, TALLY_LIMIT_CHECKOUT_BATCH_BYTES, &out));
  CHECK(out && strcmp(out, "[]") == 0);
  tally_free(out);
  out = NULL;
  CHECK(tally_checkout_result(engine, "va", "r-million", &out) == TALLY_E_NOT_FOUND);

  /* A 100 MiB visit: the lines above, padded with spaces. */
  memset(big + n - 2, ' ', kBig - n);
  memcpy(big + kBig - 2, "]}", 2);
  t = now_ms();
  REFUSED_CLIPPED(tally_run_checkout(engine, big, kBig, &out), TALLY_E_INVALID_ARGUMENT, "json: 104857600 bytes", ' ');
  BOUNDED("a 100 MiB visit", t);
  /* Every other document has the same cap: a line, a report query, a location. */
  REFUSED_CLIPPED(tally_report(engine, "transactions", big, kBig, kMonday, &out), TALLY_E_INVALID_ARGUMENT, "query_json: 104857600 bytes", ' ');
  REFUSED_CLIPPED(tally_save_location(engine, big, kBig, kMonday), TALLY_E_INVALID_ARGUMENT, "json: 104857600 bytes", ' ');
  OK(tally_checkout_open(engine, "va", "ann", "r-lines", kMonday, &checkout));
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, big, kBig, &out), TALLY_E_INVALID_ARGUMENT, "json: 104857600 bytes", ' ');

  /* A 100 MiB id as a C string: refused by its length, never copied. */
  memset(big, 'x', kBig);
  big[kBig] = '\0';
  t = now_ms();
  REFUSED_CLIPPED(tally_customer(engine, big, &out), TALLY_E_INVALID_ARGUMENT, "customer_id", 'x');
  BOUNDED("a 100 MiB customer id", t);

  /* 1001 small lines fit in 1 MiB and are refused by the checkout's own limit. */
  n = visit_of(big, 1001, "r-1001");
  CHECK(n < (1u << 20));
  REFUSED_CLIPPED(tally_run_checkout(engine, big, n, &out), TALLY_E_INVALID_ARGUMENT, "at most 1000 lines", 'x');
  CHECK(tally_checkout_result(engine, "va", "r-1001", &out) == TALLY_E_NOT_FOUND);
  /* ...and so is a 1001st line added one at a time. */
  for (i = 0; i < 1000; ++i)
    if (tally_checkout_add_line(checkout, "011111000025", 1, 1500, NULL) != TALLY_OK) break;
  CHECK(i == 1000);
  REFUSED_CLIPPED(tally_checkout_add_line(checkout, "011111000025", 1, 1500, NULL), TALLY_E_INVALID_ARGUMENT, "at most 1000 lines", 'x');
  tally_checkout_free(checkout);

  /* Nesting 10,000 deep: malformed_json at the 65th level, in any document. */
  n = (size_t)sprintf(big, "%s", kVisitHead);
  memset(big + n, '[', 10000);
  memset(big + n + 10000, ']', 10000);
  memcpy(big + n + 20000, "]}", 2);
  n += 20002;
  REFUSED_CLIPPED(tally_run_checkout(engine, big, n, &out), TALLY_E_MALFORMED_JSON, "JSON syntax error", '[');
  n = (size_t)sprintf(big, "{\"manufacturers\": ");
  memset(big + n, '[', 10000);
  memset(big + n + 10000, ']', 10000);
  big[n + 20000] = '}';
  n += 20001;
  REFUSED_CLIPPED(tally_load_catalog(engine, big, n, kMonday, &out), TALLY_E_MALFORMED_JSON, "JSON syntax error", '[');
  memset(big, '[', 10000);
  memset(big + 10000, ']', 10000);
  big[20000] = '\0';
  REFUSED_CLIPPED(tally_pull_batch(engine, "{\"role\": \"distributor\", \"id\": \"east\"}", NULL, big, NULL, kMonday, &out),
          TALLY_E_MALFORMED_JSON, "locations_json", '[');

  /* 10,000-byte ids: invalid_argument wherever they are passed. */
  REFUSED_CLIPPED(tally_checkout_open(engine, id, "ann", "r-9", kMonday, &checkout), TALLY_E_INVALID_ARGUMENT, "location_id", 'x');
  CHECK(checkout == NULL);
  REFUSED_CLIPPED(tally_checkout_open(engine, "va", id, "r-9", kMonday, &checkout), TALLY_E_INVALID_ARGUMENT, "customer_id", 'x');
  REFUSED_CLIPPED(tally_checkout_open(engine, "va", "ann", id, kMonday, &checkout), TALLY_E_INVALID_ARGUMENT, "receipt_id", 'x');
  CHECK(checkout == NULL);
  REFUSED_CLIPPED(tally_location(engine, id, &out), TALLY_E_INVALID_ARGUMENT, "location_id", 'x');
  REFUSED_CLIPPED(tally_command_center(engine, id, kMonday, &out), TALLY_E_INVALID_ARGUMENT, "location_id", 'x');
  sprintf(doc, "{\"location\": \"%s\"}", id);
  REFUSED_CLIPPED(tally_report(engine, "transactions", DOC(doc), kMonday, &out), TALLY_E_INVALID_ARGUMENT, "location", 'x');
  sprintf(doc, "{\"location\": \"va\", \"manufacturer\": \"%s\"}", id);
  REFUSED_CLIPPED(tally_report(engine, "participation", DOC(doc), kMonday, &out), TALLY_E_INVALID_ARGUMENT, "manufacturer", 'x');
  sprintf(doc, "{\"location\": \"%s\", \"customer\": \"ann\", \"receipt\": \"r-9\", \"at\": 1793631600}", id);
  REFUSED_CLIPPED(tally_run_checkout(engine, DOC(doc), &out), TALLY_E_INVALID_ARGUMENT, "location", 'x');
  sprintf(doc, "{\"id\": \"%s\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}", id);
  REFUSED_CLIPPED(tally_save_customer(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_ARGUMENT, "id", 'x');
  REFUSED_CLIPPED(tally_customer(engine, id, &out), TALLY_E_INVALID_ARGUMENT, "customer_id", 'x');
  sprintf(doc, "{\"id\": \"ann2\", \"first_name\": \"%s\", \"last_name\": \"Lee\"}", id);
  REFUSED_CLIPPED(tally_save_customer(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_ARGUMENT, "first_name", 'x');
  CHECK(tally_customer(engine, "ann2", &out) == TALLY_E_UNKNOWN_CUSTOMER);
  sprintf(doc, "{\"id\": \"%s\", \"name\": \"Far\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}", id);
  REFUSED_CLIPPED(tally_save_location(engine, DOC(doc), kMonday), TALLY_E_INVALID_ARGUMENT, "id", 'x');
  sprintf(doc, "{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\", \"account_number\": \"%s\"}", id);
  REFUSED_CLIPPED(tally_enroll(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_ARGUMENT, "account_number", 'x');
  sprintf(doc, "{\"role\": \"distributor\", \"id\": \"%s\"}", id);
  REFUSED_CLIPPED(tally_pull_batch(engine, doc, NULL, NULL, NULL, kMonday, &out), TALLY_E_INVALID_ARGUMENT, "actor.id", 'x');
  /* In a catalog every field error is invalid_catalog: an id, and a 10,000-byte name. */
  sprintf(doc, "{\"manufacturers\": [{\"id\": \"%s\", \"name\": \"Long\"}]}", id);
  REFUSED_CLIPPED(tally_load_catalog(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_CATALOG, "manufacturers[0].id", 'x');
  sprintf(doc, "{\"manufacturers\": [{\"id\": \"longname\", \"name\": \"%s\"}]}", id);
  REFUSED_CLIPPED(tally_load_catalog(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_CATALOG, "manufacturers[0].name", 'x');
  sprintf(doc, "{\"products\": [{\"upc\": \"011111000032\", \"description\": \"Beef\", \"manufacturer\": \"%s\"}]}", id);
  REFUSED_CLIPPED(tally_load_catalog(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_CATALOG, "products[0].manufacturer", 'x');
  sprintf(doc, "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme\", \"%s\": 1}]}", id);
  REFUSED_CLIPPED(tally_load_catalog(engine, DOC(doc), kMonday, &out), TALLY_E_INVALID_CATALOG, "is not a known field", 'x');

  /* A quantity out of range is invalid_quantity however far out, a price invalid_price. */
  OK(tally_checkout_open(engine, "va", "ann", "r-q", kMonday, &checkout));
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"quantity\": 10001, \"unit_price\": 1500}"), &out),
          TALLY_E_INVALID_QUANTITY, "quantity", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"quantity\": 2147483648, \"unit_price\": 1500}"), &out),
          TALLY_E_INVALID_QUANTITY, "quantity", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"quantity\": 18446744073709551615, \"unit_price\": 1}"), &out),
          TALLY_E_INVALID_QUANTITY, "quantity", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line(checkout, "011111000025", 10001, 1500, NULL), TALLY_E_INVALID_QUANTITY, "quantity", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"unit_price\": 100000001}"), &out),
          TALLY_E_INVALID_PRICE, "unit_price", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line_json(checkout, DOC("{\"upc\": \"011111000025\", \"unit_price\": 18446744073709551615}"), &out),
          TALLY_E_INVALID_PRICE, "unit_price", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line(checkout, "011111000025", 1, 100000001, NULL), TALLY_E_INVALID_PRICE, "unit_price", 'x');
  REFUSED_CLIPPED(tally_checkout_add_line(checkout, id, 1, 1500, NULL), TALLY_E_INVALID_ARGUMENT, "upc", 'x');
  REFUSED_CLIPPED(tally_checkout_redeem(checkout, id, "dog", NULL, TALLY_PRICE_LAST_KNOWN, NULL), TALLY_E_INVALID_ARGUMENT, "program_id", 'x');
  REFUSED_CLIPPED(tally_checkout_set_multi_punch_reason(checkout, big), TALLY_E_INVALID_ARGUMENT, "reason", '[');
  tally_checkout_free(checkout);

  /* Nothing of it was stored: the journal, the catalog and the locations are as they were. */
  OK(tally_journal(engine, 0, 100000, &out));
  CHECK(out && journal && strcmp(out, journal) == 0);
  tally_free(out);
  OK(tally_catalog(engine, &out));
  CHECK(out && catalog && strcmp(out, catalog) == 0);
  tally_free(out);
  OK(tally_locations(engine, &out));
  CHECK(out && locations && strcmp(out, locations) == 0);
  tally_free(out);

  tally_free(journal);
  tally_free(catalog);
  tally_free(locations);
  free(big);
  free(id);
  free(doc);
  tally_engine_close(engine);
  return summary();
}
