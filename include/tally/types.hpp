// SPDX-License-Identifier: Apache-2.0
// Value types of the public C++ API, named as the retailer names them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tally {

// Seconds since 1970-01-01T00:00:00Z. Every operation that depends on "now" takes one
// from the POS; the library never reads a clock.
using Timestamp = std::int64_t;
// Money in minor units (cents).
using Cents = std::int64_t;

// The built-in placeholder partner for programs whose distributor is not known yet.
inline constexpr const char* kTemporaryHolding = "temporary_holding";

enum class CustomerType { pet_owner, breeder, employee };

struct Location {
  std::string id;
  std::string name;
  std::string state;      // two-letter state or province code, e.g. "VA"
  std::string time_zone;  // an IANA name ("America/New_York") or a POSIX TZ string ("EST5EDT,M3.2.0,M11.1.0")
  bool master = false;
};

struct Customer {
  std::string id;  // the POS's customer id; generated ("C1", "C2", ...) when empty
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string phone;
  std::string mailing_address;
  CustomerType type = CustomerType::pet_owner;
  bool test = false;                     // training customer: never creates credit lines
  std::optional<Timestamp> app_since;    // on the store's mobile app since
  std::string merged_into;  // set when this duplicate was merged into another customer
};

struct Enrollment {
  std::string location_id;
  std::string program_id;
  // The fulfillment partner: a distributor id, kTemporaryHolding, or empty for programs
  // that are not distributor fulfilled.
  std::string distributor_id;
  std::string account_number;  // the store's account at that distributor
  // Private programs: "pending" until the brand approves ("approved") or denies ("denied").
  std::string status = "approved";
  std::string source = "manual";  // manual | auto (made by an auto-enrollment rule)
  std::string rule_id;            // the auto-enrollment rule, when source is auto

  bool active() const { return status == "approved"; }
};

// "Enroll these locations in every current and future offer of this brand, fulfilled by
// this distributor." Never changes an enrollment the store made by hand.
struct AutoEnrollmentRule {
  std::string id;
  std::vector<std::string> location_ids;
  std::string manufacturer_id;
  std::string distributor_id;
  std::map<std::string, std::string> account_numbers;  // by location, where the distributor needs one
};

struct EnrollmentChange {
  Enrollment enrollment;
  int released_lines = 0;  // held credit lines moved to the new distributor
};

// One line of the receipt. Prices come from the till, never from the catalog.
struct SaleLine {
  std::string upc;
  std::int32_t quantity = 1;
  Cents unit_price = 0;
  // A forced exception: put this item on the named card although the rules exclude it
  // (or the UPC is not in the catalog yet). Needs a reason; it is flagged and reported.
  std::string exception_program;
  std::string exception_card;
  std::string exception_reason;
};

struct Punch {
  std::string program_id;
  std::string card_id;       // the card type within the program
  std::int64_t card_number;  // the customer's card (0 = a card this visit opens)
  int punch_number = 0;      // 1..required on that card
  int line_index = 0;        // which sale line made it
  bool exception = false;
  bool completes_card = false;  // this punch made the card complete
};

struct AllowedItem {
  std::string upc;
  std::string description;
  std::string size;
  std::optional<Cents> unit_price;  // last known shelf price at this location
};

// A completed card whose reward has not been taken.
struct Reward {
  std::string program_id;
  std::string program_name;
  std::string card_id;
  std::string card_name;
  std::int64_t card_number = 0;
  int quantity = 1;
  std::string free_item_rule;       // any_in_group | lesser_or_equal_value | same_size
  std::optional<Cents> max_unit_price;  // lesser_or_equal_value only
  std::string size;                 // same_size only
  std::vector<AllowedItem> allowed;
  // Cash-back cards: the money the redemption pays out (no item to choose).
  std::optional<Cents> cash_back;
  // Prepaid passes: uses left on this pass (no item to choose; Checkout::use_pass).
  std::optional<int> pass_uses_left;
};

