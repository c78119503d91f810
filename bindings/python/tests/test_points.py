# SPDX-License-Identifier: Apache-2.0
"""(8) Loyalty points through the binding: the sample catalog's points program
("tail-points": a point per dollar of the visit's total, 25 a bag of salmon jerky; a bath
for 150 points once in 30 days, a toy for 250; no same-day redemption) enrolled at
Raleigh; visits earn, a reward is refused with InsufficientPoints, one is paid (and undone
and paid again at the till), a return takes the points back into a negative balance; the
balance, the history, the liability report and the typed fields are checked, on memory and
SQLite."""

import unittest

from _support import CHICKEN_4LB, CUSTOMER, DAY, PRICE, RALEIGH, T0, each_engine, find, setup_store, stores
import tally

POINTS = "tail-points"
JERKY = "086342710067"  # Salmon Jerky: 25 points a bag besides its dollars
JERKY_PRICE = 1199


def enroll_points(engine: tally.Engine) -> None:
    engine.enroll(find(stores()["enrollments"], location=RALEIGH, program=POINTS), T0)


def status_of(checkout: tally.Checkout) -> tally.PointsStatus:
    (status,) = checkout.points()
    return status


def reward_of(status: tally.PointsStatus, reward: str) -> tally.PointsRewardStatus:
    return find(status.rewards, reward=reward)


