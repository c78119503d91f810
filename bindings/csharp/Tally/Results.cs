// SPDX-License-Identifier: Apache-2.0
// The documents libtally answers, one class per kind (docs/schema/<kind>.schema.json): the
// catalog, locations, enrollments, customers, the checkout, cards, credit lines, batches,
// the journal and corrections. Reports and the Command Center are in ReportResults.cs.
// An optional text field the document leaves out reads as "" unless its summary says null.
using System;
using System.Collections.Generic;

namespace Tally
{
    // ---- Catalog, locations, enrollments, customers ---------------------------------------

    /// <summary>What <see cref="Engine.LoadCatalog"/> added or replaced (<c>catalog_summary</c>).</summary>
    public sealed class CatalogSummary : Result
    {
        internal CatalogSummary(Fields f) : base(f)
        {
            Manufacturers = f.Int("manufacturers", 0);
            Distributors = f.Int("distributors");
            Products = f.Int("products");
            Programs = f.Int("programs");
        }

        /// <summary>Manufacturers loaded.</summary>
        public int Manufacturers { get; }
        /// <summary>Distributors loaded.</summary>
        public int Distributors { get; }
        /// <summary>Products loaded.</summary>
        public int Products { get; }
        /// <summary>Programs loaded.</summary>
        public int Programs { get; }
    }

    /// <summary>A manufacturer (brand) of the catalog.</summary>
    public sealed class Manufacturer : Result
    {
        internal Manufacturer(Fields f) : base(f)
        {
            Id = f.Str("id");
            Name = f.Str("name");
        }

        /// <summary>The manufacturer's id.</summary>
        public string Id { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
    }

    /// <summary>A distributor of the catalog.</summary>
    public sealed class Distributor : Result
    {
        internal Distributor(Fields f) : base(f)
        {
            Id = f.Str("id");
            Name = f.Str("name");
            States = f.Strings("states", false);
            Manufacturers = f.Strings("manufacturers", false);
            AccountNumberRequired = f.Bool("account_number_required", false);
        }

        /// <summary>The distributor's id.</summary>
        public string Id { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The states and provinces it serves.</summary>
        public IReadOnlyList<string> States { get; }
        /// <summary>The manufacturers it distributes.</summary>
        public IReadOnlyList<string> Manufacturers { get; }
        /// <summary>Whether an enrollment with it needs the store's account number.</summary>
        public bool AccountNumberRequired { get; }
    }

    /// <summary>A product of the catalog.</summary>
    public sealed class Product : Result
    {
        internal Product(Fields f) : base(f)
        {
            Upc = f.Str("upc");
            Description = f.Str("description");
            Manufacturer = f.Str("manufacturer", "");
            Size = f.Str("size", "");
            Species = f.Str("species", "");
            Category = f.Str("category", "");
        }

        /// <summary>Its UPC/GTIN (digits).</summary>
        public string Upc { get; }
        /// <summary>Its description.</summary>
        public string Description { get; }
        /// <summary>The manufacturer's id.</summary>
        public string Manufacturer { get; }
        /// <summary>The size or weight label, e.g. "4 lb".</summary>
        public string Size { get; }
        /// <summary>The species, e.g. "dog".</summary>
        public string Species { get; }
        /// <summary>The category.</summary>
        public string Category { get; }
    }

    /// <summary>A card (sub-program) of a frequent-buyer program.</summary>
    public sealed class ProgramCard : Result
    {
        internal ProgramCard(Fields f) : base(f)
        {
            Id = f.Str("id");
            Name = f.Str("name", "");
            QualifyingUpcs = f.Strings("qualifying_upcs", true);
            ExcludedUpcs = f.Strings("excluded_upcs", false);
            BuyN = f.Int("buy_n");
            RewardQuantity = f.NullableInt("reward_quantity");
            FreeItemRule = f.Str("free_item_rule", "");
            WindowDays = f.NullableInt("window_days");
        }

        /// <summary>The card's id within its program, e.g. "dog-small".</summary>
        public string Id { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The UPCs that punch it.</summary>
        public IReadOnlyList<string> QualifyingUpcs { get; }
        /// <summary>The UPCs it excludes.</summary>
        public IReadOnlyList<string> ExcludedUpcs { get; }
        /// <summary>The punches that complete it.</summary>
        public int BuyN { get; }
        /// <summary>The reward's quantity, or null for the default (1).</summary>
        public int? RewardQuantity { get; }
        /// <summary>The free-item rule: "any_in_group", "lesser_or_equal_value" or "same_size".</summary>
        public string FreeItemRule { get; }
        /// <summary>The purchase window in days, or null for none.</summary>
        public int? WindowDays { get; }
    }

    /// <summary>A program of the catalog; its offer and adoption rules are in <see cref="Result.Json"/>.</summary>
    public sealed class Program : Result
    {
        internal Program(Fields f) : base(f)
        {
            Id = f.Str("id");
            Name = f.Str("name");
            Kind = f.Str("kind");
            Manufacturer = f.Str("manufacturer", "");
            Fulfillment = f.Str("fulfillment", "");
            Audience = f.Str("audience", "");
            Private = f.Bool("private", false);
            Cards = f.OptionalDocs<ProgramCard>("cards");
        }

        /// <summary>The program's id.</summary>
        public string Id { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Its kind: "frequent_buyer", "tracking", "custom", "offer" or "adoption".</summary>
        public string Kind { get; }
        /// <summary>The manufacturer's id ("" for a custom program).</summary>
        public string Manufacturer { get; }
        /// <summary>Who pays the store back: "distributor", "direct", "retailer" or "none".</summary>
        public string Fulfillment { get; }
        /// <summary>Who may use it: "all", "breeder" or "employee" ("" when the catalog says nothing).</summary>
        public string Audience { get; }
        /// <summary>Whether enrolling needs the brand's approval.</summary>
        public bool Private { get; }
        /// <summary>The cards of a frequent-buyer program.</summary>
        public IReadOnlyList<ProgramCard> Cards { get; }
    }

    /// <summary>The stored catalog (<c>catalog</c>).</summary>
    public sealed class Catalog : Result
    {
        internal Catalog(Fields f) : base(f)
        {
            Manufacturers = f.OptionalDocs<Manufacturer>("manufacturers");
            Distributors = f.OptionalDocs<Distributor>("distributors");
            Products = f.OptionalDocs<Product>("products");
            Programs = f.OptionalDocs<Program>("programs");
        }

        /// <summary>The manufacturers.</summary>
        public IReadOnlyList<Manufacturer> Manufacturers { get; }
        /// <summary>The distributors.</summary>
        public IReadOnlyList<Distributor> Distributors { get; }
        /// <summary>The products.</summary>
        public IReadOnlyList<Product> Products { get; }
        /// <summary>The programs.</summary>
        public IReadOnlyList<Program> Programs { get; }
    }

