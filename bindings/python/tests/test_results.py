# SPDX-License-Identifier: Apache-2.0
"""(6) Typed results: one store's life on memory and SQLite returns every class of
tally.results, each with its raw document; the classes ignore unknown fields and refuse
documents that lack one they need; the iterators."""

import dataclasses
import os
import tempfile
import unittest
from typing import Any, Iterator, List, Set

from _support import (
    CATALOG_PATH,
    CHICKEN_4LB,
    CUSTOMER,
    DAY,
    PRICE,
    RALEIGH,
    T0,
    find,
    read_text,
    setup_store,
    stores,
)
import tally
from tally import results

EASTERN = ("distributor", "eastern")
OCEAN_FISH_15LB = "086342410158"  # Harbor Hound: punches its card, qualifies for the BOGO
SALMON_JERKY = "086342710067"  # a reward of the BOGO
THISTLE_TREAT = "089101810053"  # the retailer-fulfilled tracking program (buy 6)
NEW_UPC = "012345678905"  # a valid GTIN the catalog lacks: only as a flagged exception
PUPPY_4LB = "084213103048"  # a kibble of the adoption bundle
RULE = "raleigh-harbor-hound"


def result_classes() -> Set[type]:
    return {
        getattr(results, name)
        for name in results.__all__
        if isinstance(getattr(results, name), type) and issubclass(getattr(results, name), results.Result)
        and getattr(results, name) is not results.Result
    }


