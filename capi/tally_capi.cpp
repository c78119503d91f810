// The C ABI over the C++ engine: the only extern "C" code. Every entry point catches
// every exception, so nothing unwinds into the host.
#include "tally.h"

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <new>
#include <string>

#include <boost/json.hpp>

#include "store/host_store.hpp"
#include "tally/tally.hpp"

static_assert(TALLY_E_INTERNAL == static_cast<int>(tally::ErrorCode::internal));
static_assert(TALLY_E_ENROLLMENT_DENIED == static_cast<int>(tally::ErrorCode::enrollment_denied));

struct tally_engine {
  explicit tally_engine(tally::Engine e) : engine(std::move(e)) {}
  tally::Engine engine;
  std::mutex error_mutex;
  std::string last_error;
};

struct tally_checkout {
  tally::Checkout checkout;
  tally_engine* engine;
};

namespace {

namespace json = boost::json;
using tally::Error;
using tally::ErrorCode;

thread_local std::string t_last_error;

int32_t failed(tally_engine* engine, int32_t code, const std::string& message) {
  t_last_error = message;
  if (engine) {
    std::lock_guard lock(engine->error_mutex);
    engine->last_error = message;
  }
  return code;
}

// Runs one entry point's work, turning every exception into a status and a message.
template <class Work>
int32_t guard(tally_engine* engine, Work&& work) {
  try {
    work();
    return TALLY_OK;
  } catch (const Error& e) {
    return failed(engine, static_cast<int32_t>(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    return failed(engine, TALLY_E_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return failed(engine, TALLY_E_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return failed(engine, TALLY_E_INTERNAL, "internal error");
  }
}

[[noreturn]] void bad(const char* what, const std::string& why) {
  throw Error(ErrorCode::invalid_argument, std::string(what) + ": " + why);
}

template <class T>
T* need(T* pointer, const char* name) {
  if (!pointer) bad(name, "must not be NULL");
  return pointer;
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || (extra == 1 && c < 0xC2) || i + extra >= s.size() + (extra == 0 ? 1 : 0)) return false;
    std::uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((extra == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
      return false;
    i += extra + 1;
  }
  return true;
}

// A NUL-terminated UTF-8 string parameter; NULL is refused unless `optional`.
std::string text(const char* s, const char* name, bool optional = false) {
  if (!s) {
    if (optional) return {};
    bad(name, "must not be NULL");
  }
  std::string out(s);
  if (!valid_utf8(out)) bad(name, "is not valid UTF-8");
  return out;
}

std::string_view document(const char* json_text, std::size_t len, const char* name) {
  if (!json_text && len) bad(name, "must not be NULL");
  return {json_text ? json_text : "", len};
}

// Library-allocated results: malloc'ed copies the host frees with tally_free.
void give(char** out, const std::string& value) {
  char* copy = static_cast<char*>(std::malloc(value.size() + 1));
  if (!copy) throw std::bad_alloc();
  std::memcpy(copy, value.c_str(), value.size() + 1);
  *out = copy;
}

char** clear(char** out, const char* name) {
  need(out, name);
  *out = nullptr;
  return out;
}

tally::EngineOptions engine_options(const char* options_json, tally::SqliteOptions* sqlite) {
  tally::EngineOptions options;
  if (!options_json) return options;
  json::value doc;
  try {
    doc = json::parse(options_json);
  } catch (const std::exception& e) {
    throw Error(ErrorCode::malformed_json, std::string("options: ") + e.what());
  }
  if (!doc.is_object()) bad("options", "must be a JSON object");
  for (const auto& [key, value] : doc.as_object()) {
    const std::string k(key);
    if (k == "account" && value.is_string()) options.account = std::string(value.as_string());
    else if (k == "busy_retries" && value.is_int64() && value.as_int64() >= 0 && value.as_int64() <= 1000)
      options.busy_retries = static_cast<int>(value.as_int64());
    else if (k == "busy_timeout_ms" && value.is_int64() && value.as_int64() >= 0 && value.as_int64() <= 600000) {
      if (sqlite) sqlite->busy_timeout_ms = static_cast<int>(value.as_int64());
    } else if (k == "synchronous" && value.is_string()) {
      const std::string v(value.as_string());
      tally::Synchronous s = v == "off" ? tally::Synchronous::off : v == "normal" ? tally::Synchronous::normal
                           : v == "full" ? tally::Synchronous::full : v == "extra" ? tally::Synchronous::extra
                           : (bad("options.synchronous", "'" + v + "' must be off, normal, full or extra"), tally::Synchronous::full);
      if (sqlite) sqlite->synchronous = s;
    } else {
      bad(("options." + k).c_str(), "is not a known option, or has the wrong type");
    }
  }
  return options;
}

int32_t open_engine(tally_engine** out, const std::function<std::unique_ptr<tally::Store>(tally::SqliteOptions&)>& store,
                    const char* options_json) {
  return guard(nullptr, [&] {
    need(out, "out_engine");
    *out = nullptr;
    tally::SqliteOptions sqlite;
    tally::EngineOptions options = engine_options(options_json, &sqlite);
    *out = new tally_engine(tally::Engine(store(sqlite), options));
  });
}

tally_engine* owner(tally_checkout* c) { return c ? c->engine : nullptr; }

tally::Engine& engine_of(tally_engine* e) { return need(e, "engine")->engine; }

tally::Actor actor(const char* actor_json) {
  const std::string doc = text(actor_json, "actor_json");
  return tally::actor_from_json(doc);
}

json::value parse_list(const char* list_json, const char* name) {
  json::value v;
  try {
    v = json::parse(text(list_json, name));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorCode::malformed_json, std::string(name) + ": " + e.what());
  }
  if (!v.is_array()) bad(name, "must be a JSON array");
  return v;
}

std::vector<std::string> strings(const char* list_json, const char* name) {
  std::vector<std::string> out;
  if (!list_json) return out;
  const json::value list = parse_list(list_json, name);
  for (const auto& item : list.as_array()) {
    if (!item.is_string()) bad(name, "must hold strings");
    out.emplace_back(item.as_string());
  }
  return out;
}

std::vector<std::int64_t> ids(const char* list_json, const char* name) {
  std::vector<std::int64_t> out;
  if (!list_json) return out;
  const json::value list = parse_list(list_json, name);
  for (const auto& item : list.as_array()) {
    if (!item.is_int64()) bad(name, "must hold whole numbers");
    out.push_back(item.as_int64());
  }
  return out;
}

std::optional<tally::Cents> price(int64_t cents) {
  return cents == TALLY_PRICE_LAST_KNOWN ? std::nullopt : std::optional<tally::Cents>(cents);
}

// The many "do it, return the JSON" entry points.
template <class Make>
int32_t answer(tally_engine* e, char** out, const char* out_name, Make make) {
  return guard(e, [&] {
    clear(out, out_name);
    give(out, make());
  });
}


}  // namespace

extern "C" {

const char* tally_version(void) { return TALLY_VERSION_STRING; }

int32_t tally_version_number(void) {
  return TALLY_VERSION_MAJOR * 10000 + TALLY_VERSION_MINOR * 100 + TALLY_VERSION_PATCH;
}

const char* tally_status_name(int32_t status) {
  return tally::error_code_name(static_cast<tally::ErrorCode>(status));
}

const char* tally_last_error(void) { return t_last_error.c_str(); }

const char* tally_engine_last_error(const tally_engine* engine) {
  if (!engine) return "engine: must not be NULL";
  return engine->last_error.c_str();
}

void tally_free(void* memory) { std::free(memory); }

int32_t tally_engine_open_sqlite(const char* path, const char* options_json, tally_engine** out_engine) {
  return open_engine(out_engine, [&](tally::SqliteOptions& sqlite) {
    return tally::make_sqlite_store(text(path, "path"), sqlite);
  }, options_json);
}

int32_t tally_engine_open_memory(const char* options_json, tally_engine** out_engine) {
  return open_engine(out_engine, [](tally::SqliteOptions&) { return tally::make_memory_store(); }, options_json);
}

int32_t tally_engine_open_store(const tally_store_callbacks* callbacks, const char* options_json, tally_engine** out_engine) {
  return open_engine(out_engine, [&](tally::SqliteOptions&) {
    return tally::make_host_store(*need(callbacks, "callbacks"));
  }, options_json);
}

void tally_engine_close(tally_engine* engine) { delete engine; }

int32_t tally_load_catalog(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_summary) {
  return guard(e, [&] {
    clear(out_summary, "out_summary");
    give(out_summary, tally::to_json(need(e, "engine")->engine.load_catalog(document(json_text, json_len, "json"), at)));
  });
}

int32_t tally_catalog(tally_engine* e, char** out_json) {
  return guard(e, [&] { give(clear(out_json, "out_json"), need(e, "engine")->engine.catalog_json()); });
}

int32_t tally_save_location(tally_engine* e, const char* json_text, size_t json_len, int64_t at) {
  return guard(e, [&] {
    need(e, "engine")->engine.save_location(tally::location_from_json(document(json_text, json_len, "json")), at);
  });
}

int32_t tally_location(tally_engine* e, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.location(text(location_id, "location_id"))));
  });
}

