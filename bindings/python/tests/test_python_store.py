# SPDX-License-Identifier: Apache-2.0
"""(4) A storage backend written in Python, through the host-storage callbacks."""

import gc
import unittest
import weakref

from _support import CUSTOMER, RALEIGH, T0, DictStore, FailingStore, run_scenario, setup_store
import tally
from tally import _native


class BusyStore(DictStore):
    """Busy for the first `busy` write transactions."""

    def __init__(self, busy):
        super().__init__()
        self.busy = busy

    def begin(self, write):
        if write and self.busy > 0:
            self.busy -= 1
            self.calls["begin"] += 1
            raise tally.StoreBusy("another till is writing")
        super().begin(write)


def open_engine(store, **options):
    """Opens the engine in a frame of its own, so that nothing but the engine refers to the
    callbacks once it returns."""
    return tally.Engine.with_store(store, **options)


class PythonStoreTest(unittest.TestCase):
    def test_scenario_with_gc_between_calls(self):
        store = DictStore()
        engine = open_engine(store, account="store-42")
        adapter = weakref.ref(engine._adapter)
        gc.collect()

        def between():
            gc.collect()
            self.assertIsNotNone(adapter(), "the callbacks were collected")
            self.assertIsNone(store.txn, "a transaction was left open")

        run_scenario(self, engine, between)
        self.assertGreater(store.transactions["write"], 10)
        self.assertGreater(store.calls["scan"], 0)
        self.assertGreater(len(store.data), 0)
        self.assertTrue(all(isinstance(k, bytes) for k in store.data))
        self.assertFalse(store.closed)
        engine.close()
        self.assertTrue(store.closed, "close() is called when the engine closes")
        self.assertEqual(store.calls["begin"], store.calls["commit"] + store.calls["rollback"])

    def test_the_store_persists_across_engines(self):
        store = DictStore()
        with open_engine(store) as engine:
            result = run_scenario(self, engine)
        with open_engine(store) as engine:
            self.assertEqual(engine.checkout_result(RALEIGH, result.receipt).redemptions, result.redemptions)

    def test_failing_put_fails_the_finish_and_changes_nothing(self):
        store = FailingStore()
        with open_engine(store) as engine:
            setup_store(self, engine, gc.collect)
            before = dict(store.data)
            journal = engine.journal()
            with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
                checkout.add_line("084213101044", 1, 1899)
                store.fail_puts = True
                gc.collect()
                with self.assertRaises(tally.StorageFailed) as caught:
                    checkout.finish()
            error = caught.exception
            self.assertEqual(error.code, 13)
            self.assertEqual(error.name, "storage_failed")
            self.assertIsInstance(error.__cause__, OSError)
            self.assertIn("disk full", str(error.__cause__))
            self.assertIn("disk full", error.message)  # the store's text, via last_error()
            self.assertIn("disk full", engine.last_error)
            self.assertIsNone(store.txn)
            self.assertEqual(store.data, before, "a failed finish must leave the store unchanged")
            self.assertEqual(sorted(store.data), store.keys)

            store.fail_puts = False
            self.assertEqual(engine.journal(), journal)
            with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
                checkout.add_line("084213101044", 1, 1899)
                self.assertFalse(checkout.finish().replayed)

    def test_exceptions_in_every_callback_become_storage_errors(self):
        cary = {"id": "cary", "name": "Cary", "state": "NC", "time_zone": "EST5EDT,M3.2.0,M11.1.0"}
        cases = [
            ("begin", lambda engine: engine.save_location(cary, T0)),
            ("put", lambda engine: engine.save_location(cary, T0)),
            ("commit", lambda engine: engine.save_location(cary, T0)),
            ("get", lambda engine: engine.customer(CUSTOMER)),
            ("scan", lambda engine: engine.locations()),
        ]
        for method, operation in cases:
            with self.subTest(method=method):
                store = DictStore()
                with open_engine(store) as engine:
                    setup_store(self, engine)
                    before = dict(store.data)
                    original = getattr(store, method)

                    def broken(*args, _name=method):
                        raise ValueError(f"{_name} is broken")

                    setattr(store, method, broken)
                    try:
                        with self.assertRaises(tally.StorageError) as caught:
                            operation(engine)
                    finally:
                        setattr(store, method, original)
                    self.assertEqual(caught.exception.code, 13)
                    self.assertIsInstance(caught.exception.__cause__, ValueError)
                    if method != "commit":
                        self.assertIsNone(store.txn, "the engine rolls back after a failure")
                        self.assertEqual(store.data, before)
                    store.txn = None  # a broken commit leaves the test store's flag set

    def test_busy_store_is_retried(self):
        store = BusyStore(busy=2)
        with open_engine(store) as engine:
            setup_store(self, engine)
            self.assertEqual(store.busy, 0)
        store = BusyStore(busy=0)
        with open_engine(store, busy_retries=3) as engine:
            store.busy = 10**6  # busy for good from now on
            with self.assertRaises(tally.StorageBusy) as caught:
                engine.save_location({"id": "cary", "name": "Cary", "state": "NC",
                                      "time_zone": "EST5EDT,M3.2.0,M11.1.0"}, T0)
            self.assertEqual(caught.exception.code, 14)
            self.assertIsInstance(caught.exception, tally.StorageError)

    def test_store_must_have_the_methods(self):
        with self.assertRaises(TypeError):
            tally.Engine.with_store(object())

    def test_engines_and_stores_are_collected(self):
        store = DictStore()
        engine = open_engine(store)
        setup_store(self, engine)
        checkout = engine.checkout(RALEIGH, CUSTOMER, "R-1", T0)
        checkout.add_line("084213101044", 1, 1899)
        engine_ref, checkout_ref = weakref.ref(engine), weakref.ref(checkout)
        del engine, checkout
        gc.collect()
        self.assertIsNone(checkout_ref())
        self.assertIsNone(engine_ref())
        self.assertTrue(store.closed)

    def test_checkout_collected_inside_a_callback_is_freed_later(self):
        class CollectingStore(DictStore):
            def get(self, key):
                gc.collect()  # finalizers may run here, inside a call into the library
                return super().get(key)

        store = CollectingStore()
        with open_engine(store) as engine:
            setup_store(self, engine)
            seen_deferred = 0
            for i in range(5):
                checkout = engine.checkout(RALEIGH, CUSTOMER, f"X-{i}", T0)
                checkout.cycle = checkout  # only the garbage collector can free it
                checkout.add_line("084213101044", 1, 1899)
                del checkout
                engine.customer(CUSTOMER)  # collects the checkout from inside get()
                seen_deferred = max(seen_deferred, len(engine._deferred))
            self.assertGreater(seen_deferred, 0, "no checkout was finalized inside a callback")
            engine.locations()  # the next call frees what was deferred
            self.assertEqual(engine._deferred, [])
            self.assertEqual(len(engine._checkouts), 0)
        self.assertTrue(store.closed)


