// SPDX-License-Identifier: Apache-2.0
// P/Invoke declarations for every function in capi/tally.h, and the UTF-8 marshalling.
// Strings go in as NUL-terminated UTF-8 byte arrays (Utf8.Z) and JSON documents as UTF-8
// bytes plus a length; every char* the library returns is read as UTF-8 and then released
// with tally_free (Utf8.TakeOwned). Nothing here depends on Mono: it builds on modern .NET.
using System;
using System.Runtime.InteropServices;
using System.Text;

namespace Tally
{
    internal static class NativeMethods
    {
        // tally.dll on Windows, libtally.so.0 on Linux (NativeLibraryLoader, Tally.dll.config).
        internal const string Lib = "tally";

        static NativeMethods()
        {
            NativeLibraryLoader.Install(typeof(NativeMethods).Assembly);
        }

        // TALLY_PRICE_LAST_KNOWN
        internal const long PriceLastKnown = long.MinValue;

        // ---- Version, errors, memory -------------------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tally_version();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_version_number();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tally_status_name(int status);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tally_last_error();

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tally_engine_last_error(EngineHandle engine);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tally_free(IntPtr memory);

        // ---- Engines -------------------------------------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_engine_open_sqlite(byte[] path, byte[] optionsJson,
                                                            out EngineHandle engine);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_engine_open_memory(byte[] optionsJson, out EngineHandle engine);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_engine_open_postgres(byte[] conninfo, byte[] optionsJson,
                                                              out EngineHandle engine);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_engine_open_store(ref StoreCallbacks callbacks, byte[] optionsJson,
                                                           out EngineHandle engine);

        // Called only from EngineHandle.ReleaseHandle, with the raw pointer.
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tally_engine_close(IntPtr engine);

