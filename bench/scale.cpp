// SPDX-License-Identifier: Apache-2.0
// tally_bench --scale (bench/README.md): pre-fills SQLite stores with two years of history in
// the engine's own records, then measures checkouts and reports on each, in a fresh process.
//
// The history is written by the engine itself: customers as save_customer writes them and
// every past visit through the checkout's own finish step, many visits to a transaction with
// synchronous=OFF (the bulk path). Each measuring process opens the file anew, so its peak
// memory is what an engine over a store of that size holds.
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "codec/records.hpp"
#include "domain/time.hpp"
#include "engine/engine_impl.hpp"
#include "scale.hpp"
#include "tally/engine.hpp"
#include "tally/json.hpp"
#include "tally/store.hpp"
#include "workload.hpp"

namespace bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr tally::Timestamp kHistoryDays = 730;
constexpr int kMeasured = 1000;  // at each durability: 2000 customers, each visited once
constexpr int kBatch = 1000;  // visits per transaction while pre-filling
constexpr int kReportRuns = 21;

struct Size {
  const char* name;
  int customers;
  int visits;  // of history per customer
};

struct Measured {
  double full_p50 = 0, full_p99 = 0, normal_p50 = 0, normal_p99 = 0;
  double credit_status = 0, redemptions = 0;  // µs, one day
  double peak_rss_mb = 0;
  double prefill_seconds = 0;
  long long file_mb = 0;
  long long visits = 0, punches = 0, lines = 0;
};

double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

// History visit v (of customers * visits, oldest first) is customer v mod customers, spread
// evenly over the two years before the measured checkouts start; 5 punches a visit, so every
// second visit completes a card, whose reward is taken there and then.
tally::domain::Visit history_visit(const Workload& w, const Size& size, long long v, const tally::domain::TimeZone& tz) {
  const long long total = static_cast<long long>(size.customers) * size.visits;
  tally::domain::Visit visit;
  const int n = static_cast<int>(v % size.customers);
  visit.location_id = kLocationId;
  visit.receipt_id = "H-" + std::to_string(v);
  visit.at = kStartAt - kHistoryDays * 86400 + static_cast<tally::Timestamp>(v * (kHistoryDays * 86400 - 3600) / total);
  visit.day = tally::domain::day_number(tz.local_date(visit.at));
  visit.customer.id = w.customer(n);
  visit.multi_punch_reason = kMultiPunchReason;
  for (int l = 0; l < kLinesPerCheckout; ++l) {
    const PlannedLine planned = w.line(static_cast<int>(v % 1000003), l);
    visit.lines.push_back({w.products[static_cast<std::size_t>(planned.product)].upc, 1, planned.unit_price, {}, {}, {}});
  }
  if ((v / size.customers) % 2 == 1)
    visit.redemptions.push_back({kProgramId, kCardId, w.products.front().upc, w.products.front().base_price});
  return visit;
}

void prefill(const fs::path& path, const Size& size, const Workload& w) {
  tally::SqliteOptions off;
  off.synchronous = tally::Synchronous::off;
  {
    tally::Engine engine(tally::make_sqlite_store(path.string(), off));
    prepare_engine(engine, w, false);
  }
  tally::EngineImpl impl;
  impl.store = tally::make_sqlite_store(path.string(), off);
  for (int first = 0; first < size.customers; first += kBatch)
    impl.run(tally::TxnMode::write, [&](tally::engine::Txn& txn) {
      for (int n = first; n < std::min(size.customers, first + kBatch); ++n) {
        const tally::Customer c = customer_record(w, n);
        tally::engine::write_customer(txn, c);
        txn.journal(kSetupAt, "customer.saved", boost::json::serialize(tally::codec::to_value(c)));
      }
    });
  const auto tz = tally::domain::TimeZone::parse("EST5EDT,M3.2.0,M11.1.0");
  const long long total = static_cast<long long>(size.customers) * size.visits;
  for (long long first = 0; first < total; first += kBatch)
    impl.run(tally::TxnMode::write, [&](tally::engine::Txn& txn) {
      for (long long v = first; v < std::min(total, first + kBatch); ++v)
        tally::engine::finish_visit(impl, txn, kLocationId, history_visit(w, size, v, tz));
    });
}

