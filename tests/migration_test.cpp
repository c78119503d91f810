// SPDX-License-Identifier: Apache-2.0
// Stores written by earlier releases open, are migrated, and answer as they did.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <doctest/doctest.h>

#include "codec/stored.hpp"
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

// Cash back and pass uses were added to the binary records after storage format 2 was first
// written: as tails that only records having them carry (docs/architecture.md, "Records").
TEST_CASE("migration: a card stored before cash back reads as having none, and such a card keeps its bytes") {
  // A card record as the first layout wrote it: card 5 of ann, acme-fb/dog, open, one punch
  // of 011111000025 at 1500 cents on receipt R1 at va.
  using namespace std::string_literals;
  const std::string old = "\x02" "C" "\x0a" "\x03" "ann" "\x07" "acme-fb" "\x03" "dog" "\x00" "\x00" "\x00"
                          "\xc8\x01" "\x00" "\x00" "\x00" "\x01" "\xc8\x01" "\x14" "\x02" "R1" "\x02" "va" "\x00"
                          "\x01" "\x0c" "011111000025" "\xb8\x17" "\x00"s;
  const auto card = tally::codec::decode_card(old, "card/5");
  CHECK(card.number == 5);
  REQUIRE(card.punches.size() == 1);
  CHECK(card.punches[0].unit_price == 1500);
  CHECK(card.punches[0].cash_back == 0);
  CHECK(card.cash_back_debt == 0);
  CHECK(tally::codec::encode(card) == old);
  // A card with cash back carries it, and reads it back.
  auto earning = card;
  earning.punches[0].cash_back = 75;
  earning.cash_back_debt = 20;
  const std::string bytes = tally::codec::encode(earning);
  CHECK(bytes.size() > old.size());
  const auto back = tally::codec::decode_card(bytes, "card/5");
  CHECK(back.punches[0].cash_back == 75);
  CHECK(back.cash_back_debt == 20);
  CHECK(back.cash_back_due() == 55);
  // A damaged tail is refused, never half read.
  CHECK_THROWS_AS(tally::codec::decode_card(bytes.substr(0, bytes.size() - 1), "card/5"), tally::Error);
}

TEST_CASE("migration: a request and a receipt stored before pass uses read as having none, and encode as before") {
  tally::domain::Visit visit;
  visit.customer.id = "ann";
  visit.at = 100;
  visit.lines.push_back({"011111000025", 1, 1500});
  const std::string plain = tally::codec::encode_request(visit);
  CHECK(tally::codec::decode_request(plain, "rcpt/va/R1").pass_uses.empty());
  // The first layout ended with the adoption flag: nothing follows it for this visit.
  CHECK(plain.back() == '\x00');
  auto with_uses = visit;
  with_uses.pass_uses.push_back({"camp", "pass3", 2});
  const std::string bytes = tally::codec::encode_request(with_uses);
  CHECK(bytes.substr(0, plain.size()) == plain);
  const auto uses = tally::codec::decode_request(bytes, "rcpt/va/R1").pass_uses;
  REQUIRE(uses.size() == 1);
  CHECK(uses[0].card_id == "pass3");
  CHECK(uses[0].quantity == 2);

  tally::CheckoutResult result;
  result.location_id = "va";
  result.receipt_id = "R1";
  result.business_date = "2026-11-02";
  result.lines = visit.lines;
  tally::Reward reward;
  reward.program_id = "acme-fb";
  reward.card_id = "dog";
  reward.card_number = 5;
  result.rewards_waiting.push_back(reward);
  const std::string receipt = tally::codec::encode_receipt(plain, result);
  const auto stored = tally::codec::decode_receipt(receipt, "rcpt/va/R1");
  REQUIRE(stored.result.rewards_waiting.size() == 1);
  CHECK_FALSE(stored.result.rewards_waiting[0].cash_back);
  CHECK_FALSE(stored.result.rewards_waiting[0].pass_uses_left);
  result.rewards_waiting[0].pass_uses_left = 2;
  const std::string extended = tally::codec::encode_receipt(plain, result);
  CHECK(extended.substr(0, receipt.size()) == receipt);
  CHECK(tally::codec::decode_receipt(extended, "rcpt/va/R1").result.rewards_waiting[0].pass_uses_left == 2);
}