    /// <summary>A store location (<c>location</c>).</summary>
    public sealed class Location : Result
    {
        internal Location(Fields f) : base(f)
        {
            Id = f.Str("id");
            Name = f.Str("name");
            State = f.Str("state");
            TimeZone = f.Str("time_zone");
            Master = f.Bool("master", false);
        }

        /// <summary>The location's id.</summary>
        public string Id { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Its state or province, e.g. "NC".</summary>
        public string State { get; }
        /// <summary>Its time zone (a POSIX TZ rule), which decides its business dates.</summary>
        public string TimeZone { get; }
        /// <summary>Whether it is the account's master location.</summary>
        public bool Master { get; }
    }

    /// <summary>A location's enrollment in a program (<c>enrollment</c>).</summary>
    public sealed class Enrollment : Result
    {
        internal Enrollment(Fields f) : base(f)
        {
            Location = f.Str("location");
            Program = f.Str("program");
            Distributor = f.Str("distributor", "");
            AccountNumber = f.Str("account_number", "");
            Status = f.Str("status", "approved");
            Source = f.Str("source", "manual");
            Rule = f.Str("rule", "");
        }

        /// <summary>The location's id.</summary>
        public string Location { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The fulfillment partner ("temporary_holding" while none is picked).</summary>
        public string Distributor { get; }
        /// <summary>The store's account number at the distributor.</summary>
        public string AccountNumber { get; }
        /// <summary>"approved", "pending" or "denied" (absent: "approved").</summary>
        public string Status { get; }
        /// <summary>"manual" or "auto" (absent: "manual").</summary>
        public string Source { get; }
        /// <summary>The auto-enrollment rule that made it, or "".</summary>
        public string Rule { get; }
    }

    /// <summary>What <see cref="Engine.Enroll"/> answers (<c>enrollment_change</c>).</summary>
    public sealed class EnrollmentChange : Result
    {
        internal EnrollmentChange(Fields f) : base(f)
        {
            Enrollment = f.Doc<Enrollment>("enrollment");
            ReleasedLines = f.Int("released_lines");
        }

        /// <summary>The enrollment as stored.</summary>
        public Enrollment Enrollment { get; }
        /// <summary>How many credit lines waiting in Temporary Holding moved to the new partner.</summary>
        public int ReleasedLines { get; }
    }

    /// <summary>A customer (<c>customer</c>).</summary>
    public sealed class Customer : Result
    {
        internal Customer(Fields f) : base(f)
        {
            Id = f.Str("id");
            FirstName = f.Str("first_name", "");
            LastName = f.Str("last_name", "");
            Email = f.Str("email", "");
            Phone = f.Str("phone", "");
            MailingAddress = f.Str("mailing_address", "");
            Type = f.Str("type", "pet_owner");
            Test = f.Bool("test", false);
            AppSince = f.NullableLong("app_since");
            MergedInto = f.Str("merged_into", "");
        }

        /// <summary>The customer's id.</summary>
        public string Id { get; }
        /// <summary>First name.</summary>
        public string FirstName { get; }
        /// <summary>Last name.</summary>
        public string LastName { get; }
        /// <summary>Email address.</summary>
        public string Email { get; }
        /// <summary>Phone number.</summary>
        public string Phone { get; }
        /// <summary>Mailing address.</summary>
        public string MailingAddress { get; }
        /// <summary>"pet_owner", "breeder" or "employee".</summary>
        public string Type { get; }
        /// <summary>Whether it is a test customer (its redemptions make no credits).</summary>
        public bool Test { get; }
        /// <summary>Since when the customer uses the store's app (Unix seconds), or null.</summary>
        public long? AppSince { get; }
        /// <summary>The surviving customer's id once merged into another, or "".</summary>
        public string MergedInto { get; }
    }

    /// <summary>An auto-enrollment rule (<c>auto_enrollment</c>).</summary>
    public sealed class AutoEnrollment : Result
    {
        internal AutoEnrollment(Fields f) : base(f)
        {
            Id = f.Str("id");
            Locations = f.Strings("locations", true);
            Manufacturer = f.Str("manufacturer");
            Distributor = f.Str("distributor", "");
            AccountNumbers = f.StringsByKey("account_numbers", false);
        }

        /// <summary>The rule's id.</summary>
        public string Id { get; }
        /// <summary>The locations it enrolls.</summary>
        public IReadOnlyList<string> Locations { get; }
        /// <summary>The brand whose offers it enrolls them in.</summary>
        public string Manufacturer { get; }
        /// <summary>The fulfilling distributor.</summary>
        public string Distributor { get; }
        /// <summary>The account number at the distributor, by location.</summary>
        public IReadOnlyDictionary<string, string> AccountNumbers { get; }
    }

    // ---- Checkout ---------------------------------------------------------------------------

    /// <summary>A sale line forced onto a card as a flagged exception.</summary>
    public sealed class LineException : Result
    {
        internal LineException(Fields f) : base(f)
        {
            Program = f.Str("program");
            Card = f.Str("card");
            Reason = f.Str("reason", "");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The card's id within the program.</summary>
        public string Card { get; }
        /// <summary>Why, e.g. "new UPC".</summary>
        public string Reason { get; }
    }

    /// <summary>A sale line of a finished visit.</summary>
    public sealed class SaleLine : Result
    {
        internal SaleLine(Fields f) : base(f)
        {
            Upc = f.Str("upc");
            Quantity = f.Int("quantity");
            UnitPrice = f.Long("unit_price");
            Exception = f.NullableDoc<LineException>("exception");
        }

        /// <summary>The item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Units sold.</summary>
        public int Quantity { get; }
        /// <summary>The shelf price of one unit, in cents.</summary>
        public long UnitPrice { get; }
        /// <summary>The exception that forced it onto a card, or null.</summary>
        public LineException Exception { get; }
    }

    /// <summary>A punch a sale line made (<c>punches</c>).</summary>
    public sealed class Punch : Result
    {
        internal Punch(Fields f) : base(f)
        {
            Program = f.Str("program");
            Card = f.Str("card");
            CardNumber = f.Long("card_number");
            PunchNumber = f.Int("punch_number");
            Line = f.Int("line");
            CompletesCard = f.Bool("completes_card");
            IsException = f.Bool("exception", false);
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The card's id within the program.</summary>
        public string Card { get; }
        /// <summary>The number of the customer's card it punched.</summary>
        public long CardNumber { get; }
        /// <summary>Its position on that card, from 1.</summary>
        public int PunchNumber { get; }
        /// <summary>The index of the sale line that made it.</summary>
        public int Line { get; }
        /// <summary>Whether it completes the card.</summary>
        public bool CompletesCard { get; }
        /// <summary>Whether a flagged exception made it.</summary>
        public bool IsException { get; }
    }

