// SPDX-License-Identifier: Apache-2.0
// The resource limits of tally/limits.hpp through the C++ API: each is refused with its
// code, the message never carries the over-long value, and nothing is stored.
#include <doctest/doctest.h>

#include "support/fixture.hpp"

using namespace tally;
using namespace tally_test;

namespace {

const std::string kLong(10000, 'x');

// The message names `field` and holds at most a short prefix of the long value.
void refused(const std::function<void()>& action, ErrorCode code, const std::string& field) {
  std::string message;
  ErrorCode got = ErrorCode::ok;
  try {
    action();
  } catch (const Error& e) {
    got = e.code();
    message = e.what();
  }
  CAPTURE(message);
  CHECK(got == code);
  CHECK(message.find(field) != std::string::npos);
  CHECK(message.find(std::string(limits::kIdBytes + 1, 'x')) == std::string::npos);
  CHECK(message.size() < 400);
}

std::string visit_with_lines(std::size_t lines) {
  std::string doc = R"({"location": "va", "customer": "ann", "receipt": "L1", "at": 1793631600,
                         "multi_punch_reason": "a bulk order", "lines": [)";
  for (std::size_t i = 0; i < lines; ++i)
    doc += std::string(i ? "," : "") + R"({"upc": "011111000018", "quantity": 1, "unit_price": 1299})";
  return doc + "]}";
}

}  // namespace

TEST_CASE("limits: quoted keeps short values whole and clips long ones on a character boundary") {
  CHECK(limits::quoted("va") == "'va'");
  CHECK(limits::quoted(std::string(64, 'a')) == "'" + std::string(64, 'a') + "'");
  CHECK(limits::quoted(kLong) == "'" + std::string(24, 'x') + "...' (10000 bytes)");
  // 23 ASCII bytes then a two-byte character across the cut: the prefix ends before it.
  const std::string mixed = std::string(23, 'a') + "\xC3\xA9" + std::string(100, 'b');
  CHECK(limits::quoted(mixed) == "'" + std::string(23, 'a') + "...' (125 bytes)");
}

TEST_CASE("limits: an oversized document is refused by its size before it is parsed") {
  Shop shop;
  const auto before = shop.dump();
  // Not even JSON: the size is all that is read.
  const std::string catalog(limits::kCatalogBytes + 1, '[');
  CHECK(message_of([&] { shop.engine.load_catalog(catalog, kMonday); }) == "json: 33554433 bytes; at most 33554432");
  CHECK(code_of([&] { shop.engine.load_catalog(catalog, kMonday); }) == ErrorCode::invalid_argument);
  const std::string doc(limits::kDocumentBytes + 1, ' ');
  CHECK(message_of([&] { checkout_document_from_json(doc); }) == "json: 1048577 bytes; at most 1048576");
  for (auto parse : std::vector<std::function<void()>>{
           [&] { location_from_json(doc); }, [&] { customer_from_json(doc); }, [&] { enrollment_from_json(doc); },
           [&] { sale_line_from_json(doc); }, [&] { adoption_request_from_json(doc); }, [&] { actor_from_json(doc); },
           [&] { credit_memo_from_json(doc); }, [&] { return_request_from_json(doc); },
           [&] { shop.engine.report("transactions", doc, kMonday); }})
    CHECK(code_of(parse) == ErrorCode::invalid_argument);
  CHECK(shop.dump() == before);
}

TEST_CASE("limits: nesting deeper than 64 is malformed_json, 64 deep parses") {
  Shop shop;
  auto nested = [](int depth) { return R"({"location": )" + std::string(depth, '[') + std::string(depth, ']') + "}"; };
  CHECK(code_of([&] { checkout_document_from_json(nested(10000)); }) == ErrorCode::malformed_json);
  CHECK(code_of([&] { shop.engine.load_catalog(R"({"manufacturers": )" + std::string(10000, '[') + std::string(10000, ']') + "}", kMonday); }) ==
        ErrorCode::malformed_json);
  // The object itself is one level: 63 arrays inside it are within the limit.
  CHECK(code_of([&] { checkout_document_from_json(nested(limits::kDepth - 1)); }) == ErrorCode::invalid_argument);
  CHECK(code_of([&] { checkout_document_from_json(nested(limits::kDepth)); }) == ErrorCode::malformed_json);
}

