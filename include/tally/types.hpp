// Value types of the public C++ API, named as the retailer names them.
#pragma once

#include <cstdint>
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
  std::string time_zone;  // POSIX TZ ("EST5EDT,M3.2.0,M11.1.0") or a known IANA name
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
};

struct Enrollment {
  std::string location_id;
  std::string program_id;
  // The fulfillment partner: a distributor id, kTemporaryHolding, or empty for programs
  // that are not distributor fulfilled.
  std::string distributor_id;
  std::string account_number;  // the store's account at that distributor
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
};

struct RedemptionRequest {
  std::string program_id;
  std::string card_id;
  std::string upc;
  std::optional<Cents> unit_price;  // the free item's shelf price; last known when absent
};

struct Redemption {
  std::int64_t id = 0;  // 0 until finished
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
  std::vector<CreditLineEvent> history;
};

struct CardPunch {
  std::string upc;
  Cents unit_price = 0;
  Timestamp at = 0;
  std::string receipt_id;
  std::string location_id;
  bool exception = false;
  std::string reason;
};

struct Card {
  std::int64_t number = 0;
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
  bool replayed = false;  // true when this receipt had been finished before
  std::int64_t journal_seq = 0;
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

}  // namespace tally