    /// <summary>An item a reward or an offer gives: <see cref="AllowedItem"/>, <see cref="OfferItem"/>.</summary>
    public abstract class RewardItem : Result
    {
        internal RewardItem(Fields f) : base(f)
        {
            Upc = f.Str("upc");
            Description = f.Str("description");
            UnitPrice = f.NullableLong("unit_price");
            Size = f.Str("size", "");
        }

        /// <summary>The item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Its description.</summary>
        public string Description { get; }
        /// <summary>Its last known shelf price at the location in cents, or null when the
        /// store never sold it.</summary>
        public long? UnitPrice { get; }
        /// <summary>Its size label.</summary>
        public string Size { get; }
    }

    /// <summary>An item a reward allows.</summary>
    public sealed class AllowedItem : RewardItem
    {
        internal AllowedItem(Fields f) : base(f)
        {
        }
    }

    /// <summary>A completed card waiting for its reward, with exactly the items it allows
    /// (<c>rewards</c>).</summary>
    public sealed class Reward : Result
    {
        internal Reward(Fields f) : base(f)
        {
            Program = f.Str("program");
            ProgramName = f.Str("program_name", "");
            Card = f.Str("card");
            CardName = f.Str("card_name", "");
            CardNumber = f.Long("card_number");
            Quantity = f.Int("quantity", 1);
            FreeItemRule = f.Str("free_item_rule", "");
            MaxUnitPrice = f.NullableLong("max_unit_price");
            Size = f.Str("size", "");
            Allowed = f.Docs<AllowedItem>("allowed");
            CashBack = f.NullableLong("cash_back");
            PassUsesLeft = f.NullableInt("pass_uses_left");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The program's name.</summary>
        public string ProgramName { get; }
        /// <summary>The card's id within the program.</summary>
        public string Card { get; }
        /// <summary>The card's name.</summary>
        public string CardName { get; }
        /// <summary>The number of the completed card.</summary>
        public long CardNumber { get; }
        /// <summary>Units of the reward.</summary>
        public int Quantity { get; }
        /// <summary>The free-item rule.</summary>
        public string FreeItemRule { get; }
        /// <summary>The highest unit price (cents) the rule allows, or null when it sets none.</summary>
        public long? MaxUnitPrice { get; }
        /// <summary>The size the rule requires, or "".</summary>
        public string Size { get; }
        /// <summary>The items the customer may take.</summary>
        public IReadOnlyList<AllowedItem> Allowed { get; }
        /// <summary>Cash-back cards: the money (cents) the redemption pays out, or null.</summary>
        public long? CashBack { get; }
        /// <summary>Prepaid passes: the uses left on the pass, or null.</summary>
        public int? PassUsesLeft { get; }
    }

    /// <summary>A redemption (<c>redemption</c>).</summary>
    public sealed class Redemption : Result
    {
        internal Redemption(Fields f) : base(f)
        {
            Id = f.Long("id");
            Kind = f.Str("kind");
            Program = f.Str("program");
            Card = f.Str("card");
            CardNumber = f.Long("card_number");
            Upc = f.Str("upc");
            Quantity = f.Int("quantity");
            UnitPrice = f.Long("unit_price");
            CreditLine = f.Long("credit_line");
            CreditState = f.Str("credit_state");
        }

        /// <summary>The redemption's number.</summary>
        public long Id { get; }
        /// <summary>The redemption's kind, e.g. "offer"; "points" for a points reward (its
        /// <see cref="Card"/> is the reward's id, its <see cref="Upc"/> "").</summary>
        public string Kind { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The card's id within the program.</summary>
        public string Card { get; }
        /// <summary>The number of the card redeemed.</summary>
        public long CardNumber { get; }
        /// <summary>The free item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Units given.</summary>
        public int Quantity { get; }
        /// <summary>The free item's unit price in cents.</summary>
        public long UnitPrice { get; }
        /// <summary>The credit line it made, or 0 for none.</summary>
        public long CreditLine { get; }
        /// <summary>That line's state, or "".</summary>
        public string CreditState { get; }
    }

    /// <summary>A finished visit (<c>checkout_result</c>).</summary>
    public sealed class CheckoutResult : Result
    {
        internal CheckoutResult(Fields f) : base(f)
        {
            Location = f.Str("location");
            Receipt = f.Str("receipt");
            Customer = f.Str("customer");
            At = f.Long("at");
            BusinessDate = f.Str("business_date");
            Lines = f.Docs<SaleLine>("lines");
            Punches = f.Docs<Punch>("punches");
            Redemptions = f.Docs<Redemption>("redemptions");
            RewardsWaiting = f.Docs<Reward>("rewards_waiting");
            Points = f.OptionalDocs<PointsActivity>("points");
            Replayed = f.Bool("replayed");
            JournalSeq = f.Long("journal_seq");
        }

        /// <summary>The location's id.</summary>
        public string Location { get; }
        /// <summary>The POS's receipt id.</summary>
        public string Receipt { get; }
        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The visit's time, Unix seconds.</summary>
        public long At { get; }
        /// <summary><see cref="At"/> as a point in time (UTC).</summary>
        public DateTimeOffset AtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(At); }
        }
        /// <summary>The location's business date of the visit, "YYYY-MM-DD".</summary>
        public string BusinessDate { get; }
        /// <summary>The sale lines.</summary>
        public IReadOnlyList<SaleLine> Lines { get; }
        /// <summary>Every punch the visit made.</summary>
        public IReadOnlyList<Punch> Punches { get; }
        /// <summary>Every redemption of the visit.</summary>
        public IReadOnlyList<Redemption> Redemptions { get; }
        /// <summary>Completed cards whose reward still waits.</summary>
        public IReadOnlyList<Reward> RewardsWaiting { get; }
        /// <summary>What the visit did in each points program the location runs.</summary>
        public IReadOnlyList<PointsActivity> Points { get; }
        /// <summary>Whether the receipt was finished before: this is its first result, and
        /// nothing changed.</summary>
        public bool Replayed { get; }
        /// <summary>The journal entry of the visit.</summary>
        public long JournalSeq { get; }
    }

    /// <summary>One visit's outcome in <see cref="Engine.RunCheckouts"/>: status 0 with its
    /// result, or the status, name and message of its refusal.</summary>
    public sealed class CheckoutOutcome : Result
    {
        internal CheckoutOutcome(Fields f) : base(f)
        {
            Status = f.Int("status");
            Name = f.Str("name");
            Message = f.Str("message", "");
            Result = Status == 0 ? f.Doc<CheckoutResult>("result") : null;
        }

        /// <summary>The visit's status code: 0 when it is stored (now, or before:
        /// <see cref="CheckoutResult.Replayed"/>).</summary>
        public int Status { get; }
        /// <summary>The status's short name, e.g. "ok" or "unknown_upc".</summary>
        public string Name { get; }
        /// <summary>The refusal's message ("" when ok).</summary>
        public string Message { get; }
        /// <summary>The checkout result when ok, else null.</summary>
        public CheckoutResult Result { get; }
        /// <summary>Whether the visit is stored.</summary>
        public bool Ok
        {
            get { return Status == 0; }
        }

