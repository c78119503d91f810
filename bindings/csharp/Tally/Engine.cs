// SPDX-License-Identifier: Apache-2.0
// The engine: one method per function of tally.h. Documents go in as JSON text (docs/schema/
// has their schemas) and come back as typed results (Results.cs, ReportResults.cs); each
// result keeps its text in Json. Times are Unix seconds (UTC), money is long cents.
// Arguments the C call cannot take (null where a value is needed, a NUL character, a
// negative limit) are refused before the call with ArgumentNullException, ArgumentException
// or ArgumentOutOfRangeException; what the engine refuses is its code's TallyException.
using System;
using System.Collections.Generic;
using System.Text;

namespace Tally
{
    /// <summary>
    /// A Tally engine over one store (SQLite, PostgreSQL, memory or the host's own
    /// <see cref="IStore"/>). May be shared by threads; dispose it when done (its open
    /// checkouts keep the native engine open until they are disposed too).
    /// </summary>
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

        /// <summary>The library's version at run time, e.g. "0.2.0".</summary>
        public static string Version
        {
            get { return Utf8.Read(NativeMethods.tally_version()); }
        }

        /// <summary>The library's version as MAJOR * 10000 + MINOR * 100 + PATCH.</summary>
        public static int VersionNumber
        {
            get { return NativeMethods.tally_version_number(); }
        }

        /// <summary>A status code's short name, e.g. "unknown_upc".</summary>
        /// <param name="status">A <c>tally_status</c> number.</param>
        /// <returns>The name ("" for none).</returns>
        public static string StatusName(int status)
        {
            return Utf8.Read(NativeMethods.tally_status_name(status)) ?? string.Empty;
        }

        /// <summary>The seconds since 1970-01-01T00:00:00Z of a point in time, for the
        /// <c>at</c> parameters.</summary>
        /// <param name="time">The point in time.</param>
        /// <returns>Unix seconds.</returns>
        public static long UnixSeconds(DateTimeOffset time)
        {
            return time.ToUnixTimeSeconds();
        }

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

        internal static T One<T>(JsonCall call) where T : Result
        {
            return Result.One<T>(Json(call));
        }

        internal static IReadOnlyList<T> Many<T>(JsonCall call) where T : Result
        {
            return Result.ListOf<T>(Json(call));
        }

        // ---- Opening ------------------------------------------------------------------

        /// <summary>Opens the embedded SQLite store.</summary>
        /// <param name="path">A file path, or ":memory:".</param>
        /// <param name="optionsJson">null, or e.g. {"account": "store-42", "synchronous": "full",
        /// "busy_timeout_ms": 5000} (<c>engine_options</c>).</param>
        /// <returns>The engine.</returns>
        public static Engine OpenSqlite(string path, string optionsJson = null)
        {
            byte[] p = Arg.Text(path, "path");
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_sqlite(p, Arg.OptText(optionsJson, "optionsJson"), out h);
            return Opened(status, h, null);
        }

        /// <summary>Opens a central PostgreSQL database (docs/postgresql.md).</summary>
        /// <param name="conninfo">libpq's forms: "postgresql://user@host/db" or "host=... dbname=...".</param>
        /// <param name="optionsJson">null, or e.g. {"account": "store-42", "busy_retries": 8}.</param>
        /// <returns>The engine.</returns>
        public static Engine OpenPostgres(string conninfo, string optionsJson = null)
        {
            byte[] c = Arg.Text(conninfo, "conninfo");
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_postgres(c, Arg.OptText(optionsJson, "optionsJson"), out h);
            return Opened(status, h, null);
        }

        /// <summary>Opens a store in process memory, gone when the engine is disposed.</summary>
        /// <param name="optionsJson">null, or e.g. {"account": "store-42"}.</param>
        /// <returns>The engine.</returns>
        public static Engine OpenMemory(string optionsJson = null)
        {
            EngineHandle h;
            int status = NativeMethods.tally_engine_open_memory(Arg.OptText(optionsJson, "optionsJson"), out h);
            return Opened(status, h, null);
        }

