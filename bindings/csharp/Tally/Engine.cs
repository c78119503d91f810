// SPDX-License-Identifier: Apache-2.0
// The engine: a thin, JSON-in / JSON-out mirror of tally.h. Documents are passed and
// returned as strings (docs/catalog.md, docs/checkout.md); parse them with the JSON library
// of your choice. Times are Unix seconds (UTC), money is long cents.
using System;
using System.Collections.Generic;

namespace Tally
{
    public sealed class Engine : IDisposable
    {
        private readonly EngineHandle _handle;
        private volatile bool _disposed;

        private Engine(EngineHandle handle)
        {
            _handle = handle;
        }

        // The handle for a call. Checked here as well as by SafeHandle: Mono's SafeHandle
        // keeps accepting calls after Dispose while a checkout still holds a reference.
        private EngineHandle H
        {
            get
            {
                if (_disposed) throw new ObjectDisposedException("Tally.Engine");
                return _handle;
            }
        }

        // ---- Library ------------------------------------------------------------------

        // The library's version at run time, e.g. "0.2.0".
        public static string Version
        {
            get { return Utf8.Read(NativeMethods.tally_version()); }
        }

        // MAJOR * 10000 + MINOR * 100 + PATCH.
        public static int VersionNumber
        {
            get { return NativeMethods.tally_version_number(); }
        }

        // A status code's short name, e.g. "unknown_upc".
        public static string StatusName(int status)
        {
            return Utf8.Read(NativeMethods.tally_status_name(status)) ?? string.Empty;
        }

        // The seconds since 1970-01-01T00:00:00Z of a point in time, for the `at` parameters.
        public static long UnixSeconds(DateTimeOffset time)
        {
            return (time.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
        }

        private const long UnixEpochTicks = 621355968000000000L;

        // Throws the exception for a failed call, with this thread's last error message.
        internal static void Check(int status)
        {
            if (status == 0) return;
            string message = Utf8.Read(NativeMethods.tally_last_error());
            throw TallyException.FromStatus(status, message);
        }

        internal delegate int JsonCall(out IntPtr result);

        // Runs a call that returns a library-allocated JSON document; takes it over as a string.
        internal static string Json(JsonCall call)
        {
            IntPtr result;
            Check(call(out result));
            return Utf8.TakeOwned(result);
        }

        // ---- Opening ------------------------------------------------------------------

        // The embedded SQLite store: a file path, or ":memory:". optionsJson may be null or
        // e.g. {"account": "store-42", "synchronous": "full", "busy_timeout_ms": 5000}.
        public static Engine OpenSqlite(string path, string optionsJson = null)
        {
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_sqlite(Utf8.Z(path), Utf8.Z(optionsJson), out h);
            return Opened(status, h, null);
        }

        // A central PostgreSQL database; conninfo in libpq's forms ("postgresql://user@host/db"
        // or "host=... dbname=..."), see docs/postgresql.md.
        public static Engine OpenPostgres(string conninfo, string optionsJson = null)
        {
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_postgres(Utf8.Z(conninfo), Utf8.Z(optionsJson), out h);
            return Opened(status, h, null);
        }

        // A store in process memory, gone when the engine is disposed.
        public static Engine OpenMemory(string optionsJson = null)
        {
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_memory(Utf8.Z(optionsJson), out h);
            return Opened(status, h, null);
        }

        // The host's own store. The engine keeps calling `store` until it is disposed; the
        // store is not disposed with it.
        public static Engine OpenStore(IStore store, string optionsJson = null)
        {
            var adapter = new StoreAdapter(store);
            EngineHandle h = null;
            int status;
            try
            {
                StoreCallbacks callbacks = adapter.Callbacks();
                status = NativeMethods.tally_engine_open_store(ref callbacks, Utf8.Z(optionsJson), out h);
            }
            catch
            {
                adapter.Release();
                throw;
            }
            return Opened(status, h, adapter);
        }

        private static Engine Opened(int status, EngineHandle h, StoreAdapter adapter)
        {
            if (status != 0 || h == null || h.IsInvalid)
            {
                string message = Utf8.Read(NativeMethods.tally_last_error());
                if (h != null) h.Dispose();
                if (adapter != null) adapter.Release();
                throw TallyException.FromStatus(status != 0 ? status : (int)TallyStatus.Internal, message);
            }
            if (adapter != null) h.AttachStore(adapter);
            return new Engine(h);
        }

        // Closes the engine once every checkout opened on it is disposed (or collected).
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _handle.Dispose();
        }

        // The message of the last failure on this engine ("" if none).
        public string LastError
        {
            get { return Utf8.Read(NativeMethods.tally_engine_last_error(H)) ?? string.Empty; }
        }

        // ---- Catalog, locations, enrollments, customers ------------------------------

