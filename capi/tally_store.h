/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file tally_store.h
 * @brief Tally: the host storage callbacks, for hosts that keep Tally's records in their own
 * database (docs/storage-callbacks.md).
 *
 * Pure C. tally.h includes this header; a storage adapter may include it alone.
 * tally_engine_open_store() in tally.h takes the struct.
 */
#ifndef TALLY_STORE_H
#define TALLY_STORE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------------------
 * Host storage callbacks: an ordered key-value store with transactions.
 * Keys and values are byte strings (they may contain NUL); keys compare as unsigned
 * bytes. The engine never nests transactions and never leaves one open when a call
 * returns. Every callback returns a tally_store_status.
 * ---------------------------------------------------------------------------------- */

/** What every storage callback returns. */
typedef enum tally_store_status {
  TALLY_STORE_OK = 0,        /**< Done. */
  TALLY_STORE_NOT_FOUND = 1, /**< get: no such key. */
  TALLY_STORE_BUSY = 2,      /**< Another writer holds the store: the engine reruns the operation. */
  TALLY_STORE_FAILED = 3     /**< Anything else: the engine rolls back and reports TALLY_E_STORAGE_FAILED. */
} tally_store_status;

/** The version of tally_store_callbacks this header describes; put it in `version`. */
#define TALLY_STORE_CALLBACKS_VERSION 1

/** get: hand the value to the engine by calling sink once; the engine copies it before
 *  sink returns, so the host's buffer only has to live for that call.
 *  @param sink_context the context get() was given.
 *  @param value,value_len the value's bytes. */
typedef void (*tally_store_sink_fn)(void *sink_context, const uint8_t *value, size_t value_len);
/** scan: called for each key in order; key and value are copied by the engine before it
 *  returns.
 *  @param visit_context the context scan() was given.
 *  @param key,key_len the key's bytes.
 *  @param value,value_len the value's bytes.
 *  @return 0 to go on, non-zero to stop the scan. */
typedef int32_t (*tally_store_visit_fn)(void *visit_context, const uint8_t *key, size_t key_len,
                                        const uint8_t *value, size_t value_len);

/** The host's store: an ordered key-value store with transactions, as function pointers.
 *  Start from TALLY_STORE_CALLBACKS_INIT and fill in the functions; each returns a
 *  tally_store_status and receives `user` first. */
typedef struct tally_store_callbacks {
  uint32_t struct_size; /**< sizeof(tally_store_callbacks) as the host was compiled. */
  uint32_t version;     /**< TALLY_STORE_CALLBACKS_VERSION. */
  void *user;           /**< Passed back to every callback. */
  /** Starts a transaction; write: 1 for a write transaction, 0 read. */
  int32_t (*begin)(void *user, int32_t write);
  /** Commits the open transaction. */
  int32_t (*commit)(void *user);
  /** Rolls the open transaction back. */
  int32_t (*rollback)(void *user);
  /** Reads one key: calls sink with its value, or returns TALLY_STORE_NOT_FOUND. */
  int32_t (*get)(void *user, const uint8_t *key, size_t key_len, tally_store_sink_fn sink,
                 void *sink_context);
  /** Writes one key (inserted or replaced). */
  int32_t (*put)(void *user, const uint8_t *key, size_t key_len, const uint8_t *value,
                 size_t value_len);
  /** Deletes one key; a missing key is TALLY_STORE_OK. */
  int32_t (*remove)(void *user, const uint8_t *key, size_t key_len);
  /** Calls visit for every key k with first <= k < last in ascending order; last_len 0: no
   *  upper bound. */
  int32_t (*scan)(void *user, const uint8_t *first, size_t first_len, const uint8_t *last,
                  size_t last_len, tally_store_visit_fn visit, void *visit_context);
  /** Optional (may be NULL): called once when the engine is closed. */
  void (*destroy)(void *user);
  /** Optional (may be NULL): why the last callback failed; the engine copies the text. */
  const char *(*last_error)(void *user);
} tally_store_callbacks;

/** A tally_store_callbacks with its size and version set and every other field zero. */
#define TALLY_STORE_CALLBACKS_INIT \
  { sizeof(tally_store_callbacks), TALLY_STORE_CALLBACKS_VERSION, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }

#ifdef __cplusplus
}
#endif

#endif /* TALLY_STORE_H */
