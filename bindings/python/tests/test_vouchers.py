# SPDX-License-Identifier: Apache-2.0
"""(9) Manufacturers' vouchers through the binding: NorthPaw grants Raleigh free bags of
its 4 lb dog food (a voucher program loaded beside the sample catalog, its distributor
assigned with enroll); a voucher is refused at the till for an item outside its list and
for another store, one is redeemed into a free-goods line at Eastern, used again is
VoucherUsed, expired is VoucherExpired, its item changes while the line is new; typed
Voucher results, on memory and SQLite."""

import unittest

from _support import CUSTOMER, DAY, RALEIGH, T0, each_engine, find, setup_store, stores
import tally

SAMPLES = {
    "programs": [
        {"id": "northpaw-samples", "name": "NorthPaw staff samples", "kind": "voucher", "manufacturer": "northpaw",
         "fulfillment": "distributor", "voucher": {"upcs": ["084213101044", "084213102041"]}}
    ]
}
NORTHPAW = {"role": "manufacturer", "id": "northpaw"}
STORE = {"role": "retailer", "id": RALEIGH}
CHICKEN = "084213101044"
LAMB = "084213102041"
OUTSIDE = "084213101242"  # a 24 lb bag: not a sample


def prepare(engine: tally.Engine) -> None:
    engine.save_location(find(stores()["locations"], id="richmond"), T0)
    engine.load_catalog(SAMPLES, T0)
    engine.enroll({"location": RALEIGH, "program": "northpaw-samples", "distributor": "eastern",
                   "account_number": "EPS-20417"}, T0)


class VouchersTest(unittest.TestCase):
    def test_issue_redeem_refuse_change(self):
        for kind, engine in each_engine():
            with self.subTest(engine=kind):
                setup_store(self, engine)
                prepare(engine)
                self.check_vouchers(engine)

    def check_vouchers(self, engine: tally.Engine) -> None:
        issued = engine.issue_vouchers(NORTHPAW, {"program": "northpaw-samples", "location": RALEIGH,
                                                  "ids": ["NP-1", "NP-2"], "expires": "2026-11-30"}, T0)
        self.assertEqual([v.id for v in issued], ["NP-1", "NP-2"])
        self.assertIsInstance(issued[0], tally.Voucher)
        self.assertEqual((issued[0].state, issued[0].allowed_upcs), ("pending", (CHICKEN, LAMB)))
        self.assertEqual(issued[0].redemption, 0)
        with self.assertRaises(tally.WrongActor):
            engine.issue_vouchers(STORE, {"program": "northpaw-samples", "location": RALEIGH, "count": 1,
                                          "expires": "2026-11-30"}, T0)
        other = engine.issue_vouchers(NORTHPAW, {"program": "northpaw-samples", "location": "richmond", "count": 1,
                                                 "expires": "2026-11-30"}, T0)[0]

        with engine.checkout(RALEIGH, CUSTOMER, "VCH-1", T0) as visit:
            self.assertEqual({v.id for v in visit.vouchers()}, {"NP-1", "NP-2"})
            with self.assertRaises(tally.ItemNotAllowed) as refused:
                visit.redeem_voucher("NP-1", OUTSIDE, 4599)
            self.assertEqual(refused.exception.field, "voucher_redemptions[0].upc")
            with self.assertRaises(tally.WrongLocation) as refused:
                visit.redeem_voucher(other.id, CHICKEN, 1699)
            self.assertEqual(refused.exception.field, "voucher_redemptions[0].voucher")
            with self.assertRaises(tally.NotFound):
                visit.redeem_voucher("NP-404", CHICKEN, 1699)
            self.assertEqual(visit.redeem_voucher("NP-1", CHICKEN, 1699), 0)
            result = visit.finish()
        (redemption,) = result.redemptions
        self.assertEqual((redemption.kind, redemption.card, redemption.upc), ("voucher", "NP-1", CHICKEN))
        line = engine.credit_line(redemption.credit_line)
        self.assertEqual((line.stream, line.partner, line.state), ("free_goods", "eastern", "new"))

        with engine.checkout(RALEIGH, CUSTOMER, "VCH-2", T0 + 30 * DAY) as visit:
            with self.assertRaises(tally.VoucherUsed):
                visit.redeem_voucher("NP-1", LAMB, 1699)
            with self.assertRaises(tally.VoucherExpired) as refused:
                visit.redeem_voucher("NP-2", LAMB, 1699)
            self.assertEqual(refused.exception.field, "voucher_redemptions[0].voucher")

        changed = engine.change_voucher_item(STORE, "NP-1", LAMB, T0 + 60, 1799)
        self.assertEqual((changed.state, changed.upc, changed.unit_price), ("redeemed", LAMB, 1799))
        self.assertNotEqual(changed.credit_line, redemption.credit_line)
        self.assertEqual(engine.credit_line(redemption.credit_line).state, "withdrawn")
        self.assertEqual(engine.voucher("NP-1", T0).receipt, "VCH-1")
        self.assertEqual([v.id for v in engine.vouchers(RALEIGH, T0 + 30 * DAY, "expired")], ["NP-2"])
        self.assertEqual(len(engine.vouchers(RALEIGH, T0)), 2)


if __name__ == "__main__":
    unittest.main()
