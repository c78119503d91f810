// SPDX-License-Identifier: Apache-2.0
// The engine: every use case a POS drives, over one Store.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tally/error.hpp"
#include "tally/export.hpp"
#include "tally/store.hpp"
#include "tally/types.hpp"

namespace tally {

struct EngineOptions {
  // Keys of this engine live under this retailer account, so many engines can share one
  // backend. Letters, digits, '-' and '_', 1 to 64 long.
  std::string account = "default";
  // How often an operation that met a busy store is run again before storage_busy.
  int busy_retries = 20;
};

struct CheckoutOpen {
  std::string location_id;
  std::string customer_id;
  std::string receipt_id;
  Timestamp at = 0;
  // Needed when one card gets several punches in this visit (e.g. "converting a paper card").
  std::string multi_punch_reason;
};

class Engine;
struct CheckoutState;
struct CheckoutDocument;
struct CheckoutOutcome;

// One visit at the till. Nothing is stored until finish(); then everything is stored in
// one transaction, or nothing is. Not thread-safe on its own; the engine it came from is.
class TALLY_API Checkout {
 public:
  Checkout(Checkout&&) noexcept;
  Checkout& operator=(Checkout&&) noexcept;
  ~Checkout();

  // Adds a sale line; returns the punches it makes (as things stand at the till).
  std::vector<Punch> add_line(const SaleLine& line);
  // Completed cards whose reward is not taken yet, each with exactly the items it allows.
  std::vector<Reward> rewards() const;
  // Every punch the visit makes so far.
  std::vector<Punch> punches() const;
  // Redeems one allowed item on the oldest completed card of that type; returns its index.
  std::size_t redeem(const RedemptionRequest& request);
  // Uses the customer's prepaid pass of a card type (`quantity` uses, the oldest pass
  // first); a use beyond the uses left is pass_used_up. Returns its index.
  std::size_t use_pass(const PassUseRequest& request);
  // The customer takes the reward later: it waits on the completed card.
  void redeem_later(const std::string& program_id, const std::string& card_id);
  // Undoes a redemption made in this visit (before finishing).
  void undo_redemption(std::size_t index);
  std::vector<RedemptionRequest> redemptions() const;
  // Every offer the location is enrolled in, as it stands for this basket: whether it is
  // active, what the basket earns, the limits left, and the reward items.
  std::vector<OfferStatus> offers() const;
  std::size_t redeem_offer(const OfferRedemptionRequest& request);
  // The customer declines an offer the basket qualifies for.
  void decline_offer(const std::string& offer_id);
  // Gives an adoption bundle (checked against every adoption rule).
  void redeem_adoption(const AdoptionRequest& request);
  // Every points program the location runs (active), as it stands for this visit: the
  // balance, what the basket earns, and each reward with whether it may be taken now.
  std::vector<PointsStatus> points() const;
  // Pays for a points reward (refused at once, with its reason, when it cannot be taken);
  // returns its index among the visit's points redemptions.
  std::size_t redeem_points(const PointsRedemptionRequest& request);
  // Undoes a points redemption of this visit (before finishing).
  void undo_points_redemption(std::size_t index);
  std::vector<PointsRedemptionRequest> points_redemptions() const;
  // The location's manufacturer's vouchers the visit may still redeem (pending, not yet
  // redeemed in this visit), each with the items it may be taken in.
  std::vector<Voucher> vouchers() const;
  // Redeems a voucher for one unit of an item of its list (refused at once, naming the
  // field: unknown, another location's, used, expired, an item outside the list); returns
  // its index among the visit's voucher redemptions.
  std::size_t redeem_voucher(const VoucherRedemptionRequest& request);
  // Undoes a voucher redemption of this visit (before finishing).
  void undo_voucher_redemption(std::size_t index);
  std::vector<VoucherRedemptionRequest> voucher_redemptions() const;
  // The customer's coupons not yet redeemed, as they stand for this visit: whether each may
  // be redeemed now and, when not, why (coupon_expired, coupon_not_applicable).
  std::vector<CouponStatus> coupons() const;
  // Redeems one of the customer's coupons in this visit; refused at once, with its reason
  // (not_found, coupon_used, coupon_expired, coupon_not_applicable). Returns its index among
  // the visit's coupon redemptions.
  std::size_t redeem_coupon(std::int64_t coupon_id);
  // Undoes a coupon redemption of this visit (before finishing).
  void undo_coupon_redemption(std::size_t index);
  std::vector<std::int64_t> coupon_redemptions() const;
  // Several punches on one card in one visit need a reason before finishing.
  void set_multi_punch_reason(const std::string& reason);
  // The card that needs that reason, if any ("program/card").
  std::string multi_punch_card() const;
  // Stores the visit. Finishing a receipt that was finished before returns that first
  // result and changes nothing; the same receipt with different content is receipt_conflict.
  CheckoutResult finish();
  bool finished() const;

