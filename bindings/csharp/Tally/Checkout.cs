// SPDX-License-Identifier: Apache-2.0
// One visit at the till (tally_checkout*). Nothing is stored until Finish. Not thread-safe:
// a checkout belongs to one thread at a time. Dispose it (using) when the visit is over;
// its engine stays open until then, even if the Engine is disposed first.
using System;

namespace Tally
{
    public sealed class Checkout : IDisposable
    {
        // Pass as a unit price to use the last shelf price the store saw for the item
        // (TALLY_PRICE_LAST_KNOWN).
        public const long LastKnownPrice = long.MinValue;

        private readonly CheckoutHandle _handle;
        private bool _disposed;

        internal Checkout(CheckoutHandle handle)
        {
            _handle = handle;
        }

        private CheckoutHandle H
        {
            get
            {
                if (_disposed) throw new ObjectDisposedException("Tally.Checkout");
                return _handle;
            }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _handle.Dispose();
        }

        // The typed fast path: a sale line; returns how many punches it made.
        public int AddLine(string upc, int quantity, long unitPriceCents)
        {
            int punches;
            Engine.Check(NativeMethods.tally_checkout_add_line(H, Utf8.Z(upc), quantity, unitPriceCents,
                                                               out punches));
            return punches;
        }

        // A line as JSON: {"upc", "quantity", "unit_price", "exception"?: {"program", "card",
        // "reason"}}; returns the punches it made as a JSON array.
        public string AddLineJson(string lineJson)
        {
            byte[] doc = Utf8.Doc(lineJson);
            return Engine.Json((out IntPtr result) =>
                NativeMethods.tally_checkout_add_line_json(H, doc, Utf8.Len(doc), out result));
        }

        // Every punch the visit makes so far.
        public string Punches()
        {
            return Engine.Json((out IntPtr result) => NativeMethods.tally_checkout_punches(H, out result));
        }

        // Completed cards waiting for their reward, each with exactly the items it allows.
        public string Rewards()
        {
            return Engine.Json((out IntPtr result) => NativeMethods.tally_checkout_rewards(H, out result));
        }

        // Redeems one allowed item on the oldest complete card of that type; returns the
        // redemption's index in this visit (for UndoRedemption). unitPriceCents null: the
        // last known shelf price.
        public int Redeem(string programId, string cardId, string upc, long? unitPriceCents = null)
        {
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem(H, Utf8.Z(programId), Utf8.Z(cardId), Utf8.Z(upc),
                                                             unitPriceCents ?? LastKnownPrice, out index));
            return index;
        }

        // The customer leaves the reward on the completed card for a later visit.
        public void RedeemLater(string programId, string cardId)
        {
            Engine.Check(NativeMethods.tally_checkout_redeem_later(H, Utf8.Z(programId), Utf8.Z(cardId)));
        }

        public void UndoRedemption(int index)
        {
            Engine.Check(NativeMethods.tally_checkout_undo_redemption(H, index));
        }

        // Needed when one card gets several punches in this visit ("converting a paper card").
        public void SetMultiPunchReason(string reason)
        {
            Engine.Check(NativeMethods.tally_checkout_set_multi_punch_reason(H, Utf8.Z(reason)));
        }

        // Stores the visit in one transaction and returns the result. A receipt finished
        // before returns its first result ("replayed": true); different content throws
        // ConflictException (receipt_conflict).
        public string Finish()
        {
            return Engine.Json((out IntPtr result) => NativeMethods.tally_checkout_finish(H, out result));
        }

        // ---- Offers and adoption bundles (docs/programs.md) ------------------------------

        // Every offer the location is enrolled in, as it stands for this basket.
        public string Offers()
        {
            return Engine.Json((out IntPtr result) => NativeMethods.tally_checkout_offers(H, out result));
        }

        // upc: the reward item of a free-good offer (null for rebates); unitPriceCents null:
        // the last known shelf price. Returns the redemption's index in this visit.
        public int RedeemOffer(string offerId, string upc = null, long? unitPriceCents = null)
        {
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem_offer(H, Utf8.Z(offerId), Utf8.Z(upc),
                                                                   unitPriceCents ?? LastKnownPrice, out index));
            return index;
        }

        public void DeclineOffer(string offerId)
        {
            Engine.Check(NativeMethods.tally_checkout_decline_offer(H, Utf8.Z(offerId)));
        }

        // {"species", "adoption_date", "source", "bonded_pair", "upcs": [...], "unit_prices": [...]}.
        public void RedeemAdoption(string adoptionJson)
        {
            byte[] doc = Utf8.Doc(adoptionJson);
            Engine.Check(NativeMethods.tally_checkout_redeem_adoption(H, doc, Utf8.Len(doc)));
        }
    }
}
