/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file tally.h
 * @brief Tally: the C ABI of libtally. Pure C; every function returns a status code.
 *
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
 *
 * The JSON documents each function takes and returns are described in docs/c-api.md.
 */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "tally_store.h"   /* the host storage callbacks */
#include "tally_version.h" /* TALLY_VERSION_MAJOR, _MINOR, _PATCH, _STRING, _NUMBER */

#if defined(_WIN32) && defined(TALLY_BUILDING_DLL)
/** Marks the functions libtally exports (every function of this header). */
#define TALLY_EXPORT __declspec(dllexport)
#elif defined(_WIN32) && !defined(TALLY_STATIC)
/** Marks the functions libtally exports: imported from tally.dll (define TALLY_STATIC to link a static libtally). */
#define TALLY_EXPORT __declspec(dllimport)
#elif defined(_WIN32)
/** Marks the functions libtally exports (every function of this header). */
#define TALLY_EXPORT
#else
/** Marks the functions libtally exports (every function of this header). */
#define TALLY_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Status codes: stable numbers, never renumbered or reused. The one table of them, with
 * each one's meaning: include/tally/status_codes.def (docs/c-api.md lists it).
 */
typedef enum tally_status {
  TALLY_OK = 0, /**< Success. */
  TALLY_E_INVALID_ARGUMENT = 1, /**< A field out of range or of the wrong form. */
  TALLY_E_MALFORMED_JSON = 2, /**< Not JSON, or not of the expected shape. */
  TALLY_E_INVALID_CATALOG = 3, /**< A catalog document failed validation (nothing was stored). */
  TALLY_E_UNKNOWN_UPC = 4, /**< No product in the catalog has this UPC. */
  TALLY_E_UNKNOWN_CUSTOMER = 5, /**< No customer has this id. */
  TALLY_E_UNKNOWN_PROGRAM = 6, /**< No program in the catalog has this id. */
  TALLY_E_UNKNOWN_LOCATION = 7, /**< No location has this id. */
  TALLY_E_UNKNOWN_DISTRIBUTOR = 8, /**< No distributor in the catalog has this id. */
  TALLY_E_DISTRIBUTOR_NOT_SERVING = 9, /**< The distributor does not serve the location's state, or the brand. */
  TALLY_E_INVALID_QUANTITY = 10, /**< A quantity out of range. */
  TALLY_E_INVALID_PRICE = 11, /**< A price out of range, or no price where one is needed. */
  TALLY_E_RECEIPT_CONFLICT = 12, /**< The receipt (or return id) was finished before with other content. */
  TALLY_E_STORAGE_FAILED = 13, /**< The store reported a failure; nothing was written. */
  TALLY_E_STORAGE_BUSY = 14, /**< The store stayed busy through every retry. */
  TALLY_E_NOT_FOUND = 15, /**< A record asked for by id does not exist. */
  TALLY_E_NOT_ENROLLED = 16, /**< The location is not enrolled in the program. */
  TALLY_E_REWARD_NOT_AVAILABLE = 17, /**< No completed card (or earned offer reward) to redeem. */
  TALLY_E_ITEM_NOT_ALLOWED = 18, /**< The free item is not one the rule allows. */
  TALLY_E_REASON_REQUIRED = 19, /**< Multi-punch or exception without a reason. */
  TALLY_E_CUSTOMER_DATA_MISSING = 20, /**< The program needs customer data that is absent. */
  TALLY_E_INVALID_STATE = 21, /**< The operation does not fit the object's state. */
  TALLY_E_WRONG_ACTOR = 22, /**< The transition is not this actor's. */
  TALLY_E_LIMIT_REACHED = 23, /**< An offer limit would be exceeded. */
  TALLY_E_STORAGE_CORRUPT = 24, /**< A stored record could not be read back. */
  TALLY_E_UNSUPPORTED = 25, /**< A storage format or feature this build does not know. */
  TALLY_E_ACCOUNT_NUMBER_REQUIRED = 26, /**< The enrollment needs the distributor's account number. */
  TALLY_E_UNKNOWN_MANUFACTURER = 27, /**< No manufacturer in the catalog has this id. */
  TALLY_E_NOT_ELIGIBLE = 28, /**< Adoption rules refuse the bundle. */
  TALLY_E_ENROLLMENT_PENDING = 29, /**< A private program's enrollment awaits the brand. */
  TALLY_E_ENROLLMENT_DENIED = 30, /**< The brand denied the store; it cannot re-apply. */
  TALLY_E_INSUFFICIENT_POINTS = 31, /**< The customer's points cannot pay for the reward. */
  TALLY_E_PASS_USED_UP = 32, /**< The customer has no uses left on a prepaid pass. */
  TALLY_E_COUPON_USED = 33, /**< The coupon was redeemed before. */
  TALLY_E_COUPON_EXPIRED = 34, /**< The coupon is outside its period. */
  TALLY_E_COUPON_NOT_APPLICABLE = 35, /**< The coupon is not for this customer, store or basket. */
  TALLY_E_NOT_ENGAGED = 36, /**< The customer has not engaged with the brand. */
  TALLY_E_VOUCHER_USED = 37, /**< The manufacturer's voucher was redeemed already. */
  TALLY_E_VOUCHER_EXPIRED = 38, /**< The manufacturer's voucher is past its expiry date. */
  TALLY_E_WRONG_LOCATION = 39, /**< The record belongs to another location of the account. */
  TALLY_E_INTERNAL = 99 /**< A bug; the operation did not happen. */
} tally_status;

/** An engine: the loyalty programs of one retailer account over one store. Opaque. */
typedef struct tally_engine tally_engine;
/** One visit at the till, open until finished or freed. Opaque. */
typedef struct tally_checkout tally_checkout;

/* ------------------------------------------------------------------------------------
 * Limits on every input (docs/c-api.md, "Limits"): a larger input is refused with a code
 * before a byte of it is read. A host sizes its buffers and checks by them.
 * ---------------------------------------------------------------------------------- */