 private:
  friend class Engine;
  explicit Checkout(std::unique_ptr<CheckoutState> state);
  std::unique_ptr<CheckoutState> state_;
};

struct EngineImpl;

class TALLY_API Engine {
 public:
  explicit Engine(std::unique_ptr<Store> store, EngineOptions options = {});
  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  ~Engine();

  // Adds or replaces manufacturers, distributors, products and programs from a JSON
  // document. Validated as a whole first: any error (naming its JSON path) changes nothing.
  CatalogSummary load_catalog(std::string_view json, Timestamp at);
  // The catalog as stored, as one JSON document of the same shape.
  std::string catalog_json();

  void save_location(const Location& location, Timestamp at);
  Location location(const std::string& id);
  std::vector<Location> locations();

  // Enrolls a location in a program, or changes its fulfillment partner. Moving a program
  // out of Temporary Holding releases its held credit lines to the new distributor.
  EnrollmentChange enroll(const Enrollment& enrollment, Timestamp at);
  Enrollment enrollment(const std::string& location_id, const std::string& program_id);
  // The brand approves or denies a store's enrollment in its private program. A denied
  // store cannot re-apply.
  Enrollment review_enrollment(const Actor& actor, const std::string& location_id, const std::string& program_id,
                               bool approve, Timestamp at);
  // Adds (or replaces) an auto-enrollment rule and applies it to every current and upcoming
  // offer of the brand; later catalog loads apply it to new offers. Returns how many
  // enrollments it made.
  int add_auto_enrollment(const AutoEnrollmentRule& rule, Timestamp at);
  void remove_auto_enrollment(const std::string& rule_id, Timestamp at);
  std::vector<AutoEnrollmentRule> auto_enrollments();
  std::vector<Enrollment> enrollments(const std::string& location_id);

  // Returns the stored customer (with its id filled in when it was generated).
  Customer save_customer(const Customer& customer, Timestamp at);
  Customer customer(const std::string& id);

  Checkout open_checkout(const CheckoutOpen& open);
  // Finishes many whole visits, in order, for a bulk load such as a store's history: one
  // storage transaction for them all (at any mix of locations), so the cost is the engine's
  // rather than one commit per receipt. Each receipt is exactly-once as with
  // run_checkout (one finished before is answered as stored, `replayed`); a refused one gets
  // its code and message in its outcome and leaves no trace, and the rest go on. Throws only
  // for what stops them all (a storage failure): nothing is stored, and calling again with
  // the same documents is safe. With
  // stop_at_refusal the answer ends at the first refused document: none after it is run.
  std::vector<CheckoutOutcome> run_checkouts(const std::vector<CheckoutDocument>& documents,
                                             bool stop_at_refusal = false);
  // The stored result of a finished receipt.
  CheckoutResult checkout_result(const std::string& location_id, const std::string& receipt_id);

  // Whether the household may have an adoption bundle for this pet at this location today.
  AdoptionEligibility adoption_eligibility(const std::string& customer_id, const std::string& location_id,
                                           const std::string& species, const std::string& adoption_date,
                                           const std::string& source, Timestamp at);

  // The customer's points in every points program of the catalog, as of `at` at the
  // location (whose time zone says which lots have expired).
  std::vector<CustomerPoints> points(const std::string& customer_id, const std::string& location_id, Timestamp at);
  // The changes of the customer's points balance in one program, numbered from 1: those
  // after `after`, at most `limit`, oldest first.
  std::vector<PointsHistoryEntry> points_history(const std::string& customer_id, const std::string& program_id,
                                                 std::int64_t after = 0, std::size_t limit = 1000);

  // --- Manufacturers' vouchers (docs/programs.md#manufacturer-vouchers).

  // The brand (a manufacturer actor, the program's own) issues vouchers of a voucher
  // program to a location. Issuing the same ids again on the same terms changes nothing
  // and answers the vouchers as they stand.
  std::vector<Voucher> issue_vouchers(const Actor& actor, const VoucherIssue& issue, Timestamp at);
  // A location's vouchers as of `at` (state pending, redeemed or expired; all when empty).
  std::vector<Voucher> vouchers(const std::string& location_id, Timestamp at, const std::string& state = {});
  Voucher voucher(const std::string& voucher_id, Timestamp at);
  // Retailer: the redeemed voucher is taken in another item of its list; its credit line
  // follows (refused with invalid_state once the line is batched or later).
  Voucher change_voucher_item(const Actor& actor, const std::string& voucher_id, const std::string& upc,
                              std::optional<Cents> unit_price, Timestamp at);

