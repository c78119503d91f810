# SPDX-License-Identifier: Apache-2.0
"""(2) The shared scenario on the built-in backends: memory and SQLite."""

import os
import tempfile
import unittest

from _support import CUSTOMER, RALEIGH, T0, DictStore, run_scenario, setup_store
import tally


class ScenarioTest(unittest.TestCase):
    def test_memory(self):
        with tally.Engine.memory(account="store-42") as engine:
            run_scenario(self, engine)
        self.assertTrue(engine.closed)

    def test_sqlite_file_survives_reopening(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "shop.db")
            with tally.Engine.sqlite(path, synchronous="normal", busy_timeout_ms=2000) as engine:
                result = run_scenario(self, engine)
            with tally.Engine.sqlite(path) as engine:
                stored = engine.checkout_result(RALEIGH, result.receipt)
                self.assertEqual(stored.redemptions, result.redemptions)
                self.assertEqual(len(list(engine.iter_credit_lines())), 1)

    def test_sqlite_in_memory(self):
        with tally.Engine.sqlite(":memory:") as engine:
            run_scenario(self, engine)

    def test_datetimes_are_accepted_as_times(self):
        import datetime

        eastern = datetime.timezone(datetime.timedelta(hours=-5))
        at = datetime.datetime.fromtimestamp(T0 + 3600, eastern)
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            with engine.checkout(RALEIGH, CUSTOMER, "R-dt", at) as checkout:
                checkout.add_line("084213101044", 1, 1899)
                result = checkout.finish()
            self.assertEqual(result.at, T0 + 3600)
            with self.assertRaises(ValueError):
                engine.checkout(RALEIGH, CUSTOMER, "R-naive", datetime.datetime(2026, 11, 2, 10))

    def test_checkouts_left_open_are_freed_with_the_engine(self):
        engine = tally.Engine.memory()
        setup_store(self, engine)
        checkout = engine.checkout(RALEIGH, CUSTOMER, "R-open", T0)
        checkout.add_line("084213101044", 1, 1899)
        engine.close()  # frees the checkout first, as tally.h requires
        self.assertTrue(checkout.closed)
        with self.assertRaises(tally.Conflict):
            checkout.punches()
        with self.assertRaises(tally.Conflict):
            engine.locations()
        checkout.close()  # harmless
        engine.close()

    def test_multi_punch_reason(self):
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            with engine.checkout(RALEIGH, CUSTOMER, "R-paper", T0) as checkout:
                self.assertEqual(checkout.add_line("084213101044", 3, 1899), 3)
                with self.assertRaises(tally.ReasonRequired) as missing:
                    checkout.finish()
                self.assertEqual(missing.exception.name, "reason_required")
            with engine.checkout(RALEIGH, CUSTOMER, "R-paper", T0, multi_punch_reason="converting a paper card") as checkout:
                checkout.add_line("084213101044", 3, 1899)
                self.assertEqual(len(checkout.finish().punches), 3)

    def test_redeem_later(self):
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0, multi_punch_reason="converting a paper card") as checkout:
                checkout.add_line("084213101044", 10, 1899)
                checkout.finish()
            with engine.checkout(RALEIGH, CUSTOMER, "R-2", T0 + 60) as checkout:
                checkout.redeem_later("northpaw-fb", "dog-small")
                checkout.finish()
            self.assertEqual(len(engine.rewards(CUSTOMER, RALEIGH)), 1)
            self.assertEqual(list(engine.iter_credit_lines()), [])

    def test_one_engine_many_threads(self):
        import threading

        for make in (tally.Engine.memory, lambda: tally.Engine.with_store(DictStore())):
            with make() as engine:
                setup_store(self, engine)
                errors = []

                def till(n):
                    try:
                        for i in range(5):
                            receipt = f"T{n}-{i}"
                            with engine.checkout(RALEIGH, CUSTOMER, receipt, T0 + n * 100 + i) as checkout:
                                checkout.add_line("084213101044", 1, 1899)
                                checkout.finish()
                    except BaseException as e:  # noqa: BLE001 - reported below
                        errors.append(e)

                threads = [threading.Thread(target=till, args=(n,)) for n in range(4)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                self.assertEqual(errors, [])
                punches = sum(card.punch_count for card in engine.cards(CUSTOMER, include_redeemed=True))
                self.assertEqual(punches, 20)


if __name__ == "__main__":
    unittest.main()
