// SPDX-License-Identifier: Apache-2.0
// The storage contract, against the backend under test (and SQLite specifics on files).
#include <doctest/doctest.h>

#include <map>

#include "support/fault_store.hpp"
#include "support/test_store.hpp"
#include "tally/error.hpp"

using namespace tally;
using tally_test::make_store;

namespace {

using Rows = std::vector<std::pair<std::string, std::string>>;

Rows scan_all(Store& s, std::string_view first, std::string_view last) {
  Rows rows;
  REQUIRE(s.scan(first, last, [&](std::string_view k, std::string_view v) {
    rows.emplace_back(k, v);
    return true;
  }) == StoreStatus::ok);
  return rows;
}

void put_all(Store& s, const Rows& rows) {
  REQUIRE(s.begin(TxnMode::write) == StoreStatus::ok);
  for (const auto& [k, v] : rows) REQUIRE(s.put(k, v) == StoreStatus::ok);
  REQUIRE(s.commit() == StoreStatus::ok);
}

std::string value_of(Store& s, const std::string& key) {
  std::string v;
  REQUIRE(s.begin(TxnMode::read) == StoreStatus::ok);
  StoreStatus status = s.get(key, v);
  s.rollback();
  return status == StoreStatus::ok ? v : "<missing>";
}

}  // namespace

TEST_CASE("store: put, get, overwrite, remove") {
  auto s = make_store();
  put_all(*s, {{"a", "1"}, {"b", ""}});
  CHECK(value_of(*s, "a") == "1");
  CHECK(value_of(*s, "b") == "");  // an empty value is a value
  CHECK(value_of(*s, "c") == "<missing>");
  put_all(*s, {{"a", "2"}});
  CHECK(value_of(*s, "a") == "2");
  REQUIRE(s->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(s->remove("a") == StoreStatus::ok);
  CHECK(s->remove("never") == StoreStatus::ok);
  REQUIRE(s->commit() == StoreStatus::ok);
  CHECK(value_of(*s, "a") == "<missing>");
}

TEST_CASE("store: scan is in unsigned byte order from first up to last") {
  auto s = make_store();
  const std::string zero("k\x00", 2), low("k\x7F"), high("k\x80"), top("k\xFF");
  put_all(*s, {{top, "4"}, {high, "3"}, {zero, "1"}, {low, "2"}, {"j", "0"}, {"l", "5"}});
  REQUIRE(s->begin(TxnMode::read) == StoreStatus::ok);
  auto rows = scan_all(*s, "k", "l");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].first == zero);
  CHECK(rows[1].first == low);
  CHECK(rows[2].first == high);
  CHECK(rows[3].first == top);
  CHECK(scan_all(*s, high, "").size() == 3);  // empty last: no upper bound
  CHECK(scan_all(*s, "m", "").empty());
  int seen = 0;
  CHECK(s->scan("", "", [&](std::string_view, std::string_view) { return ++seen < 2; }) == StoreStatus::ok);
  CHECK(seen == 2);
  s->rollback();
}

TEST_CASE("store: a scan's visitor may scan and get, and the outer scan keeps its own range") {
  auto s = make_store();
  put_all(*s, {{"a/1", "x"}, {"a/2", "y"}, {"b/1", "z"}, {"j/1", "1"}, {"j/2", "2"}, {"j/3", "3"}});
  REQUIRE(s->begin(TxnMode::read) == StoreStatus::ok);
  Rows outer;
  std::size_t inner = 0;
  CHECK(s->scan("j/", "j0", [&](std::string_view k, std::string_view v) {
    outer.emplace_back(k, v);
    inner += scan_all(*s, "a/", "a0").size();  // two scans of other ranges, as loading a catalog does
    inner += scan_all(*s, "b/", "b0").size();
    std::string value;
    CHECK(s->get("a/1", value) == StoreStatus::ok);
    return true;
  }) == StoreStatus::ok);
  s->rollback();
  CHECK(outer == Rows{{"j/1", "1"}, {"j/2", "2"}, {"j/3", "3"}});
  CHECK(inner == 9);
}

