// SPDX-License-Identifier: Apache-2.0
#include "codec/stored.hpp"

#include <algorithm>
#include <climits>

#include "codec/binary.hpp"

namespace tally::codec {
namespace {

// Every integer field is a zigzag varint (bin::Writer::varint), read back with its range.
using bin::Reader;
using bin::Writer;

constexpr char kCard = 'C';
constexpr char kWallet = 'W';
constexpr char kCustomer = 'U';
constexpr char kLine = 'L';
constexpr char kRedemption = 'D';
constexpr char kJournal = 'J';
constexpr char kRequest = 'Q';
constexpr char kReceipt = 'R';
constexpr char kPoints = 'P';
constexpr char kPointsEntry = 'H';
constexpr char kCoupon = 'K';
constexpr char kVoucher = 'V';
// Sections a request or receipt of format 2 may end with, each a tag and its fields, in
// this order and only when not empty: what was stored before they existed reads and
// compares unchanged.
constexpr std::uint8_t kRewardExtrasSection = 'X';  // receipts: each waiting reward's cash back, pass uses
constexpr std::uint8_t kPointsSection = 'P';        // requests: points redemptions; receipts: points activity
constexpr std::uint8_t kPassSection = 'U';          // requests: pass uses
constexpr std::uint8_t kCouponSection = 'C';        // requests: coupon redemptions
constexpr std::uint8_t kVoucherSection = 'V';       // requests: voucher redemptions

// Reads the sections that end a record, each at most once and in the order they are asked
// for: a tag out of order, unknown or repeated is damage.
class Sections {
 public:
  explicit Sections(Reader& r) : r_(r) {}
  bool next(std::uint8_t tag) {
    if (!pending_ && !r_.done()) pending_ = r_.byte();
    if (pending_ != tag) return false;
    pending_ = 0;
    return true;
  }
  void end() {
    if (pending_ || !r_.done()) r_.corrupt("holds an unknown section, or one out of order");
  }

