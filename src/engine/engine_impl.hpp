// SPDX-License-Identifier: Apache-2.0
// What an Engine holds, and the helpers its use cases share.
#pragma once

#include <memory>
#include <mutex>
#include <thread>

#include "domain/cards.hpp"
#include "domain/catalog.hpp"
#include "domain/lifecycle.hpp"
#include "domain/time.hpp"
#include "codec/stored.hpp"
#include "engine/txn.hpp"
#include "tally/engine.hpp"
#include "tally/limits.hpp"

namespace tally {

// What a checkout needs to know about its location, kept across checkouts.
struct LocationConfig {
  Location location;
  domain::TimeZone time_zone;
  std::map<std::string, Enrollment> enrollments;  // by program
};

struct EngineImpl {
  std::unique_ptr<Store> store;
  EngineOptions options;
  std::mutex mutex;  // one operation at a time per handle; the store serializes handles
  std::shared_ptr<const domain::Catalog> catalog;
  std::string catalog_rev;  // the stored revision `catalog` was read at
  // Locations with their parsed time zones and enrollments, valid while the stored
  // configuration revision (bumped by every change to a location or an enrollment, and by
  // catalog loads) is `config_rev`.
  std::string config_rev;
  std::map<std::string, std::shared_ptr<const LocationConfig>> locations;

  // Runs `work(txn)` in a transaction; commits a write transaction when it returns. A busy
  // store reruns the whole of `work`, so it must only touch the transaction it is given.
  template <class Work>
  auto run(TxnMode mode, Work&& work) {
    for (int attempt = 0;; ++attempt) {
      try {
        engine::Txn txn(*store, options.account, mode);
        if constexpr (std::is_void_v<decltype(work(txn))>) {
          work(txn);
          if (mode == TxnMode::write) txn.commit();
          return;
        } else {
          auto result = work(txn);
          if (mode == TxnMode::write) txn.commit();
          return result;
        }
      } catch (const Error& e) {
        if (e.code() != ErrorCode::storage_busy || attempt >= options.busy_retries) throw;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1 << std::min(attempt, 6)));
    }
  }

  // The catalog as of this transaction (re-read when another handle changed it).
  std::shared_ptr<const domain::Catalog> load_catalog(engine::Txn& txn);
  // A location with its time zone and enrollments as of this transaction; throws
  // unknown_location.
  std::shared_ptr<const LocationConfig> location_config(engine::Txn& txn, const std::string& id);
  // The catalog and the location together, checked against one revision read.
  std::pair<std::shared_ptr<const domain::Catalog>, std::shared_ptr<const LocationConfig>> visit_config(
      engine::Txn& txn, const std::string& location_id);
};

