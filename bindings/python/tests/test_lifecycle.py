"""The rest of tally.h through the binding: credit-line lifecycles, reports, the Command
Center, corrections after finishing, offers at the till."""

import unittest

from _support import (
    CHICKEN_4LB,
    CUSTOMER,
    DAY,
    LAMB_4LB,
    PRICE,
    RALEIGH,
    T0,
    find,
    library_has,
    run_scenario,
    setup_store,
    stores,
)
import tally

EASTERN = ("distributor", "eastern")
RETAILER = {"role": "retailer"}


@unittest.skipUnless(library_has("tally_pull_batch"), "the loaded libtally does not implement the lifecycle calls yet")
class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine.memory()
        self.result = run_scenario(self, self.engine)
        self.line = self.engine.credit_lines()[0]
        self.at = T0 + 13 * DAY

    def tearDown(self):
        self.engine.close()

    def test_pull_fulfill_reconcile(self):
        engine, line_id = self.engine, self.line["id"]
        batch = engine.pull_batch(EASTERN, "Week 46", self.at, locations=[RALEIGH])
        self.assertIn(line_id, batch["lines"])
        self.assertEqual(engine.credit_line(line_id)["state"], "batched")
        self.assertEqual([b["id"] for b in engine.batches(partner="eastern")], [batch["id"]])
        self.assertEqual(engine.batch(batch["id"])["state"], "unfulfilled")

        memo = {"number": "CM-1", "amount": PRICE, "note": "week 46"}
        with self.assertRaises(tally.Conflict) as caught:
            engine.fulfill_batch(RETAILER, batch["id"], memo, self.at)
        self.assertEqual(caught.exception.name, "wrong_actor")
        self.assertEqual(engine.credit_line(line_id)["state"], "batched")

        fulfilled = engine.fulfill_batch(EASTERN, batch["id"], memo, self.at + 60)
        self.assertEqual(fulfilled["state"], "fulfilled")
        self.assertEqual(engine.credit_line(line_id)["state"], "credited")
        reconciled = engine.reconcile_line("retailer", line_id, self.at + 120)
        self.assertEqual(reconciled["state"], "reconciled")
        states = [event["state"] for event in engine.credit_line(line_id)["history"]]
        self.assertEqual(states[-3:], ["batched", "credited", "reconciled"])

    def test_decline_fix_resubmit(self):
        engine, line_id = self.engine, self.line["id"]
        batch = engine.pull_batch(EASTERN, "Week 46", self.at)
        declined = engine.decline_line(EASTERN, line_id, "wrong_account_number", "no such account", self.at + 60)
        self.assertEqual(declined["state"], "declined")
        engine.fix_account_number("retailer", RALEIGH, "northpaw-fb", "EPS-99999", self.at + 120)
        again = engine.resubmit_line("retailer", line_id, "fixed the account", self.at + 180)
        self.assertEqual(again["state"], "new")
        self.assertEqual(again["account_number"], "EPS-99999")
        self.assertEqual(engine.unbatch(EASTERN, batch["id"], self.at + 240)["state"], "dissolved")

    def test_credit_status_report(self):
        query = {"location": RALEIGH, "from": "2026-11-13", "to": "2026-11-13"}
        report = self.engine.report("free_goods_credit_status", self.at, query)
        self.assertEqual(report["report"], "free_goods_credit_status")
        self.assertEqual(report["totals"]["new"]["lines"], 1)
        self.assertEqual(report["totals"]["new"]["value"], PRICE)
        partner = find(report["partners"], partner="eastern")
        self.assertEqual(partner["manufacturers"][0]["lines"][0]["id"], self.line["id"])

        csv = self.engine.report("free_goods_credit_status", self.at, dict(query, format="csv"))
        self.assertIsInstance(csv, str)
        header, first = csv.split("\r\n")[:2]
        self.assertTrue(header.startswith("batch_id,line_id,state,partner"))
        self.assertTrue(first.startswith(f"-1,{self.line['id']},new,eastern"))

        with self.assertRaises(tally.InvalidInput):
            self.engine.report("no_such_report", self.at, {"location": RALEIGH})
        with self.assertRaises(tally.NotFound):
            self.engine.report("free_goods_credit_status", self.at, {"location": "nowhere"})

    def test_command_center_and_billing_flag(self):
        self.engine.set_billing_flag(RALEIGH, "card on file expired", self.at)
        center = self.engine.command_center(RALEIGH, self.at)
        self.assertEqual(center["location"], RALEIGH)
        self.assertTrue(center["action_needed"]["billing"]["needs_action"])
        self.engine.set_billing_flag(RALEIGH, None, self.at)
        center = self.engine.command_center(RALEIGH, self.at)
        self.assertFalse(center["action_needed"]["billing"]["needs_action"])

    def test_undo_redemption_reselects(self):
        redemption = self.result["redemptions"][0]
        replaced = self.engine.undo_redemption("retailer", redemption["id"], self.at, upc=LAMB_4LB, unit_price=2099)
        self.assertEqual(replaced["upc"], LAMB_4LB)
        self.assertEqual(self.engine.credit_line(self.line["id"])["state"], "withdrawn")
        lines = self.engine.credit_lines(state="new")
        self.assertEqual([(l["upc"], l["unit_price"]) for l in lines], [(LAMB_4LB, 2099)])


