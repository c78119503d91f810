#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A till in a few lines of Python: SQLite in a temporary folder, the sample catalog, one
visit; typed results, an error class per status code. (Checked by mypy --strict, test
python_types.)

    pip install --no-build-isolation bindings/python      # or PYTHONPATH=bindings/python
    TALLY_LIBRARY=build/libtally.so python3 examples/python/checkout.py
"""

import datetime
import json
import os
import sys
import tempfile
from typing import Any

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.environ.get("TALLY_SOURCE_DIR") or os.path.dirname(os.path.dirname(HERE))

try:
    import tally
except ImportError:  # running from a source checkout without installing the package
    sys.path.insert(0, os.path.join(SOURCE_DIR, "bindings", "python"))
    import tally


def load(name: str) -> Any:
    with open(os.path.join(SOURCE_DIR, "examples", "data", name), encoding="utf-8") as f:
        return json.load(f)


def main() -> int:
    now = datetime.datetime(2026, 10, 15, 14, 30, tzinfo=datetime.timezone.utc)
    stores = load("stores.json")

    with tempfile.TemporaryDirectory() as folder, tally.Engine.sqlite(os.path.join(folder, "shop.db")) as engine:
        # Once, when the store is set up: the catalog, the store, its programs, a customer.
        summary = engine.load_catalog(load("catalog.json"), now)
        print(f"catalog: {summary.products} products, {summary.programs} programs")
        engine.save_location(stores["locations"][0], now)  # raleigh
        for enrollment in stores["enrollments"]:
            if enrollment["location"] == "raleigh":
                engine.enroll(enrollment, now)
        engine.save_customer(stores["customers"][0], now)  # C1001, Maria Alvarez

        # One visit at the till.
        with engine.checkout("raleigh", "C1001", "R-1001", now) as visit:
            visit.add_line("084213101044", quantity=1, unit_price=1899)  # NorthPaw 4 lb
            visit.add_line("085977110150", quantity=1, unit_price=4299)  # Prairie Table 15 lb
            visit.add_line("400000100104", quantity=1, unit_price=1500)  # self-wash bath
            try:
                visit.add_line("012345678905", quantity=1, unit_price=999)  # not in the catalog
            except tally.UnknownUpc as e:
                print(f"refused: {e.name} ({e.field}): {e.message}")
            for reward in visit.rewards():  # none yet for a new customer
                visit.redeem(reward.program, reward.card, reward.allowed[0].upc)
            result = visit.finish()  # a tally.CheckoutResult

        print(f"receipt {result.receipt} on {result.business_date}: {len(result.punches)} punches")
        for punch in result.punches:
            print(f"  {punch.program}/{punch.card}: punch {punch.punch_number}")
        for card in engine.cards("C1001"):
            print(f"card {card.program}/{card.card}: {card.punch_count} of {card.required}")
        journal = list(engine.iter_journal())  # every change so far, read page by page
        print(f"journal: {len(journal)} entries, the last {journal[-1].kind}")

        # A retried receipt changes nothing.
        with engine.checkout("raleigh", "C1001", "R-1001", now) as retry:
            retry.add_line("084213101044", quantity=1, unit_price=1899)
            retry.add_line("085977110150", quantity=1, unit_price=4299)
            retry.add_line("400000100104", quantity=1, unit_price=1500)
            print(f"retry replayed: {retry.finish().replayed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