/** Bytes of a catalog document (tally_load_catalog). */
#define TALLY_LIMIT_CATALOG_BYTES 33554432u
/** Bytes of a bulk finish's array of visits (tally_run_checkouts). */
#define TALLY_LIMIT_CHECKOUT_BATCH_BYTES 16777216u
/** Bytes of every other document: a visit, a line, a query, an actor, the options... */
#define TALLY_LIMIT_DOCUMENT_BYTES 1048576u
/** Levels of arrays and objects nested in one document. */
#define TALLY_LIMIT_DEPTH 64
/** Bytes of an id: location, customer, program, card, offer, partner, account number... */
#define TALLY_LIMIT_ID_BYTES 64u
/** Bytes of a receipt id or a return id. */
#define TALLY_LIMIT_RECEIPT_ID_BYTES 128u
/** Bytes of a name or short field: names, descriptions, emails, phones, UPCs, dates. */
#define TALLY_LIMIT_NAME_BYTES 200u
/** Bytes of free text: notes, reasons, mailing addresses. */
#define TALLY_LIMIT_TEXT_BYTES 1000u
/** Sale lines in one visit. */
#define TALLY_LIMIT_LINES 1000u
/** Units of one sale line or one return. */
#define TALLY_LIMIT_QUANTITY 10000
/** Cents of one unit price (one million dollars). */
#define TALLY_LIMIT_PRICE_CENTS 100000000

/* ------------------------------------------------------------------------------------
 * Library: versions, status names, error messages, freeing what the library returned.
 * ---------------------------------------------------------------------------------- */

/** The library's version at run time.
 *  @return the version text, e.g. "0.2.0"; static storage, never freed. */
TALLY_EXPORT const char *tally_version(void);
/** The library's version at run time as a number like TALLY_VERSION_NUMBER.
 *  @return MAJOR * 10000 + MINOR * 100 + PATCH. */
TALLY_EXPORT int32_t tally_version_number(void);
/** A status code's short name.
 *  @param status a tally_status code.
 *  @return the name, e.g. "unknown_upc" ("unknown" for a number that is no tally_status);
 *          static storage, never freed. */
TALLY_EXPORT const char *tally_status_name(int32_t status);
/** The message of the last failure on this thread.
 *  @return the message ("" if none); valid until the next call into the library on this
 *          thread. */
TALLY_EXPORT const char *tally_last_error(void);
/** The message of the last failure on this engine ("" if none), copied for the calling
 *  thread: valid until this thread's next call of tally_engine_last_error(), and never torn
 *  by another thread failing on the same engine. When several threads share an engine the
 *  message may be another thread's; tally_last_error() is always the calling thread's own.
 *  @param engine the engine asked about.
 *  @return the message ("" if none). */
TALLY_EXPORT const char *tally_engine_last_error(const tally_engine *engine);
/** Releases anything the library returned through an out parameter. NULL is fine.
 *  @param memory a document the library returned, or NULL. */
TALLY_EXPORT void tally_free(void *memory);

/* ------------------------------------------------------------------------------------
 * Engines. options_json may be NULL or a document such as
 *   {"account": "store-42", "synchronous": "full", "busy_timeout_ms": 5000, "busy_retries": 20}
 * ("synchronous" and "busy_timeout_ms" apply to SQLite only).
 * ---------------------------------------------------------------------------------- */

/** Opens an engine on the embedded SQLite store.
 *  @param path a file path, or ":memory:".
 *  @param options_json NULL, or {"account", "synchronous": "off" | "normal" | "full" |
 *         "extra", "busy_timeout_ms", "busy_retries"} (NUL-terminated).
 *  @param out_engine receives the engine; close it with tally_engine_close().
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_engine_open_sqlite(const char *path, const char *options_json,
                                              tally_engine **out_engine);
/** Opens an engine on the central store (docs/postgresql.md): a PostgreSQL (or
 *  PostgreSQL-wire) database through libpq, shared by many tills and many retailers (each
 *  engine's "account" keeps its records apart). Fails with invalid_argument for a
 *  connection string libpq cannot read, storage_failed when the server cannot be reached,
 *  unsupported for tables of another format.
 *  @param conninfo in libpq's forms: "postgresql://user@host:5432/db" or "host=... dbname=...".
 *  @param options_json NULL, or {"account", "busy_retries"} (NUL-terminated; the SQLite
 *         options are accepted and have no effect).
 *  @param out_engine receives the engine; close it with tally_engine_close().
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_engine_open_postgres(const char *conninfo, const char *options_json,
                                                tally_engine **out_engine);
/** Opens an engine on a store in process memory, gone when the engine closes.
 *  @param options_json NULL, or {"account", "busy_retries"} (NUL-terminated; the SQLite
 *         options are accepted and have no effect).
 *  @param out_engine receives the engine; close it with tally_engine_close().
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_engine_open_memory(const char *options_json, tally_engine **out_engine);
/** Opens an engine on the host's own store (tally_store.h, docs/storage-callbacks.md).
 *  @param callbacks the host's storage callbacks. The struct is copied; `user` must stay
 *         valid until destroy is called (or, without destroy, until tally_engine_close returns).
 *  @param options_json NULL, or {"account", "busy_retries"} (NUL-terminated; the SQLite
 *         options are accepted and have no effect).
 *  @param out_engine receives the engine; close it with tally_engine_close().
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_engine_open_store(const tally_store_callbacks *callbacks,
                                             const char *options_json, tally_engine **out_engine);
/** Closes the engine (calls the host store's destroy). Checkouts opened on it must be
 *  freed first.
 *  @param engine the engine to close, or NULL. */
TALLY_EXPORT void tally_engine_close(tally_engine *engine);

/* ------------------------------------------------------------------------------------
 * Catalog, locations, enrollments, customers. Documents as in docs/catalog.md and
 * docs/c-api.md; `at` is the time of the change, for the journal.
 * ---------------------------------------------------------------------------------- */

