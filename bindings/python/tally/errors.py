# SPDX-License-Identifier: Apache-2.0
"""Exceptions raised by the Tally binding.

Every failing call into libtally returns a status code (``tally_status`` in tally.h).
The binding raises :class:`TallyError` or, for the known families of codes, one of its
subclasses, with the code, its short name and the library's message (which names the
field at fault, e.g. ``"lines[0].upc: ..."``)::

    try:
        checkout.add_line("000000000000")
    except tally.NotFound as e:
        print(e.code, e.name, e.message)   # 4 unknown_upc upc: ...

A code this version of the binding does not know (added by a newer library) still
raises a plain :class:`TallyError` with that code.
"""

from __future__ import annotations

from typing import Dict, Optional, Type

__all__ = [
    "TallyError",
    "InvalidInput",
    "NotFound",
    "Conflict",
    "StorageError",
    "StorageBusy",
    "InternalError",
    "Unsupported",
    "StoreBusy",
    "STATUS_NAMES",
    "error_class",
    "error_for",
]

# The status codes of tally.h: stable numbers, never renumbered or reused.
OK = 0
E_INVALID_ARGUMENT = 1
E_MALFORMED_JSON = 2
E_INVALID_CATALOG = 3
E_UNKNOWN_UPC = 4
E_UNKNOWN_CUSTOMER = 5
E_UNKNOWN_PROGRAM = 6
E_UNKNOWN_LOCATION = 7
E_UNKNOWN_DISTRIBUTOR = 8
E_DISTRIBUTOR_NOT_SERVING = 9
E_INVALID_QUANTITY = 10
E_INVALID_PRICE = 11
E_RECEIPT_CONFLICT = 12
E_STORAGE_FAILED = 13
E_STORAGE_BUSY = 14
E_NOT_FOUND = 15
E_NOT_ENROLLED = 16
E_REWARD_NOT_AVAILABLE = 17
E_ITEM_NOT_ALLOWED = 18
E_REASON_REQUIRED = 19
E_CUSTOMER_DATA_MISSING = 20
E_INVALID_STATE = 21
E_WRONG_ACTOR = 22
E_LIMIT_REACHED = 23
E_STORAGE_CORRUPT = 24
E_UNSUPPORTED = 25
E_ACCOUNT_NUMBER_REQUIRED = 26
E_UNKNOWN_MANUFACTURER = 27
E_NOT_ELIGIBLE = 28
E_ENROLLMENT_PENDING = 29
E_ENROLLMENT_DENIED = 30
E_INTERNAL = 99

# Code -> short name, as tally_status_name() spells them (used when the library is not
# at hand, e.g. for an error raised by the binding itself).
STATUS_NAMES: Dict[int, str] = {
    OK: "ok",
    E_INVALID_ARGUMENT: "invalid_argument",
    E_MALFORMED_JSON: "malformed_json",
    E_INVALID_CATALOG: "invalid_catalog",
    E_UNKNOWN_UPC: "unknown_upc",
    E_UNKNOWN_CUSTOMER: "unknown_customer",
    E_UNKNOWN_PROGRAM: "unknown_program",
    E_UNKNOWN_LOCATION: "unknown_location",
    E_UNKNOWN_DISTRIBUTOR: "unknown_distributor",
    E_DISTRIBUTOR_NOT_SERVING: "distributor_not_serving",
    E_INVALID_QUANTITY: "invalid_quantity",
    E_INVALID_PRICE: "invalid_price",
    E_RECEIPT_CONFLICT: "receipt_conflict",
    E_STORAGE_FAILED: "storage_failed",
    E_STORAGE_BUSY: "storage_busy",
    E_NOT_FOUND: "not_found",
    E_NOT_ENROLLED: "not_enrolled",
    E_REWARD_NOT_AVAILABLE: "reward_not_available",
    E_ITEM_NOT_ALLOWED: "item_not_allowed",
    E_REASON_REQUIRED: "reason_required",
    E_CUSTOMER_DATA_MISSING: "customer_data_missing",
    E_INVALID_STATE: "invalid_state",
    E_WRONG_ACTOR: "wrong_actor",
    E_LIMIT_REACHED: "limit_reached",
    E_STORAGE_CORRUPT: "storage_corrupt",
    E_UNSUPPORTED: "unsupported",
    E_ACCOUNT_NUMBER_REQUIRED: "account_number_required",
    E_UNKNOWN_MANUFACTURER: "unknown_manufacturer",
    E_NOT_ELIGIBLE: "not_eligible",
    E_ENROLLMENT_PENDING: "enrollment_pending",
    E_ENROLLMENT_DENIED: "enrollment_denied",
    E_INTERNAL: "internal",
}