        /// <summary>The refusal as the exception a single <see cref="Engine.RunCheckout"/>
        /// would throw (its code's class), or null when ok.</summary>
        /// <returns>The exception, not thrown.</returns>
        public TallyException ToException()
        {
            return Ok ? null : TallyException.FromStatus(Status, Message);
        }
    }

    /// <summary>An item an offer gives.</summary>
    public sealed class OfferItem : RewardItem
    {
        internal OfferItem(Fields f) : base(f)
        {
        }
    }

    /// <summary>An offer as it stands for a basket (<c>offers</c>).</summary>
    public sealed class Offer : Result
    {
        internal Offer(Fields f) : base(f)
        {
            OfferId = f.Str("offer");
            Name = f.Str("name");
            Manufacturer = f.Str("manufacturer", "");
            Type = f.Str("type");
            Active = f.Bool("active");
            InactiveReason = f.Str("inactive_reason", "");
            QualifyingUnits = f.Int("qualifying_units");
            Earned = f.Int("earned");
            Redeemed = f.Int("redeemed");
            Declined = f.Bool("declined");
            LimitReached = f.Bool("limit_reached");
            Available = f.Int("available");
            RewardItems = f.Docs<OfferItem>("reward_items");
            Rebate = f.NullableLong("rebate");
            CustomerRemaining = f.NullableLong("customer_remaining");
            OverallRemaining = f.NullableLong("overall_remaining");
        }

        /// <summary>The offer's program id (document field "offer").</summary>
        public string OfferId { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The brand's id.</summary>
        public string Manufacturer { get; }
        /// <summary>"free_good" or "rebate".</summary>
        public string Type { get; }
        /// <summary>Whether it runs at the visit's time.</summary>
        public bool Active { get; }
        /// <summary>Why not, when inactive.</summary>
        public string InactiveReason { get; }
        /// <summary>Qualifying units in the basket.</summary>
        public int QualifyingUnits { get; }
        /// <summary>Rewards the basket earned.</summary>
        public int Earned { get; }
        /// <summary>Rewards redeemed in this visit.</summary>
        public int Redeemed { get; }
        /// <summary>Whether the customer declined it.</summary>
        public bool Declined { get; }
        /// <summary>Whether a limit stops further rewards.</summary>
        public bool LimitReached { get; }
        /// <summary>Rewards still to take in this visit.</summary>
        public int Available { get; }
        /// <summary>The items a free-good offer gives.</summary>
        public IReadOnlyList<OfferItem> RewardItems { get; }
        /// <summary>A rebate offer's amount in cents, or null.</summary>
        public long? Rebate { get; }
        /// <summary>What the customer's limit still allows, or null for no such limit.</summary>
        public long? CustomerRemaining { get; }
        /// <summary>What the overall limit still allows, or null for no such limit.</summary>
        public long? OverallRemaining { get; }
    }

    /// <summary>Whether an adoption qualifies for the bundle (<c>adoption_eligibility</c>).</summary>
    public sealed class AdoptionEligibility : Result
    {
        internal AdoptionEligibility(Fields f) : base(f)
        {
            Eligible = f.Bool("eligible");
            Reason = f.Str("reason", "");
            NextEligible = f.Str("next_eligible");
        }

        /// <summary>Whether it qualifies.</summary>
        public bool Eligible { get; }
        /// <summary>Why not, when it does not.</summary>
        public string Reason { get; }
        /// <summary>When the household qualifies next.</summary>
        public string NextEligible { get; }
    }

    // ---- Loyalty points (docs/programs.md#loyalty-points) -----------------------------------

    /// <summary>A reward of a points program at the till (in <see cref="PointsStatus.Rewards"/>).</summary>
    public sealed class PointsRewardStatus : Result
    {
        internal PointsRewardStatus(Fields f) : base(f)
        {
            RewardId = f.Str("reward");
            Title = f.Str("title");
            Points = f.Long("points");
            Available = f.Bool("available");
            Taken = f.Int("taken");
            Refusal = f.Str("refusal", "");
            Reason = f.Str("reason", "");
        }

        /// <summary>The reward's id within its program (document field "reward").</summary>
        public string RewardId { get; }
        /// <summary>Its title, e.g. "Free self-wash bath".</summary>
        public string Title { get; }
        /// <summary>What it costs, in points.</summary>
        public long Points { get; }
        /// <summary>Whether it may be taken now.</summary>
        public bool Available { get; }
        /// <summary>How many this visit takes.</summary>
        public int Taken { get; }
        /// <summary>When not available: the name of the status that refuses it, e.g.
        /// "insufficient_points" or "limit_reached"; else "".</summary>
        public string Refusal { get; }
        /// <summary>When not available: why, in words; else "".</summary>
        public string Reason { get; }
    }

    /// <summary>A points program the location runs, as it stands for the open visit
    /// (<see cref="Checkout.Points"/>, <c>points_statuses</c>).</summary>
    public sealed class PointsStatus : Result
    {
        internal PointsStatus(Fields f) : base(f)
        {
            Program = f.Str("program");
            Name = f.Str("name");
            Balance = f.Long("balance");
            Earned = f.Long("earned");
            Redeemed = f.Long("redeemed");
            BalanceAfter = f.Long("balance_after");
            RedeemableSameDay = f.Bool("redeemable_same_day");
            Rewards = f.Docs<PointsRewardStatus>("rewards");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>The customer's balance before the visit.</summary>
        public long Balance { get; }
        /// <summary>What the basket earns so far.</summary>
        public long Earned { get; }
        /// <summary>What the rewards taken in this visit cost.</summary>
        public long Redeemed { get; }
        /// <summary>The balance once the visit is finished as it stands.</summary>
        public long BalanceAfter { get; }
        /// <summary>Whether the visit's own points may pay for its rewards.</summary>
        public bool RedeemableSameDay { get; }
        /// <summary>Each active reward of the program.</summary>
        public IReadOnlyList<PointsRewardStatus> Rewards { get; }
    }

    /// <summary>A coupon a brand issued to a customer (<see cref="Engine.Coupon"/>,
    /// <c>coupon</c>; docs/programs.md#coupons).</summary>
    public sealed class Coupon : Result
    {
        internal Coupon(Fields f) : base(f)
        {
            Id = f.Long("id");
            Customer = f.Str("customer");
            Manufacturer = f.Str("manufacturer");
            Kind = f.Str("kind");
            Value = f.Long("value");
            Upcs = f.Strings("upcs", true);
            StartsOn = f.Str("starts_on");
            EndsOn = f.Str("ends_on");
            IssuedAt = f.Long("issued_at");
            Status = f.Str("status");
            Location = f.Str("location", "");
            Receipt = f.Str("receipt", "");
            RedeemedAt = f.NullableLong("redeemed_at");
            Redemption = f.Long("redemption", 0);
            CreditLine = f.Long("credit_line", 0);
        }

