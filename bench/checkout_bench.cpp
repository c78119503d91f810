// SPDX-License-Identifier: Apache-2.0
// Checkout benchmark (bench/README.md).
//
// Runs one fixed workload of checkouts on three setups and prints, in one run, checkouts per
// second, p50 and p99 per checkout, bytes on disk per checkout and report timings:
//   1. the engine on tally::make_memory_store();
//   2. the engine on tally::make_sqlite_store() (WAL, synchronous=FULL) on a fresh file;
//   3. a hand-written raw-SQLite baseline doing the same writes (raw_sqlite.cpp);
//   4. an import of the same visits as documents on SQLite FULL: one run_checkout per receipt,
//      then Engine::run_checkouts in batches of kImportBatch (what `tally import` does).
// With --scale it instead pre-fills stores with years of history and measures how checkout
// and report times and memory change with the size of the store (scale.cpp).
//
// This is a measuring program, not a test: it prints figures and asserts nothing.

#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "postgres.hpp"
#include "raw_sqlite.hpp"
#include "scale.hpp"
#include "tally/engine.hpp"
#include "tally/json.hpp"
#include "tally/store.hpp"
#include "workload.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace bench;

constexpr int kDefaultCheckouts = 2000;
constexpr int kQuickCheckouts = 200;
constexpr int kVisitsPerCustomer = 10;
constexpr int kReportRuns = 21;
constexpr std::size_t kImportBatch = 256;  // receipts per run_checkouts call, as `tally import`

// The memory store with every call counted: what a checkout asks of its storage.
class CountingStore final : public tally::Store {
 public:
  explicit CountingStore(std::unique_ptr<tally::Store> inner) : inner_(std::move(inner)) {}
  tally::StoreStatus begin(tally::TxnMode mode) override {
    ++(mode == tally::TxnMode::write ? writes : reads);
    return inner_->begin(mode);
  }
  tally::StoreStatus commit() override { return inner_->commit(); }
  tally::StoreStatus rollback() override { return inner_->rollback(); }
  tally::StoreStatus get(std::string_view k, std::string& v) override {
    ++gets;
    const auto status = inner_->get(k, v);
    if (status == tally::StoreStatus::ok) bytes_read += static_cast<long>(v.size());
    return status;
  }
  tally::StoreStatus put(std::string_view k, std::string_view v) override {
    ++puts;
    bytes_written += static_cast<long>(k.size() + v.size());
    return inner_->put(k, v);
  }
  tally::StoreStatus remove(std::string_view k) override {
    ++removes;
    return inner_->remove(k);
  }
  tally::StoreStatus scan(std::string_view f, std::string_view l, const tally::ScanVisitor& visit) override {
    ++scans;
    return inner_->scan(f, l, [&](std::string_view k, std::string_view v) {
      ++scanned;
      bytes_read += static_cast<long>(v.size());
      return visit(k, v);
    });
  }
  std::string last_error() const override { return inner_->last_error(); }

  void reset() { reads = writes = gets = puts = removes = scans = scanned = bytes_read = bytes_written = 0; }
  long reads = 0, writes = 0, gets = 0, puts = 0, removes = 0, scans = 0, scanned = 0, bytes_read = 0, bytes_written = 0;

 private:
  std::unique_ptr<tally::Store> inner_;
};

CountingStore* counted = nullptr;  // the memory setup's store, while it runs

struct ReportTimes {
  double credit_status_micros = 0;
  double redemptions_micros = 0;
};