// Using a prepaid pass: `quantity` uses of the customer's pass of this card type, the
// oldest pass first.
struct PassUseRequest {
  std::string program_id;
  std::string card_id;
  std::int32_t quantity = 1;
};

struct RedemptionRequest {
  std::string program_id;
  std::string card_id;
  std::string upc;
  std::optional<Cents> unit_price;  // the free item's shelf price; last known when absent
};

struct Redemption {
  std::int64_t id = 0;  // 0 until finished
  std::string kind = "card";  // card | discount | cash_back | pass | offer | rebate | adoption
  std::string program_id;
  std::string card_id;
  std::int64_t card_number = 0;
  std::string upc;
  int quantity = 1;
  Cents unit_price = 0;
  std::int64_t credit_line_id = 0;  // 0 when no credit line is created
  std::string credit_state;         // held | new | "" (none)
};

// One state change of a credit line: appended, never edited.
struct CreditLineEvent {
  std::string state;
  Timestamp at = 0;
  std::string actor;  // system | retailer | distributor | manufacturer
  std::string note;
};

// Taking an offer's reward: the free item (free-good offers) or the rebate.
struct OfferRedemptionRequest {
  std::string offer_id;
  std::string upc;                  // free-good offers: the reward item; rebates: ignored
  std::optional<Cents> unit_price;  // the free item's shelf price; last known when absent
};

// What an offer means for the basket at the till.
struct OfferStatus {
  std::string offer_id;
  std::string name;
  std::string manufacturer_id;
  std::string type;            // free_good | rebate
  bool active = false;         // enrolled, approved, and within its dates today
  std::string inactive_reason;
  int qualifying_units = 0;    // units of the basket that count towards it
  int earned = 0;              // rewards the basket earns
  int redeemed = 0;            // taken in this visit
  bool declined = false;       // the customer said no
  std::optional<int> customer_remaining;           // under the per-customer limit
  std::optional<std::int64_t> overall_remaining;   // units or cents under the overall limit
  bool limit_reached = false;
  int available = 0;           // rewards the customer can still take now
  Cents rebate = 0;
  std::vector<AllowedItem> reward_items;
};

// A bundle of free starter products for a newly adopted pet.
struct AdoptionRequest {
  std::string species;        // dog, cat, rabbit, small_rodent, ...
  std::string adoption_date;  // YYYY-MM-DD
  std::string source;         // rescue | shelter | stray | rehomed | in_store
  bool bonded_pair = false;   // two pets adopted together share one bundle
  std::vector<std::string> upcs;  // at most 3, each of another category
  // Each item's shelf price, in the order of upcs (nullopt: the last price seen at the
  // store); empty: every item at its last price. An item without a price is refused.
  std::vector<std::optional<Cents>> unit_prices;
};

struct AdoptionEligibility {
  bool eligible = false;
  std::string reason;           // why not
  std::string next_eligible;    // YYYY-MM-DD, when the 365-day rule is what refuses
};

struct CreditLine {
  std::int64_t id = 0;
  std::string stream;        // free_goods | rebates
  std::string state;         // held | new | ...
  std::string fulfillment;   // distributor | direct | retailer
  std::string partner;       // distributor id, kTemporaryHolding, manufacturer id (direct), or "retailer"
  std::string account_number;
  std::string manufacturer_id;
  std::string program_id;
  std::string card_id;
  std::string location_id;
  std::string customer_id;
  std::string receipt_id;
  std::int64_t redemption_id = 0;
  std::string upc;
  int quantity = 1;
  Cents unit_price = 0;
  Timestamp created_at = 0;
  std::string business_date;        // the redemption's day at the location
  std::string program_kind;         // frequent_buyer | tracking | ... (for report filters)
  std::int64_t batch_id = 0;        // the batch it is in (0: none)
  std::int64_t credit_batch_id = 0; // the manufacturer credit batch it was grouped into
  std::string decline_reason;       // set while declined
  std::string decline_note;
  std::optional<Timestamp> resubmitted_at;
  std::int64_t reverses = 0;        // a reversal line: the credited line it takes back
  std::vector<CreditLineEvent> history;
};

