// SPDX-License-Identifier: Apache-2.0
// Reports (docs/reports.md, docs/schema/report.schema.json) and the Command Center
// (docs/command-center.md, docs/schema/command_center.schema.json) as typed results.
using System.Collections.Generic;

namespace Tally
{
    // ---- Reports ----------------------------------------------------------------------------

    /// <summary>Lines, units and value of credit lines in one state.</summary>
    public sealed class StateTotals : Result
    {
        internal StateTotals(Fields f) : base(f)
        {
            Lines = f.Int("lines");
            Units = f.Int("units");
            Value = f.Long("value");
        }

        /// <summary>Credit lines.</summary>
        public int Lines { get; }
        /// <summary>Units of those lines.</summary>
        public int Units { get; }
        /// <summary>Their value in cents.</summary>
        public long Value { get; }
    }

    /// <summary>A manufacturer's credit lines of one partner, in a credit-status report.</summary>
    public sealed class ReportManufacturer : Result
    {
        internal ReportManufacturer(Fields f) : base(f)
        {
            Manufacturer = f.Str("manufacturer", "");
            States = f.DocsByKey<StateTotals>("states", true);
            Lines = f.Docs<CreditLine>("lines");
        }

        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>Totals by line state ("new", "reconciled", ...).</summary>
        public IReadOnlyDictionary<string, StateTotals> States { get; }
        /// <summary>The lines.</summary>
        public IReadOnlyList<CreditLine> Lines { get; }
    }

    /// <summary>A partner's section of a credit-status report.</summary>
    public sealed class ReportPartner : Result
    {
        internal ReportPartner(Fields f) : base(f)
        {
            Partner = f.Str("partner");
            Fulfillment = f.Str("fulfillment");
            Manufacturers = f.OptionalDocs<ReportManufacturer>("manufacturers");
        }

        /// <summary>The partner's id.</summary>
        public string Partner { get; }
        /// <summary>Its fulfillment type.</summary>
        public string Fulfillment { get; }
        /// <summary>Its lines by manufacturer.</summary>
        public IReadOnlyList<ReportManufacturer> Manufacturers { get; }
    }

    /// <summary>A declined line in a credit-status report.</summary>
    public sealed class DeclinedLine : Result
    {
        internal DeclinedLine(Fields f) : base(f)
        {
            Line = f.Long("line");
            Upc = f.Str("upc");
            Reason = f.Str("reason");
            Note = f.Str("note");
            Partner = f.Str("partner");
            Manufacturer = f.Str("manufacturer");
        }

        /// <summary>The line's number.</summary>
        public long Line { get; }
        /// <summary>The item's UPC.</summary>
        public string Upc { get; }
        /// <summary>The decline's reason.</summary>
        public string Reason { get; }
        /// <summary>The decline's note.</summary>
        public string Note { get; }
        /// <summary>The partner that declined it.</summary>
        public string Partner { get; }
        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
    }

    /// <summary>A row of the redemptions_by_date report.</summary>
    public sealed class RedemptionRow : Result
    {
        internal RedemptionRow(Fields f) : base(f)
        {
            Id = f.Long("id");
            Date = f.Str("date");
            At = f.Str("at");
            Receipt = f.Str("receipt");
            Customer = f.Str("customer");
            Manufacturer = f.Str("manufacturer", "");
            Program = f.Str("program");
            Kind = f.Str("kind");
            Card = f.Str("card");
            CardNumber = f.Long("card_number");
            Upc = f.Str("upc");
            Description = f.Str("description");
            Quantity = f.Int("quantity");
            UnitPrice = f.Long("unit_price");
            CreditLine = f.Long("credit_line");
            CreditState = f.Str("credit_state");
            Partner = f.Str("partner");
        }