/** Loads the catalog document (docs/catalog.md): adds or replaces its manufacturers,
 *  distributors, products and programs; all or nothing.
 *  @param engine the engine.
 *  @param json,json_len the catalog document.
 *  @param at when the change happens (Unix seconds).
 *  @param out_summary receives {"manufacturers": n, "distributors": n, "products": n,
 *         "programs": n}: the counts after the load.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_load_catalog(tally_engine *engine, const char *json, size_t json_len,
                                        int64_t at, char **out_summary);
/** The stored catalog as one document.
 *  @param engine the engine.
 *  @param out_json receives the catalog.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_catalog(tally_engine *engine, char **out_json);
/** Adds or replaces a store location.
 *  @param engine the engine.
 *  @param json,json_len {"id", "name", "state", "time_zone", "master"}.
 *  @param at when the change happens.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_save_location(tally_engine *engine, const char *json, size_t json_len,
                                         int64_t at);
/** One location.
 *  @param engine the engine.
 *  @param location_id the location's id.
 *  @param out_json receives the location.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_location(tally_engine *engine, const char *location_id, char **out_json);
/** Every location, as a JSON array.
 *  @param engine the engine.
 *  @param out_json receives the array.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_locations(tally_engine *engine, char **out_json);
/** Enrolls a location in a program, or changes its distributor; held lines move when a
 *  distributor is picked.
 *  @param engine the engine.
 *  @param json,json_len {"location", "program", "distributor", "account_number"}.
 *  @param at when the change happens.
 *  @param out_json receives {"enrollment": {...}, "released_lines": n}.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_enroll(tally_engine *engine, const char *json, size_t json_len,
                                  int64_t at, char **out_json);
/** A location's enrollments, as a JSON array.
 *  @param engine the engine.
 *  @param location_id the location's id.
 *  @param out_json receives the array.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_enrollments(tally_engine *engine, const char *location_id,
                                       char **out_json);
/** Adds or replaces a customer.
 *  @param engine the engine.
 *  @param json,json_len the customer; an empty or missing id has
 *         the engine generate one.
 *  @param at when the change happens.
 *  @param out_json receives the stored customer, with its id when the engine generated it.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_save_customer(tally_engine *engine, const char *json, size_t json_len,
                                         int64_t at, char **out_json);
/** One customer.
 *  @param engine the engine.
 *  @param customer_id the customer's id.
 *  @param out_json receives the customer.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_customer(tally_engine *engine, const char *customer_id, char **out_json);

/* ------------------------------------------------------------------------------------
 * Checkout: one visit at the till. Nothing is stored until tally_checkout_finish.
 * ---------------------------------------------------------------------------------- */

/** Pass as unit_price_cents (in tally_checkout_redeem, tally_checkout_redeem_offer and
 *  tally_undo_redemption) to use the last shelf price the store saw for the item; a free
 *  item the store has never sold needs its price (TALLY_E_INVALID_PRICE otherwise). */
#define TALLY_PRICE_LAST_KNOWN INT64_MIN

/** Opens a visit at the till; nothing is stored until tally_checkout_finish().
 *  @param engine the engine.
 *  @param location_id the store where the visit happens.
 *  @param customer_id the customer at the till.
 *  @param receipt_id the POS's receipt id: (location, receipt) keys the finished visit, so a
 *         retry never punches or redeems twice.
 *  @param at when the visit happens.
 *  @param out_checkout receives the checkout; release it with tally_checkout_free().
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_open(tally_engine *engine, const char *location_id,
                                         const char *customer_id, const char *receipt_id,
                                         int64_t at, tally_checkout **out_checkout);
/** Rings up a sale line: the typed fast path.
 *  @param checkout the open visit.
 *  @param upc the item's UPC.
 *  @param quantity how many were sold.
 *  @param unit_price_cents the shelf price of one, in cents.
 *  @param out_punches NULL, or receives how many punches the line made.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_add_line(tally_checkout *checkout, const char *upc,
                                             int32_t quantity, int64_t unit_price_cents,
                                             int32_t *out_punches);
/** Rings up a sale line given as JSON, with an optional "exception".
 *  @param checkout the open visit.
 *  @param json,json_len {"upc", "quantity", "unit_price", "exception": {"program", "card",
 *         "reason"}}.
 *  @param out_punches receives the punches the line made.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_add_line_json(tally_checkout *checkout, const char *json,
                                                  size_t json_len, char **out_punches);
/** Every punch the visit makes so far.
 *  @param checkout the open visit.
 *  @param out_json receives the punches.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_punches(tally_checkout *checkout, char **out_json);
/** Completed cards waiting for their reward, each with exactly the items it allows.
 *  @param checkout the open visit.
 *  @param out_json receives the rewards.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_rewards(tally_checkout *checkout, char **out_json);
/** Gives the customer an allowed free item for the oldest completed card of a card type.
 *  @param checkout the open visit.
 *  @param program_id the program.
 *  @param card_id the card type within the program.
 *  @param upc the free item chosen; it must be one the reward allows.
 *  @param unit_price_cents its shelf price, or TALLY_PRICE_LAST_KNOWN.
 *  @param out_index NULL, or receives the redemption's index in this visit (for
 *         tally_checkout_undo_redemption()).
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem(tally_checkout *checkout, const char *program_id,
                                           const char *card_id, const char *upc,
                                           int64_t unit_price_cents, int32_t *out_index);
/** The customer takes the reward later: it stays waiting on the completed card.
 *  @param checkout the open visit.
 *  @param program_id the program.
 *  @param card_id the card type within the program.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_later(tally_checkout *checkout, const char *program_id,
                                                 const char *card_id);
/** Undoes a redemption made in this visit.
 *  @param checkout the open visit.
 *  @param index the index tally_checkout_redeem() or tally_checkout_redeem_offer() gave.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_undo_redemption(tally_checkout *checkout, int32_t index);
/** Gives the reason one card gets several punches in this visit; needed before finishing.
 *  @param checkout the open visit.
 *  @param reason the cashier's reason, e.g. "converting a paper card".
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_set_multi_punch_reason(tally_checkout *checkout,
                                                           const char *reason);
/** Stores the visit in one transaction. A receipt finished before returns its first result
 *  ("replayed": true) and changes nothing; different content is TALLY_E_RECEIPT_CONFLICT.
 *  @param checkout the open visit (still to be freed afterwards).
 *  @param out_result receives the checkout result.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_finish(tally_checkout *checkout, char **out_result);
/** Releases a checkout, finished or not; an unfinished visit stores nothing.
 *  @param checkout the checkout, or NULL. */