 private:
  Reader& r_;
  std::uint8_t pending_ = 0;
};

std::string start(char kind, std::size_t reserve = 96) {
  std::string out;
  out.reserve(reserve);
  out.push_back(static_cast<char>(kBinaryFormat));
  out.push_back(kind);
  return out;
}

Reader open(std::string_view bytes, std::string_view key, char kind) {
  Reader r(bytes, key);
  if (r.byte() != kBinaryFormat) r.corrupt("is not of storage format 2");
  if (r.byte() != static_cast<std::uint8_t>(kind)) r.corrupt("is of another kind");
  return r;
}

template <class T, class Read>
std::vector<T> read_list(Reader& r, Read read) {
  std::vector<T> out(r.count());
  for (auto& item : out) item = read();
  return out;
}

template <class T, class Write>
void write_list(Writer& w, const std::vector<T>& items, Write write) {
  w.uvarint(items.size());
  for (const auto& item : items) write(item);
}

std::int64_t id(Reader& r) { return r.number(0, INT64_MAX); }
std::int64_t any(Reader& r) { return r.varint(); }
int int32(Reader& r) { return r.small(INT32_MIN, INT32_MAX); }

domain::CardStatus card_status(Reader& r) {
  const std::uint8_t s = r.byte();
  if (s > static_cast<std::uint8_t>(domain::CardStatus::redeemed)) r.corrupt("holds an unknown card status");
  return static_cast<domain::CardStatus>(s);
}

// --- Parts shared by several records.

void write_sale_line(Writer& w, const SaleLine& l) {
  w.str(l.upc);
  w.varint(l.quantity);
  w.varint(l.unit_price);
  w.str(l.exception_program);
  w.str(l.exception_card);
  w.str(l.exception_reason);
}

SaleLine read_sale_line(Reader& r) {
  SaleLine l;
  l.upc = r.str();
  l.quantity = int32(r);
  l.unit_price = any(r);
  l.exception_program = r.str();
  l.exception_card = r.str();
  l.exception_reason = r.str();
  return l;
}

void write_redemption(Writer& w, const Redemption& d) {
  w.varint(d.id);
  w.str(d.kind);
  w.str(d.program_id);
  w.str(d.card_id);
  w.varint(d.card_number);
  w.str(d.upc);
  w.varint(d.quantity);
  w.varint(d.unit_price);
  w.varint(d.credit_line_id);
  w.str(d.credit_state);
}

Redemption read_redemption(Reader& r) {
  Redemption d;
  d.id = id(r);
  d.kind = r.str();
  d.program_id = r.str();
  d.card_id = r.str();
  d.card_number = id(r);
  d.upc = r.str();
  d.quantity = int32(r);
  d.unit_price = any(r);
  d.credit_line_id = id(r);
  d.credit_state = r.str();
  return d;
}

void write_events(Writer& w, const std::vector<CreditLineEvent>& events) {
  write_list(w, events, [&](const CreditLineEvent& e) {
    w.str(e.state);
    w.varint(e.at);
    w.str(e.actor);
    w.str(e.note);
  });
}

std::vector<CreditLineEvent> read_events(Reader& r) {
  return read_list<CreditLineEvent>(r, [&] {
    CreditLineEvent e;
    e.state = r.str();
    e.at = any(r);
    e.actor = r.str();
    e.note = r.str();
    return e;
  });
}

bool same_visit(const domain::PunchRecord& a, const domain::PunchRecord& b) {
  return a.at == b.at && a.day == b.day && a.receipt_id == b.receipt_id && a.location_id == b.location_id &&
         a.reason == b.reason;
}

}  // namespace

bool is_binary(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<std::uint8_t>(bytes[0]) == kBinaryFormat;
}

// --- Cards: the punches of one visit share their time, receipt, location and reason.

std::string encode(const domain::CardState& c) {
  std::string out = start(kCard, 64 + c.punches.size() * 24);
  Writer w(out);
  w.varint(c.number);
  w.str(c.customer_id);
  w.str(c.program_id);
  w.str(c.card_id);
  w.str(c.size);
  w.byte(static_cast<std::uint8_t>(c.status));
  w.varint(c.debt);
  w.varint(c.opened_at);
  w.opt(c.completed_at);
  w.varint(c.redemption_id);
  w.varint(c.expired);
  std::size_t groups = 0;
  for (std::size_t i = 0; i < c.punches.size(); ++i)
    if (i == 0 || !same_visit(c.punches[i - 1], c.punches[i])) ++groups;
  w.uvarint(groups);
  for (std::size_t i = 0; i < c.punches.size();) {
    const auto& first = c.punches[i];
    std::size_t j = i;
    while (j < c.punches.size() && same_visit(first, c.punches[j])) ++j;
    w.varint(first.at);
    w.varint(first.day);
    w.str(first.receipt_id);
    w.str(first.location_id);
    w.str(first.reason);
    w.uvarint(j - i);
    for (; i < j; ++i) {
      w.str(c.punches[i].upc);
      w.varint(c.punches[i].unit_price);
      w.boolean(c.punches[i].exception);
    }
  }
  // Cash back, added after the first layout: written only by a card that has some, so every
  // other card keeps its bytes and a card stored before reads as having none.
  const bool cash_back = c.cash_back_debt != 0 || std::any_of(c.punches.begin(), c.punches.end(), [](const auto& p) {
                           return p.cash_back != 0;
                         });
  if (cash_back) {
    w.varint(c.cash_back_debt);
    for (const auto& p : c.punches) w.varint(p.cash_back);
  }
  return out;
}

domain::CardState decode_card(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kCard);
  domain::CardState c;
  c.number = r.number(1, INT64_MAX);
  c.customer_id = r.str();
  c.program_id = r.str();
  c.card_id = r.str();
  c.size = r.str();
  c.status = card_status(r);
  c.debt = r.small(0, INT32_MAX);
  c.opened_at = any(r);
  c.completed_at = r.opt();
  c.redemption_id = id(r);
  c.expired = r.small(0, INT32_MAX);
  const std::size_t groups = r.count();
  for (std::size_t g = 0; g < groups; ++g) {
    domain::PunchRecord visit;
    visit.at = any(r);
    visit.day = any(r);
    visit.receipt_id = r.str();
    visit.location_id = r.str();
    visit.reason = r.str();
    const std::size_t n = r.count();
    if (n == 0) r.corrupt("holds a visit without punches");
    for (std::size_t i = 0; i < n; ++i) {
      domain::PunchRecord p = visit;
      p.upc = r.str();
      p.unit_price = r.number(0, INT64_MAX);
      p.exception = r.boolean();
      c.punches.push_back(std::move(p));
    }
  }
  if (!r.done()) {
    c.cash_back_debt = r.number(0, INT64_MAX);
    for (auto& p : c.punches) p.cash_back = r.number(0, INT64_MAX);
  }
  r.end();
  return c;
}

