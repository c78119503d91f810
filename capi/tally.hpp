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
  /** An error with a status code and the library's message for it.
   *  @param code the tally_status code.
   *  @param message the library's message (tally_last_error()). */
  Error(std::int32_t code, const std::string& message) : std::runtime_error(message), code_(code) {}
  /** The tally_status number; compare with the TALLY_E_* constants of tally.h.
   *  @return the status code. */
  std::int32_t code() const noexcept { return code_; }
  /** The code's short name, e.g. "unknown_upc" (tally_status_name).
   *  @return the name; static storage ("unknown" for a number that is no tally_status). */
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

/** The library's version at run time (compare with TALLY_VERSION_STRING).
 *  @return the version text, e.g. "0.2.0". */
inline std::string version() { return tally_version(); }
/** The library's version at run time as a number (compare with TALLY_VERSION_NUMBER).
 *  @return MAJOR * 10000 + MINOR * 100 + PATCH. */
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
  /** The C handle, for calls of tally.h this layer does not wrap.
   *  @return the checkout's handle, or NULL once moved from. */
  tally_checkout* handle() const noexcept { return handle_.get(); }

  /** Rings up a sale line: the typed fast path.
   *  @param upc the item's UPC.
   *  @param quantity how many were sold.
   *  @param unit_price the shelf price of one, in cents.
   *  @return how many punches the line made. */
  int add_line(const std::string& upc, int quantity, Cents unit_price) {
    std::int32_t punches = 0;
    detail::check(tally_checkout_add_line(handle_.get(), upc.c_str(), quantity, unit_price, &punches));
    return punches;
  }
  /** Rings up a sale line given as JSON, with an optional "exception".
   *  @param line_json {"upc", "quantity", "unit_price", "exception": {"program", "card",
   *         "reason"}}.
   *  @return the punches the line made (JSON array). */
  std::string add_line_json(std::string_view line_json) {
    return detail::document([&](char** out) {
      return tally_checkout_add_line_json(handle_.get(), line_json.data(), line_json.size(), out);
    });
  }
  /** Every punch the visit makes so far.
   *  @return the punches (JSON array). */
  std::string punches() { return detail::document([&](char** out) { return tally_checkout_punches(handle_.get(), out); }); }
  /** Completed cards waiting for their reward, each with exactly the items it allows.
   *  @return the rewards (JSON array). */
  std::string rewards() { return detail::document([&](char** out) { return tally_checkout_rewards(handle_.get(), out); }); }
  /** Gives the customer an allowed free item for the oldest completed card of a card type.
   *  @param program_id the program.
   *  @param card_id the card type within the program.
   *  @param upc the free item chosen; it must be one the reward allows.
   *  @param unit_price its shelf price, or kPriceLastKnown (the default).
   *  @return the redemption's index in this visit, for undo_redemption(). */
  int redeem(const std::string& program_id, const std::string& card_id, const std::string& upc,
             Cents unit_price = kPriceLastKnown) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem(handle_.get(), program_id.c_str(), card_id.c_str(), upc.c_str(), unit_price, &index));
    return index;
  }
  /** The customer takes the reward later: it stays waiting on the completed card.
   *  @param program_id the program.
   *  @param card_id the card type within the program. */
  void redeem_later(const std::string& program_id, const std::string& card_id) {
    detail::check(tally_checkout_redeem_later(handle_.get(), program_id.c_str(), card_id.c_str()));
  }
  /** Undoes a redemption made in this visit.
   *  @param index the index redeem() or redeem_offer() returned. */
  void undo_redemption(int index) { detail::check(tally_checkout_undo_redemption(handle_.get(), index)); }
  /** Gives the reason one card gets several punches in this visit; needed before finishing.
   *  @param reason the cashier's reason, e.g. "converting a paper card". */
  void set_multi_punch_reason(const std::string& reason) {
    detail::check(tally_checkout_set_multi_punch_reason(handle_.get(), reason.c_str()));
  }
  /** Every offer the location is enrolled in, as it stands for this basket.
   *  @return the offers (JSON array). */
  std::string offers() { return detail::document([&](char** out) { return tally_checkout_offers(handle_.get(), out); }); }
  /** Takes an offer's reward that the basket earned.
   *  @param offer_id the offer program's id.
   *  @param upc the reward item of a free-good offer; "" (the default) for rebates, which
   *         ignore it.
   *  @param unit_price the item's shelf price, or kPriceLastKnown (the default).
   *  @return the redemption's index in this visit, for undo_redemption(). */
  int redeem_offer(const std::string& offer_id, const std::string& upc = "", Cents unit_price = kPriceLastKnown) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem_offer(handle_.get(), offer_id.c_str(), detail::or_null(upc), unit_price, &index));
    return index;
  }
  /** Every active points program the location runs, as it stands for this visit: the
   *  balance, what the basket earns, each reward and whether it may be taken now.
   *  @return the programs (JSON array). */
  std::string points() { return detail::document([&](char** out) { return tally_checkout_points(handle_.get(), out); }); }
  /** Pays for a points reward; throws at once when it cannot be taken.
   *  @param program_id the points program.
   *  @param reward_id the reward.
   *  @return its index among the visit's points redemptions, for undo_points_redemption(). */
  int redeem_points(const std::string& program_id, const std::string& reward_id) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem_points(handle_.get(), program_id.c_str(), reward_id.c_str(), &index));
    return index;
  }
  /** Undoes a points redemption of this visit before it is finished.
   *  @param index the index redeem_points() returned. */
  void undo_points_redemption(int index) { detail::check(tally_checkout_undo_points_redemption(handle_.get(), index)); }
  /** The customer's coupons not yet redeemed, as they stand for this visit: each usable or why not.
   *  @return the coupons (JSON array of {"coupon", "usable", "redeemed", "refusal", "reason"}). */
  std::string coupons() { return detail::document([&](char** out) { return tally_checkout_coupons(handle_.get(), out); }); }
  /** Redeems one of the customer's coupons; throws at once when it cannot be.
   *  @param coupon_id the coupon.
   *  @return its index among the visit's coupon redemptions, for undo_coupon_redemption(). */
  int redeem_coupon(std::int64_t coupon_id) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem_coupon(handle_.get(), coupon_id, &index));
    return index;
  }
  /** Undoes a coupon redemption of this visit before it is finished.
   *  @param index the index redeem_coupon() returned. */
  void undo_coupon_redemption(int index) { detail::check(tally_checkout_undo_coupon_redemption(handle_.get(), index)); }
  /** The customer declines an offer the basket qualifies for.
   *  @param offer_id the offer program's id. */
  void decline_offer(const std::string& offer_id) { detail::check(tally_checkout_decline_offer(handle_.get(), offer_id.c_str())); }
  /** Gives an adoption bundle in this visit.
   *  @param request_json {"species", "adoption_date", "source", "bonded_pair", "upcs": [...],
   *         "unit_prices": [cents or null, ...]} (unit_prices optional). */
  void redeem_adoption(std::string_view request_json) {
    detail::check(tally_checkout_redeem_adoption(handle_.get(), request_json.data(), request_json.size()));
  }
  /** Uses the customer's prepaid pass of a card type, the oldest pass first; a use beyond
   *  the uses left throws TALLY_E_PASS_USED_UP.
   *  @param program_id the custom program.
   *  @param card_id the pass's card type.
   *  @param quantity the uses (default 1).
   *  @return the pass use's index in this visit. */
  int use_pass(const std::string& program_id, const std::string& card_id, std::int32_t quantity = 1) {
    std::int32_t index = 0;
    detail::check(tally_checkout_use_pass(handle_.get(), program_id.c_str(), card_id.c_str(), quantity, &index));
    return index;
  }
  /** The location's vouchers this visit may still redeem, each with its allowed items.
   *  @return the vouchers (JSON array). */
  std::string vouchers() { return detail::document([&](char** out) { return tally_checkout_vouchers(handle_.get(), out); }); }
  /** Redeems a manufacturer's voucher for one unit of an item of its list; throws at once
   *  when it cannot be (not_found, wrong_location, voucher_used, voucher_expired,
   *  item_not_allowed).
   *  @param voucher_id the voucher.
   *  @param upc the item given.
   *  @param unit_price its shelf price in cents, or kPriceLastKnown.
   *  @return its index among the visit's voucher redemptions, for undo_voucher_redemption(). */
  int redeem_voucher(const std::string& voucher_id, const std::string& upc, Cents unit_price = kPriceLastKnown) {
    std::int32_t index = 0;
    detail::check(tally_checkout_redeem_voucher(handle_.get(), voucher_id.c_str(), upc.c_str(), unit_price, &index));
    return index;
  }
  /** Undoes a voucher redemption of this visit before it is finished.
   *  @param index the index redeem_voucher() returned. */
  void undo_voucher_redemption(int index) {
    detail::check(tally_checkout_undo_voucher_redemption(handle_.get(), index));
  }
  /** Stores the visit in one transaction. A receipt finished before returns its first result
   *  ("replayed": true) and changes nothing; with other content it throws TALLY_E_RECEIPT_CONFLICT.
   *  @return the checkout result (JSON). */
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
  /** Opens an engine on the embedded SQLite store.
   *  @param path a file path, or ":memory:".
   *  @param options_json "" (the default), or {"account", "synchronous": "off" | "normal" |
   *         "full" | "extra", "busy_timeout_ms", "busy_retries"}.
   *  @return the engine. */
  static Engine open_sqlite(const std::string& path, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_sqlite(path.c_str(), detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** Opens an engine on a central PostgreSQL database (docs/postgresql.md).
   *  @param conninfo in libpq's forms: "postgresql://user@host:5432/db" or "host=... dbname=...".
   *  @param options_json "" (the default), or {"account", "busy_retries"}.
   *  @return the engine. */
  static Engine open_postgres(const std::string& conninfo, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_postgres(conninfo.c_str(), detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** Opens an engine on a store in process memory, gone when the engine closes.
   *  @param options_json "" (the default), or {"account", "busy_retries"}.
   *  @return the engine. */
  static Engine open_memory(const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_memory(detail::or_null(options_json), &e));
    return Engine(e);
  }
  /** Opens an engine on the host's own store, over the callbacks of tally_store.h.
   *  @param callbacks the host's storage callbacks. The struct is copied; `user` must stay
   *         valid until destroy is called (or, without destroy, until the engine closes).
   *  @param options_json "" (the default), or {"account", "busy_retries"}.
   *  @return the engine. */
  static Engine open_store(const tally_store_callbacks& callbacks, const std::string& options_json = "") {
    tally_engine* e = nullptr;
    detail::check(tally_engine_open_store(&callbacks, detail::or_null(options_json), &e));
    return Engine(e);
  }

  /** The C handle, for calls of tally.h this layer does not wrap.
   *  @return the engine's handle, or NULL once moved from. */
  tally_engine* handle() const noexcept { return handle_.get(); }

  // --- Catalog, locations, enrollments, customers -------------------------------------
  /** Loads a catalog document (docs/catalog.md): adds or replaces its manufacturers,
   *  distributors, products and programs; all or nothing.
   *  @param catalog_json the catalog document.
   *  @param at when the change happens (Unix seconds).
   *  @return {"manufacturers", "distributors", "products", "programs"}: the counts after the
   *          load. */
  std::string load_catalog(std::string_view catalog_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_load_catalog(handle_.get(), catalog_json.data(), catalog_json.size(), at, out); });
  }
  /** The stored catalog as one document.
   *  @return the catalog (JSON). */
  std::string catalog() { return detail::document([&](char** out) { return tally_catalog(handle_.get(), out); }); }
  /** Adds or replaces a store location.
   *  @param location_json {"id", "name", "state", "time_zone", "master"}.
   *  @param at when the change happens. */
  void save_location(std::string_view location_json, Timestamp at) {
    detail::check(tally_save_location(handle_.get(), location_json.data(), location_json.size(), at));
  }
  /** One location.
   *  @param location_id the location's id.
   *  @return the location (JSON). */
  std::string location(const std::string& location_id) {
    return detail::document([&](char** out) { return tally_location(handle_.get(), location_id.c_str(), out); });
  }
  /** Every location.
   *  @return the locations (JSON array). */
  std::string locations() { return detail::document([&](char** out) { return tally_locations(handle_.get(), out); }); }
  /** Enrolls a location in a program, or changes its distributor; held lines move when a
   *  distributor is picked.
   *  @param enrollment_json {"location", "program", "distributor", "account_number"}.
   *  @param at when the change happens.
   *  @return {"enrollment": {...}, "released_lines": n}. */
  std::string enroll(std::string_view enrollment_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_enroll(handle_.get(), enrollment_json.data(), enrollment_json.size(), at, out); });
  }
  /** A location's enrollments.
   *  @param location_id the location's id.
   *  @return the enrollments (JSON array). */
  std::string enrollments(const std::string& location_id) {
    return detail::document([&](char** out) { return tally_enrollments(handle_.get(), location_id.c_str(), out); });
  }
  /** Adds or replaces a customer.
   *  @param customer_json the customer; an empty or missing id has the engine generate one.
   *  @param at when the change happens.
   *  @return the stored customer, with its id when the engine generated it. */
  std::string save_customer(std::string_view customer_json, Timestamp at) {
    return detail::document([&](char** out) { return tally_save_customer(handle_.get(), customer_json.data(), customer_json.size(), at, out); });
  }
  /** One customer.
   *  @param customer_id the customer's id.
   *  @return the customer (JSON). */
  std::string customer(const std::string& customer_id) {
    return detail::document([&](char** out) { return tally_customer(handle_.get(), customer_id.c_str(), out); });
  }

  // --- Checkout ------------------------------------------------------------------------
  /** Opens a visit at the till; nothing is stored until Checkout::finish().
   *  @param location_id the store where the visit happens.
   *  @param customer_id the customer at the till.
   *  @param receipt_id the POS's receipt id: (location, receipt) keys the finished visit, so a
   *         retry never punches or redeems twice.
   *  @param at when the visit happens.
   *  @return the visit; it must not outlive this engine. */
  Checkout open_checkout(const std::string& location_id, const std::string& customer_id,
                         const std::string& receipt_id, Timestamp at) {
    tally_checkout* c = nullptr;
    detail::check(tally_checkout_open(handle_.get(), location_id.c_str(), customer_id.c_str(), receipt_id.c_str(), at, &c));
    return Checkout(c);
  }
  /** Runs and finishes a whole visit given as one JSON document (see docs/c-api.md).
   *  @param visit_json the checkout document.
   *  @return the checkout result (JSON). */
  std::string run_checkout(std::string_view visit_json) {
    return detail::document([&](char** out) { return tally_run_checkout(handle_.get(), visit_json.data(), visit_json.size(), out); });
  }
  /** Finishes many whole visits in order, as a bulk load does (tally_run_checkouts()).
   *  @param visits_json a JSON array of checkout documents.
   *  @return one outcome per document, in order (JSON array). */
  std::string run_checkouts(std::string_view visits_json) {
    return detail::document([&](char** out) { return tally_run_checkouts(handle_.get(), visits_json.data(), visits_json.size(), out); });
  }
  /** The stored result of a finished receipt.
   *  @param location_id the store of the receipt.
   *  @param receipt_id the POS's receipt id.
   *  @return the checkout result (JSON). */
  std::string checkout_result(const std::string& location_id, const std::string& receipt_id) {
    return detail::document([&](char** out) { return tally_checkout_result(handle_.get(), location_id.c_str(), receipt_id.c_str(), out); });
  }

  // --- Cards, rewards, credit lines, the journal --------------------------------------
  /** A customer's cards.
   *  @param customer_id the customer.
   *  @param include_redeemed false (the default): the open and completed cards; true: the
   *         whole history.
   *  @return the cards (JSON array). */
  std::string cards(const std::string& customer_id, bool include_redeemed = false) {
    return detail::document([&](char** out) { return tally_cards(handle_.get(), customer_id.c_str(), include_redeemed ? 1 : 0, out); });
  }
  /** A customer's completed cards waiting for their reward at a location.
   *  @param customer_id the customer.
   *  @param location_id the store.
   *  @return the rewards (JSON array). */
  std::string rewards(const std::string& customer_id, const std::string& location_id) {
    return detail::document([&](char** out) { return tally_rewards(handle_.get(), customer_id.c_str(), location_id.c_str(), out); });
  }
  /** Credit lines: what each partner owes the store.
   *  @param state "" (the default) for all, or a state such as "new" or "held".
   *  @param partner "" (the default) for all, or the id of the partner who pays the store back.
   *  @return the lines (JSON array). */
  std::string credit_lines(const std::string& state = "", const std::string& partner = "") {
    return detail::document([&](char** out) {
      return tally_credit_lines(handle_.get(), detail::or_null(state), detail::or_null(partner), out);
    });
  }
  /** One credit line, with its whole history.
   *  @param line_id the line's id.
   *  @return the line (JSON). */
  std::string credit_line(std::int64_t line_id) {
    return detail::document([&](char** out) { return tally_credit_line(handle_.get(), line_id, out); });
  }
  /** Journal entries {"seq", "at", "kind", "document"}, oldest first: the audit trail and the
   *  feed a central server follows.
   *  @param after_seq entries with seq > after_seq (0: from the start).
   *  @param limit at most this many entries.
   *  @return the entries (JSON array). */
  std::string journal(std::int64_t after_seq, std::uint32_t limit) {
    return detail::document([&](char** out) { return tally_journal(handle_.get(), after_seq, limit, out); });
  }
  /** A customer's points in every points program of the catalog.
   *  @param customer_id the customer.
   *  @param location_id the store asking: its time zone says which points have expired.
   *  @param at "now".
   *  @return the balances, lots and rewards taken (JSON array). */
  std::string customer_points(const std::string& customer_id, const std::string& location_id, Timestamp at) {
    return detail::document(
        [&](char** out) { return tally_customer_points(handle_.get(), customer_id.c_str(), location_id.c_str(), at, out); });
  }
  /** The changes of a customer's points balance in one program, oldest first.
   *  @param customer_id the customer.
   *  @param program_id the points program.
   *  @param after the last entry number already read (0: from the first).
   *  @param limit at most this many entries.
   *  @return the entries (JSON array). */
  std::string points_history(const std::string& customer_id, const std::string& program_id, std::int64_t after = 0,
                             std::uint32_t limit = 1000) {
    return detail::document([&](char** out) {
      return tally_points_history(handle_.get(), customer_id.c_str(), program_id.c_str(), after, limit, out);
    });
  }

  // --- Manufacturers' vouchers ---------------------------------------------------------
  /** The brand issues vouchers of one of its voucher programs to a location.
   *  @param actor_json {"role": "manufacturer", "id": "..."}.
   *  @param issue_json {"program", "location", "ids" or "count", "expires", "note"}.
   *  @param at when.
   *  @return the vouchers (JSON array). */
  std::string issue_vouchers(const std::string& actor_json, const std::string& issue_json, Timestamp at) {
    return detail::document(
        [&](char** out) { return tally_issue_vouchers(handle_.get(), actor_json.c_str(), issue_json.c_str(), at, out); });
  }
  /** A location's vouchers as of `at`.
   *  @param location_id the location.
   *  @param state "pending", "redeemed", "expired", or "" for all.
   *  @param at "now".
   *  @return the vouchers (JSON array). */
  std::string vouchers(const std::string& location_id, const std::string& state, Timestamp at) {
    return detail::document(
        [&](char** out) { return tally_vouchers(handle_.get(), location_id.c_str(), state.c_str(), at, out); });
  }
  /** One voucher as of `at`.
   *  @param voucher_id the voucher.
   *  @param at "now".
   *  @return the voucher (JSON object). */
  std::string voucher(const std::string& voucher_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_voucher(handle_.get(), voucher_id.c_str(), at, out); });
  }
  /** The store takes a redeemed voucher in another item of its list while its credit line
   *  is new and not batched.
   *  @param actor_json {"role": "retailer", "id": "<location>"}.
   *  @param voucher_id the voucher.
   *  @param upc the new item.
   *  @param unit_price its shelf price in cents, or kPriceLastKnown.
   *  @param at when.
   *  @return the voucher as it now stands (JSON object). */
  std::string change_voucher_item(const std::string& actor_json, const std::string& voucher_id, const std::string& upc,
                                  Cents unit_price, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_change_voucher_item(handle_.get(), actor_json.c_str(), voucher_id.c_str(), upc.c_str(), unit_price,
                                       at, out);
    });
  }

  // --- Adoption, private programs, auto-enrollment ------------------------------------
  /** Whether a customer may have an adoption bundle.
   *  @param customer_id the adopting customer.
   *  @param location_id the store.
   *  @param species the adopted animal's species, e.g. "dog".
   *  @param adoption_date the adoption's date, YYYY-MM-DD.
   *  @param source where the animal came from: rescue, shelter, stray, rehomed or in_store.
   *  @param at the time of asking.
   *  @return {"eligible", "reason", "next_eligible"}. */
  std::string adoption_eligibility(const std::string& customer_id, const std::string& location_id,
                                   const std::string& species, const std::string& adoption_date,
                                   const std::string& source, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_adoption_eligibility(handle_.get(), customer_id.c_str(), location_id.c_str(), species.c_str(),
                                        adoption_date.c_str(), source.c_str(), at, out);
    });
  }
  /** The brand approves or denies a pending enrollment in a private program.
   *  @param actor_json the brand: {"role": "manufacturer", "id": "..."}.
   *  @param location_id the store that applied.
   *  @param program_id the private program.
   *  @param approve true to approve, false to deny (a denied store cannot re-apply).
   *  @param at when the review happens.
   *  @return the enrollment (JSON). */
  std::string review_enrollment(const std::string& actor_json, const std::string& location_id,
                                const std::string& program_id, bool approve, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_review_enrollment(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(),
                                     approve ? 1 : 0, at, out);
    });
  }
  /** Adds an auto-enrollment rule: the locations join the brand's offers, with the distributor.
   *  @param rule_json {"id", "locations": [...], "manufacturer", "distributor",
   *         "account_numbers": {loc: acct}}.
   *  @param at when the change happens.
   *  @return how many enrollments the rule made now. */
  int add_auto_enrollment(std::string_view rule_json, Timestamp at) {
    std::int32_t enrolled = 0;
    detail::check(tally_add_auto_enrollment(handle_.get(), rule_json.data(), rule_json.size(), at, &enrolled));
    return enrolled;
  }
  /** Removes an auto-enrollment rule.
   *  @param rule_id the rule's id.
   *  @param at when the change happens. */
  void remove_auto_enrollment(const std::string& rule_id, Timestamp at) {
    detail::check(tally_remove_auto_enrollment(handle_.get(), rule_id.c_str(), at));
  }
  /** Every auto-enrollment rule.
   *  @return the rules (JSON array). */
  std::string auto_enrollments() { return detail::document([&](char** out) { return tally_auto_enrollments(handle_.get(), out); }); }

  // --- Credit-line lifecycles (docs/lifecycles.md) ------------------------------------
  /** The distributor (or the brand, for direct programs) pulls the new credit lines owed to
   *  it into a batch.
   *  @param actor_json who pulls: the distributor, or the manufacturer of direct programs.
   *  @param name the batch's name, e.g. "week 45", or "".
   *  @param locations_json ["va", ...], or "" for every location.
   *  @param stream "free_goods" (or "") or "rebates".
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string pull_batch(const std::string& actor_json, const std::string& name, const std::string& locations_json,
                         const std::string& stream, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_pull_batch(handle_.get(), actor_json.c_str(), detail::or_null(name), detail::or_null(locations_json),
                              detail::or_null(stream), at, out);
    });
  }
  /** Takes one line out of its batch.
   *  @param actor_json who acts.
   *  @param line_id the line.
   *  @param at when it happens.
   *  @return the line (JSON). */
  std::string unbatch_line(const std::string& actor_json, std::int64_t line_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_unbatch_line(handle_.get(), actor_json.c_str(), line_id, at, out); });
  }
  /** Dissolves a batch: its lines are new again.
   *  @param actor_json who acts.
   *  @param batch_id the batch.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string unbatch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_unbatch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** The partner declines a line it will not credit.
   *  @param actor_json who declines.
   *  @param line_id the line.
   *  @param reason why, e.g. "wrong_account_number".
   *  @param note a free-text note, or "".
   *  @param at when it happens.
   *  @return the line (JSON). */
  std::string decline_line(const std::string& actor_json, std::int64_t line_id, const std::string& reason,
                           const std::string& note, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_decline_line(handle_.get(), actor_json.c_str(), line_id, reason.c_str(), detail::or_null(note), at, out);
    });
  }
  /** The distributor fulfills a batch: it credits the store with a credit memo.
   *  @param actor_json the distributor.
   *  @param batch_id the batch.
   *  @param memo_json {"number": "...", "amount": cents, "note": "..."}.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string fulfill_batch(const std::string& actor_json, std::int64_t batch_id, const std::string& memo_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_fulfill_batch(handle_.get(), actor_json.c_str(), batch_id, memo_json.c_str(), at, out);
    });
  }
  /** The distributor claims from the manufacturer what it credited stores for.
   *  @param actor_json the distributor.
   *  @param manufacturer_id the manufacturer who pays the distributor back.
   *  @param batch_ids_json [1, 2], or "" for every fulfilled batch of the distributor.
   *  @param name the credit batch's name, or "".
   *  @param at when it happens.
   *  @return the credit batch (JSON). */
  std::string claim_credit(const std::string& actor_json, const std::string& manufacturer_id,
                           const std::string& batch_ids_json, const std::string& name, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_claim_credit(handle_.get(), actor_json.c_str(), manufacturer_id.c_str(), detail::or_null(batch_ids_json),
                                detail::or_null(name), at, out);
    });
  }
  /** The manufacturer pays a credit batch.
   *  @param actor_json the manufacturer.
   *  @param batch_id the credit batch.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string pay_credit_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_pay_credit_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** Moves a location's lines of a program to Temporary Holding, until a distributor is picked.
   *  @param actor_json the enrollment's distributor.
   *  @param location_id the store.
   *  @param program_id the program.
   *  @param at when it happens.
   *  @return how many lines are held. */
  int reassign_to_holding(const std::string& actor_json, const std::string& location_id, const std::string& program_id,
                          Timestamp at) {
    std::int32_t held = 0;
    detail::check(tally_reassign_to_holding(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(), at, &held));
    return held;
  }
  /** The store reconciles one credited line.
   *  @param actor_json the retailer.
   *  @param line_id the line.
   *  @param at when it happens.
   *  @return the line (JSON). */
  std::string reconcile_line(const std::string& actor_json, std::int64_t line_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_reconcile_line(handle_.get(), actor_json.c_str(), line_id, at, out); });
  }
  /** The store reconciles a whole batch.
   *  @param actor_json the retailer.
   *  @param batch_id the batch.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string reconcile_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_reconcile_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** Fixes the distributor account number of a location's enrollment.
   *  @param actor_json the retailer.
   *  @param location_id the store.
   *  @param program_id the program.
   *  @param account_number the store's account number with the distributor.
   *  @param at when it happens.
   *  @return the enrollment (JSON). */
  std::string fix_account_number(const std::string& actor_json, const std::string& location_id,
                                 const std::string& program_id, const std::string& account_number, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_fix_account_number(handle_.get(), actor_json.c_str(), location_id.c_str(), program_id.c_str(),
                                      account_number.c_str(), at, out);
    });
  }
  /** The store resubmits a declined line once fixed.
   *  @param actor_json the retailer.
   *  @param line_id the line.
   *  @param note a free-text note, or "".
   *  @param at when it happens.
   *  @return the line (JSON). */
  std::string resubmit_line(const std::string& actor_json, std::int64_t line_id, const std::string& note, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_resubmit_line(handle_.get(), actor_json.c_str(), line_id, detail::or_null(note), at, out);
    });
  }
  /** Creates a retailer batch: the store claims from the brand itself (retailer-fulfilled lines).
   *  @param actor_json the retailer.
   *  @param name the batch's name, or "".
   *  @param locations_json ["va", ...], or "" for every location.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string create_retailer_batch(const std::string& actor_json, const std::string& name,
                                    const std::string& locations_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_create_retailer_batch(handle_.get(), actor_json.c_str(), detail::or_null(name),
                                         detail::or_null(locations_json), at, out);
    });
  }
  /** The store sends a retailer batch to the brand.
   *  @param actor_json the retailer.
   *  @param batch_id the batch.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string submit_retailer_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_submit_retailer_batch(handle_.get(), actor_json.c_str(), batch_id, at, out); });
  }
  /** The brand completes a retailer batch it received.
   *  @param actor_json the manufacturer.
   *  @param batch_id the batch.
   *  @param at when it happens.
   *  @return the batch (JSON). */
  std::string complete_retailer_batch(const std::string& actor_json, std::int64_t batch_id, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_complete_retailer_batch(handle_.get(), actor_json.c_str(), batch_id, at, out);
    });
  }
  /** Sets how often a location's batches fall due.
   *  @param location_id the store.
   *  @param cadence "weekly", "biweekly", "monthly" or "manual".
   *  @param anchor_date the date the cadence counts from, YYYY-MM-DD.
   *  @param at when the change happens. */
  void set_cadence(const std::string& location_id, const std::string& cadence, const std::string& anchor_date, Timestamp at) {
    detail::check(tally_set_cadence(handle_.get(), location_id.c_str(), cadence.c_str(), anchor_date.c_str(), at));
  }
  /** Each location's cadence, whether its batch is due on a date, and its new lines.
   *  @param date YYYY-MM-DD.
   *  @return one entry a location (JSON array). */
  std::string batches_due(const std::string& date) {
    return detail::document([&](char** out) { return tally_batches_due(handle_.get(), date.c_str(), out); });
  }
  /** One batch.
   *  @param batch_id the batch.
   *  @return the batch (JSON). */
  std::string batch(std::int64_t batch_id) {
    return detail::document([&](char** out) { return tally_batch(handle_.get(), batch_id, out); });
  }
  /** Every batch, or a partner's.
   *  @param partner "" (the default) for every batch, or the partner's id.
   *  @return the batches (JSON array). */
  std::string batches(const std::string& partner = "") {
    return detail::document([&](char** out) { return tally_batches(handle_.get(), detail::or_null(partner), out); });
  }

  // --- Corrections after finishing (docs/corrections.md) ------------------------------
  /** Undoes a finished redemption, optionally choosing another free item instead.
   *  @param actor_json who corrects.
   *  @param redemption_id the redemption (its "id" in the checkout result).
   *  @param upc "": remove only; otherwise remove and reselect that item.
   *  @param unit_price the reselected item's price, or kPriceLastKnown.
   *  @param reverse asks for a reversal line when the credit line was already credited.
   *  @param at when it happens.
   *  @return the redemption (JSON). */
  std::string undo_redemption(const std::string& actor_json, std::int64_t redemption_id, const std::string& upc,
                              Cents unit_price, bool reverse, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_undo_redemption(handle_.get(), actor_json.c_str(), redemption_id, detail::or_null(upc), unit_price,
                                   reverse ? 1 : 0, at, out);
    });
  }
  /** Returns items of a finished receipt: their punches come off the customer's cards.
   *  @param request_json {"location", "receipt", "line", "quantity", "return_id", "at"}.
   *  @return {"return_id", "punches_removed", "debt_added", "replayed"}. */
  std::string return_items(std::string_view request_json) {
    return detail::document([&](char** out) { return tally_return_items(handle_.get(), request_json.data(), request_json.size(), out); });
  }
  /** Moves punches of an open card to a new card.
   *  @param customer_id the card's customer.
   *  @param card_number the card's number.
   *  @param punch_indexes the indexes of the punches to move.
   *  @param at when it happens.
   *  @return [the card kept, the new card]. */
  std::string split_card(const std::string& customer_id, std::int64_t card_number,
                         const std::vector<std::int32_t>& punch_indexes, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_split_card(handle_.get(), customer_id.c_str(), card_number, punch_indexes.data(), punch_indexes.size(), at, out);
    });
  }
  /** Merges a duplicate customer record into the survivor.
   *  @param survivor_id the customer who stays.
   *  @param duplicate_id the customer merged into the survivor.
   *  @param at when it happens.
   *  @return the survivor (JSON). */
  std::string merge_customers(const std::string& survivor_id, const std::string& duplicate_id, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_merge_customers(handle_.get(), survivor_id.c_str(), duplicate_id.c_str(), at, out);
    });
  }

  // --- Reports and the Command Center -------------------------------------------------
  /** A report of one location over a range of days (docs/reports.md).
   *  @param kind free_goods_credit_status, rebate_credit_status, retailer_credit_batches,
   *         redemptions_by_date, participation or transactions.
   *  @param query_json {"location", "from", "to", "manufacturer", "distributor", "programs",
   *         "format"}.
   *  @param at "now", for the default dates (today at the location).
   *  @return the report as JSON, or CSV when the query says "format": "csv". */
  std::string report(const std::string& kind, std::string_view query_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_report(handle_.get(), kind.c_str(), query_json.data(), query_json.size(), at, out);
    });
  }
  /** The store's Command Center (docs/command-center.md): what needs its action, offers from
   *  its top brands, auto-enrollment, the mobile app.
   *  @param location_id the store.
   *  @param at "now".
   *  @return the Command Center (JSON). */
  std::string command_center(const std::string& location_id, Timestamp at) {
    return detail::document([&](char** out) { return tally_command_center(handle_.get(), location_id.c_str(), at, out); });
  }
  /** Sets the host's billing flag for a location, shown in its Command Center.
   *  @param location_id the store.
   *  @param flag the flag's text; "" clears it.
   *  @param at when the change happens. */
  void set_billing_flag(const std::string& location_id, const std::string& flag, Timestamp at) {
    detail::check(tally_set_billing_flag(handle_.get(), location_id.c_str(), detail::or_null(flag), at));
  }

  // --- Coupons ---------------------------------------------------------------------------
  /** The brand issues coupons to the customers that engaged with it.
   *  @param actor_json {"role": "manufacturer", "id": the brand}.
   *  @param issue_json {"manufacturer", "kind", "value", "upcs", "starts_on", "ends_on",
   *         "customers", "lapsed_days"}.
   *  @param at when the brand issues them.
   *  @return {"issued": [...], "refused": [...]} (JSON). */
  std::string issue_coupons(const std::string& actor_json, std::string_view issue_json, Timestamp at) {
    return detail::document([&](char** out) {
      return tally_issue_coupons(handle_.get(), actor_json.c_str(), issue_json.data(), issue_json.size(), at, out);
    });
  }
  /** A customer's coupons, oldest first.
   *  @param customer_id the customer.
   *  @param include_redeemed the redeemed ones too.
   *  @return the coupons (JSON array). */
  std::string customer_coupons(const std::string& customer_id, bool include_redeemed = false) {
    return detail::document(
        [&](char** out) { return tally_customer_coupons(handle_.get(), customer_id.c_str(), include_redeemed ? 1 : 0, out); });
  }
  /** One coupon by id.
   *  @param coupon_id the coupon.
   *  @return the coupon (JSON). */
  std::string coupon(std::int64_t coupon_id) {
    return detail::document([&](char** out) { return tally_coupon(handle_.get(), coupon_id, out); });
  }
  /** A store opts out of one manufacturer's coupons, or back in.
   *  @param location_id the store.
   *  @param manufacturer_id the brand.
   *  @param opted_out true: out; false: back in.
   *  @param at when the change happens. */
  void set_coupon_opt_out(const std::string& location_id, const std::string& manufacturer_id, bool opted_out, Timestamp at) {
    detail::check(tally_set_coupon_opt_out(handle_.get(), location_id.c_str(), manufacturer_id.c_str(), opted_out ? 1 : 0, at));
  }

 private:
  explicit Engine(tally_engine* handle) noexcept : handle_(handle) {}
  detail::Handle<tally_engine, tally_engine_close> handle_;  // closed with the Engine; its checkouts must be gone first
};

}  // namespace tally

#endif /* TALLY_HPP */
