# SPDX-License-Identifier: Apache-2.0
"""Tally: frequent-buyer loyalty programs at the till, from Python.

A thin, pure-Python binding over the C ABI of libtally (capi/tally.h) with ctypes.
Documents go in and come out as dicts and lists (JSON underneath); times are Unix
seconds (int) or timezone-aware datetimes; money is int cents.

    import tally

    with tally.Engine.sqlite("shop.db") as engine:
        engine.load_catalog(catalog, at=now)
        with engine.checkout("raleigh", "C1001", "R-1001", now) as visit:
            visit.add_line("084213101044", quantity=1, unit_price=1899)
            for reward in visit.rewards():
                visit.redeem(reward["program"], reward["card"], reward["allowed"][0]["upc"])
            result = visit.finish()

libtally itself is needed at run time: set TALLY_LIBRARY to its path, or install it on
the system library path (see tally._native).
"""

from __future__ import annotations

import ctypes
import datetime as _dt
import json as _json
import numbers
import os
import threading
from ctypes import byref, c_int32, c_void_p
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _native
from ._store import StoreAdapter
from .errors import (
    Conflict,
    InternalError,
    InvalidInput,
    NotFound,
    StorageBusy,
    StorageError,
    StoreBusy,
    TallyError,
    Unsupported,
    error_for,
)
from . import errors as _errors

__version__ = "0.2.0"

__all__ = [
    "Engine",
    "Checkout",
    "TallyError",
    "InvalidInput",
    "NotFound",
    "Conflict",
    "StorageError",
    "StorageBusy",
    "InternalError",
    "Unsupported",
    "StoreBusy",
    "PRICE_LAST_KNOWN",
    "version",
    "version_number",
    "status_name",
    "load_library",
]

#: Pass as a unit price to use the last shelf price the store saw for the item.
PRICE_LAST_KNOWN = _native.TALLY_PRICE_LAST_KNOWN

Timestamp = Union[int, _dt.datetime]
Document = Union[Dict[str, Any], List[Any], str, bytes]

_INT32 = (-(2**31), 2**31 - 1)
_INT64 = (-(2**63), 2**63 - 1)
_UINT32 = (0, 2**32 - 1)
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


def _invalid(field: str, problem: str, code: int = _errors.E_INVALID_ARGUMENT) -> InvalidInput:
    return InvalidInput(code, f"{field}: {problem}")


def _integer(value: Any, field: str, bounds: Tuple[int, int], code: int = _errors.E_INVALID_ARGUMENT) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{field}: expected an int, got {type(value).__name__}")
    value = int(value)
    if not bounds[0] <= value <= bounds[1]:
        raise _invalid(field, f"{value} is out of range", code)
    return value


def _timestamp(at: Timestamp, field: str = "at") -> int:
    """Unix seconds from an int or a timezone-aware datetime."""
    if isinstance(at, _dt.datetime):
        if at.tzinfo is None or at.tzinfo.utcoffset(at) is None:
            raise ValueError(f"{field}: a naive datetime is ambiguous; give it a tzinfo (e.g. timezone.utc)")
        return (at - _EPOCH) // _dt.timedelta(seconds=1)
    return _integer(at, field, _INT64)


def _text(value: Optional[str], field: str, nullable: bool = False) -> Optional[bytes]:
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


def _json_default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
            raise ValueError("a naive datetime in a document is ambiguous; give it a tzinfo")
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _document(doc: Document) -> bytes:
    """A document as JSON text: dicts and lists are serialized, str and bytes passed as
    they are (the library validates them)."""
    if isinstance(doc, (bytes, bytearray, memoryview)):
        return bytes(doc)
    if isinstance(doc, str):
        return doc.encode("utf-8")
    return _json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=_json_default).encode("utf-8")


def _parse(text: Optional[str]) -> Any:
    return None if text is None else _json.loads(text)


def _json_text(value: Any, field: str, nullable: bool = False) -> Optional[bytes]:
    """A NUL-terminated JSON parameter (actor, memo, lists of ids); None passes NULL."""
    if value is None:
        if nullable:
            return None
        raise TypeError(f"{field}: expected a document, got None")
    return _text(_document(value), field)


def _actor(actor: Any) -> bytes:
    """Who acts, as tally.h's actor_json: a dict {"role": ..., "id": ...}, a (role, id)
    pair, a bare role ("retailer"), or the JSON text itself."""
    if isinstance(actor, (tuple, list)) and len(actor) == 2:
        actor = {"role": actor[0], "id": actor[1]}
    elif isinstance(actor, str) and not actor.lstrip().startswith("{"):
        actor = {"role": actor}
    return _json_text(actor, "actor")


