# SPDX-License-Identifier: Apache-2.0
"""Shared helpers of the binding's tests: paths, the sample data, a Python store, and the
scenario every backend runs."""

from __future__ import annotations

import bisect
import json
import os
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE_DIR = os.path.dirname(HERE)  # bindings/python

# Run from a checkout without installing: the package next to the tests comes first.
if PACKAGE_DIR not in sys.path:
    sys.path.insert(0, PACKAGE_DIR)

import tally  # noqa: E402
from tally import _native  # noqa: E402

SOURCE_DIR = os.environ.get("TALLY_SOURCE_DIR") or os.path.dirname(os.path.dirname(PACKAGE_DIR))
CATALOG_PATH = os.path.join(SOURCE_DIR, "examples", "data", "catalog.json")
STORES_PATH = os.path.join(SOURCE_DIR, "examples", "data", "stores.json")
HEADER_PATH = os.path.join(SOURCE_DIR, "capi", "tally.h")
STORE_HEADER_PATH = os.path.join(SOURCE_DIR, "capi", "tally_store.h")  # the storage callbacks

DAY = 86400
T0 = 1793631600  # 2026-11-02T15:00:00Z, a Monday morning in Raleigh


def read_text(path: str) -> str:
    with open(path, encoding="utf-8") as f:
        return f.read()


def stores() -> dict:
    return json.loads(read_text(STORES_PATH))


def each_engine():
    """A fresh engine on each backend a binding test runs on: memory, then a SQLite file."""
    with tally.Engine.memory() as engine:
        yield "memory", engine
    with tempfile.TemporaryDirectory() as folder:
        with tally.Engine.sqlite(os.path.join(folder, "shop.db")) as engine:
            yield "sqlite", engine


def find(items, **fields):
    """The first item whose attributes (or, for dicts, keys) have these values."""
    for item in items:
        get = item.get if isinstance(item, dict) else lambda k: getattr(item, k, None)
        if all(get(k) == v for k, v in fields.items()):
            return item
    raise AssertionError(f"no item with {fields} in {items!r}")


class DictStore:
    """An ordered key-value store in Python: a dict, a sorted key list and an undo log.

    It also checks the engine's side of the contract: no nested transactions, writes only
    in write transactions, nothing outside a transaction.
    """

    _MISSING = object()

    def __init__(self) -> None:
        self.data = {}
        self.keys = []
        self.txn = None  # None, "read" or "write"
        self.undo = []
        self.closed = False
        self.calls = {name: 0 for name in ("begin", "commit", "rollback", "get", "put", "remove", "scan")}
        self.transactions = {"read": 0, "write": 0}

    def _check(self, need_write: bool = False) -> None:
        if self.txn is None:
            raise RuntimeError("contract: call outside a transaction")
        if need_write and self.txn != "write":
            raise RuntimeError("contract: write in a read transaction")

    def begin(self, write: bool) -> None:
        self.calls["begin"] += 1
        if not isinstance(write, bool):
            raise TypeError("begin(write) expects a bool")
        if self.txn is not None:
            raise RuntimeError("contract: nested transaction")
        self.txn = "write" if write else "read"
        self.transactions[self.txn] += 1
        self.undo = []

    def commit(self) -> None:
        self.calls["commit"] += 1
        self._check()
        self.txn, self.undo = None, []

    def rollback(self) -> None:
        self.calls["rollback"] += 1
        self._check()
        for key, old in reversed(self.undo):
            if old is self._MISSING:
                self._delete(key)
            else:
                self._set(key, old)
        self.txn, self.undo = None, []

    def get(self, key: bytes):
        self.calls["get"] += 1
        self._check()
        assert isinstance(key, bytes)
        return self.data.get(key)

    def put(self, key: bytes, value: bytes) -> None:
        self.calls["put"] += 1
        self._check(need_write=True)
        assert isinstance(key, bytes) and isinstance(value, bytes)
        self.undo.append((key, self.data.get(key, self._MISSING)))
        self._set(key, value)

    def remove(self, key: bytes) -> None:
        self.calls["remove"] += 1
        self._check(need_write=True)
        if key in self.data:
            self.undo.append((key, self.data[key]))
            self._delete(key)

    def scan(self, first: bytes, last):
        self.calls["scan"] += 1
        self._check()
        start = bisect.bisect_left(self.keys, first)
        end = len(self.keys) if last is None else bisect.bisect_left(self.keys, last)
        for key in self.keys[start:end]:  # a copy: safe if the engine writes meanwhile
            yield key, self.data[key]

    def close(self) -> None:
        self.closed = True

    def _set(self, key: bytes, value: bytes) -> None:
        if key not in self.data:
            bisect.insort(self.keys, key)
        self.data[key] = value

    def _delete(self, key: bytes) -> None:
        del self.data[key]
        del self.keys[bisect.bisect_left(self.keys, key)]