int32_t tally_locations(tally_engine* e, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    json::array a;
    for (const auto& l : need(e, "engine")->engine.locations()) a.push_back(json::parse(tally::to_json(l)));
    give(out_json, json::serialize(a));
  });
}

int32_t tally_enroll(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    auto change = need(e, "engine")->engine.enroll(tally::enrollment_from_json(document(json_text, json_len, "json")), at);
    give(out_json, json::serialize(json::object{{"enrollment", json::parse(tally::to_json(change.enrollment))},
                                                {"released_lines", change.released_lines}}));
  });
}

int32_t tally_enrollments(tally_engine* e, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    json::array a;
    for (const auto& en : need(e, "engine")->engine.enrollments(text(location_id, "location_id")))
      a.push_back(json::parse(tally::to_json(en)));
    give(out_json, json::serialize(a));
  });
}

int32_t tally_save_customer(tally_engine* e, const char* json_text, size_t json_len, int64_t at, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    auto saved = need(e, "engine")->engine.save_customer(tally::customer_from_json(document(json_text, json_len, "json")), at);
    give(out_json, tally::to_json(saved));
  });
}

int32_t tally_customer(tally_engine* e, const char* customer_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.customer(text(customer_id, "customer_id"))));
  });
}

int32_t tally_checkout_open(tally_engine* e, const char* location_id, const char* customer_id, const char* receipt_id,
                            int64_t at, tally_checkout** out_checkout) {
  return guard(e, [&] {
    need(out_checkout, "out_checkout");
    *out_checkout = nullptr;
    tally::CheckoutOpen open{text(location_id, "location_id"), text(customer_id, "customer_id"),
                             text(receipt_id, "receipt_id"), at, ""};
    *out_checkout = new tally_checkout{need(e, "engine")->engine.open_checkout(open), e};
  });
}