// --- The wallet: the customer's live cards, in card-number order.

std::string encode(const std::vector<domain::CardSummary>& wallet) {
  std::string out = start(kWallet, 8 + wallet.size() * 40);
  Writer w(out);
  write_list(w, wallet, [&](const domain::CardSummary& s) {
    w.varint(s.number);
    w.str(s.program_id);
    w.str(s.card_id);
    w.str(s.size);
    w.byte(static_cast<std::uint8_t>(s.status));
    w.varint(s.least);
  });
  return out;
}

std::vector<domain::CardSummary> decode_wallet(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kWallet);
  auto wallet = read_list<domain::CardSummary>(r, [&] {
    domain::CardSummary s;
    s.number = r.number(1, INT64_MAX);
    s.program_id = r.str();
    s.card_id = r.str();
    s.size = r.str();
    s.status = card_status(r);
    if (s.status == domain::CardStatus::redeemed) r.corrupt("lists a redeemed card as live");
    s.least = r.number(0, INT64_MAX);
    return s;
  });
  for (std::size_t i = 1; i < wallet.size(); ++i)
    if (wallet[i].number <= wallet[i - 1].number) r.corrupt("lists its cards out of order");
  r.end();
  return wallet;
}

// --- Customers.

std::string encode(const Customer& c) {
  std::string out = start(kCustomer);
  Writer w(out);
  w.str(c.id);
  w.str(c.first_name);
  w.str(c.last_name);
  w.str(c.email);
  w.str(c.phone);
  w.str(c.mailing_address);
  w.byte(static_cast<std::uint8_t>(c.type));
  w.boolean(c.test);
  w.opt(c.app_since);
  w.str(c.merged_into);
  return out;
}

Customer decode_customer(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kCustomer);
  Customer c;
  c.id = r.str();
  c.first_name = r.str();
  c.last_name = r.str();
  c.email = r.str();
  c.phone = r.str();
  c.mailing_address = r.str();
  const std::uint8_t type = r.byte();
  if (type > static_cast<std::uint8_t>(CustomerType::employee)) r.corrupt("holds an unknown customer type");
  c.type = static_cast<CustomerType>(type);
  c.test = r.boolean();
  c.app_since = r.opt();
  c.merged_into = r.str();
  r.end();
  return c;
}

// --- Credit lines.

std::string encode(const CreditLine& c) {
  std::string out = start(kLine, 256);
  Writer w(out);
  w.varint(c.id);
  w.str(c.stream);
  w.str(c.state);
  w.str(c.fulfillment);
  w.str(c.partner);
  w.str(c.account_number);
  w.str(c.manufacturer_id);
  w.str(c.program_id);
  w.str(c.card_id);
  w.str(c.location_id);
  w.str(c.customer_id);
  w.str(c.receipt_id);
  w.varint(c.redemption_id);
  w.str(c.upc);
  w.varint(c.quantity);
  w.varint(c.unit_price);
  w.varint(c.created_at);
  w.str(c.business_date);
  w.str(c.program_kind);
  w.varint(c.batch_id);
  w.varint(c.credit_batch_id);
  w.str(c.decline_reason);
  w.str(c.decline_note);
  w.opt(c.resubmitted_at);
  w.varint(c.reverses);
  write_events(w, c.history);
  return out;
}

