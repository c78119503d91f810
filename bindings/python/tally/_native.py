# SPDX-License-Identifier: Apache-2.0
"""ctypes declarations of every function in tally.h, and the loading of libtally.

Only the C ABI (capi/tally.h) is used. The library is looked up, in this order:

1. the path in the environment variable ``TALLY_LIBRARY``;
2. a ``libtally.so`` (``libtally.dylib``, ``tally.dll``) inside the package directory, or
   next to it;
3. ``ctypes.util.find_library("tally")`` (the system library path; on Windows, ``PATH``);
4. ``libtally.so.0`` (the SONAME, resolved by the dynamic loader); on Windows ``tally.dll``
   by the DLL search of Python 3.8 and later (the program's folder, System32 and the folders
   given to ``os.add_dll_directory``, not ``PATH``).

On Windows, the folder of a ``tally.dll`` found by path is added with
``os.add_dll_directory`` before it is loaded, so DLLs beside it (a build that does not link
its C++ runtime statically) load with it.

The library is loaded on first use (``lib()``), so ``import tally`` works without it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_uint32,
    c_void_p,
)
from typing import Any, Dict, List, Optional, Tuple

from . import errors

# --- Versions -------------------------------------------------------------------------

# The tally.h this binding was written against.
VERSION_MAJOR = 0
VERSION_MINOR = 2
VERSION_PATCH = 0
VERSION_NUMBER = VERSION_MAJOR * 10000 + VERSION_MINOR * 100 + VERSION_PATCH

# --- Constants of tally.h -------------------------------------------------------------

TALLY_OK = 0
# Pass as unit_price_cents to use the last shelf price the store saw for the item.
TALLY_PRICE_LAST_KNOWN = -(2**63)  # INT64_MIN

TALLY_STORE_OK = 0
TALLY_STORE_NOT_FOUND = 1
TALLY_STORE_BUSY = 2
TALLY_STORE_FAILED = 3
TALLY_STORE_CALLBACKS_VERSION = 1

# --- Types ----------------------------------------------------------------------------


class tally_engine(Structure):
    """Opaque: only ever used through a pointer."""


class tally_checkout(Structure):
    """Opaque: only ever used through a pointer."""


tally_engine_p = POINTER(tally_engine)
tally_checkout_p = POINTER(tally_checkout)
c_uint8_p = POINTER(c_uint8)

# Out parameters of type char**: declared as void** so ctypes leaves the pointer alone;
# the document is read with take_string() and then released with tally_free().
c_char_pp = POINTER(c_void_p)

# typedef void (*tally_store_sink_fn)(void *sink_context, const uint8_t *value, size_t value_len);
# typedef int32_t (*tally_store_visit_fn)(void *visit_context, const uint8_t *key, size_t key_len,
#                                         const uint8_t *value, size_t value_len);
# The engine hands these to the store callbacks, which call them. The byte pointers are
# declared as void* (the same in the C ABI): a Python bytes object is then passed as a
# pointer to its buffer, without a copy, and a sink or visitor written in Python receives
# a plain address to read with ctypes.string_at(address, length).
tally_store_sink_fn = CFUNCTYPE(None, c_void_p, c_void_p, c_size_t)
tally_store_visit_fn = CFUNCTYPE(c_int32, c_void_p, c_void_p, c_size_t, c_void_p, c_size_t)

# The callbacks the host implements (the engine calls them).
tally_store_begin_fn = CFUNCTYPE(c_int32, c_void_p, c_int32)
tally_store_commit_fn = CFUNCTYPE(c_int32, c_void_p)
tally_store_rollback_fn = CFUNCTYPE(c_int32, c_void_p)
tally_store_get_fn = CFUNCTYPE(
    c_int32, c_void_p, c_uint8_p, c_size_t, tally_store_sink_fn, c_void_p
)
tally_store_put_fn = CFUNCTYPE(c_int32, c_void_p, c_uint8_p, c_size_t, c_uint8_p, c_size_t)
tally_store_remove_fn = CFUNCTYPE(c_int32, c_void_p, c_uint8_p, c_size_t)
tally_store_scan_fn = CFUNCTYPE(
    c_int32, c_void_p, c_uint8_p, c_size_t, c_uint8_p, c_size_t, tally_store_visit_fn, c_void_p
)
tally_store_destroy_fn = CFUNCTYPE(None, c_void_p)
# Returns const char*: declared as void* so the callback can hand back the address of a
# buffer it keeps alive (a c_char_p result would point into a temporary bytes object).
tally_store_last_error_fn = CFUNCTYPE(c_void_p, c_void_p)


class tally_store_callbacks(Structure):
    """struct tally_store_callbacks of tally.h (version 1)."""

    _fields_ = [
        ("struct_size", c_uint32),
        ("version", c_uint32),
        ("user", c_void_p),
        ("begin", tally_store_begin_fn),
        ("commit", tally_store_commit_fn),
        ("rollback", tally_store_rollback_fn),
        ("get", tally_store_get_fn),
        ("put", tally_store_put_fn),
        ("remove", tally_store_remove_fn),
        ("scan", tally_store_scan_fn),
        ("destroy", tally_store_destroy_fn),
        ("last_error", tally_store_last_error_fn),
    ]


def store_callbacks_init() -> tally_store_callbacks:
    """TALLY_STORE_CALLBACKS_INIT: size and version set, everything else NULL."""
    return tally_store_callbacks(ctypes.sizeof(tally_store_callbacks), TALLY_STORE_CALLBACKS_VERSION)


# --- Every function of tally.h: name -> (restype, argtypes) --------------------------

FUNCTIONS: Dict[str, Tuple[object, List[object]]] = {
    # Versions, errors, memory
    "tally_version": (c_char_p, []),
    "tally_version_number": (c_int32, []),
    "tally_status_name": (c_char_p, [c_int32]),
    "tally_last_error": (c_char_p, []),
    "tally_engine_last_error": (c_char_p, [tally_engine_p]),
    "tally_free": (None, [c_void_p]),
    # Engines
    "tally_engine_open_sqlite": (c_int32, [c_char_p, c_char_p, POINTER(tally_engine_p)]),
    "tally_engine_open_memory": (c_int32, [c_char_p, POINTER(tally_engine_p)]),
    "tally_engine_open_store": (
        c_int32,
        [POINTER(tally_store_callbacks), c_char_p, POINTER(tally_engine_p)],
    ),
    "tally_engine_close": (None, [tally_engine_p]),
    "tally_engine_open_postgres": (c_int32, [c_char_p, c_char_p, POINTER(tally_engine_p)]),
    # Catalog, locations, enrollments, customers
    "tally_load_catalog": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_int64, c_char_pp]),
    "tally_catalog": (c_int32, [tally_engine_p, c_char_pp]),
    "tally_save_location": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_int64]),
    "tally_location": (c_int32, [tally_engine_p, c_char_p, c_char_pp]),
    "tally_locations": (c_int32, [tally_engine_p, c_char_pp]),
    "tally_enroll": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_int64, c_char_pp]),
    "tally_enrollments": (c_int32, [tally_engine_p, c_char_p, c_char_pp]),
    "tally_save_customer": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_int64, c_char_pp]),
    "tally_customer": (c_int32, [tally_engine_p, c_char_p, c_char_pp]),
    # Checkout
    "tally_checkout_open": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int64, POINTER(tally_checkout_p)],
    ),
    "tally_checkout_add_line": (
        c_int32,
        [tally_checkout_p, c_char_p, c_int32, c_int64, POINTER(c_int32)],
    ),
    "tally_checkout_add_line_json": (c_int32, [tally_checkout_p, c_char_p, c_size_t, c_char_pp]),
    "tally_checkout_punches": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_rewards": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_redeem": (
        c_int32,
        [tally_checkout_p, c_char_p, c_char_p, c_char_p, c_int64, POINTER(c_int32)],
    ),
    "tally_checkout_redeem_later": (c_int32, [tally_checkout_p, c_char_p, c_char_p]),
    "tally_checkout_undo_redemption": (c_int32, [tally_checkout_p, c_int32]),
    "tally_checkout_set_multi_punch_reason": (c_int32, [tally_checkout_p, c_char_p]),
    "tally_checkout_finish": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_free": (None, [tally_checkout_p]),
    "tally_run_checkout": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_char_pp]),
    "tally_run_checkouts": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_char_pp]),
    "tally_checkout_result": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_char_pp]),
    "tally_checkout_use_pass": (c_int32, [tally_checkout_p, c_char_p, c_char_p, c_int32, POINTER(c_int32)]),
    # Cards, rewards, credit lines, the journal
    "tally_cards": (c_int32, [tally_engine_p, c_char_p, c_int32, c_char_pp]),
    "tally_rewards": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_char_pp]),
    "tally_credit_lines": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_char_pp]),
    "tally_credit_line": (c_int32, [tally_engine_p, c_int64, c_char_pp]),
    "tally_journal": (c_int32, [tally_engine_p, c_int64, c_uint32, c_char_pp]),
    # Offers, adoption bundles, private programs and auto-enrollment
    "tally_checkout_offers": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_redeem_offer": (
        c_int32,
        [tally_checkout_p, c_char_p, c_char_p, c_int64, POINTER(c_int32)],
    ),
    "tally_checkout_decline_offer": (c_int32, [tally_checkout_p, c_char_p]),
    "tally_checkout_redeem_adoption": (c_int32, [tally_checkout_p, c_char_p, c_size_t]),
    "tally_adoption_eligibility": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_review_enrollment": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int32, c_int64, c_char_pp],
    ),
    "tally_add_auto_enrollment": (
        c_int32,
        [tally_engine_p, c_char_p, c_size_t, c_int64, POINTER(c_int32)],
    ),
    "tally_remove_auto_enrollment": (c_int32, [tally_engine_p, c_char_p, c_int64]),
    "tally_auto_enrollments": (c_int32, [tally_engine_p, c_char_pp]),
    # Credit-line lifecycles
    "tally_pull_batch": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_unbatch_line": (c_int32, [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp]),
    "tally_unbatch": (c_int32, [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp]),
    "tally_decline_line": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_fulfill_batch": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_char_p, c_int64, c_char_pp],
    ),
    "tally_claim_credit": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_pay_credit_batch": (c_int32, [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp]),
    "tally_reassign_to_holding": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int64, POINTER(c_int32)],
    ),
    "tally_reconcile_line": (c_int32, [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp]),
    "tally_reconcile_batch": (c_int32, [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp]),
    "tally_fix_account_number": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_resubmit_line": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_char_p, c_int64, c_char_pp],
    ),
    "tally_create_retailer_batch": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    "tally_submit_retailer_batch": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp],
    ),
    "tally_complete_retailer_batch": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_int64, c_char_pp],
    ),
    "tally_set_cadence": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int64]),
    "tally_batches_due": (c_int32, [tally_engine_p, c_char_p, c_char_pp]),
    "tally_batch": (c_int32, [tally_engine_p, c_int64, c_char_pp]),
    "tally_batches": (c_int32, [tally_engine_p, c_char_p, c_char_pp]),
    # Corrections after finishing
    "tally_undo_redemption": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, c_char_p, c_int64, c_int32, c_int64, c_char_pp],
    ),
    "tally_return_items": (c_int32, [tally_engine_p, c_char_p, c_size_t, c_char_pp]),
    "tally_split_card": (
        c_int32,
        [tally_engine_p, c_char_p, c_int64, POINTER(c_int32), c_size_t, c_int64, c_char_pp],
    ),
    "tally_merge_customers": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_int64, c_char_pp],
    ),
    # Reports and the Command Center
    "tally_report": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_size_t, c_int64, c_char_pp],
    ),
    "tally_command_center": (c_int32, [tally_engine_p, c_char_p, c_int64, c_char_pp]),
    "tally_set_billing_flag": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int64]),
    # Loyalty points
    "tally_checkout_points": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_redeem_points": (c_int32, [tally_checkout_p, c_char_p, c_char_p, POINTER(c_int32)]),
    "tally_checkout_undo_points_redemption": (c_int32, [tally_checkout_p, c_int32]),
    "tally_customer_points": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int64, c_char_pp]),
    "tally_points_history": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int64, c_uint32, c_char_pp]),
    # Manufacturers' vouchers
    "tally_issue_vouchers": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int64, c_char_pp]),
    "tally_vouchers": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int64, c_char_pp]),
    "tally_voucher": (c_int32, [tally_engine_p, c_char_p, c_int64, c_char_pp]),
    "tally_change_voucher_item": (
        c_int32,
        [tally_engine_p, c_char_p, c_char_p, c_char_p, c_int64, c_int64, c_char_pp],
    ),
    "tally_checkout_vouchers": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_redeem_voucher": (c_int32, [tally_checkout_p, c_char_p, c_char_p, c_int64, POINTER(c_int32)]),
    "tally_checkout_undo_voucher_redemption": (c_int32, [tally_checkout_p, c_int32]),
    # Coupons
    "tally_issue_coupons": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_size_t, c_int64, c_char_pp]),
    "tally_customer_coupons": (c_int32, [tally_engine_p, c_char_p, c_int32, c_char_pp]),
    "tally_coupon": (c_int32, [tally_engine_p, c_int64, c_char_pp]),
    "tally_set_coupon_opt_out": (c_int32, [tally_engine_p, c_char_p, c_char_p, c_int32, c_int64]),
    "tally_checkout_coupons": (c_int32, [tally_checkout_p, c_char_pp]),
    "tally_checkout_redeem_coupon": (c_int32, [tally_checkout_p, c_int64, POINTER(c_int32)]),
    "tally_checkout_undo_coupon_redemption": (c_int32, [tally_checkout_p, c_int32]),
}

# --- Loading --------------------------------------------------------------------------

if sys.platform == "darwin":
    _LIBRARY_FILES = ("libtally.dylib", "libtally.0.dylib")
elif sys.platform == "win32":
    _LIBRARY_FILES = ("tally.dll", "libtally.dll")
else:
    _LIBRARY_FILES = ("libtally.so", "libtally.so.0")


def library_candidates() -> List[str]:
    """Where the library is looked for, in order (see the module docstring)."""
    env = os.environ.get("TALLY_LIBRARY")
    if env:
        return [env]  # explicit: no fallback that could load a different build
    here = os.path.dirname(os.path.abspath(__file__))
    found: List[str] = []
    for folder in (here, os.path.dirname(here)):
        for name in _LIBRARY_FILES:
            path = os.path.join(folder, name)
            if os.path.isfile(path):
                found.append(path)
    system = ctypes.util.find_library("tally")
    if system:
        found.append(system)
    found.append("libtally.so.0" if not sys.platform.startswith(("darwin", "win")) else _LIBRARY_FILES[0])
    return found


# The handles os.add_dll_directory returns: the folder stays searched while one is kept.
_dll_directories: List[object] = []


def _allow_dll_directory(candidate: str) -> None:
    """On Windows, searches the folder of a library given by path for the DLLs it needs."""
    if sys.platform != "win32":
        return
    folder = os.path.dirname(candidate)
    if folder and os.path.isdir(folder):
        _dll_directories.append(os.add_dll_directory(folder))


class Library:
    """The loaded libtally with every function of tally.h declared."""

    def __init__(self, path: Optional[str] = None) -> None:
        candidates = [path] if path else library_candidates()
        failures = []
        cdll: Optional[ctypes.CDLL] = None
        for candidate in candidates:
            try:
                _allow_dll_directory(candidate)
                cdll = ctypes.CDLL(candidate)
                self.path = candidate
                break
            except OSError as e:
                failures.append(f"{candidate}: {e}")
        if cdll is None:
            raise OSError(
                "tally: cannot load libtally ("
                + "; ".join(failures)
                + "). Set TALLY_LIBRARY to the library's path or install it on the "
                "system library path."
            )
        self.cdll: ctypes.CDLL = cdll
        self.missing: List[str] = []
        for name, (restype, argtypes) in FUNCTIONS.items():
            try:
                fn = getattr(self.cdll, name)
            except AttributeError:
                self.missing.append(name)
                continue
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)
        if "tally_version_number" in self.missing:
            raise OSError(f"tally: {self.path} is not libtally (no tally_version_number)")
        self.version_number = int(self.cdll.tally_version_number())
        self.version = (self.cdll.tally_version() or b"").decode("utf-8", "replace")
        check_compatible(self.version_number, self.path)

    def __getattr__(self, name: str) -> Any:
        # Only reached for functions of tally.h the loaded library does not export.
        if name in FUNCTIONS:
            raise errors.Unsupported(
                errors.E_UNSUPPORTED,
                f"{name}: not exported by {self.path} (libtally {self.version}); "
                "the binding needs a library that implements all of tally.h",
            )
        raise AttributeError(name)

    # -- helpers over the raw functions --

    def status_name(self, status: int) -> str:
        name = self.cdll.tally_status_name(status)
        return str(name.decode("utf-8", "replace")) if name else errors.STATUS_NAMES.get(status, "unknown")

    def take_string(self, pointer: c_void_p) -> Optional[str]:
        """Reads a document the library returned through a char** and frees it."""
        address = pointer.value
        if not address:
            return None
        try:
            return ctypes.string_at(address).decode("utf-8")
        finally:
            self.cdll.tally_free(address)


def check_compatible(runtime: int, where: str = "libtally") -> None:
    """Raises ImportError unless the runtime library can serve this binding: the same
    major version and at least the minor version it was written against (for 0.x, where
    every minor version may change the ABI, exactly the same minor version)."""
    major, minor = runtime // 10000, (runtime // 100) % 100
    if VERSION_MAJOR == 0:
        ok = major == 0 and minor == VERSION_MINOR
    else:
        ok = major == VERSION_MAJOR and minor >= VERSION_MINOR
    if not ok:
        raise ImportError(
            f"tally: {where} is version {major}.{minor}.{runtime % 100}, but this binding "
            f"needs {VERSION_MAJOR}.{VERSION_MINOR}.x"
            + ("" if VERSION_MAJOR == 0 else " or a later minor version")
        )


_lock = threading.Lock()
_library: Optional[Library] = None


def lib() -> Library:
    """The process-wide library, loaded on first use."""
    global _library
    if _library is None:
        with _lock:
            if _library is None:
                _library = Library()
    return _library


def load(path: Optional[str] = None) -> Library:
    """Loads the library now (from `path`, or looked up as usual). Calling it again
    after the library was loaded returns the loaded one."""
    global _library
    with _lock:
        if _library is None:
            _library = Library(path)
    return _library
