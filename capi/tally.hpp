// SPDX-License-Identifier: Apache-2.0
/**
 * @file tally.hpp
 * @brief Tally: the C++ API, a header-only layer over the C ABI of tally.h (the "hourglass").
 *
 * C++ programs link only libtally.so's C functions, so they get the C ABI's promise
 * (docs/versioning.md) and need nothing but the installed headers and the library; no
 * Boost. C++17 or later. Documents go in and come out as JSON text (std::string), exactly
 * as in docs/c-api.md; parse them with the JSON library the program
 * already uses.
 *
 * Every failing call throws tally::Error with the status code, its name and the message
 * naming the field at fault. Handles are move-only and release themselves.
 */
#ifndef TALLY_HPP
#define TALLY_HPP

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tally.h"

/** The C++ API over the C ABI: tally::Engine, tally::Checkout, tally::Error. */
namespace tally {

/** A failed call: the tally_status code (e.g. TALLY_E_UNKNOWN_UPC), its short name and
 *  the library's message, which names the field at fault ("lines[0].upc: ..."). */
class Error : public std::runtime_error {
 public:
  /** An error with a status code and the library's message for it. */
  Error(std::int32_t code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /** The tally_status number; compare with the TALLY_E_* constants of tally.h. */
  std::int32_t code() const noexcept { return code_; }
  /** The code's short name, e.g. "unknown_upc" (tally_status_name). */
  const char* name() const noexcept { return tally_status_name(code_); }

 private:
  std::int32_t code_;
};

/** Unix seconds (UTC), as every `at` of the C ABI. */
using Timestamp = std::int64_t;
/** Money in cents. */
using Cents = std::int64_t;
/** Pass as a unit price to use the last shelf price the store saw for the item. */
inline constexpr Cents kPriceLastKnown = TALLY_PRICE_LAST_KNOWN;

/** The library's version at run time, e.g. "0.2.0" (compare with TALLY_VERSION_STRING). */
inline std::string version() { return tally_version(); }
/** The run-time version as MAJOR * 10000 + MINOR * 100 + PATCH (TALLY_VERSION_NUMBER). */
inline int version_number() { return tally_version_number(); }

namespace detail {

inline void check(std::int32_t status) {
  if (status != TALLY_OK) throw Error(status, tally_last_error());
}

// A library-allocated document taken into a std::string and released.
inline std::string take(char* text) {
  std::string out;
  if (text) {
    try {
      out = text;
    } catch (...) {
      tally_free(text);
      throw;
    }
    tally_free(text);
  }
  return out;
}

// Runs a C call that fills a char** and returns the document.
template <class Call>
std::string document(Call&& call) {
  char* out = nullptr;
  const std::int32_t status = call(&out);
  std::string text = take(out);
  check(status);
  return text;
}

// Owns a C handle: move-only, released by Release (which takes NULL) when destroyed.
template <class T, void (*Release)(T*)>
class Handle {
 public:
  explicit Handle(T* handle) noexcept : handle_(handle) {}
  Handle(Handle&& other) noexcept : handle_(std::exchange(other.handle_, nullptr)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      Release(handle_);
      handle_ = std::exchange(other.handle_, nullptr);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { Release(handle_); }
  T* get() const noexcept { return handle_; }

 private:
  T* handle_;
};

// NULL for an empty optional string parameter.
inline const char* or_null(const std::string& s) { return s.empty() ? nullptr : s.c_str(); }

}  // namespace detail

class Engine;

/** One visit at the till (tally_checkout). Nothing is stored until finish(). Belongs to
 *  one thread at a time; must not outlive the Engine it came from. */
class Checkout {
 public:
  /** The C handle, for calls of tally.h this layer does not wrap (NULL once moved from). */
  tally_checkout* handle() const noexcept { return handle_.get(); }