TALLY_EXPORT void tally_checkout_free(tally_checkout *checkout);
/** Runs and finishes a whole visit given as one JSON document (see docs/c-api.md).
 *  @param engine the engine.
 *  @param json,json_len the checkout document.
 *  @param out_result receives the checkout result.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_run_checkout(tally_engine *engine, const char *json, size_t json_len,
                                        char **out_result);
/** Finishes many whole visits in order, as a bulk load (a store's history) does: one
 *  storage transaction for the call, whatever the mix of locations, not one per receipt.
 *  Each receipt is exactly-once as with tally_run_checkout(); a refused one is reported in
 *  its place and leaves no trace, and the others go on (docs/c-api.md, "Bulk finish").
 *  @param engine the engine.
 *  @param json,json_len a JSON array of checkout documents (at most 16 MiB).
 *  @param out_outcomes receives an array with one outcome per document, in order:
 *         {"status": 0, "name": "ok", "result": {...}} (the result's "replayed" is true for a
 *         receipt finished before) or {"status": N, "name": "...", "message": "..."}.
 *  @return TALLY_OK when every document has its outcome; otherwise the TALLY_E_* code of
 *          what stopped them all (malformed JSON, a storage failure): nothing is stored,
 *          and calling again with the same array is safe. */
TALLY_EXPORT int32_t tally_run_checkouts(tally_engine *engine, const char *json, size_t json_len,
                                         char **out_outcomes);
/** The stored result of a finished receipt.
 *  @param engine the engine.
 *  @param location_id the store of the receipt.
 *  @param receipt_id the POS's receipt id.
 *  @param out_json receives the checkout result.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_result(tally_engine *engine, const char *location_id,
                                           const char *receipt_id, char **out_json);
/** Uses the customer's prepaid pass of a card type: each use punches the oldest pass with
 *  uses left; a use beyond the uses left is TALLY_E_PASS_USED_UP and changes nothing
 *  (docs/programs.md, "Prepaid passes").
 *  @param checkout the open visit.
 *  @param program_id the custom program.
 *  @param card_id the pass's card type within the program.
 *  @param quantity the uses, 1 to 10000.
 *  @param out_index NULL, or receives the pass use's index in this visit.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_use_pass(tally_checkout *checkout, const char *program_id,
                                             const char *card_id, int32_t quantity, int32_t *out_index);

/* ------------------------------------------------------------------------------------
 * Cards, rewards, credit lines, the journal.
 * ---------------------------------------------------------------------------------- */

/** A customer's cards.
 *  @param engine the engine.
 *  @param customer_id the customer.
 *  @param include_redeemed 0: the open and completed cards; non-zero: the whole history.
 *  @param out_json receives the cards.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_cards(tally_engine *engine, const char *customer_id,
                                 int32_t include_redeemed, char **out_json);
/** A customer's completed cards waiting for their reward at a location.
 *  @param engine the engine.
 *  @param customer_id the customer.
 *  @param location_id the store.
 *  @param out_json receives the rewards.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_rewards(tally_engine *engine, const char *customer_id,
                                   const char *location_id, char **out_json);
/** Credit lines: what each partner owes the store.
 *  @param engine the engine.
 *  @param state NULL or "" for all, or a state such as "new" or "held".
 *  @param partner NULL or "" for all, or the id of the partner who pays the store back.
 *  @param out_json receives the lines.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_credit_lines(tally_engine *engine, const char *state,
                                        const char *partner, char **out_json);
/** One credit line, with its whole history.
 *  @param engine the engine.
 *  @param line_id the line's id.
 *  @param out_json receives the line.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_credit_line(tally_engine *engine, int64_t line_id, char **out_json);
/** Journal entries {"seq", "at", "kind", "document"} in seq order:
 *  the audit trail and the feed a central server follows. An answer stops at the
 *  horizon below which every entry is committed, so it may hold fewer than `limit`
 *  while more follow; an empty answer means there is nothing more yet.
 *  @param engine the engine.
 *  @param after_seq entries with seq > after_seq (0: from the start).
 *  @param limit at most this many entries.
 *  @param out_json receives the entries.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_journal(tally_engine *engine, int64_t after_seq, uint32_t limit,
                                   char **out_json);

/* ------------------------------------------------------------------------------------
 * Offers, adoption bundles, private programs and auto-enrollment (docs/programs.md).
 * ---------------------------------------------------------------------------------- */