TEST_CASE("limits: a visit of more lines than a checkout holds is refused before its lines are read") {
  Shop shop;
  CHECK(message_of([&] { checkout_document_from_json(visit_with_lines(limits::kLines + 1)); }) ==
        "lines: a checkout holds at most 1000 lines");
  auto visit = shop.engine.open_checkout({"va", "ann", "L2", kMonday});
  for (std::size_t i = 0; i < limits::kLines; ++i) visit.add_line({kChicken4, 1, 1299});
  CHECK(message_of([&] { visit.add_line({kChicken4, 1, 1299}); }) == "lines: a checkout holds at most 1000 lines");
  CHECK(code_of([&] { visit.add_line({kChicken4, 1, 1299}); }) == ErrorCode::invalid_argument);
  // Exactly the limit runs.
  CHECK(run_checkout(shop.engine, checkout_document_from_json(visit_with_lines(limits::kLines))).lines.size() == limits::kLines);
}

TEST_CASE("limits: an over-long id is invalid_argument wherever it is passed, never looked up or stored") {
  Shop shop;
  const auto before = shop.dump();
  refused([&] { shop.engine.open_checkout({kLong, "ann", "R1", kMonday}); }, ErrorCode::invalid_argument, "location");
  refused([&] { shop.engine.open_checkout({"va", "ann", std::string(129, 'x'), kMonday}); }, ErrorCode::invalid_argument, "receipt");
  refused([&] { shop.engine.location(kLong); }, ErrorCode::invalid_argument, "location");
  refused([&] { shop.engine.customer(kLong); }, ErrorCode::invalid_argument, "customer");
  refused([&] { shop.engine.cards(kLong); }, ErrorCode::invalid_argument, "customer");
  refused([&] { shop.engine.command_center(kLong, kMonday); }, ErrorCode::invalid_argument, "location");
  refused([&] { shop.engine.report("transactions", R"({"location": ")" + kLong + "\"}", kMonday); },
          ErrorCode::invalid_argument, "location");
  refused([&] { shop.engine.report("participation", R"({"location": "va", "distributor": ")" + kLong + "\"}", kMonday); },
          ErrorCode::invalid_argument, "distributor");
  refused([&] { shop.engine.save_location({kLong, "Far", "VA", "EST5EDT"}, kMonday); }, ErrorCode::invalid_argument, "id");
  refused([&] { shop.engine.save_customer({kLong, "Ann", "Lee"}, kMonday); }, ErrorCode::invalid_argument, "id");
  refused([&] { shop.engine.enroll({"va", "acme-fb", "east", kLong}, kMonday); }, ErrorCode::invalid_argument, "account_number");
  refused([&] { shop.engine.enroll({"va", kLong, "east", "E-1"}, kMonday); }, ErrorCode::invalid_argument, "program");
  refused([&] { shop.engine.set_billing_flag("va", kLong, kMonday); }, ErrorCode::invalid_argument, "flag");
  refused([&] { shop.engine.pull_batch({ActorRole::distributor, kLong}, "b", {}, kMonday); }, ErrorCode::invalid_argument,
          "actor.id");
  refused([&] { shop.engine.return_items({"va", "R1", 0, 1, kLong, kMonday}); }, ErrorCode::invalid_argument, "return_id");
  refused([&] { actor_from_json(R"({"role": "distributor", "id": ")" + kLong + "\"}"); }, ErrorCode::invalid_argument, "actor.id");
  refused([&] { checkout_document_from_json(R"({"location": "va", "customer": ")" + kLong + R"(", "receipt": "r", "at": 1})"); },
          ErrorCode::invalid_argument, "customer");
  // Free text has its cap too: names 200 bytes, notes and reasons 1000.
  refused([&] { shop.engine.save_customer({"ann2", std::string(201, 'x'), "Lee"}, kMonday); }, ErrorCode::invalid_argument,
          "first_name");
  auto visit = shop.engine.open_checkout({"va", "ann", "R1", kMonday});
  refused([&] { visit.set_multi_punch_reason(kLong); }, ErrorCode::invalid_argument, "reason");
  refused([&] { visit.add_line({kChicken4, 1, 1299, "acme-fb", "dog", kLong}); }, ErrorCode::invalid_argument, "reason");
  refused([&] { visit.add_line({kLong, 1, 1299}); }, ErrorCode::invalid_argument, "upc");
  refused([&] { visit.redeem({kLong, "dog", kChicken4}); }, ErrorCode::invalid_argument, "program");
  refused([&] { visit.decline_offer(kLong); }, ErrorCode::invalid_argument, "offer");
  CHECK(shop.dump() == before);
}