// The median of several runs of one day's report, for the last day of the run.
double time_report(tally::Engine& engine, const char* kind, const std::string& day, tally::Timestamp at) {
  Latencies runs;
  const std::string query = std::string("{\"location\": \"") + kLocationId + "\", \"from\": \"" + day +
                            "\", \"to\": \"" + day + "\"}";
  for (int i = 0; i < kReportRuns; ++i) {
    const auto start = Clock::now();
    engine.report(kind, query, at);
    runs.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  return runs.percentile(50);
}

ReportTimes time_reports(tally::Engine& engine, const Workload& w) {
  const tally::Timestamp last = w.at(w.first + w.checkouts - 1);
  const std::string day = tally::format_timestamp(last - 5 * 3600).substr(0, 10);  // local date in VA
  return {time_report(engine, "free_goods_credit_status", day, last),
          time_report(engine, "redemptions_by_date", day, last)};
}

Figures run_engine(const std::string& name, std::unique_ptr<tally::Store> store, const Workload& w,
                   const std::string& path, ReportTimes* reports) {
  Figures f;
  f.setup = name;
  f.checkouts = w.checkouts;
  tally::Engine engine(std::move(store));
  prepare_engine(engine, w);
  const long long size_before = path.empty() ? 0 : checkpointed_size(path);
  if (counted && path.empty()) counted->reset();

  const auto start = Clock::now();
  const double cpu_start = cpu_now();
  for (int c = w.first; c < w.first + w.checkouts; ++c) {
    const auto visit_start = Clock::now();
    const tally::CheckoutResult result = run_checkout(engine, w, c);
    f.latencies.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - visit_start).count());
    f.punches += static_cast<long>(result.punches.size());
    f.redemptions += static_cast<long>(result.redemptions.size());
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = cpu_now() - cpu_start;
  if (counted && path.empty()) {
    const double n = w.checkouts;
    std::snprintf(f.store_calls, sizeof f.store_calls,
                  "%.1f read and %.1f write transactions, %.1f gets, %.1f scans (%.1f keys), %.1f puts, %.1f removes; "
                  "%.0f bytes read, %.0f written",
                  counted->reads / n, counted->writes / n, counted->gets / n, counted->scans / n, counted->scanned / n,
                  counted->puts / n, counted->removes / n, counted->bytes_read / n, counted->bytes_written / n);
  }
  f.credit_lines = static_cast<long>(engine.credit_lines().size());
  if (!path.empty()) f.bytes_per_checkout = static_cast<double>(checkpointed_size(path) - size_before) / w.checkouts;
  if (reports) *reports = time_reports(engine, w);
  return f;
}

// The workload's visits as another system would export them: what each checkout rang up
// and redeemed, taken from a run on the memory store.
std::vector<tally::CheckoutDocument> exported_history(const Workload& w) {
  tally::Engine engine(tally::make_memory_store());
  prepare_engine(engine, w);
  std::vector<tally::CheckoutDocument> docs;
  for (int c = w.first; c < w.first + w.checkouts; ++c) {
    const tally::CheckoutResult r = run_checkout(engine, w, c);
    tally::CheckoutDocument d;
    d.open = {r.location_id, r.customer_id, r.receipt_id, r.at, kMultiPunchReason};
    d.lines = r.lines;
    for (const auto& redemption : r.redemptions)
      d.redemptions.push_back({redemption.program_id, redemption.card_id, redemption.upc, redemption.unit_price});
    docs.push_back(std::move(d));
  }
  return docs;
}

// The documents loaded into a fresh SQLite FULL file: one finish each, or in batches.
Figures run_import(const std::string& name, const fs::path& db, const Workload& w,
                   const std::vector<tally::CheckoutDocument>& docs, std::size_t batch) {
  Figures f;
  f.setup = name;
  f.checkouts = static_cast<int>(docs.size());
  tally::SqliteOptions options;
  options.synchronous = tally::Synchronous::full;
  tally::Engine engine(tally::make_sqlite_store(db.string(), options));
  prepare_engine(engine, w);
  auto count = [&f](const tally::CheckoutResult& r) {
    f.punches += static_cast<long>(r.punches.size());
    f.redemptions += static_cast<long>(r.redemptions.size());
  };
  const auto start = Clock::now();
  const double cpu_start = cpu_now();
  for (std::size_t first = 0; first < docs.size(); first += batch) {
    const auto batch_start = Clock::now();
    const std::size_t end = std::min(docs.size(), first + batch);
    if (batch == 1) {
      count(tally::run_checkout(engine, docs[first]));
    } else {
      const std::vector<tally::CheckoutDocument> part(docs.begin() + static_cast<std::ptrdiff_t>(first),
                                                      docs.begin() + static_cast<std::ptrdiff_t>(end));
      for (const auto& outcome : engine.run_checkouts(part)) {
        if (outcome.code != tally::ErrorCode::ok) throw tally::Error(outcome.code, outcome.message);
        count(outcome.result);
      }
    }
    // A receipt's share of its call: the time a receipt of the load costs.
    const double micros = std::chrono::duration<double, std::micro>(Clock::now() - batch_start).count();
    for (std::size_t i = first; i < end; ++i) f.latencies.micros.push_back(micros / static_cast<double>(end - first));
  }
  f.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  f.cpu_seconds = cpu_now() - cpu_start;
  f.credit_lines = static_cast<long>(engine.credit_lines().size());
  return f;
}