namespace engine {

// An id the host passed (typed, not in a document): invalid_argument past limits::kIdBytes,
// so an over-long id is refused as such, never looked up, stored or echoed whole.
inline void check_id(const std::string& id, const char* field, std::size_t max = limits::kIdBytes) {
  limits::check_length(id, max, field);
}

// Record access shared by the use cases; each throws not_found / unknown_* when missing
// and storage_corrupt when a record cannot be read back.
Location read_location(Txn& txn, const std::string& id);
void write_location(Txn& txn, const Location& location);
Customer read_customer(Txn& txn, const std::string& id);
void write_customer(Txn& txn, const Customer& customer);
std::optional<Enrollment> read_enrollment(Txn& txn, const std::string& location, const std::string& program);
void write_enrollment(Txn& txn, const Enrollment& enrollment);
// Locations, enrollments and the catalog are cached by engines; every change to them moves
// the stored configuration revision so that every engine on the store reads them again.
void bump_config(Txn& txn);

// Cards. A card record is the card with its punches (at most what it needs to complete);
// the customer's wallet lists the live (open and complete) cards, oldest first.
domain::CardState read_card(Txn& txn, std::int64_t number);
void write_card(Txn& txn, const domain::CardState& card);
std::vector<domain::CardSummary> read_wallet(Txn& txn, const std::string& customer);
void write_wallet(Txn& txn, const std::string& customer, const std::vector<domain::CardSummary>& wallet);
// Brings a wallet in step with a card: listed while live, dropped once redeemed.
void update_wallet(std::vector<domain::CardSummary>& wallet, const domain::CardState& card);
// Stores a card and its wallet entry (one wallet read and write).
void store_card(Txn& txn, const domain::CardState& card);
// A new, empty card like `like` (same customer and type), numbered and indexed.
domain::CardState new_card(Txn& txn, const domain::CardState& like, Timestamp at);
std::vector<domain::CardState> read_live_cards(Txn& txn, const std::string& customer);

// Receipts: the request's encoding and the result, with reward names from the catalog.
std::optional<codec::StoredReceipt> read_receipt(Txn& txn, const domain::Catalog& catalog,
                                                 const std::string& location, const std::string& receipt);
void fill_reward_names(const domain::Catalog& catalog, std::vector<Reward>& rewards);
codec::StoredRedemption read_redemption(Txn& txn, std::int64_t id);
// The last shelf price seen at the location for one product (by GTIN-14), if any. One key
// at a time: a store carries thousands of products and a visit needs a handful.
std::optional<Cents> read_price(Txn& txn, const std::string& location, const std::string& key);
// A stored shelf price; storage_corrupt naming `key` when it is not one.
Cents parse_price(std::string_view key, std::string_view text);
CreditLine read_line(Txn& txn, std::int64_t id);
void write_line(Txn& txn, const CreditLine& line, const std::string& previous_state,
                const std::string& previous_partner);
// Moves a line by one event of its state machine, appending the change to its history.
void move_line(Txn& txn, CreditLine& line, domain::LineEvent event, const Actor& actor, Timestamp at,
               const std::string& note);
Batch read_batch(Txn& txn, std::int64_t id);
void write_batch(Txn& txn, const Batch& batch);
// The lines in a state, of one partner or (partner empty) of all.
std::vector<CreditLine> lines_in(Txn& txn, const std::string& state, const std::string& partner);
// Where and when a redemption happened.
struct VisitFacts {
  std::string location_id;
  std::string customer_id;
  std::string receipt_id;
  Timestamp at = 0;
  std::int64_t day = 0;  // business day at the location
  bool test_customer = false;
};
// Numbers and stores a redemption and, when somebody must reimburse it, its credit line,
// with the day indexes reports read. `replaces`: the redemption it swaps out, if any.
void store_redemption(Txn& txn, const domain::Program& program, const Enrollment& enrollment,
                      const VisitFacts& facts, Redemption& redemption, std::int64_t replaces);
// Offer limits and adoption history, read and consumed inside the finishing transaction.
domain::OfferUsage read_offer_usage(Txn& txn, const std::string& offer_id, const std::string& customer_id);
void use_offer(Txn& txn, const domain::Program& offer, const std::string& customer_id);
std::optional<std::int64_t> read_last_adoption(Txn& txn, const std::string& customer_id, const std::string& species);
void record_adoption(Txn& txn, const VisitFacts& facts, const AdoptionRequest& adoption,
                     const std::vector<Redemption>& redemptions);
// Enrolls the rules' locations in the given offer programs (just loaded into the catalog).
int apply_auto_enrollment(Txn& txn, const domain::Catalog& catalog, const std::vector<std::string>& program_ids,
                          Timestamp at);
domain::CustomerFacts customer_facts(const Customer& customer);
// Stores a visit (its day set from the location's time zone) in `txn`: the whole of a
// checkout's finish. A receipt finished before is returned as stored (replayed), or refused
// with receipt_conflict when the request differs.
CheckoutResult finish_visit(EngineImpl& impl, Txn& txn, const std::string& location_id, const domain::Visit& visit);
// Loyalty points (engine/points.cpp). The points programs the location runs (enrolled, in
// the catalog), and a customer's account in one of them (empty when never stored).
std::vector<const domain::Program*> location_points_programs(const domain::Catalog& catalog, const LocationConfig& config);
domain::PointsAccount read_points(Txn& txn, const std::string& customer, const std::string& program);
// The visit's points redemptions name points programs the location runs (ids, kind,
// enrollment), or the first that does not is refused naming its field.
void check_points_requests(const domain::Catalog& catalog, const LocationConfig& config, const domain::Visit& visit);
// The money the visit's custom-program discounts take off its total.
Cents visit_discounts(const std::vector<domain::PlannedRedemption>& redemptions);
// The till's view: each active points program with the visit's earning and rewards. Throws
// the refusal of a points redemption the visit asks for that cannot be taken.
std::vector<PointsStatus> points_statuses(const domain::Catalog& catalog, const LocationConfig& config,
                                          const domain::Visit& visit, Cents discounts,
                                          const std::function<domain::PointsAccount(const std::string&)>& account_of);
// Settles the visit's points in its finishing transaction (its requests checked already by
// check_points_requests): expiry, earning, the rewards paid (each a redemption record,
// appended to `redemptions`), the accounts and their history.
std::vector<PointsActivity> store_visit_points(Txn& txn, const domain::Catalog& catalog, const LocationConfig& config,
                                               const VisitFacts& facts, const domain::Visit& visit, Cents discounts,
                                               std::vector<Redemption>& redemptions);
// A return of `quantity` units of sale line `line` (after `already` returned before) takes
// back the points they earned; returns how many.
std::int64_t return_points(Txn& txn, const CheckoutResult& original, int line, int already, int quantity,
                           const std::string& return_id, Timestamp at, std::int64_t day, const std::string& location);
// A merged duplicate's points join the survivor's, program by program (a `merged` entry on each).
void merge_points(Txn& txn, const domain::Catalog& catalog, const std::string& survivor, const std::string& duplicate,
                  Timestamp at);
// An undone points redemption gives its points back; returns how many.
std::int64_t refund_points(Txn& txn, const domain::Program& program, const codec::StoredRedemption& redemption,
                           Timestamp at, std::int64_t day);
// Coupons (engine/coupons.cpp). A stored coupon, if any; whether a location opted out of a
// brand's coupons.
std::optional<Coupon> find_coupon(Txn& txn, std::int64_t id);
bool read_coupon_opt_out(Txn& txn, const std::string& location, const std::string& manufacturer);
// Throws the refusal of the visit's coupon redemption at `index` (its field named), if any.
void check_coupon_request(Txn& txn, const LocationConfig& config, const domain::Visit& visit, std::size_t index);
// The till's view: the customer's coupons not yet redeemed, each usable or why not.
std::vector<CouponStatus> coupon_statuses(Txn& txn, const LocationConfig& config, const domain::Visit& visit);
// Redeems the visit's coupons in its finishing transaction: each coupon read, checked and
// written back redeemed, with its redemption and direct rebate-stream credit line (appended
// to `redemptions`).
void store_visit_coupons(Txn& txn, const LocationConfig& config, const VisitFacts& facts, const domain::Visit& visit,
                         std::vector<Redemption>& redemptions);
// A merge: the duplicate's coupons become the survivor's, and its engagement counts for the
// survivor (the later day of each). Returns the coupons moved.
std::vector<std::int64_t> move_coupons(Txn& txn, const std::string& duplicate, const std::string& survivor);
// Notes, for the brands the visit punched a card of, took an offer of or gave an adoption
// bundle of, that the customer engaged with them on `day` (what coupons are issued on).
void note_engagement(Txn& txn, const domain::Catalog& catalog, const std::string& customer, std::int64_t day,
                     const std::vector<Punch>& punches, const std::vector<Redemption>& redemptions);
// Rewrites a storage format 1 account (JSON records, one index key per live card) in
// format 2, inside the transaction that opens it.
void migrate_format1(Txn& txn);
int required_punches(const domain::Catalog& catalog, const domain::CardState& card);
// The public view of a stored card, with what its card type adds (a pass's uses left).
Card card_view(const domain::Catalog& catalog, const domain::CardState& card);
// Manufacturers' vouchers (engine/vouchers.cpp): a voucher by id (nullopt when unknown),
// written with its location's index entry; the public view as of a day at its location
// (state derived, allowed items from the catalog); a location's vouchers.
std::optional<Voucher> read_voucher(Txn& txn, const std::string& id);
void write_voucher(Txn& txn, const Voucher& voucher);
Voucher voucher_view(const domain::Catalog& catalog, Voucher voucher, std::int64_t today);
std::vector<Voucher> location_vouchers(Txn& txn, const domain::Catalog& catalog, const std::string& location_id,
                                       std::int64_t today);
// One voucher redemption of a visit, checked: the voucher as read, its program, the item.
struct VoucherUse {
  Voucher voucher;
  const domain::Program* program = nullptr;
  const domain::Product* product = nullptr;
  Cents unit_price = 0;
};
// Reads and checks a visit's voucher redemptions as of `txn` (each refusal names
// voucher_redemptions[i]); writes nothing.
std::vector<VoucherUse> check_vouchers(Txn& txn, const domain::Catalog& catalog, const std::string& location_id,
                                       std::int64_t today, const std::vector<VoucherRedemptionRequest>& requests,
                                       const domain::PriceFn& price);
// Stores each checked use in the finishing transaction: a redemption of kind voucher with
// its free-goods credit line (appended to `redemptions`), and the voucher redeemed.
void store_vouchers(Txn& txn, const LocationConfig& config, const VisitFacts& facts, std::vector<VoucherUse>& uses,
                    std::vector<Redemption>& redemptions);

}  // namespace engine
}  // namespace tally
