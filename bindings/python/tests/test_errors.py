# SPDX-License-Identifier: Apache-2.0
"""(3) Errors: an exception class per status code under its family, with the code, its
name, the message and the field it names; each provoked through the engine on memory and
SQLite (and a Python store for the storage codes); the binding's own argument checks."""

import datetime
import os
import re
import unittest

from _support import (
    CUSTOMER, HEADER_PATH, RALEIGH, SOURCE_DIR, T0, DictStore, FailingStore, each_engine, find, read_text, setup_store,
    stores,
)
import tally
from tally import errors

STATUS_CODES_PATH = os.path.join(SOURCE_DIR, "include", "tally", "status_codes.def")
FAMILIES = {
    "invalid_input": tally.InvalidInput, "not_found": tally.NotFound, "conflict": tally.Conflict,
    "storage": tally.StorageError, "storage_busy": tally.StorageBusy, "unsupported": tally.Unsupported,
    "internal": tally.InternalError,
}


def status_codes():
    """(number, name, family) of every code in include/tally/status_codes.def but ok."""
    rows = re.findall(r"^TALLY_STATUS\((\d+), (\w+), (\w+), ", read_text(STATUS_CODES_PATH), re.M)
    return [(int(n), name, family) for n, name, family in rows if name != "ok"]


def header_codes():
    text = read_text(HEADER_PATH)
    body = re.search(r"typedef enum tally_status \{(.*?)\} tally_status;", text, re.S).group(1)
    return {name.lower(): int(value) for name, value in re.findall(r"TALLY_E_(\w+)\s*=\s*(\d+)", body)}


class ErrorMappingTest(unittest.TestCase):
    def test_every_code_of_status_codes_def_has_its_class(self):
        codes = status_codes()
        self.assertGreater(len(codes), 30)
        for code, name, family in codes:
            with self.subTest(name=name):
                cls = getattr(tally, errors.class_name(name))
                self.assertIs(errors.error_class(code), cls)
                self.assertTrue(issubclass(cls, FAMILIES[family]), f"{cls.__name__} is not a {family}")
                self.assertIn(cls.__name__, tally.__all__)
                error = errors.error_for(code, "lines[0].upc: problem")
                self.assertIs(type(error), cls)
                self.assertEqual((error.code, error.name, error.field), (code, name, "lines[0].upc"))
        self.assertEqual(sorted(errors.ERROR_CLASSES), sorted(code for code, _, _ in codes))

    def test_the_field_is_the_prefix_of_the_message(self):
        cases = {
            "upc: '1' is not a UPC": "upc",
            "programs[0].cards[0].buy_n: must be at least 1": "programs[0].cards[0].buy_n",
            "offer_redemptions[2].offer: the limit": "offer_redemptions[2].offer",
            "credit line 5555 does not exist": None,
            "JSON syntax error at byte 3": None,
            "": None,
        }
        for message, field in cases.items():
            with self.subTest(message=message):
                self.assertEqual(errors.error_for(1, message).field, field)

    def test_invalid_input_errors_are_value_errors(self):
        self.assertIsInstance(errors.error_for(errors.E_INVALID_QUANTITY), ValueError)
        self.assertNotIsInstance(errors.error_for(errors.E_RECEIPT_CONFLICT), ValueError)

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
                self.assertEqual(error.field, "field")
        self.assertEqual(set(errors.ERROR_CLASSES), set(codes.values()))

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


EASTERN = ("distributor", "eastern")
BOGO = "harbor-hound-treat-bogo"
OCEAN_FISH_15LB = "086342410158"
SALMON_JERKY = "086342710067"
PUPPY_4LB = "084213103048"
ADOPTION = {"species": "dog", "adoption_date": "2026-10-20", "source": "shelter",
            "upcs": [PUPPY_4LB], "unit_prices": [1749]}


def visit(engine, receipt="R-err", customer=CUSTOMER, at=T0):
    return engine.checkout(RALEIGH, customer, receipt, at, multi_punch_reason="converting a paper card")


def enroll(engine, program, **fields):
    engine.enroll(dict(find(stores()["enrollments"], location=RALEIGH, program=program), **fields), T0)


