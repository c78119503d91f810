/* SPDX-License-Identifier: Apache-2.0 */
/* Tally: the C ABI of libtally. Pure C; every function returns a status code. */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "tally_store.h"   /* the host storage callbacks */
#include "tally_version.h" /* TALLY_VERSION_MAJOR, _MINOR, _PATCH, _STRING, _NUMBER */

#if defined(_WIN32)
#define TALLY_EXPORT
#else
#define TALLY_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes: stable numbers, never renumbered or reused. The one table of them, with
 * each one's meaning: include/tally/status_codes.def (docs/c-api.md lists it). */
typedef enum tally_status {
  TALLY_OK = 0,
  TALLY_E_INVALID_ARGUMENT = 1,
  TALLY_E_MALFORMED_JSON = 2,
  TALLY_E_INVALID_CATALOG = 3,
  TALLY_E_UNKNOWN_UPC = 4,
  TALLY_E_UNKNOWN_CUSTOMER = 5,
  TALLY_E_UNKNOWN_PROGRAM = 6,
  TALLY_E_UNKNOWN_LOCATION = 7,
  TALLY_E_UNKNOWN_DISTRIBUTOR = 8,
  TALLY_E_DISTRIBUTOR_NOT_SERVING = 9,
  TALLY_E_INVALID_QUANTITY = 10,
  TALLY_E_INVALID_PRICE = 11,
  TALLY_E_RECEIPT_CONFLICT = 12,
  TALLY_E_STORAGE_FAILED = 13,
  TALLY_E_STORAGE_BUSY = 14,
  TALLY_E_NOT_FOUND = 15,
  TALLY_E_NOT_ENROLLED = 16,
  TALLY_E_REWARD_NOT_AVAILABLE = 17,
  TALLY_E_ITEM_NOT_ALLOWED = 18,
  TALLY_E_REASON_REQUIRED = 19,
  TALLY_E_CUSTOMER_DATA_MISSING = 20,
  TALLY_E_INVALID_STATE = 21,
  TALLY_E_WRONG_ACTOR = 22,
  TALLY_E_LIMIT_REACHED = 23,
  TALLY_E_STORAGE_CORRUPT = 24,
  TALLY_E_UNSUPPORTED = 25,
  TALLY_E_ACCOUNT_NUMBER_REQUIRED = 26,
  TALLY_E_UNKNOWN_MANUFACTURER = 27,
  TALLY_E_NOT_ELIGIBLE = 28,
  TALLY_E_ENROLLMENT_PENDING = 29,
  TALLY_E_ENROLLMENT_DENIED = 30,
  TALLY_E_INTERNAL = 99
} tally_status;

/* ------------------------------------------------------------------------------------
 * Conventions
 *  - Every function that can fail returns a tally_status (int32_t); TALLY_OK is 0.
 *  - On failure the message (naming the field at fault, e.g. "lines[0].upc: ...") is
 *    readable with tally_last_error() on the calling thread, and with
 *    tally_engine_last_error() on the engine handle involved.
 *  - Strings are UTF-8. Ids are NUL-terminated; JSON documents are passed as a pointer and
 *    a length (the text need not be NUL-terminated). Money is int64_t cents. Times are
 *    int64_t Unix seconds (UTC).
 *  - Every char** out parameter receives a NUL-terminated JSON document that the library
 *    allocated: release it with tally_free(). On failure it is set to NULL.
 *  - Handles are opaque. An engine may be used from several threads; a checkout belongs to
 *    one thread at a time.
 * ---------------------------------------------------------------------------------- */

typedef struct tally_engine tally_engine;
typedef struct tally_checkout tally_checkout;

/* The library's version at run time, e.g. "0.2.0", and as a number like TALLY_VERSION_NUMBER. */
TALLY_EXPORT const char *tally_version(void);
TALLY_EXPORT int32_t tally_version_number(void);
/* A status code's short name, e.g. "unknown_upc"; static storage, never freed. */
TALLY_EXPORT const char *tally_status_name(int32_t status);
/* The message of the last failure on this thread ("" if none); valid until the next call
 * into the library on this thread. */