class FailingStore(DictStore):
    """Fails every put while `fail_puts` is set."""

    fail_puts = False

    def put(self, key, value):
        if self.fail_puts:
            raise OSError("disk full (injected)")
        super().put(key, value)



# --- The shared scenario ------------------------------------------------------------------

RALEIGH = "raleigh"
CUSTOMER = "C1001"
CHICKEN_4LB = "084213101044"  # NorthPaw dog-small card
LAMB_4LB = "084213102041"  # same card
CHICKEN_24LB = "084213101242"  # NorthPaw dog-large card: not allowed on dog-small
THISTLE_TREAT = "089101810053"  # a program the location is not enrolled in here: no punch
PRICE = 1899


def setup_store(test: unittest.TestCase, engine: "tally.Engine", between=lambda: None) -> None:
    """Catalog, one location, its NorthPaw enrollment and one customer."""
    catalog_text = read_text(CATALOG_PATH)
    catalog = json.loads(catalog_text)
    summary = engine.load_catalog(catalog_text, T0)
    test.assertIsInstance(summary, tally.CatalogSummary)
    test.assertEqual(
        {key: getattr(summary, key) for key in ("manufacturers", "distributors", "products", "programs")},
        {key: len(catalog[key]) for key in ("manufacturers", "distributors", "products", "programs")},
    )
    between()
    test.assertEqual(len(engine.catalog().products), len(catalog["products"]))
    between()

    data = stores()
    engine.save_location(find(data["locations"], id=RALEIGH), T0)
    between()
    test.assertEqual(engine.location(RALEIGH).state, "NC")
    test.assertIn(RALEIGH, [loc.id for loc in engine.locations()])
    between()

    enrolled = engine.enroll(find(data["enrollments"], location=RALEIGH, program="northpaw-fb"), T0)
    test.assertEqual(enrolled.enrollment.distributor, "eastern")
    test.assertEqual(enrolled.released_lines, 0)
    between()
    test.assertEqual([e.program for e in engine.enrollments(RALEIGH)], ["northpaw-fb"])
    between()

    stored = engine.save_customer(find(data["customers"], id=CUSTOMER), T0)
    test.assertEqual(stored.id, CUSTOMER)
    test.assertEqual(engine.customer(CUSTOMER).email, "maria.alvarez@example.com")
    between()