def finished_line(engine):
    """A new credit line: ten bags complete a card, an eleventh visit takes its reward."""
    with visit(engine, "R-ten") as checkout:
        checkout.add_line("084213101044", 10, 1899)
        checkout.finish()
    with visit(engine, "R-free", at=T0 + 60) as checkout:
        checkout.redeem("northpaw-fb", "dog-small", "084213101044")
        return checkout.finish().redemptions[0].credit_line


def with_checkout(action):
    def run(engine):
        with visit(engine) as checkout:
            action(checkout)
    return run


def invalid_argument(engine):
    engine.report("no_such_report", T0, {"location": RALEIGH})


def receipt_conflict(engine):
    with visit(engine) as checkout:
        checkout.add_line("084213101044", 1, 1899)
        checkout.finish()
    with visit(engine) as checkout:
        checkout.add_line("084213102041", 1, 1899)
        checkout.finish()


def limit_reached(engine):
    enroll(engine, BOGO)
    with visit(engine) as checkout:
        checkout.add_line(OCEAN_FISH_15LB, 3, 4699)
        for _ in range(3):  # two per customer
            checkout.redeem_offer(BOGO, SALMON_JERKY, 1199)


def invalid_price(engine):
    enroll(engine, BOGO)
    with visit(engine) as checkout:
        checkout.add_line(OCEAN_FISH_15LB, 1, 4699)
        checkout.redeem_offer(BOGO, SALMON_JERKY)  # never sold here: no last known price


def customer_data_missing(engine):
    enroll(engine, "shelter-start")
    engine.save_customer({"id": "C-min", "first_name": "Ann", "last_name": "Lee"}, T0)
    with visit(engine, customer="C-min") as checkout:
        checkout.redeem_adoption(ADOPTION)


def not_eligible(engine):
    enroll(engine, "shelter-start")
    with visit(engine) as checkout:
        checkout.redeem_adoption(ADOPTION)
        checkout.finish()
    with visit(engine, "R-again", at=T0 + 60) as checkout:
        checkout.redeem_adoption(ADOPTION)


def enrollment_denied(engine):
    enroll(engine, "prairie-table-breeder")
    engine.review_enrollment(("manufacturer", "prairie-table"), RALEIGH, "prairie-table-breeder", False, T0)
    enroll(engine, "prairie-table-breeder")


def insufficient_points(engine):
    enroll(engine, "tail-points")
    with visit(engine) as checkout:
        checkout.redeem_points("tail-points", "bath")  # 150 points; the customer has none


def wrong_actor(engine):
    finished_line(engine)
    engine.pull_batch("retailer", "Week 45", T0 + 120)


def invalid_state(engine):
    line = finished_line(engine)
    engine.reconcile_line("retailer", line, T0 + 120)  # a new line is not credited yet


def pass_used_up(engine):
    enroll(engine, "day-camp")
    with visit(engine) as checkout:
        checkout.use_pass("day-camp", "camp-10")  # C1001 never bought a pass


def vouchers(engine, location=RALEIGH, expires="2026-11-30"):
    """A NorthPaw voucher program and one voucher of it issued to `location`; its id."""
    if location != RALEIGH:
        engine.save_location(find(stores()["locations"], id=location), T0)
    engine.load_catalog({"programs": [{"id": "northpaw-samples", "name": "NorthPaw samples", "kind": "voucher",
                                       "manufacturer": "northpaw", "fulfillment": "distributor",
                                       "voucher": {"upcs": ["084213101044"]}}]}, T0)
    (voucher,) = engine.issue_vouchers(("manufacturer", "northpaw"), {"program": "northpaw-samples",
                                       "location": location, "count": 1, "expires": expires}, T0)
    return voucher.id


def voucher_used(engine):
    voucher = vouchers(engine)
    with visit(engine) as checkout:
        checkout.redeem_voucher(voucher, "084213101044", 1699)
        checkout.redeem_voucher(voucher, "084213101044", 1699)  # the same voucher twice