TALLY_EXPORT const char *tally_last_error(void);
/* The message of the last failure on this engine ("" if none), copied for the calling
 * thread: valid until this thread's next call of tally_engine_last_error(), and never torn
 * by another thread failing on the same engine. When several threads share an engine the
 * message may be another thread's; tally_last_error() is always the calling thread's own. */
TALLY_EXPORT const char *tally_engine_last_error(const tally_engine *engine);
/* Releases anything the library returned through an out parameter. NULL is fine. */
TALLY_EXPORT void tally_free(void *memory);

/* ------------------------------------------------------------------------------------
 * Engines. options_json may be NULL or a document such as
 *   {"account": "store-42", "synchronous": "full", "busy_timeout_ms": 5000, "busy_retries": 20}
 * ("synchronous" and "busy_timeout_ms" apply to SQLite only).
 * ---------------------------------------------------------------------------------- */

/* The embedded SQLite store: a file path, or ":memory:". */
TALLY_EXPORT int32_t tally_engine_open_sqlite(const char *path, const char *options_json,
                                              tally_engine **out_engine);
/* The central store (docs/postgresql.md): a PostgreSQL (or PostgreSQL-wire) database
 * through libpq, shared by many tills and many retailers (each engine's "account" keeps
 * its records apart). conninfo in libpq's forms:
 * "postgresql://user@host:5432/db" or "host=... dbname=...". Fails with invalid_argument
 * for a connection string libpq cannot read, storage_failed when the server cannot be
 * reached, unsupported for tables of another format. */
TALLY_EXPORT int32_t tally_engine_open_postgres(const char *conninfo, const char *options_json,
                                                tally_engine **out_engine);
/* A store in process memory, gone when the engine closes. */
TALLY_EXPORT int32_t tally_engine_open_memory(const char *options_json, tally_engine **out_engine);
/* The host's own store. The struct is copied; `user` must stay valid until destroy is
 * called (or, without destroy, until tally_engine_close returns). */
TALLY_EXPORT int32_t tally_engine_open_store(const tally_store_callbacks *callbacks,
                                             const char *options_json, tally_engine **out_engine);
/* Closes the engine (NULL is fine). Checkouts opened on it must be freed first. */
TALLY_EXPORT void tally_engine_close(tally_engine *engine);

/* ------------------------------------------------------------------------------------
 * Catalog, locations, enrollments, customers. Documents as in docs/catalog.md and
 * docs/c-api.md; `at` is the time of the change, for the journal.
 * ---------------------------------------------------------------------------------- */

/* out_summary: {"manufacturers": n, "distributors": n, "products": n, "programs": n} */
TALLY_EXPORT int32_t tally_load_catalog(tally_engine *engine, const char *json, size_t json_len,
                                        int64_t at, char **out_summary);
TALLY_EXPORT int32_t tally_catalog(tally_engine *engine, char **out_json);
TALLY_EXPORT int32_t tally_save_location(tally_engine *engine, const char *json, size_t json_len,
                                         int64_t at);
TALLY_EXPORT int32_t tally_location(tally_engine *engine, const char *location_id, char **out_json);
TALLY_EXPORT int32_t tally_locations(tally_engine *engine, char **out_json);
/* out_json: {"enrollment": {...}, "released_lines": n} */
TALLY_EXPORT int32_t tally_enroll(tally_engine *engine, const char *json, size_t json_len,
                                  int64_t at, char **out_json);
TALLY_EXPORT int32_t tally_enrollments(tally_engine *engine, const char *location_id,
                                       char **out_json);
/* out_json: the stored customer, with its id when the engine generated it. */
TALLY_EXPORT int32_t tally_save_customer(tally_engine *engine, const char *json, size_t json_len,
                                         int64_t at, char **out_json);
TALLY_EXPORT int32_t tally_customer(tally_engine *engine, const char *customer_id, char **out_json);

