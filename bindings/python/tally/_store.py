# SPDX-License-Identifier: Apache-2.0
"""Storage callbacks implemented in Python: the trampolines behind Engine.with_store().

The engine calls the C function pointers of a tally_store_callbacks struct; each one is a
ctypes CFUNCTYPE object that calls the Python store. Exceptions never cross into C: a
callback that raises returns TALLY_STORE_FAILED (TALLY_STORE_BUSY for StoreBusy), and
the message is what the struct's last_error callback reports to the engine.

The CFUNCTYPE objects and the struct must outlive the engine: the StoreAdapter keeps them,
and the Engine keeps the StoreAdapter until it is closed.
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any, Optional

from . import _native
from .errors import StoreBusy

_OK = _native.TALLY_STORE_OK
_NOT_FOUND = _native.TALLY_STORE_NOT_FOUND
_BUSY = _native.TALLY_STORE_BUSY
_FAILED = _native.TALLY_STORE_FAILED


def _bytes(pointer: Any, length: int) -> bytes:
    if not length:
        return b""
    return ctypes.string_at(pointer, length)


class StoreAdapter:
    """Wraps a Python store object in a tally_store_callbacks struct.

    The store implements ``begin(write: bool)``, ``commit()``, ``rollback()``,
    ``get(key: bytes) -> bytes | None``, ``put(key: bytes, value: bytes)``,
    ``remove(key: bytes)``, ``scan(first: bytes, last: bytes | None)`` (an iterable of
    ``(key, value)`` pairs in ascending key order, first <= key < last), and optionally
    ``close()``.
    """

    def __init__(self, store: Any) -> None:
        for method in ("begin", "commit", "rollback", "get", "put", "remove", "scan"):
            if not callable(getattr(store, method, None)):
                raise TypeError(f"tally: the store has no {method}() method")
        self.store = store
        self._errors = threading.local()  # the last failure, per calling thread
        self.closed = False

        # Every CFUNCTYPE object is kept on self: ctypes frees the C thunk when its Python
        # object is collected, and the engine would then call freed memory.
        self._begin = _native.tally_store_begin_fn(self._on_begin)
        self._commit = _native.tally_store_commit_fn(self._on_commit)
        self._rollback = _native.tally_store_rollback_fn(self._on_rollback)
        self._get = _native.tally_store_get_fn(self._on_get)
        self._put = _native.tally_store_put_fn(self._on_put)
        self._remove = _native.tally_store_remove_fn(self._on_remove)
        self._scan = _native.tally_store_scan_fn(self._on_scan)
        self._destroy = _native.tally_store_destroy_fn(self._on_destroy)
        self._last_error = _native.tally_store_last_error_fn(self._on_last_error)

        callbacks = _native.store_callbacks_init()
        callbacks.user = None  # the trampolines are bound methods: no context needed
        callbacks.begin = self._begin
        callbacks.commit = self._commit
        callbacks.rollback = self._rollback
        callbacks.get = self._get
        callbacks.put = self._put
        callbacks.remove = self._remove
        callbacks.scan = self._scan
        callbacks.destroy = self._destroy
        callbacks.last_error = self._last_error
        self.callbacks = callbacks

    # -- failures --

    def _fail(self, error: BaseException) -> int:
        self._errors.exception = error
        text = str(error) or type(error).__name__
        self._errors.message = f"{type(error).__name__}: {text}" if not isinstance(error, StoreBusy) else text
        return _BUSY if isinstance(error, StoreBusy) else _FAILED

    @property
    def last_exception(self) -> Optional[BaseException]:
        """The exception the store raised last on this thread (None if none)."""
        return getattr(self._errors, "exception", None)

    @property
    def last_message(self) -> str:
        return getattr(self._errors, "message", "")

    def clear_error(self) -> None:
        self._errors.exception = None
        self._errors.message = ""

    # -- the trampolines: never let an exception reach ctypes (it would print it and
    #    return 0, TALLY_STORE_OK, to the engine) --

    def _on_begin(self, user: Any, write: int) -> int:
        try:
            self.store.begin(bool(write))
            return _OK
        except BaseException as e:  # noqa: BLE001 - nothing may escape into C
            return self._fail(e)

    def _on_commit(self, user: Any) -> int:
        try:
            self.store.commit()
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_rollback(self, user: Any) -> int:
        try:
            self.store.rollback()
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_get(self, user: Any, key: Any, key_len: int, sink: Any, sink_context: Any) -> int:
        try:
            value = self.store.get(_bytes(key, key_len))
            if value is None:
                return _NOT_FOUND
            value = bytes(value)
            sink(sink_context, value, len(value))  # the engine copies before sink returns
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_put(self, user: Any, key: Any, key_len: int, value: Any, value_len: int) -> int:
        try:
            self.store.put(_bytes(key, key_len), _bytes(value, value_len))
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_remove(self, user: Any, key: Any, key_len: int) -> int:
        try:
            self.store.remove(_bytes(key, key_len))
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_scan(self, user: Any, first: Any, first_len: int, last: Any, last_len: int, visit: Any, visit_context: Any) -> int:
        try:
            upper = _bytes(last, last_len) if last_len else None
            for key, value in self.store.scan(_bytes(first, first_len), upper):
                key, value = bytes(key), bytes(value)
                if visit(visit_context, key, len(key), value, len(value)) != 0:
                    break
            return _OK
        except BaseException as e:  # noqa: BLE001
            return self._fail(e)

    def _on_destroy(self, user: Any) -> None:
        if self.closed:
            return
        self.closed = True
        close = getattr(self.store, "close", None)
        if callable(close):
            try:
                close()
            except BaseException as e:  # noqa: BLE001 - destroy has no status to return
                self._fail(e)

    def _on_last_error(self, user: Any) -> Optional[int]:
        try:
            text = self.last_message.encode("utf-8", "replace").replace(b"\0", b" ")
            # Kept (per thread) until the next call: the engine copies the text at once.
            buffer = ctypes.create_string_buffer(text)
            self._errors.buffer = buffer
            return ctypes.addressof(buffer)
        except BaseException:  # noqa: BLE001
            return None