CreditLine decode_line(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kLine);
  CreditLine c;
  c.id = r.number(1, INT64_MAX);
  c.stream = r.str();
  c.state = r.str();
  c.fulfillment = r.str();
  c.partner = r.str();
  c.account_number = r.str();
  c.manufacturer_id = r.str();
  c.program_id = r.str();
  c.card_id = r.str();
  c.location_id = r.str();
  c.customer_id = r.str();
  c.receipt_id = r.str();
  c.redemption_id = id(r);
  c.upc = r.str();
  c.quantity = int32(r);
  c.unit_price = any(r);
  c.created_at = any(r);
  c.business_date = r.str();
  c.program_kind = r.str();
  c.batch_id = id(r);
  c.credit_batch_id = id(r);
  c.decline_reason = r.str();
  c.decline_note = r.str();
  c.resubmitted_at = r.opt();
  c.reverses = id(r);
  c.history = read_events(r);
  r.end();
  return c;
}

// --- Redemptions.

std::string encode(const StoredRedemption& s) {
  std::string out = start(kRedemption);
  Writer w(out);
  write_redemption(w, s.redemption);
  w.str(s.location_id);
  w.str(s.receipt_id);
  w.str(s.customer_id);
  w.varint(s.at);
  w.str(s.status);
  w.varint(s.replaces);
  w.varint(s.replaced_by);
  w.opt(s.undone_at);
  return out;
}

StoredRedemption decode_redemption(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kRedemption);
  StoredRedemption s;
  s.redemption = read_redemption(r);
  s.location_id = r.str();
  s.receipt_id = r.str();
  s.customer_id = r.str();
  s.at = any(r);
  s.status = r.str();
  s.replaces = id(r);
  s.replaced_by = id(r);
  s.undone_at = r.opt();
  r.end();
  return s;
}

// --- Manufacturer vouchers.

std::string encode(const Voucher& v) {
  std::string out = start(kVoucher, 96 + v.note.size());
  Writer w(out);
  w.str(v.id);
  w.str(v.program_id);
  w.str(v.manufacturer_id);
  w.str(v.location_id);
  w.boolean(v.state == "redeemed");
  w.str(v.expires);
  w.str(v.note);
  w.varint(v.issued_at);
  w.str(v.receipt_id);
  w.opt(v.redeemed_at);
  w.str(v.redeemed_on);
  w.str(v.upc);
  w.varint(v.unit_price);
  w.varint(v.redemption_id);
  w.varint(v.credit_line_id);
  return out;
}

Voucher decode_voucher(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kVoucher);
  Voucher v;
  v.id = r.str();
  v.program_id = r.str();
  v.manufacturer_id = r.str();
  v.location_id = r.str();
  v.state = r.boolean() ? "redeemed" : "pending";
  v.expires = r.str();
  v.note = r.str();
  v.issued_at = any(r);
  v.receipt_id = r.str();
  v.redeemed_at = r.opt();
  v.redeemed_on = r.str();
  v.upc = r.str();
  v.unit_price = any(r);
  v.redemption_id = id(r);
  v.credit_line_id = id(r);
  if (v.id.empty()) r.corrupt("names no voucher");
  if ((v.state == "redeemed") != (v.redemption_id != 0)) r.corrupt("is redeemed without a redemption, or the other way");
  r.end();
  return v;
}

// --- Journal entries.

std::string encode(const StoredJournalEntry& e) {
  std::string out = start(kJournal, 32 + e.document.size());
  Writer w(out);
  w.varint(e.seq);
  w.varint(e.at);
  w.str(e.kind);
  const bool receipt = !e.receipt_id.empty();
  w.boolean(receipt);
  if (receipt) {
    w.str(e.receipt_location);
    w.str(e.receipt_id);
  } else {
    w.str(e.document);
  }
  return out;
}

StoredJournalEntry decode_journal(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kJournal);
  StoredJournalEntry e;
  e.seq = r.number(1, INT64_MAX);
  e.at = any(r);
  e.kind = r.str();
  if (r.boolean()) {
    e.receipt_location = r.str();
    e.receipt_id = r.str();
    if (e.receipt_id.empty()) r.corrupt("names an empty receipt");
  } else {
    e.document = r.str();
  }
  r.end();
  return e;
}

// --- Requests and receipts.