/* ------------------------------------------------------------------------------------
 * Checkout: one visit at the till. Nothing is stored until tally_checkout_finish.
 * ---------------------------------------------------------------------------------- */

/* Pass as unit_price_cents (here and in tally_checkout_redeem_offer and
 * tally_undo_redemption) to use the last shelf price the store saw for the item. */
#define TALLY_PRICE_LAST_KNOWN INT64_MIN

TALLY_EXPORT int32_t tally_checkout_open(tally_engine *engine, const char *location_id,
                                         const char *customer_id, const char *receipt_id,
                                         int64_t at, tally_checkout **out_checkout);
/* The typed fast path: out_punches (may be NULL) receives how many punches the line made. */
TALLY_EXPORT int32_t tally_checkout_add_line(tally_checkout *checkout, const char *upc,
                                             int32_t quantity, int64_t unit_price_cents,
                                             int32_t *out_punches);
/* A line as JSON (with an optional "exception"); out_punches: the punches it made. */
TALLY_EXPORT int32_t tally_checkout_add_line_json(tally_checkout *checkout, const char *json,
                                                  size_t json_len, char **out_punches);
TALLY_EXPORT int32_t tally_checkout_punches(tally_checkout *checkout, char **out_json);
/* Completed cards waiting for their reward, each with exactly the items it allows. */
TALLY_EXPORT int32_t tally_checkout_rewards(tally_checkout *checkout, char **out_json);
TALLY_EXPORT int32_t tally_checkout_redeem(tally_checkout *checkout, const char *program_id,
                                           const char *card_id, const char *upc,
                                           int64_t unit_price_cents, int32_t *out_index);
TALLY_EXPORT int32_t tally_checkout_redeem_later(tally_checkout *checkout, const char *program_id,
                                                 const char *card_id);
TALLY_EXPORT int32_t tally_checkout_undo_redemption(tally_checkout *checkout, int32_t index);
TALLY_EXPORT int32_t tally_checkout_set_multi_punch_reason(tally_checkout *checkout,
                                                           const char *reason);
/* Stores the visit in one transaction. A receipt finished before returns its first result
 * ("replayed": true) and changes nothing; different content is TALLY_E_RECEIPT_CONFLICT. */
TALLY_EXPORT int32_t tally_checkout_finish(tally_checkout *checkout, char **out_result);
TALLY_EXPORT void tally_checkout_free(tally_checkout *checkout);
/* A whole visit as one JSON document (see docs/c-api.md). */
TALLY_EXPORT int32_t tally_run_checkout(tally_engine *engine, const char *json, size_t json_len,
                                        char **out_result);
TALLY_EXPORT int32_t tally_checkout_result(tally_engine *engine, const char *location_id,
                                           const char *receipt_id, char **out_json);

/* ------------------------------------------------------------------------------------
 * Cards, rewards, credit lines, the journal.
 * ---------------------------------------------------------------------------------- */

TALLY_EXPORT int32_t tally_cards(tally_engine *engine, const char *customer_id,
                                 int32_t include_redeemed, char **out_json);
TALLY_EXPORT int32_t tally_rewards(tally_engine *engine, const char *customer_id,
                                   const char *location_id, char **out_json);
/* state and partner may be NULL or "" for all. */
TALLY_EXPORT int32_t tally_credit_lines(tally_engine *engine, const char *state,
                                        const char *partner, char **out_json);
TALLY_EXPORT int32_t tally_credit_line(tally_engine *engine, int64_t line_id, char **out_json);
/* Entries with seq > after_seq, oldest first, at most `limit`. */
TALLY_EXPORT int32_t tally_journal(tally_engine *engine, int64_t after_seq, uint32_t limit,
                                   char **out_json);

/* ------------------------------------------------------------------------------------
 * Offers, adoption bundles, private programs and auto-enrollment (docs/programs.md).
 * ---------------------------------------------------------------------------------- */

