/* SPDX-License-Identifier: Apache-2.0 */
/* An ordered key-value store in process memory, written in C on tally_store_callbacks: a
 * sorted array of byte strings with an undo log for rollback. A POS vendor's own database
 * takes its place; this one shows the contract (docs/storage-callbacks.md) and serves the
 * tests, which can make it fail its k-th callback. */
#ifndef TALLY_EXAMPLE_C_STORE_H
#define TALLY_EXAMPLE_C_STORE_H

#include <stddef.h>

#include "tally.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct { unsigned char *data; size_t len; } bytes;
typedef struct { bytes key, value; } entry;
typedef struct { bytes key; int had; bytes value; } undo;
typedef struct {
  entry *rows; size_t count, cap;
  undo *log; size_t logged, logcap;
  int open, writable, destroyed;
  /* for tests: fail the fail_at-th callback (counted in calls) with fail_with, and the
   * fail_times - 1 callbacks after it (0 or 1: that one only) */
  long calls, fail_at; int fail_with; long fail_times;
} store;

/* The callbacks over `s` (zero-initialise it first); destroy counts into s->destroyed. */
tally_store_callbacks c_store_callbacks(store *s);
/* Every key and value as "key=value\n" lines (malloc'ed; free it). */
char *c_store_dump(store *s);
/* Frees everything the store holds. */
void c_store_release(store *s);

#ifdef __cplusplus
}
#endif

#endif