        /// <summary>Opens the engine over the host's own store. The engine keeps calling
        /// <paramref name="store"/> until it is disposed; the store is not disposed with it.</summary>
        /// <param name="store">The store.</param>
        /// <param name="optionsJson">null, or e.g. {"account": "store-42", "busy_retries": 8}.</param>
        /// <returns>The engine.</returns>
        public static Engine OpenStore(IStore store, string optionsJson = null)
        {
            if (store == null) throw new ArgumentNullException("store");
            byte[] options = Arg.OptText(optionsJson, "optionsJson");
            var adapter = new StoreAdapter(store);
            EngineHandle h = null;
            int status;
            try
            {
                StoreCallbacks callbacks = adapter.Callbacks();
                status = NativeMethods.tally_engine_open_store(ref callbacks, options, out h);
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

        /// <summary>Closes the engine once every checkout opened on it is disposed (or collected).</summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _handle.Dispose();
        }

        /// <summary>The message of the last failure on this engine ("" if none).</summary>
        public string LastError
        {
            get { return Utf8.Read(NativeMethods.tally_engine_last_error(H)) ?? string.Empty; }
        }

        // ---- Catalog, locations, enrollments, customers ------------------------------

        /// <summary>Adds or replaces catalog entities (docs/catalog.md).</summary>
        /// <param name="catalogJson">The catalog document.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>What was loaded.</returns>
        public CatalogSummary LoadCatalog(string catalogJson, long at)
        {
            byte[] doc = Arg.Doc(catalogJson, "catalogJson");
            return One<CatalogSummary>((out IntPtr r) => NativeMethods.tally_load_catalog(H, doc, Utf8.Len(doc), at, out r));
        }

        /// <summary>The stored catalog.</summary>
        /// <returns>The catalog.</returns>
        public Catalog Catalog()
        {
            return One<Catalog>((out IntPtr r) => NativeMethods.tally_catalog(H, out r));
        }

        /// <summary>Adds or replaces a location.</summary>
        /// <param name="locationJson">The location document.</param>
        /// <param name="at">When, Unix seconds.</param>
        public void SaveLocation(string locationJson, long at)
        {
            byte[] doc = Arg.Doc(locationJson, "locationJson");
            Check(NativeMethods.tally_save_location(H, doc, Utf8.Len(doc), at));
        }

        /// <summary>A stored location.</summary>
        /// <param name="locationId">Its id.</param>
        /// <returns>The location.</returns>
        public Location Location(string locationId)
        {
            byte[] id = Arg.Text(locationId, "locationId");
            return One<Location>((out IntPtr r) => NativeMethods.tally_location(H, id, out r));
        }

        /// <summary>Every stored location.</summary>
        /// <returns>The locations.</returns>
        public IReadOnlyList<Location> Locations()
        {
            return Many<Location>((out IntPtr r) => NativeMethods.tally_locations(H, out r));
        }

        /// <summary>Enrolls a location in a program, or changes its partner.</summary>
        /// <param name="enrollmentJson">The enrollment document.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The enrollment, and how many held lines it released.</returns>
        public EnrollmentChange Enroll(string enrollmentJson, long at)
        {
            byte[] doc = Arg.Doc(enrollmentJson, "enrollmentJson");
            return One<EnrollmentChange>((out IntPtr r) => NativeMethods.tally_enroll(H, doc, Utf8.Len(doc), at, out r));
        }

        /// <summary>A location's enrollments.</summary>
        /// <param name="locationId">The location.</param>
        /// <returns>The enrollments.</returns>
        public IReadOnlyList<Enrollment> Enrollments(string locationId)
        {
            byte[] id = Arg.Text(locationId, "locationId");
            return Many<Enrollment>((out IntPtr r) => NativeMethods.tally_enrollments(H, id, out r));
        }

        /// <summary>Adds or replaces a customer.</summary>
        /// <param name="customerJson">The customer document (no id: the engine makes one).</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The stored customer, with its id.</returns>
        public Customer SaveCustomer(string customerJson, long at)
        {
            byte[] doc = Arg.Doc(customerJson, "customerJson");
            return One<Customer>((out IntPtr r) => NativeMethods.tally_save_customer(H, doc, Utf8.Len(doc), at, out r));
        }

        /// <summary>A stored customer.</summary>
        /// <param name="customerId">Its id.</param>
        /// <returns>The customer.</returns>
        public Customer Customer(string customerId)
        {
            byte[] id = Arg.Text(customerId, "customerId");
            return One<Customer>((out IntPtr r) => NativeMethods.tally_customer(H, id, out r));
        }

        // ---- Checkout -----------------------------------------------------------------

        /// <summary>Opens one visit at the till; nothing is stored until
        /// <see cref="Checkout.Finish"/>. Dispose it when done; it belongs to one thread at a time.</summary>
        /// <param name="locationId">The store.</param>
        /// <param name="customerId">The customer.</param>
        /// <param name="receiptId">The POS's receipt id.</param>
        /// <param name="at">The visit's time, Unix seconds.</param>
        /// <returns>The checkout.</returns>
        public Checkout OpenCheckout(string locationId, string customerId, string receiptId, long at)
        {
            byte[] location = Arg.Text(locationId, "locationId");
            byte[] customer = Arg.Text(customerId, "customerId");
            byte[] receipt = Arg.Text(receiptId, "receiptId");
            EngineHandle engine = H;
            bool added = false;
            CheckoutHandle h = null;
            try
            {
                // The checkout keeps this reference until tally_checkout_free has run.
                engine.DangerousAddRef(ref added);
                int status = NativeMethods.tally_checkout_open(engine, location, customer, receipt, at, out h);
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

        /// <summary>Runs and finishes a whole visit given as one document: {"location",
        /// "customer", "receipt", "at", "multi_punch_reason"?, "lines": [...],
        /// "redemptions"?: [...], "redeem_later"?: [...], "points_redemptions"?: [{"program",
        /// "reward"}]} (<c>visit</c>).</summary>
        /// <param name="checkoutJson">The visit document.</param>
        /// <returns>The checkout result.</returns>
        public CheckoutResult RunCheckout(string checkoutJson)
        {
            byte[] doc = Arg.Doc(checkoutJson, "checkoutJson");
            return One<CheckoutResult>((out IntPtr r) => NativeMethods.tally_run_checkout(H, doc, Utf8.Len(doc), out r));
        }

        /// <summary>Finishes many whole visits in order, as a bulk load does, in one storage
        /// transaction (docs/c-api.md, "Bulk finish"). Each receipt is exactly-once; a refused
        /// visit is reported in its place and leaves no trace, and the others go on.</summary>
        /// <param name="visitsJson">Visit documents, each as <see cref="RunCheckout"/> takes one.</param>
        /// <returns>One outcome per visit, in order.</returns>
        /// <exception cref="ArgumentException">An element is null or not JSON.</exception>
        /// <exception cref="TallyException">What stopped them all (a storage failure, an
        /// array over the limit): nothing is stored, and calling again is safe.</exception>
        public IReadOnlyList<CheckoutOutcome> RunCheckouts(IEnumerable<string> visitsJson)
        {
            if (visitsJson == null) throw new ArgumentNullException("visitsJson");
            var array = new StringBuilder("[");
            int i = 0;
            foreach (string visit in visitsJson)
            {
                if (visit == null) throw new ArgumentNullException("visitsJson", "visitsJson[" + i + "] is null");
                try
                {
                    JsonReader.Parse(visit);
                }
                catch (DocumentFormatException e)
                {
                    throw new ArgumentException("visitsJson[" + i + "]: " + e.Message, "visitsJson", e);
                }
                if (i > 0) array.Append(',');
                array.Append(visit);
                i++;
            }
            byte[] doc = Utf8.Doc(array.Append(']').ToString());
            return Many<CheckoutOutcome>((out IntPtr r) => NativeMethods.tally_run_checkouts(H, doc, Utf8.Len(doc), out r));
        }

        /// <summary>The stored result of a finished receipt.</summary>
        /// <param name="locationId">The store of the receipt.</param>
        /// <param name="receiptId">The POS's receipt id.</param>
        /// <returns>The checkout result.</returns>
        public CheckoutResult CheckoutResult(string locationId, string receiptId)
        {
            byte[] location = Arg.Text(locationId, "locationId");
            byte[] receipt = Arg.Text(receiptId, "receiptId");
            return One<CheckoutResult>((out IntPtr r) => NativeMethods.tally_checkout_result(H, location, receipt, out r));
        }

        // ---- Cards, rewards, credit lines, journal ------------------------------------

        /// <summary>A customer's cards.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="includeRedeemed">false: the open and completed cards; true: the whole history.</param>
        /// <returns>The cards.</returns>
        public IReadOnlyList<Card> Cards(string customerId, bool includeRedeemed = false)
        {
            byte[] id = Arg.Text(customerId, "customerId");
            return Many<Card>((out IntPtr r) => NativeMethods.tally_cards(H, id, includeRedeemed ? 1 : 0, out r));
        }

        /// <summary>Completed cards waiting for their reward, with the items allowed at a location.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="locationId">The store.</param>
        /// <returns>The rewards.</returns>
        public IReadOnlyList<Reward> Rewards(string customerId, string locationId)
        {
            byte[] customer = Arg.Text(customerId, "customerId");
            byte[] location = Arg.Text(locationId, "locationId");
            return Many<Reward>((out IntPtr r) => NativeMethods.tally_rewards(H, customer, location, out r));
        }

        /// <summary>The credit lines, optionally only those in a state and/or of a partner.</summary>
        /// <param name="state">null or "" for all, or a state such as "new" or "held".</param>
        /// <param name="partner">null or "" for all, or the partner's id.</param>
        /// <returns>The lines.</returns>
        public IReadOnlyList<CreditLine> CreditLines(string state = null, string partner = null)
        {
            return Result.ListOf<CreditLine>(CreditLinesJson(state, partner));
        }

        /// <summary>The credit lines one at a time, as <see cref="CreditLines"/> selects them:
        /// the library answers them in one document when the enumeration starts, and each is
        /// made a <see cref="CreditLine"/> as the enumeration reaches it.</summary>
        /// <param name="state">null or "" for all, or a state.</param>
        /// <param name="partner">null or "" for all, or the partner's id.</param>
        /// <returns>The lines, lazily.</returns>
        public IEnumerable<CreditLine> EnumerateCreditLines(string state = null, string partner = null)
        {
            Arg.OptText(state, "state");
            Arg.OptText(partner, "partner");
            return EachCreditLine(state, partner);
        }

        private IEnumerable<CreditLine> EachCreditLine(string state, string partner)
        {
            JsonValue lines = JsonReader.Parse(CreditLinesJson(state, partner));
            if (lines.Kind != JsonKind.Array)
                throw new DocumentFormatException("credit_lines", "expected an array, got " + lines.TypeName);
            for (int i = 0; i < lines.Items.Count; i++)
                yield return Result.Make<CreditLine>(new Fields(lines.Items[i], "credit_lines[" + i + "]"));
        }

        private string CreditLinesJson(string state, string partner)
        {
            byte[] s = Arg.OptText(state, "state");
            byte[] p = Arg.OptText(partner, "partner");
            return Json((out IntPtr r) => NativeMethods.tally_credit_lines(H, s, p, out r));
        }

        /// <summary>A credit line with its whole history.</summary>
        /// <param name="lineId">The line's number.</param>
        /// <returns>The line.</returns>
        public CreditLine CreditLine(long lineId)
        {
            return One<CreditLine>((out IntPtr r) => NativeMethods.tally_credit_line(H, lineId, out r));
        }

        /// <summary>One page of the journal: entries with seq &gt; <paramref name="afterSeq"/>,
        /// oldest first, at most <paramref name="limit"/>. It may answer fewer while more
        /// follow (see <see cref="EnumerateJournal"/>).</summary>
        /// <param name="afterSeq">The last seq already read (0: from the start).</param>
        /// <param name="limit">At most this many entries (0 or more).</param>
        /// <returns>The entries.</returns>
        public IReadOnlyList<JournalEntry> Journal(long afterSeq = 0, int limit = 1000)
        {
            if (limit < 0) throw new ArgumentOutOfRangeException("limit", limit, "limit must be 0 or more");
            return Many<JournalEntry>((out IntPtr r) => NativeMethods.tally_journal(H, afterSeq, (uint)limit, out r));
        }

        /// <summary>Every journal entry with seq &gt; <paramref name="afterSeq"/>, oldest first,
        /// read <paramref name="page"/> entries at a time up to the first empty page (nothing
        /// more yet; docs/architecture.md, "Numbers and the journal"). Keep the last seq to
        /// go on from there later.</summary>
        /// <param name="afterSeq">The last seq already read (0: from the start).</param>
        /// <param name="page">Entries per call (1 or more).</param>
        /// <returns>The entries, lazily.</returns>
        public IEnumerable<JournalEntry> EnumerateJournal(long afterSeq = 0, int page = 1000)
        {
            if (page < 1) throw new ArgumentOutOfRangeException("page", page, "page must be 1 or more");
            return EachJournalEntry(afterSeq, page);
        }

        private IEnumerable<JournalEntry> EachJournalEntry(long afterSeq, int page)
        {
            while (true)
            {
                IReadOnlyList<JournalEntry> entries = Journal(afterSeq, page);
                if (entries.Count == 0) yield break;
                foreach (JournalEntry entry in entries) yield return entry;
                afterSeq = entries[entries.Count - 1].Seq;
            }
        }

        // ---- Loyalty points (docs/programs.md#loyalty-points) -----------------------------

        /// <summary>A customer's points in every points program of the catalog: the balance,
        /// the debt, the lots not expired at <paramref name="at"/> in the location's time zone,
        /// and the rewards taken.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="locationId">The store asking (its time zone says which points have expired).</param>
        /// <param name="at">"Now", Unix seconds.</param>
        /// <returns>One entry per points program.</returns>
        public IReadOnlyList<CustomerPoints> Points(string customerId, string locationId, long at)
        {
            byte[] c = Arg.Text(customerId, "customerId");
            byte[] l = Arg.Text(locationId, "locationId");
            return Many<CustomerPoints>((out IntPtr r) => NativeMethods.tally_customer_points(H, c, l, at, out r));
        }

        /// <summary>One page of the changes of a customer's balance in a points program:
        /// entries numbered after <paramref name="after"/>, oldest first, at most
        /// <paramref name="limit"/> (see <see cref="EnumeratePointsHistory"/>).</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="programId">The points program.</param>
        /// <param name="after">The last entry number already read (0: from the first).</param>
        /// <param name="limit">At most this many entries (0 or more).</param>
        /// <returns>The entries.</returns>
        public IReadOnlyList<PointsHistoryEntry> PointsHistory(string customerId, string programId, long after = 0,
                                                               int limit = 1000)
        {
            byte[] c = Arg.Text(customerId, "customerId");
            byte[] p = Arg.Text(programId, "programId");
            if (limit < 0) throw new ArgumentOutOfRangeException("limit", limit, "limit must be 0 or more");
            return Many<PointsHistoryEntry>((out IntPtr r) =>
                NativeMethods.tally_points_history(H, c, p, after, (uint)limit, out r));
        }

        /// <summary>Every change of a customer's balance in a points program numbered after
        /// <paramref name="after"/>, oldest first, read <paramref name="page"/> entries at a
        /// time up to the first empty page.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="programId">The points program.</param>
        /// <param name="after">The last entry number already read (0: from the first).</param>
        /// <param name="page">Entries per call (1 or more).</param>
        /// <returns>The entries, lazily.</returns>
        public IEnumerable<PointsHistoryEntry> EnumeratePointsHistory(string customerId, string programId, long after = 0,
                                                                      int page = 1000)
        {
            Arg.Text(customerId, "customerId");
            Arg.Text(programId, "programId");
            if (page < 1) throw new ArgumentOutOfRangeException("page", page, "page must be 1 or more");
            return EachPointsHistoryEntry(customerId, programId, after, page);
        }

        private IEnumerable<PointsHistoryEntry> EachPointsHistoryEntry(string customerId, string programId, long after, int page)
        {
            while (true)
            {
                IReadOnlyList<PointsHistoryEntry> entries = PointsHistory(customerId, programId, after, page);
                if (entries.Count == 0) yield break;
                foreach (PointsHistoryEntry entry in entries) yield return entry;
                after = entries[entries.Count - 1].Number;
            }
        }

        // ---- Manufacturers' vouchers (docs/programs.md#manufacturer-vouchers)

        /// <summary>The brand issues vouchers of its voucher program to a location; the same
        /// ids on the same terms again change nothing.</summary>
        /// <param name="actorJson">The brand (<see cref="Actor.Manufacturer"/>).</param>
        /// <param name="issueJson">{"program", "location", "ids": [...] or "count": n,
        /// "expires": "YYYY-MM-DD", "note"}.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The vouchers.</returns>
        public IReadOnlyList<Voucher> IssueVouchers(string actorJson, string issueJson, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] d = Arg.Text(issueJson, "issueJson");
            return Many<Voucher>((out IntPtr r) => NativeMethods.tally_issue_vouchers(H, a, d, at, out r));
        }

        /// <summary>A location's vouchers as of <paramref name="at"/>.</summary>
        /// <param name="locationId">The location.</param>
        /// <param name="at">"Now", Unix seconds (the location's time zone says which have expired).</param>
        /// <param name="state">"pending", "redeemed", "expired", or null for all.</param>
        /// <returns>The vouchers.</returns>
        public IReadOnlyList<Voucher> Vouchers(string locationId, long at, string state = null)
        {
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] s = state == null ? null : Arg.Text(state, "state");
            return Many<Voucher>((out IntPtr r) => NativeMethods.tally_vouchers(H, l, s, at, out r));
        }

        /// <summary>One voucher as of <paramref name="at"/> (<see cref="NotFoundException"/> when there is none).</summary>
        /// <param name="voucherId">The voucher.</param>
        /// <param name="at">"Now", Unix seconds.</param>
        /// <returns>The voucher.</returns>
        public Voucher Voucher(string voucherId, long at)
        {
            byte[] v = Arg.Text(voucherId, "voucherId");
            return One<Voucher>((out IntPtr r) => NativeMethods.tally_voucher(H, v, at, out r));
        }

        /// <summary>The store takes a redeemed voucher in another item of its list while its
        /// credit line is new and not batched (<see cref="InvalidStateException"/> after); the
        /// line follows.</summary>
        /// <param name="actorJson">The store (<see cref="Actor.Retailer(string)"/>).</param>
        /// <param name="voucherId">The voucher.</param>
        /// <param name="upc">The new item.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <param name="unitPriceCents">Its shelf price; null: the last known shelf price.</param>
        /// <returns>The voucher as it now stands.</returns>
        public Voucher ChangeVoucherItem(string actorJson, string voucherId, string upc, long at, long? unitPriceCents = null)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] v = Arg.Text(voucherId, "voucherId");
            byte[] u = Arg.Text(upc, "upc");
            return One<Voucher>((out IntPtr r) =>
                NativeMethods.tally_change_voucher_item(H, a, v, u, unitPriceCents ?? Checkout.LastKnownPrice, at, out r));
        }

        // ---- Offers, adoption bundles, private programs, auto-enrollment (docs/programs.md)

        /// <summary>Whether an adoption qualifies for the bundle.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="locationId">The store.</param>
        /// <param name="species">The adopted animal's species, e.g. "dog".</param>
        /// <param name="adoptionDate">The adoption's date, "YYYY-MM-DD".</param>
        /// <param name="source">Where the animal came from: rescue, shelter, stray, rehomed or in_store.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The answer.</returns>
        public AdoptionEligibility AdoptionEligibility(string customerId, string locationId, string species,
                                                       string adoptionDate, string source, long at)
        {
            byte[] c = Arg.Text(customerId, "customerId");
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] s = Arg.Text(species, "species");
            byte[] d = Arg.Text(adoptionDate, "adoptionDate");
            byte[] o = Arg.Text(source, "source");
            return One<AdoptionEligibility>((out IntPtr r) =>
                NativeMethods.tally_adoption_eligibility(H, c, l, s, d, o, at, out r));
        }

        /// <summary>The brand approves or denies a pending enrollment in a private program.</summary>
        /// <param name="actorJson">The brand (<see cref="Actor.Manufacturer"/>).</param>
        /// <param name="locationId">The location.</param>
        /// <param name="programId">The private program.</param>
        /// <param name="approve">true: approve; false: deny.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The enrollment.</returns>
        public Enrollment ReviewEnrollment(string actorJson, string locationId, string programId, bool approve, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] p = Arg.Text(programId, "programId");
            return One<Enrollment>((out IntPtr r) =>
                NativeMethods.tally_review_enrollment(H, a, l, p, approve ? 1 : 0, at, out r));
        }

        /// <summary>Adds an auto-enrollment rule.</summary>
        /// <param name="ruleJson">{"id", "locations": [...], "manufacturer", "distributor",
        /// "account_numbers": {location: account}} (<c>auto_enrollment</c>).</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>How many enrollments the rule made now.</returns>
        public int AddAutoEnrollment(string ruleJson, long at)
        {
            byte[] doc = Arg.Doc(ruleJson, "ruleJson");
            int enrolled;
            Check(NativeMethods.tally_add_auto_enrollment(H, doc, Utf8.Len(doc), at, out enrolled));
            return enrolled;
        }

        /// <summary>Removes an auto-enrollment rule.</summary>
        /// <param name="ruleId">The rule's id.</param>
        /// <param name="at">When, Unix seconds.</param>
        public void RemoveAutoEnrollment(string ruleId, long at)
        {
            Check(NativeMethods.tally_remove_auto_enrollment(H, Arg.Text(ruleId, "ruleId"), at));
        }

        /// <summary>The auto-enrollment rules.</summary>
        /// <returns>The rules.</returns>
        public IReadOnlyList<AutoEnrollment> AutoEnrollments()
        {
            return Many<AutoEnrollment>((out IntPtr r) => NativeMethods.tally_auto_enrollments(H, out r));
        }

        // ---- Credit-line lifecycles (docs/lifecycles.md). actorJson: see Actor. --------

        /// <summary>The distributor (or the manufacturer, for direct lines) pulls every new
        /// line of a stream into a new batch.</summary>
        /// <param name="actorJson">Who pulls.</param>
        /// <param name="name">The batch's name, or null.</param>
        /// <param name="locations">The locations, or null for all.</param>
        /// <param name="stream">"free_goods" (or null) or "rebates".</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch PullBatch(string actorJson, string name, IEnumerable<string> locations, string stream, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] n = Arg.OptText(name, "name");
            byte[] l = Arg.Ids(locations, "locations");
            byte[] s = Arg.OptText(stream, "stream");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_pull_batch(H, a, n, l, s, at, out r));
        }

        /// <summary>Takes a line out of its batch.</summary>
        /// <param name="actorJson">Who acts.</param>
        /// <param name="lineId">The line.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The line.</returns>
        public CreditLine UnbatchLine(string actorJson, long lineId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<CreditLine>((out IntPtr r) => NativeMethods.tally_unbatch_line(H, a, lineId, at, out r));
        }

        /// <summary>Dissolves a batch: its lines are new again.</summary>
        /// <param name="actorJson">Who acts.</param>
        /// <param name="batchId">The batch.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch Unbatch(string actorJson, long batchId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_unbatch(H, a, batchId, at, out r));
        }

        /// <summary>The partner declines a line.</summary>
        /// <param name="actorJson">Who declines.</param>
        /// <param name="lineId">The line.</param>
        /// <param name="reason">Why, e.g. "wrong_account_number".</param>
        /// <param name="note">A note, or null.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The line.</returns>
        public CreditLine DeclineLine(string actorJson, long lineId, string reason, string note, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] why = Arg.Text(reason, "reason");
            byte[] n = Arg.OptText(note, "note");
            return One<CreditLine>((out IntPtr r) => NativeMethods.tally_decline_line(H, a, lineId, why, n, at, out r));
        }

        /// <summary>The distributor issues the credit memo for a batch.</summary>
        /// <param name="actorJson">The distributor.</param>
        /// <param name="batchId">The batch.</param>
        /// <param name="memoJson">{"number": "...", "amount": cents, "note": "..."} (<c>credit_memo</c>).</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch FulfillBatch(string actorJson, long batchId, string memoJson, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] m = Arg.Text(memoJson, "memoJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_fulfill_batch(H, a, batchId, m, at, out r));
        }

        /// <summary>The distributor claims its credits from a manufacturer in a credit batch.</summary>
        /// <param name="actorJson">The distributor.</param>
        /// <param name="manufacturerId">The manufacturer.</param>
        /// <param name="batchIds">The fulfilled batches, or null for all of the distributor's.</param>
        /// <param name="name">The credit batch's name, or null.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The credit batch.</returns>
        public Batch ClaimCredit(string actorJson, string manufacturerId, IEnumerable<long> batchIds, string name, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] m = Arg.Text(manufacturerId, "manufacturerId");
            byte[] ids = Utf8.Z(JsonText.Numbers(batchIds));
            byte[] n = Arg.OptText(name, "name");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_claim_credit(H, a, m, ids, n, at, out r));
        }

        /// <summary>The manufacturer pays a credit batch.</summary>
        /// <param name="actorJson">The manufacturer.</param>
        /// <param name="batchId">The credit batch.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch PayCreditBatch(string actorJson, long batchId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_pay_credit_batch(H, a, batchId, at, out r));
        }

        /// <summary>The enrollment's distributor stops serving it: the program moves to
        /// Temporary Holding.</summary>
        /// <param name="actorJson">The enrollment's distributor.</param>
        /// <param name="locationId">The location.</param>
        /// <param name="programId">The program.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>How many lines became held.</returns>
        public int ReassignToHolding(string actorJson, string locationId, string programId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] p = Arg.Text(programId, "programId");
            int held;
            Check(NativeMethods.tally_reassign_to_holding(H, a, l, p, at, out held));
            return held;
        }

        /// <summary>The retailer reconciles a credited line.</summary>
        /// <param name="actorJson">The retailer.</param>
        /// <param name="lineId">The line.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The line.</returns>
        public CreditLine ReconcileLine(string actorJson, long lineId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<CreditLine>((out IntPtr r) => NativeMethods.tally_reconcile_line(H, a, lineId, at, out r));
        }

        /// <summary>The retailer reconciles every credited line of a batch.</summary>
        /// <param name="actorJson">The retailer.</param>
        /// <param name="batchId">The batch.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch ReconcileBatch(string actorJson, long batchId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_reconcile_batch(H, a, batchId, at, out r));
        }

        /// <summary>Corrects the store's account number of an enrollment.</summary>
        /// <param name="actorJson">Who acts.</param>
        /// <param name="locationId">The location.</param>
        /// <param name="programId">The program.</param>
        /// <param name="accountNumber">The right account number.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The enrollment.</returns>
        public Enrollment FixAccountNumber(string actorJson, string locationId, string programId, string accountNumber,
                                           long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] p = Arg.Text(programId, "programId");
            byte[] n = Arg.Text(accountNumber, "accountNumber");
            return One<Enrollment>((out IntPtr r) => NativeMethods.tally_fix_account_number(H, a, l, p, n, at, out r));
        }

        /// <summary>Resubmits a declined line.</summary>
        /// <param name="actorJson">Who acts.</param>
        /// <param name="lineId">The line.</param>
        /// <param name="note">A note, or null.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The line.</returns>
        public CreditLine ResubmitLine(string actorJson, long lineId, string note, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] n = Arg.OptText(note, "note");
            return One<CreditLine>((out IntPtr r) => NativeMethods.tally_resubmit_line(H, a, lineId, n, at, out r));
        }

        /// <summary>The retailer batches its retailer-fulfilled lines.</summary>
        /// <param name="actorJson">The retailer.</param>
        /// <param name="name">The batch's name, or null.</param>
        /// <param name="locations">The locations, or null for all.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch CreateRetailerBatch(string actorJson, string name, IEnumerable<string> locations, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] n = Arg.OptText(name, "name");
            byte[] l = Arg.Ids(locations, "locations");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_create_retailer_batch(H, a, n, l, at, out r));
        }

        /// <summary>The retailer submits its batch to the brand.</summary>
        /// <param name="actorJson">The retailer.</param>
        /// <param name="batchId">The batch.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch SubmitRetailerBatch(string actorJson, long batchId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_submit_retailer_batch(H, a, batchId, at, out r));
        }

        /// <summary>The retailer's batch is paid.</summary>
        /// <param name="actorJson">The retailer.</param>
        /// <param name="batchId">The batch.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The batch.</returns>
        public Batch CompleteRetailerBatch(string actorJson, long batchId, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            return One<Batch>((out IntPtr r) => NativeMethods.tally_complete_retailer_batch(H, a, batchId, at, out r));
        }

        /// <summary>Sets a location's retailer-batch cadence.</summary>
        /// <param name="locationId">The location.</param>
        /// <param name="cadence">"weekly", "biweekly", "monthly" or "manual".</param>
        /// <param name="anchorDate">The first date, "YYYY-MM-DD".</param>
        /// <param name="at">When, Unix seconds.</param>
        public void SetCadence(string locationId, string cadence, string anchorDate, long at)
        {
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] c = Arg.Text(cadence, "cadence");
            byte[] d = Arg.Text(anchorDate, "anchorDate");
            Check(NativeMethods.tally_set_cadence(H, l, c, d, at));
        }

        /// <summary>Per location: is the retailer's batch due on a date?</summary>
        /// <param name="date">"YYYY-MM-DD".</param>
        /// <returns>A row per location.</returns>
        public IReadOnlyList<BatchDue> BatchesDue(string date)
        {
            byte[] d = Arg.Text(date, "date");
            return Many<BatchDue>((out IntPtr r) => NativeMethods.tally_batches_due(H, d, out r));
        }

        /// <summary>A batch.</summary>
        /// <param name="batchId">Its number.</param>
        /// <returns>The batch.</returns>
        public Batch Batch(long batchId)
        {
            return One<Batch>((out IntPtr r) => NativeMethods.tally_batch(H, batchId, out r));
        }

        /// <summary>The batches, optionally of one partner.</summary>
        /// <param name="partner">null or "" for every batch, or the partner's id.</param>
        /// <returns>The batches.</returns>
        public IReadOnlyList<Batch> Batches(string partner = null)
        {
            byte[] p = Arg.OptText(partner, "partner");
            return Many<Batch>((out IntPtr r) => NativeMethods.tally_batches(H, p, out r));
        }

        // ---- Corrections after finishing (docs/corrections.md) ---------------------------

        /// <summary>Undoes a finished redemption: remove only, or remove and reselect another item.</summary>
        /// <param name="actorJson">Who acts.</param>
        /// <param name="redemptionId">The redemption.</param>
        /// <param name="upc">null or "": remove only; otherwise the item to reselect.</param>
        /// <param name="unitPriceCents">The reselected item's price; null: the last known shelf price.</param>
        /// <param name="reverse">Make a reversal line when the line was already credited.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The reselected redemption; for remove only, one with <see cref="Redemption.Id"/> 0.</returns>
        public Redemption UndoRedemption(string actorJson, long redemptionId, string upc, long? unitPriceCents,
                                         bool reverse, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] u = Arg.OptText(upc, "upc");
            long price = unitPriceCents ?? NativeMethods.PriceLastKnown;
            return One<Redemption>((out IntPtr r) =>
                NativeMethods.tally_undo_redemption(H, a, redemptionId, u, price, reverse ? 1 : 0, at, out r));
        }

        /// <summary>Returns items of a finished receipt.</summary>
        /// <param name="returnJson">{"location", "receipt", "line", "quantity", "return_id", "at"}
        /// (<c>return_request</c>).</param>
        /// <returns>What the return changed.</returns>
        public ReturnResult ReturnItems(string returnJson)
        {
            byte[] doc = Arg.Doc(returnJson, "returnJson");
            return One<ReturnResult>((out IntPtr r) => NativeMethods.tally_return_items(H, doc, Utf8.Len(doc), out r));
        }

        /// <summary>Moves punches of an open card to a new card of the same type.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="cardNumber">The card.</param>
        /// <param name="punchIndexes">The punches to move (indexes into the card's punches).</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The card kept, and the new card.</returns>
        public IReadOnlyList<Card> SplitCard(string customerId, long cardNumber, int[] punchIndexes, long at)
        {
            byte[] c = Arg.Text(customerId, "customerId");
            if (punchIndexes == null) throw new ArgumentNullException("punchIndexes");
            int[] indexes = (int[])punchIndexes.Clone();
            return Many<Card>((out IntPtr r) =>
                NativeMethods.tally_split_card(H, c, cardNumber, indexes, new UIntPtr((uint)indexes.Length), at, out r));
        }

        /// <summary>Merges a duplicate customer into another: its cards and history move.</summary>
        /// <param name="survivorId">The customer that stays.</param>
        /// <param name="duplicateId">The duplicate.</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The surviving customer.</returns>
        public Customer MergeCustomers(string survivorId, string duplicateId, long at)
        {
            byte[] s = Arg.Text(survivorId, "survivorId");
            byte[] d = Arg.Text(duplicateId, "duplicateId");
            return One<Customer>((out IntPtr r) => NativeMethods.tally_merge_customers(H, s, d, at, out r));
        }

        // ---- Reports (docs/reports.md) and the Command Center (docs/command-center.md) ---

        /// <summary>A report as a typed document.</summary>
        /// <param name="kind">free_goods_credit_status, rebate_credit_status,
        /// retailer_credit_batches, redemptions_by_date, participation, transactions or
        /// points_liability.</param>
        /// <param name="queryJson">The filters (<c>report_query</c>), or null; no "format"
        /// other than "json" (see <see cref="ReportCsv"/>).</param>
        /// <param name="at">When, Unix seconds (decides "today").</param>
        /// <returns>The report.</returns>
        public Report Report(string kind, string queryJson, long at)
        {
            return Result.One<Report>(ReportText(kind, queryJson, at, "json"));
        }

        /// <summary>A report as CSV text (RFC 4180, docs/reports.md).</summary>
        /// <param name="kind">The report's kind, as for <see cref="Report"/>.</param>
        /// <param name="queryJson">The filters, or null; no "format" other than "csv".</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The CSV text.</returns>
        public string ReportCsv(string kind, string queryJson, long at)
        {
            return ReportText(kind, queryJson, at, "csv");
        }

        private string ReportText(string kind, string queryJson, long at, string format)
        {
            byte[] k = Arg.Text(kind, "kind");
            byte[] doc = Utf8.Doc(Arg.WithFormat(queryJson, format));
            return Json((out IntPtr r) => NativeMethods.tally_report(H, k, doc, Utf8.Len(doc), at, out r)) ?? string.Empty;
        }

        /// <summary>What needs the store's action, and its dashboard.</summary>
        /// <param name="locationId">The location.</param>
        /// <param name="at">When, Unix seconds (decides "today").</param>
        /// <returns>The Command Center.</returns>
        public CommandCenter CommandCenter(string locationId, long at)
        {
            byte[] l = Arg.Text(locationId, "locationId");
            return One<CommandCenter>((out IntPtr r) => NativeMethods.tally_command_center(H, l, at, out r));
        }

        /// <summary>Sets or clears the host's billing flag of a location.</summary>
        /// <param name="locationId">The location.</param>
        /// <param name="flag">The flag's text; null or "": cleared.</param>
        /// <param name="at">When, Unix seconds.</param>
        public void SetBillingFlag(string locationId, string flag, long at)
        {
            byte[] l = Arg.Text(locationId, "locationId");
            Check(NativeMethods.tally_set_billing_flag(H, l, Arg.OptText(flag, "flag"), at));
        }

        // ---- Coupons (docs/programs.md#coupons) ----------------------------------------

        /// <summary>The brand issues a coupon to each customer that engaged with it as the
        /// kind requires; the others are refused, each with why. A bad request throws and
        /// issues nothing.</summary>
        /// <param name="actorJson">The brand: <see cref="Actor.Manufacturer"/>.</param>
        /// <param name="issueJson">{"manufacturer", "kind", "value", "upcs", "starts_on",
        /// "ends_on", "customers", "lapsed_days"} (<c>coupon_issue</c>).</param>
        /// <param name="at">When, Unix seconds.</param>
        /// <returns>The coupons issued and the customers refused.</returns>
        public CouponIssueResult IssueCoupons(string actorJson, string issueJson, long at)
        {
            byte[] a = Arg.Text(actorJson, "actorJson");
            byte[] doc = Arg.Doc(issueJson, "issueJson");
            return One<CouponIssueResult>((out IntPtr r) => NativeMethods.tally_issue_coupons(H, a, doc, Utf8.Len(doc), at, out r));
        }

        /// <summary>A customer's coupons, oldest first.</summary>
        /// <param name="customerId">The customer.</param>
        /// <param name="includeRedeemed">The redeemed ones too.</param>
        /// <returns>The coupons.</returns>
        public IReadOnlyList<Coupon> Coupons(string customerId, bool includeRedeemed = false)
        {
            byte[] c = Arg.Text(customerId, "customerId");
            return Many<Coupon>((out IntPtr r) => NativeMethods.tally_customer_coupons(H, c, includeRedeemed ? 1 : 0, out r));
        }

        /// <summary>One coupon by id (<see cref="NotFoundException"/> when there is none).</summary>
        /// <param name="couponId">The coupon.</param>
        /// <returns>The coupon.</returns>
        public Coupon Coupon(long couponId)
        {
            return One<Coupon>((out IntPtr r) => NativeMethods.tally_coupon(H, couponId, out r));
        }

        /// <summary>A store opts out of one manufacturer's coupons (its tills refuse them), or back in.</summary>
        /// <param name="locationId">The store.</param>
        /// <param name="manufacturerId">The brand.</param>
        /// <param name="optedOut">True: out; false: back in.</param>
        /// <param name="at">When, Unix seconds.</param>
        public void SetCouponOptOut(string locationId, string manufacturerId, bool optedOut, long at)
        {
            byte[] l = Arg.Text(locationId, "locationId");
            byte[] m = Arg.Text(manufacturerId, "manufacturerId");
            Check(NativeMethods.tally_set_coupon_opt_out(H, l, m, optedOut ? 1 : 0, at));
        }
    }

    /// <summary>Who acts in a lifecycle step, as the actor JSON the <see cref="Engine"/>
    /// methods take (<c>actor</c>).</summary>
    public static class Actor
    {
        /// <summary>The retailer (the engine's account).</summary>
        /// <returns>{"role": "retailer"}.</returns>
        public static string Retailer()
        {
            return "{\"role\": \"retailer\"}";
        }

        /// <summary>A retailer by id.</summary>
        /// <param name="id">The retailer's id.</param>
        /// <returns>The actor JSON.</returns>
        public static string Retailer(string id)
        {
            return Of("retailer", id);
        }

        /// <summary>A distributor.</summary>
        /// <param name="id">The distributor's id, e.g. "eastern".</param>
        /// <returns>The actor JSON.</returns>
        public static string Distributor(string id)
        {
            return Of("distributor", id);
        }

        /// <summary>A manufacturer.</summary>
        /// <param name="id">The manufacturer's id.</param>
        /// <returns>The actor JSON.</returns>
        public static string Manufacturer(string id)
        {
            return Of("manufacturer", id);
        }

        /// <summary>Any role.</summary>
        /// <param name="role">"retailer", "distributor" or "manufacturer".</param>
        /// <param name="id">The actor's id.</param>
        /// <returns>The actor JSON.</returns>
        public static string Of(string role, string id)
        {
            if (role == null) throw new ArgumentNullException("role");
            if (id == null) throw new ArgumentNullException("id");
            return "{\"role\": " + JsonText.Quote(role) + ", \"id\": " + JsonText.Quote(id) + "}";
        }
    }

    // The binding's checks of arguments, before the C call.
    internal static class Arg
    {
        // A string the call needs: null is refused.
        internal static byte[] Text(string value, string name)
        {
            if (value == null) throw new ArgumentNullException(name);
            return Utf8.Z(value, name);
        }

        // A string the call may take as NULL.
        internal static byte[] OptText(string value, string name)
        {
            return Utf8.Z(value, name);
        }

        // A document passed with its length.
        internal static byte[] Doc(string json, string name)
        {
            if (json == null) throw new ArgumentNullException(name);
            return Utf8.Doc(json);
        }

        // A list of ids as a JSON array; null passes NULL (all).
        internal static byte[] Ids(IEnumerable<string> ids, string name)
        {
            if (ids == null) return null;
            var list = new List<string>();
            foreach (string id in ids)
            {
                if (id == null) throw new ArgumentException(name + " cannot hold null", name);
                Utf8.Z(id, name);
                list.Add(id);
            }
            return Utf8.Z(JsonText.Strings(list), name);
        }

        // A report query with "format" set: the query must be a JSON object whose format, if
        // it names one, is the one asked for.
        internal static string WithFormat(string queryJson, string format)
        {
            if (queryJson == null) return "{\"format\": \"" + format + "\"}";
            JsonValue query;
            try
            {
                query = JsonReader.Parse(queryJson);
            }
            catch (DocumentFormatException e)
            {
                throw new ArgumentException("queryJson: " + e.Message, "queryJson", e);
            }
            if (query.Kind != JsonKind.Object) throw new ArgumentException("queryJson: expected a JSON object", "queryJson");
            JsonValue given = query.Member("format");
            if (given != null)
            {
                if (given.Kind == JsonKind.String && given.StringValue == format) return queryJson;
                throw new ArgumentException("queryJson.format: " + given.Text + "; call Report for JSON, ReportCsv for CSV",
                                            "queryJson");
            }
            string rest = queryJson.Substring(query.Start + 1);
            return "{\"format\": \"" + format + "\"" + (query.Members.Count > 0 ? ", " : "") + rest;
        }
    }
}
