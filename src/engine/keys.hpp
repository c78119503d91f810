// SPDX-License-Identifier: Apache-2.0
// The storage key layout. Every key of an engine starts with "<account>/"; components
// that come from the host (ids, receipt numbers) are escaped so they cannot contain '/';
// numbers are zero-padded so that key order is numeric order.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tally::keys {

// Percent-escapes '%', '/', control bytes and 0x7F-0xFF-free of meaning: the key stays
// readable and one component can never be mistaken for two.
std::string esc(std::string_view component);
std::string num(std::int64_t n);
// The smallest key greater than every key starting with `prefix`.
std::string prefix_end(std::string_view prefix);

inline std::string format() { return "meta/format"; }
inline std::string catalog_rev() { return "meta/catalog_rev"; }
inline std::string config_rev() { return "meta/config_rev"; }
inline std::string counter(std::string_view name) { return "meta/seq/" + std::string(name); }
// A location's block of numbers of one sequence (see Txn::next_id).
inline std::string id_blocks(std::string_view name) { return "meta/blk/" + std::string(name) + "/"; }
std::string id_block(std::string_view name, std::string_view loc);

inline std::string manufacturer(std::string_view id) { return "cat/mfr/" + esc(id); }
inline std::string distributor(std::string_view id) { return "cat/dist/" + esc(id); }
inline std::string product(std::string_view gtin14) { return "cat/prod/" + std::string(gtin14); }
inline std::string program(std::string_view id) { return "cat/prog/" + esc(id); }

inline std::string location(std::string_view id) { return "loc/" + esc(id); }
inline std::string enrollments(std::string_view loc) { return "enr/" + esc(loc) + "/"; }
inline std::string enrollment(std::string_view loc, std::string_view prog) { return enrollments(loc) + esc(prog); }
inline std::string customer(std::string_view id) { return "cust/" + esc(id); }

inline std::string card(std::int64_t n) { return "card/" + num(n); }
// Storage format 1 indexed live cards one key each; format 2 keeps them in the wallet.
inline std::string format1_live_cards() { return "ix/live/"; }
inline std::string wallet(std::string_view cust) { return "wallet/" + esc(cust); }
inline std::string customer_cards(std::string_view cust) { return "ix/cards/" + esc(cust) + "/"; }
inline std::string customer_card(std::string_view cust, std::int64_t n) { return customer_cards(cust) + num(n); }

inline std::string receipt(std::string_view loc, std::string_view id) { return "rcpt/" + esc(loc) + "/" + esc(id); }
inline std::string redemption(std::int64_t n) { return "rdm/" + num(n); }
inline std::string line(std::int64_t n) { return "line/" + num(n); }
inline std::string lines() { return "line/"; }
inline std::string held(std::string_view loc, std::string_view prog) { return "ix/held/" + esc(loc) + "/" + esc(prog) + "/"; }
inline std::string line_states(std::string_view state) { return "ix/lstate/" + esc(state) + "/"; }
inline std::string line_state(std::string_view state, std::string_view partner) { return line_states(state) + esc(partner) + "/"; }
inline std::string prices(std::string_view loc) { return "price/" + esc(loc) + "/"; }
inline std::string price(std::string_view loc, std::string_view gtin14) { return prices(loc) + std::string(gtin14); }
inline std::string journal(std::int64_t seq) { return "jrnl/" + num(seq); }
inline std::string journal_all() { return "jrnl/"; }

// Per location and business day, for reports that must not scan every record.
inline std::string day_index(std::string_view what, std::string_view loc, std::int64_t day) {
  return "ix/day/" + std::string(what) + "/" + esc(loc) + "/" + num(day) + "/";
}
inline std::string day_index_all(std::string_view what, std::string_view loc) {
  return "ix/day/" + std::string(what) + "/" + esc(loc) + "/";
}
inline std::string batch(std::int64_t n) { return "batch/" + num(n); }
inline std::string batches() { return "batch/"; }
inline std::string partner_batches(std::string_view partner) { return "ix/batch/" + esc(partner) + "/"; }
inline std::string cadence(std::string_view loc) { return "cadence/" + esc(loc); }
inline std::string cadences() { return "cadence/"; }
inline std::string return_record(std::string_view loc, std::string_view id) { return "rtn/" + esc(loc) + "/" + esc(id); }
inline std::string returned(std::string_view loc, std::string_view receipt, int line) {
  return "ix/returned/" + esc(loc) + "/" + esc(receipt) + "/" + num(line);
}

inline std::string offer_customer_use(std::string_view offer, std::string_view cust) {
  return "ouse/" + esc(offer) + "/c/" + esc(cust);
}
inline std::string offer_total_use(std::string_view offer) { return "ouse/" + esc(offer) + "/total"; }
inline std::string last_adoption(std::string_view cust, std::string_view species) {
  return "adopt/" + esc(cust) + "/" + esc(species);
}
inline std::string adoption(std::int64_t n) { return "adoption/" + num(n); }

// A customer's points in one program, and the history of its changes.
inline std::string points_accounts() { return "pts/"; }
inline std::string points_account(std::string_view cust, std::string_view prog) {
  return "pts/" + esc(cust) + "/" + esc(prog);
}
inline std::string points_history(std::string_view cust, std::string_view prog) {
  return "ptsh/" + esc(cust) + "/" + esc(prog) + "/";
}
inline std::string points_entry(std::string_view cust, std::string_view prog, std::int64_t n) {
  return points_history(cust, prog) + num(n);
}

// Manufacturers' vouchers, by id, and each location's vouchers.
inline std::string voucher(std::string_view id) { return "vch/" + esc(id); }
inline std::string location_vouchers(std::string_view loc) { return "ix/vch/" + esc(loc) + "/"; }
inline std::string location_voucher(std::string_view loc, std::string_view id) {
  return location_vouchers(loc) + esc(id);
}

// Coupons: the record, the customer's coupons by number, a location's opt-out of one brand's
// coupons, and when a customer last engaged with a brand (card | offer | adoption).
inline std::string coupon(std::int64_t n) { return "cpn/" + num(n); }
inline std::string customer_coupons(std::string_view cust) { return "ix/cpn/" + esc(cust) + "/"; }
inline std::string customer_coupon(std::string_view cust, std::int64_t n) { return customer_coupons(cust) + num(n); }
inline std::string coupon_opt_out(std::string_view loc, std::string_view mfr) {
  return "cpnopt/" + esc(loc) + "/" + esc(mfr);
}
inline std::string engagements(std::string_view cust) { return "ix/eng/" + esc(cust) + "/"; }
inline std::string engagement(std::string_view cust, std::string_view mfr, std::string_view how) {
  return engagements(cust) + esc(mfr) + "/" + std::string(how);
}

inline std::string auto_rule(std::string_view id) { return "auto/" + esc(id); }
inline std::string auto_rules() { return "auto/"; }

inline std::string billing_flag(std::string_view loc) { return "billing/" + esc(loc); }
inline std::string app_users() { return "ix/app/"; }
inline std::string app_user(std::string_view cust) { return app_users() + esc(cust); }

// The number at the end of a key such as "line/0000000000000042".
std::int64_t trailing_number(std::string_view key);

}  // namespace tally::keys