TEST_CASE("store: rollback undoes puts, overwrites and removes, and reads see own writes") {
  auto s = make_store();
  put_all(*s, {{"keep", "1"}, {"change", "old"}, {"drop", "x"}});
  REQUIRE(s->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(s->put("new", "n") == StoreStatus::ok);
  CHECK(s->put("change", "new") == StoreStatus::ok);
  CHECK(s->remove("drop") == StoreStatus::ok);
  std::string v;
  CHECK(s->get("change", v) == StoreStatus::ok);
  CHECK(v == "new");
  CHECK(s->get("drop", v) == StoreStatus::not_found);
  CHECK(scan_all(*s, "", "").size() == 3);
  CHECK(s->rollback() == StoreStatus::ok);
  REQUIRE(s->begin(TxnMode::read) == StoreStatus::ok);
  CHECK(scan_all(*s, "", "") == Rows{{"change", "old"}, {"drop", "x"}, {"keep", "1"}});
  s->rollback();
}

TEST_CASE("store: misuse is refused with failed and a reason") {
  auto s = make_store();
  std::string v;
  CHECK(s->get("a", v) == StoreStatus::failed);
  CHECK(s->put("a", "1") == StoreStatus::failed);
  CHECK(!s->last_error().empty());
  REQUIRE(s->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(s->begin(TxnMode::write) == StoreStatus::failed);
  s->rollback();
  if (std::string(tally_test::backend_name()) == "memory") {
    REQUIRE(s->begin(TxnMode::read) == StoreStatus::ok);
    CHECK(s->put("a", "1") == StoreStatus::failed);
    s->rollback();
  }
}

TEST_CASE("store: the fault shim fails the k-th call and a failed commit writes nothing") {
  auto inner = make_store();
  tally_test::FaultStore s(*inner);
  s.fail_at(2);
  REQUIRE(s.begin(TxnMode::write) == StoreStatus::ok);
  CHECK(s.put("a", "1") == StoreStatus::failed);
  CHECK(s.last_error() == "injected fault at call 2");
  CHECK(s.put("b", "2") == StoreStatus::ok);
  s.fail_at(1);
  CHECK(s.commit() == StoreStatus::failed);
  CHECK(value_of(*inner, "b") == "<missing>");
  CHECK(s.calls() == 1);
}

TEST_CASE("sqlite: data survives closing and reopening the file") {
  const std::string path = tally_test::temp_db_path("tally-reopen");
  {
    auto s = make_sqlite_store(path);
    put_all(*s, {{"a", std::string("v\0w", 3)}});
  }
  {
    auto s = make_sqlite_store(path, {Synchronous::normal, 1000});
    CHECK(value_of(*s, "a") == std::string("v\0w", 3));
  }
  tally_test::remove_db(path);
}

TEST_CASE("sqlite: a second writer on the same file is told busy") {
  const std::string path = tally_test::temp_db_path("tally-busy");
  auto a = make_sqlite_store(path, {Synchronous::full, 0});
  auto b = make_sqlite_store(path, {Synchronous::full, 0});
  REQUIRE(a->begin(TxnMode::write) == StoreStatus::ok);
  CHECK(a->put("k", "a") == StoreStatus::ok);
  CHECK(b->begin(TxnMode::write) == StoreStatus::busy);
  // A reader is not blocked by the writer (WAL) and does not see its uncommitted write.
  REQUIRE(b->begin(TxnMode::read) == StoreStatus::ok);
  std::string v;
  CHECK(b->get("k", v) == StoreStatus::not_found);
  b->rollback();
  REQUIRE(a->commit() == StoreStatus::ok);
  CHECK(value_of(*b, "k") == "a");
  a.reset();
  b.reset();
  tally_test::remove_db(path);
}

TEST_CASE("sqlite: a file that cannot be opened is storage_failed") {
  try {
    make_sqlite_store("/nonexistent-dir/x/y.db");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.code() == ErrorCode::storage_failed);
    CHECK(std::string(e.what()).find("cannot open /nonexistent-dir/x/y.db") == 0);
  }
}
