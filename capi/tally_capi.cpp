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

}  // extern "C"
