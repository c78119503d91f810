// SPDX-License-Identifier: Apache-2.0
// What every C entry point shares: the handle structs, the call guard that turns every
// exception into a status and a message (nothing unwinds into the host), and the checks
// of C arguments. Internal to libtally; each capi/*_c.cpp file implements one section of
// tally.h over the C++ engine.
#pragma once

#include <cstdint>
#include <exception>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "tally.h"
#include "tally/tally.hpp"

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

namespace tally::capi {

// Records the message for tally_last_error() and, with an engine, tally_engine_last_error().
int32_t failed(tally_engine* engine, int32_t code, const std::string& message);

// Runs one entry point's work, turning every exception into a status and a message.
template <class Work>
int32_t guard(tally_engine* engine, Work&& work) {
  try {
    work();
    return TALLY_OK;
  } catch (const tally::Error& e) {
    return failed(engine, static_cast<int32_t>(e.code()), e.what());
  } catch (const std::bad_alloc&) {
    return failed(engine, TALLY_E_INTERNAL, "out of memory");
  } catch (const std::exception& e) {
    return failed(engine, TALLY_E_INTERNAL, std::string("internal error: ") + e.what());
  } catch (...) {
    return failed(engine, TALLY_E_INTERNAL, "internal error");
  }
}

// Throws invalid_argument: "<what>: <why>".
[[noreturn]] void bad(const char* what, const std::string& why);

template <class T>
T* need(T* pointer, const char* name) {
  if (!pointer) bad(name, "must not be NULL");
  return pointer;
}

// A NUL-terminated UTF-8 string parameter; NULL is refused unless `optional`. Over `max`
// bytes it is refused (tally/limits.hpp) before it is copied.
std::string text(const char* s, const char* name, bool optional = false, std::size_t max = tally::limits::kTextBytes);

// An id parameter: a string of at most limits::kIdBytes (receipts: kReceiptIdBytes).
inline std::string id(const char* s, const char* name, bool optional = false, std::size_t max = tally::limits::kIdBytes) {
  return text(s, name, optional, max);
}

// A JSON document passed as pointer and length, refused over `max` bytes before anything
// reads it.
inline std::string_view document(const char* json_text, std::size_t len, const char* name,
                                 std::size_t max = tally::limits::kDocumentBytes) {
  if (!json_text && len) bad(name, "must not be NULL");
  tally::limits::check_size(len, max, name);
  return {json_text ? json_text : "", len};
}

// A JSON document passed NUL-terminated (actors, memos, lists, options), with the same cap.
std::string document(const char* json_text, const char* name);

// Parses a document the C ABI reads itself (options, lists, rules, a bulk finish's array)
// with the nesting limit of every document, refused over `max` bytes; malformed_json
// "<name>: <why>" otherwise.
boost::json::value parse(std::string_view json_text, const char* name,
                         std::size_t max = tally::limits::kDocumentBytes);

// Library-allocated results: malloc'ed copies the host frees with tally_free.
void give(char** out, const std::string& value);

inline char** clear(char** out, const char* name) {
  need(out, name);
  *out = nullptr;
  return out;
}

// The many "do it, return the JSON" entry points.
template <class Make>
int32_t answer(tally_engine* e, char** out, const char* out_name, Make make) {
  return guard(e, [&] {
    clear(out, out_name);
    give(out, make());
  });
}

inline tally_engine* owner(tally_checkout* c) { return c ? c->engine : nullptr; }

inline tally::Engine& engine_of(tally_engine* e) { return need(e, "engine")->engine; }

// The actor_json parameter of the lifecycle calls.
tally::Actor actor(const char* actor_json);

// unit_price_cents: TALLY_PRICE_LAST_KNOWN is "the last shelf price".
inline std::optional<tally::Cents> price(int64_t cents) {
  return cents == TALLY_PRICE_LAST_KNOWN ? std::nullopt : std::optional<tally::Cents>(cents);
}

}  // namespace tally::capi
