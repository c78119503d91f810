# SPDX-License-Identifier: Apache-2.0
"""(2b) The shared scenario on a central PostgreSQL database (the test suite's throw-away
server, whose connection string ctest's postgres_server fixture writes to the file named by
TALLY_TEST_PG_CONNINFO_FILE; or TALLY_TEST_PG), and its connection errors."""

import os
import unittest

from _support import RALEIGH, run_scenario
import tally


def conninfo() -> str:
    given = os.environ.get("TALLY_TEST_PG")
    if given:
        return given
    path = os.environ.get("TALLY_TEST_PG_CONNINFO_FILE", "")
    if not os.path.exists(path):
        raise RuntimeError("no PostgreSQL server for the tests: run through ctest (its postgres_server "
                           "fixture starts one) or set TALLY_TEST_PG")
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


class PostgresTest(unittest.TestCase):
    def test_scenario_and_a_second_engine_on_the_same_database(self):
        account = f"py_{os.getpid()}"
        with tally.Engine.postgres(conninfo(), account=account) as engine:
            result = run_scenario(self, engine)
        with tally.Engine.postgres(conninfo(), account=account, busy_retries=5) as engine:
            stored = engine.checkout_result(RALEIGH, result.receipt)
            self.assertEqual(stored.redemptions, result.redemptions)

    def test_a_connection_string_libpq_cannot_read(self):
        with self.assertRaises(tally.InvalidInput) as caught:
            tally.Engine.postgres("nosuchoption=1")
        self.assertTrue(caught.exception.message.startswith("conninfo: "), caught.exception.message)

    def test_a_server_that_is_down(self):
        with self.assertRaises(tally.StorageError) as caught:
            tally.Engine.postgres(conninfo() + " port=1")
        self.assertIn("cannot connect to PostgreSQL", caught.exception.message)


if __name__ == "__main__":
    unittest.main()
