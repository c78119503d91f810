// SPDX-License-Identifier: Apache-2.0
// tally.hpp, the header-only C++ layer over the C ABI, as a C++17 host uses it: handles
// that release themselves and move, documents as strings, failures as tally::Error with
// the status code, its name and the message naming the field.
#include <tally.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

int failures = 0;

void expect(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "cpp_header: %s\n", what);
    ++failures;
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 64;
  std::ifstream file(argv[1]);
  std::stringstream catalog;
  catalog << file.rdbuf();
  const tally::Timestamp now = 1792074600;

  expect(tally::version() == TALLY_VERSION_STRING, "version() is the compile-time version");
  expect(tally::version_number() == TALLY_VERSION_NUMBER, "version_number() is the compile-time number");

  tally::Engine engine = tally::Engine::open_memory(R"({"account": "store-42"})");
  expect(contains(engine.load_catalog(catalog.str(), now), R"("products":39)"), "load_catalog returns the summary");
  engine.save_location(R"({"id": "raleigh", "name": "Raleigh", "state": "NC", "time_zone": "America/New_York"})", now);
  engine.enroll(R"({"location": "raleigh", "program": "northpaw-fb", "distributor": "eastern", "account_number": "EPS-1"})",
                now);
  engine.save_customer(R"({"id": "C1", "first_name": "Maria", "last_name": "Alvarez", "email": "m@example.com",
                           "phone": "919-555-0101"})", now);

  // A refused call throws the status, its name and the field at fault; nothing changes.
  try {
    engine.customer("nobody");
    expect(false, "an unknown customer throws");
  } catch (const tally::Error& e) {
    expect(e.code() == TALLY_E_UNKNOWN_CUSTOMER, "unknown customer: the code is TALLY_E_UNKNOWN_CUSTOMER");
    expect(std::string(e.name()) == "unknown_customer", "unknown customer: the name");
  }

  tally::Checkout checkout = engine.open_checkout("raleigh", "C1", "R-1", now);
  try {
    checkout.add_line("000000000000", 1, 100);
    expect(false, "an unknown UPC throws");
  } catch (const tally::Error& e) {
    expect(e.code() == TALLY_E_UNKNOWN_UPC, "unknown UPC: the code is TALLY_E_UNKNOWN_UPC");
    expect(contains(e.what(), "upc"), "unknown UPC: the message names the field");
  }
  expect(checkout.add_line("084213101044", 10, 1699) == 10, "ten bags make ten punches");
  checkout.set_multi_punch_reason("converting a paper card");
  expect(contains(checkout.rewards(), R"("card":"dog-small")"), "the completed card is a reward");
  expect(checkout.redeem("northpaw-fb", "dog-small", "084213102041", 1799) == 0, "the first redemption has index 0");

  tally::Checkout moved = std::move(checkout);
  expect(checkout.handle() == nullptr && moved.handle() != nullptr, "a moved checkout hands its handle over");
  const std::string result = moved.finish();
  expect(contains(result, R"("receipt":"R-1")") && contains(result, R"("redemptions":[{)"), "finish stores the visit");
  expect(engine.checkout_result("raleigh", "R-1") == result, "the stored result is the finished one");
  expect(contains(engine.cards("C1", true), R"("card":"dog-small")"), "the card is stored");

  // A retried receipt replays its first result.
  tally::Checkout again = engine.open_checkout("raleigh", "C1", "R-1", now);
  again.add_line("084213101044", 10, 1699);
  again.set_multi_punch_reason("converting a paper card");
  again.redeem("northpaw-fb", "dog-small", "084213102041", 1799);
  expect(contains(again.finish(), R"("replayed":true)"), "a retried receipt replays");

  tally::Engine other = tally::Engine::open_sqlite(":memory:");
  other = std::move(engine);  // closes the SQLite engine, takes the memory one
  expect(engine.handle() == nullptr, "a moved engine hands its handle over");
  expect(contains(other.customer("C1"), R"("id":"C1")"), "the moved engine is the same store");

  if (failures) return 1;
  std::puts("cpp_header: tally.hpp drives a checkout, throws tally::Error, and moves its handles");
  return 0;
}