/* Every offer the location is enrolled in, as it stands for this basket. */
TALLY_EXPORT int32_t tally_checkout_offers(tally_checkout *checkout, char **out_json);
/* upc: the reward item of a free-good offer (ignored for rebates). */
TALLY_EXPORT int32_t tally_checkout_redeem_offer(tally_checkout *checkout, const char *offer_id,
                                                 const char *upc, int64_t unit_price_cents,
                                                 int32_t *out_index);
TALLY_EXPORT int32_t tally_checkout_decline_offer(tally_checkout *checkout, const char *offer_id);
/* {"species", "adoption_date", "source", "bonded_pair", "upcs": [...], "unit_prices": [cents or null, ...]} */
TALLY_EXPORT int32_t tally_checkout_redeem_adoption(tally_checkout *checkout, const char *json,
                                                    size_t json_len);
/* out_json: {"eligible", "reason", "next_eligible"} */
TALLY_EXPORT int32_t tally_adoption_eligibility(tally_engine *engine, const char *customer_id,
                                                const char *location_id, const char *species,
                                                const char *adoption_date, const char *source,
                                                int64_t at, char **out_json);
/* The brand approves (approve != 0) or denies a pending enrollment in a private program. */
TALLY_EXPORT int32_t tally_review_enrollment(tally_engine *engine, const char *actor_json,
                                             const char *location_id, const char *program_id,
                                             int32_t approve, int64_t at, char **out_enrollment);
/* {"id", "locations": [...], "manufacturer", "distributor", "account_numbers": {loc: acct}} */
TALLY_EXPORT int32_t tally_add_auto_enrollment(tally_engine *engine, const char *json,
                                               size_t json_len, int64_t at, int32_t *out_enrolled);
TALLY_EXPORT int32_t tally_remove_auto_enrollment(tally_engine *engine, const char *rule_id,
                                                  int64_t at);
TALLY_EXPORT int32_t tally_auto_enrollments(tally_engine *engine, char **out_json);

/* ------------------------------------------------------------------------------------
 * Credit-line lifecycles (docs/lifecycles.md). actor_json names who acts:
 *   {"role": "retailer" | "distributor" | "manufacturer", "id": "..."}
 * A transition by the wrong actor is TALLY_E_WRONG_ACTOR, from the wrong state
 * TALLY_E_INVALID_STATE. Lists of ids are JSON arrays (NULL: none / all). A NULL name or
 * note is an empty one.
 * ---------------------------------------------------------------------------------- */

/* stream: "free_goods" (NULL) or "rebates"; locations_json: ["va", ...] or NULL for all. */
TALLY_EXPORT int32_t tally_pull_batch(tally_engine *engine, const char *actor_json, const char *name,
                                      const char *locations_json, const char *stream, int64_t at,
                                      char **out_batch);
TALLY_EXPORT int32_t tally_unbatch_line(tally_engine *engine, const char *actor_json,
                                        int64_t line_id, int64_t at, char **out_line);
