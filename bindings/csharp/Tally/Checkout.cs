// SPDX-License-Identifier: Apache-2.0
// One visit at the till (tally_checkout*). Nothing is stored until Finish. Not thread-safe:
// a checkout belongs to one thread at a time. Dispose it (using) when the visit is over;
// its engine stays open until then, even if the Engine is disposed first.
using System;
using System.Collections.Generic;

namespace Tally
{
    /// <summary>One visit at the till (<see cref="Engine.OpenCheckout"/>). Nothing is stored
    /// until <see cref="Finish"/>. Belongs to one thread at a time; dispose it when the visit
    /// is over.</summary>
    public sealed class Checkout : IDisposable
    {
        /// <summary>Pass as a unit price to use the last shelf price the store saw for the
        /// item (<c>TALLY_PRICE_LAST_KNOWN</c>).</summary>
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

        /// <summary>Frees the checkout; an unfinished visit stores nothing.</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _handle.Dispose();
        }

        /// <summary>A sale line (the fast path).</summary>
        /// <param name="upc">The item's UPC.</param>
        /// <param name="quantity">Units sold.</param>
        /// <param name="unitPriceCents">The shelf price of one unit, in cents.</param>
        /// <returns>How many punches the line made.</returns>
        public int AddLine(string upc, int quantity, long unitPriceCents)
        {
            byte[] u = Arg.Text(upc, "upc");
            int punches;
            Engine.Check(NativeMethods.tally_checkout_add_line(H, u, quantity, unitPriceCents, out punches));
            return punches;
        }

        /// <summary>A sale line as a document: {"upc", "quantity", "unit_price", "exception"?:
        /// {"program", "card", "reason"}} (<c>sale_line</c>).</summary>
        /// <param name="lineJson">The line.</param>
        /// <returns>The punches it made.</returns>
        public IReadOnlyList<Punch> AddLineJson(string lineJson)
        {
            byte[] doc = Arg.Doc(lineJson, "lineJson");
            return Engine.Many<Punch>((out IntPtr r) => NativeMethods.tally_checkout_add_line_json(H, doc, Utf8.Len(doc), out r));
        }

        /// <summary>Every punch the visit makes so far.</summary>
        /// <returns>The punches.</returns>
        public IReadOnlyList<Punch> Punches()
        {
            return Engine.Many<Punch>((out IntPtr r) => NativeMethods.tally_checkout_punches(H, out r));
        }

        /// <summary>Completed cards waiting for their reward, each with exactly the items it allows.</summary>
        /// <returns>The rewards.</returns>
        public IReadOnlyList<Reward> Rewards()
        {
            return Engine.Many<Reward>((out IntPtr r) => NativeMethods.tally_checkout_rewards(H, out r));
        }