  // --- Coupons (docs/programs.md#coupons).

  // The brand (actor: its manufacturer) issues a coupon to each of the customers that
  // engaged with it as the kind requires; the others are refused, each with why. A bad
  // request as a whole (wrong actor, unknown brand or product, bad dates or value) is refused
  // and issues nothing.
  CouponIssueResult issue_coupons(const Actor& actor, const CouponIssue& issue, Timestamp at);
  // The customer's coupons, newest last; with include_redeemed the redeemed ones too.
  std::vector<Coupon> coupons(const std::string& customer_id, bool include_redeemed = false);
  Coupon coupon(std::int64_t id);
  // A location opts out of one manufacturer's coupons (its tills refuse them) or back in.
  void set_coupon_opt_out(const std::string& location_id, const std::string& manufacturer_id, bool opted_out,
                          Timestamp at);
  bool coupon_opt_out(const std::string& location_id, const std::string& manufacturer_id);

  // The customer's cards; with include_redeemed the whole history.
  std::vector<Card> cards(const std::string& customer_id, bool include_redeemed = false);
  // Completed cards waiting for their reward, with allowed items as of this location.
  std::vector<Reward> rewards(const std::string& customer_id, const std::string& location_id);

  std::vector<CreditLine> credit_lines(const std::string& state = {},
                                       const std::string& partner = {});
  CreditLine credit_line(std::int64_t id);

  // --- Credit-line lifecycles (docs/lifecycles.md). Every transition names its actor and
  // is refused with wrong_actor for the wrong one, invalid_state from the wrong state.

  // Distributor (or manufacturer, for direct lines): pulls every new line of `stream` at
  // the chosen locations (all when empty) into a new unfulfilled batch.
  Batch pull_batch(const Actor& actor, const std::string& name,
                   const std::vector<std::string>& location_ids, Timestamp at,
                   const std::string& stream = "free_goods");
  // Back to new: one line, or every line of an unfulfilled batch.
  CreditLine unbatch_line(const Actor& actor, std::int64_t line_id, Timestamp at);
  Batch unbatch(const Actor& actor, std::int64_t batch_id, Timestamp at);
  // Refused with a reason code (docs/lifecycles.md) and a note; the line leaves its batch.
  CreditLine decline_line(const Actor& actor, std::int64_t line_id, const std::string& reason,
                          const std::string& note, Timestamp at);
  // The credit memo is issued: every line of the batch becomes credited.
  Batch fulfill_batch(const Actor& actor, std::int64_t batch_id, const CreditMemo& memo, Timestamp at);
  // Distributor: groups credited lines of one manufacturer from its fulfilled batches (all
  // of them when `batch_ids` is empty) into a credit batch claimed from the manufacturer.
  Batch claim_credit(const Actor& actor, const std::string& manufacturer_id,
                     const std::vector<std::int64_t>& batch_ids, const std::string& name, Timestamp at);
  // Manufacturer: pays a credit batch.
  Batch pay_credit_batch(const Actor& actor, std::int64_t batch_id, Timestamp at);
  // Distributor: no longer serves this store for this program. The enrollment moves to
  // Temporary Holding and its new and batched lines become held.
  int reassign_to_holding(const Actor& actor, const std::string& location_id,
                          const std::string& program_id, Timestamp at);
  // Retailer: matches the credit memo.
  CreditLine reconcile_line(const Actor& actor, std::int64_t line_id, Timestamp at);
  Batch reconcile_batch(const Actor& actor, std::int64_t batch_id, Timestamp at);
  // Retailer: corrects the account number of an enrollment (and of its lines not yet credited).
  Enrollment fix_account_number(const Actor& actor, const std::string& location_id,
                                const std::string& program_id, const std::string& account_number,
                                Timestamp at);
  // Retailer: a declined line, its cause fixed, is new again.
  CreditLine resubmit_line(const Actor& actor, std::int64_t line_id, const std::string& note, Timestamp at);

  // Retailer-fulfilled lines: the store batches, submits to the brand, marks complete.
  Batch create_retailer_batch(const Actor& actor, const std::string& name,
                              const std::vector<std::string>& location_ids, Timestamp at);
  Batch submit_retailer_batch(const Actor& actor, std::int64_t batch_id, Timestamp at);
  Batch complete_retailer_batch(const Actor& actor, std::int64_t batch_id, Timestamp at);
  void set_cadence(const std::string& location_id, Cadence cadence, const std::string& anchor_date, Timestamp at);
  // Per location: is the retailer's batch due on `date` (YYYY-MM-DD)?
  std::vector<BatchDue> batches_due(const std::string& date);