        // Adds or replaces catalog entities; returns
        // {"manufacturers": n, "distributors": n, "products": n, "programs": n}.
        public string LoadCatalog(string catalogJson, long at)
        {
            byte[] doc = Utf8.Doc(catalogJson);
            return Json((out IntPtr result) => NativeMethods.tally_load_catalog(H, doc, Utf8.Len(doc), at, out result));
        }

        public string Catalog()
        {
            return Json((out IntPtr result) => NativeMethods.tally_catalog(H, out result));
        }

        public void SaveLocation(string locationJson, long at)
        {
            byte[] doc = Utf8.Doc(locationJson);
            Check(NativeMethods.tally_save_location(H, doc, Utf8.Len(doc), at));
        }

        public string Location(string locationId)
        {
            return Json((out IntPtr result) => NativeMethods.tally_location(H, Utf8.Z(locationId), out result));
        }

        public string Locations()
        {
            return Json((out IntPtr result) => NativeMethods.tally_locations(H, out result));
        }

        // Returns {"enrollment": {...}, "released_lines": n}.
        public string Enroll(string enrollmentJson, long at)
        {
            byte[] doc = Utf8.Doc(enrollmentJson);
            return Json((out IntPtr result) => NativeMethods.tally_enroll(H, doc, Utf8.Len(doc), at, out result));
        }

        public string Enrollments(string locationId)
        {
            return Json((out IntPtr result) => NativeMethods.tally_enrollments(H, Utf8.Z(locationId), out result));
        }

        // Returns the stored customer, with its id when the engine generated it.
        public string SaveCustomer(string customerJson, long at)
        {
            byte[] doc = Utf8.Doc(customerJson);
            return Json((out IntPtr result) =>
                NativeMethods.tally_save_customer(H, doc, Utf8.Len(doc), at, out result));
        }

        public string Customer(string customerId)
        {
            return Json((out IntPtr result) => NativeMethods.tally_customer(H, Utf8.Z(customerId), out result));
        }

        // ---- Checkout -----------------------------------------------------------------

        // One visit at the till; nothing is stored until Checkout.Finish. Dispose it when
        // done. A checkout belongs to one thread at a time.
        public Checkout OpenCheckout(string locationId, string customerId, string receiptId, long at)
        {
            EngineHandle engine = H;
            bool added = false;
            CheckoutHandle h = null;
            try
            {
                // The checkout keeps this reference until tally_checkout_free has run.
                engine.DangerousAddRef(ref added);
                int status = NativeMethods.tally_checkout_open(engine, Utf8.Z(locationId), Utf8.Z(customerId),
                                                               Utf8.Z(receiptId), at, out h);
                if (status != 0)
                {
                    string message = Utf8.Read(NativeMethods.tally_last_error());
                    throw TallyException.FromStatus(status, message);
                }
                if (h == null || h.IsInvalid)
                    throw TallyException.FromStatus((int)TallyStatus.Internal, "tally_checkout_open returned no checkout");
                h.AdoptEngineReference(engine);
                added = false;
                var checkout = new Checkout(h);
                h = null;
                return checkout;
            }
            finally
            {
                if (h != null) h.Dispose();
                if (added) engine.DangerousRelease();
            }
        }

        // A whole visit as one JSON document:
        // {"location", "customer", "receipt", "at", "multi_punch_reason"?, "lines": [...],
        //  "redemptions": [...]?, "redeem_later": [...]?}; returns the checkout result.
        public string RunCheckout(string checkoutJson)
        {
            byte[] doc = Utf8.Doc(checkoutJson);
            return Json((out IntPtr result) => NativeMethods.tally_run_checkout(H, doc, Utf8.Len(doc), out result));
        }