// Who makes a lifecycle transition. A distributor or manufacturer names itself by id; the
// retailer may name a location (then only that location's lines are its to move).
enum class ActorRole { retailer, distributor, manufacturer };

struct Actor {
  ActorRole role = ActorRole::retailer;
  std::string id;
};

// A batch of credit lines: a distributor's (or manufacturer's, for direct programs) pull,
// a retailer's own batch for retailer-fulfilled lines, or a credit batch a distributor
// claims from a manufacturer.
struct Batch {
  std::int64_t id = 0;
  std::string kind;     // distributor | retailer | credit
  std::string partner;  // who holds it: distributor id, manufacturer id, or "retailer"
  std::string manufacturer_id;  // credit batches: who is claimed from
  std::string stream;   // free_goods | rebates
  std::string name;
  // distributor: unfulfilled, fulfilled, dissolved; retailer: open, submitted, complete,
  // dissolved; credit: claimed, paid
  std::string state;
  std::vector<std::int64_t> lines;
  std::vector<std::int64_t> batches;  // credit batches: the distributor batches grouped
  std::vector<std::string> locations;
  Timestamp created_at = 0;
  std::string memo_number;   // credit memo of a fulfilled batch
  Cents credited_amount = 0;
  std::string note;
  std::vector<CreditLineEvent> history;
};

struct CreditMemo {
  std::string number;
  Cents amount = 0;
  std::string note;
};

enum class Cadence { weekly, biweekly, monthly, manual };

// Whether the retailer's own batch is due on a date, by its cadence.
struct BatchDue {
  std::string location_id;
  std::string cadence;
  std::string anchor_date;  // YYYY-MM-DD the cadence counts from
  bool due = false;
  int new_lines = 0;        // retailer-fulfilled lines waiting for a batch
};

struct CardPunch {
  std::string upc;
  Cents unit_price = 0;
  Timestamp at = 0;
  std::string receipt_id;
  std::string location_id;
  bool exception = false;
  std::string reason;
  Cents cash_back = 0;  // cash-back cards: what this punch earned
};

struct Card {
  std::int64_t number = 0;
  int debt = 0;  // extra punches owed after a returned item had paid for a reward
  std::string customer_id;
  std::string program_id;
  std::string card_id;
  std::string size;  // same_size cards only
  std::string status;  // open | complete | redeemed
  int required = 0;    // punches needed (buy_n)
  std::vector<CardPunch> punches;
  int expired_punches = 0;  // dropped by the purchase window
  Timestamp opened_at = 0;
  std::optional<Timestamp> completed_at;
  std::int64_t redemption_id = 0;
  // Cash-back cards: the punches' cash back, less what returns took back after a payout
  // (cash_back_debt); never below zero.
  Cents cash_back = 0;
  Cents cash_back_debt = 0;
  std::optional<int> pass_uses_left;  // prepaid passes
};

// Paying for a points reward at the till.
struct PointsRedemptionRequest {
  std::string program_id;
  std::string reward_id;
};

// The points one earning event gave in a visit, and each sale line's share of them (what a
// return of that line takes back).
struct PointsEarned {
  std::string event_id;
  std::int64_t points = 0;
  std::vector<std::int64_t> line_points;  // by sale line; adds up to `points`
};

// A points reward taken in a visit.
struct PointsRewardTaken {
  std::string reward_id;
  std::string title;
  std::int64_t points = 0;          // what it cost
  std::int64_t redemption_id = 0;   // its redemption record
};

// What a finished visit did to the customer's balance in one points program.
struct PointsActivity {
  std::string program_id;
  std::int64_t balance_before = 0;  // before the visit, after expiry
  std::int64_t expired = 0;         // points past their expiry, dropped by this visit
  std::int64_t earned = 0;
  std::vector<PointsEarned> events;
  std::vector<PointsRewardTaken> redeemed;
  std::int64_t balance = 0;         // after the visit (negative: the customer owes points)
};