def walk(value: Any) -> Iterator[results.Result]:
    """Every result in `value`, nested ones too."""
    if isinstance(value, results.Result):
        yield value
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from walk(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from walk(item)


def store_life(test: unittest.TestCase, engine: tally.Engine) -> List[Any]:
    """A store's life through every call that answers a document; returns the answers."""
    seen: List[Any] = []

    def keep(value: Any) -> Any:
        seen.append(value)
        return value

    data = stores()
    summary = keep(engine.load_catalog(read_text(CATALOG_PATH), T0))
    test.assertIsInstance(summary, tally.CatalogSummary)
    catalog = keep(engine.catalog())
    test.assertEqual(len(catalog.products), summary.products)
    northpaw = find(catalog.programs, id="northpaw-fb")
    test.assertEqual(find(northpaw.cards, id="dog-small").buy_n, 10)
    test.assertEqual(find(catalog.distributors, id="eastern").states[:2], ("NC", "VA"))

    engine.save_location(find(data["locations"], id=RALEIGH), T0)
    keep(engine.location(RALEIGH))
    keep(engine.locations())
    for enrollment in data["enrollments"]:
        if enrollment["location"] == RALEIGH and enrollment["program"] != "whisker-wren-rebate":  # ended
            change = keep(engine.enroll(enrollment, T0))
            test.assertIsInstance(change.enrollment, tally.Enrollment)
    keep(engine.enrollments(RALEIGH))
    approved = keep(engine.review_enrollment(("manufacturer", "prairie-table"), RALEIGH, "prairie-table-breeder", True, T0))
    test.assertEqual(approved.status, "approved")
    customer = keep(engine.save_customer(find(data["customers"], id=CUSTOMER), T0))
    test.assertEqual(customer.raw["id"], CUSTOMER)
    keep(engine.customer(CUSTOMER))
    test.assertGreater(engine.add_auto_enrollment(data["auto_enrollments"][0], T0), 0)
    (rule,) = keep(engine.auto_enrollments())
    test.assertEqual(rule.account_numbers, {RALEIGH: "EPS-20417"})

    # Visit 1: ten bags complete a card (its reward waits), a forced exception, the BOGO.
    with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0, multi_punch_reason="converting a paper card") as visit:
        test.assertEqual(visit.add_line(CHICKEN_4LB, 10, PRICE), 10)
        keep(visit.add_line_json({"upc": NEW_UPC, "quantity": 1, "unit_price": 999,
                                  "exception": {"program": "northpaw-fb", "card": "dog-large", "reason": "new UPC"}}))
        visit.add_line(OCEAN_FISH_15LB, 1, 4699)
        keep(visit.punches())
        keep(visit.rewards())
        (points,) = keep(visit.points())  # tail-points: what the basket earns, nothing to spend yet
        test.assertEqual((points.balance, find(points.rewards, reward="bath").refusal), (0, "insufficient_points"))
        offer = find(keep(visit.offers()), offer="harbor-hound-treat-bogo")
        test.assertEqual([item.upc for item in offer.reward_items][0], SALMON_JERKY)
        visit.redeem_offer(offer.offer, SALMON_JERKY, 1199)
        first = keep(visit.finish())
    test.assertEqual(len(first.rewards_waiting), 1)
    test.assertEqual(first.lines[1].exception, tally.LineException("northpaw-fb", "dog-large", "new UPC"))
    keep(engine.cards(CUSTOMER))
    keep(engine.rewards(CUSTOMER, RALEIGH))

    # Visit 2: the waiting reward; six treats of the retailer-fulfilled program, then its
    # reward; a points reward paid with the points of visit 1.
    at = T0 + DAY
    with engine.checkout(RALEIGH, CUSTOMER, "R-2", at, multi_punch_reason="converting a paper card") as visit:
        visit.redeem("northpaw-fb", "dog-small", CHICKEN_4LB)
        visit.add_line(THISTLE_TREAT, 6, 699)
        (treats,) = [r for r in visit.rewards() if r.program == "thistle-bone-tracking"]
        visit.redeem(treats.program, treats.card, treats.allowed[0].upc)
        visit.redeem_points("tail-points", "bath")
        second = keep(visit.finish())
    test.assertEqual([t.reward for t in second.points[0].redeemed], ["bath"])
    keep(engine.checkout_result(RALEIGH, "R-2"))
    keep(engine.run_checkout({"location": RALEIGH, "customer": CUSTOMER, "receipt": "R-3", "at": at + 60,
                              "lines": [{"upc": CHICKEN_4LB, "quantity": 1, "unit_price": PRICE}]}))
    # A bulk finish: R-3 again (answered as stored), a new receipt, one the engine refuses.
    r3 = {"location": RALEIGH, "customer": CUSTOMER, "receipt": "R-3", "at": at + 60,
          "lines": [{"upc": CHICKEN_4LB, "quantity": 1, "unit_price": PRICE}]}
    bulk = keep(engine.run_checkouts([r3, dict(r3, receipt="R-3b", at=at + 90),
                                      dict(r3, receipt="R-3c", customer="nobody")]))
    test.assertEqual([o.ok for o in bulk], [True, True, False])
    test.assertTrue(bulk[0].result is not None and bulk[0].result.replayed)
    test.assertTrue(bulk[1].result is not None and not bulk[1].result.replayed)
    test.assertIsInstance(bulk[2].error(), tally.UnknownCustomer)
    test.assertIsNone(bulk[0].error())
    keep(engine.return_items({"location": RALEIGH, "receipt": "R-3", "line": 0, "quantity": 1,
                              "return_id": "RT-1", "at": at + 120}))
    (held,) = keep(engine.points(CUSTOMER, RALEIGH, at + 120))
    test.assertEqual((held.rewards_taken[0].reward, held.rewards_taken[0].count), ("bath", 1))
    test.assertGreater(len(held.lots), 0)
    history = keep(engine.points_history(CUSTOMER, "tail-points"))
    test.assertEqual(history[-1].balance, held.balance)
    eligibility = keep(engine.adoption_eligibility(CUSTOMER, RALEIGH, "dog", "2026-10-20", "shelter", at))
    test.assertTrue(eligibility.eligible)
    keep(engine.cards(CUSTOMER, include_redeemed=True))

    # Credit lines: the distributor batches its lines, declines one, credits the rest.
    lines = engine.iter_credit_lines()
    test.assertIsInstance(lines, Iterator)
    lines = keep(list(lines))
    test.assertEqual({line.fulfillment for line in lines}, {"distributor", "retailer"})
    at = T0 + 2 * DAY
    batch = keep(engine.pull_batch(EASTERN, "Week 45", at, locations=[RALEIGH]))
    test.assertEqual(len(batch.lines), 2)
    declined = keep(engine.decline_line(EASTERN, batch.lines[0], "wrong_account_number", "no such account", at))
    test.assertEqual([step.state for step in declined.history][-1], "declined")
    keep(engine.fulfill_batch(EASTERN, batch.id, {"number": "CM-1", "amount": 1899, "note": ""}, at + 60))
    keep(engine.reconcile_line("retailer", batch.lines[1], at + 120))
    keep(engine.credit_line(batch.lines[1]))
    keep(engine.batch(batch.id))
    keep(engine.batches(partner="eastern"))
    engine.set_cadence(RALEIGH, "weekly", "2026-11-02", at)
    keep(engine.batches_due("2026-11-09"))
    retailer = keep(engine.create_retailer_batch("retailer", "November", at, locations=[RALEIGH]))
    test.assertEqual(retailer.kind, "retailer")
    engine.set_billing_flag(RALEIGH, "card on file expired", at)

    # Coupons: NorthPaw thanks the customer, who bought its food (an unknown one is refused);
    # the till lists the coupon and redeems it.
    issued = keep(engine.issue_coupons(("manufacturer", "northpaw"), {
        "manufacturer": "northpaw", "kind": "thank_you", "value": 200, "starts_on": "2026-11-01",
        "ends_on": "2026-11-30", "customers": [CUSTOMER, "C-nobody"]}, at))
    test.assertEqual([r.refusal for r in issued.refused], ["unknown_customer"])
    with engine.checkout(RALEIGH, CUSTOMER, "R-coupon", at + 30) as visit:
        (status,) = keep(visit.coupons())
        test.assertTrue(status.usable)
        visit.redeem_coupon(issued.issued[0].id)
        test.assertEqual(keep(visit.finish()).redemptions[-1].kind, "coupon")
    test.assertEqual(keep(engine.coupon(issued.issued[0].id)).status, "redeemed")
    keep(engine.coupons(CUSTOMER, include_redeemed=True))

    # Reports and the Command Center.
    query = {"location": RALEIGH, "from": "2026-11-02", "to": "2026-11-04"}
    for kind in ("free_goods_credit_status", "retailer_credit_batches", "redemptions_by_date",
                 "participation", "transactions"):
        report = keep(engine.report(kind, at, query))
        test.assertEqual((report.report, report.from_, report.raw["to"]), (kind, "2026-11-02", "2026-11-04"))
    liability = keep(engine.report("points_liability", at, {"location": RALEIGH, "to": "2026-11-04"}))
    test.assertEqual((liability.as_of, liability.points_liability[0].program), ("2026-11-04", "tail-points"))
    test.assertTrue(engine.report_csv("transactions", at, query).startswith("date,"))
    center = keep(engine.command_center(RALEIGH, at))
    test.assertTrue(center.action_needed.billing.needs_action)
    test.assertEqual(center.action_needed.declined_credits.free_goods.lines[0].id, declined.id)
    test.assertEqual(center.action_needed.temporary_holding.programs[0].program, "harbor-hound-fb")

    # Manufacturers' vouchers: issued by the brand, read back.
    engine.load_catalog({"programs": [{"id": "northpaw-samples", "name": "NorthPaw samples", "kind": "voucher",
                                       "manufacturer": "northpaw", "fulfillment": "distributor",
                                       "voucher": {"upcs": ["084213101044"]}}]}, at)
    (voucher,) = keep(engine.issue_vouchers(("manufacturer", "northpaw"), {"program": "northpaw-samples",
                                            "location": RALEIGH, "ids": ["NP-1"], "expires": "2026-11-30"}, at))
    test.assertEqual((voucher.state, voucher.allowed_upcs, voucher.redeemed_at), ("pending", ("084213101044",), None))
    keep(engine.vouchers(RALEIGH, at))
    test.assertEqual(keep(engine.voucher("NP-1", at)).expires, "2026-11-30")

    # The journal, page by page.
    journal = keep(list(engine.iter_journal(page=3)))
    test.assertEqual(journal, engine.journal(limit=len(journal)))
    test.assertEqual(journal[0].document, journal[0].raw["document"])
    return seen