TALLY_EXPORT int32_t tally_unbatch(tally_engine *engine, const char *actor_json, int64_t batch_id,
                                   int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_decline_line(tally_engine *engine, const char *actor_json,
                                        int64_t line_id, const char *reason, const char *note,
                                        int64_t at, char **out_line);
/* memo_json: {"number": "...", "amount": cents, "note": "..."} */
TALLY_EXPORT int32_t tally_fulfill_batch(tally_engine *engine, const char *actor_json,
                                         int64_t batch_id, const char *memo_json, int64_t at,
                                         char **out_batch);
/* batch_ids_json: [1, 2] or NULL for every fulfilled batch of the distributor. */
TALLY_EXPORT int32_t tally_claim_credit(tally_engine *engine, const char *actor_json,
                                        const char *manufacturer_id, const char *batch_ids_json,
                                        const char *name, int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_pay_credit_batch(tally_engine *engine, const char *actor_json,
                                            int64_t batch_id, int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_reassign_to_holding(tally_engine *engine, const char *actor_json,
                                               const char *location_id, const char *program_id,
                                               int64_t at, int32_t *out_held_lines);
TALLY_EXPORT int32_t tally_reconcile_line(tally_engine *engine, const char *actor_json,
                                          int64_t line_id, int64_t at, char **out_line);
TALLY_EXPORT int32_t tally_reconcile_batch(tally_engine *engine, const char *actor_json,
                                           int64_t batch_id, int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_fix_account_number(tally_engine *engine, const char *actor_json,
                                              const char *location_id, const char *program_id,
                                              const char *account_number, int64_t at,
                                              char **out_enrollment);
TALLY_EXPORT int32_t tally_resubmit_line(tally_engine *engine, const char *actor_json,
                                         int64_t line_id, const char *note, int64_t at,
                                         char **out_line);
TALLY_EXPORT int32_t tally_create_retailer_batch(tally_engine *engine, const char *actor_json,
                                                 const char *name, const char *locations_json,
                                                 int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_submit_retailer_batch(tally_engine *engine, const char *actor_json,
                                                 int64_t batch_id, int64_t at, char **out_batch);
TALLY_EXPORT int32_t tally_complete_retailer_batch(tally_engine *engine, const char *actor_json,
                                                   int64_t batch_id, int64_t at, char **out_batch);
/* cadence: "weekly", "biweekly", "monthly" or "manual"; anchor_date: YYYY-MM-DD. */
TALLY_EXPORT int32_t tally_set_cadence(tally_engine *engine, const char *location_id,
                                       const char *cadence, const char *anchor_date, int64_t at);
TALLY_EXPORT int32_t tally_batches_due(tally_engine *engine, const char *date, char **out_json);
TALLY_EXPORT int32_t tally_batch(tally_engine *engine, int64_t batch_id, char **out_json);
/* partner: NULL or "" for every batch. */
TALLY_EXPORT int32_t tally_batches(tally_engine *engine, const char *partner, char **out_json);

/* ------------------------------------------------------------------------------------
 * Corrections after finishing (docs/corrections.md).
 * ---------------------------------------------------------------------------------- */

/* upc NULL or "": remove only; otherwise remove and reselect that item. reverse != 0 asks
 * for a reversal line when the credit line was already credited. */
TALLY_EXPORT int32_t tally_undo_redemption(tally_engine *engine, const char *actor_json,
                                           int64_t redemption_id, const char *upc,
                                           int64_t unit_price_cents, int32_t reverse, int64_t at,
                                           char **out_redemption);
/* {"location", "receipt", "line", "quantity", "return_id", "at"} */
TALLY_EXPORT int32_t tally_return_items(tally_engine *engine, const char *json, size_t json_len,
                                        char **out_result);
/* out_cards: [the card kept, the new card] */
TALLY_EXPORT int32_t tally_split_card(tally_engine *engine, const char *customer_id,
                                      int64_t card_number, const int32_t *punch_indexes,
                                      size_t count, int64_t at, char **out_cards);
TALLY_EXPORT int32_t tally_merge_customers(tally_engine *engine, const char *survivor_id,
                                           const char *duplicate_id, int64_t at,
                                           char **out_customer);

/* ------------------------------------------------------------------------------------
 * Reports (docs/reports.md) and the Command Center (docs/command-center.md).
 * ---------------------------------------------------------------------------------- */

/* kind: free_goods_credit_status, rebate_credit_status, retailer_credit_batches,
 * redemptions_by_date, participation, transactions. out_report is JSON, or CSV when the
 * query says "format": "csv". */
TALLY_EXPORT int32_t tally_report(tally_engine *engine, const char *kind, const char *query_json,
                                  size_t query_len, int64_t at, char **out_report);
TALLY_EXPORT int32_t tally_command_center(tally_engine *engine, const char *location_id,
                                          int64_t at, char **out_json);
/* flag NULL or "": cleared. */
TALLY_EXPORT int32_t tally_set_billing_flag(tally_engine *engine, const char *location_id,
                                            const char *flag, int64_t at);

#ifdef __cplusplus
}
#endif

#endif /* TALLY_H */