// A points reward as it stands for the visit at the till.
struct PointsRewardStatus {
  std::string reward_id;
  std::string title;
  std::int64_t points = 0;
  bool available = false;    // the customer may take it now
  std::string refusal;       // why not: the status name (insufficient_points, limit_reached, ...)
  std::string reason;        // and the message
  std::int64_t taken = 0;    // times the customer took it before (ever)
};

// One points program as it stands for the visit at the till.
struct PointsStatus {
  std::string program_id;
  std::string name;
  std::int64_t balance = 0;   // before the visit, after expiry
  std::int64_t earned = 0;    // what the basket earns so far
  std::int64_t redeemed = 0;  // points the rewards taken in this visit cost
  std::int64_t balance_after = 0;
  bool redeemable_same_day = true;
  std::vector<PointsRewardStatus> rewards;  // the active ones
};

// Points earned on one day at one location, not yet spent.
struct PointsLotView {
  std::string earned_on;   // YYYY-MM-DD
  std::string location_id;
  std::int64_t points = 0;
  std::string expires_on;  // the first day they are gone; empty when points never expire
};

// How often the customer took one reward.
struct PointsRewardUse {
  std::string reward_id;
  std::int64_t count = 0;
};

// A customer's standing in one points program.
struct CustomerPoints {
  std::string customer_id;
  std::string program_id;
  std::string name;
  bool active = true;          // an inactive program is hidden at the till; balances are kept
  std::int64_t balance = 0;    // lots minus debt: negative when the customer owes points
  std::int64_t debt = 0;
  std::vector<PointsLotView> lots;
  std::vector<PointsRewardUse> rewards_taken;
};

// One change of a customer's points balance: appended, never edited.
struct PointsHistoryEntry {
  std::int64_t number = 0;   // per customer and program, from 1
  std::string kind;          // earned | redeemed | expired | returned | refunded | merged
  std::int64_t points = 0;   // the change: positive earned or refunded, negative otherwise
  std::int64_t balance = 0;  // after the change
  Timestamp at = 0;
  std::string business_date;
  std::string location_id;
  std::string receipt_id;    // the visit (earned, redeemed), the return's original receipt
  std::string return_id;     // returned only
  std::string reward_id;     // redeemed and refunded
  std::int64_t redemption_id = 0;
};

// --- Coupons (docs/programs.md#coupons): issued by a brand to chosen customers who engaged
// with its programs, offers or adoption bundles; redeemable once, at any location of the
// account, between two dates. The brand owes the store the value: a rebate-stream line.

// What a brand issues: one coupon for each of the customers (those it may not give one to
// are refused, each with why).
struct CouponIssue {
  std::string manufacturer_id;
  std::string kind;      // thank_you | we_miss_you | welcome_home
  Cents value = 0;       // what the coupon takes off, and what the brand owes the store
  std::vector<std::string> upcs;  // the brand's products it applies to; empty: any visit
  std::string starts_on;  // YYYY-MM-DD, inclusive, in the redeeming location's time zone
  std::string ends_on;    // YYYY-MM-DD, inclusive
  std::vector<std::string> customer_ids;
  // we_miss_you: the brand's card must have had no punch for at least this many days.
  int lapsed_days = 60;
};

struct Coupon {
  std::int64_t id = 0;
  std::string customer_id;
  std::string manufacturer_id;
  std::string kind;
  Cents value = 0;
  std::vector<std::string> upcs;
  std::string starts_on;
  std::string ends_on;
  Timestamp issued_at = 0;
  std::string status = "issued";  // issued | redeemed
  // Once redeemed: where, when, and the redemption and credit line it made.
  std::string location_id;
  std::string receipt_id;
  std::optional<Timestamp> redeemed_at;
  std::int64_t redemption_id = 0;
  std::int64_t credit_line_id = 0;
};