class CallbackTrampolineTest(unittest.TestCase):
    """The trampolines, called through their C function pointers without the engine."""

    def test_trampolines(self):
        import ctypes

        store = DictStore()
        from tally._store import StoreAdapter

        adapter = StoreAdapter(store)
        cb = adapter.callbacks
        gc.collect()
        self.assertEqual(cb.begin(None, 1), _native.TALLY_STORE_OK)
        key, value = b"k\0ey", b"va\0lue"
        kbuf = (ctypes.c_uint8 * len(key)).from_buffer_copy(key)
        vbuf = (ctypes.c_uint8 * len(value)).from_buffer_copy(value)
        self.assertEqual(cb.put(None, kbuf, len(key), vbuf, len(value)), _native.TALLY_STORE_OK)
        self.assertEqual(store.data, {key: value})

        got = []
        sink = _native.tally_store_sink_fn(lambda ctx, data, n: got.append(ctypes.string_at(data, n)))
        self.assertEqual(cb.get(None, kbuf, len(key), sink, None), _native.TALLY_STORE_OK)
        self.assertEqual(got, [value])
        missing = (ctypes.c_uint8 * 1)(0x7A)
        self.assertEqual(cb.get(None, missing, 1, sink, None), _native.TALLY_STORE_NOT_FOUND)

        seen = []

        def visit(ctx, k, kn, v, vn):
            seen.append((ctypes.string_at(k, kn), ctypes.string_at(v, vn)))
            return 0

        visit_fn = _native.tally_store_visit_fn(visit)
        self.assertEqual(cb.scan(None, None, 0, None, 0, visit_fn, None), _native.TALLY_STORE_OK)
        self.assertEqual(seen, [(key, value)])
        self.assertEqual(cb.commit(None), _native.TALLY_STORE_OK)

        # put outside a transaction: the store raises, the callback reports failure
        self.assertEqual(cb.put(None, kbuf, len(key), vbuf, len(value)), _native.TALLY_STORE_FAILED)
        message = ctypes.string_at(cb.last_error(None))
        self.assertIn(b"outside a transaction", message)
        busy = BusyStore(busy=1)
        self.assertEqual(StoreAdapter(busy).callbacks.begin(None, 1), _native.TALLY_STORE_BUSY)
        cb.destroy(None)
        self.assertTrue(store.closed)


if __name__ == "__main__":
    unittest.main()