        /// <summary>The redemption's number.</summary>
        public long Id { get; }
        /// <summary>Its business date, "YYYY-MM-DD".</summary>
        public string Date { get; }
        /// <summary>Its time, ISO 8601 text.</summary>
        public string At { get; }
        /// <summary>The receipt.</summary>
        public string Receipt { get; }
        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The redemption's kind.</summary>
        public string Kind { get; }
        /// <summary>The card's id within the program.</summary>
        public string Card { get; }
        /// <summary>The card's number.</summary>
        public long CardNumber { get; }
        /// <summary>The free item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Its description.</summary>
        public string Description { get; }
        /// <summary>Units.</summary>
        public int Quantity { get; }
        /// <summary>The unit price in cents.</summary>
        public long UnitPrice { get; }
        /// <summary>The credit line, or 0.</summary>
        public long CreditLine { get; }
        /// <summary>Its state.</summary>
        public string CreditState { get; }
        /// <summary>Who pays the store back.</summary>
        public string Partner { get; }
    }

    /// <summary>A program's row of the participation report.</summary>
    public sealed class ProgramActivity : Result
    {
        internal ProgramActivity(Fields f) : base(f)
        {
            Manufacturer = f.Str("manufacturer", "");
            Program = f.Str("program");
            UniqueCustomers = f.Int("unique_customers");
            CardsPunched = f.Int("cards_punched");
            ItemsSold = f.Int("items_sold");
            RewardsEarned = f.Int("rewards_earned");
            RewardsRedeemed = f.Int("rewards_redeemed");
        }

        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>Customers who bought.</summary>
        public int UniqueCustomers { get; }
        /// <summary>Cards punched.</summary>
        public int CardsPunched { get; }
        /// <summary>Qualifying items sold.</summary>
        public int ItemsSold { get; }
        /// <summary>Cards completed.</summary>
        public int RewardsEarned { get; }
        /// <summary>Rewards taken.</summary>
        public int RewardsRedeemed { get; }
    }

    /// <summary>A brand's frequent-buyer sales (participation report, Command Center).</summary>
    public sealed class BrandSales : Result
    {
        internal BrandSales(Fields f) : base(f)
        {
            Manufacturer = f.Str("manufacturer", "");
            Name = f.Str("name", "");
            ItemsSold = f.Int("items_sold");
            SalesCents = f.Long("sales_cents");
        }

        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Items sold.</summary>
        public int ItemsSold { get; }
        /// <summary>Sales in cents.</summary>
        public long SalesCents { get; }
    }

    /// <summary>A row of the transactions report: one sale line.</summary>
    public sealed class TransactionRow : Result
    {
        internal TransactionRow(Fields f) : base(f)
        {
            Date = f.Str("date");
            Receipt = f.Str("receipt");
            Customer = f.Str("customer");
            Manufacturer = f.Str("manufacturer", "");
            Upc = f.Str("upc");
            Description = f.Str("description");
            Quantity = f.Int("quantity");
        }

        /// <summary>The business date, "YYYY-MM-DD".</summary>
        public string Date { get; }
        /// <summary>The receipt.</summary>
        public string Receipt { get; }
        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>The item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Its description.</summary>
        public string Description { get; }
        /// <summary>Units sold.</summary>
        public int Quantity { get; }
    }

    /// <summary>A row of the points_liability report: one points program at the location.</summary>
    public sealed class PointsLiabilityRow : Result
    {
        internal PointsLiabilityRow(Fields f) : base(f)
        {
            Program = f.Str("program");
            Name = f.Str("name");
            Points = f.Long("points");
            Customers = f.Int("customers");
            OwedPoints = f.Long("owed_points");
            CustomersOwing = f.Int("customers_owing");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The points of unexpired lots earned at the location.</summary>
        public long Points { get; }
        /// <summary>How many customers hold them.</summary>
        public int Customers { get; }
        /// <summary>The negative balances that arose at the location, in points.</summary>
        public long OwedPoints { get; }
        /// <summary>How many customers owe them.</summary>
        public int CustomersOwing { get; }
    }

