# SPDX-License-Identifier: Apache-2.0
"""Tally: frequent-buyer loyalty programs at the till, from Python.

A thin, pure-Python binding over the C ABI of libtally (capi/tally.h) with ctypes.
Documents go in as dicts (JSON underneath) and come out as frozen dataclasses
(tally.results: CheckoutResult, Card, CreditLine, ..., each with .raw, the document as
parsed); times are Unix seconds (int) or timezone-aware datetimes; money is int cents.
Each status code has its exception class (tally.ReceiptConflict, ...; tally.errors).

    import tally

    with tally.Engine.sqlite("shop.db") as engine:
        engine.load_catalog(catalog, at=now)
        with engine.checkout("raleigh", "C1001", "R-1001", now) as visit:
            visit.add_line("084213101044", quantity=1, unit_price=1899)
            for reward in visit.rewards():
                visit.redeem(reward.program, reward.card, reward.allowed[0].upc)
            result = visit.finish()

libtally itself is needed at run time: set TALLY_LIBRARY to its path, or install it on
the system library path (see tally._native).
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import json as _json
import numbers
import os
import threading
from ctypes import byref, c_int32, c_void_p
from typing import (
    Any,
    Callable,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Set,
    Tuple,
    Type,
    TypeVar,
    Union,
)

from . import _native
from . import errors as _errors
from ._store import StoreAdapter
from .errors import *  # noqa: F401,F403 - TallyError, its families and a class per code
from .errors import TallyError, error_for
from .results import *  # noqa: F401,F403 - the result classes
from .results import (
    AdoptionEligibility,
    AutoEnrollment,
    Batch,
    BatchDue,
    Card,
    Catalog,
    CatalogSummary,
    CheckoutOutcome,
    CheckoutResult,
    CommandCenter,
    Coupon,
    CouponIssueResult,
    CouponStatus,
    CreditLine,
    Customer,
    CustomerPoints,
    Enrollment,
    EnrollmentChange,
    JournalEntry,
    Location,
    Offer,
    PointsHistoryEntry,
    PointsStatus,
    Punch,
    Redemption,
    Report,
    Result,
    ReturnResult,
    Reward,
    Voucher,
)
from . import results as _results

__version__ = "0.2.0"

__all__ = [
    "Engine",
    "Checkout",
    "PRICE_LAST_KNOWN",
    "version",
    "version_number",
    "status_name",
    "load_library",
]
__all__ += _errors.__all__
__all__ += _results.__all__

#: Pass as a unit price to use the last shelf price the store saw for the item.
PRICE_LAST_KNOWN = _native.TALLY_PRICE_LAST_KNOWN

#: A time: Unix seconds, or a timezone-aware datetime.
Timestamp = Union[int, _dt.datetime]
#: A document sent to the library: a dict (or list), or its JSON text.
Document = Union[Mapping[str, Any], Sequence[Any], str, bytes]
#: Who acts: {"role": ..., "id": ...}, a (role, id) pair, or a bare role ("retailer").
Actor = Union[Mapping[str, Any], Tuple[str, str], str]
#: A business date: "YYYY-MM-DD" or a datetime.date.
DateLike = Union[str, _dt.date]
R = TypeVar("R", bound=Result)

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_UINT32 = (0, 2**32 - 1)
_PAGE = (1, 2**32 - 1)
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)


def load_library(path: Optional[str] = None) -> str:
    """Loads libtally now (from `path`, else as described in tally._native) and returns
    the path it was loaded from. Optional: the library is loaded on first use anyway."""
    return _native.load(path).path


def version() -> str:
    """The version of the loaded libtally, e.g. "0.1.0"."""
    return _native.lib().version


def version_number() -> int:
    """The version of the loaded libtally as MAJOR * 10000 + MINOR * 100 + PATCH."""
    return _native.lib().version_number


def status_name(code: int) -> str:
    """A status code's short name, e.g. "unknown_upc"."""
    return _native.lib().status_name(int(code))


# --- Conversions ----------------------------------------------------------------------
#
# Arguments are checked before the C call: a value of the wrong Python type raises
# TypeError; a value of the right type that the C type cannot carry (an integer out of
# range, a NUL inside a string) raises the exception class of the code the library would
# answer (InvalidArgument, InvalidQuantity, InvalidPrice), which are ValueErrors.


def _invalid(field: str, problem: str, code: int = _errors.E_INVALID_ARGUMENT) -> TallyError:
    return error_for(code, f"{field}: {problem}")


def _integer(value: Any, field: str, bounds: Tuple[int, int], code: int = _errors.E_INVALID_ARGUMENT) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__}")
    number = int(value)
    if not bounds[0] <= number <= bounds[1]:
        raise _invalid(field, f"{number} is out of range", code)
    return number


def _flag(value: Any, field: str) -> int:
    if not isinstance(value, bool):
        raise TypeError(f"{field}: expected a bool, got {type(value).__name__}")
    return 1 if value else 0


def _timestamp(at: Timestamp, field: str = "at") -> int:
    """Unix seconds from an int or a timezone-aware datetime."""
    if isinstance(at, _dt.datetime):
        if at.tzinfo is None or at.tzinfo.utcoffset(at) is None:
            raise ValueError(f"{field}: a naive datetime is ambiguous; give it a tzinfo (e.g. timezone.utc)")
        return (at - _EPOCH) // _dt.timedelta(seconds=1)
    return _integer(at, field, _INT64)


def _text(value: Any, field: str, nullable: bool = False) -> Optional[bytes]:
    """An id or reason as a NUL-terminated UTF-8 string."""
    if value is None:
        if nullable:
            return None
        raise TypeError(f"{field}: expected a str, got None")
    if isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    elif isinstance(value, str):
        data = value.encode("utf-8")
    else:
        raise TypeError(f"{field}: expected a str, got {type(value).__name__}")
    if b"\0" in data:
        raise _invalid(field, "must not contain a NUL character")
    return data