/** Every offer the location is enrolled in, as it stands for this basket.
 *  @param checkout the open visit.
 *  @param out_json receives the offers.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_offers(tally_checkout *checkout, char **out_json);
/** Takes an offer's reward that the basket earned.
 *  @param checkout the open visit.
 *  @param offer_id the offer program's id.
 *  @param upc the reward item of a free-good offer (ignored for rebates; may be NULL there).
 *  @param unit_price_cents the item's shelf price, or TALLY_PRICE_LAST_KNOWN.
 *  @param out_index NULL, or receives the redemption's index in this visit.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_offer(tally_checkout *checkout, const char *offer_id,
                                                 const char *upc, int64_t unit_price_cents,
                                                 int32_t *out_index);
/** The customer declines an offer the basket qualifies for.
 *  @param checkout the open visit.
 *  @param offer_id the offer program's id.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_decline_offer(tally_checkout *checkout, const char *offer_id);
/** Gives an adoption bundle in this visit.
 *  @param checkout the open visit.
 *  @param json,json_len {"species", "adoption_date", "source", "bonded_pair", "upcs":
 *         [...], "unit_prices": [cents or null, ...]} (unit_prices
 *         optional).
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_adoption(tally_checkout *checkout, const char *json,
                                                    size_t json_len);
/** Whether a customer may have an adoption bundle.
 *  @param engine the engine.
 *  @param customer_id the adopting customer.
 *  @param location_id the store.
 *  @param species the adopted animal's species, e.g. "dog".
 *  @param adoption_date the adoption's date, YYYY-MM-DD.
 *  @param source where the animal came from: rescue, shelter, stray, rehomed or in_store.
 *  @param at the time of asking.
 *  @param out_json receives {"eligible", "reason", "next_eligible"}.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_adoption_eligibility(tally_engine *engine, const char *customer_id,
                                                const char *location_id, const char *species,
                                                const char *adoption_date, const char *source,
                                                int64_t at, char **out_json);
/** The brand approves or denies a pending enrollment in a private program.
 *  @param engine the engine.
 *  @param actor_json the brand: {"role": "manufacturer", "id": "..."}.
 *  @param location_id the store that applied.
 *  @param program_id the private program.
 *  @param approve non-zero to approve, 0 to deny (a denied store cannot re-apply).
 *  @param at when the review happens.
 *  @param out_enrollment receives the enrollment.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_review_enrollment(tally_engine *engine, const char *actor_json,
                                             const char *location_id, const char *program_id,
                                             int32_t approve, int64_t at, char **out_enrollment);
/** Adds an auto-enrollment rule: the locations join the brand's offers, with the distributor.
 *  @param engine the engine.
 *  @param json,json_len {"id", "locations": [...], "manufacturer", "distributor",
 *         "account_numbers": {loc: acct}}.
 *  @param at when the change happens.
 *  @param out_enrolled NULL, or receives how many enrollments the rule made now.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_add_auto_enrollment(tally_engine *engine, const char *json,
                                               size_t json_len, int64_t at, int32_t *out_enrolled);
/** Removes an auto-enrollment rule.
 *  @param engine the engine.
 *  @param rule_id the rule's id.
 *  @param at when the change happens.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_remove_auto_enrollment(tally_engine *engine, const char *rule_id,
                                                  int64_t at);
/** Every auto-enrollment rule, as a JSON array.
 *  @param engine the engine.
 *  @param out_json receives the rules.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_auto_enrollments(tally_engine *engine, char **out_json);

/* ------------------------------------------------------------------------------------
 * Credit-line lifecycles (docs/lifecycles.md). actor_json names who acts:
 *   {"role": "retailer" | "distributor" | "manufacturer", "id": "..."}
 * A transition by the wrong actor is TALLY_E_WRONG_ACTOR, from the wrong state
 * TALLY_E_INVALID_STATE. Lists of ids are JSON arrays (NULL: none / all). A NULL name or
 * note is an empty one.
 * ---------------------------------------------------------------------------------- */

