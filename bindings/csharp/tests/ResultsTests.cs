// SPDX-License-Identifier: Apache-2.0
// Typed results and typed errors: one store's life on memory, SQLite and a C# store (with
// a garbage collection in every transaction) returns every result class; every status code
// of include/tally/status_codes.def has its exception class under its family, and the
// engine's codes are provoked on memory and SQLite; documents missing a field are refused
// naming it; the JSON reader; the iterators; the checks made before the C call.
using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Tally.Tests
{
    internal static partial class TallyTests
    {
        private const long Day = 86400;
        private const string OceanFish15 = "086342410158";  // Harbor Hound: punches its card, qualifies for the BOGO
        private const string SalmonJerky = "086342710067";  // a reward of the BOGO
        private const string ThistleTreat = "089101810053"; // the retailer-fulfilled tracking program (buy 6)
        private const string Puppy4 = "084213103048";       // a kibble of the adoption bundle
        private const string Bogo = "harbor-hound-treat-bogo";
        private const string Adoption =
            "{\"species\": \"dog\", \"adoption_date\": \"2026-10-20\", \"source\": \"shelter\", " +
            "\"upcs\": [\"" + Puppy4 + "\"], \"unit_prices\": [1749]}";

        // ---- examples/data/stores.json ----------------------------------------------------

        private static JsonValue Stores()
        {
            return JsonReader.Parse(File.ReadAllText(Path.Combine(SourceDir(), "examples", "data", "stores.json"), Encoding.UTF8));
        }

        // The text of the first element of stores.json's `list` whose fields have these values.
        private static string Find(string list, params string[] keyValues)
        {
            foreach (JsonValue item in Stores().Member(list).Items)
            {
                bool all = true;
                for (int i = 0; i < keyValues.Length; i += 2)
                {
                    JsonValue v = item.Member(keyValues[i]);
                    all &= v != null && v.Kind == JsonKind.String && v.StringValue == keyValues[i + 1];
                }
                if (all) return item.Text;
            }
            throw new AssertionException("no " + list + " with " + string.Join(",", keyValues));
        }

        private static string EnrollmentOf(string program)
        {
            return Find("enrollments", "location", "raleigh", "program", program);
        }

        private static Checkout Visit(Engine e, string receipt = "R-err", string customer = "C1001", long at = T1)
        {
            Checkout c = e.OpenCheckout("raleigh", customer, receipt, at);
            c.SetMultiPunchReason("converting a paper card");
            return c;
        }

        // ---- One store's life through every call that answers a document -----------------

        private static List<object> StoreLife(Engine e)
        {
            var seen = new List<object>();
            Func<object, object> keep = v => { seen.Add(v); return v; };
            JsonValue data = Stores();

            var summary = (CatalogSummary)keep(e.LoadCatalog(CatalogJson(), T1));
            var catalog = (Catalog)keep(e.Catalog());
            Equal(summary.Products, catalog.Products.Count, "products");
            Program northpaw = catalog.Programs.First(p => p.Id == "northpaw-fb");
            Equal(10, northpaw.Cards.First(c => c.Id == "dog-small").BuyN, "buy_n");
            Equal("NC", catalog.Distributors.First(d => d.Id == "eastern").States[0], "eastern serves NC");

            e.SaveLocation(Find("locations", "id", "raleigh"), T1);
            keep(e.Location("raleigh"));
            keep(e.Locations());
            foreach (JsonValue enrollment in data.Member("enrollments").Items)
            {
                if (enrollment.Member("location").StringValue != "raleigh") continue;
                if (enrollment.Member("program").StringValue == "whisker-wren-rebate") continue;  // ended
                var change = (EnrollmentChange)keep(e.Enroll(enrollment.Text, T1));
                Check(change.Enrollment != null, "the enrollment");
            }
            keep(e.Enrollments("raleigh"));
            var approved = (Enrollment)keep(e.ReviewEnrollment(Actor.Manufacturer("prairie-table"), "raleigh",
                                                               "prairie-table-breeder", true, T1));
            Equal("approved", approved.Status, "approved");
            var customer = (Customer)keep(e.SaveCustomer(Find("customers", "id", "C1001"), T1));
            Check(customer.Json.Contains("\"C1001\""), "the customer's JSON");
            Equal(1773504000L, customer.AppSince, "app_since (2026-03-14T16:00:00Z) in Unix seconds");
            keep(e.Customer("C1001"));
            Check(e.AddAutoEnrollment(data.Member("auto_enrollments").Items[0].Text, T1) > 0, "the rule enrolled");
            var rules = (IReadOnlyList<AutoEnrollment>)keep(e.AutoEnrollments());
            Equal("EPS-20417", rules[0].AccountNumbers["raleigh"], "the rule's account number");

            // Visit 1: ten bags complete a card (its reward waits), a forced exception, the BOGO.
            CheckoutResult first;
            using (Checkout visit = Visit(e, "R-1"))
            {
                Equal(10, visit.AddLine(Chicken4, 10, 1899), "ten punches");
                keep(visit.AddLineJson("{\"upc\": \"" + NotInCatalog + "\", \"quantity\": 1, \"unit_price\": 999, " +
                                       "\"exception\": {\"program\": \"northpaw-fb\", \"card\": \"dog-large\", \"reason\": \"new UPC\"}}"));
                visit.AddLine(OceanFish15, 1, 4699);
                keep(visit.Punches());
                keep(visit.Rewards());
                // tail-points: what the basket earns, nothing to spend yet.
                var points = (IReadOnlyList<PointsStatus>)keep(visit.Points());
                Equal("insufficient_points", points.Single().Rewards.First(r => r.RewardId == "bath").Refusal, "the bath waits");
                var offers = (IReadOnlyList<Offer>)keep(visit.Offers());
                Offer offer = offers.First(o => o.OfferId == Bogo);
                Equal(SalmonJerky, offer.RewardItems[0].Upc, "the BOGO's reward");
                visit.RedeemOffer(offer.OfferId, SalmonJerky, 1199);
                first = (CheckoutResult)keep(visit.Finish());
            }
            Equal(1, first.RewardsWaiting.Count, "a reward waits");
            Equal("new UPC", first.Lines[1].Exception.Reason, "the exception's reason");
            Equal("dog-large", first.Lines[1].Exception.Card, "the exception's card");
            Equal(T1, first.At, "at");
            Equal(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), first.AtUtc, "at as a DateTimeOffset");
            keep(e.Cards("C1001"));
            keep(e.Rewards("C1001", "raleigh"));

            // Visit 2: the waiting reward; six treats of the retailer-fulfilled program, then its
            // reward; a points reward paid with the points of visit 1.
            long at = T1 + Day;
            CheckoutResult second;
            using (Checkout visit = Visit(e, "R-2", "C1001", at))
            {
                visit.Redeem("northpaw-fb", "dog-small", Chicken4);
                visit.AddLine(ThistleTreat, 6, 699);
                Reward treats = visit.Rewards().First(r => r.Program == "thistle-bone-tracking");
                visit.Redeem(treats.Program, treats.Card, treats.Allowed[0].Upc);
                visit.RedeemPoints("tail-points", "bath");
                second = (CheckoutResult)keep(visit.Finish());
            }
            Equal("bath", second.Points.Single().Redeemed.Single().RewardId, "the bath paid");
            keep(e.CheckoutResult("raleigh", "R-2"));
            string r3 = "{\"location\": \"raleigh\", \"customer\": \"C1001\", \"receipt\": \"R-3\", \"at\": " + (at + 60) +
                        ", \"lines\": [{\"upc\": \"" + Chicken4 + "\", \"quantity\": 1, \"unit_price\": 1899}]}";
            keep(e.RunCheckout(r3));
            // A bulk finish: R-3 again (answered as stored), a new receipt, one the engine refuses.
            var bulk = (IReadOnlyList<CheckoutOutcome>)keep(e.RunCheckouts(new[] {
                r3, r3.Replace("\"R-3\"", "\"R-3b\""), r3.Replace("\"R-3\"", "\"R-3c\"").Replace("\"C1001\"", "\"nobody\"") }));
            Equal("True,True,False", string.Join(",", bulk.Select(o => o.Ok.ToString())), "outcomes");
            Check(bulk[0].Result.Replayed && !bulk[1].Result.Replayed, "replayed, then new");
            Equal(null, bulk[0].ToException(), "no exception when ok");
            Equal(null, bulk[2].Result, "no result when refused");
            Equal("unknown_customer", bulk[2].Name, "the refusal's name");
            Check(bulk[2].ToException() is UnknownCustomerException, "the refusal's exception: " + bulk[2].ToException());
            Equal(bulk[2].Message, bulk[2].ToException().Message, "the refusal's message");
            keep(e.ReturnItems("{\"location\": \"raleigh\", \"receipt\": \"R-3\", \"line\": 0, \"quantity\": 1, " +
                               "\"return_id\": \"RT-1\", \"at\": " + (at + 120) + "}"));
            var held = (IReadOnlyList<CustomerPoints>)keep(e.Points("C1001", "raleigh", at + 120));
            Equal("bath 1", held.Single().RewardsTaken.Single().RewardId + " " + held.Single().RewardsTaken.Single().Count, "rewards taken");
            Check(held.Single().Lots.Count > 0, "lots");
            var history = (IReadOnlyList<PointsHistoryEntry>)keep(e.PointsHistory("C1001", "tail-points"));
            Equal(held.Single().Balance, history.Last().Balance, "the history ends at the balance");
            var eligibility = (AdoptionEligibility)keep(e.AdoptionEligibility("C1001", "raleigh", "dog", "2026-10-20", "shelter", at));
            Check(eligibility.Eligible, "eligible for the bundle");
            keep(e.Cards("C1001", true));

            // Credit lines: the distributor batches its lines, declines one, credits the rest.
            IEnumerable<CreditLine> lazy = e.EnumerateCreditLines();
            var lines = (List<CreditLine>)keep(lazy.ToList());
            Equal("distributor,retailer", string.Join(",", lines.Select(l => l.Fulfillment).Distinct().OrderBy(x => x)),
                  "fulfillments");
            at = T1 + 2 * Day;
            string eastern = Actor.Distributor("eastern");
            var batch = (Batch)keep(e.PullBatch(eastern, "Week 45", new[] { "raleigh" }, null, at));
            Equal(2, batch.Lines.Count, "two lines batched");
            var declined = (CreditLine)keep(e.DeclineLine(eastern, batch.Lines[0], "wrong_account_number", "no such account", at));
            Equal("declined", declined.History[declined.History.Count - 1].State, "the last step");
            keep(e.FulfillBatch(eastern, batch.Id, "{\"number\": \"CM-1\", \"amount\": 1899, \"note\": \"\"}", at + 60));
            keep(e.ReconcileLine(Actor.Retailer(), batch.Lines[1], at + 120));
            keep(e.CreditLine(batch.Lines[1]));
            keep(e.Batch(batch.Id));
            keep(e.Batches("eastern"));
            e.SetCadence("raleigh", "weekly", "2026-11-02", at);
            keep(e.BatchesDue("2026-11-09"));
            var retailer = (Batch)keep(e.CreateRetailerBatch(Actor.Retailer(), "November", new[] { "raleigh" }, at));
            Equal("retailer", retailer.Kind, "a retailer batch");
            e.SetBillingFlag("raleigh", "card on file expired", at);

            // Coupons: NorthPaw thanks C1001, who bought its food (an unknown customer is
            // refused); the till lists the coupon and redeems it.
            var issued = (CouponIssueResult)keep(e.IssueCoupons(Actor.Manufacturer("northpaw"),
                "{\"manufacturer\": \"northpaw\", \"kind\": \"thank_you\", \"value\": 200, \"starts_on\": \"2026-11-01\", " +
                "\"ends_on\": \"2026-11-30\", \"customers\": [\"C1001\", \"C-nobody\"]}", at));
            Equal("unknown_customer", issued.Refused.Single().Refusal, "the unknown customer refused");
            using (Checkout visit = e.OpenCheckout("raleigh", "C1001", "R-coupon", at + 30))
            {
                var statuses = (IReadOnlyList<CouponStatus>)keep(visit.Coupons());
                Check(statuses.Single().Usable, "the coupon is usable at the till");
                Equal(0, visit.RedeemCoupon(issued.Issued[0].Id), "its index");
                visit.UndoCouponRedemption(0);
                visit.RedeemCoupon(issued.Issued[0].Id);
                Equal("coupon", ((CheckoutResult)keep(visit.Finish())).Redemptions.Last().Kind, "a coupon redemption");
            }
            var redeemed = (Coupon)keep(e.Coupon(issued.Issued[0].Id));
            Equal("redeemed R-coupon", redeemed.Status + " " + redeemed.Receipt, "the coupon redeemed");
            Equal(0, e.Coupons("C1001").Count, "nothing left to redeem");
            keep(e.Coupons("C1001", true));
            e.SetCouponOptOut("raleigh", "northpaw", true, at);
            e.SetCouponOptOut("raleigh", "northpaw", false, at);

            // Reports and the Command Center.
            const string query = "{\"location\": \"raleigh\", \"from\": \"2026-11-02\", \"to\": \"2026-11-04\"}";
            foreach (string kind in new[] { "free_goods_credit_status", "retailer_credit_batches", "redemptions_by_date",
                                            "participation", "transactions" })
            {
                var report = (Report)keep(e.Report(kind, query, at));
                Equal(kind + " 2026-11-02 2026-11-04", report.Kind + " " + report.From + " " + report.To, "the report's head");
            }
            var liability = (Report)keep(e.Report("points_liability", "{\"location\": \"raleigh\", \"to\": \"2026-11-04\"}", at));
            Equal("2026-11-04 tail-points", liability.AsOf + " " + liability.PointsLiability[0].Program, "the liability report");
            Check(e.ReportCsv("transactions", query, at).StartsWith("date,"), "transactions as CSV");
            var center = (CommandCenter)keep(e.CommandCenter("raleigh", at));
            Check(center.ActionNeeded.Billing.NeedsAction, "the billing flag needs action");
            Equal(declined.Id, center.ActionNeeded.DeclinedCredits.FreeGoods.Lines[0].Id, "the declined line");
            Equal("harbor-hound-fb", center.ActionNeeded.TemporaryHolding.Programs[0].Program, "the held program");

            // Manufacturers' vouchers: the sample catalog's northpaw-samples, issued and read back.
            var vouchers = (IReadOnlyList<Voucher>)keep(e.IssueVouchers(Actor.Manufacturer("northpaw"),
                "{\"program\": \"northpaw-samples\", \"location\": \"raleigh\", \"ids\": [\"NP-1\"], \"expires\": \"2026-11-30\"}", at));
            Equal("NP-1 pending", vouchers.Single().Id + " " + vouchers.Single().State, "the voucher issued");
            keep(e.Vouchers("raleigh", at));
            Equal("2026-11-30", ((Voucher)keep(e.Voucher("NP-1", at))).Expires, "read back");

            // The journal, page by page.
            var journal = (List<JournalEntry>)keep(e.EnumerateJournal(0, 3).ToList());
            IReadOnlyList<JournalEntry> once = e.Journal(0, journal.Count);
            Equal(string.Join(",", once.Select(j => j.Seq)), string.Join(",", journal.Select(j => j.Seq)), "pages and one call");
            Check(journal.Select(j => j.Seq).Distinct().Count() == journal.Count, "no entry twice");
            JournalEntry checkout = journal.First(j => j.Kind.StartsWith("checkout"));
            Check(checkout.DocumentAs<CheckoutResult>().Receipt.StartsWith("R-"), "a checkout entry's document: " + checkout.DocumentJson);
            Check(checkout.Json.Contains(checkout.DocumentJson), "the entry's JSON holds its document");
            return seen;
        }

        // Every result in `value`, nested ones too.
        private static void Walk(object value, List<Result> into)
        {
            if (value == null || value is string) return;
            var result = value as Result;
            if (result != null)
            {
                into.Add(result);
                foreach (PropertyInfo p in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                    if (p.GetIndexParameters().Length == 0) Walk(p.GetValue(value, null), into);
                return;
            }
            var items = value as IEnumerable;
            if (items != null)
            {
                foreach (object item in items)
                {
                    Type t = item == null ? null : item.GetType();
                    if (t != null && t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                        Walk(t.GetProperty("Value").GetValue(item, null), into);
                    else
                        Walk(item, into);
                }
            }
        }

        private static IEnumerable<Type> ResultClasses()
        {
            return typeof(Result).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Result)) && !t.IsAbstract);
        }

        private static void CheckEveryResultClass(Engine e)
        {
            var made = new List<Result>();
            Walk(StoreLife(e), made);
            foreach (Result r in made)
            {
                Check(r.Json.StartsWith("{") && r.Json.EndsWith("}"), "the JSON of a " + r.GetType().Name);
                Equal(r.Json, r.ToString(), "ToString is the JSON");
                // Every class reads back from its own text.
                MethodInfo parse = typeof(Result).GetMethod("Parse").MakeGenericMethod(r.GetType());
                Equal(r.Json, ((Result)parse.Invoke(null, new object[] { r.Json })).Json, "parsed again");
            }
            var missing = ResultClasses().Select(t => t.Name).Except(made.Select(r => r.GetType().Name)).OrderBy(n => n);
            Equal("", string.Join(", ", missing), "result classes no call returned");
        }

        [Test]
        private static void EveryResultClassInMemory()
        {
            using (Engine e = Engine.OpenMemory())
                CheckEveryResultClass(e);
        }

        [Test]
        private static void CashBackAndPassFieldsAreTyped()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                e.Enroll(EnrollmentOf("treat-cash"), T0);
                e.Enroll(EnrollmentOf("day-camp"), T0);
                for (int day = 0; day < 5; day++)  // Thistle & Bone duck jerky: its own 10%
                    using (Checkout c = e.OpenCheckout("raleigh", "C1001", "T-" + day, T1 + day * Day))
                    {
                        c.AddLine(ThistleTreat, 1, 1099);
                        c.Finish();
                    }
                Card card = e.Cards("C1001").First(c => c.Program == "treat-cash");
                Equal(545L, card.CashBack, "the card's cash back");
                Equal(109L, card.Punches[0].CashBack, "a punch's cash back");
                Equal((int?)null, card.PassUsesLeft, "not a pass");
                Reward waiting = e.Rewards("C1001", "raleigh").First(r => r.Program == "treat-cash");
                Equal((long?)545, waiting.CashBack, "the reward's cash back");
                Equal(0, waiting.Allowed.Count, "no item to choose");
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "T-pay", T1 + 6 * Day))
                {
                    c.Redeem("treat-cash", "treats", "");
                    Redemption paid = c.Finish().Redemptions[0];
                    Equal("cash_back", paid.Kind, "kind");
                    Equal(545L, paid.UnitPrice, "paid out");
                }
                ReturnResult back = e.ReturnItems("{\"location\": \"raleigh\", \"receipt\": \"T-0\", \"line\": 0, " +
                                                  "\"quantity\": 1, \"return_id\": \"RT-T0\", \"at\": " + (T1 + 7 * Day) + "}");
                Equal(109L, back.CashBackTaken, "taken back");
                Equal(109L, e.Cards("C1001").First(c => c.Program == "treat-cash").CashBackDebt, "owed");

                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "C-0", T1 + 8 * Day))
                {
                    c.AddLine("400000100203", 1, 29900);
                    Equal(0, c.UsePass("day-camp", "camp-10", 2), "the use's index");
                    Equal((int?)8, c.Rewards().First(r => r.Program == "day-camp").PassUsesLeft, "uses left at the till");
                    c.Finish();
                }
                Equal((int?)8, e.Cards("C1001").First(c => c.Program == "day-camp").PassUsesLeft, "the pass's uses left");
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "C-1", T1 + 9 * Day))
                    Equal("pass_uses[0]", Throws<PassUsedUpException>(() => c.UsePass("day-camp", "camp-10", 9), "nine of eight").Field, "field");
            }
        }

        [Test]
        private static void EveryResultClassOnSqlite()
        {
            string path = TempPath("life.db");
            try
            {
                using (Engine e = Engine.OpenSqlite(path))
                    CheckEveryResultClass(e);
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(path), true);
            }
        }

        // A store that collects garbage and runs the finalizers at every transaction, so the
        // GC runs while native code is on the stack, between every call the engine makes.
        private sealed class CollectingStore : SortedStore
        {
            public int Collections;

            public override void Begin(bool write)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Collections++;
                base.Begin(write);
            }
        }

        [Test]
        private static void EveryResultClassOnACSharpStoreWithGarbageCollection()
        {
            var store = new CollectingStore();
            using (Engine e = OpenStoreForGc(store))
                CheckEveryResultClass(e);
            Check(store.Collections > 50, "collections: " + store.Collections);
            Check(!store.InTransaction, "no transaction left open");
        }

        // ---- Errors ----------------------------------------------------------------------

        private static readonly Dictionary<string, Type> Families = new Dictionary<string, Type>
        {
            { "invalid_input", typeof(InvalidInputException) },
            { "not_found", typeof(NotFoundException) },
            { "conflict", typeof(ConflictException) },
            { "storage", typeof(StorageException) },
            { "storage_busy", typeof(StorageBusyException) },
            { "unsupported", typeof(UnsupportedException) },
            { "internal", typeof(InternalException) },
        };

        // (number, name, family) of include/tally/status_codes.def.
        private static List<Tuple<int, string, string>> StatusCodes()
        {
            string def = File.ReadAllText(Path.Combine(SourceDir(), "include", "tally", "status_codes.def"));
            var codes = new List<Tuple<int, string, string>>();
            foreach (Match m in Regex.Matches(def, @"^TALLY_STATUS\((\d+), (\w+), (\w+), ""[^""]*""\)$", RegexOptions.Multiline))
                codes.Add(Tuple.Create(int.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value));
            Check(codes.Count >= 30, "status codes read: " + codes.Count);
            return codes;
        }

        private static string Pascal(string name)
        {
            return string.Concat(name.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        [Test]
        private static void EveryCodeOfStatusCodesDefHasItsClass()
        {
            var enumValues = new List<string>();
            foreach (TallyStatus s in Enum.GetValues(typeof(TallyStatus))) enumValues.Add((int)s + " " + s);
            List<Tuple<int, string, string>> codes = StatusCodes();
            Equal(string.Join(", ", codes.Select(c => c.Item1 + " " + Pascal(c.Item2))), string.Join(", ", enumValues),
                  "TallyStatus is status_codes.def");
            var used = new HashSet<Type>();
            foreach (Tuple<int, string, string> code in codes)
            {
                Equal(code.Item2, Engine.StatusName(code.Item1), "tally_status_name(" + code.Item1 + ")");
                if (code.Item3 == "ok") continue;
                TallyException e = TallyException.FromStatus(code.Item1, "lines[0].upc: a message");
                Equal(Pascal(code.Item2) + "Exception", e.GetType().Name, "the class of " + code.Item2);
                Check(Families[code.Item3].IsAssignableFrom(e.GetType()), code.Item2 + " is a " + Families[code.Item3].Name);
                foreach (KeyValuePair<string, Type> other in Families)
                    if (other.Value.IsAssignableFrom(e.GetType()) && other.Value != typeof(StorageException))
                        Equal(code.Item3, other.Key, code.Item2 + " is in one family only");
                Equal(code.Item1, e.Code, "code");
                Equal(code.Item2, e.Name, "name");
                Equal("lines[0].upc: a message", e.Message, "message");
                Equal("lines[0].upc", e.Field, "field");
                Equal(code.Item1, (int)e.Status, "status");
                used.Add(e.GetType());
            }
            // No class is left without a code.
            var classes = typeof(TallyException).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TallyException)));
            var unused = classes.Where(t => !used.Contains(t) && !Families.ContainsValue(t)).Select(t => t.Name);
            Equal("", string.Join(", ", unused), "exception classes of no code");
            TallyException future = TallyException.FromStatus(12345, "");
            Check(future.GetType() == typeof(TallyException), "a code newer than the binding: " + future.GetType());
            Equal(null, future.Field, "no field");
        }

        [Test]
        private static void FieldIsTheMessagesPrefix()
        {
            Equal("lines[0].exception.reason", TallyException.FieldOf("lines[0].exception.reason: is required"), "nested");
            Equal("customer", TallyException.FieldOf("customer: no such customer"), "plain");
            Equal(null, TallyException.FieldOf("cannot connect to PostgreSQL: refused"), "words");
            Equal(null, TallyException.FieldOf("[2]location: is required"), "an index first");
            Equal(null, TallyException.FieldOf(""), "empty");
            Equal(null, TallyException.FieldOf(null), "null");
        }

        private static void ReceiptConflict(Engine e)
        {
            using (Checkout c = Visit(e)) { c.AddLine(Chicken4, 1, 1899); c.Finish(); }
            using (Checkout c = Visit(e)) { c.AddLine(Lamb4, 1, 1899); c.Finish(); }
        }

        private static void LimitReached(Engine e)
        {
            e.Enroll(EnrollmentOf(Bogo), T0);
            using (Checkout c = Visit(e))
            {
                c.AddLine(OceanFish15, 3, 4699);
                for (int i = 0; i < 3; i++) c.RedeemOffer(Bogo, SalmonJerky, 1199);  // two per customer
            }
        }

        private static void InvalidPrice(Engine e)
        {
            e.Enroll(EnrollmentOf(Bogo), T0);
            using (Checkout c = Visit(e))
            {
                c.AddLine(OceanFish15, 1, 4699);
                c.RedeemOffer(Bogo, SalmonJerky);  // never sold here: no last known price
            }
        }

        private static void CustomerDataMissing(Engine e)
        {
            e.Enroll(EnrollmentOf("shelter-start"), T0);
            e.SaveCustomer("{\"id\": \"C-min\", \"first_name\": \"Ann\", \"last_name\": \"Lee\"}", T0);
            using (Checkout c = Visit(e, "R-err", "C-min")) c.RedeemAdoption(Adoption);
        }

        private static void NotEligible(Engine e)
        {
            e.Enroll(EnrollmentOf("shelter-start"), T0);
            using (Checkout c = Visit(e)) { c.RedeemAdoption(Adoption); c.Finish(); }
            using (Checkout c = Visit(e, "R-again", "C1001", T1 + 60)) c.RedeemAdoption(Adoption);
        }

        private static void EnrollmentDenied(Engine e)
        {
            e.Enroll(EnrollmentOf("prairie-table-breeder"), T0);
            e.ReviewEnrollment(Actor.Manufacturer("prairie-table"), "raleigh", "prairie-table-breeder", false, T0);
            e.Enroll(EnrollmentOf("prairie-table-breeder"), T0);
        }

        private static void InsufficientPoints(Engine e)
        {
            e.Enroll(EnrollmentOf("tail-points"), T0);
            using (Checkout c = Visit(e)) c.RedeemPoints("tail-points", "bath");  // 150 points; the customer has none
        }

        private static void PassUsedUp(Engine e)
        {
            e.Enroll(EnrollmentOf("day-camp"), T0);
            using (Checkout c = Visit(e)) c.UsePass("day-camp", "camp-10");  // C1001 never bought a pass
        }

        // A NorthPaw voucher program and one voucher of it issued to a location; its id.
        private static string IssuedVoucher(Engine e, string location = "raleigh", string expires = "2026-11-30")
        {
            if (location == "richmond")
                e.SaveLocation("{\"id\": \"richmond\", \"name\": \"Tail Waggers Richmond\", \"state\": \"VA\", " +
                               "\"time_zone\": \"EST5EDT,M3.2.0,M11.1.0\", \"master\": false}", T1);
            e.LoadCatalog("{\"programs\": [{\"id\": \"northpaw-samples\", \"name\": \"NorthPaw samples\", \"kind\": \"voucher\", " +
                          "\"manufacturer\": \"northpaw\", \"fulfillment\": \"distributor\", " +
                          "\"voucher\": {\"upcs\": [\"" + Chicken4 + "\", \"084213102041\"]}}]}", T1);
            return e.IssueVouchers(Actor.Manufacturer("northpaw"), "{\"program\": \"northpaw-samples\", \"location\": \"" + location +
                                   "\", \"count\": 1, \"expires\": \"" + expires + "\"}", T1)[0].Id;
        }

        private static void VoucherUsed(Engine e)
        {
            string voucher = IssuedVoucher(e);
            using (Checkout c = Visit(e)) { c.RedeemVoucher(voucher, Chicken4, 1699); c.RedeemVoucher(voucher, Chicken4, 1699); }
        }

        private static void VoucherExpired(Engine e)
        {
            string voucher = IssuedVoucher(e, "raleigh", "2026-11-02");
            using (Checkout c = Visit(e, "R-err", "C1001", T1 + 86400)) c.RedeemVoucher(voucher, Chicken4, 1699);
        }

        private static void WrongLocation(Engine e)
        {
            string voucher = IssuedVoucher(e, "richmond");
            using (Checkout c = Visit(e)) c.RedeemVoucher(voucher, Chicken4, 1699);
        }

        // NorthPaw's $2 November thank-you to a customer, after C1001 bought a bag of its food.
        private static CouponIssueResult IssueCoupon(Engine e, string customer = "C1001")
        {
            using (Checkout c = Visit(e, "R-bag")) { c.AddLine(Chicken4, 1, 1899); c.Finish(); }
            return e.IssueCoupons(Actor.Manufacturer("northpaw"),
                                  "{\"manufacturer\": \"northpaw\", \"kind\": \"thank_you\", \"value\": 200, " +
                                  "\"starts_on\": \"2026-11-01\", \"ends_on\": \"2026-11-30\", \"customers\": [\"" + customer + "\"]}", T1);
        }

        private static void RedeemCouponAt(Engine e, string receipt, long at, long coupon)
        {
            using (Checkout c = Visit(e, receipt, "C1001", at)) { c.RedeemCoupon(coupon); c.Finish(); }
        }

        private static void CouponUsed(Engine e)
        {
            long coupon = IssueCoupon(e).Issued[0].Id;
            RedeemCouponAt(e, "R-c1", T1 + 60, coupon);
            RedeemCouponAt(e, "R-c2", T1 + 120, coupon);
        }

        private static void CouponExpired(Engine e)
        {
            RedeemCouponAt(e, "R-late", T1 + 40 * 86400, IssueCoupon(e).Issued[0].Id);
        }

        private static void CouponNotApplicable(Engine e)
        {
            long coupon = IssueCoupon(e).Issued[0].Id;
            e.SetCouponOptOut("raleigh", "northpaw", true, T1);
            RedeemCouponAt(e, "R-out", T1 + 60, coupon);
        }

        // A new credit line: ten bags complete a card, an eleventh visit takes its reward.
        private static long FinishedLine(Engine e)
        {
            using (Checkout c = Visit(e, "R-ten")) { c.AddLine(Chicken4, 10, 1899); c.Finish(); }
            using (Checkout c = Visit(e, "R-free", "C1001", T1 + 60))
            {
                c.Redeem("northpaw-fb", "dog-small", Chicken4);
                return c.Finish().Redemptions[0].CreditLine;
            }
        }

        private static Action<Engine> InCheckout(Action<Checkout> action)
        {
            return e => { using (Checkout c = Visit(e)) action(c); };
        }

        // name -> (what provokes it, the field its message names; "?" for unchecked)
        private static readonly Dictionary<string, Tuple<Action<Engine>, string>> Provoked =
            new Dictionary<string, Tuple<Action<Engine>, string>>
        {
            { "invalid_argument", P(e => e.Report("no_such_report", "{\"location\": \"raleigh\"}", T1), "kind") },
            { "malformed_json", P(e => e.LoadCatalog("{\"products\": [", T1), null) },
            { "invalid_catalog", P(e => e.LoadCatalog("{\"products\": [{\"upc\": \"1\"}]}", T1), "products[0].upc") },
            { "unknown_upc", P(InCheckout(c => c.AddLine(NotInCatalog, 1, 999)), "lines[0].upc") },
            { "unknown_customer", P(e => e.Customer("C-nobody"), "customer") },
            { "unknown_program", P(e => e.Enroll("{\"location\": \"raleigh\", \"program\": \"nope\"}", T1), "program") },
            { "unknown_location", P(e => e.Location("nowhere"), "location") },
            { "unknown_distributor", P(e => e.Enroll("{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", \"distributor\": \"nope\"}", T1), "distributor") },
            { "distributor_not_serving", P(e => e.Enroll("{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", " +
                                                         "\"distributor\": \"chesapeake\", \"account_number\": \"CFP-1\"}", T1), "distributor") },
            { "invalid_quantity", P(InCheckout(c => c.AddLine(Chicken4, 0, 1899)), "lines[0].quantity") },
            { "invalid_price", P(InvalidPrice, "offer_redemptions[0].unit_price") },
            { "receipt_conflict", P(ReceiptConflict, "receipt") },
            { "not_found", P(e => e.CreditLine(123456), null) },
            { "not_enrolled", P(InCheckout(c => c.RedeemOffer("northpaw-holiday")), "offer_redemptions[0].offer") },
            { "reward_not_available", P(InCheckout(c => c.Redeem("northpaw-fb", "dog-small", Chicken4, 1899)), "redemptions[0]") },
            { "item_not_allowed", P(InCheckout(c => { c.AddLine(Chicken4, 10, 1899); c.Redeem("northpaw-fb", "dog-small", Chicken24, 4599); }),
                                    "redemptions[0].upc") },
            { "reason_required", P(InCheckout(c => c.AddLineJson("{\"upc\": \"" + NotInCatalog + "\", \"quantity\": 1, \"unit_price\": 999, " +
                                                               "\"exception\": {\"program\": \"northpaw-fb\", \"card\": \"dog-large\"}}")),
                                   "lines[0].exception.reason") },
            { "customer_data_missing", P(CustomerDataMissing, "adoption") },
            { "invalid_state", P(e => e.ReconcileLine(Actor.Retailer(), FinishedLine(e), T1 + 120), null) },
            { "wrong_actor", P(e => { FinishedLine(e); e.PullBatch(Actor.Retailer(), "Week 45", null, null, T1 + 120); }, "actor") },
            { "limit_reached", P(LimitReached, "offer_redemptions[2].offer") },
            { "account_number_required", P(e => e.Enroll("{\"location\": \"raleigh\", \"program\": \"northpaw-fb\", \"distributor\": \"eastern\"}", T1),
                                           "account_number") },
            { "unknown_manufacturer", P(e => e.Report("transactions", "{\"location\": \"raleigh\", \"manufacturer\": \"nope\"}", T1), "manufacturer") },
            { "not_eligible", P(NotEligible, "adoption") },
            { "enrollment_denied", P(EnrollmentDenied, "enrollment") },
            { "insufficient_points", P(InsufficientPoints, "points_redemptions[0].reward") },
            { "pass_used_up", P(PassUsedUp, "pass_uses[0]") },
            { "voucher_used", P(VoucherUsed, "voucher_redemptions[1].voucher") },
            { "voucher_expired", P(VoucherExpired, "voucher_redemptions[0].voucher") },
            { "wrong_location", P(WrongLocation, "voucher_redemptions[0].voucher") },
            { "coupon_used", P(CouponUsed, "coupon_redemptions[0]") },
            { "coupon_expired", P(CouponExpired, "coupon_redemptions[0]") },
            { "coupon_not_applicable", P(CouponNotApplicable, "coupon_redemptions[0]") },
        };

        // Codes answered rather than raised: name -> what answers it (a refusal's status name).
        // not_engaged refuses one customer of an issue, and the others are still issued.
        private static readonly Dictionary<string, Func<Engine, string>> Answered = new Dictionary<string, Func<Engine, string>>
        {
            { "not_engaged", e => { e.SaveCustomer(Find("customers", "id", "C1005"), T0); return IssueCoupon(e, "C1005").Refused[0].Refusal; } },
        };

        [Test]
        private static void AnsweredCodes()
        {
            foreach (KeyValuePair<string, Func<Engine, string>> p in Answered)
            {
                using (Engine e = Engine.OpenMemory())
                {
                    Setup(e, Nothing);
                    Equal(p.Key, p.Value(e), "the refusal answered");
                    Check(StatusCodes().Any(c => c.Item2 == p.Key), p.Key + " is a status code");
                }
            }
        }

        private static Tuple<Action<Engine>, string> P(Action<Engine> action, string field)
        {
            return Tuple.Create(action, field);
        }

        // Codes of a store's failures, provoked through a C# store that misbehaves once armed.
        private sealed class Misbehaving : SortedStore
        {
            public string Armed;  // null, or the code it provokes

            public override void Begin(bool write)
            {
                if (Armed == "storage_busy" && write) throw new StoreBusyException("another writer");
                base.Begin(write);
            }

            public override void Put(byte[] key, byte[] value)
            {
                if (Armed == "storage_failed") throw new IOException("disk full (simulated)");
                base.Put(key, value);
            }

            public override byte[] Get(byte[] key)
            {
                byte[] value = base.Get(key);
                string k = Encoding.ASCII.GetString(key);
                if (Armed == "storage_corrupt" && value != null && k.Contains("/loc/")) return Encoding.ASCII.GetBytes("\xff not a record");
                if (Armed == "unsupported" && k.EndsWith("/meta/format")) return Encoding.ASCII.GetBytes("99");
                return value;
            }
        }

        private static readonly Dictionary<string, Action<Engine, IStore>> StoreProvoked = new Dictionary<string, Action<Engine, IStore>>
        {
            { "storage_failed", (e, s) => e.SaveLocation(Raleigh, T1) },
            { "storage_busy", (e, s) => e.SaveLocation(Raleigh, T1) },
            { "storage_corrupt", (e, s) => e.Location("raleigh") },
            { "unsupported", (e, s) => Engine.OpenStore(s).Dispose() },
        };

        // Codes no call can be made to answer: internal is a bug, and no call of this library
        // answers enrollment_pending. EveryCodeOfStatusCodesDefHasItsClass covers their classes.
        private static readonly string[] NotProvoked = { "internal", "enrollment_pending" };

        private static void CheckProvoked(string name, Action action, string field)
        {
            TallyException error = Throws<TallyException>(action, name);
            Equal(Pascal(name) + "Exception", error.GetType().Name, "the class of " + name + " (" + error.Message + ")");
            Equal(name, error.Name, "name");
            Equal(StatusCodes().First(c => c.Item2 == name).Item1, error.Code, "code of " + name);
            Check(error.Message.Length > 0, "a message");
            if (field != "?") Equal(field, error.Field, "the field of " + name + " (" + error.Message + ")");
        }

        [Test]
        private static void EngineCodesOnMemoryAndSqlite()
        {
            foreach (KeyValuePair<string, Tuple<Action<Engine>, string>> p in Provoked)
            {
                using (Engine e = Engine.OpenMemory())
                {
                    Setup(e, Nothing);
                    CheckProvoked(p.Key, () => p.Value.Item1(e), p.Value.Item2);
                }
                string path = TempPath("errors.db");
                try
                {
                    using (Engine e = Engine.OpenSqlite(path))
                    {
                        Setup(e, Nothing);
                        CheckProvoked(p.Key, () => p.Value.Item1(e), p.Value.Item2);
                    }
                }
                finally
                {
                    Directory.Delete(Path.GetDirectoryName(path), true);
                }
            }
        }

        [Test]
        private static void StorageCodesThroughACSharpStore()
        {
            foreach (KeyValuePair<string, Action<Engine, IStore>> p in StoreProvoked)
            {
                var store = new Misbehaving();
                using (Engine e = Engine.OpenStore(store, "{\"busy_retries\": 2}"))
                {
                    e.SaveLocation(Raleigh, T0);
                    store.Armed = p.Key;
                    CheckProvoked(p.Key, () => p.Value(e, store), "?");
                }
            }
        }

        [Test]
        private static void EveryCodeIsProvokedOrListed()
        {
            var names = new HashSet<string>(Provoked.Keys.Concat(StoreProvoked.Keys).Concat(Answered.Keys).Concat(NotProvoked)) { "ok" };
            Equal(string.Join(",", StatusCodes().Select(c => c.Item2).OrderBy(n => n)), string.Join(",", names.OrderBy(n => n)),
                  "codes provoked or listed");
        }

        // ---- Refused before the C call ---------------------------------------------------

        [Test]
        private static void ArgumentsAreCheckedBeforeTheCall()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                Equal("customerId", Throws<ArgumentNullException>(() => e.Customer(null), "a null id").ParamName, "param");
                Equal("locationId", Throws<ArgumentException>(() => e.Location("ral\0eigh"), "a NUL").ParamName, "param");
                Throws<ArgumentNullException>(() => e.LoadCatalog(null, T0), "a null document");
                Throws<ArgumentNullException>(() => e.PullBatch(null, "x", null, null, T1), "a null actor");
                Throws<ArgumentException>(() => e.PullBatch(Actor.Retailer(), "x", new string[] { null }, null, T1), "a null location");
                Throws<ArgumentNullException>(() => e.SplitCard("C1001", 1, null, T1), "null punch indexes");
                Throws<ArgumentOutOfRangeException>(() => e.Journal(0, -1), "a negative limit");
                Throws<ArgumentOutOfRangeException>(() => e.EnumerateJournal(0, 0), "page 0, before enumerating");
                Throws<ArgumentNullException>(() => e.RunCheckouts(null), "no visits");
                Throws<ArgumentNullException>(() => e.RunCheckouts(new string[] { null }), "a null visit");
                Equal("visitsJson", Throws<ArgumentException>(() => e.RunCheckouts(new[] { "{\"location\": " }), "a visit that is not JSON")
                    .ParamName, "param");
                Throws<ArgumentException>(() => e.Report("transactions", "{\"format\": \"csv\"}", T1), "CSV through Report");
                Throws<ArgumentException>(() => e.ReportCsv("transactions", "{\"format\": \"json\"}", T1), "JSON through ReportCsv");
                Throws<ArgumentException>(() => e.Report("transactions", "[1]", T1), "a query that is no object");
                Throws<ArgumentNullException>(() => Engine.OpenStore(null), "no store");
                Throws<ArgumentNullException>(() => Actor.Distributor(null), "an actor without id");
                using (Checkout c = e.OpenCheckout("raleigh", "C1001", "R-args", T1))
                {
                    Equal("upc", Throws<ArgumentNullException>(() => c.AddLine(null, 1, 1), "a null UPC").ParamName, "param");
                    Throws<ArgumentNullException>(() => c.Redeem("northpaw-fb", null, Lamb4), "a null card");
                    Throws<ArgumentNullException>(() => c.AddLineJson(null), "a null line");
                    Equal(1, c.AddLine(Chicken4, 1, 1899), "the checkout goes on");
                }
                Equal(0, e.RunCheckouts(new string[0]).Count, "no visits, no outcomes");
                Equal("", e.LastError, "the library was not called with a bad argument");
            }
        }

        [Test]
        private static void ReportQueriesGetTheirFormat()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Setup(e, Nothing);
                // The engine needs a location: a query without one reaches it and is refused there.
                Equal("location", Throws<InvalidArgumentException>(() => e.Report("transactions", null, T1), "no query").Field, "field");
                Equal("location", Throws<InvalidArgumentException>(() => e.ReportCsv("transactions", "{ }", T1), "{ }").Field, "field");
                Equal("transactions", e.Report("transactions", " {\"location\": \"raleigh\", \"format\": \"json\"}", T1).Kind, "json named");
                Equal("transactions", e.Report("transactions", "{\"location\": \"raleigh\"}", T1).Kind, "no format");
                Check(e.ReportCsv("transactions", "{\"location\": \"raleigh\"}", T1).StartsWith("date,"), "CSV");
                Check(e.ReportCsv("transactions", "{\"location\": \"raleigh\", \"format\": \"csv\"}", T1).StartsWith("date,"), "csv named");
            }
        }

        [Test]
        private static void IteratorsPageAndStartLazily()
        {
            using (Engine e = Engine.OpenMemory())
            {
                Equal(0, e.EnumerateJournal().Count(), "an empty journal: nothing");
                Equal(0, e.EnumerateCreditLines().Count(), "no lines");
                Throws<ArgumentException>(() => e.EnumerateCreditLines("ne\0w"), "a NUL, before enumerating");
                Setup(e, Nothing);
                List<JournalEntry> all = e.EnumerateJournal(0, 1).ToList();
                Equal(4, all.Count, "catalog, location, enrollment, customer");
                Equal(all[2].Seq, e.EnumerateJournal(all[1].Seq, 2).First().Seq, "from a seq on");
                Equal(0, e.EnumerateJournal(all[3].Seq).Count(), "nothing after the last");
                Equal("customer.saved", all[3].Kind, "the customer's entry");
                Equal("C1001", all[3].DocumentAs<Customer>().Id, "its document");
            }
        }

        // ---- Documents the binding cannot read --------------------------------------------

        private const string History = "{\"state\": \"new\", \"at\": 1793631600, \"actor\": \"system\", \"note\": \"redeemed\"}";

        [Test]
        private static void ResultsIgnoreUnknownFieldsAndKeepTheirJson()
        {
            string doc = "{\"state\": \"new\", \"added_by_a_newer_library\": [1, {\"x\": null}], \"at\": 1793631600, " +
                         "\"actor\": \"system\", \"note\": \"redeemed \\u00e0 la \\\"till\\\"\"}";
            HistoryEntry entry = Result.Parse<HistoryEntry>(doc);
            Equal("new", entry.State, "state");
            Equal(1793631600L, entry.At, "at");
            Equal("redeemed à la \"till\"", entry.Note, "escapes");
            Equal(doc, entry.Json, "the JSON as given");
            Equal(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), entry.AtUtc, "AtUtc");
            Check(typeof(HistoryEntry).GetProperty("State").GetSetMethod(true) == null, "get-only properties");
        }

        private static void Refused<T>(string json, string message, string path) where T : Result
        {
            DocumentFormatException e = Throws<DocumentFormatException>(() => Result.Parse<T>(json), message);
            Equal(message, e.Message, "message");
            Equal(path, e.Path, "path");
        }

        [Test]
        private static void MissingAndMistypedFieldsAreRefusedNamingThem()
        {
            Refused<HistoryEntry>(History.Replace("\"at\": 1793631600, ", ""), "history_entry: the field 'at' is missing", "history_entry");
            Refused<HistoryEntry>(History.Replace("1793631600", "\"1793631600\""), "history_entry.at: expected an integer, got string",
                                  "history_entry.at");
            Refused<StateTotals>("{\"lines\": true, \"units\": 1, \"value\": 1}", "state_totals.lines: expected an integer, got bool",
                                 "state_totals.lines");
            Refused<StateTotals>("{\"lines\": 1.5, \"units\": 1, \"value\": 1}", "state_totals.lines: expected an integer, got number",
                                 "state_totals.lines");
            Refused<StateTotals>("{\"lines\": 3000000000, \"units\": 1, \"value\": 1}", "state_totals.lines: 3000000000 is out of range for an int",
                                 "state_totals.lines");
            Refused<Punch>("[]", "punch: expected an object, got array", "punch");
            Refused<Batch>("{\"id\": 1}", "batch: the field 'kind' is missing", "batch");
            string center = "{\"location\": \"raleigh\", \"date\": \"2026-11-02\", \"mobile_app\": {\"customers\": 0, \"joined_this_month\": 0}, " +
                            "\"auto_enrollment\": {\"current\": 0, \"upcoming\": 0, \"offers\": []}, " +
                            "\"offers_from_top_brands\": {\"days\": 30, \"brands\": [], \"offers\": []}, " +
                            "\"action_needed\": {\"count\": 0, \"billing\": {\"flag\": \"\", \"needs_action\": false}, " +
                            "\"temporary_holding\": {\"count\": 0, \"programs\": [{\"program\": \"p\"}]}, \"declined_credits\": {}}}";
            Refused<CommandCenter>(center, "command_center.action_needed.declined_credits: the field 'count' is missing",
                                   "command_center.action_needed.declined_credits");
            string held = center.Replace("\"declined_credits\": {}", "\"declined_credits\": {\"count\": 0, " +
                "\"free_goods\": {\"count\": 0, \"lines\": []}, \"rebates\": {\"count\": 0, \"lines\": []}}");
            Refused<CommandCenter>(held, "command_center.action_needed.temporary_holding.programs[0]: the field 'name' is missing",
                                   "command_center.action_needed.temporary_holding.programs[0]");
            Refused<Report>("{\"report\": \"participation\", \"location\": \"\", \"from\": \"\", \"to\": \"\", \"distributor\": \"\", " +
                            "\"programs\": [{\"program\": \"p\"}]}", "report.programs[0]: the field 'unique_customers' is missing",
                            "report.programs[0]");
            Refused<JournalEntry>("{\"seq\": 1, \"at\": 1, \"kind\": \"x\", \"document\": []}", "journal_entry.document: expected an object, got array",
                                  "journal_entry.document");
            Throws<ArgumentNullException>(() => Result.Parse<Punch>(null), "null text");
            Check(typeof(FormatException).IsAssignableFrom(typeof(DocumentFormatException)), "a FormatException");
        }

        [Test]
        private static void TheJsonReaderIsStrict()
        {
            foreach (string bad in new[] { "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[1 2]", "01", "1.", "-", ".5", "1e",
                                           "\"\\x\"", "\"a", "\"\t\"", "tru", "nul", "{\"a\":1}x", "{\"a\":1,\"a\":2}", "\"\\u12\"",
                                           "[" + new string('[', 300) + new string(']', 301) })
            {
                DocumentFormatException e = Throws<DocumentFormatException>(() => JsonReader.Parse(bad), "not JSON: <" + bad + ">");
                Check(e.Message.StartsWith("not JSON: "), e.Message);
                Equal(null, e.Path, "no path");
            }
            JsonValue v = JsonReader.Parse(" {\"a\": [1, -2, 3.5e1, true, false, null, \"\\ud83d\\udc15\\/\\n\"], \"b\": {}} ");
            List<JsonValue> a = v.Member("a").Items;
            Equal(1L, a[0].IntegerValue, "1");
            Equal(-2L, a[1].IntegerValue, "-2");
            Equal(35.0, a[2].RealValue, "3.5e1");
            Equal(JsonKind.Real, a[2].Kind, "a real");
            Equal(true, a[3].BoolValue, "true");
            Equal(JsonKind.Null, a[5].Kind, "null");
            Equal("🐕/\n", a[6].StringValue, "a surrogate pair and escapes");
            Equal("{}", v.Member("b").Text, "the text of a member");
            Equal(long.MaxValue, JsonReader.Parse("9223372036854775807").IntegerValue, "the largest long");
            Equal(JsonKind.Real, JsonReader.Parse("9223372036854775808").Kind, "past a long: a real");
        }
    }
}