        /// <summary>The coupon's id.</summary>
        public long Id { get; }
        /// <summary>The customer it belongs to.</summary>
        public string Customer { get; }
        /// <summary>The brand that issued it and owes its value.</summary>
        public string Manufacturer { get; }
        /// <summary>thank_you, we_miss_you or welcome_home.</summary>
        public string Kind { get; }
        /// <summary>Its value in cents.</summary>
        public long Value { get; }
        /// <summary>The UPCs it applies to (empty: any visit).</summary>
        public IReadOnlyList<string> Upcs { get; }
        /// <summary>The first day it may be redeemed (YYYY-MM-DD).</summary>
        public string StartsOn { get; }
        /// <summary>The last day it may be redeemed (YYYY-MM-DD).</summary>
        public string EndsOn { get; }
        /// <summary>When it was issued, Unix seconds.</summary>
        public long IssuedAt { get; }
        /// <summary>issued or redeemed.</summary>
        public string Status { get; }
        /// <summary>Where it was redeemed ("" until then).</summary>
        public string Location { get; }
        /// <summary>The receipt that redeemed it ("" until then).</summary>
        public string Receipt { get; }
        /// <summary>When it was redeemed, Unix seconds (null until then).</summary>
        public long? RedeemedAt { get; }
        /// <summary>The redemption it made (0 until then).</summary>
        public long Redemption { get; }
        /// <summary>The credit line it made (0 until then).</summary>
        public long CreditLine { get; }
    }

    /// <summary>A customer the brand may not give the coupon to, and why
    /// (in <see cref="CouponIssueResult.Refused"/>).</summary>
    public sealed class CouponRefusal : Result
    {
        internal CouponRefusal(Fields f) : base(f)
        {
            Customer = f.Str("customer");
            Refusal = f.Str("refusal");
            Reason = f.Str("reason");
        }

        /// <summary>The customer.</summary>
        public string Customer { get; }
        /// <summary>The status name that refuses it, e.g. not_engaged.</summary>
        public string Refusal { get; }
        /// <summary>Why.</summary>
        public string Reason { get; }
    }

    /// <summary>What <see cref="Engine.IssueCoupons"/> made (<c>coupon_issue_result</c>).</summary>
    public sealed class CouponIssueResult : Result
    {
        internal CouponIssueResult(Fields f) : base(f)
        {
            Issued = f.Docs<Coupon>("issued");
            Refused = f.Docs<CouponRefusal>("refused");
        }

        /// <summary>The coupons issued.</summary>
        public IReadOnlyList<Coupon> Issued { get; }
        /// <summary>The customers refused, each with why.</summary>
        public IReadOnlyList<CouponRefusal> Refused { get; }
    }

    /// <summary>One of the customer's coupons at the till (<see cref="Checkout.Coupons"/>,
    /// <c>coupon_statuses</c>).</summary>
    public sealed class CouponStatus : Result
    {
        internal CouponStatus(Fields f) : base(f)
        {
            Coupon = f.Doc<Coupon>("coupon");
            Usable = f.Bool("usable");
            Redeemed = f.Bool("redeemed");
            Refusal = f.Str("refusal", "");
            Reason = f.Str("reason", "");
        }

        /// <summary>The coupon.</summary>
        public Coupon Coupon { get; }
        /// <summary>Whether it may be redeemed in this visit now.</summary>
        public bool Usable { get; }
        /// <summary>Whether this visit redeems it.</summary>
        public bool Redeemed { get; }
        /// <summary>The status name that refuses it ("" when usable).</summary>
        public string Refusal { get; }
        /// <summary>Why ("" when usable).</summary>
        public string Reason { get; }
    }

    /// <summary>What one earning event of a points program gave in a visit (in
    /// <see cref="PointsActivity.Events"/>).</summary>
    public sealed class PointsEarned : Result
    {
        internal PointsEarned(Fields f) : base(f)
        {
            Event = f.Str("event");
            Points = f.Long("points");
            LinePoints = f.Longs("line_points", true);
        }

        /// <summary>The event's id within its program, e.g. "dollars".</summary>
        public string Event { get; }
        /// <summary>The points it gave.</summary>
        public long Points { get; }
        /// <summary>Each sale line's share of <see cref="Points"/>, by line (what a return of
        /// that line takes back).</summary>
        public IReadOnlyList<long> LinePoints { get; }
    }

    /// <summary>A points reward paid in a visit (in <see cref="PointsActivity.Redeemed"/>).</summary>
    public sealed class PointsRewardTaken : Result
    {
        internal PointsRewardTaken(Fields f) : base(f)
        {
            RewardId = f.Str("reward");
            Title = f.Str("title");
            Points = f.Long("points");
            Redemption = f.Long("redemption");
        }

        /// <summary>The reward's id (document field "reward").</summary>
        public string RewardId { get; }
        /// <summary>Its title.</summary>
        public string Title { get; }
        /// <summary>What it cost, in points.</summary>
        public long Points { get; }
        /// <summary>Its redemption's id (a <see cref="Tally.Redemption"/> of kind "points").</summary>
        public long Redemption { get; }
    }

    /// <summary>What a finished visit did in one points program (in
    /// <see cref="CheckoutResult.Points"/>, <c>points_activity</c>).</summary>
    public sealed class PointsActivity : Result
    {
        internal PointsActivity(Fields f) : base(f)
        {
            Program = f.Str("program");
            BalanceBefore = f.Long("balance_before");
            Expired = f.Long("expired");
            Earned = f.Long("earned");
            Events = f.Docs<PointsEarned>("events");
            Redeemed = f.Docs<PointsRewardTaken>("redeemed");
            Balance = f.Long("balance");
        }

        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The balance before the visit, after expiry.</summary>
        public long BalanceBefore { get; }
        /// <summary>Points past their expiry that the visit dropped.</summary>
        public long Expired { get; }
        /// <summary>The points the visit earned.</summary>
        public long Earned { get; }
        /// <summary>What each earning event gave.</summary>
        public IReadOnlyList<PointsEarned> Events { get; }
        /// <summary>The rewards paid.</summary>
        public IReadOnlyList<PointsRewardTaken> Redeemed { get; }
        /// <summary>The balance after the visit (negative: the customer owes points).</summary>
        public long Balance { get; }
    }

    /// <summary>Points earned on one business day at one location, not yet spent or expired
    /// (in <see cref="CustomerPoints.Lots"/>).</summary>
    public sealed class PointsLot : Result
    {
        internal PointsLot(Fields f) : base(f)
        {
            EarnedOn = f.Str("earned_on");
            Location = f.Str("location");
            Points = f.Long("points");
            ExpiresOn = f.NullableStr("expires_on");
        }