// A customer the brand may not give the coupon to, and why.
struct CouponRefusal {
  std::string customer_id;
  std::string refusal;  // the status name: not_engaged, unknown_customer, invalid_state
  std::string reason;   // and the message
};

struct CouponIssueResult {
  std::vector<Coupon> issued;
  std::vector<CouponRefusal> refused;
};

// One of the customer's coupons as it stands for the visit at the till.
struct CouponStatus {
  Coupon coupon;
  bool usable = false;  // may be redeemed in this visit now
  bool redeemed = false;  // taken in this visit
  std::string refusal;  // why not: the status name (coupon_used, coupon_expired, ...)
  std::string reason;   // and the message
};

struct CheckoutResult {
  std::string location_id;
  std::string receipt_id;
  std::string customer_id;
  Timestamp at = 0;
  std::string business_date;  // YYYY-MM-DD in the location's time zone
  std::vector<SaleLine> lines;
  std::vector<Punch> punches;
  std::vector<Redemption> redemptions;
  std::vector<Reward> rewards_waiting;  // completed cards still unredeemed after this visit
  std::vector<PointsActivity> points;   // each points program the visit earned in, spent or expired
  bool replayed = false;  // true when this receipt had been finished before
  std::int64_t journal_seq = 0;
};

// Taking back part or all of a sale line of a finished receipt.
struct ReturnRequest {
  std::string location_id;
  std::string receipt_id;      // the original receipt
  int line_index = 0;          // which sale line of it
  std::int32_t quantity = 1;   // units returned (partial returns are fine)
  std::string return_id;       // the POS's id of the return; retrying it changes nothing
  Timestamp at = 0;
};

struct ReturnResult {
  std::string return_id;
  int punches_removed = 0;
  int debt_added = 0;  // punches owed on the customer's next card of that type
  Cents cash_back_taken = 0;  // cash back the returned units had earned (taken off or owed)
  bool replayed = false;
  std::int64_t points_returned = 0;  // points the returned units had earned, taken back
};

struct JournalEntry {
  std::int64_t seq = 0;
  Timestamp at = 0;
  std::string kind;      // e.g. checkout.finished
  std::string document;  // JSON
};

struct CatalogSummary {
  int manufacturers = 0;
  int distributors = 0;
  int products = 0;
  int programs = 0;
};

// --- Manufacturer vouchers (docs/programs.md#manufacturer-vouchers): free product a brand
// grants a store, redeemed at the till for one item of the voucher program's list.

// The brand issues vouchers of one voucher program to one location: `ids` when the brand
// numbers them itself, else `count` vouchers numbered by the engine.
struct VoucherIssue {
  std::string program_id;
  std::string location_id;
  std::vector<std::string> ids;
  int count = 0;
  std::string expires;  // YYYY-MM-DD, the last day it may be redeemed (location's time zone)
  std::string note;
};

// One voucher as it stands on a day at its location.
struct Voucher {
  std::string id;
  std::string program_id;
  std::string manufacturer_id;
  std::string location_id;
  std::string state;    // pending | redeemed | expired (pending past its date)
  std::string expires;  // YYYY-MM-DD
  std::string note;
  Timestamp issued_at = 0;
  std::vector<std::string> allowed_upcs;  // the items it may be taken in (as the catalog spells them)
  // Once redeemed: where, when and in what, and the credit line the brand pays back.
  std::string receipt_id;
  std::optional<Timestamp> redeemed_at;
  std::string redeemed_on;  // YYYY-MM-DD
  std::string upc;
  Cents unit_price = 0;
  std::int64_t redemption_id = 0;
  std::int64_t credit_line_id = 0;
};

// Redeeming a voucher at the till for one unit of an item of its list: a redemption of kind
// "voucher" whose card_id names the voucher (card_number 0).
struct VoucherRedemptionRequest {
  std::string voucher_id;
  std::string upc;
  std::optional<Cents> unit_price;  // the item's shelf price; last known when absent
};

}  // namespace tally