std::string encode_request(const domain::Visit& v) {
  std::string out = start(kRequest, 64 + v.lines.size() * 24);
  Writer w(out);
  w.str(v.customer.id);
  w.varint(v.at);
  w.str(v.multi_punch_reason);
  write_list(w, v.lines, [&](const SaleLine& l) { write_sale_line(w, l); });
  write_list(w, v.redemptions, [&](const RedemptionRequest& q) {
    w.str(q.program_id);
    w.str(q.card_id);
    w.str(q.upc);
    w.opt(q.unit_price);
  });
  write_list(w, v.redeem_later, [&](const std::pair<std::string, std::string>& later) {
    w.str(later.first);
    w.str(later.second);
  });
  write_list(w, v.offer_redemptions, [&](const OfferRedemptionRequest& q) {
    w.str(q.offer_id);
    w.str(q.upc);
    w.opt(q.unit_price);
  });
  write_list(w, v.declined_offers, [&](const std::string& offer) { w.str(offer); });
  w.boolean(v.adoption.has_value());
  if (v.adoption) {
    const AdoptionRequest& a = *v.adoption;
    w.str(a.species);
    w.str(a.adoption_date);
    w.str(a.source);
    w.boolean(a.bonded_pair);
    write_list(w, a.upcs, [&](const std::string& upc) { w.str(upc); });
    write_list(w, a.unit_prices, [&](const std::optional<Cents>& price) { w.opt(price); });
  }
  if (!v.points_redemptions.empty()) {
    w.byte(kPointsSection);
    write_list(w, v.points_redemptions, [&](const PointsRedemptionRequest& q) {
      w.str(q.program_id);
      w.str(q.reward_id);
    });
  }
  if (!v.pass_uses.empty()) {
    w.byte(kPassSection);
    write_list(w, v.pass_uses, [&](const PassUseRequest& q) {
      w.str(q.program_id);
      w.str(q.card_id);
      w.varint(q.quantity);
    });
  }
  if (!v.coupon_redemptions.empty()) {
    w.byte(kCouponSection);
    write_list(w, v.coupon_redemptions, [&](std::int64_t coupon) { w.varint(coupon); });
  }
  if (!v.voucher_redemptions.empty()) {
    w.byte(kVoucherSection);
    write_list(w, v.voucher_redemptions, [&](const VoucherRedemptionRequest& q) {
      w.str(q.voucher_id);
      w.str(q.upc);
      w.opt(q.unit_price);
    });
  }
  return out;
}

namespace {

domain::Visit read_request(Reader& r) {
  domain::Visit v;
  v.customer.id = r.str();
  v.at = any(r);
  v.multi_punch_reason = r.str();
  v.lines = read_list<SaleLine>(r, [&] { return read_sale_line(r); });
  v.redemptions = read_list<RedemptionRequest>(r, [&] {
    RedemptionRequest q;
    q.program_id = r.str();
    q.card_id = r.str();
    q.upc = r.str();
    q.unit_price = r.opt();
    return q;
  });
  v.redeem_later = read_list<std::pair<std::string, std::string>>(r, [&] {
    std::string program = r.str();
    return std::pair{std::move(program), r.str()};
  });
  v.offer_redemptions = read_list<OfferRedemptionRequest>(r, [&] {
    OfferRedemptionRequest q;
    q.offer_id = r.str();
    q.upc = r.str();
    q.unit_price = r.opt();
    return q;
  });
  v.declined_offers = read_list<std::string>(r, [&] { return r.str(); });
  if (r.boolean()) {
    AdoptionRequest a;
    a.species = r.str();
    a.adoption_date = r.str();
    a.source = r.str();
    a.bonded_pair = r.boolean();
    a.upcs = read_list<std::string>(r, [&] { return r.str(); });
    a.unit_prices = read_list<std::optional<Cents>>(r, [&] { return r.opt(); });
    v.adoption = std::move(a);
  }
  if (!r.done()) {
    Sections sections(r);
    if (sections.next(kPointsSection)) {
      v.points_redemptions = read_list<PointsRedemptionRequest>(r, [&] {
        PointsRedemptionRequest q;
        q.program_id = r.str();
        q.reward_id = r.str();
        return q;
      });
      if (v.points_redemptions.empty()) r.corrupt("holds an empty section");
    }
    if (sections.next(kPassSection)) {
      v.pass_uses = read_list<PassUseRequest>(r, [&] {
        PassUseRequest q;
        q.program_id = r.str();
        q.card_id = r.str();
        q.quantity = int32(r);
        return q;
      });
      if (v.pass_uses.empty()) r.corrupt("holds an empty section");
    }
    if (sections.next(kCouponSection)) {
      v.coupon_redemptions = read_list<std::int64_t>(r, [&] { return id(r); });
      if (v.coupon_redemptions.empty()) r.corrupt("holds an empty section");
    }
    if (sections.next(kVoucherSection)) {
      v.voucher_redemptions = read_list<VoucherRedemptionRequest>(r, [&] {
        VoucherRedemptionRequest q;
        q.voucher_id = r.str();
        q.upc = r.str();
        q.unit_price = r.opt();
        return q;
      });
      if (v.voucher_redemptions.empty()) r.corrupt("holds an empty section");
    }
    sections.end();
  }
  return v;
}

}  // namespace