@unittest.skipUnless(library_has("tally_return_items"), "the loaded libtally does not implement the corrections yet")
class CorrectionsTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)
        for visit in (1, 2, 3):
            with self.engine.checkout(RALEIGH, CUSTOMER, f"R-{visit}", T0 + visit * DAY) as checkout:
                checkout.add_line(CHICKEN_4LB, 1, PRICE)
                checkout.finish()

    def tearDown(self):
        self.engine.close()

    def card(self, customer=CUSTOMER):
        return find(self.engine.cards(customer), card="dog-small")

    def test_return_items_is_idempotent(self):
        request = {"location": RALEIGH, "receipt": "R-3", "line": 0, "quantity": 1,
                   "return_id": "RT-1", "at": T0 + 4 * DAY}
        first = self.engine.return_items(request)
        self.assertEqual(first["punches_removed"], 1)
        self.assertFalse(first["replayed"])
        self.assertTrue(self.engine.return_items(request)["replayed"])
        self.assertEqual(self.card()["punch_count"], 2)

    def test_split_card(self):
        kept, new = self.engine.split_card(CUSTOMER, self.card()["number"], [1, 2], T0 + 4 * DAY)
        self.assertEqual((kept["punch_count"], new["punch_count"]), (1, 2))

    def test_merge_customers(self):
        duplicate = dict(find(stores()["customers"], id="C1002"))
        self.engine.save_customer(duplicate, T0)
        with self.engine.checkout(RALEIGH, "C1002", "R-dup", T0 + 5 * DAY) as checkout:
            checkout.add_line(CHICKEN_4LB, 1, PRICE)
            checkout.finish()
        survivor = self.engine.merge_customers(CUSTOMER, "C1002", T0 + 6 * DAY)
        self.assertEqual(survivor["id"], CUSTOMER)
        cards = [c for c in self.engine.cards(CUSTOMER) if c["card"] == "dog-small"]
        self.assertEqual(sum(c["punch_count"] for c in cards), 4)  # the duplicate's card moved over
        self.assertEqual(self.engine.cards("C1002"), [])
        with self.assertRaises(tally.TallyError) as caught:
            self.engine.checkout(RALEIGH, "C1002", "R-after", T0 + 7 * DAY).close()
        self.assertIn(CUSTOMER, caught.exception.message)


@unittest.skipUnless(library_has("tally_checkout_offers"), "the loaded libtally does not implement offers yet")
class OffersTest(unittest.TestCase):
    def test_no_offers_enrolled(self):
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            self.assertEqual(engine.auto_enrollments(), [])
            with engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
                checkout.add_line(CHICKEN_4LB, 1, PRICE)
                self.assertEqual(checkout.offers(), [])
                with self.assertRaises(tally.TallyError):
                    checkout.redeem_offer("no-such-offer")


if __name__ == "__main__":
    unittest.main()
