/* SPDX-License-Identifier: Apache-2.0 */
/* tally_engine_open_postgres from C: a connection string libpq cannot read, a server that is
 * down, and a real server (the tests' throw-away one; its connection string is in the file
 * named by argv[1]) on which an engine stores and reads back a location. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tally.h"

#define CHECK(cond)                                               \
  do {                                                            \
    if (!(cond)) {                                                \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      return 1;                                                   \
    }                                                             \
  } while (0)

int main(int argc, char **argv) {
  tally_engine *engine = NULL;
  char conninfo[1024] = {0}, down[1200], options[64], *location = NULL;
  FILE *file;
  CHECK(argc == 2);
  CHECK(tally_engine_open_postgres("nosuchoption=1", NULL, &engine) == 1); /* invalid_argument */
  CHECK(engine == NULL);
  CHECK(strncmp(tally_last_error(), "conninfo: ", 10) == 0);
  CHECK(tally_engine_open_postgres(NULL, NULL, &engine) == 1);

  file = fopen(argv[1], "r");
  CHECK(file != NULL);
  CHECK(fgets(conninfo, sizeof conninfo, file) != NULL);
  fclose(file);
  conninfo[strcspn(conninfo, "\n")] = 0;
  snprintf(down, sizeof down, "%s port=1", conninfo);
  CHECK(tally_engine_open_postgres(down, NULL, &engine) == 13); /* storage_failed */
  CHECK(strstr(tally_last_error(), "cannot connect to PostgreSQL") != NULL);

  snprintf(options, sizeof options, "{\"account\": \"capi_%ld\"}", (long)getpid());
  CHECK(tally_engine_open_postgres(conninfo, options, &engine) == 0);
  {
    const char *doc = "{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}";
    CHECK(tally_save_location(engine, doc, strlen(doc), 1793631600) == 0);
  }
  CHECK(tally_location(engine, "va", &location) == 0);
  CHECK(strstr(location, "Richmond") != NULL);
  tally_free(location);
  tally_engine_close(engine);
  printf("tally_engine_open_postgres: ok\n");
  return 0;
}