def voucher_expired(engine):
    voucher = vouchers(engine, expires="2026-11-02")
    with visit(engine, at=T0 + 86400) as checkout:
        checkout.redeem_voucher(voucher, "084213101044", 1699)


def wrong_location(engine):
    voucher = vouchers(engine, location="richmond")
    with visit(engine) as checkout:
        checkout.redeem_voucher(voucher, "084213101044", 1699)


NORTHPAW = ("manufacturer", "northpaw")


def issue_coupon(engine, customer=CUSTOMER):
    """NorthPaw's $2 November thank-you to `customer`, after a bag of its food; returns the
    issue's answer."""
    with visit(engine, "R-bag") as checkout:
        checkout.add_line("084213101044", 1, 1899)
        checkout.finish()
    return engine.issue_coupons(NORTHPAW, {"manufacturer": "northpaw", "kind": "thank_you", "value": 200,
                                           "starts_on": "2026-11-01", "ends_on": "2026-11-30",
                                           "customers": [customer]}, T0)


def redeem_coupon_at(engine, receipt, at, coupon):
    with visit(engine, receipt, at=at) as checkout:
        checkout.redeem_coupon(coupon)
        checkout.finish()


def coupon_used(engine):
    coupon = issue_coupon(engine).issued[0].id
    redeem_coupon_at(engine, "R-c1", T0 + 60, coupon)
    redeem_coupon_at(engine, "R-c2", T0 + 120, coupon)


def coupon_expired(engine):
    redeem_coupon_at(engine, "R-late", T0 + 40 * 86400, issue_coupon(engine).issued[0].id)


def coupon_not_applicable(engine):
    coupon = issue_coupon(engine).issued[0].id
    engine.set_coupon_opt_out(RALEIGH, "northpaw", True, T0)
    redeem_coupon_at(engine, "R-out", T0 + 60, coupon)


# name -> (what provokes it, the field its message names)
PROVOKED = {
    "invalid_argument": (invalid_argument, "kind"),
    "malformed_json": (lambda engine: engine.load_catalog('{"products": [', T0), None),
    "invalid_catalog": (lambda engine: engine.load_catalog({"products": [{"upc": "1"}]}, T0), "products[0].upc"),
    "unknown_upc": (with_checkout(lambda c: c.add_line("012345678905", 1, 999)), "lines[0].upc"),
    "unknown_customer": (lambda engine: engine.customer("C-nobody"), "customer"),
    "unknown_program": (lambda engine: engine.enroll({"location": RALEIGH, "program": "nope"}, T0), "program"),
    "unknown_location": (lambda engine: engine.location("nowhere"), "location"),
    "unknown_distributor": (
        lambda engine: engine.enroll({"location": RALEIGH, "program": "northpaw-fb", "distributor": "nope"}, T0),
        "distributor"),
    "distributor_not_serving": (
        lambda engine: engine.enroll({"location": RALEIGH, "program": "northpaw-fb", "distributor": "chesapeake",
                                      "account_number": "CFP-1"}, T0),
        "distributor"),
    "invalid_quantity": (with_checkout(lambda c: c.add_line("084213101044", 0, 1899)), "lines[0].quantity"),
    "invalid_price": (invalid_price, "offer_redemptions[0].unit_price"),
    "receipt_conflict": (receipt_conflict, "receipt"),
    "not_found": (lambda engine: engine.credit_line(123456), None),
    "not_enrolled": (with_checkout(lambda c: c.redeem_offer("northpaw-holiday")), "offer_redemptions[0].offer"),
    "reward_not_available": (with_checkout(lambda c: c.redeem("northpaw-fb", "dog-small", "084213101044", 1899)),
                             "redemptions[0]"),
    "item_not_allowed": (lambda engine: with_checkout(lambda c: (
        c.add_line("084213101044", 10, 1899), c.redeem("northpaw-fb", "dog-small", "084213101242", 4599)))(engine),
        "redemptions[0].upc"),
    "reason_required": (with_checkout(lambda c: c.add_line_json(
        {"upc": "012345678905", "quantity": 1, "unit_price": 999,
         "exception": {"program": "northpaw-fb", "card": "dog-large"}})), "lines[0].exception.reason"),
    "customer_data_missing": (customer_data_missing, "adoption"),
    "invalid_state": (invalid_state, None),
    "wrong_actor": (wrong_actor, "actor"),
    "limit_reached": (limit_reached, "offer_redemptions[2].offer"),
    "account_number_required": (
        lambda engine: engine.enroll({"location": RALEIGH, "program": "northpaw-fb", "distributor": "eastern"}, T0),
        "account_number"),
    "unknown_manufacturer": (
        lambda engine: engine.report("transactions", T0, {"location": RALEIGH, "manufacturer": "nope"}), "manufacturer"),
    "not_eligible": (not_eligible, "adoption"),
    "enrollment_denied": (enrollment_denied, "enrollment"),
    "insufficient_points": (insufficient_points, "points_redemptions[0].reward"),
    "pass_used_up": (pass_used_up, "pass_uses[0]"),
    "voucher_used": (voucher_used, "voucher_redemptions[1].voucher"),
    "voucher_expired": (voucher_expired, "voucher_redemptions[0].voucher"),
    "wrong_location": (wrong_location, "voucher_redemptions[0].voucher"),
    "coupon_used": (coupon_used, "coupon_redemptions[0]"),
    "coupon_expired": (coupon_expired, "coupon_redemptions[0]"),
    "coupon_not_applicable": (coupon_not_applicable, "coupon_redemptions[0]"),
}