class TypedResultsTest(unittest.TestCase):
    def check_every_class(self, engine: tally.Engine) -> None:
        seen = store_life(self, engine)
        made = list(walk(seen))
        for result in made:
            self.assertIsInstance(result.raw, dict)  # the document each was made from
        missing = {cls.__name__ for cls in result_classes()} - {type(r).__name__ for r in made}
        self.assertEqual(missing, set(), "result classes no call returned")

    def test_memory(self):
        with tally.Engine.memory() as engine:
            self.check_every_class(engine)

    def test_sqlite(self):
        with tempfile.TemporaryDirectory() as folder:
            with tally.Engine.sqlite(os.path.join(folder, "shop.db")) as engine:
                self.check_every_class(engine)


class CustomModesTest(unittest.TestCase):
    """The typed fields of cash back and prepaid passes (docs/programs.md)."""

    CAMP_PASS = "400000100203"

    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)
        for program in ("treat-cash", "day-camp"):
            self.engine.enroll(find(stores()["enrollments"], location=RALEIGH, program=program), T0)

    def tearDown(self):
        self.engine.close()

    def test_cash_back(self):
        for day in range(5):  # Thistle & Bone duck jerky: its own 10%
            with self.engine.checkout(RALEIGH, CUSTOMER, f"T-{day}", T0 + day * DAY) as visit:
                visit.add_line(THISTLE_TREAT, 1, 1099)
                visit.finish()
        (card,) = [c for c in self.engine.cards(CUSTOMER) if c.program == "treat-cash"]
        self.assertEqual((card.status, card.cash_back, card.cash_back_debt), ("complete", 545, 0))
        self.assertEqual([p.cash_back for p in card.punches], [109] * 5)
        self.assertIsNone(card.pass_uses_left)
        (reward,) = [r for r in self.engine.rewards(CUSTOMER, RALEIGH) if r.program == "treat-cash"]
        self.assertEqual((reward.cash_back, reward.pass_uses_left, reward.allowed), (545, None, ()))
        with self.engine.checkout(RALEIGH, CUSTOMER, "T-pay", T0 + 6 * DAY) as visit:
            visit.redeem("treat-cash", "treats", "")
            paid = visit.finish()
        (redemption,) = paid.redemptions
        self.assertEqual((redemption.kind, redemption.unit_price, redemption.credit_line), ("cash_back", 545, 0))
        back = self.engine.return_items({"location": RALEIGH, "receipt": "T-0", "line": 0, "quantity": 1,
                                         "return_id": "RT-T0", "at": T0 + 7 * DAY})
        self.assertEqual((back.cash_back_taken, back.debt_added), (109, 1))
        (owed,) = [c for c in self.engine.cards(CUSTOMER) if c.program == "treat-cash"]
        self.assertEqual((owed.cash_back, owed.cash_back_debt, owed.debt), (0, 109, 1))

    def test_prepaid_pass(self):
        with self.engine.checkout(RALEIGH, CUSTOMER, "C-0", T0) as visit:
            visit.add_line(self.CAMP_PASS, 1, 29900)
            self.assertEqual(visit.use_pass("day-camp", "camp-10", 2), 0)
            (waiting,) = [r for r in visit.rewards() if r.program == "day-camp"]
            self.assertEqual((waiting.pass_uses_left, waiting.cash_back), (8, None))
            sold = visit.finish()
        self.assertEqual([(r.kind, r.quantity) for r in sold.redemptions], [("pass", 2)])
        (card,) = [c for c in self.engine.cards(CUSTOMER) if c.program == "day-camp"]
        self.assertEqual((card.status, card.pass_uses_left, card.punch_count), ("complete", 8, 2))
        with self.engine.checkout(RALEIGH, CUSTOMER, "C-1", T0 + DAY) as visit:
            with self.assertRaises(tally.PassUsedUp) as caught:
                visit.use_pass("day-camp", "camp-10", 9)
            self.assertEqual(caught.exception.field, "pass_uses[0]")
            visit.use_pass("day-camp", "camp-10", 8)
            self.assertEqual([r for r in visit.rewards() if r.program == "day-camp"], [])
            visit.finish()
        (used,) = [c for c in self.engine.cards(CUSTOMER, include_redeemed=True) if c.program == "day-camp"]
        self.assertEqual((used.status, used.pass_uses_left), ("redeemed", 0))