/** The distributor (or the brand, for direct programs) pulls the new credit lines owed to
 *  it into a batch.
 *  @param engine the engine.
 *  @param actor_json who pulls: the distributor, or the manufacturer of direct programs.
 *  @param name the batch's name, e.g. "week 45", or NULL.
 *  @param locations_json ["va", ...], or NULL for every location.
 *  @param stream "free_goods" (or NULL) or "rebates".
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_pull_batch(tally_engine *engine, const char *actor_json, const char *name,
                                      const char *locations_json, const char *stream, int64_t at,
                                      char **out_batch);
/** Takes one line out of its batch.
 *  @param engine the engine.
 *  @param actor_json who acts.
 *  @param line_id the line.
 *  @param at when it happens.
 *  @param out_line receives the line.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_unbatch_line(tally_engine *engine, const char *actor_json,
                                        int64_t line_id, int64_t at, char **out_line);
/** Dissolves a batch: its lines are new again.
 *  @param engine the engine.
 *  @param actor_json who acts.
 *  @param batch_id the batch.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_unbatch(tally_engine *engine, const char *actor_json, int64_t batch_id,
                                   int64_t at, char **out_batch);
/** The partner declines a line it will not credit.
 *  @param engine the engine.
 *  @param actor_json who declines.
 *  @param line_id the line.
 *  @param reason why, e.g. "wrong_account_number".
 *  @param note a free-text note, or NULL.
 *  @param at when it happens.
 *  @param out_line receives the line.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_decline_line(tally_engine *engine, const char *actor_json,
                                        int64_t line_id, const char *reason, const char *note,
                                        int64_t at, char **out_line);
/** The distributor fulfills a batch: it credits the store with a credit memo.
 *  @param engine the engine.
 *  @param actor_json the distributor.
 *  @param batch_id the batch.
 *  @param memo_json {"number": "...", "amount": cents, "note": "..."}.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_fulfill_batch(tally_engine *engine, const char *actor_json,
                                         int64_t batch_id, const char *memo_json, int64_t at,
                                         char **out_batch);
/** The distributor claims from the manufacturer what it credited stores for.
 *  @param engine the engine.
 *  @param actor_json the distributor.
 *  @param manufacturer_id the manufacturer who pays the distributor back.
 *  @param batch_ids_json [1, 2], or NULL for every fulfilled batch of the distributor.
 *  @param name the credit batch's name, or NULL.
 *  @param at when it happens.
 *  @param out_batch receives the credit batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_claim_credit(tally_engine *engine, const char *actor_json,
                                        const char *manufacturer_id, const char *batch_ids_json,
                                        const char *name, int64_t at, char **out_batch);
/** The manufacturer pays a credit batch.
 *  @param engine the engine.
 *  @param actor_json the manufacturer.
 *  @param batch_id the credit batch.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_pay_credit_batch(tally_engine *engine, const char *actor_json,
                                            int64_t batch_id, int64_t at, char **out_batch);
/** Moves a location's lines of a program to Temporary Holding, until a distributor is picked.
 *  @param engine the engine.
 *  @param actor_json the enrollment's distributor.
 *  @param location_id the store.
 *  @param program_id the program.
 *  @param at when it happens.
 *  @param out_held_lines NULL, or receives how many lines are held.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_reassign_to_holding(tally_engine *engine, const char *actor_json,
                                               const char *location_id, const char *program_id,
                                               int64_t at, int32_t *out_held_lines);
/** The store reconciles one credited line.
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param line_id the line.
 *  @param at when it happens.
 *  @param out_line receives the line.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_reconcile_line(tally_engine *engine, const char *actor_json,
                                          int64_t line_id, int64_t at, char **out_line);
/** The store reconciles a whole batch.
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param batch_id the batch.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_reconcile_batch(tally_engine *engine, const char *actor_json,
                                           int64_t batch_id, int64_t at, char **out_batch);
/** Fixes the distributor account number of a location's enrollment.
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param location_id the store.
 *  @param program_id the program.
 *  @param account_number the store's account number with the distributor.
 *  @param at when it happens.
 *  @param out_enrollment receives the enrollment.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_fix_account_number(tally_engine *engine, const char *actor_json,
                                              const char *location_id, const char *program_id,
                                              const char *account_number, int64_t at,
                                              char **out_enrollment);
/** The store resubmits a declined line once fixed.
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param line_id the line.
 *  @param note a free-text note, or NULL.
 *  @param at when it happens.
 *  @param out_line receives the line.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_resubmit_line(tally_engine *engine, const char *actor_json,
                                         int64_t line_id, const char *note, int64_t at,
                                         char **out_line);
/** Creates a retailer batch: the store claims from the brand itself (retailer-fulfilled lines).
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param name the batch's name, or NULL.
 *  @param locations_json ["va", ...], or NULL for every location.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_create_retailer_batch(tally_engine *engine, const char *actor_json,
                                                 const char *name, const char *locations_json,
                                                 int64_t at, char **out_batch);
/** The store sends a retailer batch to the brand.
 *  @param engine the engine.
 *  @param actor_json the retailer.
 *  @param batch_id the batch.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_submit_retailer_batch(tally_engine *engine, const char *actor_json,
                                                 int64_t batch_id, int64_t at, char **out_batch);
/** The brand completes a retailer batch it received.
 *  @param engine the engine.
 *  @param actor_json the manufacturer.
 *  @param batch_id the batch.
 *  @param at when it happens.
 *  @param out_batch receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_complete_retailer_batch(tally_engine *engine, const char *actor_json,
                                                   int64_t batch_id, int64_t at, char **out_batch);
/** Sets how often a location's batches fall due.
 *  @param engine the engine.
 *  @param location_id the store.
 *  @param cadence "weekly", "biweekly", "monthly" or "manual".
 *  @param anchor_date the date the cadence counts from, YYYY-MM-DD.
 *  @param at when the change happens.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_set_cadence(tally_engine *engine, const char *location_id,
                                       const char *cadence, const char *anchor_date, int64_t at);
/** Each location's cadence, whether its batch is due on a date, and its new lines.
 *  @param engine the engine.
 *  @param date YYYY-MM-DD.
 *  @param out_json receives the array.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_batches_due(tally_engine *engine, const char *date, char **out_json);
/** One batch.
 *  @param engine the engine.
 *  @param batch_id the batch.
 *  @param out_json receives the batch.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_batch(tally_engine *engine, int64_t batch_id, char **out_json);
/** Batches, as a JSON array.
 *  @param engine the engine.
 *  @param partner NULL or "" for every batch, or the partner's id.
 *  @param out_json receives the batches.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_batches(tally_engine *engine, const char *partner, char **out_json);

/* ------------------------------------------------------------------------------------
 * Corrections after finishing (docs/corrections.md).
 * ---------------------------------------------------------------------------------- */

/** Undoes a finished redemption, optionally choosing another free item instead.
 *  @param engine the engine.
 *  @param actor_json who corrects.
 *  @param redemption_id the redemption (its "id" in the checkout result).
 *  @param upc NULL or "": remove only; otherwise remove and reselect that item.
 *  @param unit_price_cents the reselected item's price, or TALLY_PRICE_LAST_KNOWN.
 *  @param reverse non-zero asks for a reversal line when the credit line was already credited.
 *  @param at when it happens.
 *  @param out_redemption receives the redemption.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_undo_redemption(tally_engine *engine, const char *actor_json,
                                           int64_t redemption_id, const char *upc,
                                           int64_t unit_price_cents, int32_t reverse, int64_t at,
                                           char **out_redemption);
/** Returns items of a finished receipt: their punches come off the customer's cards.
 *  @param engine the engine.
 *  @param json,json_len {"location", "receipt", "line", "quantity", "return_id", "at"}.
 *  @param out_result receives {"return_id", "punches_removed", "debt_added",
 *         "points_returned", "replayed"}.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_return_items(tally_engine *engine, const char *json, size_t json_len,
                                        char **out_result);
/** Moves punches of an open card to a new card.
 *  @param engine the engine.
 *  @param customer_id the card's customer.
 *  @param card_number the card's number.
 *  @param punch_indexes the indexes of the punches to move.
 *  @param count how many indexes.
 *  @param at when it happens.
 *  @param out_cards receives [the card kept, the new card].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_split_card(tally_engine *engine, const char *customer_id,
                                      int64_t card_number, const int32_t *punch_indexes,
                                      size_t count, int64_t at, char **out_cards);
/** Merges a duplicate customer record into the survivor.
 *  @param engine the engine.
 *  @param survivor_id the customer who stays.
 *  @param duplicate_id the customer merged into the survivor.
 *  @param at when it happens.
 *  @param out_customer receives the survivor.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_merge_customers(tally_engine *engine, const char *survivor_id,
                                           const char *duplicate_id, int64_t at,
                                           char **out_customer);

/* ------------------------------------------------------------------------------------
 * Reports (docs/reports.md) and the Command Center (docs/command-center.md).
 * ---------------------------------------------------------------------------------- */

