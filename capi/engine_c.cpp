// SPDX-License-Identifier: Apache-2.0
// The C ABI (tally.h): opening and closing engines on SQLite, memory or the host's storage callbacks.
#include "capi_internal.hpp"

#include <functional>
#include <memory>

#include <boost/json.hpp>

#include "host_store.hpp"

using namespace tally::capi;
namespace json = boost::json;
using tally::Error;
using tally::ErrorCode;

namespace {

tally::EngineOptions engine_options(const char* options_json, tally::SqliteOptions* sqlite) {
  tally::EngineOptions options;
  if (!options_json) return options;
  const json::value doc = parse(document(options_json, "options"), "options");
  if (!doc.is_object()) bad("options", "must be a JSON object");
  for (const auto& [key, value] : doc.as_object()) {
    const std::string k(key);
    if (k.size() > tally::limits::kIdBytes) bad("options", tally::limits::quoted(k) + " is not a known option");
    if (k == "account" && value.is_string()) options.account = std::string(value.as_string());
    else if (k == "busy_retries" && value.is_int64() && value.as_int64() >= 0 && value.as_int64() <= 1000)
      options.busy_retries = static_cast<int>(value.as_int64());
    else if (k == "busy_timeout_ms" && value.is_int64() && value.as_int64() >= 0 && value.as_int64() <= 600000) {
      if (sqlite) sqlite->busy_timeout_ms = static_cast<int>(value.as_int64());
    } else if (k == "synchronous" && value.is_string()) {
      const std::string v(value.as_string());
      tally::Synchronous s = v == "off" ? tally::Synchronous::off : v == "normal" ? tally::Synchronous::normal
                           : v == "full" ? tally::Synchronous::full : v == "extra" ? tally::Synchronous::extra
                           : (bad("options.synchronous", tally::limits::quoted(v) + " must be off, normal, full or extra"), tally::Synchronous::full);
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

}  // namespace

extern "C" {

int32_t tally_engine_open_sqlite(const char* path, const char* options_json, tally_engine** out_engine) {
  return open_engine(out_engine, [&](tally::SqliteOptions& sqlite) {
    return tally::make_sqlite_store(text(path, "path", false, tally::limits::kDocumentBytes), sqlite);
  }, options_json);
}

int32_t tally_engine_open_postgres(const char* conninfo, const char* options_json, tally_engine** out_engine) {
  return open_engine(out_engine, [&](tally::SqliteOptions&) {
    return tally::make_postgres_store(text(conninfo, "conninfo", false, tally::limits::kDocumentBytes));
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

}  // extern "C"