class CouponsTest(unittest.TestCase):
    """Coupons, typed (docs/programs.md#coupons): issued by the brand, listed, at the till."""

    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)

    def tearDown(self):
        self.engine.close()

    def test_issue_redeem_and_opt_out(self):
        self.engine.save_customer(find(stores()["customers"], id="C1005"), T0)
        with self.engine.checkout(RALEIGH, CUSTOMER, "C-0", T0) as visit:
            visit.add_line("084213101044", 1, 1899)  # a bag of NorthPaw: engaged
            visit.finish()
        issued = self.engine.issue_coupons(("manufacturer", "northpaw"), {
            "manufacturer": "northpaw", "kind": "thank_you", "value": 200, "upcs": ["084213101044"],
            "starts_on": "2026-11-01", "ends_on": "2026-11-30", "customers": [CUSTOMER, "C1005"]}, T0)
        self.assertIsInstance(issued, results.CouponIssueResult)
        (coupon,) = issued.issued
        self.assertEqual((coupon.customer, coupon.kind, coupon.value, coupon.upcs, coupon.status),
                         (CUSTOMER, "thank_you", 200, ("084213101044",), "issued"))
        self.assertEqual([(r.customer, r.refusal) for r in issued.refused], [("C1005", "not_engaged")])
        self.assertEqual(self.engine.coupons(CUSTOMER), [coupon])
        self.engine.set_coupon_opt_out(RALEIGH, "northpaw", True, T0)
        with self.engine.checkout(RALEIGH, CUSTOMER, "C-1", T0 + 60) as visit:
            (status,) = visit.coupons()
            self.assertEqual((status.usable, status.refusal), (False, "coupon_not_applicable"))
        self.engine.set_coupon_opt_out(RALEIGH, "northpaw", False, T0)
        with self.engine.checkout(RALEIGH, CUSTOMER, "C-2", T0 + 120) as visit:
            visit.add_line("084213101044", 1, 1899)
            self.assertTrue(visit.coupons()[0].usable)
            self.assertEqual(visit.redeem_coupon(coupon.id), 0)
            visit.undo_coupon_redemption(0)
            visit.redeem_coupon(coupon.id)
            result = visit.finish()
        (redeemed,) = [r for r in result.redemptions if r.kind == "coupon"]
        self.assertEqual((redeemed.card, redeemed.unit_price), (str(coupon.id), 200))
        after = self.engine.coupon(coupon.id)
        self.assertEqual((after.status, after.receipt, after.credit_line), ("redeemed", "C-2", redeemed.credit_line))
        self.assertEqual(self.engine.coupons(CUSTOMER), [])
        self.assertEqual(len(self.engine.coupons(CUSTOMER, include_redeemed=True)), 1)


