// SPDX-License-Identifier: Apache-2.0
// Stores written by earlier releases open, are migrated, and answer as they did.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "support/store_dump.hpp"
#include "support/test_store.hpp"
#include "tally/tally.hpp"

namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// 2026-11-06T18:00:00Z: the day after the demo's back office, as the fixture was made.
constexpr tally::Timestamp kAfterDemo = 1794074400;

}  // namespace

// tests/fixtures/format1-demo.db is the demo's database as storage format 1 wrote it (the
// demo, then a card split, two returns, a reselected free item, a merge, a declined line and
// a billing flag from the command line); format1-demo.answers.json is what that release
// answered about it (written with TALLY_WRITE_ANSWERS=1).
TEST_CASE("migration: a format 1 store opens and answers every query as before") {
  const std::filesystem::path fixtures = std::filesystem::path(TALLY_SOURCE_DIR) / "tests" / "fixtures";
  const std::string path = tally_test::temp_db_path("tally-format1");
  std::filesystem::copy_file(fixtures / "format1-demo.db", path);
  std::string answers;
  {
    tally::Engine engine(tally::make_sqlite_store(path));
    answers = tally_test::dump_answers(engine, kAfterDemo, "2026-09-01", "2026-11-30");
  }
  {
    // Opening again finds the store already migrated and answers the same.
    tally::Engine engine(tally::make_sqlite_store(path));
    CHECK(tally_test::dump_answers(engine, kAfterDemo, "2026-09-01", "2026-11-30") == answers);
  }
  tally_test::remove_db(path);
  const auto expected_path = fixtures / "format1-demo.answers.json";
  if (const char* write = std::getenv("TALLY_WRITE_ANSWERS"); write && std::string(write) == "1") {
    std::ofstream(expected_path, std::ios::binary) << answers;
    return;
  }
  // Section by section, so that a difference names what answers differently.
  const boost::json::object now = boost::json::parse(answers).as_object();
  const boost::json::object before = boost::json::parse(read_file(expected_path)).as_object();
  CHECK(now.size() == before.size());
  // Not structured bindings: clang 14 cannot capture them in INFO's lambda.
  for (const auto& entry : before) {
    const auto section = entry.key();
    const auto& value = entry.value();
    INFO("section: " << std::string(section));
    REQUIRE(now.contains(section));
    if (const auto* list = value.if_array(); list && now.at(section).is_array()) {
      const auto& mine = now.at(section).as_array();
      CHECK(mine.size() == list->size());
      for (std::size_t i = 0; i < std::min(mine.size(), list->size()); ++i) {
        INFO("item " << i << ": " << boost::json::serialize((*list)[i]).substr(0, 300));
        CHECK(boost::json::serialize(mine[i]) == boost::json::serialize((*list)[i]));
      }
    } else if (const auto* map = value.if_object(); map && now.at(section).is_object()) {
      for (const auto& kv : *map) {
        const auto key = kv.key();
        const auto& item = kv.value();
        INFO("key: " << std::string(key));
        REQUIRE(now.at(section).as_object().contains(key));
        CHECK(boost::json::serialize(now.at(section).as_object().at(key)) == boost::json::serialize(item));
      }
      CHECK(now.at(section).as_object().size() == map->size());
    } else {
      CHECK(boost::json::serialize(now.at(section)) == boost::json::serialize(value));
    }
  }
}