        /// <summary>The business date they were earned, "YYYY-MM-DD".</summary>
        public string EarnedOn { get; }
        /// <summary>The location they were earned at.</summary>
        public string Location { get; }
        /// <summary>The points left of them.</summary>
        public long Points { get; }
        /// <summary>The date they expire, "YYYY-MM-DD", or null when the program's points do not expire.</summary>
        public string ExpiresOn { get; }
    }

    /// <summary>How many times a customer took a reward (in <see cref="CustomerPoints.RewardsTaken"/>).</summary>
    public sealed class PointsRewardUse : Result
    {
        internal PointsRewardUse(Fields f) : base(f)
        {
            RewardId = f.Str("reward");
            Count = f.Int("count");
        }

        /// <summary>The reward's id (document field "reward").</summary>
        public string RewardId { get; }
        /// <summary>Times taken (undone ones not counted).</summary>
        public int Count { get; }
    }

    /// <summary>A customer's points in one points program (<see cref="Engine.Points"/>,
    /// <c>customer_points</c>).</summary>
    public sealed class CustomerPoints : Result
    {
        internal CustomerPoints(Fields f) : base(f)
        {
            Customer = f.Str("customer");
            Program = f.Str("program");
            Name = f.Str("name");
            Active = f.Bool("active");
            Balance = f.Long("balance");
            Debt = f.Long("debt");
            Lots = f.Docs<PointsLot>("lots");
            RewardsTaken = f.Docs<PointsRewardUse>("rewards_taken");
        }

        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Whether the program is active (false: switched off).</summary>
        public bool Active { get; }
        /// <summary>The balance: the lots less the debt (negative when the customer owes points).</summary>
        public long Balance { get; }
        /// <summary>The points owed, which new points pay first.</summary>
        public long Debt { get; }
        /// <summary>The lots not yet spent or expired, oldest first.</summary>
        public IReadOnlyList<PointsLot> Lots { get; }
        /// <summary>The rewards taken.</summary>
        public IReadOnlyList<PointsRewardUse> RewardsTaken { get; }
    }

    /// <summary>A change of a customer's points balance (<see cref="Engine.PointsHistory"/>,
    /// <c>points_history</c>).</summary>
    public sealed class PointsHistoryEntry : Result
    {
        internal PointsHistoryEntry(Fields f) : base(f)
        {
            Number = f.Long("number");
            Kind = f.Str("kind");
            Points = f.Long("points");
            Balance = f.Long("balance");
            At = f.Long("at");
            BusinessDate = f.Str("business_date");
            Location = f.Str("location");
            Receipt = f.Str("receipt", "");
            ReturnId = f.Str("return_id", "");
            RewardId = f.Str("reward", "");
            Redemption = f.Long("redemption", 0);
        }

        /// <summary>The entry's number, from 1 per customer and program.</summary>
        public long Number { get; }
        /// <summary>"earned", "redeemed", "expired", "returned", "refunded" or "merged".</summary>
        public string Kind { get; }
        /// <summary>The change, signed: positive when earned or refunded, negative when spent, expired or returned; a merge moves the duplicate's balance.</summary>
        public long Points { get; }
        /// <summary>The balance after the change.</summary>
        public long Balance { get; }
        /// <summary>When, Unix seconds.</summary>
        public long At { get; }
        /// <summary><see cref="At"/> as a point in time (UTC).</summary>
        public DateTimeOffset AtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(At); }
        }
        /// <summary>The location's business date of the change, "YYYY-MM-DD".</summary>
        public string BusinessDate { get; }
        /// <summary>The location where it happened.</summary>
        public string Location { get; }
        /// <summary>The visit's receipt (earned, redeemed), or a return's original receipt; "" for none.</summary>
        public string Receipt { get; }
        /// <summary>The return's id (returned), or "".</summary>
        public string ReturnId { get; }
        /// <summary>The reward's id (redeemed, refunded; document field "reward"), or "".</summary>
        public string RewardId { get; }
        /// <summary>The redemption's id (redeemed, refunded), or 0.</summary>
        public long Redemption { get; }
    }

    // ---- Manufacturers' vouchers ----------------------------------------------------------

    /// <summary>A manufacturer's voucher (<see cref="Engine.Vouchers"/>, <c>voucher</c>): free
    /// product a brand grants a store, redeemed at the till for an item of its list.</summary>
    public sealed class Voucher : Result
    {
        internal Voucher(Fields f) : base(f)
        {
            Id = f.Str("id");
            Program = f.Str("program");
            Manufacturer = f.Str("manufacturer");
            Location = f.Str("location");
            State = f.Str("state");
            Expires = f.Str("expires");
            Note = f.Str("note", "");
            IssuedAt = f.Long("issued_at");
            AllowedUpcs = f.Strings("allowed_upcs", true);
            Receipt = f.Str("receipt", "");
            RedeemedAt = f.NullableLong("redeemed_at");
            RedeemedOn = f.Str("redeemed_on", "");
            Upc = f.Str("upc", "");
            UnitPrice = f.Long("unit_price", 0);
            Redemption = f.Long("redemption", 0);
            CreditLine = f.Long("credit_line", 0);
        }

        /// <summary>The voucher's id.</summary>
        public string Id { get; }
        /// <summary>Its voucher program.</summary>
        public string Program { get; }
        /// <summary>The brand that issued it.</summary>
        public string Manufacturer { get; }
        /// <summary>The location it was issued to.</summary>
        public string Location { get; }
        /// <summary>"pending", "redeemed" or "expired" (pending past its last day).</summary>
        public string State { get; }
        /// <summary>The last day it may be redeemed, "YYYY-MM-DD" at the location.</summary>
        public string Expires { get; }
        /// <summary>The brand's note, or "".</summary>
        public string Note { get; }
        /// <summary>When it was issued, Unix seconds.</summary>
        public long IssuedAt { get; }
        /// <summary>The items it may be taken in.</summary>
        public IReadOnlyList<string> AllowedUpcs { get; }
        /// <summary>The receipt that redeemed it, or "".</summary>
        public string Receipt { get; }
        /// <summary>When it was redeemed, Unix seconds; null while pending.</summary>
        public long? RedeemedAt { get; }
        /// <summary>The business date it was redeemed on, or "".</summary>
        public string RedeemedOn { get; }
        /// <summary>The item it was taken in, or "".</summary>
        public string Upc { get; }
        /// <summary>That item's price in cents, or 0.</summary>
        public long UnitPrice { get; }
        /// <summary>Its redemption's id, or 0.</summary>
        public long Redemption { get; }
        /// <summary>The free-goods credit line the brand pays back, or 0.</summary>
        public long CreditLine { get; }
    }

    // ---- Cards, credit lines, batches, the journal, corrections ----------------------------

    /// <summary>A punch on a card.</summary>
    public sealed class CardPunch : Result
    {
        internal CardPunch(Fields f) : base(f)
        {
            Upc = f.Str("upc");
            UnitPrice = f.Long("unit_price");
            At = f.Str("at");
            Receipt = f.Str("receipt");
            Location = f.Str("location");
            IsException = f.Bool("exception", false);
            Reason = f.Str("reason", "");
            CashBack = f.Long("cash_back", 0);
        }