        // The stored result of a finished receipt.
        public string CheckoutResult(string locationId, string receiptId)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_checkout_result(H, Utf8.Z(locationId), Utf8.Z(receiptId), out result));
        }

        // ---- Cards, rewards, credit lines, journal ------------------------------------

        public string Cards(string customerId, bool includeRedeemed = false)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_cards(H, Utf8.Z(customerId), includeRedeemed ? 1 : 0, out result));
        }

        // Completed cards waiting for their reward, with the items allowed at this location.
        public string Rewards(string customerId, string locationId)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_rewards(H, Utf8.Z(customerId), Utf8.Z(locationId), out result));
        }

        // state and partner: null or "" for all.
        public string CreditLines(string state = null, string partner = null)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_credit_lines(H, Utf8.Z(state), Utf8.Z(partner), out result));
        }

        public string CreditLine(long lineId)
        {
            return Json((out IntPtr result) => NativeMethods.tally_credit_line(H, lineId, out result));
        }

        // Journal entries with seq > afterSeq, oldest first, at most `limit`.
        public string Journal(long afterSeq = 0, int limit = 1000)
        {
            if (limit < 0) throw new ArgumentOutOfRangeException("limit", "limit must be >= 0");
            return Json((out IntPtr result) => NativeMethods.tally_journal(H, afterSeq, (uint)limit, out result));
        }

        // ---- Offers, adoption bundles, private programs, auto-enrollment (docs/programs.md)

        // {"eligible", "reason", "next_eligible"}; adoptionDate: YYYY-MM-DD.
        public string AdoptionEligibility(string customerId, string locationId, string species,
                                          string adoptionDate, string source, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_adoption_eligibility(H, Utf8.Z(customerId), Utf8.Z(locationId), Utf8.Z(species),
                    Utf8.Z(adoptionDate), Utf8.Z(source), at, out result));
        }

        // The brand approves or denies a pending enrollment in a private program.
        public string ReviewEnrollment(string actorJson, string locationId, string programId, bool approve, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_review_enrollment(H, Utf8.Z(actorJson), Utf8.Z(locationId), Utf8.Z(programId),
                    approve ? 1 : 0, at, out result));
        }

        // {"id", "locations": [...], "manufacturer", "distributor", "account_numbers": {loc: acct}};
        // returns how many enrollments the rule made.
        public int AddAutoEnrollment(string ruleJson, long at)
        {
            byte[] doc = Utf8.Doc(ruleJson);
            int enrolled;
            Check(NativeMethods.tally_add_auto_enrollment(H, doc, Utf8.Len(doc), at, out enrolled));
            return enrolled;
        }

        public void RemoveAutoEnrollment(string ruleId, long at)
        {
            Check(NativeMethods.tally_remove_auto_enrollment(H, Utf8.Z(ruleId), at));
        }

        public string AutoEnrollments()
        {
            return Json((out IntPtr result) => NativeMethods.tally_auto_enrollments(H, out result));
        }

        // ---- Credit-line lifecycles (docs/lifecycles.md). actorJson: see Actor. --------

        // Distributor (or manufacturer, for direct lines): every new line of `stream`
        // ("free_goods" when null, or "rebates") at `locations` (null: all) into a new batch.
        public string PullBatch(string actorJson, string name, IEnumerable<string> locations, string stream, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_pull_batch(H, Utf8.Z(actorJson), Utf8.Z(name), Utf8.Z(JsonText.Strings(locations)),
                    Utf8.Z(stream), at, out result));
        }

        public string UnbatchLine(string actorJson, long lineId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_unbatch_line(H, Utf8.Z(actorJson), lineId, at, out result));
        }

        public string Unbatch(string actorJson, long batchId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_unbatch(H, Utf8.Z(actorJson), batchId, at, out result));
        }

        public string DeclineLine(string actorJson, long lineId, string reason, string note, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_decline_line(H, Utf8.Z(actorJson), lineId, Utf8.Z(reason), Utf8.Z(note), at,
                    out result));
        }

        // memoJson: {"number": "...", "amount": cents, "note": "..."}.
        public string FulfillBatch(string actorJson, long batchId, string memoJson, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_fulfill_batch(H, Utf8.Z(actorJson), batchId, Utf8.Z(memoJson), at, out result));
        }

        // batchIds null: every fulfilled batch of the distributor.
        public string ClaimCredit(string actorJson, string manufacturerId, IEnumerable<long> batchIds, string name,
                                  long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_claim_credit(H, Utf8.Z(actorJson), Utf8.Z(manufacturerId),
                    Utf8.Z(JsonText.Numbers(batchIds)), Utf8.Z(name), at, out result));
        }

        public string PayCreditBatch(string actorJson, long batchId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_pay_credit_batch(H, Utf8.Z(actorJson), batchId, at, out result));
        }

        // Returns how many lines became held.
        public int ReassignToHolding(string actorJson, string locationId, string programId, long at)
        {
            int held;
            Check(NativeMethods.tally_reassign_to_holding(H, Utf8.Z(actorJson), Utf8.Z(locationId), Utf8.Z(programId),
                                                          at, out held));
            return held;
        }

        public string ReconcileLine(string actorJson, long lineId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_reconcile_line(H, Utf8.Z(actorJson), lineId, at, out result));
        }

        public string ReconcileBatch(string actorJson, long batchId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_reconcile_batch(H, Utf8.Z(actorJson), batchId, at, out result));
        }

        public string FixAccountNumber(string actorJson, string locationId, string programId, string accountNumber,
                                       long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_fix_account_number(H, Utf8.Z(actorJson), Utf8.Z(locationId), Utf8.Z(programId),
                    Utf8.Z(accountNumber), at, out result));
        }

        public string ResubmitLine(string actorJson, long lineId, string note, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_resubmit_line(H, Utf8.Z(actorJson), lineId, Utf8.Z(note), at, out result));
        }

        public string CreateRetailerBatch(string actorJson, string name, IEnumerable<string> locations, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_create_retailer_batch(H, Utf8.Z(actorJson), Utf8.Z(name),
                    Utf8.Z(JsonText.Strings(locations)), at, out result));
        }

        public string SubmitRetailerBatch(string actorJson, long batchId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_submit_retailer_batch(H, Utf8.Z(actorJson), batchId, at, out result));
        }

        public string CompleteRetailerBatch(string actorJson, long batchId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_complete_retailer_batch(H, Utf8.Z(actorJson), batchId, at, out result));
        }

        // cadence: "weekly", "biweekly", "monthly" or "manual"; anchorDate: YYYY-MM-DD.
        public void SetCadence(string locationId, string cadence, string anchorDate, long at)
        {
            Check(NativeMethods.tally_set_cadence(H, Utf8.Z(locationId), Utf8.Z(cadence), Utf8.Z(anchorDate), at));
        }

        // Per location: is the retailer's batch due on `date` (YYYY-MM-DD)?
        public string BatchesDue(string date)
        {
            return Json((out IntPtr result) => NativeMethods.tally_batches_due(H, Utf8.Z(date), out result));
        }

        public string Batch(long batchId)
        {
            return Json((out IntPtr result) => NativeMethods.tally_batch(H, batchId, out result));
        }

        // partner: null or "" for every batch.
        public string Batches(string partner = null)
        {
            return Json((out IntPtr result) => NativeMethods.tally_batches(H, Utf8.Z(partner), out result));
        }

        // ---- Corrections after finishing (docs/corrections.md) ---------------------------

        // upc null or "": remove only; otherwise remove and reselect that item (unitPrice
        // null: the last known shelf price). reverse: a reversal line when already credited.
        public string UndoRedemption(string actorJson, long redemptionId, string upc, long? unitPriceCents,
                                     bool reverse, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_undo_redemption(H, Utf8.Z(actorJson), redemptionId, Utf8.Z(upc),
                    unitPriceCents ?? NativeMethods.PriceLastKnown, reverse ? 1 : 0, at, out result));
        }

        // {"location", "receipt", "line", "quantity", "return_id", "at"}.
        public string ReturnItems(string returnJson)
        {
            byte[] doc = Utf8.Doc(returnJson);
            return Json((out IntPtr result) => NativeMethods.tally_return_items(H, doc, Utf8.Len(doc), out result));
        }

        // Moves the punches at punchIndexes of an open card to a new card of the same type;
        // returns [the card kept, the new card].
        public string SplitCard(string customerId, long cardNumber, int[] punchIndexes, long at)
        {
            int[] indexes = punchIndexes ?? new int[0];
            return Json((out IntPtr result) =>
                NativeMethods.tally_split_card(H, Utf8.Z(customerId), cardNumber, indexes,
                    new UIntPtr((uint)indexes.Length), at, out result));
        }

        public string MergeCustomers(string survivorId, string duplicateId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_merge_customers(H, Utf8.Z(survivorId), Utf8.Z(duplicateId), at, out result));
        }

        // ---- Reports (docs/reports.md) and the Command Center (docs/command-center.md) ---

        // kind: free_goods_credit_status, rebate_credit_status, retailer_credit_batches,
        // redemptions_by_date, participation, transactions. JSON, or CSV text when the query
        // says "format": "csv".
        public string Report(string kind, string queryJson, long at)
        {
            byte[] doc = Utf8.Doc(queryJson);
            return Json((out IntPtr result) =>
                NativeMethods.tally_report(H, Utf8.Z(kind), doc, Utf8.Len(doc), at, out result));
        }

        public string CommandCenter(string locationId, long at)
        {
            return Json((out IntPtr result) =>
                NativeMethods.tally_command_center(H, Utf8.Z(locationId), at, out result));
        }

        // flag null or "": cleared.
        public void SetBillingFlag(string locationId, string flag, long at)
        {
            Check(NativeMethods.tally_set_billing_flag(H, Utf8.Z(locationId), Utf8.Z(flag), at));
        }
    }

    // Who acts in a lifecycle step, as the actor JSON the Engine methods take.
    public static class Actor
    {
        public static string Retailer()
        {
            return "{\"role\": \"retailer\"}";
        }

        public static string Retailer(string id)
        {
            return Of("retailer", id);
        }

        public static string Distributor(string id)
        {
            return Of("distributor", id);
        }

        public static string Manufacturer(string id)
        {
            return Of("manufacturer", id);
        }

        public static string Of(string role, string id)
        {
            return "{\"role\": " + JsonText.Quote(role) + ", \"id\": " + JsonText.Quote(id) + "}";
        }
    }
}