def run_scenario(test: unittest.TestCase, engine: "tally.Engine", between=lambda: None) -> "tally.CheckoutResult":
    """The shared scenario: set up, ring up one card to completion, redeem an allowed item,
    finish, replay the receipt, read the credit lines. Returns the finished result."""
    setup_store(test, engine, between)

    # Ten visits of one 4 lb bag: the tenth punch completes the dog-small card.
    for visit in range(1, 11):
        with engine.checkout(RALEIGH, CUSTOMER, f"R-{visit}", T0 + visit * DAY) as checkout:
            between()
            if visit == 10:
                punches = checkout.add_line_json({"upc": CHICKEN_4LB, "quantity": 1, "unit_price": PRICE})
                test.assertEqual(len(punches), 1)
                test.assertEqual(punches[0].card, "dog-small")
            else:
                test.assertEqual(checkout.add_line(CHICKEN_4LB, 1, PRICE), 1)
            between()
            test.assertEqual(len(checkout.punches()), 1)
            result = checkout.finish()
            test.assertFalse(result.replayed)
        between()

    cards = engine.cards(CUSTOMER)
    card = find(cards, program="northpaw-fb", card="dog-small")
    test.assertEqual(card.status, "complete")
    between()

    rewards = engine.rewards(CUSTOMER, RALEIGH)
    test.assertEqual(len(rewards), 1)
    reward = rewards[0]
    test.assertEqual((reward.program, reward.card), ("northpaw-fb", "dog-small"))
    allowed = {item.upc for item in reward.allowed}
    test.assertEqual(allowed, {CHICKEN_4LB, LAMB_4LB, "084213103048"})
    between()

    # Visit 11: a plain sale, the reward taken (after a refused item and an undo).
    receipt, at = "R-11", T0 + 11 * DAY
    with engine.checkout(RALEIGH, CUSTOMER, receipt, at) as checkout:
        test.assertEqual(checkout.add_line(THISTLE_TREAT, 1, 699), 0)
        between()
        test.assertEqual(checkout.rewards()[0].card, "dog-small")
        with test.assertRaises(tally.ItemNotAllowed) as refused:
            checkout.redeem("northpaw-fb", "dog-small", CHICKEN_24LB, 4599)
        test.assertEqual(refused.exception.name, "item_not_allowed")
        between()
        first = checkout.redeem("northpaw-fb", "dog-small", LAMB_4LB, 2099)
        checkout.undo_redemption(first)
        between()
        checkout.redeem("northpaw-fb", "dog-small", CHICKEN_4LB)  # last known price
        between()
        result = checkout.finish()
    between()
    test.assertFalse(result.replayed)
    test.assertEqual(len(result.redemptions), 1)
    redemption = result.redemptions[0]
    test.assertEqual(redemption.upc, CHICKEN_4LB)
    test.assertEqual(redemption.unit_price, PRICE)
    test.assertEqual(redemption.credit_state, "new")
    test.assertEqual(engine.rewards(CUSTOMER, RALEIGH), [])
    between()

    lines_before = list(engine.iter_credit_lines())
    journal_before = list(engine.iter_journal())
    between()

    # The POS retries the receipt: the stored result comes back and nothing changes.
    with engine.checkout(RALEIGH, CUSTOMER, receipt, at) as retry:
        retry.add_line(THISTLE_TREAT, 1, 699)
        retry.redeem("northpaw-fb", "dog-small", CHICKEN_4LB)
        between()
        replay = retry.finish()
    between()
    test.assertTrue(replay.replayed)
    test.assertEqual(replay.redemptions, result.redemptions)
    test.assertEqual(list(engine.iter_credit_lines()), lines_before)
    test.assertEqual(list(engine.iter_journal()), journal_before)
    between()

    # The credit line the redemption created (a credit-status report will come later).
    lines = list(engine.iter_credit_lines())
    test.assertEqual(len(lines), 1)
    line = lines[0]
    test.assertEqual(line.id, redemption.credit_line)
    test.assertEqual(line.state, "new")
    test.assertEqual(line.partner, "eastern")
    test.assertEqual(line.account_number, "EPS-20417")
    test.assertEqual((line.upc, line.unit_price, line.receipt), (CHICKEN_4LB, PRICE, receipt))
    test.assertEqual(list(engine.iter_credit_lines(state="new")), lines)
    test.assertEqual(list(engine.iter_credit_lines(partner="eastern")), lines)
    test.assertEqual(list(engine.iter_credit_lines(state="held")), [])
    test.assertEqual(engine.credit_line(line.id).id, line.id)
    between()

    stored = engine.checkout_result(RALEIGH, receipt)
    test.assertEqual(stored.redemptions, result.redemptions)
    test.assertEqual(find(engine.cards(CUSTOMER, include_redeemed=True), card="dog-small").status, "redeemed")
    between()

    journal = list(engine.iter_journal())
    seqs = [entry.seq for entry in journal]
    test.assertEqual(seqs, sorted(seqs))
    test.assertEqual(engine.journal(after=seqs[-1]), [])
    test.assertEqual(len(engine.journal(after=0, limit=2)), 2)
    test.assertEqual(list(engine.iter_journal(page=2)), journal)  # page by page
    test.assertEqual(list(engine.iter_journal(after=seqs[1])), journal[2:])
    between()

    # A whole visit as one document.
    visit = engine.run_checkout(
        {
            "location": RALEIGH,
            "customer": CUSTOMER,
            "receipt": "R-12",
            "at": T0 + 12 * DAY,
            "lines": [{"upc": LAMB_4LB, "quantity": 1, "unit_price": 2099}],
        }
    )
    test.assertEqual(len(visit.punches), 1)
    test.assertFalse(visit.replayed)
    between()
    return result