        /// <summary>The item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Its unit price in cents.</summary>
        public long UnitPrice { get; }
        /// <summary>When, as ISO 8601 text.</summary>
        public string At { get; }
        /// <summary>The receipt.</summary>
        public string Receipt { get; }
        /// <summary>The location.</summary>
        public string Location { get; }
        /// <summary>Whether a flagged exception made it.</summary>
        public bool IsException { get; }
        /// <summary>The exception's or multi-punch reason, or "".</summary>
        public string Reason { get; }
        /// <summary>Cash-back cards: the cash back (cents) the punch earned.</summary>
        public long CashBack { get; }
    }

    /// <summary>A customer's card (<c>cards</c>).</summary>
    public sealed class Card : Result
    {
        internal Card(Fields f) : base(f)
        {
            Number = f.Long("number");
            Customer = f.Str("customer");
            Program = f.Str("program");
            CardId = f.Str("card");
            Size = f.Str("size", "");
            Status = f.Str("status");
            Required = f.Int("required");
            PunchCount = f.Int("punch_count");
            Punches = f.Docs<CardPunch>("punches");
            ExpiredPunches = f.Int("expired_punches");
            Debt = f.Int("debt", 0);
            OpenedAt = f.Str("opened_at");
            CompletedAt = f.NullableStr("completed_at");
            Redemption = f.NullableLong("redemption");
            CashBack = f.Long("cash_back", 0);
            CashBackDebt = f.Long("cash_back_debt", 0);
            PassUsesLeft = f.NullableInt("pass_uses_left");
        }

        /// <summary>The card's number.</summary>
        public long Number { get; }
        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The card's id within the program, e.g. "dog-small" (document field "card").</summary>
        public string CardId { get; }
        /// <summary>The size of its purchases (same-size rule), or "".</summary>
        public string Size { get; }
        /// <summary>The card's status.</summary>
        public string Status { get; }
        /// <summary>Punches that complete it.</summary>
        public int Required { get; }
        /// <summary>Punches it has.</summary>
        public int PunchCount { get; }
        /// <summary>Its punches.</summary>
        public IReadOnlyList<CardPunch> Punches { get; }
        /// <summary>Punches that fell out of the purchase window.</summary>
        public int ExpiredPunches { get; }
        /// <summary>Punches owed back by returns.</summary>
        public int Debt { get; }
        /// <summary>When it was opened, ISO 8601 text.</summary>
        public string OpenedAt { get; }
        /// <summary>When it was completed, ISO 8601 text, or null.</summary>
        public string CompletedAt { get; }
        /// <summary>Its redemption's number, or null.</summary>
        public long? Redemption { get; }
        /// <summary>Cash-back cards: the punches' cash back (cents) less the debt, never below zero.</summary>
        public long CashBack { get; }
        /// <summary>Cash back (cents) owed by returns after a payout.</summary>
        public long CashBackDebt { get; }
        /// <summary>Prepaid passes: the uses left, or null.</summary>
        public int? PassUsesLeft { get; }
    }

    /// <summary>One step of a credit line's or a batch's history.</summary>
    public sealed class HistoryEntry : Result
    {
        internal HistoryEntry(Fields f) : base(f)
        {
            State = f.Str("state");
            At = f.Long("at");
            Actor = f.Str("actor");
            Note = f.Str("note");
        }

        /// <summary>The state entered.</summary>
        public string State { get; }
        /// <summary>When, Unix seconds.</summary>
        public long At { get; }
        /// <summary><see cref="At"/> as a point in time (UTC).</summary>
        public DateTimeOffset AtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(At); }
        }
        /// <summary>Who made the step.</summary>
        public string Actor { get; }
        /// <summary>Its note.</summary>
        public string Note { get; }
    }

    /// <summary>A credit line with its whole history (<c>credit_line</c>).</summary>
    public sealed class CreditLine : Result
    {
        internal CreditLine(Fields f) : base(f)
        {
            Id = f.Long("id");
            Stream = f.Str("stream");
            State = f.Str("state");
            Fulfillment = f.Str("fulfillment");
            Partner = f.Str("partner");
            AccountNumber = f.Str("account_number");
            Manufacturer = f.Str("manufacturer", "");
            Program = f.Str("program");
            ProgramKind = f.Str("program_kind");
            Card = f.Str("card");
            Location = f.Str("location");
            Customer = f.Str("customer");
            Receipt = f.Str("receipt");
            Redemption = f.Long("redemption", 0);
            Upc = f.Str("upc");
            Quantity = f.Int("quantity");
            UnitPrice = f.Long("unit_price");
            CreatedAt = f.Long("created_at");
            BusinessDate = f.Str("business_date");
            Batch = f.Long("batch");
            CreditBatch = f.Long("credit_batch");
            DeclineReason = f.Str("decline_reason");
            DeclineNote = f.Str("decline_note");
            ResubmittedAt = f.NullableLong("resubmitted_at");
            Reverses = f.Long("reverses");
            History = f.Docs<HistoryEntry>("history");
        }

        /// <summary>The line's number.</summary>
        public long Id { get; }
        /// <summary>"free_goods" or "rebates".</summary>
        public string Stream { get; }
        /// <summary>Its state, e.g. "new" or "reconciled".</summary>
        public string State { get; }
        /// <summary>"distributor", "direct" or "retailer".</summary>
        public string Fulfillment { get; }
        /// <summary>Who pays the store back.</summary>
        public string Partner { get; }
        /// <summary>The store's account number at the partner.</summary>
        public string AccountNumber { get; }
        /// <summary>The brand's id.</summary>
        public string Manufacturer { get; }
        /// <summary>The program's id.</summary>
        public string Program { get; }
        /// <summary>The program's kind.</summary>
        public string ProgramKind { get; }
        /// <summary>The card's id within the program, or "".</summary>
        public string Card { get; }
        /// <summary>The location's id.</summary>
        public string Location { get; }
        /// <summary>The customer's id.</summary>
        public string Customer { get; }
        /// <summary>The receipt of the redemption.</summary>
        public string Receipt { get; }
        /// <summary>The redemption's number, or 0.</summary>
        public long Redemption { get; }
        /// <summary>The free item's UPC.</summary>
        public string Upc { get; }
        /// <summary>Units.</summary>
        public int Quantity { get; }
        /// <summary>The unit price in cents.</summary>
        public long UnitPrice { get; }
        /// <summary>When it was made, Unix seconds.</summary>
        public long CreatedAt { get; }
        /// <summary><see cref="CreatedAt"/> as a point in time (UTC).</summary>
        public DateTimeOffset CreatedAtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(CreatedAt); }
        }
        /// <summary>The business date of its redemption, "YYYY-MM-DD".</summary>
        public string BusinessDate { get; }
        /// <summary>Its batch's number, or 0 when in none.</summary>
        public long Batch { get; }
        /// <summary>Its credit batch's number, or 0 when in none.</summary>
        public long CreditBatch { get; }
        /// <summary>Why it was declined, or "".</summary>
        public string DeclineReason { get; }
        /// <summary>The decline's note, or "".</summary>
        public string DeclineNote { get; }
        /// <summary>When it was last resubmitted (Unix seconds), or null.</summary>
        public long? ResubmittedAt { get; }
        /// <summary>The line a reversal reverses, or 0.</summary>
        public long Reverses { get; }
        /// <summary>Every step, oldest first.</summary>
        public IReadOnlyList<HistoryEntry> History { get; }
    }