/** A report of one location over a range of days.
 *  @param engine the engine.
 *  @param kind free_goods_credit_status, rebate_credit_status, retailer_credit_batches,
 *         redemptions_by_date, participation or transactions.
 *  @param query_json,query_len {"location", "from", "to", "manufacturer", "distributor",
 *         "programs", "format"}.
 *  @param at "now", for the default dates (today at the location).
 *  @param out_report receives the report as JSON, or CSV when the
 *         query says "format": "csv".
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_report(tally_engine *engine, const char *kind, const char *query_json,
                                  size_t query_len, int64_t at, char **out_report);
/** The store's Command Center: what needs its action, offers from its top brands,
 *  auto-enrollment, the mobile app.
 *  @param engine the engine.
 *  @param location_id the store.
 *  @param at "now".
 *  @param out_json receives the Command Center.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_command_center(tally_engine *engine, const char *location_id,
                                          int64_t at, char **out_json);
/** Sets the host's billing flag for a location, shown in its Command Center.
 *  @param engine the engine.
 *  @param location_id the store.
 *  @param flag the flag's text; NULL or "": cleared.
 *  @param at when the change happens.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_set_billing_flag(tally_engine *engine, const char *location_id,
                                            const char *flag, int64_t at);

/* ------------------------------------------------------------------------------------
 * Loyalty points (docs/programs.md#loyalty-points): the store's own points program at the
 * till, a customer's balance and its history.
 * ---------------------------------------------------------------------------------- */

/** Every active points program the location runs, as it stands for this visit.
 *  @param checkout the open visit.
 *  @param out_json receives [{"program", "name", "balance", "earned", "redeemed",
 *         "balance_after", "redeemable_same_day", "rewards": [{"reward", "title",
 *         "points", "available", "taken", "refusal", "reason"}]}].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_points(tally_checkout *checkout, char **out_json);
/** Pays for a points reward in this visit; refused at once when it cannot be taken
 *  (TALLY_E_INSUFFICIENT_POINTS, TALLY_E_LIMIT_REACHED, TALLY_E_REWARD_NOT_AVAILABLE,
 *  TALLY_E_NOT_ENROLLED, TALLY_E_UNKNOWN_PROGRAM).
 *  @param checkout the open visit.
 *  @param program_id the points program.
 *  @param reward_id the reward.
 *  @param out_index NULL, or receives its index among the visit's points redemptions.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_points(tally_checkout *checkout, const char *program_id,
                                                  const char *reward_id, int32_t *out_index);
/** Undoes a points redemption of this visit before it is finished.
 *  @param checkout the open visit.
 *  @param index the index tally_checkout_redeem_points gave.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_undo_points_redemption(tally_checkout *checkout, int32_t index);
/** A customer's points in every points program of the catalog.
 *  @param engine the engine.
 *  @param customer_id the customer.
 *  @param location_id the store asking (its time zone says which points have expired).
 *  @param at "now".
 *  @param out_json receives [{"customer", "program", "name", "active", "balance", "debt",
 *         "lots": [{"earned_on", "location", "points", "expires_on"}], "rewards_taken":
 *         [{"reward", "count"}]}].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_customer_points(tally_engine *engine, const char *customer_id,
                                           const char *location_id, int64_t at, char **out_json);
/** The changes of a customer's points balance in one program, oldest first.
 *  @param engine the engine.
 *  @param customer_id the customer.
 *  @param program_id the points program.
 *  @param after the last entry number already read (0: from the first).
 *  @param limit at most this many entries.
 *  @param out_json receives [{"number", "kind", "points", "balance", "at", "business_date",
 *         "location", "receipt", "return_id", "reward", "redemption"}].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_points_history(tally_engine *engine, const char *customer_id,
                                          const char *program_id, int64_t after, uint32_t limit,
                                          char **out_json);

/* ------------------------------------------------------------------------------------
 * Coupons (docs/programs.md#coupons): a brand issues them to customers who engaged with it;
 * a till redeems one once, at any location of the account within its dates; a store opts
 * out of one brand's coupons and back in.
 * ---------------------------------------------------------------------------------- */

/** The brand issues a coupon to each of the customers that engaged with it as the kind
 *  requires; the others are refused, each with why. A bad request (wrong actor, unknown
 *  brand or product, bad dates or value) issues nothing.
 *  @param engine the engine.
 *  @param actor_json {"role": "manufacturer", "id": the brand}.
 *  @param json {"manufacturer", "kind": "thank_you" | "we_miss_you" | "welcome_home",
 *         "value" (cents), "upcs": [...] (optional), "starts_on", "ends_on" (YYYY-MM-DD),
 *         "customers": [...], "lapsed_days" (optional, we_miss_you)}.
 *  @param json_len its length in bytes.
 *  @param at when the brand issues them.
 *  @param out_json receives {"issued": [coupon...], "refused": [{"customer", "refusal",
 *         "reason"}]}; a coupon is {"id", "customer", "manufacturer", "kind", "value",
 *         "upcs", "starts_on", "ends_on", "issued_at", "status"} and, once redeemed,
 *         "location", "receipt", "redeemed_at", "redemption", "credit_line".
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_issue_coupons(tally_engine *engine, const char *actor_json, const char *json,
                                         size_t json_len, int64_t at, char **out_json);
/** A customer's coupons, oldest first.
 *  @param engine the engine.
 *  @param customer_id the customer.
 *  @param include_redeemed nonzero: the redeemed ones too.
 *  @param out_json receives [coupon...].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_customer_coupons(tally_engine *engine, const char *customer_id,
                                            int32_t include_redeemed, char **out_json);
/** One coupon by id (TALLY_E_NOT_FOUND when there is none).
 *  @param engine the engine.
 *  @param coupon_id the coupon.
 *  @param out_json receives the coupon.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_coupon(tally_engine *engine, int64_t coupon_id, char **out_json);
/** A store opts out of one manufacturer's coupons (its tills refuse them) or back in.
 *  @param engine the engine.
 *  @param location_id the store.
 *  @param manufacturer_id the brand.
 *  @param opted_out nonzero: out; zero: back in.
 *  @param at when the change happens.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_set_coupon_opt_out(tally_engine *engine, const char *location_id,
                                              const char *manufacturer_id, int32_t opted_out, int64_t at);
/** The customer's coupons not yet redeemed, as they stand for this visit.
 *  @param checkout the open visit.
 *  @param out_json receives [{"coupon": coupon, "usable", "redeemed", "refusal", "reason"}].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_coupons(tally_checkout *checkout, char **out_json);
/** Redeems one of the customer's coupons in this visit; refused at once when it cannot be
 *  (TALLY_E_NOT_FOUND, TALLY_E_COUPON_USED, TALLY_E_COUPON_EXPIRED,
 *  TALLY_E_COUPON_NOT_APPLICABLE). A checkout document's "coupon_redemptions".
 *  @param checkout the open visit.
 *  @param coupon_id the coupon.
 *  @param out_index NULL, or receives its index among the visit's coupon redemptions.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_coupon(tally_checkout *checkout, int64_t coupon_id,
                                                  int32_t *out_index);
/** Undoes a coupon redemption of this visit before it is finished.
 *  @param checkout the open visit.
 *  @param index the index tally_checkout_redeem_coupon gave.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_undo_coupon_redemption(tally_checkout *checkout, int32_t index);

/* ------------------------------------------------------------------------------------
 * Manufacturers' vouchers (docs/programs.md#manufacturer-vouchers): free product a brand
 * grants a store, redeemed at the till for one item of the voucher program's list; the
 * redemption is a free-goods credit line at the distributor the store assigned
 * (tally_enroll on the voucher program), or in Temporary Holding until it does.
 * ---------------------------------------------------------------------------------- */