int32_t tally_checkout_add_line(tally_checkout* c, const char* upc, int32_t quantity, int64_t unit_price_cents,
                                int32_t* out_punches) {
  return guard(owner(c), [&] {
    if (out_punches) *out_punches = 0;
    auto punches = need(c, "checkout")->checkout.add_line({text(upc, "upc"), quantity, unit_price_cents, "", "", ""});
    if (out_punches) *out_punches = static_cast<int32_t>(punches.size());
  });
}

int32_t tally_checkout_add_line_json(tally_checkout* c, const char* json_text, size_t json_len, char** out_punches) {
  return guard(owner(c), [&] {
    clear(out_punches, "out_punches");
    const std::string doc = R"({"location":"-","customer":"-","receipt":"-","at":0,"lines":[)" +
                            std::string(document(json_text, json_len, "json")) + "]}";
    auto line = tally::checkout_document_from_json(doc).lines.at(0);
    give(out_punches, tally::to_json(need(c, "checkout")->checkout.add_line(line)));
  });
}

int32_t tally_checkout_punches(tally_checkout* c, char** out_json) {
  return guard(owner(c), [&] { give(clear(out_json, "out_json"), tally::to_json(need(c, "checkout")->checkout.punches())); });
}

int32_t tally_checkout_rewards(tally_checkout* c, char** out_json) {
  return guard(owner(c), [&] { give(clear(out_json, "out_json"), tally::to_json(need(c, "checkout")->checkout.rewards())); });
}