class FromDocumentTest(unittest.TestCase):
    HISTORY = {"state": "new", "at": T0, "actor": "system", "note": "redeemed at the till"}

    def test_fields_raw_and_unknown_fields(self):
        doc = dict(self.HISTORY, added_by_a_newer_library=[1, 2])
        entry = tally.HistoryEntry.from_document(doc)
        self.assertEqual(entry, tally.HistoryEntry("new", T0, "system", "redeemed at the till"))
        self.assertIs(entry.raw, doc)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            entry.state = "batched"  # type: ignore[misc]

    def test_missing_and_mistyped_fields(self):
        doc = dict(self.HISTORY)
        del doc["at"]
        with self.assertRaisesRegex(tally.DocumentError, r"^history_entry: the field 'at' is missing$"):
            tally.HistoryEntry.from_document(doc)
        with self.assertRaisesRegex(tally.DocumentError, r"^batch\.history\[0\]\.at: expected an integer, got str$"):
            tally.HistoryEntry.from_document(dict(self.HISTORY, at=str(T0)), "batch.history[0]")
        with self.assertRaisesRegex(tally.DocumentError, r"expected an integer, got bool"):
            tally.StateTotals.from_document({"lines": True, "units": 1, "value": 1})
        with self.assertRaisesRegex(tally.DocumentError, r"^punch: expected an object, got list$"):
            tally.Punch.from_document([])
        self.assertTrue(issubclass(tally.DocumentError, ValueError))

    def test_nested_documents_name_their_path(self):
        center = {"location": RALEIGH, "date": "2026-11-02", "mobile_app": {"customers": 0, "joined_this_month": 0},
                  "auto_enrollment": {"current": 0, "upcoming": 0, "offers": []},
                  "offers_from_top_brands": {"days": 30, "brands": [], "offers": []},
                  "action_needed": {"count": 0, "billing": {"flag": "", "needs_action": False},
                                    "temporary_holding": {"count": 0, "programs": [{"program": "p"}]},
                                    "declined_credits": {}}}
        with self.assertRaisesRegex(tally.DocumentError, r"^command_center\.action_needed\.declined_credits: the field 'count'"):
            tally.CommandCenter.from_document(center)


class IteratorTest(unittest.TestCase):
    def test_arguments_are_checked_before_iterating(self):
        with tally.Engine.memory() as engine:
            with self.assertRaises(TypeError):
                engine.iter_journal(after="0")  # type: ignore[arg-type]
            with self.assertRaises(tally.InvalidArgument):
                engine.iter_journal(page=0)
            with self.assertRaises(TypeError):
                engine.iter_credit_lines(state=1)  # type: ignore[arg-type]
            self.assertEqual(list(engine.iter_journal()), [])  # an empty journal: nothing


if __name__ == "__main__":
    unittest.main()
