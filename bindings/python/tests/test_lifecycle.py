# SPDX-License-Identifier: Apache-2.0
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
    run_scenario,
    setup_store,
    stores,
)
import tally

EASTERN = ("distributor", "eastern")
RETAILER = {"role": "retailer"}


class LifecycleTest(unittest.TestCase):
    def setUp(self):
        self.engine = tally.Engine.memory()
        self.result = run_scenario(self, self.engine)
        self.line = next(self.engine.iter_credit_lines())
        self.at = T0 + 13 * DAY

    def tearDown(self):
        self.engine.close()

    def test_pull_fulfill_reconcile(self):
        engine, line_id = self.engine, self.line.id
        batch = engine.pull_batch(EASTERN, "Week 46", self.at, locations=[RALEIGH])
        self.assertIn(line_id, batch.lines)
        self.assertEqual(engine.credit_line(line_id).state, "batched")
        self.assertEqual([b.id for b in engine.batches(partner="eastern")], [batch.id])
        self.assertEqual(engine.batch(batch.id).state, "unfulfilled")

        memo = {"number": "CM-1", "amount": PRICE, "note": "week 46"}
        with self.assertRaises(tally.Conflict) as caught:
            engine.fulfill_batch(RETAILER, batch.id, memo, self.at)
        self.assertEqual(caught.exception.name, "wrong_actor")
        self.assertEqual(engine.credit_line(line_id).state, "batched")

        fulfilled = engine.fulfill_batch(EASTERN, batch.id, memo, self.at + 60)
        self.assertEqual(fulfilled.state, "fulfilled")
        self.assertEqual(engine.credit_line(line_id).state, "credited")
        reconciled = engine.reconcile_line("retailer", line_id, self.at + 120)
        self.assertEqual(reconciled.state, "reconciled")
        states = [event.state for event in engine.credit_line(line_id).history]
        self.assertEqual(states[-3:], ["batched", "credited", "reconciled"])

    def test_decline_fix_resubmit(self):
        engine, line_id = self.engine, self.line.id
        batch = engine.pull_batch(EASTERN, "Week 46", self.at)
        declined = engine.decline_line(EASTERN, line_id, "wrong_account_number", "no such account", self.at + 60)
        self.assertEqual(declined.state, "declined")
        engine.fix_account_number("retailer", RALEIGH, "northpaw-fb", "EPS-99999", self.at + 120)
        again = engine.resubmit_line("retailer", line_id, "fixed the account", self.at + 180)
        self.assertEqual(again.state, "new")
        self.assertEqual(again.account_number, "EPS-99999")
        self.assertEqual(engine.unbatch(EASTERN, batch.id, self.at + 240).state, "dissolved")

    def test_credit_status_report(self):
        query = {"location": RALEIGH, "from": "2026-11-13", "to": "2026-11-13"}
        report = self.engine.report("free_goods_credit_status", self.at, query)
        self.assertEqual(report.report, "free_goods_credit_status")
        self.assertEqual(report.totals["new"].lines, 1)
        self.assertEqual(report.totals["new"].value, PRICE)
        partner = find(report.partners, partner="eastern")
        self.assertEqual(partner.manufacturers[0].lines[0].id, self.line.id)

        csv = self.engine.report_csv("free_goods_credit_status", self.at, query)
        self.assertIsInstance(csv, str)
        header, first = csv.split("\r\n")[:2]
        self.assertTrue(header.startswith("batch_id,line_id,state,partner"))
        self.assertTrue(first.startswith(f"-1,{self.line.id},new,eastern"))

        with self.assertRaises(tally.InvalidArgument):
            self.engine.report("no_such_report", self.at, {"location": RALEIGH})
        with self.assertRaises(tally.UnknownLocation):
            self.engine.report("free_goods_credit_status", self.at, {"location": "nowhere"})

    def test_command_center_and_billing_flag(self):
        self.engine.set_billing_flag(RALEIGH, "card on file expired", self.at)
        center = self.engine.command_center(RALEIGH, self.at)
        self.assertEqual(center.location, RALEIGH)
        self.assertTrue(center.action_needed.billing.needs_action)
        self.engine.set_billing_flag(RALEIGH, None, self.at)
        center = self.engine.command_center(RALEIGH, self.at)
        self.assertFalse(center.action_needed.billing.needs_action)

    def test_undo_redemption_reselects(self):
        redemption = self.result.redemptions[0]
        replaced = self.engine.undo_redemption("retailer", redemption.id, self.at, upc=LAMB_4LB, unit_price=2099)
        self.assertEqual(replaced.upc, LAMB_4LB)
        self.assertEqual(self.engine.credit_line(self.line.id).state, "withdrawn")
        lines = list(self.engine.iter_credit_lines(state="new"))
        self.assertEqual([(l.upc, l.unit_price) for l in lines], [(LAMB_4LB, 2099)])


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
        self.assertEqual(first.punches_removed, 1)
        self.assertFalse(first.replayed)
        self.assertTrue(self.engine.return_items(request).replayed)
        self.assertEqual(self.card().punch_count, 2)

    def test_split_card(self):
        kept, new = self.engine.split_card(CUSTOMER, self.card().number, [1, 2], T0 + 4 * DAY)
        self.assertEqual((kept.punch_count, new.punch_count), (1, 2))

    def test_merge_customers(self):
        duplicate = dict(find(stores()["customers"], id="C1002"))
        self.engine.save_customer(duplicate, T0)
        with self.engine.checkout(RALEIGH, "C1002", "R-dup", T0 + 5 * DAY) as checkout:
            checkout.add_line(CHICKEN_4LB, 1, PRICE)
            checkout.finish()
        survivor = self.engine.merge_customers(CUSTOMER, "C1002", T0 + 6 * DAY)
        self.assertEqual(survivor.id, CUSTOMER)
        cards = [c for c in self.engine.cards(CUSTOMER) if c.card == "dog-small"]
        self.assertEqual(sum(c.punch_count for c in cards), 4)  # the duplicate's card moved over
        self.assertEqual(self.engine.cards("C1002"), [])
        with self.assertRaises(tally.TallyError) as caught:
            self.engine.checkout(RALEIGH, "C1002", "R-after", T0 + 7 * DAY).close()
        self.assertIn(CUSTOMER, caught.exception.message)