int32_t tally_checkout_redeem(tally_checkout* c, const char* program_id, const char* card_id, const char* upc,
                              int64_t unit_price_cents, int32_t* out_index) {
  return guard(owner(c), [&] {
    tally::RedemptionRequest request{text(program_id, "program_id"), text(card_id, "card_id"), text(upc, "upc", true),
                                     std::nullopt};
    if (unit_price_cents != TALLY_PRICE_LAST_KNOWN) request.unit_price = unit_price_cents;
    auto index = need(c, "checkout")->checkout.redeem(request);
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_redeem_later(tally_checkout* c, const char* program_id, const char* card_id) {
  return guard(owner(c), [&] {
    need(c, "checkout")->checkout.redeem_later(text(program_id, "program_id"), text(card_id, "card_id"));
  });
}

int32_t tally_checkout_undo_redemption(tally_checkout* c, int32_t index) {
  return guard(owner(c), [&] {
    if (index < 0) bad("index", "must be >= 0");
    need(c, "checkout")->checkout.undo_redemption(static_cast<std::size_t>(index));
  });
}

int32_t tally_checkout_set_multi_punch_reason(tally_checkout* c, const char* reason) {
  return guard(owner(c), [&] { need(c, "checkout")->checkout.set_multi_punch_reason(text(reason, "reason")); });
}

int32_t tally_checkout_finish(tally_checkout* c, char** out_result) {
  return guard(owner(c), [&] {
    clear(out_result, "out_result");
    give(out_result, tally::to_json(need(c, "checkout")->checkout.finish()));
  });
}

void tally_checkout_free(tally_checkout* c) { delete c; }

int32_t tally_run_checkout(tally_engine* e, const char* json_text, size_t json_len, char** out_result) {
  return guard(e, [&] {
    clear(out_result, "out_result");
    auto doc = tally::checkout_document_from_json(document(json_text, json_len, "json"));
    give(out_result, tally::to_json(tally::run_checkout(need(e, "engine")->engine, doc)));
  });
}

int32_t tally_checkout_result(tally_engine* e, const char* location_id, const char* receipt_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.checkout_result(text(location_id, "location_id"),
                                                                             text(receipt_id, "receipt_id"))));
  });
}

int32_t tally_cards(tally_engine* e, const char* customer_id, int32_t include_redeemed, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.cards(text(customer_id, "customer_id"), include_redeemed != 0)));
  });
}

int32_t tally_rewards(tally_engine* e, const char* customer_id, const char* location_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.rewards(text(customer_id, "customer_id"),
                                                                     text(location_id, "location_id"))));
  });
}

int32_t tally_credit_lines(tally_engine* e, const char* state, const char* partner, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.credit_lines(text(state, "state", true),
                                                                          text(partner, "partner", true))));
  });
}

int32_t tally_credit_line(tally_engine* e, int64_t line_id, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.credit_line(line_id)));
  });
}

int32_t tally_journal(tally_engine* e, int64_t after_seq, uint32_t limit, char** out_json) {
  return guard(e, [&] {
    clear(out_json, "out_json");
    give(out_json, tally::to_json(need(e, "engine")->engine.journal(after_seq, limit)));
  });
}