        /// <summary>Redeems one allowed item on the oldest complete card of that type.</summary>
        /// <param name="programId">The program.</param>
        /// <param name="cardId">The card's id within the program.</param>
        /// <param name="upc">The free item.</param>
        /// <param name="unitPriceCents">Its shelf price; null: the last known shelf price.</param>
        /// <returns>The redemption's index in this visit (for <see cref="UndoRedemption"/>).</returns>
        public int Redeem(string programId, string cardId, string upc, long? unitPriceCents = null)
        {
            byte[] p = Arg.Text(programId, "programId");
            byte[] c = Arg.Text(cardId, "cardId");
            byte[] u = Arg.Text(upc, "upc");
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem(H, p, c, u, unitPriceCents ?? LastKnownPrice, out index));
            return index;
        }

        /// <summary>Uses the customer's prepaid pass of a card type, the oldest pass first; a use
        /// beyond the uses left throws <see cref="PassUsedUpException"/>.</summary>
        /// <param name="programId">The custom program.</param>
        /// <param name="cardId">The pass's card id within the program.</param>
        /// <param name="quantity">The uses.</param>
        /// <returns>The pass use's index in this visit.</returns>
        public int UsePass(string programId, string cardId, int quantity = 1)
        {
            byte[] p = Arg.Text(programId, "programId");
            byte[] c = Arg.Text(cardId, "cardId");
            int index;
            Engine.Check(NativeMethods.tally_checkout_use_pass(H, p, c, quantity, out index));
            return index;
        }

        /// <summary>The customer leaves the reward on the completed card for a later visit.</summary>
        /// <param name="programId">The program.</param>
        /// <param name="cardId">The card's id within the program.</param>
        public void RedeemLater(string programId, string cardId)
        {
            byte[] p = Arg.Text(programId, "programId");
            byte[] c = Arg.Text(cardId, "cardId");
            Engine.Check(NativeMethods.tally_checkout_redeem_later(H, p, c));
        }

        /// <summary>Undoes a redemption of this visit.</summary>
        /// <param name="index">The index <see cref="Redeem"/> or <see cref="RedeemOffer"/> returned.</param>
        public void UndoRedemption(int index)
        {
            Engine.Check(NativeMethods.tally_checkout_undo_redemption(H, index));
        }

        /// <summary>The reason needed when one card gets several punches in this visit.</summary>
        /// <param name="reason">The cashier's reason, e.g. "converting a paper card".</param>
        public void SetMultiPunchReason(string reason)
        {
            Engine.Check(NativeMethods.tally_checkout_set_multi_punch_reason(H, Arg.Text(reason, "reason")));
        }

        /// <summary>Stores the visit in one transaction. A receipt finished before answers its
        /// first result (<see cref="CheckoutResult.Replayed"/>); different content throws
        /// <see cref="ReceiptConflictException"/>.</summary>
        /// <returns>The checkout result.</returns>
        public CheckoutResult Finish()
        {
            return Engine.One<CheckoutResult>((out IntPtr r) => NativeMethods.tally_checkout_finish(H, out r));
        }

        // ---- Offers and adoption bundles (docs/programs.md) ------------------------------

        /// <summary>Every offer the location is enrolled in, as it stands for this basket.</summary>
        /// <returns>The offers.</returns>
        public IReadOnlyList<Offer> Offers()
        {
            return Engine.Many<Offer>((out IntPtr r) => NativeMethods.tally_checkout_offers(H, out r));
        }

        /// <summary>Redeems an offer's reward.</summary>
        /// <param name="offerId">The offer.</param>
        /// <param name="upc">The reward item of a free-good offer (null for a rebate).</param>
        /// <param name="unitPriceCents">Its shelf price; null: the last known shelf price.</param>
        /// <returns>The redemption's index in this visit.</returns>
        public int RedeemOffer(string offerId, string upc = null, long? unitPriceCents = null)
        {
            byte[] o = Arg.Text(offerId, "offerId");
            byte[] u = Arg.OptText(upc, "upc");
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem_offer(H, o, u, unitPriceCents ?? LastKnownPrice, out index));
            return index;
        }

        /// <summary>The customer declines an offer.</summary>
        /// <param name="offerId">The offer.</param>
        public void DeclineOffer(string offerId)
        {
            Engine.Check(NativeMethods.tally_checkout_decline_offer(H, Arg.Text(offerId, "offerId")));
        }

        /// <summary>Gives an adoption bundle.</summary>
        /// <param name="adoptionJson">{"species", "adoption_date", "source", "bonded_pair",
        /// "upcs": [...], "unit_prices": [...]} (<c>adoption_request</c>).</param>
        public void RedeemAdoption(string adoptionJson)
        {
            byte[] doc = Arg.Doc(adoptionJson, "adoptionJson");
            Engine.Check(NativeMethods.tally_checkout_redeem_adoption(H, doc, Utf8.Len(doc)));
        }

        // ---- Loyalty points (docs/programs.md#loyalty-points) -----------------------------

        /// <summary>Every active points program the location runs, as it stands for this
        /// visit: the balance, what the basket earns so far, what the rewards taken cost, the
        /// balance after, and each active reward with whether it may be taken now.</summary>
        /// <returns>One entry per points program.</returns>
        public IReadOnlyList<PointsStatus> Points()
        {
            return Engine.Many<PointsStatus>((out IntPtr r) => NativeMethods.tally_checkout_points(H, out r));
        }

        /// <summary>Pays for a points reward in this visit; refused at once when it cannot be
        /// taken (<see cref="InsufficientPointsException"/>, <see cref="LimitReachedException"/>,
        /// <see cref="RewardNotAvailableException"/>, <see cref="NotEnrolledException"/>,
        /// <see cref="UnknownProgramException"/>).</summary>
        /// <param name="programId">The points program.</param>
        /// <param name="rewardId">The reward.</param>
        /// <returns>Its index among the visit's points redemptions (for <see cref="UndoPointsRedemption"/>).</returns>
        public int RedeemPoints(string programId, string rewardId)
        {
            byte[] p = Arg.Text(programId, "programId");
            byte[] w = Arg.Text(rewardId, "rewardId");
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem_points(H, p, w, out index));
            return index;
        }

        /// <summary>The location's manufacturer's vouchers this visit may still redeem, each
        /// with the items it may be taken in.</summary>
        /// <returns>The vouchers.</returns>
        public IReadOnlyList<Voucher> Vouchers()
        {
            return Engine.Many<Voucher>((out IntPtr r) => NativeMethods.tally_checkout_vouchers(H, out r));
        }

        /// <summary>Redeems a manufacturer's voucher for one unit of an item of its list;
        /// refused at once (<see cref="NotFoundException"/>, <see cref="WrongLocationException"/>,
        /// <see cref="VoucherUsedException"/>, <see cref="VoucherExpiredException"/>,
        /// <see cref="ItemNotAllowedException"/>).</summary>
        /// <param name="voucherId">The voucher.</param>
        /// <param name="upc">The item given.</param>
        /// <param name="unitPriceCents">Its shelf price; null: the last known shelf price.</param>
        /// <returns>Its index among the visit's voucher redemptions (for <see cref="UndoVoucherRedemption"/>).</returns>
        public int RedeemVoucher(string voucherId, string upc, long? unitPriceCents = null)
        {
            byte[] v = Arg.Text(voucherId, "voucherId");
            byte[] u = Arg.Text(upc, "upc");
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem_voucher(H, v, u, unitPriceCents ?? LastKnownPrice, out index));
            return index;
        }

        /// <summary>Undoes a voucher redemption of this visit.</summary>
        /// <param name="index">The index <see cref="RedeemVoucher"/> returned.</param>
        public void UndoVoucherRedemption(int index)
        {
            Engine.Check(NativeMethods.tally_checkout_undo_voucher_redemption(H, index));
        }

        /// <summary>Undoes a points redemption of this visit.</summary>
        /// <param name="index">The index <see cref="RedeemPoints"/> returned.</param>
        public void UndoPointsRedemption(int index)
        {
            Engine.Check(NativeMethods.tally_checkout_undo_points_redemption(H, index));
        }

        /// <summary>The customer's coupons not yet redeemed, as they stand for this visit:
        /// each usable now, or the status that refuses it (docs/programs.md#coupons).</summary>
        /// <returns>One entry per coupon.</returns>
        public IReadOnlyList<CouponStatus> Coupons()
        {
            return Engine.Many<CouponStatus>((out IntPtr r) => NativeMethods.tally_checkout_coupons(H, out r));
        }

        /// <summary>Redeems one of the customer's coupons in this visit; refused at once when
        /// it cannot be (<see cref="CouponUsedException"/>, <see cref="CouponExpiredException"/>,
        /// <see cref="CouponNotApplicableException"/>, <see cref="NotFoundException"/>).</summary>
        /// <param name="couponId">The coupon.</param>
        /// <returns>Its index among the visit's coupon redemptions (for <see cref="UndoCouponRedemption"/>).</returns>
        public int RedeemCoupon(long couponId)
        {
            int index;
            Engine.Check(NativeMethods.tally_checkout_redeem_coupon(H, couponId, out index));
            return index;
        }

        /// <summary>Undoes a coupon redemption of this visit.</summary>
        /// <param name="index">The index <see cref="RedeemCoupon"/> returned.</param>
        public void UndoCouponRedemption(int index)
        {
            Engine.Check(NativeMethods.tally_checkout_undo_coupon_redemption(H, index));
        }
    }
}
