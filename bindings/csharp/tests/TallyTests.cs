// SPDX-License-Identifier: Apache-2.0
// The C# binding's tests: a console runner (no test framework). Every [Test] method runs
// once; the last line is "N passed, M failed" and the exit code is non-zero on failure.
// Run: mono tally_csharp_tests.exe [name-substring]   (TALLY_SOURCE_DIR = the source tree)
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tally.Tests
{
    [AttributeUsage(AttributeTargets.Method)]
    internal sealed class TestAttribute : Attribute
    {
    }

    internal sealed class AssertionException : Exception
    {
        public AssertionException(string message) : base(message) { }
    }

    // An ordered in-memory IStore in C#: SortedDictionary with an unsigned byte-wise key
    // order, and an undo log for rollback.
    internal sealed class ByteArrayComparer : IComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new ByteArrayComparer();

        public int Compare(byte[] a, byte[] b)
        {
            int n = Math.Min(a.Length, b.Length);
            for (int i = 0; i < n; i++)
                if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
            return a.Length.CompareTo(b.Length);
        }
    }

    internal class SortedStore : IStore
    {
        private readonly SortedDictionary<byte[], byte[]> _data =
            new SortedDictionary<byte[], byte[]>(ByteArrayComparer.Instance);
        // (key, value before the change; null = absent), newest last.
        private readonly List<KeyValuePair<byte[], byte[]>> _undo = new List<KeyValuePair<byte[], byte[]>>();
        private bool _open;
        private bool _write;

        public int Transactions;
        public int Rollbacks;

        public bool InTransaction
        {
            get { return _open; }
        }

        public int Count
        {
            get { return _data.Count; }
        }

        public virtual void Begin(bool write)
        {
            if (_open) throw new InvalidOperationException("nested transaction");
            _open = true;
            _write = write;
            _undo.Clear();
            Transactions++;
        }

        public virtual void Commit()
        {
            RequireOpen();
            _undo.Clear();
            _open = false;
        }

        public virtual void Rollback()
        {
            RequireOpen();
            for (int i = _undo.Count - 1; i >= 0; i--)
            {
                if (_undo[i].Value == null) _data.Remove(_undo[i].Key);
                else _data[_undo[i].Key] = _undo[i].Value;
            }
            _undo.Clear();
            _open = false;
            Rollbacks++;
        }

        public virtual byte[] Get(byte[] key)
        {
            RequireOpen();
            byte[] value;
            return _data.TryGetValue(key, out value) ? (byte[])value.Clone() : null;
        }

        public virtual void Put(byte[] key, byte[] value)
        {
            RequireWrite();
            byte[] old;
            _undo.Add(new KeyValuePair<byte[], byte[]>(key, _data.TryGetValue(key, out old) ? old : null));
            _data[key] = value;
        }

        public virtual void Remove(byte[] key)
        {
            RequireWrite();
            byte[] old;
            if (!_data.TryGetValue(key, out old)) return;
            _undo.Add(new KeyValuePair<byte[], byte[]>(key, old));
            _data.Remove(key);
        }

        public virtual IEnumerable<KeyValuePair<byte[], byte[]>> Scan(byte[] first, byte[] last)
        {
            RequireOpen();
            // A snapshot, so the engine may write while it reads the results.
            var hits = new List<KeyValuePair<byte[], byte[]>>();
            foreach (KeyValuePair<byte[], byte[]> pair in _data)
            {
                if (ByteArrayComparer.Instance.Compare(pair.Key, first) < 0) continue;
                if (last != null && ByteArrayComparer.Instance.Compare(pair.Key, last) >= 0) break;
                hits.Add(pair);
            }
            return hits;
        }

        // Every key and value, hex encoded, in order.
        public string Dump()
        {
            var b = new StringBuilder();
            foreach (KeyValuePair<byte[], byte[]> pair in _data)
                b.Append(BitConverter.ToString(pair.Key)).Append('=').Append(BitConverter.ToString(pair.Value)).Append('\n');
            return b.ToString();
        }

        private void RequireOpen()
        {
            if (!_open) throw new InvalidOperationException("no transaction is open");
        }

        private void RequireWrite()
        {
            RequireOpen();
            if (!_write) throw new InvalidOperationException("write in a read transaction");
        }
    }

    // A SortedStore that fails on demand.
    internal sealed class FlakyStore : SortedStore
    {
        public bool FailPuts;
        public int BusyBegins;
        public int BusyThrown;

        public override void Begin(bool write)
        {
            if (BusyBegins > 0)
            {
                BusyBegins--;
                BusyThrown++;
                throw new StoreBusyException("another till is writing");
            }
            base.Begin(write);
        }

        public override void Put(byte[] key, byte[] value)
        {
            if (FailPuts) throw new IOException("disk full (simulated)");
            base.Put(key, value);
        }
    }

    internal static partial class TallyTests
    {
        private const long T0 = 1767614400;  // 2026-01-05T12:00:00Z: setup
        private const long T1 = 1793631600;  // 2026-11-02T15:00:00Z: the visit

        private const string Raleigh =
            "{\"id\": \"raleigh\", \"name\": \"Tail Waggers Raleigh\", \"state\": \"NC\", " +
            "\"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\", \"master\": true}";
        private const string Enrollment =
            "{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", \"distributor\": \"eastern\", " +
            "\"account_number\": \"EPS-20417\"}";
        private const string Maria =
            "{\"id\": \"C1001\", \"first_name\": \"Maria\", \"last_name\": \"Alvarez\", " +
            "\"email\": \"maria.alvarez@example.com\", \"phone\": \"919-555-0142\", \"type\": \"pet_owner\", \"test\": false}";

        private const string Chicken4 = "084213101044";   // NorthPaw dog-small
        private const string Lamb4 = "084213102041";      // NorthPaw dog-small: an allowed reward
        private const string Chicken24 = "084213101242";  // NorthPaw dog-large: not allowed
        private const string NotInCatalog = "012345678905";

        // ---- Runner -------------------------------------------------------------------

        private static int Main(string[] args)
        {
            string filter = args.Length > 0 ? args[0] : null;
            int passed = 0, failed = 0;
            var methods = typeof(TallyTests).GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);
            Array.Sort(methods, (a, b) => a.MetadataToken.CompareTo(b.MetadataToken));
            foreach (MethodInfo m in methods)
            {
                if (m.GetCustomAttributes(typeof(TestAttribute), false).Length == 0) continue;
                if (filter != null && m.Name.IndexOf(filter, StringComparison.OrdinalIgnoreCase) < 0) continue;
                try
                {
                    m.Invoke(null, null);
                    Console.WriteLine("PASS " + m.Name);
                    passed++;
                }
                catch (TargetInvocationException e)
                {
                    Console.WriteLine("FAIL " + m.Name + ": " + e.InnerException);
                    failed++;
                }
                Collect();  // finalizers of anything a test left behind run between tests
            }
            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 && passed > 0 ? 0 : 1;
        }

        // ---- Assertions ---------------------------------------------------------------

        private static void Check(bool condition, string what)
        {
            if (!condition) throw new AssertionException(what);
        }

        private static void Equal<T>(T expected, T actual, string what)
        {
            if (!EqualityComparer<T>.Default.Equals(expected, actual))
                throw new AssertionException(what + ": expected <" + expected + ">, got <" + actual + ">");
        }

        private static T Throws<T>(Action action, string what) where T : Exception
        {
            try
            {
                action();
            }
            catch (T e)
            {
                return e;
            }
            catch (Exception e)
            {
                throw new AssertionException(what + ": expected " + typeof(T).Name + ", got " + e);
            }
            throw new AssertionException(what + ": expected " + typeof(T).Name + ", nothing was thrown");
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        private static string SourceDir()
        {
            string dir = Environment.GetEnvironmentVariable("TALLY_SOURCE_DIR");
            if (string.IsNullOrEmpty(dir)) throw new AssertionException("TALLY_SOURCE_DIR is not set");
            return dir;
        }

        private static string CatalogJson()
        {
            return File.ReadAllText(Path.Combine(SourceDir(), "examples", "data", "catalog.json"), Encoding.UTF8);
        }

        private static string TempPath(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "tally-csharp-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            return Path.Combine(dir, name);
        }

        // ---- The shared scenario --------------------------------------------------------

        private static void Setup(Engine e, Action between)
        {
            CatalogSummary summary = e.LoadCatalog(CatalogJson(), T0);
            Equal(17, summary.Programs, "programs loaded");
            Equal(39, summary.Products, "products loaded");
            between();
            e.SaveLocation(Raleigh, T0);
            Equal("raleigh", e.Location("raleigh").Id, "stored location");
            between();
            EnrollmentChange enrolled = e.Enroll(Enrollment, T0);
            Equal("eastern", enrolled.Enrollment.Distributor, "enrollment distributor");
            between();
            Equal("C1001", e.SaveCustomer(Maria, T0).Id, "stored customer");
            between();
        }

        // Ten 4 lb bags complete the dog-small card; the customer takes a Lamb 4 lb bag free.
        private static CheckoutResult RingVisit(Engine e, Action between, bool first)
        {
            using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-1001", T1))
            {
                c.SetMultiPunchReason("converting a paper card");
                between();
                Equal(10, c.AddLine(Chicken4, 10, 1899), "punches of ten bags");
                between();
                if (first)
                {
                    Equal(10, c.Punches().Count, "punches so far");
                    Reward reward = null;
                    foreach (Reward r in c.Rewards())
                        if (r.Program == "northpaw-fb" && r.Card == "dog-small") reward = r;
                    Check(reward != null, "the dog-small card waits for its reward");
                    var allowed = new List<string>();
                    foreach (AllowedItem item in reward.Allowed) allowed.Add(item.Upc);
                    Check(allowed.Contains(Lamb4), "Lamb 4 lb is an allowed item");
                    Check(!allowed.Contains(Chicken24), "a 24 lb bag is not allowed");
                    ItemNotAllowedException refused = Throws<ItemNotAllowedException>(
                        () => c.Redeem("northpaw-fb", "dog-small", Chicken24, 5499), "redeeming a 24 lb bag");
                    Equal((int)TallyStatus.ItemNotAllowed, refused.Code, "item_not_allowed code");
                    Check(refused is ConflictException, "item_not_allowed is a conflict");
                    between();
                }
                Equal(0, c.Redeem("northpaw-fb", "dog-small", Lamb4, 1899), "redemption index");
                between();
                return c.Finish();
            }
        }

        private static void SharedScenario(Engine e, Action between)
        {
            Setup(e, between);

            CheckoutResult result = RingVisit(e, between, true);
            Equal(false, result.Replayed, "first finish is not a replay");
            Equal(10, result.Punches.Count, "punches stored");
            Equal(1, result.Redemptions.Count, "redemptions stored");
            Equal(Lamb4, result.Redemptions[0].Upc, "redeemed item");
            between();

            Equal(0, e.Rewards("C1001", "raleigh").Count, "no reward left waiting");
            Check(e.Cards("C1001", true).Count >= 1, "the card is in the history");

            IReadOnlyList<CreditLine> all = e.CreditLines();
            string lines = LinesJson(e);
            Equal(1, all.Count, "one credit line");
            CreditLine line = all[0];
            Equal("new", line.State, "line state");
            Equal("eastern", line.Partner, "line partner");
            Equal("EPS-20417", line.AccountNumber, "line account number");
            Equal(Lamb4, line.Upc, "line item");
            Equal(1899L, line.UnitPrice, "line price");
            Equal(result.Redemptions[0].CreditLine, line.Id, "the redemption's line");
            Equal(1, e.CreditLines("new", "eastern").Count, "filtered credit lines");
            Equal(0, e.CreditLines("held", null).Count, "no held lines");
            Equal(line.Id, e.CreditLine(line.Id).Id, "credit line by id");
            between();

            // The same receipt again, in a new checkout: the first result, nothing changed.
            CheckoutResult again = RingVisit(e, between, false);
            Equal(true, again.Replayed, "second finish is a replay");
            Equal(lines, LinesJson(e), "credit lines after the replay");
            between();

            // The same receipt with other content is a conflict.
            using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-1001", T1))
            {
                c.AddLine(Chicken4, 1, 1899);
                ReceiptConflictException conflict = Throws<ReceiptConflictException>(() => c.Finish(), "a changed receipt");
                Equal((int)TallyStatus.ReceiptConflict, conflict.Code, "receipt_conflict code");
            }
            Equal(lines, LinesJson(e), "credit lines after the conflict");

            // The credit-status report shows the line; as CSV too.
            Report status = e.Report("free_goods_credit_status", "{\"location\": \"raleigh\"}", T1);
            Equal("free_goods_credit_status", status.Kind, "report kind");
            Equal(Lamb4, status.Partners[0].Manufacturers[0].Lines[0].Upc, "the report lists the redeemed item");
            string csv = e.ReportCsv("free_goods_credit_status", "{\"location\": \"raleigh\"}", T1);
            Check(csv.StartsWith("batch_id,line_id"), "CSV header: " + csv);
            Equal(lines, LinesJson(e), "credit lines after the reports");

            Equal("R-1001", e.CheckoutResult("raleigh", "R-1001").Receipt, "stored result");
            Check(e.Journal(0, 100).Count >= 5, "journal entries");
        }

        // The credit lines' document text, to compare stores before and after.
        private static string LinesJson(Engine e)
        {
            var b = new StringBuilder();
            foreach (CreditLine line in e.CreditLines()) b.Append(line.Json).Append('\n');
            return b.ToString();
        }

        private static void Nothing()
        {
        }

        // ---- Tests --------------------------------------------------------------------

        [Test]
        private static void Version()
        {
            // TALLY_VERSION: project(VERSION) of the build that made the library under test.
            string want = Environment.GetEnvironmentVariable("TALLY_VERSION");
            Equal(want, Engine.Version, "version");
            string[] parts = want.Split('.');
            Equal(int.Parse(parts[0]) * 10000 + int.Parse(parts[1]) * 100 + int.Parse(parts[2]), Engine.VersionNumber,
                  "version number");
            Equal("unknown_upc", Engine.StatusName(4), "status name");
        }

        [Test]
        private static void EveryStatusMapsToAnException()
        {
            foreach (TallyStatus s in Enum.GetValues(typeof(TallyStatus)))
            {
                if (s == TallyStatus.Ok) continue;
                TallyException e = TallyException.FromStatus((int)s, "m");
                Equal((int)s, e.Code, "code of " + s);
                Check(!string.IsNullOrEmpty(e.Name), "name of " + s);
                Equal("m", e.Message, "message of " + s);
                string expected = e.Name.Replace("_", "");
                Equal(expected, s.ToString().ToLowerInvariant(), "enum name matches tally_status_name");
            }
            Check(TallyException.FromStatus(4, "") is NotFoundException, "unknown_upc");
            Check(TallyException.FromStatus(2, "") is InvalidInputException, "malformed_json");
            Check(TallyException.FromStatus(12, "") is ConflictException, "receipt_conflict");
            Check(TallyException.FromStatus(14, "") is StorageBusyException, "storage_busy");
            Check(TallyException.FromStatus(13, "") is StorageException, "storage_failed");
            Check(TallyException.FromStatus(24, "") is StorageException, "storage_corrupt");
            Check(TallyException.FromStatus(18, "") is ConflictException, "item_not_allowed");
            Check(TallyException.FromStatus(19, "") is InvalidInputException, "reason_required");
            Check(TallyException.FromStatus(30, "") is ConflictException, "enrollment_denied");
            Check(TallyException.FromStatus(25, "") is UnsupportedException, "unsupported");
            Check(TallyException.FromStatus(99, "") is InternalException, "internal");
            TallyException unknown = TallyException.FromStatus(12345, "");
            Check(unknown.GetType() == typeof(TallyException), "an unknown code: " + unknown.GetType());
        }

        [Test]
        private static void SharedScenarioInMemory()
        {
            using (Engine e = Engine.OpenMemory())
                SharedScenario(e, Nothing);
        }

        [Test]
        private static void SharedScenarioOnSqlite()
        {
            string path = TempPath("tally.db");
            try
            {
                string lines;
                using (Engine e = Engine.OpenSqlite(path, "{\"synchronous\": \"normal\"}"))
                {
                    SharedScenario(e, Nothing);
                    lines = LinesJson(e);
                }
                using (Engine e = Engine.OpenSqlite(path))
                    Equal(lines, LinesJson(e), "credit lines after reopening");
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path), true);
            }
        }

        // The test suite's throw-away PostgreSQL server (ctest's postgres_server fixture writes
        // its connection string to TALLY_TEST_PG_CONNINFO_FILE), or TALLY_TEST_PG
        // ("unsupported": a libtally without PostgreSQL, whose refusal is checked instead).
        private static string TestConninfo()
        {
            string given = Environment.GetEnvironmentVariable("TALLY_TEST_PG");
            if (!string.IsNullOrEmpty(given)) return given;
            string file = Environment.GetEnvironmentVariable("TALLY_TEST_PG_CONNINFO_FILE");
            if (string.IsNullOrEmpty(file) || !File.Exists(file))
                throw new InvalidOperationException("no PostgreSQL server for the tests: run through ctest or set TALLY_TEST_PG");
            return File.ReadAllText(file).Trim();
        }

        [Test]
        private static void SharedScenarioOnPostgres()
        {
            if (Environment.GetEnvironmentVariable("TALLY_TEST_PG") == "unsupported")
            {
                // A libtally built without PostgreSQL (the Windows build, docs/windows.md).
                UnsupportedException none = Throws<UnsupportedException>(
                    () => Engine.OpenPostgres("postgresql://till@central/tally"), "a build without PostgreSQL");
                Check(none.Message.Contains("no PostgreSQL backend"), none.Message);
                return;
            }
            string options = "{\"account\": \"cs_" + System.Diagnostics.Process.GetCurrentProcess().Id + "\"}";
            string lines;
            using (Engine e = Engine.OpenPostgres(TestConninfo(), options))
            {
                SharedScenario(e, Nothing);
                lines = LinesJson(e);
            }
            using (Engine e = Engine.OpenPostgres(TestConninfo(), options))
                Equal(lines, LinesJson(e), "credit lines on a second connection");
            InvalidInputException bad = Throws<InvalidInputException>(() => Engine.OpenPostgres("nosuchoption=1"), "bad conninfo");
            Check(bad.Message.StartsWith("conninfo: "), bad.Message);
            StorageException down = Throws<StorageException>(() => Engine.OpenPostgres(TestConninfo() + " port=1"), "server down");
            Check(down.Message.Contains("cannot connect to PostgreSQL"), down.Message);
        }

        [Test]
        private static void RunCheckoutDocument()
        {
            using (Engine e = Engine.OpenMemory("{\"account\": \"store-42\"}"))
            {
                Setup(e, Nothing);
                string doc = "{\"location\": \"raleigh\", \"customer\": \"C1001\", \"receipt\": \"R-2\", " +
                             "\"at\": \"2026-11-02T15:00:00Z\", \"lines\": [{\"upc\": \"" + Chicken4 +
                             "\", \"quantity\": 1, \"unit_price\": 1899}]}";
                CheckoutResult result = e.RunCheckout(doc);
                Equal(1, result.Punches.Count, "punches");
                Equal(false, result.Replayed, "first run");
                Equal(true, e.RunCheckout(doc).Replayed, "second run");
                Equal(1, e.Cards("C1001").Count, "one open card");
            }
        }

        [Test]
        private static void CheckoutLineAsJsonAndUndo()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-3", T1))
                {
                    IReadOnlyList<Punch> punches = c.AddLineJson(
                        "{\"upc\": \"" + Chicken4 + "\", \"quantity\": 10, \"unit_price\": 1899}");
                    Equal(10, punches.Count, "punches of the JSON line");
                    c.SetMultiPunchReason("converting a paper card");
                    int index = c.Redeem("northpaw-fb", "dog-small", Lamb4, 1799);
                    c.UndoRedemption(index);
                    c.RedeemLater("northpaw-fb", "dog-small");
                    CheckoutResult result = c.Finish();
                    Equal(0, result.Redemptions.Count, "no redemption after the undo");
                }
                Equal(1, e.Rewards("C1001", "raleigh").Count, "the reward waits");
                Equal(0, e.CreditLines().Count, "no credit line");
            }
        }

        // The distributor batches the scenario's line and issues the memo; the store reconciles.
        [Test]
        private static void CreditLineLifecycle()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                RingVisit(e, Nothing, true);
                long lineId = e.CreditLines()[0].Id;
                string eastern = Actor.Distributor("eastern");

                Batch batch = e.PullBatch(eastern, "Week 45", new[] { "raleigh" }, null, T1);
                Equal("unfulfilled", batch.State, "a new batch");
                long batchId = batch.Id;
                Equal(1, batch.Lines.Count, "the line is in the batch");

                ConflictException wrong = Throws<ConflictException>(
                    () => e.ReconcileLine(eastern, lineId, T1), "a distributor reconciling");
                Equal((int)TallyStatus.WrongActor, wrong.Code, "wrong_actor");
                Throws<InvalidInputException>(() => e.PullBatch("{\"role\": \"king\"}", "x", null, null, T1), "a bad actor");
                Throws<NotFoundException>(() => e.Batch(999), "an unknown batch");

                e.FulfillBatch(eastern, batchId, "{\"number\": \"CM-1\", \"amount\": 1899, \"note\": \"\"}", T1);
                Equal("credited", e.CreditLine(lineId).State, "credited by the memo");
                Equal("reconciled", e.ReconcileLine(Actor.Retailer(), lineId, T1).State, "reconciled");
                Equal(batchId, e.Batches("eastern")[0].Id, "batches of eastern");
                Equal(batchId, e.Batch(batchId).Id, "batch by id");

                Report status = e.Report("free_goods_credit_status", "{\"location\": \"raleigh\"}", T1);
                Check(status.Totals.ContainsKey("reconciled"), "the report shows the reconciled line: " + status.Json);
                Equal(1, status.Totals["reconciled"].Lines, "one reconciled line");
                InvalidArgumentException kind = Throws<InvalidArgumentException>(
                    () => e.Report("nonsense", "{\"location\": \"raleigh\"}", T1), "an unknown report");
                Equal((int)TallyStatus.InvalidArgument, kind.Code, "invalid_argument");

                e.SetBillingFlag("raleigh", "card expired", T1);
                Check(e.CommandCenter("raleigh", T1).ActionNeeded.Billing.NeedsAction, "the Command Center");
                e.SetBillingFlag("raleigh", null, T1);
                e.SetCadence("raleigh", "weekly", "2026-11-02", T1);
                Equal("raleigh", e.BatchesDue("2026-11-09")[0].Location, "batches due");
            }
        }

        // Corrections: the int[] of split_card, undo of a redemption, merge.
        [Test]
        private static void Corrections()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                for (int i = 0; i < 2; i++)
                    using (Checkout c = e.OpenCheckout("raleigh", "C1001", "S-" + i, T1 + i * 86400))
                    {
                        c.AddLine(Chicken4, 1, 1899);
                        c.Finish();
                    }
                Card card = e.Cards("C1001")[0];
                Equal(2, card.Punches.Count, "two punches on the open card");
                IReadOnlyList<Card> split = e.SplitCard("C1001", card.Number, new[] { 1 }, T1 + 2 * 86400);
                Equal(2, split.Count, "the card kept and the new card");
                Equal(1, split[0].Punches.Count, "punches kept");
                Equal(1, split[1].Punches.Count, "punches moved");

                RingVisit(e, Nothing, true);
                CreditLine line = e.CreditLines()[0];
                Redemption undone = e.UndoRedemption(Actor.Retailer(), line.Redemption, null, null, false, T1);
                Equal(0L, undone.Id, "remove only: no new redemption");
                Equal("withdrawn", e.CreditLine(line.Id).State, "the line is withdrawn");

                e.SaveCustomer("{\"id\": \"C1001-dup\", \"first_name\": \"Maria\", \"last_name\": \"Alvarez\"}", T1);
                Equal("C1001", e.MergeCustomers("C1001", "C1001-dup", T1).Id, "the survivor");
                Throws<InvalidInputException>(() => e.MergeCustomers("C1001", "C1001", T1), "a merge with itself");
            }
        }

        // Offers at the till, auto-enrollment rules and adoption eligibility (the C test's catalog).
        [Test]
        private static void OffersAndPrograms()
        {
            const string catalog =
                "{\"manufacturers\": [{\"id\": \"acme\", \"name\": \"Acme Pet\"}]," +
                " \"distributors\": [{\"id\": \"east\", \"name\": \"Eastern\", \"states\": [\"VA\"]}]," +
                " \"products\": [{\"upc\": \"011111000018\", \"description\": \"Acme Chicken 4 lb\", \"manufacturer\": \"acme\", \"size\": \"4 lb\"}]," +
                " \"programs\": [{\"id\": \"acme-bogo\", \"name\": \"Acme BOGO\", \"kind\": \"offer\", \"manufacturer\": \"acme\"," +
                "   \"fulfillment\": \"distributor\", \"offer\": {\"type\": \"free_good\", \"start\": \"2026-11-01\"," +
                "   \"end\": \"2026-11-30\", \"buy_upcs\": [\"011111000018\"], \"reward_upcs\": [\"011111000018\"]}}]}";
            using (Engine e = Engine.OpenMemory())
            {
                e.LoadCatalog(catalog, T1);
                e.SaveLocation("{\"id\": \"va\", \"name\": \"Richmond\", \"state\": \"VA\", \"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\"}", T1);
                e.SaveCustomer("{\"id\": \"ann\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}", T1);
                int enrolled = e.AddAutoEnrollment("{\"id\": \"r1\", \"locations\": [\"va\"], \"manufacturer\": \"acme\"," +
                                                   " \"distributor\": \"east\", \"account_numbers\": {\"va\": \"E-1\"}}", T1);
                Equal(1, enrolled, "the rule enrolled va in the offer");
                Equal("r1", e.AutoEnrollments()[0].Id, "the rule is listed");
                Equal("E-1", e.AutoEnrollments()[0].AccountNumbers["va"], "its account number");
                using (Checkout c = e.OpenCheckout("va", "ann", "O1", T1))
                {
                    c.AddLine("011111000018", 1, 1450);
                    Offer offer = c.Offers()[0];
                    Equal("acme-bogo", offer.OfferId, "the offer applies");
                    Equal(1, offer.Available, "one reward to take");
                    Equal(0, c.RedeemOffer("acme-bogo", "011111000018"), "offer redemption index");
                    RewardNotAvailableException again = Throws<RewardNotAvailableException>(
                        () => c.RedeemOffer("acme-bogo", "011111000018", 1450), "a second redemption");
                    Equal((int)TallyStatus.RewardNotAvailable, again.Code, "reward_not_available");
                    Equal("offer", c.Finish().Redemptions[0].Kind, "the offer redemption is stored");
                }
                using (Checkout c = e.OpenCheckout("va", "ann", "O2", T1))
                {
                    c.AddLine("011111000018", 1, 1450);
                    c.DeclineOffer("acme-bogo");
                    c.Finish();
                }
                e.RemoveAutoEnrollment("r1", T1);
                Equal(0, e.AutoEnrollments().Count, "the rule is gone");
                AdoptionEligibility eligibility = e.AdoptionEligibility("ann", "va", "dog", "2026-10-30", "shelter", T1);
                Equal(false, eligibility.Eligible, "no email and phone: not eligible");
            }
        }

        // ---- Loyalty points ---------------------------------------------------------------
        // The sample catalog's "tail-points": a point per dollar of the visit's total (twice on
        // Saturdays), 25 a bag of salmon jerky; a bath for 150 points once in 30 days, a toy for
        // 250; the visit's own points pay from the next visit.

        private const string PointsProgram = "tail-points";
        private const string Jerky = "086342710067";

        private static PointsRewardStatus RewardOf(PointsStatus status, string rewardId)
        {
            foreach (PointsRewardStatus r in status.Rewards)
                if (r.RewardId == rewardId) return r;
            throw new AssertionException("no reward " + rewardId);
        }

        private static void PointsLife(Engine e)
        {
            Setup(e, Nothing);
            e.Enroll(EnrollmentOf(PointsProgram), T0);

            // Visit 1 (Monday): $42.97 and two bags of jerky: 42 + 50 points; nothing to pay with yet.
            CheckoutResult first;
            using (Checkout c = e.OpenCheckout("raleigh", "C1001", "P-1", T1))
            {
                c.AddLine(Chicken4, 1, 1899);
                c.AddLine(Jerky, 2, 1199);
                IReadOnlyList<PointsStatus> statuses = c.Points();
                Equal(1, statuses.Count, "one points program at Raleigh");
                PointsStatus status = statuses[0];
                Equal(PointsProgram + " Tail Waggers Points", status.Program + " " + status.Name, "the program");
                Equal("0 92 0 92", status.Balance + " " + status.Earned + " " + status.Redeemed + " " + status.BalanceAfter,
                      "balance, earned, redeemed, balance after");
                Equal(false, status.RedeemableSameDay, "no same-day redemption");
                Equal("bath,toy", string.Join(",", status.Rewards.Select(r => r.RewardId)), "the active rewards");
                PointsRewardStatus bath = RewardOf(status, "bath");
                Equal("Free self-wash bath 150 False 0", bath.Title + " " + bath.Points + " " + bath.Available + " " + bath.Taken,
                      "the bath at the till");
                Equal("insufficient_points", bath.Refusal, "why not");
                Check(bath.Reason.Contains("150"), "the reason: " + bath.Reason);
                InsufficientPointsException refused = Throws<InsufficientPointsException>(
                    () => c.RedeemPoints(PointsProgram, "bath"), "a bath with no points");
                Equal(31, refused.Code, "insufficient_points code");
                Equal("insufficient_points", refused.Name, "its name");
                Equal("points_redemptions[0].reward", refused.Field, "its field");
                Check(refused is ConflictException, "a conflict");
                first = c.Finish();
            }
            PointsActivity activity = first.Points.Single();
            Equal(PointsProgram + " 0 0 92 92", activity.Program + " " + activity.BalanceBefore + " " + activity.Expired + " " +
                  activity.Earned + " " + activity.Balance, "visit 1 in points");
            Equal(0, activity.Redeemed.Count, "nothing paid");
            Equal("dollars 42 19,23|jerky 50 0,50",
                  string.Join("|", activity.Events.Select(ev => ev.Event + " " + ev.Points + " " + string.Join(",", ev.LinePoints))),
                  "the earning events and each line's share");

            // Visit 2 (Tuesday): ten bags, 189 points; the 92 held cannot pay for the bath.
            using (Checkout c = e.OpenCheckout("raleigh", "C1001", "P-2", T1 + Day))
            {
                c.SetMultiPunchReason("converting a paper card");
                c.AddLine(Chicken4, 10, 1899);
                Throws<InsufficientPointsException>(() => c.RedeemPoints(PointsProgram, "bath"), "a bath for 92 points");
                Equal(281L, c.Points()[0].BalanceAfter, "the balance after visit 2");
                Equal(281L, c.Finish().Points[0].Balance, "stored");
            }

            // Visit 3 (Wednesday): the bath is paid (taken, undone, taken again); the toy costs
            // more than the 131 left; the visit's own 36 points come after.
            CheckoutResult third;
            using (Checkout c = e.OpenCheckout("raleigh", "C1001", "P-3", T1 + 2 * Day))
            {
                c.AddLine(Jerky, 1, 1199);
                int index = c.RedeemPoints(PointsProgram, "bath");
                Equal(0, index, "the first points redemption");
                PointsStatus status = c.Points()[0];
                Equal("281 150 167", status.Balance + " " + status.Redeemed + " " + status.BalanceAfter, "with the bath");
                Equal(1, RewardOf(status, "bath").Taken, "taken once");
                Equal("limit_reached", RewardOf(status, "bath").Refusal, "once in 30 days");
                c.UndoPointsRedemption(index);
                status = c.Points()[0];
                Equal(0L, status.Redeemed, "undone");
                Check(RewardOf(status, "bath").Available, "the bath is available again");
                Equal("", RewardOf(status, "bath").Refusal, "no refusal");
                c.RedeemPoints(PointsProgram, "bath");
                Throws<InsufficientPointsException>(() => c.RedeemPoints(PointsProgram, "toy"), "a toy for 131 points");
                Throws<LimitReachedException>(() => c.RedeemPoints(PointsProgram, "bath"), "a second bath");
                Throws<RewardNotAvailableException>(() => c.RedeemPoints(PointsProgram, "bandana"), "a switched-off reward");
                Throws<UnknownProgramException>(() => c.RedeemPoints("nope", "bath"), "no such program");
                third = c.Finish();
            }
            activity = third.Points.Single();
            Equal("281 36 167", activity.BalanceBefore + " " + activity.Earned + " " + activity.Balance, "visit 3 in points");
            PointsRewardTaken taken = activity.Redeemed.Single();
            Equal("bath Free self-wash bath 150", taken.RewardId + " " + taken.Title + " " + taken.Points, "the bath paid");
            Redemption redemption = third.Redemptions.Single();
            Equal(taken.Redemption, redemption.Id, "its redemption");
            Equal("points " + PointsProgram + " bath ", redemption.Kind + " " + redemption.Program + " " + redemption.Card + " " +
                  redemption.Upc, "a redemption of kind points");
            Equal(0L, redemption.CreditLine, "no credit line");

            // The ten bags come back: their 189 points go, 22 more than the customer holds.
            ReturnResult returned = e.ReturnItems("{\"location\": \"raleigh\", \"receipt\": \"P-2\", \"line\": 0, \"quantity\": 10, " +
                                                  "\"return_id\": \"RT-P\", \"at\": " + (T1 + 3 * Day) + "}");
            Equal(189L, returned.PointsReturned, "points returned");
            Equal(false, returned.Replayed, "a new return");

            // The balance as of the next day.
            CustomerPoints held = e.Points("C1001", "raleigh", T1 + 4 * Day).Single();
            Equal("C1001 " + PointsProgram + " Tail Waggers Points True", held.Customer + " " + held.Program + " " + held.Name + " " +
                  held.Active, "whose points");
            Equal("-22 22 0", held.Balance + " " + held.Debt + " " + held.Lots.Count, "a negative balance, no lot left");
            PointsRewardUse use = held.RewardsTaken.Single();
            Equal("bath 1", use.RewardId + " " + use.Count, "the rewards taken");

            // The history: every change of the balance, oldest first.
            IReadOnlyList<PointsHistoryEntry> history = e.PointsHistory("C1001", PointsProgram);
            Equal("1 earned 92 92 P-1|2 earned 189 281 P-2|3 redeemed -150 131 P-3|4 earned 36 167 P-3|5 returned -189 -22 P-2",
                  string.Join("|", history.Select(h => h.Number + " " + h.Kind + " " + h.Points + " " + h.Balance + " " + h.Receipt)),
                  "the history");
            Equal("bath " + taken.Redemption, history[2].RewardId + " " + history[2].Redemption, "the redeemed entry");
            Equal("RT-P 2026-11-05 raleigh", history[4].ReturnId + " " + history[4].BusinessDate + " " + history[4].Location,
                  "the returned entry");
            Equal(" 0", history[0].RewardId + " " + history[0].Redemption, "an earned entry has no reward");
            Equal(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), history[0].AtUtc, "at");
            Equal("4", string.Join(",", e.PointsHistory("C1001", PointsProgram, 3, 1).Select(h => h.Number)), "after 3, one");
            Equal("1,2,3,4,5", string.Join(",", e.EnumeratePointsHistory("C1001", PointsProgram, 0, 2).Select(h => h.Number)),
                  "page by page");
            Equal("5", string.Join(",", e.EnumeratePointsHistory("C1001", PointsProgram, 4).Select(h => h.Number)), "after 4");

            // The liability report: nothing left to spend at Raleigh, 22 points owed.
            Report liability = e.Report("points_liability", "{\"location\": \"raleigh\"}", T1 + 4 * Day);
            Equal("points_liability 2026-11-06 0", liability.Kind + " " + liability.AsOf + " " + liability.Points, "the report's head");
            PointsLiabilityRow row = liability.PointsLiability.Single();
            Equal(PointsProgram + " Tail Waggers Points 0 0 22 1", row.Program + " " + row.Name + " " + row.Points + " " + row.Customers +
                  " " + row.OwedPoints + " " + row.CustomersOwing, "the row");
            Equal(0, liability.Participation.Count, "not participation rows");

            // A whole visit as a document (Saturday): its points_redemptions are refused the same way.
            string visit = "{\"location\": \"raleigh\", \"customer\": \"C1001\", \"receipt\": \"P-4\", \"at\": " + (T1 + 5 * Day) +
                           ", \"lines\": [{\"upc\": \"" + Jerky + "\", \"quantity\": 1, \"unit_price\": 1199}], " +
                           "\"points_redemptions\": [{\"program\": \"" + PointsProgram + "\", \"reward\": \"toy\"}]}";
            Throws<InsufficientPointsException>(() => e.RunCheckout(visit), "a toy with a negative balance");
            Check(e.RunCheckouts(new[] { visit })[0].ToException() is InsufficientPointsException, "the same in a bulk finish");
            // Without it the visit earns; on a Saturday its dollars count twice (11 * 2 + 25),
            // and the new points pay the debt first.
            CheckoutResult plain = e.RunCheckout(visit.Replace("{\"program\": \"" + PointsProgram + "\", \"reward\": \"toy\"}", ""));
            activity = plain.Points.Single();
            Equal("dollars 22|jerky 25", string.Join("|", activity.Events.Select(ev => ev.Event + " " + ev.Points)), "Saturday");
            Equal("-22 47 25", activity.BalanceBefore + " " + activity.Earned + " " + activity.Balance, "the debt paid first");
            held = e.Points("C1001", "raleigh", T1 + 5 * Day).Single();
            Equal("25 0", held.Balance + " " + held.Debt, "the balance after the debt");
            PointsLot lot = held.Lots.Single();
            Equal("2026-11-07 raleigh 25 2027-11-07", lot.EarnedOn + " " + lot.Location + " " + lot.Points + " " + lot.ExpiresOn,
                  "the lot and its expiry");
        }

        // Manufacturers' vouchers: NorthPaw grants Raleigh free 4 lb bags; refused outside the
        // list and at another store, redeemed into a line at Eastern, used, expired, its item
        // changed while the line is new.
        [Test]
        private static void VouchersAtTheTill()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                string voucher = IssuedVoucher(e);
                string other = IssuedVoucher(e, "richmond");
                e.Enroll("{\"location\": \"raleigh\", \"program\": \"northpaw-samples\", \"distributor\": \"eastern\", " +
                         "\"account_number\": \"EPS-20417\"}", T1);
                Equal("pending", e.Voucher(voucher, T1).State, "issued");
                Equal(Chicken4 + " 084213102041", string.Join(" ", e.Voucher(voucher, T1).AllowedUpcs), "its list");
                Redemption taken;
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "VCH-1", T1))
                {
                    Equal(voucher, c.Vouchers().Single().Id, "usable at the till");
                    Throws<NotFoundException>(() => c.RedeemVoucher("NP-404", Chicken4, 1699), "unknown");
                    Equal("voucher_redemptions[0].upc",
                          Throws<ItemNotAllowedException>(() => c.RedeemVoucher(voucher, Chicken24, 4599), "outside the list").Field,
                          "the field");
                    Throws<WrongLocationException>(() => c.RedeemVoucher(other, Chicken4, 1699), "another store's");
                    Equal(0, c.RedeemVoucher(voucher, Chicken4, 1699), "its index");
                    taken = c.Finish().Redemptions.Single();
                }
                Equal("voucher " + voucher, taken.Kind + " " + taken.Card, "the redemption");
                Equal("new eastern", e.CreditLine(taken.CreditLine).State + " " + e.CreditLine(taken.CreditLine).Partner, "its line");
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "VCH-2", T1 + 60))
                    Throws<VoucherUsedException>(() => c.RedeemVoucher(voucher, Chicken4, 1699), "used");
                Voucher changed = e.ChangeVoucherItem(Actor.Retailer("raleigh"), voucher, "084213102041", T1 + 120, 1799);
                Equal("redeemed 084213102041 1799", changed.State + " " + changed.Upc + " " + changed.UnitPrice, "the item changed");
                Equal("withdrawn", e.CreditLine(taken.CreditLine).State, "the old line");
            }
        }

        [Test]
        private static void PointsAtTheTillInMemory()
        {
            using (Engine e = Engine.OpenMemory())
                PointsLife(e);
        }

        [Test]
        private static void PointsAtTheTillOnSqlite()
        {
            string path = TempPath("points.db");
            try
            {
                using (Engine e = Engine.OpenSqlite(path))
                    PointsLife(e);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path), true);
            }
        }

        [Test]
        private static void PointsArgumentsAreCheckedBeforeTheCall()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                e.Enroll(EnrollmentOf(PointsProgram), T0);
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "P-args", T1))
                {
                    Equal("rewardId", Throws<ArgumentNullException>(() => c.RedeemPoints(PointsProgram, null), "a null reward").ParamName,
                          "param");
                    Equal("programId", Throws<ArgumentException>(() => c.RedeemPoints("tail\0points", "bath"), "a NUL").ParamName, "param");
                }
                Equal("customerId", Throws<ArgumentNullException>(() => e.Points(null, "raleigh", T1), "a null customer").ParamName,
                      "param");
                Throws<ArgumentNullException>(() => e.PointsHistory("C1001", null), "a null program");
                Throws<ArgumentOutOfRangeException>(() => e.PointsHistory("C1001", PointsProgram, 0, -1), "a negative limit");
                Throws<ArgumentOutOfRangeException>(() => e.EnumeratePointsHistory("C1001", PointsProgram, 0, 0), "page 0, before enumerating");
                Throws<ArgumentNullException>(() => e.EnumeratePointsHistory(null, PointsProgram), "a null customer, before enumerating");
                Equal("", e.LastError, "the library was not called with a bad argument");
                // What the engine refuses.
                Equal("program", Throws<UnknownProgramException>(() => e.PointsHistory("C1001", "northpaw-fb"), "not a points program")
                    .Field, "field");
                Equal("after", Throws<InvalidArgumentException>(() => e.PointsHistory("C1001", PointsProgram, -1), "after -1").Field,
                      "field");
                Equal(0, e.PointsHistory("C1001", PointsProgram).Count, "no history yet");
            }
        }

        [Test]
        private static void Utf8RoundTrip()
        {
            using (Engine e = Engine.OpenMemory())
            {
                string name = "Zoë Ñandú 猫 🐕";
                Customer saved = e.SaveCustomer(
                    "{\"id\": \"C9\", \"first_name\": \"" + name + "\", \"last_name\": \"Ö\", \"email\": \"z@example.com\"}", T0);
                Equal(name, saved.FirstName, "saved name");
                Equal(name, e.Customer("C9").FirstName, "stored name");
            }
        }

        [Test]
        private static void UnknownUpcIsNotFound()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-4", T1))
                {
                    NotFoundException x = Throws<NotFoundException>(() => c.AddLine(NotInCatalog, 1, 999), "unknown UPC");
                    Equal(4, x.Code, "code");
                    Equal("unknown_upc", x.Name, "name");
                    Equal(TallyStatus.UnknownUpc, x.Status, "status");
                    Check(x.Message.Contains("upc"), "the message names upc: " + x.Message);
                    Check(e.LastError.Contains("upc") || e.LastError == "", "engine last error: " + e.LastError);
                    InvalidInputException q = Throws<InvalidInputException>(() => c.AddLine(Chicken4, 0, 999), "quantity 0");
                    Equal((int)TallyStatus.InvalidQuantity, q.Code, "invalid_quantity");
                    // A failed line is not kept: the checkout goes on.
                    Equal(1, c.AddLine(Chicken4, 1, 1899), "a good line after the refused ones");
                }
                Throws<NotFoundException>(() => e.Customer("nobody"), "unknown customer");
                Throws<NotFoundException>(() => e.Location("nowhere"), "unknown location");
            }
        }

        [Test]
        private static void MalformedJsonIsInvalidInput()
        {
            using (Engine e = Engine.OpenMemory())
            {
                InvalidInputException x = Throws<InvalidInputException>(
                    () => e.LoadCatalog("{\"products\": [", T0), "a truncated catalog");
                Equal((int)TallyStatus.MalformedJson, x.Code, "malformed_json");
                Check(x.Message.Length > 0, "a message");
                Throws<InvalidInputException>(() => e.SaveCustomer("not json", T0), "a customer that is not JSON");
                Throws<InvalidInputException>(() => Engine.OpenMemory("{\"account\":"), "malformed options");
                Equal(0, e.Locations().Count, "nothing stored");
            }
        }

        [Test]
        private static void DisposeOrderIsSafe()
        {
            Engine e = Engine.OpenMemory();
            Setup(e, Nothing);
            Checkout c = e.OpenCheckout("raleigh", "C1001", "R-5", T1);
            e.Dispose();  // the native engine stays open while the checkout lives
            Throws<ObjectDisposedException>(() => e.Catalog(), "a disposed engine");
            Equal(2, c.AddLine(Chicken4, 2, 1899), "the checkout still works");
            c.SetMultiPunchReason("two bags");
            Equal(false, c.Finish().Replayed, "finish after the engine was disposed");
            c.Dispose();
            c.Dispose();
            e.Dispose();
            Throws<ObjectDisposedException>(() => c.Punches(), "a disposed checkout");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void Abandon(IStore store)
        {
            Engine e = store == null ? Engine.OpenMemory() : Engine.OpenStore(store);
            Setup(e, Nothing);
            Checkout c = e.OpenCheckout("raleigh", "C1001", "R-6", T1);
            c.AddLine(Chicken4, 1, 1899);
            // Neither is disposed: the finalizers must free the checkout, then the engine.
        }

        [Test]
        private static void AbandonedHandlesAreFinalizedInOrder()
        {
            Abandon(null);
            Abandon(new SortedStore());
            Collect();
            Collect();
        }

        [Test]
        private static void CSharpStoreSurvivesGarbageCollection()
        {
            var store = new SortedStore();
            Action gc = Collect;
            using (Engine e = OpenStoreForGc(store))
            {
                gc();
                SharedScenario(e, gc);
                Check(!store.InTransaction, "no transaction left open");
                Check(store.Count > 0, "the engine wrote to the C# store");
            }
            Check(!store.InTransaction, "no transaction left open after closing");

            // The data lives in the C# store: a new engine on it (same account) sees it.
            using (Engine e = OpenStoreForGc(store))
            {
                gc();
                Equal(1, e.CreditLines().Count, "credit lines read back from the C# store");
                Equal(true, RingVisit(e, gc, false).Replayed, "replay on a new engine");
            }
        }

        // No local of the caller refers to the adapter or its delegates: only the engine does.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Engine OpenStoreForGc(IStore store)
        {
            return Engine.OpenStore(store, "{\"account\": \"gc-test\"}");
        }

        [Test]
        private static void StoreFailureIsStorageExceptionAndChangesNothing()
        {
            var store = new FlakyStore();
            using (Engine e = Engine.OpenStore(store))
            {
                Setup(e, Nothing);
                string before = store.Dump();
                int rollbacks = store.Rollbacks;
                store.FailPuts = true;

                StorageException x = Throws<StorageException>(
                    () => e.SaveCustomer("{\"id\": \"C2\", \"first_name\": \"A\", \"last_name\": \"B\"}", T0),
                    "a put that throws");
                Equal((int)TallyStatus.StorageFailed, x.Code, "storage_failed");
                Equal("storage_failed", x.Name, "name");
                Check(x.Message.Contains("disk full"), "the store's message is kept: " + x.Message);
                Check(!(x is StorageBusyException), "not busy");
                Check(store.Rollbacks > rollbacks, "the engine rolled back");

                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-7", T1))
                {
                    c.AddLine(Chicken4, 1, 1899);
                    Throws<StorageException>(() => c.Finish(), "a finish whose puts throw");
                }
                Check(!store.InTransaction, "no transaction left open");
                Equal(before, store.Dump(), "the store is unchanged");

                store.FailPuts = false;
                Equal("C2", e.SaveCustomer("{\"id\": \"C2\", \"first_name\": \"A\", \"last_name\": \"B\"}", T0).Id,
                      "the engine works again");
            }
        }

        [Test]
        private static void BusyStoreIsRetriedThenStorageBusy()
        {
            var store = new FlakyStore();
            using (Engine e = Engine.OpenStore(store, "{\"busy_retries\": 3}"))
            {
                Setup(e, Nothing);
                store.BusyBegins = 2;
                Equal("C1001", e.Customer("C1001").Id, "read after two busy answers");
                Equal(2, store.BusyThrown, "busy answers");

                store.BusyBegins = 1000;
                StorageBusyException x = Throws<StorageBusyException>(() => e.Customer("C1001"), "a store that stays busy");
                Equal((int)TallyStatus.StorageBusy, x.Code, "storage_busy");
                Check(x is StorageException, "busy is a storage exception");
                store.BusyBegins = 0;
                Equal("C1001", e.Customer("C1001").Id, "read when the store is free");
            }
        }
    }
}