Latencies measure(const fs::path& path, const Workload& w, tally::Synchronous sync, double* credit_status,
                  double* redemptions) {
  tally::SqliteOptions options;
  options.synchronous = sync;
  tally::Engine engine(tally::make_sqlite_store(path.string(), options));
  Latencies latencies;
  for (int c = w.first; c < w.first + w.checkouts; ++c) {
    const auto start = Clock::now();
    run_checkout(engine, w, c);
    latencies.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  if (credit_status) {
    const tally::Timestamp last = w.at(w.first + w.checkouts - 1);
    const std::string day = tally::format_timestamp(last - 5 * 3600).substr(0, 10);
    const std::string query = std::string("{\"location\": \"") + kLocationId + "\", \"from\": \"" + day +
                              "\", \"to\": \"" + day + "\"}";
    for (auto [kind, out] : {std::pair{"free_goods_credit_status", credit_status}, std::pair{"redemptions_by_date", redemptions}}) {
      Latencies runs;
      for (int i = 0; i < kReportRuns; ++i) {
        const auto start = Clock::now();
        engine.report(kind, query, last);
        runs.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
      *out = runs.percentile(50);
    }
  }
  return latencies;
}

// Pre-fills (in a child, so that its memory is not counted) and measures (in this process).
Measured run_size(const fs::path& dir, const Size& size) {
  Measured m;
  const fs::path path = dir / (std::string("scale-") + size.name + ".db");
  Workload w = make_workload(kMeasured, 1);
  w.customers = size.customers;
  w.checkouts = kMeasured;
  w.receipt_prefix = "M-";
  // A prime (coprime with every size's customer count): the measured checkouts visit
  // customers all over the store, each one once.
  w.stride = 1000003;
  const auto start = Clock::now();
  const pid_t child = fork();
  if (child == 0) {
    try {
      prefill(path, size, w);
      _exit(0);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "tally_bench: pre-filling %s: %s\n", size.name, describe(e).c_str());
      _exit(1);
    }
  }
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("pre-filling failed");
  m.prefill_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  m.file_mb = checkpointed_size(path.string()) / (1024 * 1024);
  m.visits = static_cast<long long>(size.customers) * size.visits;
  m.punches = m.visits * kLinesPerCheckout;
  m.lines = static_cast<long long>(size.customers) * (size.visits / 2);  // a reward every second visit

  Latencies full = measure(path, w, tally::Synchronous::full, nullptr, nullptr);
  w.first = kMeasured;
  Latencies normal = measure(path, w, tally::Synchronous::normal, &m.credit_status, &m.redemptions);
  m.full_p50 = full.percentile(50);
  m.full_p99 = full.percentile(99);
  m.normal_p50 = normal.percentile(50);
  m.normal_p99 = normal.percentile(99);
  m.peak_rss_mb = peak_rss_mb();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path.string() + suffix);
  return m;
}

// Each size in a process of its own, so that peak memory is that size's alone.
bool run_in_child(const fs::path& dir, const Size& size, Measured& out) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return false;
  const pid_t child = fork();
  if (child == 0) {
    close(pipe_fds[0]);
    Measured m;
    try {
      m = run_size(dir, size);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "tally_bench: %s: %s\n", size.name, describe(e).c_str());
      _exit(1);
    }
    const ssize_t written = write(pipe_fds[1], &m, sizeof m);
    _exit(written == static_cast<ssize_t>(sizeof m) ? 0 : 1);
  }
  close(pipe_fds[1]);
  const ssize_t got = read(pipe_fds[0], &out, sizeof out);
  close(pipe_fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  return got == static_cast<ssize_t>(sizeof out) && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int run_scale(const fs::path& dir, bool full) {
  // Odd visit counts: every customer's history ends with an open card of 5 punches, so that
  // each measured checkout (a customer's first after the history) completes a card and
  // takes its reward, whatever the size: the same work, and the same number of credit lines
  // on the reported day.
  const std::vector<Size> sizes = {
      {"small", 10'000, 11},
      {"large", full ? 1'000'000 : 100'000, 3},
      {"deep", full ? 20'000 : 2'000, 101},
  };
  std::printf("Tally scale benchmark%s: SQLite stores pre-filled with two years of history, then %d checkouts\n",
              full ? " (full size)" : " (one tenth of the full size; --full for all of it)", kMeasured);
  std::printf("at synchronous=FULL and %d at NORMAL (fsync left out: the engine's and SQLite's own costs),\n",
              kMeasured);
  std::printf("each on a customer of its own spread over the whole store, each completing a card and taking\n"
              "its reward; files in %s\n\n", dir.string().c_str());
  std::printf("%-6s %10s %9s %11s %8s %8s %9s %9s %9s %9s %10s %10s %8s\n", "size", "customers", "visits/c",
              "punches", "lines", "file MB", "FULL p50", "FULL p99", "NORM p50", "NORM p99", "credit µs",
              "redeem µs", "RSS MB");
  std::vector<Measured> results;
  for (const auto& size : sizes) {
    Measured m;
    if (!run_in_child(dir, size, m)) {
      std::printf("%-6s failed\n", size.name);
      return 1;
    }
    std::printf("%-6s %10d %9d %11lld %8lld %8lld %9.1f %9.1f %9.1f %9.1f %10.1f %10.1f %8.1f   (pre-filled in %.0f s)\n",
                size.name, size.customers, size.visits, m.punches, m.lines, m.file_mb, m.full_p50, m.full_p99,
                m.normal_p50, m.normal_p99, m.credit_status, m.redemptions, m.peak_rss_mb, m.prefill_seconds);
    std::fflush(stdout);
    results.push_back(m);
  }
  std::printf("\nagainst the small store (targets: checkouts <= 1.3x, reports <= 2x, memory flat):\n");
  for (std::size_t i = 1; i < results.size(); ++i) {
    const Measured& a = results[i];
    const Measured& s = results[0];
    std::printf("  %-6s FULL p50 %.2fx p99 %.2fx, NORMAL p50 %.2fx p99 %.2fx, credit status %.2fx, "
                "redemptions %.2fx, peak RSS %.2fx\n",
                sizes[i].name, a.full_p50 / s.full_p50, a.full_p99 / s.full_p99, a.normal_p50 / s.normal_p50,
                a.normal_p99 / s.normal_p99, a.credit_status / s.credit_status, a.redemptions / s.redemptions,
                a.peak_rss_mb / s.peak_rss_mb);
  }
  return 0;
}

}  // namespace bench