  /** Rings up a sale line; returns how many punches it made. */
  int add_line(const std::string& upc, int quantity, Cents unit_price) {
    std::int32_t punches = 0;
    detail::check(tally_checkout_add_line(handle_.get(), upc.c_str(), quantity, unit_price, &punches));
    return punches;
  }
  /** A line as JSON (with an optional "exception"); returns the punches it made as JSON. */
  std::string add_line_json(std::string_view line_json) {
    return detail::document([&](char** out) {
      return tally_checkout_add_line_json(handle_.get(), line_json.data(), line_json.size(), out);
    });
  }
  /** Every punch the visit makes so far (JSON array). */
  std::string punches() { return detail::document([&](char** out) { return tally_checkout_punches(handle_.get(), out); }); }
  /** Completed cards waiting for their reward, each with exactly the items it allows (JSON). */
  std::string rewards() { return detail::document([&](char** out) { return tally_checkout_rewards(handle_.get(), out); }); }
  /** Redeems an allowed item on the oldest completed card of the type; returns its index. */
  int redeem(const std::string& program_id, const std::string& card_id, const std::string& upc,
             Cents unit_price = kPriceLastKnown) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem(handle_.get(), program_id.c_str(), card_id.c_str(), upc.c_str(), unit_price, &index));
    return index;
  }
  /** The customer takes the reward later: it waits on the completed card. */
  void redeem_later(const std::string& program_id, const std::string& card_id) {
    detail::check(tally_checkout_redeem_later(handle_.get(), program_id.c_str(), card_id.c_str()));
  }
  /** Undoes a redemption made in this visit, by the index redeem() returned. */
  void undo_redemption(int index) { detail::check(tally_checkout_undo_redemption(handle_.get(), index)); }
  /** Several punches on one card in one visit need a reason before finishing. */
  void set_multi_punch_reason(const std::string& reason) {
    detail::check(tally_checkout_set_multi_punch_reason(handle_.get(), reason.c_str()));
  }
  /** Every offer the location is enrolled in, as it stands for this basket (JSON). */
  std::string offers() { return detail::document([&](char** out) { return tally_checkout_offers(handle_.get(), out); }); }
  /** Takes an offer's reward; upc: the reward item of a free-good offer (ignored for rebates). */
  int redeem_offer(const std::string& offer_id, const std::string& upc = "", Cents unit_price = kPriceLastKnown) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem_offer(handle_.get(), offer_id.c_str(), detail::or_null(upc), unit_price, &index));
    return index;
  }
  /** The customer declines an offer the basket qualifies for. */
  void decline_offer(const std::string& offer_id) { detail::check(tally_checkout_decline_offer(handle_.get(), offer_id.c_str())); }
  /** Gives an adoption bundle: {"species", "adoption_date", "source", "bonded_pair", "upcs", "unit_prices"}. */
  void redeem_adoption(std::string_view request_json) {
    detail::check(tally_checkout_redeem_adoption(handle_.get(), request_json.data(), request_json.size()));
  }
  /** Stores the visit in one transaction and returns the result (JSON). A receipt finished
   *  before returns its first result ("replayed": true) and changes nothing. */
  std::string finish() { return detail::document([&](char** out) { return tally_checkout_finish(handle_.get(), out); }); }

 private:
  friend class Engine;
  explicit Checkout(tally_checkout* handle) noexcept : handle_(handle) {}
  detail::Handle<tally_checkout, tally_checkout_free> handle_;  // freed with the Checkout
};

/** An engine over one store (tally_engine): SQLite, memory or the host's callbacks. May be
 *  used from several threads. Every `actor_json` is {"role": "retailer" | "distributor" |
 *  "manufacturer", "id": "..."}; the documents are those of docs/c-api.md. */
