// SPDX-License-Identifier: Apache-2.0
// Loading the catalog: validation names the JSON path, and a failed load changes nothing.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "support/damage.hpp"
#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("catalog: the sample catalog loads and reads back") {
  Engine engine(make_store());
  auto summary = engine.load_catalog(read_file(TALLY_SOURCE_DIR "/examples/data/catalog.json"), kMonday);
  CHECK(summary.manufacturers >= 4);
  CHECK(summary.distributors >= 3);
  CHECK(summary.products >= 30);
  CHECK(summary.programs >= 4);
  // What is stored loads again unchanged into a fresh store.
  Engine copy(make_store());
  copy.load_catalog(engine.catalog_json(), kMonday);
  CHECK(copy.catalog_json() == engine.catalog_json());
}

TEST_CASE("catalog: loading again replaces entities by id") {
  Shop shop;
  auto summary = shop.engine.load_catalog(R"({"manufacturers": [{"id": "acme", "name": "Acme Pet Co"}]})", kMonday);
  CHECK(summary.manufacturers == 2);
  CHECK(shop.engine.catalog_json().find("Acme Pet Co") != std::string::npos);
}

TEST_CASE("catalog: every validation error names its JSON path and changes nothing") {
  Shop shop;
  const std::string catalog = kTestCatalog;
  struct Case {
    std::string from, to, message;
    ErrorCode code = ErrorCode::invalid_catalog;
  };
  const std::vector<Case> cases{
      {"\"buy_n\": 3", "\"buy_n\": 0", "programs[0].cards[0].buy_n: must be >= 1"},
      {"\"buy_n\": 3", "\"buy_n\": \"3\"", "programs[0].cards[0].buy_n: must be a whole number"},
      {"\"upc\": \"011111000018\"", "\"upc\": \"011111000019\"", "products[0].upc: '011111000019' check digit does not verify"},
      {"\"upc\": \"011111000018\"", "\"upc\": \"01111100001A\"", "products[0].upc: '01111100001A' must be digits only"},
      {"\"manufacturer\": \"acme\", \"size\": \"4 lb\", \"species\": \"dog\"}", "\"manufacturer\": \"zeta\"}", "products[0].manufacturer: 'zeta' is not in the catalog"},
      {"\"free_item_rule\": \"lesser_or_equal_value\"", "\"free_item_rule\": \"cheapest\"", "programs[0].cards[0].free_item_rule: 'cheapest' must be one of"},
      {"\"fulfillment\": \"retailer\"", "\"fulfillment\": \"distributor\"", "programs[3].fulfillment: a tracking program is retailer fulfilled"},
      {"\"states\": [\"OH\"]", "\"states\": [\"Ohio\"]", "distributors[1].states[0]: 'Ohio' must be a 2-letter upper-case code"},
      {"\"qualifying_upcs\": [\"033333000010\"]", "\"qualifying_upcs\": [\"099999000016\"]", "programs[3].cards[0].qualifying_upcs[0]: UPC 099999000016 is not a catalog product"},
      {"\"qualifying_upcs\": [\"033333000010\"]", "\"qualifying_upcs\": []", "programs[3].cards[0].qualifying_upcs: must not be empty"},
      {"\"id\": \"wash\", \"buy_n\": 2", "\"id\": \"wash\", \"buyn\": 2", "programs[4].cards[0].buyn: is not a known field"},
      {"{\"id\": \"bolt\", \"name\": \"Bolt Foods\"}", "{\"id\": \"acme\", \"name\": \"Bolt Foods\"}", "manufacturers[1].id: 'acme' appears twice"},
      {"\"kind\": \"custom\", \"fulfillment\": \"none\"", "\"kind\": \"custom\", \"fulfillment\": \"distributor\"", "programs[4].fulfillment: a custom program has fulfillment none"},
      {"\"manufacturers\": [\"bolt\"]", "\"manufacturers\": [\"nobody\"]", "distributors[3].manufacturers[0]: 'nobody' is not in the catalog"},
      {"\"id\": \"ohio\"", "\"id\": \"temporary_holding\"", "distributors[1].id: 'temporary_holding' is reserved"},
  };
  auto before = shop.dump();
  for (const auto& c : cases) {
    CAPTURE(c.message);
    std::string doc = replace(catalog, c.from, c.to);
    auto what = message_of([&] { shop.engine.load_catalog(doc, kMonday); });
    CHECK(code_of([&] { shop.engine.load_catalog(doc, kMonday); }) == c.code);
    CHECK(what.find(c.message) == 0);
    CHECK(shop.dump() == before);
  }
}

TEST_CASE("catalog: a UPC may qualify for one card per program only") {
  Shop shop;
  std::string doc = R"({"programs": [{"id": "p", "name": "P", "kind": "frequent_buyer", "manufacturer": "acme",
    "fulfillment": "distributor", "cards": [
      {"id": "a", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["011111000018"]},
      {"id": "b", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["11111000018"]}]}]})";
  CHECK(message_of([&] { shop.engine.load_catalog(doc, kMonday); }).find("must be 8, 12, 13 or 14 digits") != std::string::npos);
  doc = R"({"programs": [{"id": "p", "name": "P", "kind": "frequent_buyer", "manufacturer": "acme",
    "fulfillment": "distributor", "cards": [
      {"id": "a", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["011111000018"]},
      {"id": "b", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["0011111000018"]}]}]})";
  CHECK(message_of([&] { shop.engine.load_catalog(doc, kMonday); }) ==
        "programs[0].cards[1].qualifying_upcs[0]: UPC already qualifies for card 'a' of this program");
}