def _date(value: Any, field: str, nullable: bool = False) -> Optional[bytes]:
    """A business date "YYYY-MM-DD" from a str or a datetime.date."""
    if isinstance(value, _dt.datetime):
        raise TypeError(f"{field}: expected a date (YYYY-MM-DD), got a datetime")
    if isinstance(value, _dt.date):
        value = value.isoformat()
    return _text(value, field, nullable)


def _price(value: Optional[int], field: str = "unit_price") -> int:
    return PRICE_LAST_KNOWN if value is None else _integer(value, field, _INT64, _errors.E_INVALID_PRICE)


class _Handle:
    """A native pointer shared by the objects that may free it; ptr is None once freed."""

    __slots__ = ("ptr",)

    def __init__(self, ptr) -> None:
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


class _Closing:
    """A handle owner usable in `with`, closed at the latest when collected."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self):
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

    def __init__(self, *_args, **_kwargs) -> None:
        raise TypeError("use Engine.sqlite(), Engine.postgres(), Engine.memory() or Engine.with_store()")

    @classmethod
    def _open(cls, kind: str, opener, adapter: Optional[StoreAdapter] = None) -> "Engine":
        lib = _native.lib()
        self = cls.__new__(cls)
        self._lib = lib
        self._kind = kind
        self._handle = _Handle(None)
        self._adapter = adapter  # keeps the callbacks alive as long as the engine
        self._checkouts = set()
        self._deferred: List[_Handle] = []  # checkouts finalized during a library call
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
    def _options(options: Dict[str, Any]) -> Optional[bytes]:
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
        return text.decode("utf-8", "replace") if text else ""

    # -- calling the library --

    def _ptr(self):
        ptr = self._handle.ptr
        if ptr is None:
            raise _errors.Conflict(_errors.E_INVALID_STATE, "engine: is closed")
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

    def _call(self, function, *args) -> None:
        if self._deferred and not _in_library_call():
            self._free_deferred()
        if self._adapter is not None:
            self._adapter.clear_error()
        with _library_call:
            status = function(*args)
        if status != 0:
            raise self._error(status)

    def _get(self, name: str, *args) -> Any:
        """Calls a function whose last parameter is a char** document; returns it parsed."""
        out = c_void_p()
        self._call(getattr(self._lib, name), self._ptr(), *args, byref(out))
        return _parse(self._lib.take_string(out))

    # -- catalog, locations, enrollments, customers --

    def load_catalog(self, catalog: Document, at: Timestamp) -> Dict[str, int]:
        """Adds or replaces manufacturers, distributors, products and programs (a dict or
        JSON text, docs/catalog.md). Returns {"manufacturers": n, "distributors": n,
        "products": n, "programs": n}. A document that fails changes nothing."""
        data = _document(catalog)
        return self._get("tally_load_catalog", data, len(data), _timestamp(at))

    def catalog(self) -> Dict[str, Any]:
        """The stored catalog, as one document of the same shape."""
        return self._get("tally_catalog")

    def save_location(self, location: Document, at: Timestamp) -> None:
        """Adds or replaces a location: {"id", "name", "state", "time_zone", "master"}."""
        data = _document(location)
        self._call(self._lib.tally_save_location, self._ptr(), data, len(data), _timestamp(at))

    def location(self, location_id: str) -> Dict[str, Any]:
        return self._get("tally_location", _text(location_id, "location"))

    def locations(self) -> List[Dict[str, Any]]:
        return self._get("tally_locations")

    def enroll(self, enrollment: Document, at: Timestamp) -> Dict[str, Any]:
        """Enrolls a location in a program ({"location", "program", "distributor",
        "account_number"}), or changes its partner. Returns {"enrollment": {...},
        "released_lines": n}."""
        data = _document(enrollment)
        return self._get("tally_enroll", data, len(data), _timestamp(at))

    def enrollments(self, location_id: str) -> List[Dict[str, Any]]:
        return self._get("tally_enrollments", _text(location_id, "location"))

    def save_customer(self, customer: Document, at: Timestamp) -> Dict[str, Any]:
        """Adds or replaces a customer; returns it as stored (with a generated id when
        none was given)."""
        data = _document(customer)
        return self._get("tally_save_customer", data, len(data), _timestamp(at))

    def customer(self, customer_id: str) -> Dict[str, Any]:
        return self._get("tally_customer", _text(customer_id, "customer"))

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

    def run_checkout(self, visit: Document) -> Dict[str, Any]:
        """A whole visit as one document: {"location", "customer", "receipt", "at",
        "multi_punch_reason", "lines": [...], "redemptions": [...], "redeem_later": [...]}.
        Returns the checkout result."""
        data = _document(visit)
        return self._get("tally_run_checkout", data, len(data))

    def checkout_result(self, location: str, receipt: str) -> Dict[str, Any]:
        """The stored result of a finished receipt."""
        return self._get("tally_checkout_result", _text(location, "location"), _text(receipt, "receipt"))

    # -- cards, rewards, credit lines, the journal --

    def cards(self, customer: str, include_redeemed: bool = False) -> List[Dict[str, Any]]:
        """The customer's cards; with include_redeemed the whole history."""
        return self._get("tally_cards", _text(customer, "customer"), 1 if include_redeemed else 0)

    def rewards(self, customer: str, location: str) -> List[Dict[str, Any]]:
        """Completed cards waiting for their reward, with the items allowed at `location`."""
        return self._get("tally_rewards", _text(customer, "customer"), _text(location, "location"))

    def credit_lines(self, state: Optional[str] = None, partner: Optional[str] = None) -> List[Dict[str, Any]]:
        """Credit lines, optionally only those in `state` and/or of `partner`."""
        return self._get(
            "tally_credit_lines", _text(state, "state", nullable=True), _text(partner, "partner", nullable=True)
        )

    def credit_line(self, line_id: int) -> Dict[str, Any]:
        return self._get("tally_credit_line", _integer(line_id, "line_id", _INT64))

    def journal(self, after: int = 0, limit: int = 1000) -> List[Dict[str, Any]]:
        """Journal entries with seq > after, oldest first, at most `limit`."""
        return self._get("tally_journal", _integer(after, "after", _INT64), _integer(limit, "limit", _UINT32))

    def _count(self, name: str, *args) -> int:
        """Calls a function whose last parameter is an int32_t* count."""
        out = c_int32(0)
        self._call(getattr(self._lib, name), self._ptr(), *args, byref(out))
        return out.value

    # -- offers, adoption bundles, private programs, auto-enrollment (docs/programs.md) --

    def adoption_eligibility(
        self, customer: str, location: str, species: str, adoption_date: Any, source: str, at: Timestamp
    ) -> Dict[str, Any]:
        """Whether an adoption qualifies for the bundle: {"eligible", "reason",
        "next_eligible"}. adoption_date: "YYYY-MM-DD" or a datetime.date."""
        return self._get(
            "tally_adoption_eligibility",
            _text(customer, "customer"),
            _text(location, "location"),
            _text(species, "species"),
            _date(adoption_date, "adoption_date"),
            _text(source, "source"),
            _timestamp(at),
        )

    def review_enrollment(self, actor: Any, location: str, program: str, approve: bool, at: Timestamp) -> Dict[str, Any]:
        """The brand approves or denies a pending enrollment in a private program."""
        return self._get(
            "tally_review_enrollment",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            1 if approve else 0,
            _timestamp(at),
        )

    def add_auto_enrollment(self, rule: Document, at: Timestamp) -> int:
        """Adds an auto-enrollment rule ({"id", "locations", "manufacturer",
        "distributor", "account_numbers"}); returns how many enrollments it made."""
        data = _document(rule)
        return self._count("tally_add_auto_enrollment", data, len(data), _timestamp(at))

    def remove_auto_enrollment(self, rule_id: str, at: Timestamp) -> None:
        self._call(self._lib.tally_remove_auto_enrollment, self._ptr(), _text(rule_id, "rule"), _timestamp(at))

    def auto_enrollments(self) -> List[Dict[str, Any]]:
        return self._get("tally_auto_enrollments")

    # -- credit-line lifecycles (docs/lifecycles.md); actor: {"role", "id"}, (role, id) or a role --

    def pull_batch(
        self, actor: Any, name: str, at: Timestamp, locations: Optional[List[str]] = None, stream: Optional[str] = None
    ) -> Dict[str, Any]:
        """The partner pulls every new line of `stream` ("free_goods" when None) at
        `locations` (all when None) into a new batch."""
        return self._get(
            "tally_pull_batch",
            _actor(actor),
            _text(name, "name"),
            _json_text(locations, "locations", nullable=True),
            _text(stream, "stream", nullable=True),
            _timestamp(at),
        )

    def unbatch_line(self, actor: Any, line_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_unbatch_line", _actor(actor), _integer(line_id, "line_id", _INT64), _timestamp(at))

    def unbatch(self, actor: Any, batch_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_unbatch", _actor(actor), _integer(batch_id, "batch_id", _INT64), _timestamp(at))

    def decline_line(self, actor: Any, line_id: int, reason: str, note: str, at: Timestamp) -> Dict[str, Any]:
        return self._get(
            "tally_decline_line",
            _actor(actor),
            _integer(line_id, "line_id", _INT64),
            _text(reason, "reason"),
            _text(note, "note"),
            _timestamp(at),
        )

    def fulfill_batch(self, actor: Any, batch_id: int, memo: Document, at: Timestamp) -> Dict[str, Any]:
        """memo: {"number": ..., "amount": cents, "note": ...}."""
        return self._get(
            "tally_fulfill_batch",
            _actor(actor),
            _integer(batch_id, "batch_id", _INT64),
            _json_text(memo, "memo"),
            _timestamp(at),
        )

    def claim_credit(
        self, actor: Any, manufacturer: str, name: str, at: Timestamp, batch_ids: Optional[List[int]] = None
    ) -> Dict[str, Any]:
        """A distributor claims its credited lines of `manufacturer` (from `batch_ids`, or
        every fulfilled batch when None) in a credit batch."""
        return self._get(
            "tally_claim_credit",
            _actor(actor),
            _text(manufacturer, "manufacturer"),
            _json_text(batch_ids, "batch_ids", nullable=True),
            _text(name, "name"),
            _timestamp(at),
        )

    def pay_credit_batch(self, actor: Any, batch_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_pay_credit_batch", _actor(actor), _integer(batch_id, "batch_id", _INT64), _timestamp(at))

    def reassign_to_holding(self, actor: Any, location: str, program: str, at: Timestamp) -> int:
        """The distributor stops serving the location for the program; returns how many
        lines became held."""
        return self._count(
            "tally_reassign_to_holding",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            _timestamp(at),
        )

    def reconcile_line(self, actor: Any, line_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_reconcile_line", _actor(actor), _integer(line_id, "line_id", _INT64), _timestamp(at))

    def reconcile_batch(self, actor: Any, batch_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_reconcile_batch", _actor(actor), _integer(batch_id, "batch_id", _INT64), _timestamp(at))

    def fix_account_number(
        self, actor: Any, location: str, program: str, account_number: str, at: Timestamp
    ) -> Dict[str, Any]:
        return self._get(
            "tally_fix_account_number",
            _actor(actor),
            _text(location, "location"),
            _text(program, "program"),
            _text(account_number, "account_number"),
            _timestamp(at),
        )

    def resubmit_line(self, actor: Any, line_id: int, note: str, at: Timestamp) -> Dict[str, Any]:
        return self._get(
            "tally_resubmit_line", _actor(actor), _integer(line_id, "line_id", _INT64), _text(note, "note"), _timestamp(at)
        )

    def create_retailer_batch(
        self, actor: Any, name: str, at: Timestamp, locations: Optional[List[str]] = None
    ) -> Dict[str, Any]:
        return self._get(
            "tally_create_retailer_batch",
            _actor(actor),
            _text(name, "name"),
            _json_text(locations, "locations", nullable=True),
            _timestamp(at),
        )

    def submit_retailer_batch(self, actor: Any, batch_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get(
            "tally_submit_retailer_batch", _actor(actor), _integer(batch_id, "batch_id", _INT64), _timestamp(at)
        )

    def complete_retailer_batch(self, actor: Any, batch_id: int, at: Timestamp) -> Dict[str, Any]:
        return self._get(
            "tally_complete_retailer_batch", _actor(actor), _integer(batch_id, "batch_id", _INT64), _timestamp(at)
        )

    def set_cadence(self, location: str, cadence: str, anchor_date: Any, at: Timestamp) -> None:
        """cadence: "weekly", "biweekly", "monthly" or "manual"; anchor_date: YYYY-MM-DD."""
        self._call(
            self._lib.tally_set_cadence,
            self._ptr(),
            _text(location, "location"),
            _text(cadence, "cadence"),
            _date(anchor_date, "anchor_date"),
            _timestamp(at),
        )

    def batches_due(self, date: Any) -> List[Dict[str, Any]]:
        return self._get("tally_batches_due", _date(date, "date"))

    def batch(self, batch_id: int) -> Dict[str, Any]:
        return self._get("tally_batch", _integer(batch_id, "batch_id", _INT64))

    def batches(self, partner: Optional[str] = None) -> List[Dict[str, Any]]:
        return self._get("tally_batches", _text(partner, "partner", nullable=True))

    # -- corrections after finishing (docs/corrections.md) --

    def undo_redemption(
        self,
        actor: Any,
        redemption_id: int,
        at: Timestamp,
        upc: Optional[str] = None,
        unit_price: Optional[int] = None,
        reverse: bool = False,
    ) -> Dict[str, Any]:
        """Removes a finished redemption (upc None), or removes it and reselects `upc`;
        reverse asks for a reversal line when the credit line was already credited."""
        return self._get(
            "tally_undo_redemption",
            _actor(actor),
            _integer(redemption_id, "redemption_id", _INT64),
            _text(upc, "upc", nullable=True),
            _price(unit_price),
            1 if reverse else 0,
            _timestamp(at),
        )

    def return_items(self, request: Document) -> Dict[str, Any]:
        """{"location", "receipt", "line", "quantity", "return_id", "at"}."""
        data = _document(request)
        return self._get("tally_return_items", data, len(data))

    def split_card(self, customer: str, card_number: int, punch_indexes: Iterable[int], at: Timestamp) -> List[Dict[str, Any]]:
        """Moves the punches at `punch_indexes` of an open card to a new card; returns
        [the card kept, the new card]."""
        indexes = [_integer(i, "punch_indexes[]", _INT32) for i in punch_indexes]
        array = (c_int32 * len(indexes))(*indexes) if indexes else None
        return self._get(
            "tally_split_card",
            _text(customer, "customer"),
            _integer(card_number, "card_number", _INT64),
            array,
            len(indexes),
            _timestamp(at),
        )

    def merge_customers(self, survivor: str, duplicate: str, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_merge_customers", _text(survivor, "survivor"), _text(duplicate, "duplicate"), _timestamp(at))

    # -- reports (docs/reports.md) and the Command Center --

    def report(self, kind: str, at: Timestamp, query: Optional[Document] = None) -> Any:
        """A report (free_goods_credit_status, rebate_credit_status, ...): a dict, or the
        CSV text when the query asks for {"format": "csv"}."""
        data = _document(query if query is not None else {})
        out = c_void_p()
        self._call(
            self._lib.tally_report, self._ptr(), _text(kind, "kind"), data, len(data), _timestamp(at), byref(out)
        )
        text = self._lib.take_string(out)
        if isinstance(query, dict) and query.get("format") == "csv":
            return text
        try:
            return _parse(text)
        except ValueError:
            return text  # CSV asked for in a query given as text

    def command_center(self, location: str, at: Timestamp) -> Dict[str, Any]:
        return self._get("tally_command_center", _text(location, "location"), _timestamp(at))

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

    def _ptr(self):
        ptr = self._handle.ptr
        if ptr is None:
            raise _errors.Conflict(_errors.E_INVALID_STATE, "checkout: is closed")
        return ptr

    def _call(self, name: str, *args) -> None:
        self.engine._call(getattr(self.engine._lib, name), self._ptr(), *args)

    def _get(self, name: str, *args) -> Any:
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

    def add_line_json(self, line: Document) -> List[Dict[str, Any]]:
        """Adds a sale line given as a document, e.g. {"upc": ..., "quantity": 1,
        "unit_price": 1999, "exception": {"program": ..., "card": ..., "reason": ...}}.
        Returns the punches it made."""
        data = _document(line)
        return self._get("tally_checkout_add_line_json", data, len(data))

    def punches(self) -> List[Dict[str, Any]]:
        """Every punch the visit makes so far."""
        return self._get("tally_checkout_punches")

    def rewards(self) -> List[Dict[str, Any]]:
        """Completed cards waiting for their reward, each with exactly the items it allows."""
        return self._get("tally_checkout_rewards")

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

    def finish(self) -> Dict[str, Any]:
        """Stores the visit in one transaction and returns the result. A receipt finished
        before returns its first result with "replayed": True and changes nothing."""
        return self._get("tally_checkout_finish")

    # -- offers and adoption bundles (docs/programs.md) --

    def offers(self) -> List[Dict[str, Any]]:
        """Every offer the location is enrolled in, as it stands for this basket."""
        return self._get("tally_checkout_offers")

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

    def decline_offer(self, offer: str) -> None:
        self._call("tally_checkout_decline_offer", _text(offer, "offer"))

    def redeem_adoption(self, adoption: Document) -> None:
        """{"species", "adoption_date", "source", "bonded_pair", "upcs": [...], "unit_prices": [...]}."""
        data = _document(adoption)
        self._call("tally_checkout_redeem_adoption", data, len(data))
