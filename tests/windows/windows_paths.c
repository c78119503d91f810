/* SPDX-License-Identifier: Apache-2.0 */
/* Windows semantics of the C ABI (docs/windows.md), run under Wine by the test command:
 *  - tally_engine_open_sqlite with a drive letter and backslashes, with forward slashes, with
 *    a relative path, and in a folder whose name is not ASCII (UTF-8 in, the file on disk
 *    under the same name through Windows' wide-character API); a visit stored and read back
 *    after reopening each; a missing folder refused with the path in the message;
 *  - business dates of an IANA zone (America/New_York, from the zoneinfo folder beside
 *    tally.dll) and of a POSIX TZ string, in summer and winter and past 2038;
 *  - tally_engine_open_postgres in a build without PostgreSQL: TALLY_E_UNSUPPORTED.
 * Usage: windows_paths            everything above
 *        windows_paths no-zones   only: America/New_York is refused (TZDIR names a folder
 *                                 without it), the message naming that folder */
#include <stdlib.h>
#include <windows.h>

#include "../capi/capi_check.h"

/* UTF-8 of a wide string, in a static buffer per call site's copy. */
static void to_utf8(const wchar_t *wide, char *out, int size) {
  if (!WideCharToMultiByte(CP_UTF8, 0, wide, -1, out, size, NULL, NULL)) out[0] = '\0';
}

static void to_wide(const char *utf8, wchar_t *out, int size) {
  if (!MultiByteToWideChar(CP_UTF8, 0, utf8, -1, out, size)) out[0] = L'\0';
}

static const char *const kStore =
    "{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"America/New_York\"}";
static const char *const kEnrollment =
    "{\"location\": \"va\", \"program\": \"acme-fb\", \"distributor\": \"east\", \"account_number\": \"E-1\"}";
static const int64_t kSetup = 1792000000; /* 2026-10-14 */

static void setup(tally_engine *engine) {
  char *out = NULL;
  OK(tally_load_catalog(engine, kCatalog, strlen(kCatalog), kSetup, &out));
  tally_free(out);
  OK(tally_save_location(engine, kStore, strlen(kStore), kSetup));
  OK(tally_enroll(engine, kEnrollment, strlen(kEnrollment), kSetup, &out));
  tally_free(out);
  OK(tally_save_customer(engine, DOC("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}"), kSetup, &out));
  tally_free(out);
}

/* One bag on `receipt` at `at`; the result's business date must be `date`. */
static void visit(tally_engine *engine, const char *location, const char *receipt, int64_t at, const char *date) {
  tally_checkout *checkout = NULL;
  char *out = NULL;
  char expected[64];
  OK(tally_checkout_open(engine, location, "ann", receipt, at, &checkout));
  OK(tally_checkout_add_line(checkout, "011111000025", 1, 1899, NULL));
  OK(tally_checkout_finish(checkout, &out));
  snprintf(expected, sizeof expected, "\"business_date\":\"%s\"", date);
  if (!out || !strstr(out, expected)) fprintf(stderr, "%s: expected %s in %.300s\n", receipt, expected, out ? out : "");
  CHECK(out && strstr(out, expected));
  tally_free(out);
  tally_checkout_free(checkout);
}

/* A store in `path` (UTF-8): made, a visit stored, closed, reopened, the visit read back. */
static void sqlite_at(const char *path) {
  tally_engine *engine = NULL;
  char *out = NULL;
  printf("sqlite at %s\n", path);
  OK(tally_engine_open_sqlite(path, NULL, &engine));
  if (!engine) return;
  setup(engine);
  visit(engine, "va", "P1", 1792074600, "2026-10-15");
  tally_engine_close(engine);
  engine = NULL;
  OK(tally_engine_open_sqlite(path, NULL, &engine));
  if (!engine) return;
  OK(tally_checkout_result(engine, "va", "P1", &out));
  CHECK(out && strstr(out, "\"receipt\":\"P1\""));
  tally_free(out);
  tally_engine_close(engine);
}

static int exists(const char *utf8) {
  wchar_t wide[MAX_PATH];
  to_wide(utf8, wide, MAX_PATH);
  return GetFileAttributesW(wide) != INVALID_FILE_ATTRIBUTES;
}