class PointsAtTheTillTest(unittest.TestCase):
    def test_earn_refuse_pay_return_and_read_back(self):
        for kind, engine in each_engine():
            with self.subTest(engine=kind):
                setup_store(self, engine)
                enroll_points(engine)
                self.check_points_life(engine)

    def check_points_life(self, engine: tally.Engine) -> None:
        # Visit 1 (Monday): $42.97, two bags of jerky: 42 + 50 points; nothing to pay with yet.
        with engine.checkout(RALEIGH, CUSTOMER, "P-1", T0) as visit:
            visit.add_line(CHICKEN_4LB, 1, PRICE)
            visit.add_line(JERKY, 2, JERKY_PRICE)
            status = status_of(visit)
            self.assertIsInstance(status, tally.PointsStatus)
            self.assertEqual((status.program, status.name), (POINTS, "Tail Waggers Points"))
            self.assertEqual((status.balance, status.earned, status.redeemed, status.balance_after), (0, 92, 0, 92))
            self.assertFalse(status.redeemable_same_day)
            self.assertEqual([r.reward for r in status.rewards], ["bath", "toy"])  # the bandana is switched off
            bath = reward_of(status, "bath")
            self.assertIsInstance(bath, tally.PointsRewardStatus)
            self.assertEqual((bath.title, bath.points, bath.available, bath.taken),
                             ("Free self-wash bath", 150, False, 0))
            self.assertEqual(bath.refusal, "insufficient_points")
            self.assertIn("150", bath.reason)
            with self.assertRaises(tally.InsufficientPoints) as refused:
                visit.redeem_points(POINTS, "bath")
            error = refused.exception
            self.assertIsInstance(error, tally.Conflict)
            self.assertEqual((error.code, error.name, error.field),
                             (31, "insufficient_points", "points_redemptions[0].reward"))
            first = visit.finish()
        (activity,) = first.points
        self.assertIsInstance(activity, tally.PointsActivity)
        self.assertEqual(
            (activity.program, activity.balance_before, activity.expired, activity.earned, activity.balance),
            (POINTS, 0, 0, 92, 92),
        )
        self.assertEqual(activity.redeemed, ())
        dollars, jerky = activity.events
        self.assertIsInstance(dollars, tally.PointsEarned)
        self.assertEqual((dollars.event, dollars.points, dollars.line_points), ("dollars", 42, (19, 23)))
        self.assertEqual((jerky.event, jerky.points, jerky.line_points), ("jerky", 50, (0, 50)))

        # Visit 2 (Tuesday): ten bags, 189 points; the 92 held cannot pay for the bath yet.
        with engine.checkout(RALEIGH, CUSTOMER, "P-2", T0 + DAY, multi_punch_reason="paper card") as visit:
            visit.add_line(CHICKEN_4LB, 10, PRICE)
            with self.assertRaises(tally.InsufficientPoints):
                visit.redeem_points(POINTS, "bath")
            self.assertEqual(status_of(visit).balance_after, 92 + 189)
            second = visit.finish()
        (activity,) = second.points
        self.assertEqual((activity.balance_before, activity.earned, activity.balance), (92, 189, 281))

        # Visit 3 (Wednesday): the bath is paid (taken, undone, taken again); the toy then
        # costs more than the 131 left; the visit's own 36 points come after.
        with engine.checkout(RALEIGH, CUSTOMER, "P-3", T0 + 2 * DAY) as visit:
            visit.add_line(JERKY, 1, JERKY_PRICE)
            index = visit.redeem_points(POINTS, "bath")
            self.assertEqual(index, 0)
            status = status_of(visit)
            self.assertEqual((status.balance, status.redeemed, status.balance_after), (281, 150, 281 - 150 + 36))
            self.assertEqual(reward_of(status, "bath").taken, 1)
            self.assertEqual(reward_of(status, "bath").refusal, "limit_reached")  # once in 30 days
            visit.undo_points_redemption(index)
            status = status_of(visit)
            self.assertEqual((status.redeemed, reward_of(status, "bath").taken), (0, 0))
            self.assertTrue(reward_of(status, "bath").available)
            self.assertEqual(reward_of(status, "bath").refusal, "")
            visit.redeem_points(POINTS, "bath")
            with self.assertRaises(tally.InsufficientPoints):
                visit.redeem_points(POINTS, "toy")
            with self.assertRaises(tally.LimitReached):
                visit.redeem_points(POINTS, "bath")
            with self.assertRaises(tally.RewardNotAvailable):
                visit.redeem_points(POINTS, "bandana")
            with self.assertRaises(tally.UnknownProgram):
                visit.redeem_points("nope", "bath")
            third = visit.finish()
        (activity,) = third.points
        self.assertEqual((activity.balance_before, activity.earned, activity.balance), (281, 36, 167))
        (taken,) = activity.redeemed
        self.assertIsInstance(taken, tally.PointsRewardTaken)
        self.assertEqual((taken.reward, taken.title, taken.points), ("bath", "Free self-wash bath", 150))
        (redemption,) = third.redemptions
        self.assertEqual((redemption.id, redemption.kind, redemption.program, redemption.card, redemption.upc),
                         (taken.redemption, "points", POINTS, "bath", ""))
        self.assertEqual(redemption.credit_line, 0)
        stored = engine.checkout_result(RALEIGH, "P-3").points[0]
        self.assertEqual((stored.balance_before, stored.earned, stored.balance, stored.events),
                         (281, 36, 167, activity.events))
        self.assertEqual([(t.reward, t.points, t.redemption) for t in stored.redeemed],
                         [("bath", 150, taken.redemption)])

        # The ten bags come back: their 189 points go, 22 more than the customer holds.
        returned = engine.return_items({"location": RALEIGH, "receipt": "P-2", "line": 0, "quantity": 10,
                                        "return_id": "RT-P", "at": T0 + 3 * DAY})
        self.assertIsInstance(returned, tally.ReturnResult)
        self.assertEqual((returned.points_returned, returned.replayed), (189, False))

        # The balance as of the next day, the rewards taken.
        (held,) = engine.points(CUSTOMER, RALEIGH, T0 + 4 * DAY)
        self.assertIsInstance(held, tally.CustomerPoints)
        self.assertEqual((held.customer, held.program, held.name, held.active),
                         (CUSTOMER, POINTS, "Tail Waggers Points", True))
        self.assertEqual((held.balance, held.debt, held.lots), (-22, 22, ()))
        (use,) = held.rewards_taken
        self.assertIsInstance(use, tally.PointsRewardUse)
        self.assertEqual((use.reward, use.count), ("bath", 1))

        # The history: every change of the balance, oldest first.
        history = engine.points_history(CUSTOMER, POINTS)
        self.assertTrue(all(isinstance(entry, tally.PointsHistoryEntry) for entry in history))
        self.assertEqual(
            [(e.number, e.kind, e.points, e.balance, e.receipt) for e in history],
            [(1, "earned", 92, 92, "P-1"), (2, "earned", 189, 281, "P-2"), (3, "redeemed", -150, 131, "P-3"),
             (4, "earned", 36, 167, "P-3"), (5, "returned", -189, -22, "P-2")],
        )
        self.assertEqual((history[2].reward, history[2].redemption), ("bath", taken.redemption))
        self.assertEqual((history[4].return_id, history[4].business_date, history[4].location),
                         ("RT-P", "2026-11-05", RALEIGH))
        self.assertEqual((history[0].return_id, history[0].reward, history[0].redemption), ("", "", 0))
        self.assertEqual(history[0].at, T0)
        self.assertEqual(engine.points_history(CUSTOMER, POINTS, after=3, limit=1), history[3:4])
        self.assertEqual(list(engine.iter_points_history(CUSTOMER, POINTS, page=2)), history)
        self.assertEqual(list(engine.iter_points_history(CUSTOMER, POINTS, after=4)), history[4:])

        # The liability report: nothing left to spend at Raleigh, 22 points owed.
        report = engine.report("points_liability", T0 + 4 * DAY, {"location": RALEIGH})
        self.assertEqual((report.report, report.as_of, report.points), ("points_liability", "2026-11-06", 0))
        (row,) = report.points_liability
        self.assertIsInstance(row, tally.PointsLiabilityRow)
        self.assertEqual((row.program, row.name, row.points, row.customers, row.owed_points, row.customers_owing),
                         (POINTS, "Tail Waggers Points", 0, 0, 22, 1))
        self.assertEqual(report.participation, ())
        self.assertEqual(report.raw["programs"], [row.raw])

        # A whole visit as a document (Saturday): its points_redemptions are refused the same way.
        visit_doc = {"location": RALEIGH, "customer": CUSTOMER, "receipt": "P-4", "at": T0 + 5 * DAY,
                     "lines": [{"upc": JERKY, "quantity": 1, "unit_price": JERKY_PRICE}],
                     "points_redemptions": [{"program": POINTS, "reward": "toy"}]}
        with self.assertRaises(tally.InsufficientPoints):
            engine.run_checkout(visit_doc)
        (outcome,) = engine.run_checkouts([visit_doc])
        self.assertIsInstance(outcome.error(), tally.InsufficientPoints)
        # Without it the visit earns; on a Saturday its dollars count twice (11 * 2 + 25),
        # and the new points pay the debt first.
        plain = engine.run_checkout(dict(visit_doc, points_redemptions=[]))
        (activity,) = plain.points
        self.assertEqual([(e.event, e.points) for e in activity.events], [("dollars", 22), ("jerky", 25)])
        self.assertEqual((activity.balance_before, activity.earned, activity.balance), (-22, 47, 25))
        (held,) = engine.points(CUSTOMER, RALEIGH, T0 + 5 * DAY)
        self.assertEqual((held.balance, held.debt), (25, 0))
        self.assertEqual([(lot.earned_on, lot.location, lot.points, lot.expires_on) for lot in held.lots],
                         [("2026-11-07", RALEIGH, 25, "2027-11-07")])
        self.assertIsInstance(held.lots[0], tally.PointsLot)

    def test_arguments_are_checked_before_the_call(self):
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            enroll_points(engine)
            with engine.checkout(RALEIGH, CUSTOMER, "P-args", T0) as visit:
                with self.assertRaises(TypeError):
                    visit.redeem_points(POINTS, None)  # type: ignore[arg-type]
                with self.assertRaises(tally.InvalidArgument) as caught:
                    visit.redeem_points("tail\0points", "bath")
                self.assertEqual(caught.exception.field, "program")
                with self.assertRaises(tally.InvalidArgument):
                    visit.undo_points_redemption(2**40)
                with self.assertRaises(TypeError):
                    visit.undo_points_redemption("0")  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                engine.points(CUSTOMER, RALEIGH, 1.5)  # type: ignore[arg-type]
            with self.assertRaises(TypeError):
                engine.points_history(CUSTOMER, POINTS, after="0")  # type: ignore[arg-type]
            with self.assertRaises(tally.InvalidArgument):
                engine.points_history(CUSTOMER, POINTS, limit=-1)
            with self.assertRaises(tally.InvalidArgument):
                engine.iter_points_history(CUSTOMER, POINTS, page=0)  # before iterating
            with self.assertRaises(TypeError):
                engine.iter_points_history(None, POINTS)  # type: ignore[arg-type]
            self.assertEqual(engine.last_error, "")  # none of them reached the library

    def test_the_engine_refuses_what_it_cannot_read(self):
        with tally.Engine.memory() as engine:
            setup_store(self, engine)
            with self.assertRaises(tally.UnknownProgram) as caught:
                engine.points_history(CUSTOMER, "northpaw-fb")  # not a points program
            self.assertEqual(caught.exception.field, "program")
            with self.assertRaises(tally.UnknownCustomer):
                engine.points("C-nobody", RALEIGH, T0)
            with self.assertRaises(tally.InvalidArgument) as caught:
                engine.points_history(CUSTOMER, POINTS, after=-1)
            self.assertEqual(caught.exception.field, "after")
            self.assertEqual(engine.points_history(CUSTOMER, POINTS), [])
            (held,) = engine.points(CUSTOMER, RALEIGH, T0)
            self.assertEqual((held.balance, held.debt, held.lots, held.rewards_taken), (0, 0, (), ()))
            with engine.checkout(RALEIGH, CUSTOMER, "P-none", T0) as visit:
                self.assertEqual(visit.points(), [])  # Raleigh does not run the program yet
                with self.assertRaises(tally.NotEnrolled):
                    visit.redeem_points(POINTS, "bath")
                visit.add_line(CHICKEN_4LB, 1, PRICE)
                self.assertEqual(visit.finish().points, ())


if __name__ == "__main__":
    unittest.main()