        // ---- Catalog, locations, enrollments, customers --------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_load_catalog(EngineHandle engine, byte[] json, UIntPtr jsonLen,
                                                      long at, out IntPtr summary);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_catalog(EngineHandle engine, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_save_location(EngineHandle engine, byte[] json, UIntPtr jsonLen, long at);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_location(EngineHandle engine, byte[] locationId, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_locations(EngineHandle engine, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_enroll(EngineHandle engine, byte[] json, UIntPtr jsonLen, long at,
                                                out IntPtr result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_enrollments(EngineHandle engine, byte[] locationId, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_save_customer(EngineHandle engine, byte[] json, UIntPtr jsonLen, long at,
                                                       out IntPtr result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_customer(EngineHandle engine, byte[] customerId, out IntPtr json);

        // ---- Checkout ------------------------------------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_open(EngineHandle engine, byte[] locationId, byte[] customerId,
                                                       byte[] receiptId, long at, out CheckoutHandle checkout);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_add_line(CheckoutHandle checkout, byte[] upc, int quantity,
                                                           long unitPriceCents, out int punches);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_add_line_json(CheckoutHandle checkout, byte[] json,
                                                                UIntPtr jsonLen, out IntPtr punches);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_punches(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_rewards(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem(CheckoutHandle checkout, byte[] programId, byte[] cardId,
                                                         byte[] upc, long unitPriceCents, out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_later(CheckoutHandle checkout, byte[] programId,
                                                               byte[] cardId);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_undo_redemption(CheckoutHandle checkout, int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_use_pass(CheckoutHandle checkout, byte[] programId, byte[] cardId,
                                                           int quantity, out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_set_multi_punch_reason(CheckoutHandle checkout, byte[] reason);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_finish(CheckoutHandle checkout, out IntPtr result);

        // Called only from CheckoutHandle.ReleaseHandle, with the raw pointer.
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tally_checkout_free(IntPtr checkout);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_run_checkout(EngineHandle engine, byte[] json, UIntPtr jsonLen,
                                                      out IntPtr result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_run_checkouts(EngineHandle engine, byte[] json, UIntPtr jsonLen,
                                                       out IntPtr outcomes);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_result(EngineHandle engine, byte[] locationId, byte[] receiptId,
                                                         out IntPtr json);

        // ---- Cards, rewards, credit lines, journal -------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_cards(EngineHandle engine, byte[] customerId, int includeRedeemed,
                                               out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_rewards(EngineHandle engine, byte[] customerId, byte[] locationId,
                                                 out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_credit_lines(EngineHandle engine, byte[] state, byte[] partner,
                                                      out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_credit_line(EngineHandle engine, long lineId, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_journal(EngineHandle engine, long afterSeq, uint limit, out IntPtr json);

        // ---- Offers, adoption bundles, private programs, auto-enrollment ---
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_offers(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_offer(CheckoutHandle checkout, byte[] offerId, byte[] upc,
                                                               long unitPriceCents, out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_decline_offer(CheckoutHandle checkout, byte[] offerId);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_adoption(CheckoutHandle checkout, byte[] json, UIntPtr jsonLen);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_adoption_eligibility(EngineHandle engine, byte[] customerId, byte[] locationId,
                                                              byte[] species, byte[] adoptionDate, byte[] source, long at,
                                                              out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_review_enrollment(EngineHandle engine, byte[] actorJson, byte[] locationId,
                                                           byte[] programId, int approve, long at, out IntPtr enrollment);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_add_auto_enrollment(EngineHandle engine, byte[] json, UIntPtr jsonLen, long at,
                                                             out int enrolled);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_remove_auto_enrollment(EngineHandle engine, byte[] ruleId, long at);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_auto_enrollments(EngineHandle engine, out IntPtr json);


        // ---- Credit-line lifecycles ----------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_pull_batch(EngineHandle engine, byte[] actorJson, byte[] name, byte[] locationsJson,
                                                    byte[] stream, long at, out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_unbatch_line(EngineHandle engine, byte[] actorJson, long lineId, long at, out IntPtr line);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_unbatch(EngineHandle engine, byte[] actorJson, long batchId, long at, out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_decline_line(EngineHandle engine, byte[] actorJson, long lineId, byte[] reason,
                                                      byte[] note, long at, out IntPtr line);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_fulfill_batch(EngineHandle engine, byte[] actorJson, long batchId, byte[] memoJson,
                                                       long at, out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_claim_credit(EngineHandle engine, byte[] actorJson, byte[] manufacturerId,
                                                      byte[] batchIdsJson, byte[] name, long at, out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_pay_credit_batch(EngineHandle engine, byte[] actorJson, long batchId, long at,
                                                          out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_reassign_to_holding(EngineHandle engine, byte[] actorJson, byte[] locationId,
                                                             byte[] programId, long at, out int heldLines);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_reconcile_line(EngineHandle engine, byte[] actorJson, long lineId, long at, out IntPtr line);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_reconcile_batch(EngineHandle engine, byte[] actorJson, long batchId, long at,
                                                         out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_fix_account_number(EngineHandle engine, byte[] actorJson, byte[] locationId,
                                                            byte[] programId, byte[] accountNumber, long at,
                                                            out IntPtr enrollment);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_resubmit_line(EngineHandle engine, byte[] actorJson, long lineId, byte[] note, long at,
                                                       out IntPtr line);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_create_retailer_batch(EngineHandle engine, byte[] actorJson, byte[] name,
                                                               byte[] locationsJson, long at, out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_submit_retailer_batch(EngineHandle engine, byte[] actorJson, long batchId, long at,
                                                               out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_complete_retailer_batch(EngineHandle engine, byte[] actorJson, long batchId, long at,
                                                                 out IntPtr batch);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_set_cadence(EngineHandle engine, byte[] locationId, byte[] cadence, byte[] anchorDate,
                                                     long at);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_batches_due(EngineHandle engine, byte[] date, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_batch(EngineHandle engine, long batchId, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_batches(EngineHandle engine, byte[] partner, out IntPtr json);


        // ---- Corrections after finishing -----------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_undo_redemption(EngineHandle engine, byte[] actorJson, long redemptionId, byte[] upc,
                                                         long unitPriceCents, int reverse, long at, out IntPtr redemption);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_return_items(EngineHandle engine, byte[] json, UIntPtr jsonLen, out IntPtr result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_split_card(EngineHandle engine, byte[] customerId, long cardNumber, int[] punchIndexes,
                                                    UIntPtr count, long at, out IntPtr cards);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_merge_customers(EngineHandle engine, byte[] survivorId, byte[] duplicateId, long at,
                                                         out IntPtr customer);


        // ---- Reports and the Command Center --------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_report(EngineHandle engine, byte[] kind, byte[] queryJson, UIntPtr queryLen, long at,
                                                out IntPtr report);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_command_center(EngineHandle engine, byte[] locationId, long at, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_set_billing_flag(EngineHandle engine, byte[] locationId, byte[] flag, long at);


        // ---- Loyalty points ------------------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_points(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_points(CheckoutHandle checkout, byte[] programId, byte[] rewardId,
                                                                out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_undo_points_redemption(CheckoutHandle checkout, int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_customer_points(EngineHandle engine, byte[] customerId, byte[] locationId, long at,
                                                         out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_points_history(EngineHandle engine, byte[] customerId, byte[] programId, long after,
                                                        uint limit, out IntPtr json);

        // ---- Manufacturers' vouchers -----------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_issue_vouchers(EngineHandle engine, byte[] actorJson, byte[] issueJson, long at,
                                                        out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_vouchers(EngineHandle engine, byte[] locationId, byte[] state, long at,
                                                  out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_voucher(EngineHandle engine, byte[] voucherId, long at, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_change_voucher_item(EngineHandle engine, byte[] actorJson, byte[] voucherId,
                                                             byte[] upc, long unitPriceCents, long at, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_vouchers(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_voucher(CheckoutHandle checkout, byte[] voucherId, byte[] upc,
                                                                 long unitPriceCents, out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_undo_voucher_redemption(CheckoutHandle checkout, int index);

        // ---- Coupons -------------------------------------------------------
        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_issue_coupons(EngineHandle engine, byte[] actorJson, byte[] json, UIntPtr jsonLen,
                                                       long at, out IntPtr result);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_customer_coupons(EngineHandle engine, byte[] customerId, int includeRedeemed,
                                                          out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_coupon(EngineHandle engine, long couponId, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_set_coupon_opt_out(EngineHandle engine, byte[] locationId, byte[] manufacturerId,
                                                            int optedOut, long at);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_coupons(CheckoutHandle checkout, out IntPtr json);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_redeem_coupon(CheckoutHandle checkout, long couponId, out int index);

        [DllImport(Lib, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tally_checkout_undo_coupon_redemption(CheckoutHandle checkout, int index);
    }

    // UTF-8 in both directions, by hand (no Marshal.PtrToStringUTF8: not in .NET Framework).
    internal static class Utf8
    {
        private static readonly UTF8Encoding Strict = new UTF8Encoding(false, true);

        // A NUL-terminated UTF-8 copy of s; null stays null (NULL on the C side).
        internal static byte[] Z(string s, string param = null)
        {
            if (s == null) return null;
            if (s.IndexOf('\0') >= 0)
                throw new ArgumentException("Tally ids and strings cannot contain NUL characters.", param);
            int n = Strict.GetByteCount(s);
            var bytes = new byte[n + 1];
            Strict.GetBytes(s, 0, s.Length, bytes, 0);
            return bytes;
        }

        // The UTF-8 bytes of a JSON document (no terminator: the C side takes a length).
        internal static byte[] Doc(string json)
        {
            return json == null ? null : Strict.GetBytes(json);
        }

        internal static UIntPtr Len(byte[] bytes)
        {
            return new UIntPtr(bytes == null ? 0u : (uint)bytes.Length);
        }

        // Reads a NUL-terminated UTF-8 string the library owns (not freed).
        internal static string Read(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            int n = 0;
            while (Marshal.ReadByte(p, n) != 0) n++;
            if (n == 0) return string.Empty;
            var bytes = new byte[n];
            Marshal.Copy(p, bytes, 0, n);
            return Encoding.UTF8.GetString(bytes);
        }

        // Reads a string returned through a char** out parameter, then releases it.
        internal static string TakeOwned(IntPtr p)
        {
            if (p == IntPtr.Zero) return null;
            try
            {
                return Read(p);
            }
            finally
            {
                NativeMethods.tally_free(p);
            }
        }
    }

    // Writes the few JSON values the binding builds itself: arrays of ids, actors.
    internal static class JsonText
    {
        internal static string Quote(string s)
        {
            if (s == null) return "null";
            var b = new StringBuilder(s.Length + 2);
            b.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': b.Append("\\\""); break;
                    case '\\': b.Append("\\\\"); break;
                    case '\n': b.Append("\\n"); break;
                    case '\r': b.Append("\\r"); break;
                    case '\t': b.Append("\\t"); break;
                    default:
                        if (c < 0x20) b.Append("\\u").Append(((int)c).ToString("x4"));
                        else b.Append(c);
                        break;
                }
            }
            return b.Append('"').ToString();
        }

        // ["a", "b"], or null for a null list (NULL on the C side: all / none).
        internal static string Strings(System.Collections.Generic.IEnumerable<string> items)
        {
            if (items == null) return null;
            var b = new StringBuilder("[");
            foreach (string item in items)
            {
                if (item == null) throw new ArgumentException("a list of ids cannot hold null");
                if (b.Length > 1) b.Append(", ");
                b.Append(Quote(item));
            }
            return b.Append(']').ToString();
        }

        internal static string Numbers(System.Collections.Generic.IEnumerable<long> items)
        {
            if (items == null) return null;
            var b = new StringBuilder("[");
            foreach (long item in items)
            {
                if (b.Length > 1) b.Append(", ");
                b.Append(item.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return b.Append(']').ToString();
        }
    }
}