template <class Run>
Figures guarded(const std::string& name, int checkouts, Run run) {
  try {
    return run();
  } catch (const std::exception& e) {
    Figures f;
    f.setup = name;
    f.checkouts = checkouts;
    f.error = describe(e);
    return f;
  }
}

void remove_database(const fs::path& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(fs::path(path.string() + suffix), ignored);
}

// A fresh, private directory under `parent` (mkdtemp).
fs::path make_temp_dir(const fs::path& parent) {
  std::string pattern = (parent / "tally-bench-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a directory under " + parent.string());
  return fs::path(pattern);
}

void usage(std::FILE* to) {
  std::fprintf(to,
               "usage: tally_bench [--checkouts N] [--quick] [--visits-per-customer N] [--setups LIST] [--dir DIR]\n"
               "                   [--postgres CONNINFO] [--tills N]\n"
               "       tally_bench --scale [--full] [--dir DIR]\n"
               "  --checkouts N            checkouts per setup (default %d)\n"
               "  --quick                  %d checkouts per setup\n"
               "  --visits-per-customer N  visits of each customer in the run (default %d)\n"
               "  --setups LIST            some of memory,sqlite,points,raw,import (default all five; the PostgreSQL rows\n"
               "                           run when TALLY_TEST_PG or --postgres names a server)\n"
               "  --postgres CONNINFO      the PostgreSQL server of the PostgreSQL rows\n"
               "  --tills N                tills of the many-till PostgreSQL row (default 4)\n"
               "  --scale                  pre-fill stores with history and compare sizes (bench/README.md)\n"
               "  --full                   with --scale: 1,000,000 customers and 10,000,000 punches\n"
               "  --dir DIR                where to put the SQLite files (default: the system temp dir);\n"
               "                           the figures depend on that disk's fsync latency\n",
               kDefaultCheckouts, kQuickCheckouts, kVisitsPerCustomer);
}

void print_header() {
  // "µs" is two bytes wide in UTF-8 but one column on screen: hence the wider fields.
  std::printf("%-26s %9s %11s %14s %10s %10s %10s %13s %8s %12s\n", "setup", "checkouts", "checkouts/s",
              "µs/checkout", "p50 µs", "p99 µs", "CPU µs", "bytes/visit", "punches", "redemptions");
}

void print_row(const Figures& f) {
  if (!f.ok()) {
    std::printf("%-26s %9d   failed: %s\n", f.setup.c_str(), f.checkouts,
                f.error.empty() ? "no time measured" : f.error.c_str());
    return;
  }
  char bytes[32] = "-";
  if (f.bytes_per_checkout >= 0) std::snprintf(bytes, sizeof bytes, "%.0f", f.bytes_per_checkout);
  std::printf("%-26s %9d %11.1f %13.1f %10.1f %10.1f %10.1f %13s %8ld %12ld\n", f.setup.c_str(), f.checkouts,
              f.per_second(), f.micros_per_checkout(), f.latencies.percentile(50), f.latencies.percentile(99),
              f.cpu_seconds * 1e6 / f.checkouts, bytes, f.punches, f.redemptions);
}