    /// <summary>A batch of credit lines (<c>batch</c>).</summary>
    public sealed class Batch : Result
    {
        internal Batch(Fields f) : base(f)
        {
            Id = f.Long("id");
            Kind = f.Str("kind");
            Partner = f.Str("partner");
            Manufacturer = f.Str("manufacturer", "");
            Stream = f.Str("stream");
            Name = f.Str("name");
            State = f.Str("state");
            Lines = f.Longs("lines", true);
            Batches = f.Longs("batches", true);
            Locations = f.Strings("locations", true);
            CreatedAt = f.Long("created_at");
            MemoNumber = f.Str("memo_number");
            CreditedAmount = f.Long("credited_amount");
            Note = f.Str("note");
            History = f.Docs<HistoryEntry>("history");
            ReportLines = f.Has("report_lines") ? f.Docs<CreditLine>("report_lines") : null;
        }

        /// <summary>The batch's number.</summary>
        public long Id { get; }
        /// <summary>"distributor", "direct", "retailer" or "credit" (docs/architecture.md).</summary>
        public string Kind { get; }
        /// <summary>The partner it goes to.</summary>
        public string Partner { get; }
        /// <summary>The brand of a credit batch, or "".</summary>
        public string Manufacturer { get; }
        /// <summary>"free_goods" or "rebates".</summary>
        public string Stream { get; }
        /// <summary>Its name.</summary>
        public string Name { get; }
        /// <summary>Its state.</summary>
        public string State { get; }
        /// <summary>The numbers of its credit lines.</summary>
        public IReadOnlyList<long> Lines { get; }
        /// <summary>The batches a credit batch claims.</summary>
        public IReadOnlyList<long> Batches { get; }
        /// <summary>The locations it covers.</summary>
        public IReadOnlyList<string> Locations { get; }
        /// <summary>When it was made, Unix seconds.</summary>
        public long CreatedAt { get; }
        /// <summary><see cref="CreatedAt"/> as a point in time (UTC).</summary>
        public DateTimeOffset CreatedAtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(CreatedAt); }
        }
        /// <summary>The credit memo's number, or "".</summary>
        public string MemoNumber { get; }
        /// <summary>The amount credited, in cents.</summary>
        public long CreditedAmount { get; }
        /// <summary>Its note.</summary>
        public string Note { get; }
        /// <summary>Every step, oldest first.</summary>
        public IReadOnlyList<HistoryEntry> History { get; }
        /// <summary>Its lines in full, in a report's batches only; null elsewhere.</summary>
        public IReadOnlyList<CreditLine> ReportLines { get; }
    }

    /// <summary>A location's cadence and whether its retailer batch is due (<c>batches_due</c>).</summary>
    public sealed class BatchDue : Result
    {
        internal BatchDue(Fields f) : base(f)
        {
            Location = f.Str("location");
            Cadence = f.Str("cadence");
            AnchorDate = f.Str("anchor_date");
            Due = f.Bool("due");
            NewLines = f.Int("new_lines");
        }

        /// <summary>The location's id.</summary>
        public string Location { get; }
        /// <summary>"weekly", "biweekly", "monthly" or "manual".</summary>
        public string Cadence { get; }
        /// <summary>The cadence's first date, "YYYY-MM-DD".</summary>
        public string AnchorDate { get; }
        /// <summary>Whether a batch is due on the date asked.</summary>
        public bool Due { get; }
        /// <summary>Lines waiting for a retailer batch.</summary>
        public int NewLines { get; }
    }

    /// <summary>A change, in the form of the call's answer or document (<c>journal</c>).</summary>
    public sealed class JournalEntry : Result
    {
        internal JournalEntry(Fields f) : base(f)
        {
            Seq = f.Long("seq");
            At = f.Long("at");
            Kind = f.Str("kind");
            JsonValue document = f.Value("document");
            if (document.Kind != JsonKind.Object)
                throw new DocumentFormatException(f.Path + ".document", "expected an object, got " + document.TypeName);
            DocumentJson = document.Text;
        }

        /// <summary>The entry's number: rising, with gaps.</summary>
        public long Seq { get; }
        /// <summary>When, Unix seconds.</summary>
        public long At { get; }
        /// <summary><see cref="At"/> as a point in time (UTC).</summary>
        public DateTimeOffset AtUtc
        {
            get { return DateTimeOffset.FromUnixTimeSeconds(At); }
        }
        /// <summary>What changed, e.g. "checkout", "customer".</summary>
        public string Kind { get; }
        /// <summary>The change's document, as JSON text.</summary>
        public string DocumentJson { get; }

        /// <summary>The change's document as a result class, e.g.
        /// <c>entry.DocumentAs&lt;CheckoutResult&gt;()</c> for a "checkout" entry.</summary>
        /// <typeparam name="T">The result class of this kind of entry.</typeparam>
        /// <returns>The typed document.</returns>
        /// <exception cref="DocumentFormatException">The document lacks a field
        /// <typeparamref name="T"/> needs.</exception>
        public T DocumentAs<T>() where T : Result
        {
            return Parse<T>(DocumentJson);
        }
    }

    /// <summary>What <see cref="Engine.ReturnItems"/> answers (<c>return_result</c>).</summary>
    public sealed class ReturnResult : Result
    {
        internal ReturnResult(Fields f) : base(f)
        {
            ReturnId = f.Str("return_id");
            PunchesRemoved = f.Int("punches_removed");
            DebtAdded = f.Int("debt_added");
            PointsReturned = f.Long("points_returned", 0);
            Replayed = f.Bool("replayed");
            CashBackTaken = f.Long("cash_back_taken", 0);
        }

        /// <summary>The POS's return id.</summary>
        public string ReturnId { get; }
        /// <summary>Punches taken off open cards.</summary>
        public int PunchesRemoved { get; }
        /// <summary>Punches owed by completed cards.</summary>
        public int DebtAdded { get; }
        /// <summary>The points the return took back.</summary>
        public long PointsReturned { get; }
        /// <summary>Whether the return was made before (its first answer).</summary>
        public bool Replayed { get; }
        /// <summary>Cash back (cents) the returned units had earned, taken off or owed.</summary>
        public long CashBackTaken { get; }
    }
}