int32_t tally_checkout_offers(tally_checkout* c, char** out_json) {
  return answer(owner(c), out_json, "out_json", [&] { return tally::to_json(need(c, "checkout")->checkout.offers()); });
}

int32_t tally_checkout_redeem_offer(tally_checkout* c, const char* offer_id, const char* upc, int64_t unit_price_cents,
                                    int32_t* out_index) {
  return guard(owner(c), [&] {
    auto index = need(c, "checkout")->checkout.redeem_offer(
        {text(offer_id, "offer_id"), text(upc, "upc", true), price(unit_price_cents)});
    if (out_index) *out_index = static_cast<int32_t>(index);
  });
}

int32_t tally_checkout_decline_offer(tally_checkout* c, const char* offer_id) {
  return guard(owner(c), [&] { need(c, "checkout")->checkout.decline_offer(text(offer_id, "offer_id")); });
}

int32_t tally_checkout_redeem_adoption(tally_checkout* c, const char* json_text, size_t json_len) {
  return guard(owner(c), [&] {
    const std::string doc = R"({"location":"-","customer":"-","receipt":"-","at":0,"adoption":)" +
                            std::string(document(json_text, json_len, "json")) + "}";
    auto request = tally::checkout_document_from_json(doc).adoption;
    need(c, "checkout")->checkout.redeem_adoption(*request);
  });
}

int32_t tally_adoption_eligibility(tally_engine* e, const char* customer_id, const char* location_id, const char* species,
                                   const char* adoption_date, const char* source, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    return tally::to_json(engine_of(e).adoption_eligibility(text(customer_id, "customer_id"), text(location_id, "location_id"),
                                                            text(species, "species"), text(adoption_date, "adoption_date"),
                                                            text(source, "source"), at));
  });
}

int32_t tally_review_enrollment(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                int32_t approve, int64_t at, char** out_enrollment) {
  return answer(e, out_enrollment, "out_enrollment", [&] {
    return tally::to_json(engine_of(e).review_enrollment(actor(actor_json), text(location_id, "location_id"),
                                                         text(program_id, "program_id"), approve != 0, at));
  });
}

int32_t tally_add_auto_enrollment(tally_engine* e, const char* json_text, size_t json_len, int64_t at, int32_t* out_enrolled) {
  return guard(e, [&] {
    if (out_enrolled) *out_enrolled = 0;
    json::value doc;
    try {
      doc = json::parse(document(json_text, json_len, "json"));
    } catch (const std::exception& x) {
      throw Error(ErrorCode::malformed_json, std::string("json: ") + x.what());
    }
    if (!doc.is_object()) bad("json", "must be an object");
    tally::AutoEnrollmentRule rule;
    for (const auto& [key, value] : doc.as_object()) {
      const std::string k(key);
      if (k == "id" && value.is_string()) rule.id = std::string(value.as_string());
      else if (k == "manufacturer" && value.is_string()) rule.manufacturer_id = std::string(value.as_string());
      else if (k == "distributor" && value.is_string()) rule.distributor_id = std::string(value.as_string());
      else if (k == "locations" && value.is_array())
        for (const auto& l : value.as_array()) rule.location_ids.emplace_back(l.is_string() ? l.as_string() : "");
      else if (k == "account_numbers" && value.is_object())
        for (const auto& [loc, acct] : value.as_object()) rule.account_numbers[std::string(loc)] = acct.is_string() ? std::string(acct.as_string()) : "";
      else bad(("json." + k).c_str(), "is not a known field, or has the wrong type");
    }
    int enrolled = engine_of(e).add_auto_enrollment(rule, at);
    if (out_enrolled) *out_enrolled = enrolled;
  });
}

int32_t tally_remove_auto_enrollment(tally_engine* e, const char* rule_id, int64_t at) {
  return guard(e, [&] { engine_of(e).remove_auto_enrollment(text(rule_id, "rule_id"), at); });
}