const Figures* find(const std::vector<Figures>& all, std::string_view setup) {
  for (const auto& f : all)
    if (f.setup == setup) return f.ok() ? &f : nullptr;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  int checkouts = kDefaultCheckouts;
  int visits = kVisitsPerCustomer;
  std::string setups = "memory,sqlite,points,raw,import";
  bool scale = false, full = false;
  int tills = 4;
  fs::path parent;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto number = [&](const char* what, long max) {
      char* end = nullptr;
      const long n = i + 1 < argc ? std::strtol(argv[++i], &end, 10) : 0;
      if (!end || *end != '\0' || n < 1 || n > max) {
        std::fprintf(stderr, "tally_bench: %s needs a number from 1 to %ld\n", what, max);
        std::exit(2);
      }
      return static_cast<int>(n);
    };
    if (arg == "--quick") checkouts = kQuickCheckouts;
    else if (arg == "--checkouts") checkouts = number("--checkouts", 10'000'000);
    else if (arg == "--visits-per-customer") visits = number("--visits-per-customer", 1'000'000);
    else if (arg == "--setups" && i + 1 < argc) setups = argv[++i];
    else if (arg == "--scale") scale = true;
    else if (arg == "--full") full = true;
    else if (arg == "--dir" && i + 1 < argc) parent = argv[++i];
    else if (arg == "--postgres" && i + 1 < argc) setenv("TALLY_TEST_PG", argv[++i], 1);
    else if (arg == "--tills") tills = number("--tills", 64);
    else if (arg == "--help" || arg == "-h") {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }

  fs::path dir;
  try {
    if (parent.empty()) parent = fs::temp_directory_path();
    dir = make_temp_dir(parent);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tally_bench: %s\n", e.what());
    return 1;
  }
  if (scale) {
    const int rc = run_scale(dir, full);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return rc;
  }

  Workload w = make_workload(checkouts, visits);
  std::printf("Tally checkout benchmark\n");
  std::printf("  %d checkouts per setup: %d lines each (quantity 1, one card, buy %d), %d customers round-robin\n",
              checkouts, kLinesPerCheckout, kBuyN, w.customers);
  std::printf("  (%d visits each); a card's reward is taken in the visit that completes it;\n", visits);
  std::printf("  SQLite %s, files in %s\n\n", sqlite3_libversion(), dir.string().c_str());

  std::vector<Figures> results;
  ReportTimes memory_reports, sqlite_reports;
  auto wanted = [&](const char* setup) { return ("," + setups + ",").find(std::string(",") + setup + ",") != std::string::npos; };
  if (wanted("memory"))
    results.push_back(guarded("engine, memory store", checkouts, [&] {
      auto store = std::make_unique<CountingStore>(tally::make_memory_store());
      counted = store.get();
      Figures f = run_engine("engine, memory store", std::move(store), w, "", &memory_reports);
      counted = nullptr;
      return f;
    }));
  if (wanted("sqlite")) {
    const fs::path db = dir / "engine-full.db";
    remove_database(db);
    results.push_back(guarded("engine, SQLite FULL", checkouts, [&] {
      tally::SqliteOptions options;
      options.synchronous = tally::Synchronous::full;
      return run_engine("engine, SQLite FULL", tally::make_sqlite_store(db.string(), options), w, db.string(),
                        &sqlite_reports);
    }));
    remove_database(db);
  }
  if (wanted("points")) {
    const fs::path db = dir / "engine-points.db";
    remove_database(db);
    Workload with_points = w;
    with_points.points = true;
    results.push_back(guarded("engine, SQLite FULL, points", checkouts, [&] {
      tally::SqliteOptions options;
      options.synchronous = tally::Synchronous::full;
      return run_engine("engine, SQLite FULL, points", tally::make_sqlite_store(db.string(), options), with_points,
                        db.string(), nullptr);
    }));
    remove_database(db);
  }
  if (wanted("raw")) {
    const fs::path db = dir / "raw-full.db";
    remove_database(db);
    results.push_back(guarded("raw SQLite FULL baseline", checkouts,
                              [&] { return run_raw_sqlite("raw SQLite FULL baseline", db.string(), w); }));
    remove_database(db);
  }
  if (wanted("import")) {
    const auto docs = exported_history(w);
    const std::string bulk = "import, " + std::to_string(kImportBatch) + " per call";
    for (const auto& [name, batch] : {std::pair<std::string, std::size_t>{"import, one per call", 1}, {bulk, kImportBatch}}) {
      const fs::path db = dir / "import-full.db";
      remove_database(db);
      results.push_back(guarded(name, checkouts, [&] { return run_import(name, db, w, docs, batch); }));
      remove_database(db);
    }
  }
  const bool postgres = std::getenv("TALLY_TEST_PG") != nullptr;
  const std::string many = "engine, PostgreSQL " + std::to_string(tills) + " tills";
  if (postgres) {
    results.push_back(guarded("engine, PostgreSQL 1 till", checkouts,
                              [&] { return run_engine_postgres("engine, PostgreSQL 1 till", w, 1); }));
    results.push_back(guarded(many, checkouts, [&] { return run_engine_postgres(many, w, tills); }));
    results.push_back(guarded("raw libpq baseline", checkouts, [&] { return run_raw_postgres("raw libpq baseline", w); }));
  }
  std::error_code ignored;
  fs::remove(dir, ignored);

  print_header();
  for (const auto& f : results) print_row(f);
  std::printf("\n");
  const Figures* memory = find(results, "engine, memory store");
  const Figures* sqlite = find(results, "engine, SQLite FULL");
  const Figures* raw = find(results, "raw SQLite FULL baseline");
  if (sqlite && raw) {
    std::printf("engine SQLite FULL / raw SQLite baseline:  %.2fx checkouts/s  (target >= 0.8x)\n",
                sqlite->per_second() / raw->per_second());
    std::printf("bytes on disk per checkout:                 engine %.0f, raw %.0f: %.2fx  (target <= 2x)\n",
                sqlite->bytes_per_checkout, raw->bytes_per_checkout, sqlite->bytes_per_checkout / raw->bytes_per_checkout);
  }
  const Figures* points = find(results, "engine, SQLite FULL, points");
  if (sqlite && points)
    std::printf("SQLite FULL with a points program / without: %.2fx checkouts/s, %.0f / %.0f bytes per checkout\n",
                points->per_second() / sqlite->per_second(), points->bytes_per_checkout, sqlite->bytes_per_checkout);
  const Figures* single = find(results, "import, one per call");
  const Figures* bulk = find(results, "import, " + std::to_string(kImportBatch) + " per call");
  if (single && bulk)
    std::printf("import on SQLite FULL, %zu per call / one:  %.1fx receipts/s  (target >= 10x)\n", kImportBatch,
                bulk->per_second() / single->per_second());
  if (memory)
    std::printf("engine on the memory store:                 %.1f µs per checkout, %.1f µs of CPU (target <= 15 µs)\n",
                memory->micros_per_checkout(), memory->cpu_seconds * 1e6 / memory->checkouts);
  if (memory) std::printf("  per checkout it asks of its store: %s\n", memory->store_calls);
  if (memory && sqlite)
    std::printf("  as a share of the SQLite FULL checkout:   %.1f%%  (target <= 10%%)\n",
                100.0 * memory->micros_per_checkout() / sqlite->micros_per_checkout());
  if (postgres) {
    const Figures* one = find(results, "engine, PostgreSQL 1 till");
    const Figures* all = find(results, many);
    const Figures* libpq = find(results, "raw libpq baseline");
    if (one && libpq)
      std::printf("engine PostgreSQL 1 till / raw libpq:       %.2fx checkouts/s  (target >= 0.7x)\n",
                  one->per_second() / libpq->per_second());
    if (one && all)
      std::printf("engine PostgreSQL %d tills / 1 till:         %.2fx checkouts/s  (target >= 2.5x)\n", tills,
                  all->per_second() / one->per_second());
    if (all)
      std::printf("reruns with %d tills:                        %.1f per 100 checkouts  (target < 1)\n", tills,
                  100.0 * static_cast<double>(all->reruns) / all->checkouts);
  } else {
    std::printf("(PostgreSQL rows not run: `bash scripts/pg-test-server.sh run --durable -- %s` runs them on a\n"
                " throw-away server, or pass --postgres CONNINFO)\n", argv[0]);
  }
  if (memory || sqlite) std::printf("\none day of a report (median of %d runs):\n", kReportRuns);
  if (memory)
    std::printf("  memory store: free_goods_credit_status %.1f µs, redemptions_by_date %.1f µs\n",
                memory_reports.credit_status_micros, memory_reports.redemptions_micros);
  if (sqlite)
    std::printf("  SQLite FULL:  free_goods_credit_status %.1f µs, redemptions_by_date %.1f µs\n",
                sqlite_reports.credit_status_micros, sqlite_reports.redemptions_micros);

  bool all_ok = true;
  for (const auto& f : results) all_ok = all_ok && f.ok();
  return all_ok ? 0 : 1;
}
