/* SPDX-License-Identifier: Apache-2.0 */
/* Tally on the host's own storage: the engine keeps everything in a store the POS supplies
 * through tally_store_callbacks (here the in-memory one of c_store.c), and a whole visit is
 * sent as one JSON document. Usage: custom_storage CATALOG.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_store.h"
#include "tally.h"

#define DOC(text) text, strlen(text)

int main(int argc, char **argv) {
  const int64_t now = 1792074600; /* 2026-10-15T14:30:00Z */
  store db;
  tally_store_callbacks callbacks;
  tally_engine *engine = NULL;
  char *out = NULL, *catalog, *dump;
  long size;
  size_t len;
  int32_t status;
  FILE *f;

  if (argc < 2 || !(f = fopen(argv[1], "rb"))) {
    fprintf(stderr, "usage: custom_storage CATALOG.json\n");
    return 64;
  }
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  catalog = malloc((size_t)size + 1);
  len = fread(catalog, 1, (size_t)size, f);
  fclose(f);

  memset(&db, 0, sizeof db);
  callbacks = c_store_callbacks(&db);
  status = tally_engine_open_store(&callbacks, "{\"account\": \"tail-waggers\"}", &engine);
  if (status == TALLY_OK) status = tally_load_catalog(engine, catalog, len, now, &out);
  tally_free(out);
  out = NULL;
  if (status == TALLY_OK)
    status = tally_save_location(engine, DOC("{\"id\": \"richmond\", \"name\": \"Tail Waggers Richmond\", \"state\": \"VA\","
                                             " \"time_zone\": \"America/New_York\"}"), now);
  if (status == TALLY_OK)
    status = tally_enroll(engine, DOC("{\"location\": \"richmond\", \"program\": \"self-wash\"}"), now, &out);
  tally_free(out);
  out = NULL;
  if (status == TALLY_OK)
    status = tally_save_customer(engine, DOC("{\"id\": \"C2001\", \"first_name\": \"Dev\", \"last_name\": \"Patel\"}"), now, &out);
  tally_free(out);
  out = NULL;
  if (status == TALLY_OK)
    status = tally_run_checkout(engine, DOC("{\"location\": \"richmond\", \"customer\": \"C2001\", \"receipt\": \"RIC-1\","
                                            " \"at\": \"2026-10-15T10:30:00-04:00\", \"multi_punch_reason\": \"wash card\","
                                            " \"lines\": [{\"upc\": \"400000100104\", \"quantity\": 2, \"unit_price\": 1500}]}"),
                                &out);
  if (status != TALLY_OK) {
    fprintf(stderr, "%s: %s\n", tally_status_name(status), tally_last_error());
  } else {
    printf("visit: %s\n", out);
    dump = c_store_dump(&db);
    printf("the host's store now holds %lu keys, e.g. %.60s...\n", (unsigned long)db.count, dump);
    free(dump);
  }
  tally_free(out);
  tally_engine_close(engine); /* calls the store's destroy callback */
  c_store_release(&db);
  free(catalog);
  return status == TALLY_OK ? 0 : 1;
}