int32_t tally_auto_enrollments(tally_engine* e, char** out_json) {
  return answer(e, out_json, "out_json", [&] {
    json::array a;
    for (const auto& r : engine_of(e).auto_enrollments()) {
      json::array locations;
      for (const auto& l : r.location_ids) locations.emplace_back(l);
      json::object accounts;
      for (const auto& [loc, acct] : r.account_numbers) accounts[loc] = acct;
      a.push_back({{"id", r.id}, {"locations", std::move(locations)}, {"manufacturer", r.manufacturer_id},
                   {"distributor", r.distributor_id}, {"account_numbers", std::move(accounts)}});
    }
    return json::serialize(a);
  });
}

int32_t tally_pull_batch(tally_engine* e, const char* actor_json, const char* name, const char* locations_json,
                         const char* stream, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    const std::string s = text(stream, "stream", true);
    return tally::to_json(engine_of(e).pull_batch(actor(actor_json), text(name, "name", true),
                                                  strings(locations_json, "locations_json"), at,
                                                  s.empty() ? "free_goods" : s));
  });
}

int32_t tally_unbatch_line(tally_engine* e, const char* actor_json, int64_t line_id, int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] { return tally::to_json(engine_of(e).unbatch_line(actor(actor_json), line_id, at)); });
}

int32_t tally_unbatch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] { return tally::to_json(engine_of(e).unbatch(actor(actor_json), batch_id, at)); });
}

int32_t tally_decline_line(tally_engine* e, const char* actor_json, int64_t line_id, const char* reason, const char* note,
                           int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] {
    return tally::to_json(engine_of(e).decline_line(actor(actor_json), line_id, text(reason, "reason"),
                                                    text(note, "note", true), at));
  });
}

int32_t tally_fulfill_batch(tally_engine* e, const char* actor_json, int64_t batch_id, const char* memo_json, int64_t at,
                            char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    const std::string memo = text(memo_json, "memo_json");
    return tally::to_json(engine_of(e).fulfill_batch(actor(actor_json), batch_id, tally::credit_memo_from_json(memo), at));
  });
}

int32_t tally_claim_credit(tally_engine* e, const char* actor_json, const char* manufacturer_id, const char* batch_ids_json,
                           const char* name, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).claim_credit(actor(actor_json), text(manufacturer_id, "manufacturer_id"),
                                                    ids(batch_ids_json, "batch_ids_json"), text(name, "name", true), at));
  });
}

int32_t tally_pay_credit_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).pay_credit_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_reassign_to_holding(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                  int64_t at, int32_t* out_held_lines) {
  return guard(e, [&] {
    if (out_held_lines) *out_held_lines = 0;
    int held = engine_of(e).reassign_to_holding(actor(actor_json), text(location_id, "location_id"),
                                                text(program_id, "program_id"), at);
    if (out_held_lines) *out_held_lines = held;
  });
}

int32_t tally_reconcile_line(tally_engine* e, const char* actor_json, int64_t line_id, int64_t at, char** out_line) {
  return answer(e, out_line, "out_line", [&] { return tally::to_json(engine_of(e).reconcile_line(actor(actor_json), line_id, at)); });
}

int32_t tally_reconcile_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).reconcile_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_fix_account_number(tally_engine* e, const char* actor_json, const char* location_id, const char* program_id,
                                 const char* account_number, int64_t at, char** out_enrollment) {
  return answer(e, out_enrollment, "out_enrollment", [&] {
    return tally::to_json(engine_of(e).fix_account_number(actor(actor_json), text(location_id, "location_id"),
                                                          text(program_id, "program_id"),
                                                          text(account_number, "account_number"), at));
  });
}

int32_t tally_resubmit_line(tally_engine* e, const char* actor_json, int64_t line_id, const char* note, int64_t at,
                            char** out_line) {
  return answer(e, out_line, "out_line", [&] {
    return tally::to_json(engine_of(e).resubmit_line(actor(actor_json), line_id, text(note, "note", true), at));
  });
}