TEST_CASE("limits: in a catalog an over-long id or name is invalid_catalog and nothing is stored") {
  Shop shop;
  const auto before = shop.dump();
  refused([&] { shop.engine.load_catalog(R"({"manufacturers": [{"id": ")" + kLong + R"(", "name": "Long"}]})", kMonday); },
          ErrorCode::invalid_catalog, "manufacturers[0].id");
  refused([&] { shop.engine.load_catalog(R"({"manufacturers": [{"id": "long", "name": ")" + kLong + R"("}]})", kMonday); },
          ErrorCode::invalid_catalog, "manufacturers[0].name");
  refused([&] { shop.engine.load_catalog(R"({"manufacturers": [{"id": "long", "name": "L", ")" + kLong + R"(": 1}]})", kMonday); },
          ErrorCode::invalid_catalog, "is not a known field");
  refused([&] { shop.engine.load_catalog(R"({"products": [{"upc": "011111000018", "description": ")" + kLong +
                                             R"(", "manufacturer": "acme"}]})", kMonday); },
          ErrorCode::invalid_catalog, "products[0].description");
  refused([&] { shop.engine.load_catalog(R"({"products": [{"upc": ")" + kLong + R"(", "description": "d", "manufacturer": "acme"}]})",
                                         kMonday); },
          ErrorCode::invalid_catalog, "products[0].upc");
  CHECK(shop.dump() == before);
  // The sample catalog is well within every cap.
  CHECK(code_of([&] { shop.engine.load_catalog(shop.engine.catalog_json(), kMonday); }) == ErrorCode::ok);
}

TEST_CASE("limits: a quantity or a price out of range has one code however far out it is") {
  for (const char* q : {"0", "10001", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551615"}) {
    CAPTURE(q);
    CHECK(code_of([&] { sale_line_from_json(std::string(R"({"upc": "011111000018", "unit_price": 1, "quantity": )") + q + "}"); }) ==
          ErrorCode::invalid_quantity);
  }
  for (const char* p : {"-1", "100000001", "9223372036854775808", "18446744073709551615"}) {
    CAPTURE(p);
    CHECK(code_of([&] { sale_line_from_json(std::string(R"({"upc": "011111000018", "unit_price": )") + p + "}"); }) ==
          ErrorCode::invalid_price);
  }
  // Not a whole number at all is the document's code.
  CHECK(code_of([] { sale_line_from_json(R"({"upc": "011111000018", "unit_price": 1, "quantity": 2.5})"); }) ==
        ErrorCode::invalid_argument);
  CHECK(code_of([] { return_request_from_json(R"({"location": "va", "receipt": "r", "line": 0, "quantity": 10001,
                                                  "return_id": "x", "at": 1})"); }) == ErrorCode::invalid_quantity);
  CHECK(code_of([] { credit_memo_from_json(R"({"number": "M1", "amount": -1})"); }) == ErrorCode::invalid_price);
  CHECK(code_of([] { adoption_request_from_json(R"({"species": "dog", "adoption_date": "2026-11-01", "source": "shelter",
                                                    "upcs": ["011111000018"], "unit_prices": [18446744073709551615]})"); }) ==
        ErrorCode::invalid_price);
  Shop shop;
  auto visit = shop.engine.open_checkout({"va", "ann", "Q1", kMonday});
  CHECK(code_of([&] { visit.add_line({kChicken4, 10001, 1299}); }) == ErrorCode::invalid_quantity);
  CHECK(code_of([&] { visit.add_line({kChicken4, 1, limits::kPriceCents + 1}); }) == ErrorCode::invalid_price);
}
