// The engine: every use case a POS drives, over one Store.
#pragma once

#include <memory>
#include <string>
#include <string_view>
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
  // The customer takes the reward later: it waits on the completed card.
  void redeem_later(const std::string& program_id, const std::string& card_id);
  // Undoes a redemption made in this visit (before finishing).
  void undo_redemption(std::size_t index);
  std::vector<RedemptionRequest> redemptions() const;
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
  std::vector<Enrollment> enrollments(const std::string& location_id);

  // Returns the stored customer (with its id filled in when it was generated).
  Customer save_customer(const Customer& customer, Timestamp at);
  Customer customer(const std::string& id);

  Checkout open_checkout(const CheckoutOpen& open);
  // The stored result of a finished receipt.
  CheckoutResult checkout_result(const std::string& location_id, const std::string& receipt_id);

  // The customer's cards; with include_redeemed the whole history.
  std::vector<Card> cards(const std::string& customer_id, bool include_redeemed = false);
  // Completed cards waiting for their reward, with allowed items as of this location.
  std::vector<Reward> rewards(const std::string& customer_id, const std::string& location_id);

  std::vector<CreditLine> credit_lines(const std::string& state = {},
                                       const std::string& partner = {});
  CreditLine credit_line(std::int64_t id);

  // Journal entries with seq > after_seq, oldest first, at most `limit`.
  std::vector<JournalEntry> journal(std::int64_t after_seq, std::size_t limit = 1000);

 private:
  friend class Checkout;
  friend struct CheckoutState;
  std::shared_ptr<EngineImpl> impl_;
};

}  // namespace tally