int32_t tally_create_retailer_batch(tally_engine* e, const char* actor_json, const char* name, const char* locations_json,
                                    int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).create_retailer_batch(actor(actor_json), text(name, "name", true),
                                                             strings(locations_json, "locations_json"), at));
  });
}

int32_t tally_submit_retailer_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at, char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).submit_retailer_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_complete_retailer_batch(tally_engine* e, const char* actor_json, int64_t batch_id, int64_t at,
                                      char** out_batch) {
  return answer(e, out_batch, "out_batch", [&] {
    return tally::to_json(engine_of(e).complete_retailer_batch(actor(actor_json), batch_id, at));
  });
}

int32_t tally_set_cadence(tally_engine* e, const char* location_id, const char* cadence, const char* anchor_date, int64_t at) {
  return guard(e, [&] {
    engine_of(e).set_cadence(text(location_id, "location_id"), tally::cadence_from_string(text(cadence, "cadence")),
                             text(anchor_date, "anchor_date"), at);
  });
}

int32_t tally_batches_due(tally_engine* e, const char* date, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batches_due(text(date, "date"))); });
}

int32_t tally_batch(tally_engine* e, int64_t batch_id, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batch(batch_id)); });
}

int32_t tally_batches(tally_engine* e, const char* partner, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return tally::to_json(engine_of(e).batches(text(partner, "partner", true))); });
}

int32_t tally_undo_redemption(tally_engine* e, const char* actor_json, int64_t redemption_id, const char* upc,
                              int64_t unit_price_cents, int32_t reverse, int64_t at, char** out_redemption) {
  return answer(e, out_redemption, "out_redemption", [&] {
    return tally::to_json(engine_of(e).undo_redemption(actor(actor_json), redemption_id, text(upc, "upc", true),
                                                       price(unit_price_cents), at, reverse != 0));
  });
}

int32_t tally_return_items(tally_engine* e, const char* json_text, size_t json_len, char** out_result) {
  return answer(e, out_result, "out_result", [&] {
    return tally::to_json(engine_of(e).return_items(tally::return_request_from_json(document(json_text, json_len, "json"))));
  });
}

int32_t tally_split_card(tally_engine* e, const char* customer_id, int64_t card_number, const int32_t* punch_indexes,
                         size_t count, int64_t at, char** out_cards) {
  return answer(e, out_cards, "out_cards", [&] {
    if (count && !punch_indexes) bad("punch_indexes", "must not be NULL");
    std::vector<int> indexes(punch_indexes, punch_indexes + count);
    auto [kept, split] = engine_of(e).split_card(text(customer_id, "customer_id"), card_number, indexes, at);
    return "[" + tally::to_json(kept) + "," + tally::to_json(split) + "]";
  });
}

int32_t tally_merge_customers(tally_engine* e, const char* survivor_id, const char* duplicate_id, int64_t at,
                              char** out_customer) {
  return answer(e, out_customer, "out_customer", [&] {
    return tally::to_json(engine_of(e).merge_customers(text(survivor_id, "survivor_id"), text(duplicate_id, "duplicate_id"), at));
  });
}

int32_t tally_report(tally_engine* e, const char* kind, const char* query_json, size_t query_len, int64_t at,
                     char** out_report) {
  return answer(e, out_report, "out_report", [&] {
    return engine_of(e).report(text(kind, "kind"), std::string(document(query_json, query_len, "query_json")), at);
  });
}

int32_t tally_command_center(tally_engine* e, const char* location_id, int64_t at, char** out_json) {
  return answer(e, out_json, "out_json", [&] { return engine_of(e).command_center(text(location_id, "location_id"), at); });
}

int32_t tally_set_billing_flag(tally_engine* e, const char* location_id, const char* flag, int64_t at) {
  return guard(e, [&] { engine_of(e).set_billing_flag(text(location_id, "location_id"), text(flag, "flag", true), at); });
}

}  // extern "C"