def _sequence(value: Any, field: str) -> List[Any]:
    """A list from a list, tuple or other iterable (not a str, bytes or dict)."""
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(f"{field}: expected a list, got {type(value).__name__}")
    return list(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise ValueError("a naive datetime in a document is ambiguous; give it a tzinfo")
        return value.isoformat()
    if isinstance(value, Mapping):
        return dict(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _document(doc: Document) -> bytes:
    """A document as JSON text: dicts and lists are serialized, str and bytes passed as
    they are (the library validates them)."""
    if isinstance(doc, (bytes, bytearray, memoryview)):
        return bytes(doc)
    if isinstance(doc, str):
        return doc.encode("utf-8")
    if isinstance(doc, Mapping):
        doc = dict(doc)
    elif isinstance(doc, (list, tuple)):
        doc = list(doc)
    else:
        raise TypeError(f"expected a document (a dict, or its JSON text), got {type(doc).__name__}")
    return _json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=_json_default).encode("utf-8")


def _parse(text: Optional[str]) -> Any:
    return None if text is None else _json.loads(text)


def _json_text(value: Any, field: str, nullable: bool = False) -> Optional[bytes]:
    """A NUL-terminated JSON parameter (actor, memo, lists of ids); None passes NULL."""
    if value is None:
        if nullable:
            return None
        raise TypeError(f"{field}: expected a document, got None")
    try:
        return _text(_document(value), field)
    except TypeError as e:
        raise TypeError(f"{field}: {e}") from None


def _ids(value: Optional[Sequence[str]], field: str) -> Optional[bytes]:
    """A JSON array of ids (locations, ...); None passes NULL (all)."""
    if value is None:
        return None
    ids = _sequence(value, field)
    for item in ids:
        _text(item, f"{field}[]")
    return _json_text(ids, field)


def _actor(actor: Actor) -> bytes:
    """Who acts, as tally.h's actor_json: a dict {"role": ..., "id": ...}, a (role, id)
    pair, a bare role ("retailer"), or the JSON text itself."""
    document: Document
    if isinstance(actor, (tuple, list)) and len(actor) == 2:
        document = {"role": actor[0], "id": actor[1]}
    elif isinstance(actor, str) and not actor.lstrip().startswith("{"):
        document = {"role": actor}
    elif isinstance(actor, (Mapping, str)):
        document = actor
    else:
        raise TypeError(f"actor: expected a dict, a (role, id) pair or a role, got {type(actor).__name__}")
    return _json_text(document, "actor") or b""


def _date(value: Any, field: str, nullable: bool = False) -> Optional[bytes]:
    """A business date "YYYY-MM-DD" from a str or a datetime.date."""
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{field}: expected a date (YYYY-MM-DD), got a datetime")
    if isinstance(value, _dt.date):
        value = value.isoformat()
    return _text(value, field, nullable)


def _price(value: Optional[int], field: str = "unit_price") -> int:
    return PRICE_LAST_KNOWN if value is None else _integer(value, field, _INT64, _errors.E_INVALID_PRICE)


def _results_of(kind: Type[R], doc: Any) -> List[R]:
    """A list of results from a JSON array the library answered."""
    return list(_iter_results(kind, doc))


def _iter_results(kind: Type[R], doc: Any) -> Iterator[R]:
    if not isinstance(doc, list):
        raise _results.DocumentError(f"{_results.kind_name(kind)}s: expected an array, got {type(doc).__name__}")
    name = _results.kind_name(kind)
    return (kind.from_document(item, f"{name}s[{i}]") for i, item in enumerate(doc))


class _Handle:
    """A native pointer shared by the objects that may free it; ptr is None once freed."""

    __slots__ = ("ptr",)

    def __init__(self, ptr: Any) -> None:
        self.ptr = ptr


# How deep this thread is in calls into libtally. A Python store's callbacks run inside
# such calls, and the garbage collector may run there too. tally.h does not allow calling
# back into the library from a store callback (the engine may hold its own locks there),
# so a Checkout finalized at that moment is freed at the engine's next call instead.
_tls = threading.local()


def _in_library_call() -> bool:
    return getattr(_tls, "depth", 0) > 0


class _LibraryCall:
    __slots__ = ()

    def __enter__(self) -> None:
        _tls.depth = getattr(_tls, "depth", 0) + 1

    def __exit__(self, *exc_info: Any) -> None:
        _tls.depth -= 1


_library_call = _LibraryCall()


# --- Engine ---------------------------------------------------------------------------


C = TypeVar("C", bound="_Closing")


class _Closing:
    """A handle owner usable in `with`, closed at the latest when collected."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self: C) -> C:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - interpreter shutdown
            pass


class Engine(_Closing):
    """An engine over one store. Open one with Engine.sqlite(), Engine.postgres(),
    Engine.memory() or Engine.with_store(); close it with close() or a `with` block.

    Options (all optional): account="store-42", busy_retries=20, and for SQLite only
    synchronous="full", busy_timeout_ms=5000.

    An engine may be used from several threads; a Checkout belongs to one thread at a time.
    """

    _lib: _native.Library
    _kind: str
    _handle: _Handle
    _adapter: Optional[StoreAdapter]
    _checkouts: Set[_Handle]
    _deferred: List[_Handle]
    _lock: "threading.RLock"

    def __init__(self, *_args: Any, **_kwargs: Any) -> None:
        raise TypeError("use Engine.sqlite(), Engine.postgres(), Engine.memory() or Engine.with_store()")

    @classmethod
    def _open(cls, kind: str, opener: Callable[[Any, Any], Any], adapter: Optional[StoreAdapter] = None) -> "Engine":
        lib = _native.lib()
        self = cls.__new__(cls)
        self._lib = lib
        self._kind = kind
        self._handle = _Handle(None)
        self._adapter = adapter  # keeps the callbacks alive as long as the engine
        self._checkouts = set()
        self._deferred = []  # checkouts finalized during a library call
        self._lock = threading.RLock()
        out = _native.tally_engine_p()
        if adapter is not None:
            adapter.clear_error()
        with _library_call:
            status = opener(lib, byref(out))
        if status != 0:
            raise self._error(status)
        self._handle.ptr = out
        return self

    @staticmethod
    def _options(options: Mapping[str, Any]) -> Optional[bytes]:
        return _document(options) if options else None

    @classmethod
    def sqlite(cls, path: Union[str, "os.PathLike[str]"], **options: Any) -> "Engine":
        """The embedded SQLite store: a file path, or ":memory:"."""
        encoded = os.fsencode(path)
        if b"\0" in encoded:
            raise _invalid("path", "must not contain a NUL character")
        opts = cls._options(options)
        return cls._open(
            f"sqlite:{os.fsdecode(path)}",
            lambda lib, out: lib.tally_engine_open_sqlite(encoded, opts, out),
        )

    @classmethod
    def postgres(cls, conninfo: str, **options: Any) -> "Engine":
        """A central PostgreSQL database, conninfo in libpq's forms
        ("postgresql://user@host/db" or "host=... dbname=..."); docs/postgresql.md."""
        encoded = _text(conninfo, "conninfo")
        opts = cls._options(options)
        return cls._open("postgres", lambda lib, out: lib.tally_engine_open_postgres(encoded, opts, out))

    @classmethod
    def memory(cls, **options: Any) -> "Engine":
        """A store in process memory, gone when the engine closes."""
        opts = cls._options(options)
        return cls._open("memory", lambda lib, out: lib.tally_engine_open_memory(opts, out))

    @classmethod
    def with_store(cls, store: Any, **options: Any) -> "Engine":
        """The host's own store, implemented in Python: an object with begin(write),
        commit(), rollback(), get(key) -> bytes | None, put(key, value), remove(key),
        scan(first, last) -> iterable of (key, value) with first <= key < last in
        ascending (unsigned byte) order (last None: no upper bound), and optionally
        close() (called once when the engine is closed). Keys and values are bytes.

        Raise StoreBusy when another writer holds the store (the engine runs the
        operation again); any other exception fails the operation with StorageError,
        whose __cause__ is the store's exception.
        """
        adapter = StoreAdapter(store)
        opts = cls._options(options)
        return cls._open(
            f"store:{type(store).__name__}",
            lambda lib, out: lib.tally_engine_open_store(byref(adapter.callbacks), opts, out),
            adapter,
        )

    # -- life cycle --

    @property
    def closed(self) -> bool:
        return self._handle.ptr is None

    def close(self) -> None:
        """Frees the checkouts still open on this engine, then closes it. Idempotent."""
        handle = getattr(self, "_handle", None)
        if handle is None:
            return
        with self._lock:
            if handle.ptr is None:
                return
            with _library_call:
                for checkout in list(self._checkouts):
                    if checkout.ptr is not None:
                        self._lib.tally_checkout_free(checkout.ptr)
                        checkout.ptr = None
                self._checkouts.clear()
                self._deferred.clear()
                ptr, handle.ptr = handle.ptr, None
                self._lib.tally_engine_close(ptr)
        # self._adapter stays referenced: its thunks are harmless and a late call (there
        # should be none) must not land in freed memory.

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<tally.Engine {self._kind} {state}>"

    @property
    def last_error(self) -> str:
        """The message of the last failure on this engine ("" if none)."""
        ptr = self._handle.ptr
        if ptr is None:
            return ""
        text = self._lib.tally_engine_last_error(ptr)
        return str(text.decode("utf-8", "replace")) if text else ""

    # -- calling the library --

    def _ptr(self) -> Any:
        ptr = self._handle.ptr
        if ptr is None:
            raise _errors.InvalidState(_errors.E_INVALID_STATE, "engine: is closed")
        return ptr

    def _error(self, status: int) -> TallyError:
        """The exception for a failed call, read right after it on this thread."""
        lib = self._lib
        message = lib.tally_last_error() or b""
        if not message and self._handle.ptr is not None:
            message = lib.tally_engine_last_error(self._handle.ptr) or b""
        error = error_for(status, message.decode("utf-8", "replace"), lib.status_name(status))
        adapter = self._adapter
        if adapter is not None and status in (_errors.E_STORAGE_FAILED, _errors.E_STORAGE_BUSY):
            cause = adapter.last_exception
            if cause is not None:
                adapter.clear_error()
                if not isinstance(cause, Exception):  # KeyboardInterrupt, SystemExit
                    raise cause
                error.__cause__ = cause
                error.store_exception = cause
        return error

    def _free_deferred(self) -> None:
        while self._deferred:
            handle = self._deferred.pop()
            with self._lock:
                if handle.ptr is not None:
                    ptr, handle.ptr = handle.ptr, None
                    self._checkouts.discard(handle)
                    with _library_call:
                        self._lib.tally_checkout_free(ptr)

    def _call(self, function: Callable[..., int], *args: Any) -> None:
        if self._deferred and not _in_library_call():
            self._free_deferred()
        if self._adapter is not None:
            self._adapter.clear_error()
        with _library_call:
            status = function(*args)
        if status != 0:
            raise self._error(status)

    def _get(self, name: str, *args: Any) -> Any:
        """Calls a function whose last parameter is a char** document; returns it parsed."""
        out = c_void_p()
        self._call(getattr(self._lib, name), self._ptr(), *args, byref(out))
        return _parse(self._lib.take_string(out))

    def _one(self, kind: Type[R], name: str, *args: Any) -> R:
        """Calls a function that answers one document; returns it as `kind`."""
        return kind.from_document(self._get(name, *args))

    def _many(self, kind: Type[R], name: str, *args: Any) -> List[R]:
        """Calls a function that answers an array of documents; returns a list of `kind`."""
        return _results_of(kind, self._get(name, *args))

    # -- catalog, locations, enrollments, customers --

    def load_catalog(self, catalog: Document, at: Timestamp) -> CatalogSummary:
        """Adds or replaces manufacturers, distributors, products and programs (a dict or
        JSON text, docs/catalog.md). Returns how many of each it added or changed. A document
        that fails changes nothing."""
        data = _document(catalog)
        return self._one(CatalogSummary, "tally_load_catalog", data, len(data), _timestamp(at))

    def catalog(self) -> Catalog:
        """The stored catalog (the document of the same shape is its .raw)."""
        return self._one(Catalog, "tally_catalog")

    def save_location(self, location: Document, at: Timestamp) -> None:
        """Adds or replaces a location: {"id", "name", "state", "time_zone", "master"}."""
        data = _document(location)
        self._call(self._lib.tally_save_location, self._ptr(), data, len(data), _timestamp(at))

    def location(self, location_id: str) -> Location:
        return self._one(Location, "tally_location", _text(location_id, "location"))

    def locations(self) -> List[Location]:
        return self._many(Location, "tally_locations")

    def enroll(self, enrollment: Document, at: Timestamp) -> EnrollmentChange:
        """Enrolls a location in a program ({"location", "program", "distributor",
        "account_number"}), or changes its partner. Returns the enrollment and how many held
        lines it released."""
        data = _document(enrollment)
        return self._one(EnrollmentChange, "tally_enroll", data, len(data), _timestamp(at))

    def enrollments(self, location_id: str) -> List[Enrollment]:
        return self._many(Enrollment, "tally_enrollments", _text(location_id, "location"))

    def save_customer(self, customer: Document, at: Timestamp) -> Customer:
        """Adds or replaces a customer; returns it as stored (with a generated id when
        none was given)."""
        data = _document(customer)
        return self._one(Customer, "tally_save_customer", data, len(data), _timestamp(at))

    def customer(self, customer_id: str) -> Customer:
        return self._one(Customer, "tally_customer", _text(customer_id, "customer"))

    # -- checkout --

    def checkout(
        self,
        location: str,
        customer: str,
        receipt: str,
        at: Timestamp,
        multi_punch_reason: Optional[str] = None,
    ) -> "Checkout":
        """Opens a visit at the till. Nothing is stored until Checkout.finish(). Use it
        in a `with` block (or call close()) to free it."""
        args = (
            _text(location, "location"),
            _text(customer, "customer"),
            _text(receipt, "receipt"),
            _timestamp(at),
        )
        out = _native.tally_checkout_p()
        with self._lock:
            self._call(self._lib.tally_checkout_open, self._ptr(), *args, byref(out))
            handle = _Handle(out)
            self._checkouts.add(handle)
        checkout = Checkout(self, handle, location, customer, receipt)
        if multi_punch_reason is not None:
            try:
                checkout.set_multi_punch_reason(multi_punch_reason)
            except BaseException:
                checkout.close()
                raise
        return checkout

    def run_checkout(self, visit: Document) -> CheckoutResult:
        """A whole visit as one document: {"location", "customer", "receipt", "at",
        "multi_punch_reason", "lines": [...], "redemptions": [...], "redeem_later": [...],
        "points_redemptions": [{"program", "reward"}, ...]}.
        Returns the checkout result."""
        data = _document(visit)
        return self._one(CheckoutResult, "tally_run_checkout", data, len(data))

    def run_checkouts(self, visits: Sequence[Document]) -> List[CheckoutOutcome]:
        """Many whole visits in order, as a bulk load does: one storage transaction per run
        of visits at one location. Each receipt is exactly-once; a refused one is reported in
        its place (its ``error()``) and leaves no trace while the others go on."""
        if isinstance(visits, (str, bytes, Mapping)) or not isinstance(visits, collections.abc.Sequence):
            raise TypeError(f"visits: expected a list of checkout documents, got {type(visits).__name__}")
        data = b"[" + b",".join(_document(v) for v in visits) + b"]"  # each serialized once
        return self._many(CheckoutOutcome, "tally_run_checkouts", data, len(data))

    def checkout_result(self, location: str, receipt: str) -> CheckoutResult:
        """The stored result of a finished receipt."""
        return self._one(CheckoutResult, "tally_checkout_result", _text(location, "location"), _text(receipt, "receipt"))

    # -- cards, rewards, credit lines, the journal --

    def cards(self, customer: str, include_redeemed: bool = False) -> List[Card]:
        """The customer's cards; with include_redeemed the whole history."""
        return self._many(Card, "tally_cards", _text(customer, "customer"), _flag(include_redeemed, "include_redeemed"))

    def rewards(self, customer: str, location: str) -> List[Reward]:
        """Completed cards waiting for their reward, with the items allowed at `location`."""
        return self._many(Reward, "tally_rewards", _text(customer, "customer"), _text(location, "location"))

    def iter_credit_lines(self, state: Optional[str] = None, partner: Optional[str] = None) -> Iterator[CreditLine]:
        """The credit lines, optionally only those in `state` and/or of `partner`, one at a
        time. (tally_credit_lines answers them in one document; each is made a CreditLine
        as the iteration reaches it.)"""
        doc = self._get(
            "tally_credit_lines", _text(state, "state", nullable=True), _text(partner, "partner", nullable=True)
        )
        return _iter_results(CreditLine, doc)

    def credit_line(self, line_id: int) -> CreditLine:
        return self._one(CreditLine, "tally_credit_line", _integer(line_id, "line_id", _INT64))

    def journal(self, after: int = 0, limit: int = 1000) -> List[JournalEntry]:
        """One page of the journal: entries with seq > after, oldest first, at most `limit`
        (it may answer fewer while more follow: see iter_journal)."""
        return self._many(
            JournalEntry, "tally_journal", _integer(after, "after", _INT64), _integer(limit, "limit", _UINT32)
        )

    def iter_journal(self, after: int = 0, page: int = 1000) -> Iterator[JournalEntry]:
        """Every journal entry with seq > after, oldest first, read `page` entries at a
        time, up to the first empty page (nothing more yet; docs/architecture.md, "Numbers
        and the journal"). Keep the last seq to go on from there later."""
        return self._follow_journal(_integer(after, "after", _INT64), _integer(page, "page", _PAGE))

    def _follow_journal(self, after: int, page: int) -> Iterator[JournalEntry]:
        while True:
            entries = self.journal(after, page)
            if not entries:
                return
            yield from entries
            after = entries[-1].seq

    # -- loyalty points (docs/programs.md#loyalty-points) --

    def points(self, customer: str, location: str, at: Timestamp) -> List[CustomerPoints]:
        """The customer's points in every points program of the catalog: balance, debt,
        the lots unexpired at `at` in `location`'s time zone, and the rewards taken."""
        return self._many(
            CustomerPoints,
            "tally_customer_points",
            _text(customer, "customer"),
            _text(location, "location"),
            _timestamp(at),
        )

    def points_history(
        self, customer: str, program: str, after: int = 0, limit: int = 1000
    ) -> List[PointsHistoryEntry]:
        """One page of the changes of the customer's balance in a points program: entries
        numbered after `after`, oldest first, at most `limit` (see iter_points_history)."""
        return self._many(
            PointsHistoryEntry,
            "tally_points_history",
            _text(customer, "customer"),
            _text(program, "program"),
            _integer(after, "after", _INT64),
            _integer(limit, "limit", _UINT32),
        )

    def iter_points_history(
        self, customer: str, program: str, after: int = 0, page: int = 1000
    ) -> Iterator[PointsHistoryEntry]:
        """Every change of the customer's balance in a points program numbered after
        `after`, oldest first, read `page` entries at a time up to the first empty page
        (the arguments are checked before the first is read)."""
        _text(customer, "customer")
        _text(program, "program")
        return self._follow_points_history(
            customer, program, _integer(after, "after", _INT64), _integer(page, "page", _PAGE)
        )

    def _follow_points_history(
        self, customer: str, program: str, after: int, page: int
    ) -> Iterator[PointsHistoryEntry]:
        while True:
            entries = self.points_history(customer, program, after, page)
            if not entries:
                return
            yield from entries
            after = entries[-1].number

    # -- coupons (docs/programs.md#coupons) --

    def issue_coupons(self, actor: Actor, issue: Document, at: Timestamp) -> CouponIssueResult:
        """The brand (actor: {"role": "manufacturer", "id": brand}) issues a coupon to each
        customer that engaged with it as the kind requires: issue is {"manufacturer",
        "kind", "value", "upcs", "starts_on", "ends_on", "customers", "lapsed_days"}. The
        answer lists the coupons issued and the customers refused with why; a bad request
        raises and issues nothing."""
        data = _document(issue)
        return self._one(CouponIssueResult, "tally_issue_coupons", _actor(actor), data, len(data), _timestamp(at))

    def coupons(self, customer: str, include_redeemed: bool = False) -> List[Coupon]:
        """The customer's coupons, oldest first; with include_redeemed the redeemed ones too."""
        return self._many(Coupon, "tally_customer_coupons", _text(customer, "customer"),
                          _flag(include_redeemed, "include_redeemed"))

    def coupon(self, coupon_id: int) -> Coupon:
        """One coupon by id (NotFound when there is none)."""
        return self._one(Coupon, "tally_coupon", _integer(coupon_id, "coupon_id", _INT64))

    def set_coupon_opt_out(self, location: str, manufacturer: str, opted_out: bool, at: Timestamp) -> None:
        """The location opts out of one manufacturer's coupons (its tills refuse them), or
        back in with opted_out False."""
        self._call(
            self._lib.tally_set_coupon_opt_out,
            self._ptr(),
            _text(location, "location"),
            _text(manufacturer, "manufacturer"),
            _flag(opted_out, "opted_out"),
            _timestamp(at),
        )

    def _count(self, name: str, *args: Any) -> int:
        """Calls a function whose last parameter is an int32_t* count."""
        out = c_int32(0)
        self._call(getattr(self._lib, name), self._ptr(), *args, byref(out))
        return out.value

    # -- offers, adoption bundles, private programs, auto-enrollment (docs/programs.md) --

    def adoption_eligibility(
        self, customer: str, location: str, species: str, adoption_date: DateLike, source: str, at: Timestamp
    ) -> AdoptionEligibility:
        """Whether an adoption qualifies for the bundle. adoption_date: "YYYY-MM-DD" or a
        datetime.date."""
        return self._one(
            AdoptionEligibility,
            "tally_adoption_eligibility",
            _text(customer, "customer"),
            _text(location, "location"),
            _text(species, "species"),
            _date(adoption_date, "adoption_date"),
            _text(source, "source"),
            _timestamp(at),
        )

    # -- manufacturers' vouchers --

    def issue_vouchers(self, actor: Actor, issue: Document, at: Timestamp) -> List[Voucher]:
        """The brand (actor manufacturer) issues vouchers of its voucher program to a
        location: {"program", "location", "ids": [...] or "count": n, "expires":
        "YYYY-MM-DD", "note"}. The same ids on the same terms again change nothing."""
        return self._many(Voucher, "tally_issue_vouchers", _actor(actor), _document(issue), _timestamp(at))

    def vouchers(self, location: str, at: Timestamp, state: Optional[str] = None) -> List[Voucher]:
        """A location's vouchers as of `at`: all, or those "pending", "redeemed" or "expired"."""
        return self._many(
            Voucher, "tally_vouchers", _text(location, "location"), _text(state, "state", True), _timestamp(at)
        )

    def voucher(self, voucher: str, at: Timestamp) -> Voucher:
        """One voucher as of `at` (NotFound when there is none)."""
        return self._one(Voucher, "tally_voucher", _text(voucher, "voucher"), _timestamp(at))

    def change_voucher_item(
        self, actor: Actor, voucher: str, upc: str, at: Timestamp, unit_price: Optional[int] = None
    ) -> Voucher:
        """The store takes a redeemed voucher in another item of its list while its credit
        line is new and not batched (InvalidState after); the line follows."""
        return self._one(
            Voucher,
            "tally_change_voucher_item",
            _actor(actor),
            _text(voucher, "voucher"),
            _text(upc, "upc"),
            _price(unit_price),
            _timestamp(at),
        )

    def review_enrollment(self, actor: Actor, location: str, program: str, approve: bool, at: Timestamp) -> Enrollment:
        """The brand approves or denies a pending enrollment in a private program."""
        return self._one(
            Enrollment,
            "tally_review_enrollment",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            _flag(approve, "approve"),
            _timestamp(at),
        )

    def add_auto_enrollment(self, rule: Document, at: Timestamp) -> int:
        """Adds an auto-enrollment rule ({"id", "locations", "manufacturer",
        "distributor", "account_numbers"}); returns how many enrollments it made."""
        data = _document(rule)
        return self._count("tally_add_auto_enrollment", data, len(data), _timestamp(at))

    def remove_auto_enrollment(self, rule_id: str, at: Timestamp) -> None:
        self._call(self._lib.tally_remove_auto_enrollment, self._ptr(), _text(rule_id, "rule"), _timestamp(at))

    def auto_enrollments(self) -> List[AutoEnrollment]:
        return self._many(AutoEnrollment, "tally_auto_enrollments")

    # -- credit-line lifecycles (docs/lifecycles.md); actor: {"role", "id"}, (role, id) or a role --

    def _step(self, kind: Type[R], name: str, actor: Actor, field: str, record: int, at: Timestamp) -> R:
        """A lifecycle step on one credit line or batch: (actor, its id, at)."""
        return self._one(kind, name, _actor(actor), _integer(record, field, _INT64), _timestamp(at))

    def pull_batch(
        self,
        actor: Actor,
        name: str,
        at: Timestamp,
        locations: Optional[Sequence[str]] = None,
        stream: Optional[str] = None,
    ) -> Batch:
        """The partner pulls every new line of `stream` ("free_goods" when None) at
        `locations` (all when None) into a new batch."""
        return self._one(
            Batch,
            "tally_pull_batch",
            _actor(actor),
            _text(name, "name"),
            _ids(locations, "locations"),
            _text(stream, "stream", nullable=True),
            _timestamp(at),
        )

    def unbatch_line(self, actor: Actor, line_id: int, at: Timestamp) -> CreditLine:
        return self._step(CreditLine, "tally_unbatch_line", actor, "line_id", line_id, at)

    def unbatch(self, actor: Actor, batch_id: int, at: Timestamp) -> Batch:
        return self._step(Batch, "tally_unbatch", actor, "batch_id", batch_id, at)

    def decline_line(self, actor: Actor, line_id: int, reason: str, note: str, at: Timestamp) -> CreditLine:
        return self._one(
            CreditLine,
            "tally_decline_line",
            _actor(actor),
            _integer(line_id, "line_id", _INT64),
            _text(reason, "reason"),
            _text(note, "note"),
            _timestamp(at),
        )

    def fulfill_batch(self, actor: Actor, batch_id: int, memo: Document, at: Timestamp) -> Batch:
        """memo: {"number": ..., "amount": cents, "note": ...}."""
        return self._one(
            Batch,
            "tally_fulfill_batch",
            _actor(actor),
            _integer(batch_id, "batch_id", _INT64),
            _json_text(memo, "memo"),
            _timestamp(at),
        )

    def claim_credit(
        self, actor: Actor, manufacturer: str, name: str, at: Timestamp, batch_ids: Optional[Sequence[int]] = None
    ) -> Batch:
        """A distributor claims its credited lines of `manufacturer` (from `batch_ids`, or
        every fulfilled batch when None) in a credit batch."""
        ids = None if batch_ids is None else [_integer(i, "batch_ids[]", _INT64) for i in _sequence(batch_ids, "batch_ids")]
        return self._one(
            Batch,
            "tally_claim_credit",
            _actor(actor),
            _text(manufacturer, "manufacturer"),
            _json_text(ids, "batch_ids", nullable=True),
            _text(name, "name"),
            _timestamp(at),
        )

    def pay_credit_batch(self, actor: Actor, batch_id: int, at: Timestamp) -> Batch:
        return self._step(Batch, "tally_pay_credit_batch", actor, "batch_id", batch_id, at)

    def reassign_to_holding(self, actor: Actor, location: str, program: str, at: Timestamp) -> int:
        """The distributor stops serving the location for the program; returns how many
        lines became held."""
        return self._count(
            "tally_reassign_to_holding",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            _timestamp(at),
        )

    def reconcile_line(self, actor: Actor, line_id: int, at: Timestamp) -> CreditLine:
        return self._step(CreditLine, "tally_reconcile_line", actor, "line_id", line_id, at)

    def reconcile_batch(self, actor: Actor, batch_id: int, at: Timestamp) -> Batch:
        return self._step(Batch, "tally_reconcile_batch", actor, "batch_id", batch_id, at)

    def fix_account_number(
        self, actor: Actor, location: str, program: str, account_number: str, at: Timestamp
    ) -> Enrollment:
        return self._one(
            Enrollment,
            "tally_fix_account_number",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            _text(account_number, "account_number"),
            _timestamp(at),
        )

    def resubmit_line(self, actor: Actor, line_id: int, note: str, at: Timestamp) -> CreditLine:
        return self._one(
            CreditLine,
            "tally_resubmit_line",
            _actor(actor),
            _integer(line_id, "line_id", _INT64),
            _text(note, "note"),
            _timestamp(at),
        )

    def create_retailer_batch(
        self, actor: Actor, name: str, at: Timestamp, locations: Optional[Sequence[str]] = None
    ) -> Batch:
        return self._one(
            Batch,
            "tally_create_retailer_batch",
            _actor(actor),
            _text(name, "name"),
            _ids(locations, "locations"),
            _timestamp(at),
        )

    def submit_retailer_batch(self, actor: Actor, batch_id: int, at: Timestamp) -> Batch:
        return self._step(Batch, "tally_submit_retailer_batch", actor, "batch_id", batch_id, at)

    def complete_retailer_batch(self, actor: Actor, batch_id: int, at: Timestamp) -> Batch:
        return self._step(Batch, "tally_complete_retailer_batch", actor, "batch_id", batch_id, at)

    def set_cadence(self, location: str, cadence: str, anchor_date: DateLike, at: Timestamp) -> None:
        """cadence: "weekly", "biweekly", "monthly" or "manual"; anchor_date: YYYY-MM-DD."""
        self._call(
            self._lib.tally_set_cadence,
            self._ptr(),
            _text(location, "location"),
            _text(cadence, "cadence"),
            _date(anchor_date, "anchor_date"),
            _timestamp(at),
        )

    def batches_due(self, date: DateLike) -> List[BatchDue]:
        return self._many(BatchDue, "tally_batches_due", _date(date, "date"))

    def batch(self, batch_id: int) -> Batch:
        return self._one(Batch, "tally_batch", _integer(batch_id, "batch_id", _INT64))

    def batches(self, partner: Optional[str] = None) -> List[Batch]:
        return self._many(Batch, "tally_batches", _text(partner, "partner", nullable=True))

    # -- corrections after finishing (docs/corrections.md) --

    def undo_redemption(
        self,
        actor: Actor,
        redemption_id: int,
        at: Timestamp,
        upc: Optional[str] = None,
        unit_price: Optional[int] = None,
        reverse: bool = False,
    ) -> Redemption:
        """Removes a finished redemption (upc None), or removes it and reselects `upc`;
        reverse asks for a reversal line when the credit line was already credited."""
        return self._one(
            Redemption,
            "tally_undo_redemption",
            _actor(actor),
            _integer(redemption_id, "redemption_id", _INT64),
            _text(upc, "upc", nullable=True),
            _price(unit_price),
            _flag(reverse, "reverse"),
            _timestamp(at),
        )

    def return_items(self, request: Document) -> ReturnResult:
        """{"location", "receipt", "line", "quantity", "return_id", "at"}."""
        data = _document(request)
        return self._one(ReturnResult, "tally_return_items", data, len(data))

    def split_card(self, customer: str, card_number: int, punch_indexes: Iterable[int], at: Timestamp) -> List[Card]:
        """Moves the punches at `punch_indexes` of an open card to a new card; returns
        [the card kept, the new card]."""
        indexes = [_integer(i, "punch_indexes[]", _INT32) for i in _sequence(punch_indexes, "punch_indexes")]
        array = (c_int32 * len(indexes))(*indexes) if indexes else None
        return self._many(
            Card,
            "tally_split_card",
            _text(customer, "customer"),
            _integer(card_number, "card_number", _INT64),
            array,
            len(indexes),
            _timestamp(at),
        )

    def merge_customers(self, survivor: str, duplicate: str, at: Timestamp) -> Customer:
        return self._one(
            Customer, "tally_merge_customers", _text(survivor, "survivor"), _text(duplicate, "duplicate"), _timestamp(at)
        )

    # -- reports (docs/reports.md) and the Command Center --

    def report(self, kind: str, at: Timestamp, query: Optional[Mapping[str, Any]] = None) -> Report:
        """A report (free_goods_credit_status, rebate_credit_status, ...) as a Report.
        For the CSV text, use report_csv."""
        return Report.from_document(_parse(self._report(kind, at, query, "json")))

    def report_csv(self, kind: str, at: Timestamp, query: Optional[Mapping[str, Any]] = None) -> str:
        """A report as CSV text (RFC 4180, docs/reports.md)."""
        return self._report(kind, at, query, "csv")

    def _report(self, kind: str, at: Timestamp, query: Optional[Mapping[str, Any]], form: str) -> str:
        if query is not None and not isinstance(query, Mapping):
            raise TypeError(f"query: expected a dict, got {type(query).__name__}")
        if query is not None and query.get("format", form) != form:
            raise ValueError(f"query.format: {query['format']!r}; call report() for JSON, report_csv() for CSV")
        data = _document(dict(query or {}, format=form))
        out = c_void_p()
        self._call(
            self._lib.tally_report, self._ptr(), _text(kind, "kind"), data, len(data), _timestamp(at), byref(out)
        )
        return self._lib.take_string(out) or ""

    def command_center(self, location: str, at: Timestamp) -> CommandCenter:
        return self._one(CommandCenter, "tally_command_center", _text(location, "location"), _timestamp(at))

    def set_billing_flag(self, location: str, flag: Optional[str], at: Timestamp) -> None:
        """Sets the location's billing flag; None or "" clears it."""
        self._call(
            self._lib.tally_set_billing_flag,
            self._ptr(),
            _text(location, "location"),
            _text(flag, "flag", nullable=True),
            _timestamp(at),
        )


# --- Checkout -------------------------------------------------------------------------


class Checkout(_Closing):
    """One visit at the till (Engine.checkout()). Nothing is stored until finish().
    Belongs to one thread at a time. Free it with close() or a `with` block."""

    def __init__(self, engine: Engine, handle: _Handle, location: str, customer: str, receipt: str) -> None:
        self.engine = engine  # keeps the engine open while the checkout lives
        self._handle = handle
        self.location = location
        self.customer = customer
        self.receipt = receipt

    # -- life cycle --

    @property
    def closed(self) -> bool:
        return self._handle.ptr is None

    def close(self) -> None:
        """Frees the checkout (tally_checkout_free). Idempotent."""
        handle = getattr(self, "_handle", None)
        engine = getattr(self, "engine", None)
        if handle is None or engine is None or handle.ptr is None:
            return
        if _in_library_call():
            # Called from inside a library call on this thread (a store callback, or the
            # garbage collector running there): free it at the engine's next call.
            engine._deferred.append(handle)
            return
        with engine._lock:
            if handle.ptr is None:
                return
            ptr, handle.ptr = handle.ptr, None
            engine._checkouts.discard(handle)
            with _library_call:
                engine._lib.tally_checkout_free(ptr)

    free = close

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open"
        return f"<tally.Checkout {self.location}/{self.receipt} customer={self.customer} {state}>"

    def _ptr(self) -> Any:
        ptr = self._handle.ptr
        if ptr is None:
            raise _errors.InvalidState(_errors.E_INVALID_STATE, "checkout: is closed")
        return ptr

    def _call(self, name: str, *args: Any) -> None:
        self.engine._call(getattr(self.engine._lib, name), self._ptr(), *args)

    def _get(self, name: str, *args: Any) -> Any:
        out = c_void_p()
        self._call(name, *args, byref(out))
        return _parse(self.engine._lib.take_string(out))

    # -- the visit --

    def add_line(self, upc: str, quantity: int, unit_price: int) -> int:
        """Adds a sale line (unit_price: the shelf price in cents, always from the till);
        returns how many punches it made."""
        punches = c_int32(0)
        self._call(
            "tally_checkout_add_line",
            _text(upc, "upc"),
            _integer(quantity, "quantity", _INT32, _errors.E_INVALID_QUANTITY),
            _integer(unit_price, "unit_price", _INT64, _errors.E_INVALID_PRICE),
            byref(punches),
        )
        return punches.value

    def add_line_json(self, line: Document) -> List[Punch]:
        """Adds a sale line given as a document, e.g. {"upc": ..., "quantity": 1,
        "unit_price": 1999, "exception": {"program": ..., "card": ..., "reason": ...}}.
        Returns the punches it made."""
        data = _document(line)
        return _results_of(Punch, self._get("tally_checkout_add_line_json", data, len(data)))

    def punches(self) -> List[Punch]:
        """Every punch the visit makes so far."""
        return _results_of(Punch, self._get("tally_checkout_punches"))

    def rewards(self) -> List[Reward]:
        """Completed cards waiting for their reward, each with exactly the items it allows."""
        return _results_of(Reward, self._get("tally_checkout_rewards"))

    def redeem(self, program: str, card: str, upc: str, unit_price: Optional[int] = None) -> int:
        """Redeems `upc` on the oldest completed card of that type; unit_price None uses the
        last known shelf price. Returns the redemption's index in this visit."""
        price = _price(unit_price)
        index = c_int32(-1)
        self._call(
            "tally_checkout_redeem",
            _text(program, "program"),
            _text(card, "card"),
            _text(upc, "upc"),
            price,
            byref(index),
        )
        return index.value

    def use_pass(self, program: str, card: str, quantity: int = 1) -> int:
        """Uses the customer's prepaid pass of that card type `quantity` times, the oldest
        pass first; a use beyond the uses left raises PassUsedUp. Returns the pass use's
        index in this visit."""
        index = c_int32(-1)
        self._call(
            "tally_checkout_use_pass",
            _text(program, "program"),
            _text(card, "card"),
            _integer(quantity, "quantity", _INT32),
            byref(index),
        )
        return index.value

    def redeem_later(self, program: str, card: str) -> None:
        """The customer leaves the reward on the completed card for a later visit."""
        self._call("tally_checkout_redeem_later", _text(program, "program"), _text(card, "card"))

    def undo_redemption(self, index: int) -> None:
        """Takes back a redemption of this visit (by the index redeem() returned)."""
        self._call("tally_checkout_undo_redemption", _integer(index, "index", _INT32))

    def set_multi_punch_reason(self, reason: str) -> None:
        """The reason several punches go on one card in this visit (e.g. "converting a
        paper card")."""
        self._call("tally_checkout_set_multi_punch_reason", _text(reason, "reason"))

    def finish(self) -> CheckoutResult:
        """Stores the visit in one transaction and returns the result. A receipt finished
        before returns its first result with replayed True and changes nothing."""
        return CheckoutResult.from_document(self._get("tally_checkout_finish"))

    # -- offers and adoption bundles (docs/programs.md) --

    def offers(self) -> List[Offer]:
        """Every offer the location is enrolled in, as it stands for this basket."""
        return _results_of(Offer, self._get("tally_checkout_offers"))

    def redeem_offer(self, offer: str, upc: Optional[str] = None, unit_price: Optional[int] = None) -> int:
        """Takes an offer; upc is the reward item of a free-good offer (ignored for
        rebates). Returns the redemption's index in this visit."""
        index = c_int32(-1)
        self._call(
            "tally_checkout_redeem_offer",
            _text(offer, "offer"),
            _text(upc, "upc", nullable=True),
            _price(unit_price),
            byref(index),
        )
        return index.value

    # -- loyalty points (docs/programs.md#loyalty-points) --

    def points(self) -> List[PointsStatus]:
        """Every active points program the location runs, as it stands for this visit: the
        balance, what the basket earns so far, what the rewards taken cost, the balance
        after, and each active reward with whether it may be taken now."""
        return _results_of(PointsStatus, self._get("tally_checkout_points"))

    def redeem_points(self, program: str, reward: str) -> int:
        """Pays for a points reward in this visit; refused at once when it cannot be taken
        (InsufficientPoints, LimitReached, RewardNotAvailable, NotEnrolled, UnknownProgram).
        Returns its index among the visit's points redemptions (for undo_points_redemption)."""
        index = c_int32(-1)
        self._call("tally_checkout_redeem_points", _text(program, "program"), _text(reward, "reward"), byref(index))
        return index.value

    def undo_points_redemption(self, index: int) -> None:
        """Takes back a points redemption of this visit (by the index redeem_points() returned)."""
        self._call("tally_checkout_undo_points_redemption", _integer(index, "index", _INT32))

    def vouchers(self) -> List[Voucher]:
        """The location's manufacturer's vouchers this visit may still redeem, each with the
        items it may be taken in."""
        return _results_of(Voucher, self._get("tally_checkout_vouchers"))

    def redeem_voucher(self, voucher: str, upc: str, unit_price: Optional[int] = None) -> int:
        """Redeems a voucher for one unit of an item of its list; refused at once (NotFound,
        WrongLocation, VoucherUsed, VoucherExpired, ItemNotAllowed). Returns its index among
        the visit's voucher redemptions."""
        price = _price(unit_price)
        index = c_int32(-1)
        self._call("tally_checkout_redeem_voucher", _text(voucher, "voucher"), _text(upc, "upc"), price, byref(index))
        return index.value

    def undo_voucher_redemption(self, index: int) -> None:
        """Takes back a voucher redemption of this visit (by the index redeem_voucher() returned)."""
        self._call("tally_checkout_undo_voucher_redemption", _integer(index, "index", _INT32))

    # -- coupons (docs/programs.md#coupons) --

    def coupons(self) -> List[CouponStatus]:
        """The customer's coupons not yet redeemed, as they stand for this visit: each usable
        now or the status that refuses it."""
        return _results_of(CouponStatus, self._get("tally_checkout_coupons"))

    def redeem_coupon(self, coupon_id: int) -> int:
        """Redeems one of the customer's coupons in this visit; refused at once when it
        cannot be (CouponUsed, CouponExpired, CouponNotApplicable, NotFound). Returns its
        index among the visit's coupon redemptions (for undo_coupon_redemption)."""
        index = c_int32(-1)
        self._call("tally_checkout_redeem_coupon", _integer(coupon_id, "coupon_id", _INT64), byref(index))
        return index.value

    def undo_coupon_redemption(self, index: int) -> None:
        """Takes back a coupon redemption of this visit (by the index redeem_coupon() returned)."""
        self._call("tally_checkout_undo_coupon_redemption", _integer(index, "index", _INT32))

    def decline_offer(self, offer: str) -> None:
        self._call("tally_checkout_decline_offer", _text(offer, "offer"))

    def redeem_adoption(self, adoption: Document) -> None:
        """{"species", "adoption_date", "source", "bonded_pair", "upcs": [...], "unit_prices": [...]}."""
        data = _document(adoption)
        self._call("tally_checkout_redeem_adoption", data, len(data))