domain::Visit decode_request(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kRequest);
  domain::Visit v = read_request(r);
  r.end();
  return v;
}

std::string encode_receipt(std::string_view request, const CheckoutResult& x) {
  std::string out = start(kReceipt, 64 + request.size() + x.punches.size() * 8 + x.redemptions.size() * 48);
  Writer w(out);
  w.str(request);
  w.str(x.location_id);
  w.str(x.receipt_id);
  w.str(x.business_date);
  // The card types the punches name, once each; a punch refers to its type by position.
  std::vector<std::pair<std::string_view, std::string_view>> types;
  auto type_of = [&](const Punch& p) {
    for (std::size_t i = 0; i < types.size(); ++i)
      if (types[i].first == p.program_id && types[i].second == p.card_id) return i;
    types.emplace_back(p.program_id, p.card_id);
    return types.size() - 1;
  };
  std::vector<std::size_t> type_index;
  type_index.reserve(x.punches.size());
  for (const auto& p : x.punches) type_index.push_back(type_of(p));
  write_list(w, types, [&](const std::pair<std::string_view, std::string_view>& t) {
    w.str(t.first);
    w.str(t.second);
  });
  w.uvarint(x.punches.size());
  for (std::size_t i = 0; i < x.punches.size(); ++i) {
    const Punch& p = x.punches[i];
    w.uvarint(type_index[i]);
    w.varint(p.card_number);
    w.varint(p.punch_number);
    w.varint(p.line_index);
    w.byte(static_cast<std::uint8_t>((p.exception ? 1 : 0) | (p.completes_card ? 2 : 0)));
  }
  write_list(w, x.redemptions, [&](const Redemption& d) { write_redemption(w, d); });
  write_list(w, x.rewards_waiting, [&](const Reward& reward) {
    w.str(reward.program_id);
    w.str(reward.card_id);
    w.varint(reward.card_number);
    w.varint(reward.quantity);
    w.str(reward.free_item_rule);
    w.opt(reward.max_unit_price);
    w.str(reward.size);
    write_list(w, reward.allowed, [&](const AllowedItem& item) {
      w.str(item.upc);
      w.opt(item.unit_price);
    });
  });
  w.varint(x.journal_seq);
  // The rewards' cash back and pass uses, added after the first layout: written only when a
  // reward has one, so other receipts keep their bytes and older ones read as having none.
  const bool extras = std::any_of(x.rewards_waiting.begin(), x.rewards_waiting.end(), [](const Reward& reward) {
    return reward.cash_back || reward.pass_uses_left;
  });
  if (extras) {
    w.byte(kRewardExtrasSection);
    write_list(w, x.rewards_waiting, [&](const Reward& reward) {
      w.opt(reward.cash_back);
      w.opt(reward.pass_uses_left);
    });
  }
  if (!x.points.empty()) {
    w.byte(kPointsSection);
    write_list(w, x.points, [&](const PointsActivity& a) {
      w.str(a.program_id);
      w.varint(a.balance_before);
      w.varint(a.expired);
      w.varint(a.earned);
      write_list(w, a.events, [&](const PointsEarned& e) {
        w.str(e.event_id);
        w.varint(e.points);
        write_list(w, e.line_points, [&](std::int64_t p) { w.varint(p); });
      });
      write_list(w, a.redeemed, [&](const PointsRewardTaken& t) {
        w.str(t.reward_id);
        w.str(t.title);  // as the customer was told, whatever the catalog says later
        w.varint(t.points);
        w.varint(t.redemption_id);
      });
      w.varint(a.balance);
    });
  }
  return out;
}