class TallyError(Exception):
    """A call into libtally failed.

    Attributes:
        code: the tally_status number (e.g. 4).
        name: its short name (e.g. ``"unknown_upc"``).
        message: the library's message, naming the field at fault.
    """

    def __init__(self, code: int, message: str = "", name: Optional[str] = None) -> None:
        self.code = int(code)
        self.name = name or STATUS_NAMES.get(self.code, "unknown")
        self.message = message
        super().__init__(f"{self.name} ({self.code}): {message}" if message else f"{self.name} ({self.code})")

    def __reduce__(self):  # picklable, e.g. across multiprocessing
        return (type(self), (self.code, self.message, self.name))


class InvalidInput(TallyError):
    """The input was refused: a field out of range, malformed JSON, an invalid catalog,
    a missing reason, customer data or account number."""


class NotFound(TallyError):
    """Something named by id does not exist (unknown UPC, customer, program, location,
    distributor, manufacturer, or a record asked for by id)."""


class Conflict(TallyError):
    """The request does not fit what is stored: a receipt finished with other content,
    the wrong state or actor, a limit reached, no reward to take, an item the reward does
    not allow, a program the location is not enrolled in, a distributor that does not
    serve the location, a customer or pet that does not qualify (not_eligible), a
    private program's enrollment awaiting approval or denied."""


class StorageError(TallyError):
    """The storage backend failed, or a stored record could not be read back."""


class StorageBusy(StorageError):
    """The storage stayed busy after every retry (``storage_busy``)."""


class InternalError(TallyError):
    """A bug in the library: an invariant was broken."""


class Unsupported(TallyError):
    """A format or feature this build of the library does not know (``unsupported``),
    or a function the loaded libtally does not export."""


class StoreBusy(Exception):
    """Raise this from a Python storage backend (see ``Engine.with_store``) when another
    writer holds the store: the callback returns TALLY_STORE_BUSY and the engine runs the
    operation again. Any other exception makes the callback return TALLY_STORE_FAILED."""


_FAMILIES: Dict[Type[TallyError], tuple] = {
    InvalidInput: (
        E_INVALID_ARGUMENT,
        E_MALFORMED_JSON,
        E_INVALID_CATALOG,
        E_INVALID_QUANTITY,
        E_INVALID_PRICE,
        E_REASON_REQUIRED,
        E_CUSTOMER_DATA_MISSING,
        E_ACCOUNT_NUMBER_REQUIRED,
    ),
    NotFound: (
        E_UNKNOWN_UPC,
        E_UNKNOWN_CUSTOMER,
        E_UNKNOWN_PROGRAM,
        E_UNKNOWN_LOCATION,
        E_UNKNOWN_DISTRIBUTOR,
        E_UNKNOWN_MANUFACTURER,
        E_NOT_FOUND,
    ),
    Conflict: (
        E_RECEIPT_CONFLICT,
        E_INVALID_STATE,
        E_WRONG_ACTOR,
        E_LIMIT_REACHED,
        E_REWARD_NOT_AVAILABLE,
        E_ITEM_NOT_ALLOWED,
        E_NOT_ENROLLED,
        E_DISTRIBUTOR_NOT_SERVING,
        E_NOT_ELIGIBLE,
        E_ENROLLMENT_PENDING,
        E_ENROLLMENT_DENIED,
    ),
    StorageError: (E_STORAGE_FAILED, E_STORAGE_CORRUPT),
    StorageBusy: (E_STORAGE_BUSY,),
    InternalError: (E_INTERNAL,),
    Unsupported: (E_UNSUPPORTED,),
}

# Every code of tally.h -> the exception class raised for it.
ERROR_CLASSES: Dict[int, Type[TallyError]] = {
    code: cls for cls, codes in _FAMILIES.items() for code in codes
}


def error_class(code: int) -> Type[TallyError]:
    """The exception class for a status code; TallyError for a code this binding does
    not know (a newer library's)."""
    return ERROR_CLASSES.get(int(code), TallyError)


def error_for(code: int, message: str = "", name: Optional[str] = None) -> TallyError:
    """The exception to raise for a failed call."""
    return error_class(code)(code, message, name)