    /// <summary>A JSON report of any kind (<c>report</c>): the filters as applied, then the
    /// rows of its kind; the sections of other kinds are empty.</summary>
    public sealed class Report : Result
    {
        internal Report(Fields f) : base(f)
        {
            Kind = f.Str("report");
            Location = f.Str("location");
            From = f.Str("from");
            To = f.Str("to");
            Manufacturer = f.Str("manufacturer", "");
            Distributor = f.Str("distributor");
            // "programs" is the filter (text), except in the participation and points_liability
            // reports, whose rows it holds.
            JsonValue programs = f.Value("programs");
            if (programs.Kind == JsonKind.Array && Kind == "points_liability")
            {
                Programs = "";
                Participation = f.OptionalDocs<ProgramActivity>("participation");
                PointsLiability = f.Docs<PointsLiabilityRow>("programs");
            }
            else if (programs.Kind == JsonKind.Array)
            {
                Programs = "";
                Participation = f.Docs<ProgramActivity>("programs");
                PointsLiability = f.OptionalDocs<PointsLiabilityRow>("points_liability");
            }
            else
            {
                Programs = f.Str("programs");
                Participation = f.OptionalDocs<ProgramActivity>("participation");
                PointsLiability = f.OptionalDocs<PointsLiabilityRow>("points_liability");
            }
            AsOf = f.Str("as_of", "");
            Points = f.NullableLong("points");
            Totals = f.DocsByKey<StateTotals>("totals", false);
            Partners = f.OptionalDocs<ReportPartner>("partners");
            Declined = f.OptionalDocs<DeclinedLine>("declined");
            Batches = f.OptionalDocs<Batch>("batches");
            Unbatched = f.OptionalDocs<CreditLine>("unbatched");
            Count = f.NullableInt("count");
            Redemptions = f.OptionalDocs<RedemptionRow>("redemptions");
            Brands = f.OptionalDocs<BrandSales>("brands");
            Rows = f.OptionalDocs<TransactionRow>("rows");
        }

        /// <summary>The report's kind (document field "report"), e.g. "free_goods_credit_status".</summary>
        public string Kind { get; }
        /// <summary>The location filter.</summary>
        public string Location { get; }
        /// <summary>The first business date, "YYYY-MM-DD".</summary>
        public string From { get; }
        /// <summary>The last business date, "YYYY-MM-DD".</summary>
        public string To { get; }
        /// <summary>The manufacturer filter.</summary>
        public string Manufacturer { get; }
        /// <summary>The distributor filter.</summary>
        public string Distributor { get; }
        /// <summary>The programs filter ("" in the participation and points_liability reports:
        /// see <see cref="Participation"/> and <see cref="PointsLiability"/>).</summary>
        public string Programs { get; }
        /// <summary>Credit-status reports: totals by line state.</summary>
        public IReadOnlyDictionary<string, StateTotals> Totals { get; }
        /// <summary>Credit-status reports: the lines by partner and manufacturer.</summary>
        public IReadOnlyList<ReportPartner> Partners { get; }
        /// <summary>Credit-status reports: the declined lines.</summary>
        public IReadOnlyList<DeclinedLine> Declined { get; }
        /// <summary>retailer_credit_batches: the batches, each with its <see cref="Batch.ReportLines"/>.</summary>
        public IReadOnlyList<Batch> Batches { get; }
        /// <summary>retailer_credit_batches: lines in no batch yet.</summary>
        public IReadOnlyList<CreditLine> Unbatched { get; }
        /// <summary>The number of rows, in the kinds that count them; else null.</summary>
        public int? Count { get; }
        /// <summary>redemptions_by_date: the rows.</summary>
        public IReadOnlyList<RedemptionRow> Redemptions { get; }
        /// <summary>participation: a row per program (document field "programs").</summary>
        public IReadOnlyList<ProgramActivity> Participation { get; }
        /// <summary>participation: sales by brand.</summary>
        public IReadOnlyList<BrandSales> Brands { get; }
        /// <summary>transactions: the rows.</summary>
        public IReadOnlyList<TransactionRow> Rows { get; }
        /// <summary>points_liability: the day it counts, "YYYY-MM-DD"; "" in other kinds.</summary>
        public string AsOf { get; }
        /// <summary>points_liability: the points outstanding at the location in every program; else null.</summary>
        public long? Points { get; }
        /// <summary>points_liability: a row per points program (document field "programs").</summary>
        public IReadOnlyList<PointsLiabilityRow> PointsLiability { get; }
    }