# Codes answered rather than raised: name -> what answers it (a refusal's status name).
# not_engaged refuses one customer of an issue, and the others are still issued.
ANSWERED = {
    "not_engaged": lambda engine: (engine.save_customer(find(stores()["customers"], id="C1005"), T0),
                                   issue_coupon(engine, "C1005").refused[0].refusal)[1],
}

# Codes of a store's failures, provoked through a Python store (Engine.with_store) that
# misbehaves once armed (after the engine opened on it): name -> (store, its arming
# attribute, what provokes the code).


class AlwaysBusy(DictStore):
    armed = False

    def begin(self, write):
        if write and self.armed:
            raise tally.StoreBusy("another writer")
        super().begin(write)


class Damaged(DictStore):
    armed = False

    def get(self, key):
        value = super().get(key)
        return b"\xff not a record" if self.armed and value is not None and b"/loc/" in key else value


class FutureFormat(DictStore):
    armed = False

    def get(self, key):
        return b"99" if self.armed and key.endswith(b"/meta/format") else super().get(key)


STORE_PROVOKED = {
    "storage_failed": (FailingStore, "fail_puts", lambda engine: engine.save_location(find(stores()["locations"], id=RALEIGH), T0)),
    "storage_busy": (AlwaysBusy, "armed", lambda engine: engine.save_location(find(stores()["locations"], id=RALEIGH), T0)),
    "storage_corrupt": (Damaged, "armed", lambda engine: engine.location(RALEIGH)),
    "unsupported": (FutureFormat, "armed", lambda engine: tally.Engine.with_store(engine._adapter.store)),
}

# Codes the engine cannot be made to answer from Python: internal is a bug, and no call of
# this library answers enrollment_pending. test_every_code_of_status_codes_def_has_its_class
# covers their classes.
NOT_PROVOKED = {"internal", "enrollment_pending"}