std::string_view receipt_request(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kReceipt);
  return r.view();
}

StoredReceipt decode_receipt(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kReceipt);
  StoredReceipt s;
  s.request = std::string(r.view());
  domain::Visit v = decode_request(s.request, key);
  CheckoutResult& x = s.result;
  x.customer_id = v.customer.id;
  x.at = v.at;
  x.lines = std::move(v.lines);
  x.location_id = r.str();
  x.receipt_id = r.str();
  x.business_date = r.str();
  const auto types = read_list<std::pair<std::string, std::string>>(r, [&] {
    std::string program = r.str();
    return std::pair{std::move(program), r.str()};
  });
  x.punches = read_list<Punch>(r, [&] {
    Punch p;
    const std::uint64_t type = r.uvarint();
    if (type >= types.size()) r.corrupt("names a card type it does not list");
    p.program_id = types[type].first;
    p.card_id = types[type].second;
    p.card_number = id(r);
    p.punch_number = r.small(0, INT32_MAX);
    p.line_index = r.small(0, INT32_MAX);
    if (static_cast<std::size_t>(p.line_index) >= x.lines.size()) r.corrupt("names a sale line it does not have");
    const std::uint8_t flags = r.byte();
    if (flags > 3) r.corrupt("holds unknown punch flags");
    p.exception = flags & 1;
    p.completes_card = flags & 2;
    return p;
  });
  x.redemptions = read_list<Redemption>(r, [&] { return read_redemption(r); });
  x.rewards_waiting = read_list<Reward>(r, [&] {
    Reward reward;
    reward.program_id = r.str();
    reward.card_id = r.str();
    reward.card_number = id(r);
    reward.quantity = r.small(0, INT32_MAX);
    reward.free_item_rule = r.str();
    reward.max_unit_price = r.opt();
    reward.size = r.str();
    reward.allowed = read_list<AllowedItem>(r, [&] {
      AllowedItem item;
      item.upc = r.str();
      item.unit_price = r.opt();
      return item;
    });
    return reward;
  });
  x.journal_seq = id(r);
  if (!r.done()) {
    Sections sections(r);
    if (sections.next(kRewardExtrasSection)) {
      if (r.count() != x.rewards_waiting.size()) r.corrupt("lists extras for other rewards than it holds");
      for (auto& reward : x.rewards_waiting) {
        reward.cash_back = r.opt();
        if (auto uses = r.opt()) {
          if (*uses < 0 || *uses > INT32_MAX) r.corrupt("holds a number out of range");
          reward.pass_uses_left = static_cast<int>(*uses);
        }
      }
    }
    if (sections.next(kPointsSection)) {
      x.points = read_list<PointsActivity>(r, [&] {
        PointsActivity a;
        a.program_id = r.str();
        a.balance_before = any(r);
        a.expired = r.number(0, INT64_MAX);
        a.earned = r.number(0, INT64_MAX);
        a.events = read_list<PointsEarned>(r, [&] {
          PointsEarned e;
          e.event_id = r.str();
          e.points = r.number(0, INT64_MAX);
          e.line_points = read_list<std::int64_t>(r, [&] { return r.number(0, INT64_MAX); });
          if (e.line_points.size() != x.lines.size()) r.corrupt("shares points over other sale lines than it has");
          return e;
        });
        a.redeemed = read_list<PointsRewardTaken>(r, [&] {
          PointsRewardTaken t;
          t.reward_id = r.str();
          t.title = r.str();
          t.points = r.number(0, INT64_MAX);
          t.redemption_id = id(r);
          return t;
        });
        a.balance = any(r);
        return a;
      });
      if (x.points.empty()) r.corrupt("holds an empty section");
    }
    sections.end();
  }
  r.end();
  return s;
}