    // ---- The Command Center -----------------------------------------------------------------

    /// <summary>Declined lines of one stream, in the Command Center.</summary>
    public sealed class DeclinedStream : Result
    {
        internal DeclinedStream(Fields f) : base(f)
        {
            Count = f.Int("count");
            Lines = f.Docs<CreditLine>("lines");
        }

        /// <summary>How many.</summary>
        public int Count { get; }
        /// <summary>The lines.</summary>
        public IReadOnlyList<CreditLine> Lines { get; }
    }

    /// <summary>Declined credits waiting for the store's action.</summary>
    public sealed class DeclinedCredits : Result
    {
        internal DeclinedCredits(Fields f) : base(f)
        {
            Count = f.Int("count");
            FreeGoods = f.Doc<DeclinedStream>("free_goods");
            Rebates = f.Doc<DeclinedStream>("rebates");
        }

        /// <summary>How many in all.</summary>
        public int Count { get; }
        /// <summary>The free-goods lines.</summary>
        public DeclinedStream FreeGoods { get; }
        /// <summary>The rebate lines.</summary>
        public DeclinedStream Rebates { get; }
    }

    /// <summary>A program whose lines wait in Temporary Holding.</summary>
    public sealed class HeldProgram : Result
    {
        internal HeldProgram(Fields f) : base(f)
        {
            Program = f.Str("program");
            Name = f.Str("name");
            Kind = f.Str("kind");
            HeldLines = f.Int("held_lines");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Its kind.</summary>
        public string Kind { get; }
        /// <summary>Lines waiting.</summary>
        public int HeldLines { get; }
    }

    /// <summary>Programs in Temporary Holding.</summary>
    public sealed class TemporaryHolding : Result
    {
        internal TemporaryHolding(Fields f) : base(f)
        {
            Count = f.Int("count");
            Programs = f.Docs<HeldProgram>("programs");
        }

        /// <summary>How many programs.</summary>
        public int Count { get; }
        /// <summary>The programs.</summary>
        public IReadOnlyList<HeldProgram> Programs { get; }
    }

    /// <summary>The host's billing flag.</summary>
    public sealed class Billing : Result
    {
        internal Billing(Fields f) : base(f)
        {
            Flag = f.Str("flag");
            NeedsAction = f.Bool("needs_action");
        }

        /// <summary>The flag's text, or "".</summary>
        public string Flag { get; }
        /// <summary>Whether it is set.</summary>
        public bool NeedsAction { get; }
    }

    /// <summary>What needs the store's action.</summary>
    public sealed class ActionNeeded : Result
    {
        internal ActionNeeded(Fields f) : base(f)
        {
            Count = f.Int("count");
            DeclinedCredits = f.Doc<DeclinedCredits>("declined_credits");
            TemporaryHolding = f.Doc<TemporaryHolding>("temporary_holding");
            Billing = f.Doc<Billing>("billing");
        }

        /// <summary>How many items in all.</summary>
        public int Count { get; }
        /// <summary>Declined credits.</summary>
        public DeclinedCredits DeclinedCredits { get; }
        /// <summary>Programs in Temporary Holding.</summary>
        public TemporaryHolding TemporaryHolding { get; }
        /// <summary>The billing flag.</summary>
        public Billing Billing { get; }
    }