class Engine {
 public:
  /** The embedded SQLite store: a file path, or ":memory:". options_json: see tally.h. */
  static Engine open_sqlite(const std::string& path, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_sqlite(path.c_str(), detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** A central PostgreSQL database (docs/postgresql.md); conninfo in libpq's forms. */
  static Engine open_postgres(const std::string& conninfo, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_postgres(conninfo.c_str(), detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** A store in process memory, gone when the engine closes. */
  static Engine open_memory(const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_memory(detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** The host's own store over the callbacks of tally_store.h. */
  static Engine open_store(const tally_store_callbacks& callbacks, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_store(&callbacks, detail::or_null(options_json), &e));
    return Engine(e);
  }

  /** The C handle, for calls of tally.h this layer does not wrap (NULL once moved from). */
  tally_engine* handle() const noexcept { return handle_.get(); }

  // --- Catalog, locations, enrollments, customers -------------------------------------
  /** Loads (replaces) the catalog; returns the summary {"manufacturers", "distributors", ...}. */
  std::string load_catalog(std::string_view catalog_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_load_catalog(handle_.get(), catalog_json.data(), catalog_json.size(), at, out); });
  }
  /** The stored catalog (JSON). */
  std::string catalog() { return detail::document([&](char** out) { return tally_catalog(handle_.get(), out); }); }
  /** Stores a location {"id", "name", "state", "time_zone", "master"}. */
  void save_location(std::string_view location_json, Timestamp at) {
    detail::check(tally_save_location(handle_.get(), location_json.data(), location_json.size(), at));
  }
  /** One location (JSON). */
  std::string location(const std::string& location_id) {
    return detail::document([&](char** out) { return tally_location(handle_.get(), location_id.c_str(), out); });
  }
  /** Every location (JSON array). */
  std::string locations() { return detail::document([&](char** out) { return tally_locations(handle_.get(), out); }); }
  /** Enrolls a location in a program; returns {"enrollment": {...}, "released_lines": n}. */
  std::string enroll(std::string_view enrollment_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_enroll(handle_.get(), enrollment_json.data(), enrollment_json.size(), at, out); });
  }
  /** A location's enrollments (JSON array). */
  std::string enrollments(const std::string& location_id) {
    return detail::document([&](char** out) { return tally_enrollments(handle_.get(), location_id.c_str(), out); });
  }
  /** Stores a customer; returns it, with its id when the engine generated one. */
  std::string save_customer(std::string_view customer_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_save_customer(handle_.get(), customer_json.data(), customer_json.size(), at, out); });
  }
  /** One customer (JSON). */
  std::string customer(const std::string& customer_id) {
    return detail::document([&](char** out) { return tally_customer(handle_.get(), customer_id.c_str(), out); });
  }

  // --- Checkout ------------------------------------------------------------------------
  /** Opens a visit at the till. */
  Checkout open_checkout(const std::string& location_id, const std::string& customer_id,
                         const std::string& receipt_id, Timestamp at) {
    tally_checkout* c = nullptr;
    detail::check(tally_checkout_open(handle_.get(), location_id.c_str(), customer_id.c_str(), receipt_id.c_str(), at, &c));
    return Checkout(c);
  }
  /** A whole visit as one JSON document; returns the result. */
  std::string run_checkout(std::string_view visit_json) {
    return detail::document([&](char** out) { return tally_run_checkout(handle_.get(), visit_json.data(), visit_json.size(), out); });
  }
  /** The stored result of a finished receipt. */
  std::string checkout_result(const std::string& location_id, const std::string& receipt_id) {
    return detail::document([&](char** out) { return tally_checkout_result(handle_.get(), location_id.c_str(), receipt_id.c_str(), out); });
  }

  // --- Cards, rewards, credit lines, the journal --------------------------------------
  /** The customer's cards; with include_redeemed the whole history. */
  std::string cards(const std::string& customer_id, bool include_redeemed = false) {
    return detail::document([&](char** out) { return tally_cards(handle_.get(), customer_id.c_str(), include_redeemed ? 1 : 0, out); });
  }
  /** The customer's rewards waiting at a location. */
  std::string rewards(const std::string& customer_id, const std::string& location_id) {
    return detail::document([&](char** out) { return tally_rewards(handle_.get(), customer_id.c_str(), location_id.c_str(), out); });
  }
  /** Credit lines, by state and partner ("" for all). */
  std::string credit_lines(const std::string& state = "", const std::string& partner = "") {
    return detail::document([&](char** out) {
      return tally_credit_lines(handle_.get(), detail::or_null(state), detail::or_null(partner), out);
    });
  }
  /** One credit line. */
  std::string credit_line(std::int64_t line_id) {
    return detail::document([&](char** out) { return tally_credit_line(handle_.get(), line_id, out); });
  }
  /** Journal entries with seq > after_seq, oldest first, at most `limit`. */
  std::string journal(std::int64_t after_seq, std::uint32_t limit) {
    return detail::document([&](char** out) { return tally_journal(handle_.get(), after_seq, limit, out); });
  }

  // --- Adoption, private programs, auto-enrollment ------------------------------------
  /** Whether an adoption bundle can be given: {"eligible", "reason", "next_eligible"}. */
  std::string adoption_eligibility(const std::string& customer_id, const std::string& location_id,
                                   const std::string& species, const std::string& adoption_date,
                                   const std::string& source, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_adoption_eligibility(handle_.get(), customer_id.c_str(), location_id.c_str(), species.c_str(),
                                        adoption_date.c_str(), source.c_str(), at, out);
    });
  }
  /** The brand approves or denies a pending enrollment in a private program. */
  std::string review_enrollment(const std::string& actor_json, const std::string& location_id,
                                const std::string& program_id, bool approve, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_review_enrollment(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(),
                                     approve ? 1 : 0, at, out);
    });
  }
  /** Adds an auto-enrollment rule; returns how many enrollments it made. */
  int add_auto_enrollment(std::string_view rule_json, Timestamp at) {
    std::int32_t enrolled = 0;
    detail::check(tally_add_auto_enrollment(handle_.get(), rule_json.data(), rule_json.size(), at, &enrolled));
    return enrolled;
  }
  /** Removes an auto-enrollment rule. */
  void remove_auto_enrollment(const std::string& rule_id, Timestamp at) {
    detail::check(tally_remove_auto_enrollment(handle_.get(), rule_id.c_str(), at));
  }
  /** Every auto-enrollment rule (JSON array). */
  std::string auto_enrollments() { return detail::document([&](char** out) { return tally_auto_enrollments(handle_.get(), out); }); }

  // --- Credit-line lifecycles (docs/lifecycles.md) ------------------------------------
  /** Pulls new lines into a batch; locations_json: ["va", ...] or "" for all; stream:
   *  "free_goods" ("") or "rebates". */
  std::string pull_batch(const std::string& actor_json, const std::string& name, const std::string& locations_json,
                         const std::string& stream, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_pull_batch(handle_.get(), actor_json.c_str(), detail::or_null(name), detail::or_null(locations_json),
                              detail::or_null(stream), at, out);
    });
  }
  /** Takes one line out of its batch. */
  std::string unbatch_line(const std::string& actor_json, std::int64_t line_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_unbatch_line(handle_.get(), actor_json.c_str(), line_id, at, out); });
  }
  /** Dissolves a batch. */
  std::string unbatch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_unbatch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** Declines a line with a reason and an optional note. */
  std::string decline_line(const std::string& actor_json, std::int64_t line_id, const std::string& reason,
                           const std::string& note, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_decline_line(handle_.get(), actor_json.c_str(), line_id, reason.c_str(), detail::or_null(note), at, out);
    });
  }
  /** Fulfills a batch with a credit memo {"number", "amount", "note"}. */
  std::string fulfill_batch(const std::string& actor_json, std::int64_t batch_id, const std::string& memo_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_fulfill_batch(handle_.get(), actor_json.c_str(), batch_id, memo_json.c_str(), at, out);
    });
  }
  /** Claims credit from a manufacturer; batch_ids_json: [1, 2] or "" for every fulfilled batch. */
  std::string claim_credit(const std::string& actor_json, const std::string& manufacturer_id,
                           const std::string& batch_ids_json, const std::string& name, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_claim_credit(handle_.get(), actor_json.c_str(), manufacturer_id.c_str(), detail::or_null(batch_ids_json),
                                detail::or_null(name), at, out);
    });
  }
  /** The manufacturer pays a credit batch. */
  std::string pay_credit_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_pay_credit_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** Moves a location's lines of a program to Temporary Holding; returns how many. */
  int reassign_to_holding(const std::string& actor_json, const std::string& location_id, const std::string& program_id,
                          Timestamp at) {
    std::int32_t held = 0;
    detail::check(tally_reassign_to_holding(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(), at, &held));
    return held;
  }
  /** Reconciles one credited line. */
  std::string reconcile_line(const std::string& actor_json, std::int64_t line_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_reconcile_line(handle_.get(), actor_json.c_str(), line_id, at, out); });
  }
  /** Reconciles a whole batch. */
  std::string reconcile_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_reconcile_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** Fixes the distributor account number of an enrollment. */
  std::string fix_account_number(const std::string& actor_json, const std::string& location_id,
                                 const std::string& program_id, const std::string& account_number, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_fix_account_number(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(),
                                      account_number.c_str(), at, out);
    });
  }
  /** Resubmits a declined line. */
  std::string resubmit_line(const std::string& actor_json, std::int64_t line_id, const std::string& note, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_resubmit_line(handle_.get(), actor_json.c_str(), line_id, detail::or_null(note), at, out);
    });
  }
  /** Creates a retailer batch (the store claims from the brand itself). */
  std::string create_retailer_batch(const std::string& actor_json, const std::string& name,
                                    const std::string& locations_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_create_retailer_batch(handle_.get(), actor_json.c_str(), detail::or_null(name),
                                         detail::or_null(locations_json), at, out);
    });
  }
  /** Sends a retailer batch to the brand. */
  std::string submit_retailer_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_submit_retailer_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** The brand completes a retailer batch. */
  std::string complete_retailer_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_complete_retailer_batch(handle_.get(), actor_json.c_str(), batch_id, at, out);
    });
  }
  /** A location's batch cadence: "weekly", "biweekly", "monthly" or "manual"; anchor YYYY-MM-DD. */
  void set_cadence(const std::string& location_id, const std::string& cadence, const std::string& anchor_date, Timestamp at) {
    detail::check(tally_set_cadence(handle_.get(), location_id.c_str(), cadence.c_str(), anchor_date.c_str(), at));
  }
  /** The batches due on a date (YYYY-MM-DD). */
  std::string batches_due(const std::string& date) {
    return detail::document([&](char** out) { return tally_batches_due(handle_.get(), date.c_str(), out); });
  }
  /** One batch. */
  std::string batch(std::int64_t batch_id) {
    return detail::document([&](char** out) { return tally_batch(handle_.get(), batch_id, out); });
  }
  /** Every batch of a partner ("" for all). */
  std::string batches(const std::string& partner = "") {
    return detail::document([&](char** out) { return tally_batches(handle_.get(), detail::or_null(partner), out); });
  }

  // --- Corrections after finishing (docs/corrections.md) ------------------------------
  /** Undoes a finished redemption; upc "": remove only, otherwise reselect that item;
   *  reverse asks for a reversal line when the credit line was already credited. */
  std::string undo_redemption(const std::string& actor_json, std::int64_t redemption_id, const std::string& upc,
                              Cents unit_price, bool reverse, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_undo_redemption(handle_.get(), actor_json.c_str(), redemption_id, detail::or_null(upc), unit_price,
                                   reverse ? 1 : 0, at, out);
    });
  }
  /** Returns items of a finished receipt: {"location", "receipt", "line", "quantity", "return_id", "at"}. */
  std::string return_items(std::string_view request_json) {
    return detail::document([&](char** out) { return tally_return_items(handle_.get(), request_json.data(), request_json.size(), out); });
  }
  /** Moves punches of an open card to a new card; returns [the card kept, the new card]. */
  std::string split_card(const std::string& customer_id, std::int64_t card_number,
                         const std::vector<std::int32_t>& punch_indexes, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_split_card(handle_.get(), customer_id.c_str(), card_number, punch_indexes.data(), punch_indexes.size(), at, out);
    });
  }
  /** Merges a duplicate customer into the survivor; returns the survivor. */
  std::string merge_customers(const std::string& survivor_id, const std::string& duplicate_id, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_merge_customers(handle_.get(), survivor_id.c_str(), duplicate_id.c_str(), at, out);
    });
  }

  // --- Reports and the Command Center -------------------------------------------------
  /** A report by kind (docs/reports.md): JSON, or CSV when the query says "format": "csv". */
  std::string report(const std::string& kind, std::string_view query_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_report(handle_.get(), kind.c_str(), query_json.data(), query_json.size(), at, out);
    });
  }
  /** The store's Command Center (docs/command-center.md). */
  std::string command_center(const std::string& location_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_command_center(handle_.get(), location_id.c_str(), at, out); });
  }
  /** The host's billing flag for a location ("" clears it). */
  void set_billing_flag(const std::string& location_id, const std::string& flag, Timestamp at) {
    detail::check(tally_set_billing_flag(handle_.get(), location_id.c_str(), detail::or_null(flag), at));
  }

 private:
  explicit Engine(tally_engine* handle) noexcept : handle_(handle) {}
  detail::Handle<tally_engine, tally_engine_close> handle_;  // closed with the Engine; its checkouts must be gone first
};

}  // namespace tally

#endif /* TALLY_HPP */