// --- Points.

std::string encode(const domain::PointsAccount& a) {
  std::string out = start(kPoints, 32 + a.balance.lots.size() * 16);
  Writer w(out);
  w.varint(a.entries);
  write_list(w, a.balance.lots, [&](const domain::PointsLot& lot) {
    w.varint(lot.day);
    w.varint(lot.points);
    w.str(lot.location);
  });
  w.varint(a.balance.debt);
  w.str(a.balance.debt_location);
  write_list(w, a.uses, [&](const std::pair<std::string, domain::RewardUse>& u) {
    w.str(u.first);
    w.varint(u.second.count);
    write_list(w, u.second.days, [&](std::int64_t day) { w.varint(day); });
  });
  return out;
}

domain::PointsAccount decode_points(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kPoints);
  domain::PointsAccount a;
  a.entries = id(r);
  a.balance.lots = read_list<domain::PointsLot>(r, [&] {
    domain::PointsLot lot;
    lot.day = any(r);
    lot.points = r.number(1, INT64_MAX);
    lot.location = r.str();
    return lot;
  });
  a.balance.debt = r.number(0, INT64_MAX);
  a.balance.debt_location = r.str();
  a.uses = read_list<std::pair<std::string, domain::RewardUse>>(r, [&] {
    std::pair<std::string, domain::RewardUse> u;
    u.first = r.str();
    u.second.count = id(r);
    u.second.days = read_list<std::int64_t>(r, [&] { return any(r); });
    return u;
  });
  r.end();
  return a;
}

std::string encode(const PointsHistoryEntry& e) {
  std::string out = start(kPointsEntry, 64);
  Writer w(out);
  w.varint(e.number);
  w.str(e.kind);
  w.varint(e.points);
  w.varint(e.balance);
  w.varint(e.at);
  w.str(e.business_date);
  w.str(e.location_id);
  w.str(e.receipt_id);
  w.str(e.return_id);
  w.str(e.reward_id);
  w.varint(e.redemption_id);
  return out;
}

PointsHistoryEntry decode_points_entry(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kPointsEntry);
  PointsHistoryEntry e;
  e.number = id(r);
  e.kind = r.str();
  e.points = any(r);
  e.balance = any(r);
  e.at = any(r);
  e.business_date = r.str();
  e.location_id = r.str();
  e.receipt_id = r.str();
  e.return_id = r.str();
  e.reward_id = r.str();
  e.redemption_id = id(r);
  r.end();
  return e;
}

// --- Coupons.

std::string encode(const Coupon& c) {
  std::string out = start(kCoupon, 96);
  Writer w(out);
  w.varint(c.id);
  w.str(c.customer_id);
  w.str(c.manufacturer_id);
  w.str(c.kind);
  w.varint(c.value);
  write_list(w, c.upcs, [&](const std::string& upc) { w.str(upc); });
  w.str(c.starts_on);
  w.str(c.ends_on);
  w.varint(c.issued_at);
  w.str(c.status);
  w.str(c.location_id);
  w.str(c.receipt_id);
  w.opt(c.redeemed_at);
  w.varint(c.redemption_id);
  w.varint(c.credit_line_id);
  return out;
}

Coupon decode_coupon(std::string_view bytes, std::string_view key) {
  Reader r = open(bytes, key, kCoupon);
  Coupon c;
  c.id = id(r);
  c.customer_id = r.str();
  c.manufacturer_id = r.str();
  c.kind = r.str();
  c.value = r.number(0, INT64_MAX);
  c.upcs = read_list<std::string>(r, [&] { return r.str(); });
  c.starts_on = r.str();
  c.ends_on = r.str();
  c.issued_at = any(r);
  c.status = r.str();
  if (c.status != "issued" && c.status != "redeemed") r.corrupt("holds an unknown coupon status");
  c.location_id = r.str();
  c.receipt_id = r.str();
  c.redeemed_at = r.opt();
  c.redemption_id = id(r);
  c.credit_line_id = id(r);
  r.end();
  return c;
}

}  // namespace tally::codec