/** The brand issues vouchers of one of its voucher programs to a location. Issuing the same
 *  ids again on the same terms changes nothing and answers the vouchers as they stand.
 *  @param engine the engine.
 *  @param actor_json the brand: {"role": "manufacturer", "id": "..."} (TALLY_E_WRONG_ACTOR
 *         for anyone else).
 *  @param issue_json {"program", "location", "ids": ["..."] or "count": n (1 to 1000),
 *         "expires": "YYYY-MM-DD" (the last day, in the location's time zone), "note"}.
 *  @param at when the brand issues them.
 *  @param out_json receives the vouchers: [{"id", "program", "manufacturer", "location",
 *         "state", "expires", "note", "issued_at", "allowed_upcs", and once redeemed
 *         "receipt", "redeemed_at", "redeemed_on", "upc", "unit_price", "redemption",
 *         "credit_line"}].
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_issue_vouchers(tally_engine *engine, const char *actor_json, const char *issue_json,
                                          int64_t at, char **out_json);
/** A location's vouchers as of `at` (expired: pending past its last day).
 *  @param engine the engine.
 *  @param location_id the location.
 *  @param state "pending", "redeemed" or "expired"; NULL or "": all.
 *  @param at "now" (the location's time zone says which have expired).
 *  @param out_json receives the vouchers, as tally_issue_vouchers gives them.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_vouchers(tally_engine *engine, const char *location_id, const char *state, int64_t at,
                                    char **out_json);
/** One voucher as of `at`; TALLY_E_NOT_FOUND when there is none with this id.
 *  @param engine the engine.
 *  @param voucher_id the voucher.
 *  @param at "now".
 *  @param out_json receives the voucher, as tally_issue_vouchers gives them.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_voucher(tally_engine *engine, const char *voucher_id, int64_t at, char **out_json);
/** The store takes a redeemed voucher in another item of its list; its credit line follows
 *  (the old line withdrawn, a new one made). Refused with TALLY_E_INVALID_STATE once the
 *  line is batched or later, TALLY_E_ITEM_NOT_ALLOWED for an item outside the list.
 *  @param engine the engine.
 *  @param actor_json the store: {"role": "retailer", "id": "<location>"}.
 *  @param voucher_id the voucher.
 *  @param upc the new item.
 *  @param unit_price_cents its shelf price, or TALLY_PRICE_LAST_KNOWN.
 *  @param at when the change happens.
 *  @param out_json receives the voucher as it now stands.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_change_voucher_item(tally_engine *engine, const char *actor_json,
                                               const char *voucher_id, const char *upc,
                                               int64_t unit_price_cents, int64_t at, char **out_json);
/** The location's vouchers this visit may still redeem (pending, not redeemed in it yet).
 *  @param checkout the open visit.
 *  @param out_json receives the vouchers, as tally_issue_vouchers gives them.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_vouchers(tally_checkout *checkout, char **out_json);
/** Redeems a voucher in this visit for one unit of an item of its list; refused at once,
 *  the message naming voucher_redemptions[i].voucher or .upc: TALLY_E_NOT_FOUND (no such
 *  voucher in the account), TALLY_E_WRONG_LOCATION, TALLY_E_VOUCHER_USED,
 *  TALLY_E_VOUCHER_EXPIRED, TALLY_E_ITEM_NOT_ALLOWED (outside the list). A checkout
 *  document's "voucher_redemptions".
 *  @param checkout the open visit.
 *  @param voucher_id the voucher.
 *  @param upc the item given.
 *  @param unit_price_cents its shelf price, or TALLY_PRICE_LAST_KNOWN.
 *  @param out_index NULL, or receives its index among the visit's voucher redemptions.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_redeem_voucher(tally_checkout *checkout, const char *voucher_id,
                                                   const char *upc, int64_t unit_price_cents,
                                                   int32_t *out_index);
/** Undoes a voucher redemption of this visit before it is finished.
 *  @param checkout the open visit.
 *  @param index the index tally_checkout_redeem_voucher gave.
 *  @return TALLY_OK, or the TALLY_E_* code of the failure. */
TALLY_EXPORT int32_t tally_checkout_undo_voucher_redemption(tally_checkout *checkout, int32_t index);

#ifdef __cplusplus
}
#endif

#endif /* TALLY_H */