  Batch batch(std::int64_t id);
  std::vector<Batch> batches(const std::string& partner = {});

  // --- Corrections after finishing (docs/corrections.md).

  // Remove and reselect: the customer takes another allowed item instead; the credit line
  // follows the new item. Remove only (`upc` empty): the card is complete again. Refused
  // once the line is credited, unless `reverse` asks for a negative reversal line.
  Redemption undo_redemption(const Actor& actor, std::int64_t redemption_id, const std::string& upc,
                             std::optional<Cents> unit_price, Timestamp at, bool reverse = false);
  ReturnResult return_items(const ReturnRequest& request);
  // Moves the punches at `punch_indexes` of an open card to a new card of the same type.
  std::pair<Card, Card> split_card(const std::string& customer_id, std::int64_t card_number,
                                   const std::vector<int>& punch_indexes, Timestamp at);
  // The duplicate's cards and history move to the survivor; the duplicate is closed.
  Customer merge_customers(const std::string& survivor_id, const std::string& duplicate_id, Timestamp at);

  // --- The Command Center (docs/command-center.md): the store's home page as one JSON
  // document for a location at a time.
  std::string command_center(const std::string& location_id, Timestamp at);
  // The host's billing flag for a location ("" clears it); shown under action needed.
  void set_billing_flag(const std::string& location_id, const std::string& flag, Timestamp at);

  // --- Reports (docs/reports.md): JSON, or CSV when format is "csv".
  std::string report(const std::string& kind, const std::string& query_json, Timestamp at);

  // Journal entries with seq > after_seq, in seq order, at most `limit`, and only up to the
  // horizon below which every entry is committed: an answer may stop short of the limit
  // while more entries follow; an empty answer means there is nothing more yet
  // (docs/architecture.md#numbers-and-the-journal).
  std::vector<JournalEntry> journal(std::int64_t after_seq, std::size_t limit = 1000);

 private:
  friend class Checkout;
  friend struct CheckoutState;
  std::shared_ptr<EngineImpl> impl_;
};
// A whole visit in one document:
// {"location": "L1", "customer": "C1", "receipt": "R-1001", "at": "...",
//  "multi_punch_reason": "...",
//  "lines": [{"upc": "...", "quantity": 1, "unit_price": 1999,
//             "exception": {"program": "...", "card": "...", "reason": "new UPC"}}],
//  "redemptions": [{"program": "...", "card": "...", "upc": "...", "unit_price": 1999}],
//  "redeem_later": [{"program": "...", "card": "..."}],
//  "offer_redemptions": [{"offer": "...", "upc": "...", "unit_price": 999}],
//  "declined_offers": ["..."],
//  "points_redemptions": [{"program": "...", "reward": "..."}],
//  "adoption": {"species": "dog", "adoption_date": "2026-11-01", "source": "shelter",
//               "bonded_pair": false, "upcs": ["...", "..."], "unit_prices": [1999, null]},
//  "pass_uses": [{"program": "...", "card": "...", "quantity": 1}],
//  "coupon_redemptions": [{"coupon": 17}],
//  "voucher_redemptions": [{"voucher": "...", "upc": "...", "unit_price": 499}]}
struct CheckoutDocument {
  CheckoutOpen open;
  std::vector<SaleLine> lines;
  std::vector<RedemptionRequest> redemptions;
  std::vector<std::pair<std::string, std::string>> redeem_later;
  std::vector<OfferRedemptionRequest> offer_redemptions;
  std::vector<std::string> declined_offers;
  std::optional<AdoptionRequest> adoption;
  std::vector<PointsRedemptionRequest> points_redemptions;
  std::vector<PassUseRequest> pass_uses;
  std::vector<VoucherRedemptionRequest> voucher_redemptions;
  std::vector<std::int64_t> coupon_redemptions;
};
// One document's outcome in Engine::run_checkouts: ok with the result (replayed when it was
// finished before), or the code and message of its refusal.
struct CheckoutOutcome {
  ErrorCode code = ErrorCode::ok;
  std::string message;
  CheckoutResult result;
};
// Opens, rings up, redeems and finishes the visit the document describes.
TALLY_API CheckoutResult run_checkout(Engine& engine, const CheckoutDocument& document);

}  // namespace tally