    /// <summary>An offer the Command Center shows (upcoming, or auto-enrolled).</summary>
    public sealed class CenterOffer : Result
    {
        internal CenterOffer(Fields f) : base(f)
        {
            OfferId = f.Str("offer");
            Name = f.Str("name");
            Manufacturer = f.Str("manufacturer", "");
            Type = f.Str("type");
            Start = f.Str("start");
            End = f.Str("end");
            Enrolled = f.Bool("enrolled");
            EnrollmentSource = f.Str("enrollment_source");
        }

        /// <summary>The offer's program id (document field "offer").</summary>
        public string OfferId { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The brand's id.</summary>
        public string Manufacturer { get; }
        /// <summary>"free_good" or "rebate".</summary>
        public string Type { get; }
        /// <summary>Its first date, "YYYY-MM-DD".</summary>
        public string Start { get; }
        /// <summary>Its last date, "YYYY-MM-DD".</summary>
        public string End { get; }
        /// <summary>Whether the location is enrolled.</summary>
        public bool Enrolled { get; }
        /// <summary>How: "manual" or "auto", or "".</summary>
        public string EnrollmentSource { get; }
    }

    /// <summary>The store's top brands and their coming offers.</summary>
    public sealed class TopBrands : Result
    {
        internal TopBrands(Fields f) : base(f)
        {
            Days = f.Int("days");
            Brands = f.Docs<BrandSales>("brands");
            Offers = f.Docs<CenterOffer>("offers");
        }

        /// <summary>The days of sales looked at.</summary>
        public int Days { get; }
        /// <summary>The brands.</summary>
        public IReadOnlyList<BrandSales> Brands { get; }
        /// <summary>Their offers.</summary>
        public IReadOnlyList<CenterOffer> Offers { get; }
    }

    /// <summary>Offers the location is auto-enrolled in.</summary>
    public sealed class AutoEnrolledOffers : Result
    {
        internal AutoEnrolledOffers(Fields f) : base(f)
        {
            Current = f.Int("current");
            Upcoming = f.Int("upcoming");
            Offers = f.Docs<CenterOffer>("offers");
        }

        /// <summary>How many run now.</summary>
        public int Current { get; }
        /// <summary>How many start later.</summary>
        public int Upcoming { get; }
        /// <summary>The offers.</summary>
        public IReadOnlyList<CenterOffer> Offers { get; }
    }

    /// <summary>Customers on the store's mobile app.</summary>
    public sealed class MobileApp : Result
    {
        internal MobileApp(Fields f) : base(f)
        {
            Customers = f.Int("customers");
            JoinedThisMonth = f.Int("joined_this_month");
        }

        /// <summary>How many.</summary>
        public int Customers { get; }
        /// <summary>How many joined this month.</summary>
        public int JoinedThisMonth { get; }
    }

    /// <summary>What needs the store's action, and its dashboard (<c>command_center</c>).</summary>
    public sealed class CommandCenter : Result
    {
        internal CommandCenter(Fields f) : base(f)
        {
            Location = f.Str("location");
            Date = f.Str("date");
            ActionNeeded = f.Doc<ActionNeeded>("action_needed");
            OffersFromTopBrands = f.Doc<TopBrands>("offers_from_top_brands");
            AutoEnrollment = f.Doc<AutoEnrolledOffers>("auto_enrollment");
            MobileApp = f.Doc<MobileApp>("mobile_app");
        }

        /// <summary>The location's id.</summary>
        public string Location { get; }
        /// <summary>Its business date, "YYYY-MM-DD".</summary>
        public string Date { get; }
        /// <summary>What needs action.</summary>
        public ActionNeeded ActionNeeded { get; }
        /// <summary>The top brands' offers.</summary>
        public TopBrands OffersFromTopBrands { get; }
        /// <summary>Auto-enrolled offers.</summary>
        public AutoEnrolledOffers AutoEnrollment { get; }
        /// <summary>The mobile app.</summary>
        public MobileApp MobileApp { get; }
    }
}
