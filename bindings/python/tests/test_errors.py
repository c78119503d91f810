# SPDX-License-Identifier: Apache-2.0
"""(3) Errors: codes, names, messages naming the field, and the exception families."""

import re
import unittest

from _support import CUSTOMER, HEADER_PATH, RALEIGH, T0, read_text, setup_store
import tally
from tally import errors


def header_codes():
    text = read_text(HEADER_PATH)
    body = re.search(r"typedef enum tally_status \{(.*?)\} tally_status;", text, re.S).group(1)
    return {name.lower(): int(value) for name, value in re.findall(r"TALLY_E_(\w+)\s*=\s*(\d+)", body)}


class ErrorMappingTest(unittest.TestCase):
    def test_every_code_of_the_header_has_a_class_and_name(self):
        codes = header_codes()
        self.assertGreater(len(codes), 25)
        for name, code in codes.items():
            with self.subTest(code=code):
                self.assertEqual(errors.STATUS_NAMES[code], name)
                self.assertIn(code, errors.ERROR_CLASSES)
                self.assertEqual(tally.status_name(code), name)
                error = errors.error_for(code, "field: problem")
                self.assertIsInstance(error, tally.TallyError)
                self.assertEqual((error.code, error.name, error.message), (code, name, "field: problem"))
        self.assertEqual(set(errors.ERROR_CLASSES), set(codes.values()))

    def test_families(self):
        expect = {
            tally.InvalidInput: ["invalid_argument", "malformed_json", "invalid_catalog", "invalid_quantity",
                                 "invalid_price", "reason_required", "customer_data_missing",
                                 "account_number_required"],
            tally.NotFound: ["unknown_upc", "unknown_customer", "unknown_program", "unknown_location",
                             "unknown_distributor", "unknown_manufacturer", "not_found"],
            tally.Conflict: ["receipt_conflict", "invalid_state", "wrong_actor", "limit_reached",
                             "reward_not_available", "item_not_allowed", "not_enrolled",
                             "distributor_not_serving", "not_eligible", "enrollment_pending",
                             "enrollment_denied"],
            tally.StorageError: ["storage_failed", "storage_corrupt", "storage_busy"],
            tally.StorageBusy: ["storage_busy"],
            tally.InternalError: ["internal"],
            tally.Unsupported: ["unsupported"],
        }
        codes = header_codes()
        for cls, names in expect.items():
            for name in names:
                with self.subTest(name=name):
                    self.assertIsInstance(errors.error_for(codes[name]), cls)

    def test_unknown_future_codes_are_plain_tally_errors(self):
        error = errors.error_for(4242, "something new", "brand_new")
        self.assertIs(type(error), tally.TallyError)
        self.assertEqual((error.code, error.name), (4242, "brand_new"))
        self.assertIn("something new", str(error))

    def test_errors_pickle(self):
        import pickle

        error = pickle.loads(pickle.dumps(errors.error_for(4, "upc: not in the catalog", "unknown_upc")))
        self.assertIsInstance(error, tally.NotFound)
        self.assertEqual((error.code, error.name, error.message), (4, "unknown_upc", "upc: not in the catalog"))


class EngineErrorsTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)

    def tearDown(self):
        self.engine.close()

    def test_unknown_upc(self):
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.NotFound) as caught:
                checkout.add_line("012345678905", 1, 999)  # a valid GTIN the catalog lacks
            error = caught.exception
            self.assertEqual(error.code, 4)
            self.assertEqual(error.name, "unknown_upc")
            self.assertIn("upc", error.message)
            self.assertIsInstance(error, tally.TallyError)
            # The checkout is still usable after a refused line.
            self.assertEqual(checkout.add_line("084213101044", 1, 1899), 1)

    def test_unknown_upc_as_json_line_names_the_field(self):
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.NotFound) as caught:
                checkout.add_line_json({"upc": "012345678905", "quantity": 1, "unit_price": 999})
            self.assertEqual(caught.exception.code, 4)
            self.assertIn("upc", caught.exception.message)

    def test_malformed_json(self):
        with self.assertRaises(tally.InvalidInput) as caught:
            self.engine.load_catalog('{"products": [', T0)
        self.assertEqual(caught.exception.code, errors.E_MALFORMED_JSON)
        self.assertEqual(caught.exception.name, "malformed_json")
        self.assertTrue(caught.exception.message)
        self.assertTrue(self.engine.last_error)
        with self.assertRaises(tally.InvalidInput):
            self.engine.save_location(b"not json", T0)
        with self.assertRaises(tally.InvalidInput):
            self.engine.run_checkout("[")

    def test_invalid_catalog_names_the_path_and_changes_nothing(self):
        before = self.engine.catalog()
        bad = {"programs": [{"id": "p", "name": "P", "kind": "custom", "fulfillment": "none",
                             "cards": [{"id": "c", "name": "C", "qualifying_upcs": ["084213101044"],
                                        "buy_n": 0, "free_item_rule": "any_in_group"}]}]}
        with self.assertRaises(tally.InvalidInput) as caught:
            self.engine.load_catalog(bad, T0)
        self.assertEqual(caught.exception.name, "invalid_catalog")
        self.assertIn("programs[0].cards[0].buy_n", caught.exception.message)
        self.assertEqual(self.engine.catalog(), before)

    def test_not_found_and_conflicts(self):
        with self.assertRaises(tally.NotFound):
            self.engine.customer("C-nobody")
        with self.assertRaises(tally.NotFound):
            self.engine.location("nowhere")
        with self.assertRaises(tally.NotFound):
            self.engine.credit_line(123456)
        with self.assertRaises(tally.NotFound):
            self.engine.checkout_result(RALEIGH, "R-never")
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.Conflict) as caught:
                checkout.redeem("northpaw-fb", "dog-small", "084213101044", 1899)
            self.assertEqual(caught.exception.name, "reward_not_available")
            with self.assertRaises(tally.InvalidInput) as caught:
                checkout.add_line("084213101044", 0, 1899)
            self.assertEqual(caught.exception.name, "invalid_quantity")
            checkout.add_line("084213101044", 1, 1899)
            checkout.finish()
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            checkout.add_line("084213102041", 1, 1899)  # same receipt, other content
            with self.assertRaises(tally.Conflict) as caught:
                checkout.finish()
            self.assertEqual(caught.exception.name, "receipt_conflict")

    def test_binding_side_checks(self):
        with self.assertRaises(tally.InvalidInput):
            self.engine.customer("C1\0001")
        with self.assertRaises(TypeError):
            self.engine.customer(None)
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.InvalidInput) as caught:
                checkout.add_line("084213101044", 2**40, 1899)
            self.assertEqual(caught.exception.name, "invalid_quantity")
            with self.assertRaises(TypeError):
                checkout.add_line("084213101044", 1, 18.99)  # money is int cents
            with self.assertRaises(TypeError):
                checkout.add_line("084213101044", 1)  # the till always knows the price
        with self.assertRaises(TypeError):
            self.engine.checkout(RALEIGH, CUSTOMER, "R-2", 1.5)
        with self.assertRaises(TypeError):
            tally.Engine()


if __name__ == "__main__":
    unittest.main()