class ProvokedErrorsTest(unittest.TestCase):
    def check(self, name, action, engine, field="unchecked"):
        cls = getattr(tally, errors.class_name(name))
        with self.assertRaises(tally.TallyError) as caught:
            action(engine)
        error = caught.exception
        self.assertIs(type(error), cls, error)
        codes = {status: code for code, status in errors.STATUS_NAMES.items()}
        self.assertEqual((error.code, error.name), (codes[name], name))
        self.assertTrue(error.message)
        self.assertEqual(str(error), f"{name} ({error.code}): {error.message}")
        if field != "unchecked":
            self.assertEqual(error.field, field, error.message)

    def test_engine_codes_on_memory_and_sqlite(self):
        for name, (action, field) in PROVOKED.items():
            for kind, engine in each_engine():
                with self.subTest(name=name, engine=kind):
                    setup_store(self, engine)
                    self.check(name, action, engine, field)

    def test_storage_codes_through_a_python_store(self):
        for name, (store_class, arming, action) in STORE_PROVOKED.items():
            with self.subTest(name=name):
                store = store_class()
                with tally.Engine.with_store(store, busy_retries=2) as engine:
                    engine.save_location(find(stores()["locations"], id=RALEIGH), T0)
                    setattr(store, arming, True)
                    self.check(name, action, engine)

    def test_answered_codes(self):
        for name, action in ANSWERED.items():
            for kind, engine in each_engine():
                with self.subTest(name=name, engine=kind):
                    setup_store(self, engine)
                    self.assertEqual(action(engine), name)
                    self.assertIn(name, errors.STATUS_NAMES.values())

    def test_every_code_is_provoked_or_listed(self):
        names = {name for _, name, _ in status_codes()}
        self.assertEqual(set(PROVOKED) | set(STORE_PROVOKED) | set(ANSWERED) | NOT_PROVOKED, names)


class EngineErrorsTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)

    def tearDown(self):
        self.engine.close()

    def test_unknown_upc(self):
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.UnknownUpc) as caught:
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
        """Refused before the C call: a wrong Python type raises TypeError; a value the C
        type cannot carry raises the code's class, a ValueError."""
        engine = self.engine
        with self.assertRaises(tally.InvalidArgument) as caught:
            engine.customer("C1\0001")
        self.assertIsInstance(caught.exception, ValueError)
        self.assertEqual(caught.exception.field, "customer")
        with self.assertRaises(TypeError):
            engine.customer(None)
        with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            with self.assertRaises(tally.InvalidQuantity) as caught:
                checkout.add_line("084213101044", 2**40, 1899)
            self.assertEqual((caught.exception.name, caught.exception.field), ("invalid_quantity", "quantity"))
            with self.assertRaises(ValueError):
                checkout.add_line("084213101044", 1, 2**63)
            with self.assertRaises(TypeError):
                checkout.add_line("084213101044", 1, 18.99)  # money is int cents
            with self.assertRaises(TypeError):
                checkout.add_line("084213101044", True, 1899)
            with self.assertRaises(TypeError):
                checkout.add_line("084213101044", 1)  # the till always knows the price
            with self.assertRaises(TypeError):
                checkout.add_line_json(42)
        with self.assertRaises(TypeError):
            engine.checkout(RALEIGH, CUSTOMER, "R-2", 1.5)
        with self.assertRaises(ValueError):
            engine.checkout(RALEIGH, CUSTOMER, "R-2", datetime.datetime(2026, 11, 2, 10))  # naive
        with self.assertRaises(TypeError):
            engine.cards(CUSTOMER, include_redeemed="yes")
        with self.assertRaises(TypeError):
            engine.pull_batch(42, "Week 45", T0)  # an actor is a dict, a (role, id) pair or a role
        with self.assertRaises(TypeError):
            engine.pull_batch("retailer", "Week 45", T0, locations=RALEIGH)  # a list, not a str
        with self.assertRaises(TypeError):
            engine.pull_batch("retailer", "Week 45", T0, locations=[7])
        with self.assertRaises(TypeError):
            engine.split_card(CUSTOMER, 1, 3, T0)
        with self.assertRaises(TypeError):
            engine.batches_due(datetime.datetime(2026, 11, 2, tzinfo=datetime.timezone.utc))  # a date
        with self.assertRaises(TypeError):
            engine.report("transactions", T0, '{"location": "raleigh"}')
        with self.assertRaises(ValueError):
            engine.report("transactions", T0, {"location": RALEIGH, "format": "csv"})  # report_csv
        with self.assertRaises(tally.InvalidArgument):
            engine.journal(after=-1 - 2**63)
        with self.assertRaises(TypeError):
            tally.Engine()

    def test_a_closed_engine_is_an_invalid_state(self):
        self.engine.close()
        with self.assertRaises(tally.InvalidState):
            self.engine.locations()


if __name__ == "__main__":
    unittest.main()
