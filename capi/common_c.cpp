// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): versions, status names, error messages and tally_free.
#include "capi_internal.hpp"

#include <cstdlib>
#include <cstring>

#include <boost/json.hpp>

using namespace tally::capi;
using tally::Error;
using tally::ErrorCode;

// tally.h's limits are tally/limits.hpp's, which the engine checks: the build fails if one drifts.
static_assert(TALLY_LIMIT_CATALOG_BYTES == tally::limits::kCatalogBytes);
static_assert(TALLY_LIMIT_CHECKOUT_BATCH_BYTES == tally::limits::kCheckoutBatchBytes);
static_assert(TALLY_LIMIT_DOCUMENT_BYTES == tally::limits::kDocumentBytes);
static_assert(TALLY_LIMIT_DEPTH == tally::limits::kDepth);
static_assert(TALLY_LIMIT_ID_BYTES == tally::limits::kIdBytes);
static_assert(TALLY_LIMIT_RECEIPT_ID_BYTES == tally::limits::kReceiptIdBytes);
static_assert(TALLY_LIMIT_NAME_BYTES == tally::limits::kNameBytes);
static_assert(TALLY_LIMIT_TEXT_BYTES == tally::limits::kTextBytes);
static_assert(TALLY_LIMIT_LINES == tally::limits::kLines);
static_assert(TALLY_LIMIT_QUANTITY == tally::limits::kQuantity);
static_assert(TALLY_LIMIT_PRICE_CENTS == tally::limits::kPriceCents);

namespace {

thread_local std::string t_last_error;

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

}  // namespace

namespace tally::capi {

int32_t failed(tally_engine* engine, int32_t code, const std::string& message) {
  t_last_error = message;
  if (engine) {
    std::lock_guard lock(engine->error_mutex);
    engine->last_error = message;
  }
  return code;
}

void bad(const char* what, const std::string& why) {
  throw Error(ErrorCode::invalid_argument, std::string(what) + ": " + why);
}

std::string text(const char* s, const char* name, bool optional, std::size_t max) {
  if (!s) {
    if (optional) return {};
    bad(name, "must not be NULL");
  }
  const std::string_view view(s);
  tally::limits::check_length(view, max, name);
  std::string out(view);
  if (!valid_utf8(out)) bad(name, "is not valid UTF-8");
  return out;
}

std::string document(const char* json_text, const char* name) {
  if (json_text) tally::limits::check_size(std::strlen(json_text), tally::limits::kDocumentBytes, name);
  return text(json_text, name, false, SIZE_MAX);
}

boost::json::value parse(std::string_view json_text, const char* name, std::size_t max) {
  tally::limits::check_size(json_text.size(), max, name);
  boost::json::parse_options options;
  options.max_depth = tally::limits::kDepth;
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(json_text, ec, {}, options);
  if (ec) throw Error(ErrorCode::malformed_json, std::string(name) + ": " + ec.message());
  return value;
}

void give(char** out, const std::string& value) {
  char* copy = static_cast<char*>(std::malloc(value.size() + 1));
  if (!copy) throw std::bad_alloc();
  std::memcpy(copy, value.c_str(), value.size() + 1);
  *out = copy;
}

tally::Actor actor(const char* actor_json) { return tally::actor_from_json(document(actor_json, "actor_json")); }

}  // namespace tally::capi

extern "C" {

const char* tally_version(void) { return TALLY_VERSION_STRING; }

int32_t tally_version_number(void) { return TALLY_VERSION_NUMBER; }

const char* tally_status_name(int32_t status) {
  return tally::error_code_name(static_cast<tally::ErrorCode>(status));
}

const char* tally_last_error(void) { return t_last_error.c_str(); }

const char* tally_engine_last_error(const tally_engine* engine) {
  if (!engine) return "engine: must not be NULL";
  // A copy per calling thread, taken under the lock that failed() writes under: another
  // thread failing on the same engine cannot free or tear the text this caller reads.
  thread_local std::string t_engine_error;
  auto* shared = const_cast<tally_engine*>(engine);
  std::lock_guard lock(shared->error_mutex);
  t_engine_error = shared->last_error;
  return t_engine_error.c_str();
}

void tally_free(void* memory) { std::free(memory); }

}  // extern "C"
