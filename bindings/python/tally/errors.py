# SPDX-License-Identifier: Apache-2.0
"""Exceptions raised by the Tally binding.

Every failing call into libtally returns a status code (``tally_status`` in tally.h). The
binding raises the exception class of that code: the code's name in CamelCase
(``receipt_conflict`` -> :class:`ReceiptConflict`), a subclass of its family
(:class:`InvalidInput`, :class:`NotFound`, :class:`Conflict`, :class:`StorageError`,
:class:`StorageBusy`, :class:`Unsupported`, :class:`InternalError`), all under
:class:`TallyError`. Where the code's name is its family's (``not_found``,
``storage_busy``, ``unsupported``) the family class is the code's class. Each carries the
code, its short name, the library's message and the field the message names::

    try:
        checkout.add_line("012345678905", 1, 999)
    except tally.UnknownUpc as e:
        print(e.code, e.name, e.field, e.message)   # 4 unknown_upc upc upc: ...

The :class:`InvalidInput` classes are also ``ValueError`` subclasses. A code this version of the
binding does not know (added by a newer library) raises a plain :class:`TallyError` with
that code.

The table of codes below is a copy of include/tally/status_codes.def, checked against it
by the status_codes test (tests/sources_of_truth.py) and by tests/test_errors.py.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Tuple, Type

__all__ = [
    "TallyError",
    "InvalidInput",
    "NotFound",
    "Conflict",
    "StorageError",
    "StorageBusy",
    "InternalError",
    "Unsupported",
    "InvalidArgument",
    "MalformedJson",
    "InvalidCatalog",
    "UnknownUpc",
    "UnknownCustomer",
    "UnknownProgram",
    "UnknownLocation",
    "UnknownDistributor",
    "DistributorNotServing",
    "InvalidQuantity",
    "InvalidPrice",
    "ReceiptConflict",
    "StorageFailed",
    "NotEnrolled",
    "RewardNotAvailable",
    "ItemNotAllowed",
    "ReasonRequired",
    "CustomerDataMissing",
    "InvalidState",
    "WrongActor",
    "LimitReached",
    "StorageCorrupt",
    "AccountNumberRequired",
    "UnknownManufacturer",
    "NotEligible",
    "EnrollmentPending",
    "EnrollmentDenied",
    "InsufficientPoints",
    "PassUsedUp",
    "CouponUsed",
    "CouponExpired",
    "CouponNotApplicable",
    "NotEngaged",
    "VoucherUsed",
    "VoucherExpired",
    "WrongLocation",
    "Internal",
    "StoreBusy",
    "STATUS_NAMES",
    "ERROR_CLASSES",
    "class_name",
    "error_class",
    "error_for",
    "field_of",
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
E_INSUFFICIENT_POINTS = 31
E_PASS_USED_UP = 32
E_COUPON_USED = 33
E_COUPON_EXPIRED = 34
E_COUPON_NOT_APPLICABLE = 35
E_NOT_ENGAGED = 36
E_VOUCHER_USED = 37
E_VOUCHER_EXPIRED = 38
E_WRONG_LOCATION = 39
E_INTERNAL = 99

# Code -> short name, as tally_status_name() spells them (used when the library is not at
# hand, e.g. for an error raised by the binding itself).
STATUS_NAMES: Dict[int, str] = {
    value: "ok" if name == "OK" else name[2:].lower()
    for name, value in list(globals().items())
    if name == "OK" or name.startswith("E_")
}

# "lines[0].upc: ..." -> "lines[0].upc"
_FIELD = re.compile(r"([A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*(?:\.[A-Za-z_][A-Za-z0-9_]*(?:\[\d+\])*)*): ")


class TallyError(Exception):
    """A call into libtally failed.

    Attributes:
        code: the tally_status number (e.g. 4).
        name: its short name (e.g. ``"unknown_upc"``).
        message: the library's message, naming the field at fault.
        field: that field (``"lines[0].upc"``), or None when the message names none.
        store_exception: for a StorageError of a Python store (Engine.with_store), the
            exception the store raised (also its ``__cause__``); else None.
    """

    store_exception: Optional[BaseException] = None

    def __init__(self, code: int, message: str = "", name: Optional[str] = None) -> None:
        self.code = int(code)
        self.name = name or STATUS_NAMES.get(self.code, "unknown")
        self.message = message
        self.field = field_of(message)
        super().__init__(f"{self.name} ({self.code}): {message}" if message else f"{self.name} ({self.code})")

    def __reduce__(self) -> Tuple[Any, ...]:  # picklable, e.g. across multiprocessing
        return (type(self), (self.code, self.message, self.name))


def field_of(message: str) -> Optional[str]:
    """The field a message names as its prefix ("lines[0].upc: ..."), or None."""
    match = _FIELD.match(message)
    return match.group(1) if match else None


# --- The families -----------------------------------------------------------------------


class InvalidInput(TallyError, ValueError):
    """The input was refused: a field out of range, malformed JSON, an invalid catalog,
    a missing reason, customer data or account number."""


class NotFound(TallyError):
    """Something named by id does not exist (unknown UPC, customer, program, location,
    distributor, manufacturer), or a record asked for by id (``not_found``)."""


class Conflict(TallyError):
    """The request does not fit what is stored: a receipt finished with other content,
    the wrong state or actor, a limit reached, no reward to take, an item the reward does
    not allow, a program the location is not enrolled in, a distributor that does not
    serve the location, a customer or pet that does not qualify, a private program's
    enrollment awaiting approval or denied."""


class StorageError(TallyError):
    """The storage backend failed, or a stored record could not be read back."""


class StorageBusy(StorageError):
    """The store stayed busy through every retry (``storage_busy``)."""


class InternalError(TallyError):
    """A bug in the library: an invariant was broken."""


class Unsupported(TallyError):
    """A storage format or feature this build does not know (``unsupported``), or a
    function the loaded libtally does not export."""


# --- One class per code (the docstring is the code's meaning in status_codes.def) -------


class InvalidArgument(InvalidInput):
    """A field out of range or of the wrong form (``invalid_argument``)."""


class MalformedJson(InvalidInput):
    """Not JSON, or not of the expected shape (``malformed_json``)."""


class InvalidCatalog(InvalidInput):
    """A catalog document failed validation (nothing was stored) (``invalid_catalog``)."""


class UnknownUpc(NotFound):
    """No product in the catalog has this UPC (``unknown_upc``)."""


class UnknownCustomer(NotFound):
    """No customer has this id (``unknown_customer``)."""


class UnknownProgram(NotFound):
    """No program in the catalog has this id (``unknown_program``)."""


class UnknownLocation(NotFound):
    """No location has this id (``unknown_location``)."""


class UnknownDistributor(NotFound):
    """No distributor in the catalog has this id (``unknown_distributor``)."""


class DistributorNotServing(Conflict):
    """The distributor does not serve the location's state, or the brand (``distributor_not_serving``)."""