TEST_CASE("catalog: malformed JSON is refused with its own code") {
  Shop shop;
  auto before = shop.dump();
  for (const char* bad : {"", "{", "[1,2", "{\"manufacturers\": [}", "nul", "{\"manufacturers\": 5}", "[]"}) {
    CAPTURE(bad);
    auto code = code_of([&] { shop.engine.load_catalog(bad, kMonday); });
    CHECK((code == ErrorCode::malformed_json || code == ErrorCode::invalid_catalog));
  }
  CHECK(code_of([&] { shop.engine.load_catalog("{", kMonday); }) == ErrorCode::malformed_json);
  CHECK(code_of([&] { shop.engine.load_catalog("[]", kMonday); }) == ErrorCode::invalid_catalog);
  CHECK(shop.dump() == before);
}

TEST_CASE("catalog: a program's changed rules apply to open cards") {
  Shop shop;
  shop.buy("ann", "R1", {{kTreats, 499}}, kMonday);
  // The tracking card needed 2 punches; the brand raises it to 3 while the card is open.
  std::string doc = R"({"programs": [{"id": "bolt-track", "name": "Bolt Treat Tracking", "kind": "tracking",
    "manufacturer": "bolt", "fulfillment": "retailer",
    "cards": [{"id": "treats", "buy_n": 3, "free_item_rule": "any_in_group", "qualifying_upcs": ["033333000010"]}]}]})";
  shop.engine.load_catalog(doc, kMonday);
  auto result = shop.buy("ann", "R2", {{kTreats, 499}}, kMonday + kDay);
  CHECK(result.rewards_waiting.empty());  // 2 of 3 now
  auto cards = shop.engine.cards("ann");
  REQUIRE(cards.size() == 1);
  CHECK(cards[0].required == 3);
  CHECK(shop.buy("ann", "R3", {{kTreats, 499}}, kMonday + 2 * kDay).rewards_waiting.size() == 1);
}

TEST_CASE("catalog: damaged documents are refused with their code and change nothing") {
  Shop shop;
  const int refused = apply_damaged(
      20261123, [](int) { return std::string(kTestCatalog); },
      [&](const std::string& doc, int i) { shop.engine.load_catalog(doc, kMonday + i); }, [&] { return shop.dump(); });
  CHECK(refused >= 150);
}

namespace {

// The store's own points program (docs/catalog.md): a dollar earns a point, double on
// Fridays up to 500 a visit; treats earn 10 a bag on weekends; two rewards. The schemas
// test checks the same file.
const std::string kPointsProgram = read_file(TALLY_SOURCE_DIR "/tests/fixtures/points-catalog.json");

}  // namespace

TEST_CASE("catalog: a points program loads, reads back and loads again unchanged") {
  Shop shop;
  shop.engine.load_catalog(kPointsProgram, kMonday);
  const std::string stored = shop.engine.catalog_json();
  for (const char* part : {R"("kind":"points")", R"("multiplier_days":["friday"])", R"("days":["saturday","sunday"])",
                           R"("redeemable_same_day":false)", R"("expiry_days":365)", R"("period_days":30)",
                           R"("upcs":["00033333000010"])"})
    CHECK(stored.find(part) != std::string::npos);
  Shop copy;
  copy.engine.load_catalog(stored, kMonday);
  CHECK(copy.engine.catalog_json() == stored);
  // The store's own program: enrolled without a distributor; nothing at the till punches it.
  shop.enroll("va", "paws");
  const auto result = shop.buy("ann", "P1", {{kChicken4, 2000}});
  for (const auto& p : result.punches) CHECK(p.program_id != "paws");
}

TEST_CASE("catalog: a points program that cannot run is refused naming the field") {
  Shop shop;
  struct Case {
    const char* from;
    const char* to;
    const char* message;
  };
  const Case cases[] = {
      {R"("points": 1, "per_cents": 100)", R"("points": -1, "per_cents": 100)",
       "programs[0].points.events[0].points: -1 must be 1 or more (a rate cannot be negative)"},
      {R"("cap": 500)", R"("cap": 0)", "programs[0].points.events[0].cap: 0 must be 1 or more (leave it out for no cap)"},
      {R"("multiplier_days": ["friday"])", R"("multiplier_days": ["fryday"])",
       "programs[0].points.events[0].multiplier_days[0]: 'fryday' must be a day: monday ... sunday"},
      {R"("upcs": ["033333000010"])", R"("upcs": ["012345678905"])",
       "programs[0].points.events[1].upcs[0]: UPC 012345678905 is not a catalog product"},
      {R"("fulfillment": "none")", R"("fulfillment": "distributor")",
       "programs[0].fulfillment: a points program is the store's own: nobody pays it back (none)"},
      {R"("id": "bath")", R"("id": "toy")", "programs[0].points.rewards[1].id: 'toy' appears twice"},
      {R"("period_limit": 1, "period_days": 30)", R"("period_limit": 1)",
       "programs[0].points.rewards[1].period_days: a limit per period needs its days"},
      {R"("expiry_days": 365)", R"("expiry_days": 0)",
       "programs[0].points.expiry_days: 0 must be 1 or more (leave it out: points never expire)"},
  };
  const auto before = shop.dump();
  for (const auto& c : cases) {
    const std::string doc = replace(kPointsProgram, c.from, c.to);
    CHECK(code_of([&] { shop.engine.load_catalog(doc, kMonday); }) == ErrorCode::invalid_catalog);
    CHECK(message_of([&] { shop.engine.load_catalog(doc, kMonday); }) == c.message);
  }
  CHECK(message_of([&] {
          shop.engine.load_catalog(R"({"programs": [{"id": "x", "name": "X", "kind": "custom", "fulfillment": "none",
            "cards": [{"id": "c", "qualifying_upcs": ["011111000018"], "buy_n": 2}], "points": {}}]})", kMonday);
        }) == "programs[0].points: only programs of kind points have one");
  CHECK(shop.dump() == before);
}
