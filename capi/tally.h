/* Tally: the C ABI of libtally. Pure C; every function returns a status code. */
#ifndef TALLY_H
#define TALLY_H

#include <stdint.h>

#if defined(_WIN32)
#define TALLY_EXPORT
#else
#define TALLY_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define TALLY_VERSION_MAJOR 0
#define TALLY_VERSION_MINOR 1
#define TALLY_VERSION_PATCH 0
/* MAJOR * 10000 + MINOR * 100 + PATCH, as at compile time. */
#define TALLY_VERSION_NUMBER (TALLY_VERSION_MAJOR * 10000 + TALLY_VERSION_MINOR * 100 + TALLY_VERSION_PATCH)

/* Status codes: stable numbers, never renumbered or reused. */
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
  TALLY_E_INTERNAL = 99
} tally_status;

/* The library's version at run time, e.g. "0.1.0", and as a number like TALLY_VERSION_NUMBER. */
TALLY_EXPORT const char *tally_version(void);
TALLY_EXPORT int32_t tally_version_number(void);
/* A status code's short name, e.g. "unknown_upc"; static storage, never freed. */
TALLY_EXPORT const char *tally_status_name(int32_t status);

#ifdef __cplusplus
}
#endif

#endif /* TALLY_H */