static void paths(void) {
  wchar_t temp[MAX_PATH], folder[MAX_PATH], unicode[MAX_PATH];
  char base[MAX_PATH * 3], path[MAX_PATH * 4];
  tally_engine *engine = NULL;
  size_t i;

  /* C:\users\...\Temp\tally-paths-<pid>-<ms>\ : a drive letter and backslashes. */
  GetTempPathW(MAX_PATH, temp);
  swprintf(folder, MAX_PATH, L"%lstally-paths-%lu-%llu", temp, (unsigned long)GetCurrentProcessId(),
           (unsigned long long)GetTickCount64());
  CHECK(CreateDirectoryW(folder, NULL));
  to_utf8(folder, base, sizeof base);
  CHECK(base[1] == ':' && base[2] == '\\');

  snprintf(path, sizeof path, "%s\\back.db", base);
  sqlite_at(path);
  CHECK(exists(path));

  /* The same folder with forward slashes. */
  snprintf(path, sizeof path, "%s/forward.db", base);
  for (i = 0; path[i]; ++i)
    if (path[i] == '\\') path[i] = '/';
  sqlite_at(path);
  snprintf(path, sizeof path, "%s\\forward.db", base);
  CHECK(exists(path));

  /* A folder named in French and Japanese, "Caisse café 東京", given as UTF-8: the file must
   * be there under that wide name, not under the bytes read in the ANSI code page. */
  swprintf(unicode, MAX_PATH, L"%ls\\Caisse caf\u00e9 \u6771\u4eac", folder);
  CHECK(CreateDirectoryW(unicode, NULL));
  to_utf8(unicode, path, sizeof path);
  strcat(path, "\\shop.db");
  sqlite_at(path);
  {
    wchar_t file[MAX_PATH];
    swprintf(file, MAX_PATH, L"%ls\\shop.db", unicode);
    CHECK(GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES);
  }

  /* A path relative to the current folder (the non-ASCII one). */
  CHECK(SetCurrentDirectoryW(unicode));
  sqlite_at("relative.db");
  {
    wchar_t file[MAX_PATH];
    swprintf(file, MAX_PATH, L"%ls\\relative.db", unicode);
    CHECK(GetFileAttributesW(file) != INVALID_FILE_ATTRIBUTES);
  }
  SetCurrentDirectoryW(temp);

  /* A folder that does not exist: refused, naming the path. */
  snprintf(path, sizeof path, "%s\\missing\\shop.db", base);
  REFUSED(tally_engine_open_sqlite(path, NULL, &engine), TALLY_E_STORAGE_FAILED, "missing\\shop.db");
  CHECK(engine == NULL);
}

static void zones(void) {
  tally_engine *engine = NULL;
  char *out = NULL;
  OK(tally_engine_open_memory(NULL, &engine));
  setup(engine);
  /* Winter (EST, UTC-5) and summer (EDT, UTC-4): late evening in New York is the next day in UTC. */
  visit(engine, "va", "Z1", 1793590200, "2026-11-01"); /* 2026-11-02T03:30Z = 22:30 EST on 1 Nov */
  visit(engine, "va", "Z2", 1782869400, "2026-06-30"); /* 2026-07-01T01:30Z = 21:30 EDT on 30 Jun */
  visit(engine, "va", "Z3", 1782871200, "2026-06-30"); /* 02:00Z = 22:00 EDT */
  visit(engine, "va", "Z4", 1782882000, "2026-07-01"); /* 05:00Z = 01:00 EDT on 1 Jul */
  visit(engine, "va", "Z5", 2224719000, "2040-06-30"); /* 2040-07-01T01:30Z: EDT, past the listed transitions */
  /* A POSIX TZ string past 2038 (32-bit longs on Windows must not wrap). */
  OK(tally_save_location(engine, DOC("{\"id\": \"nc\", \"name\": \"Raleigh\", \"state\": \"VA\","
                                     " \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}"), kSetup));
  OK(tally_enroll(engine, DOC("{\"location\": \"nc\", \"program\": \"acme-fb\", \"distributor\": \"east\","
                              " \"account_number\": \"E-2\"}"), kSetup, &out));
  tally_free(out);
  visit(engine, "nc", "Z6", 2209001400, "2039-12-31"); /* 2040-01-01T03:30Z = 22:30 EST on 31 Dec */
  /* Names are matched exactly, as on Linux; unknown names are refused. */
  REFUSED(tally_save_location(engine, DOC("{\"id\": \"x\", \"name\": \"X\", \"state\": \"VA\","
                                          " \"time_zone\": \"america/new_york\"}"), kSetup),
          TALLY_E_INVALID_ARGUMENT, "time_zone");
  REFUSED(tally_save_location(engine, DOC("{\"id\": \"x\", \"name\": \"X\", \"state\": \"VA\","
                                          " \"time_zone\": \"America/Nowhere\"}"), kSetup),
          TALLY_E_INVALID_ARGUMENT, "zoneinfo");
  tally_engine_close(engine);
}

/* TZDIR names a folder without the zone: refused, the message naming TZDIR's folder. */
static void no_zones(void) {
  tally_engine *engine = NULL;
  char *out = NULL;
  OK(tally_engine_open_memory(NULL, &engine));
  OK(tally_load_catalog(engine, kCatalog, strlen(kCatalog), kSetup, &out));
  tally_free(out);
  REFUSED(tally_save_location(engine, kStore, strlen(kStore), kSetup), TALLY_E_INVALID_ARGUMENT, getenv("TZDIR"));
  tally_engine_close(engine);
}

static void no_postgres(void) {
  tally_engine *engine = NULL;
  REFUSED(tally_engine_open_postgres("postgresql://till@central/tally", NULL, &engine), TALLY_E_UNSUPPORTED,
          "no PostgreSQL backend");
  CHECK(engine == NULL);
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "no-zones") == 0) {
    no_zones();
  } else {
    paths();
    zones();
    no_postgres();
  }
  return summary();
}