class InvalidQuantity(InvalidInput):
    """A quantity out of range (``invalid_quantity``)."""


class InvalidPrice(InvalidInput):
    """A price out of range, or no price where one is needed (``invalid_price``)."""


class ReceiptConflict(Conflict):
    """The receipt (or return id) was finished before with other content (``receipt_conflict``)."""


class StorageFailed(StorageError):
    """The store reported a failure; nothing was written (``storage_failed``)."""


class NotEnrolled(Conflict):
    """The location is not enrolled in the program (``not_enrolled``)."""


class RewardNotAvailable(Conflict):
    """No completed card (or earned offer reward) to redeem (``reward_not_available``)."""


class ItemNotAllowed(Conflict):
    """The free item is not one the rule allows (``item_not_allowed``)."""


class ReasonRequired(InvalidInput):
    """Multi-punch or exception without a reason (``reason_required``)."""


class CustomerDataMissing(InvalidInput):
    """The program needs customer data that is absent (``customer_data_missing``)."""


class InvalidState(Conflict):
    """The operation does not fit the object's state (``invalid_state``)."""


class WrongActor(Conflict):
    """The transition is not this actor's (``wrong_actor``)."""


class LimitReached(Conflict):
    """An offer limit would be exceeded (``limit_reached``)."""


class StorageCorrupt(StorageError):
    """A stored record could not be read back (``storage_corrupt``)."""


class AccountNumberRequired(InvalidInput):
    """The enrollment needs the distributor's account number (``account_number_required``)."""


class UnknownManufacturer(NotFound):
    """No manufacturer in the catalog has this id (``unknown_manufacturer``)."""


class NotEligible(Conflict):
    """Adoption rules refuse the bundle (``not_eligible``)."""


class EnrollmentPending(Conflict):
    """A private program's enrollment awaits the brand (``enrollment_pending``)."""


class EnrollmentDenied(Conflict):
    """The brand denied the store; it cannot re-apply (``enrollment_denied``)."""


class InsufficientPoints(Conflict):
    """The customer's points cannot pay for the reward (``insufficient_points``)."""


class PassUsedUp(Conflict):
    """The customer has no uses left on a prepaid pass (``pass_used_up``)."""


class CouponUsed(Conflict):
    """The coupon was redeemed before (``coupon_used``)."""


class CouponExpired(Conflict):
    """The coupon is outside its period (``coupon_expired``)."""


class CouponNotApplicable(Conflict):
    """The coupon is not for this customer, store or basket (``coupon_not_applicable``)."""


class NotEngaged(Conflict):
    """The customer has not engaged with the brand (``not_engaged``)."""


class VoucherUsed(Conflict):
    """The manufacturer's voucher was redeemed already (``voucher_used``)."""


class VoucherExpired(Conflict):
    """The manufacturer's voucher is past its expiry date (``voucher_expired``)."""


class WrongLocation(Conflict):
    """The record belongs to another location of the account (``wrong_location``)."""


class Internal(InternalError):
    """A bug; the operation did not happen (``internal``)."""


class StoreBusy(Exception):
    """Raise this from a Python storage backend (see ``Engine.with_store``) when another
    writer holds the store: the callback returns TALLY_STORE_BUSY and the engine runs the
    operation again. Any other exception makes the callback return TALLY_STORE_FAILED."""


def class_name(status_name: str) -> str:
    """The exception class name of a status code's name: "receipt_conflict" ->
    "ReceiptConflict"."""
    return "".join(part.capitalize() for part in status_name.split("_"))


# Every code of tally.h -> the exception class raised for it.
ERROR_CLASSES: Dict[int, Type[TallyError]] = {
    code: globals()[class_name(name)] for code, name in STATUS_NAMES.items() if code != OK
}


def error_class(code: int) -> Type[TallyError]:
    """The exception class for a status code; TallyError for a code this binding does
    not know (a newer library's)."""
    return ERROR_CLASSES.get(int(code), TallyError)


def error_for(code: int, message: str = "", name: Optional[str] = None) -> TallyError:
    """The exception to raise for a failed call."""
    return error_class(code)(code, message, name)