BOGO = "harbor-hound-treat-bogo"        # buy a 15 lb Harbor Hound bag, get a treat bag
OCEAN_FISH_15LB = "086342410158"
SALMON_JERKY = "086342710067"           # a reward of the BOGO and a treat of the bundle
PUPPY_4LB = "084213103048"              # a kibble of the adoption bundle
BEEF_STEW_CAN = "085977510134"          # a wet food of the adoption bundle


class OffersTest(unittest.TestCase):
    """Offers at the till, adoption bundles, auto-enrollment and private programs through
    the binding, on the sample catalog."""

    def setUp(self):
        self.engine = tally.Engine.memory()
        setup_store(self, self.engine)
        self.data = stores()

    def tearDown(self):
        self.engine.close()

    def enroll(self, program):
        return self.engine.enroll(find(self.data["enrollments"], location=RALEIGH, program=program), T0)

    def test_no_offers_enrolled(self):
        self.assertEqual(self.engine.auto_enrollments(), [])
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            checkout.add_line(CHICKEN_4LB, 1, PRICE)
            self.assertEqual(checkout.offers(), [])
            with self.assertRaises(tally.TallyError):
                checkout.redeem_offer("no-such-offer")

    def test_free_good_offer_taken_at_the_till(self):
        self.enroll(BOGO)
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            checkout.add_line(OCEAN_FISH_15LB, 1, 4699)
            offer = find(checkout.offers(), offer=BOGO)
            self.assertTrue(offer.active)
            self.assertEqual(offer.available, 1)
            self.assertEqual(offer.customer_remaining, 2)
            with self.assertRaises(tally.InvalidInput) as caught:  # never sold here: no price
                checkout.redeem_offer(BOGO, SALMON_JERKY)
            self.assertEqual(caught.exception.name, "invalid_price")
            self.assertIn("unit_price", caught.exception.message)
            checkout.redeem_offer(BOGO, SALMON_JERKY, 1199)
            self.assertEqual(find(checkout.offers(), offer=BOGO).available, 0)
            result = checkout.finish()
        (redemption,) = result.redemptions
        self.assertEqual(redemption.kind, "offer")
        line = self.engine.credit_line(redemption.credit_line)
        self.assertEqual((line.partner, line.unit_price, line.state), ("eastern", 1199, "new"))

    def test_a_declined_offer_is_recorded(self):
        self.enroll(BOGO)
        with self.engine.checkout(RALEIGH, CUSTOMER, "R-1", T0) as checkout:
            checkout.add_line(OCEAN_FISH_15LB, 1, 4699)
            checkout.decline_offer(BOGO)
            self.assertEqual(find(checkout.offers(), offer=BOGO).declined, 1)
            self.assertEqual(checkout.finish().redemptions, ())

    def test_adoption_bundle_once_per_household_and_species(self):
        self.enroll("shelter-start")
        eligibility = self.engine.adoption_eligibility(CUSTOMER, RALEIGH, "dog", "2026-10-20", "shelter", T0)
        self.assertTrue(eligibility.eligible, eligibility)
        with self.engine.checkout(RALEIGH, CUSTOMER, "A-1", T0) as checkout:
            checkout.redeem_adoption({"species": "dog", "adoption_date": "2026-10-20", "source": "shelter",
                                      "upcs": [PUPPY_4LB, BEEF_STEW_CAN], "unit_prices": [1749, 349]})
            result = checkout.finish()
        self.assertEqual([r.kind for r in result.redemptions], ["adoption", "adoption"])
        self.assertEqual([r.unit_price for r in result.redemptions], [1749, 349])
        again = self.engine.adoption_eligibility(CUSTOMER, RALEIGH, "dog", "2026-10-25", "rescue", T0 + DAY)
        self.assertFalse(again.eligible)
        self.assertEqual(again.next_eligible, "2027-11-02")
        with self.engine.checkout(RALEIGH, CUSTOMER, "A-2", T0 + DAY) as checkout:
            with self.assertRaises(tally.Conflict) as caught:
                checkout.redeem_adoption({"species": "dog", "adoption_date": "2026-10-25", "source": "rescue",
                                          "upcs": [PUPPY_4LB], "unit_prices": [1749]})
            self.assertEqual(caught.exception.name, "not_eligible")

    def test_auto_enrollment_follows_the_brand_but_not_a_manual_choice(self):
        self.enroll(BOGO)
        rule = self.data["auto_enrollments"][0]
        made = self.engine.add_auto_enrollment(rule, T0)
        programs = {e.program: e for e in self.engine.enrollments(RALEIGH)}
        self.assertEqual(programs[BOGO].source, "manual")
        self.assertEqual(programs["harbor-hound-winter"].source, "auto")
        self.assertEqual(programs["harbor-hound-winter"].rule, rule["id"])
        self.assertEqual(made, len([e for e in programs.values() if e.rule == rule["id"]]))
        self.assertEqual([r.id for r in self.engine.auto_enrollments()], [rule["id"]])
        self.engine.remove_auto_enrollment(rule["id"], T0 + DAY)
        self.assertEqual(self.engine.auto_enrollments(), [])

    def test_private_program_waits_for_the_brand(self):
        pending = self.enroll("prairie-table-breeder")
        self.assertEqual(pending.enrollment.status, "pending")
        with self.assertRaises(tally.Conflict):
            self.engine.review_enrollment(EASTERN, RALEIGH, "prairie-table-breeder", True, T0)
        reviewed = self.engine.review_enrollment(("manufacturer", "prairie-table"), RALEIGH,
                                                 "prairie-table-breeder", True, T0)
        self.assertEqual(reviewed.status, "approved")


if __name__ == "__main__":
    unittest.main()
