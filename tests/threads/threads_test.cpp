// SPDX-License-Identifier: Apache-2.0
// Threads and processes on one store (docs/reliability.md). Four till threads share one
// engine handle on a SQLite file, two for the same customer and two for others, redeeming
// whenever a card completes, while one thread pulls and credits batches and one runs reports,
// the Command Center and failing calls whose messages it reads back. Then two processes
// finish visits on the same file. Afterwards the totals must be exact: each customer's
// punches equal the units rung up, journal numbers only rise, every
// redemption has one credit line and every line is in exactly one state.
// Built in the thread-sanitizer tree too, where it must run clean.
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "support/capi.hpp"
#include "tally.h"

namespace {

namespace json = boost::json;

using capi_test::Answer;
using capi_test::kMonday;
using capi_test::load_sample_store;
using capi_test::Rung;
constexpr const char* kBag = "084213101044";  // NorthPaw dog food 4 lb: card dog-small, buy 10
constexpr int kVisitsPerTill = 30;

std::atomic<int> failures{0};

void fail(const std::string& what) {
  std::fprintf(stderr, "FAILED: %s\n", what.c_str());
  ++failures;
}

void ok(std::int32_t status, const std::string& call) {
  if (status != TALLY_OK) fail(call + ": " + tally_status_name(status) + ": " + tally_last_error());
}

tally_engine* open(const std::string& path) {
  tally_engine* engine = nullptr;
  ok(tally_engine_open_sqlite(path.c_str(), R"({"synchronous": "normal", "busy_timeout_ms": 10000, "busy_retries": 200})",
                              &engine),
     "open " + path);
  return engine;
}

// One visit: a bag, and the reward when the customer's card is complete. Busy: the same
// receipt again, which the engine takes once.
void visit(tally_engine* engine, const std::string& customer, const std::string& receipt, std::int64_t at, Rung& tally) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    tally_checkout* checkout = nullptr;
    std::int32_t status = tally_checkout_open(engine, "raleigh", customer.c_str(), receipt.c_str(), at, &checkout);
    bool redeemed = false;
    Answer rewards, result;
    if (status == TALLY_OK) status = tally_checkout_add_line(checkout, kBag, 1, 1899, nullptr);
    if (status == TALLY_OK) status = tally_checkout_rewards(checkout, rewards.out());
    if (status == TALLY_OK && !rewards.json().as_array().empty()) {
      status = tally_checkout_redeem(checkout, "northpaw-fb", "dog-small", kBag, 1899, nullptr);
      redeemed = status == TALLY_OK;
    }
    if (status == TALLY_OK) status = tally_checkout_finish(checkout, result.out());
    tally_checkout_free(checkout);
    // Busy, or the other till for this customer took the reward first: the till rings the
    // visit up again, as a cashier would, and sees what is left.
    if (status == TALLY_E_STORAGE_BUSY || status == TALLY_E_RECEIPT_CONFLICT || status == TALLY_E_REWARD_NOT_AVAILABLE) continue;
    if (status != TALLY_OK) return fail("visit " + receipt + ": " + tally_status_name(status) + ": " + tally_last_error());
    // Receipts are unique and a refused attempt stores nothing, so nothing can be a replay.
    if (result.json().at("replayed") == true) return fail("visit " + receipt + " was stored by a refused attempt");
    tally.units[customer] += 1;
    tally.redemptions += redeemed ? 1 : 0;
    return;
  }
  fail("visit " + receipt + " stayed busy");
}

void till(tally_engine* engine, const std::string& customer, const std::string& name, Rung& tally) {
  for (int i = 0; i < kVisitsPerTill; ++i)
    visit(engine, customer, name + "-" + std::to_string(i), kMonday + i * 60, tally);
}

void expect_totals(tally_engine* engine, const Rung& expected) {
  if (const auto disagreement = capi_test::check_totals(engine, expected); !disagreement.empty()) fail(disagreement);
}

int threads_on_one_engine(const std::string& path) {
  tally_engine* engine = open(path);
  load_sample_store(engine);
  Rung tills[4];
  std::atomic<bool> done{false};
  std::vector<std::thread> threads;
  const char* customers[4] = {"C1001", "C1001", "C1002", "C1003"};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] { till(engine, customers[t], "t" + std::to_string(t), tills[t]); });
  // The distributor pulls and credits batches while the tills ring up.
  threads.emplace_back([&] {
    const char* eastern = R"({"role": "distributor", "id": "eastern"})";
    for (int round = 0; !done; ++round) {
      Answer batch, credited;
      const auto status = tally_pull_batch(engine, eastern, ("round " + std::to_string(round)).c_str(), nullptr, nullptr,
                                           kMonday + 3600, batch.out());
      if (status == TALLY_OK) {
        const auto id = batch.json().at("id").to_number<std::int64_t>();
        const std::string memo = R"({"number": "CM-)" + std::to_string(id) + R"(", "amount": 0})";
        const auto st = tally_fulfill_batch(engine, eastern, id, memo.c_str(), kMonday + 7200, credited.out());
        if (st != TALLY_OK && st != TALLY_E_STORAGE_BUSY) fail(std::string("fulfill_batch: ") + tally_last_error());
      } else if (status != TALLY_E_NOT_FOUND && status != TALLY_E_STORAGE_BUSY && status != TALLY_E_INVALID_STATE) {
        fail(std::string("pull_batch: ") + tally_status_name(status) + ": " + tally_last_error());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  // Reports, the Command Center, and failures whose messages are read back whole.
  threads.emplace_back([&] {
    const std::set<std::string> messages = {"customer: 'nobody' does not exist", "location: 'nowhere' does not exist"};
    while (!done) {
      Answer report, center;
      const char* query = R"({"location": "raleigh", "from": "2026-11-01", "to": "2026-11-30"})";
      const auto st = tally_report(engine, "redemptions_by_date", query, std::char_traits<char>::length(query), kMonday, report.out());
      if (st != TALLY_OK && st != TALLY_E_STORAGE_BUSY) fail(std::string("report: ") + tally_last_error());
      const auto cc = tally_command_center(engine, "raleigh", kMonday, center.out());
      if (cc != TALLY_OK && cc != TALLY_E_STORAGE_BUSY) fail(std::string("command_center: ") + tally_last_error());
      tally_checkout* none = nullptr;
      if (tally_checkout_open(engine, "raleigh", "nobody", "x", kMonday, &none) == TALLY_OK) fail("an unknown customer was served");
      const std::string mine = tally_last_error();
      const std::string shared = tally_engine_last_error(engine);
      if (mine != "customer: 'nobody' does not exist") fail("this thread's own message is '" + mine + "'");
      if (!shared.empty() && shared.find("does not exist") == std::string::npos && shared.find("busy") == std::string::npos &&
          shared.find("locked") == std::string::npos && shared.find("not found") == std::string::npos &&
          shared.find("no ") == std::string::npos)
        fail("the engine's message reads '" + shared + "'");
    }
  });
  for (int t = 0; t < 4; ++t) threads[t].join();
  done = true;
  for (std::size_t t = 4; t < threads.size(); ++t) threads[t].join();
  Rung total;
  for (const auto& t : tills) {
    for (const auto& [customer, units] : t.units) total.units[customer] += units;
    total.redemptions += t.redemptions;
  }
  expect_totals(engine, total);
  std::printf("threads: %ld units for %zu customers, %ld redemptions on one engine\n",
              total.units["C1001"] + total.units["C1002"] + total.units["C1003"], total.units.size(), total.redemptions);
  tally_engine_close(engine);
  return failures ? 1 : 0;
}

// A child process: one till for `customer`; prints "units redemptions".
int child(const std::string& path, const std::string& customer, const std::string& name) {
  tally_engine* engine = open(path);
  Rung tally;
  till(engine, customer, name, tally);
  tally_engine_close(engine);
  std::printf("%ld %ld\n", tally.units[customer], tally.redemptions);
  return failures ? 1 : 0;
}

int processes_on_one_file(const char* self, const std::string& path) {
  {
    tally_engine* engine = open(path);
    load_sample_store(engine);
    tally_engine_close(engine);
  }
  const char* customers[2] = {"C2001", "C2001"};
  const char* names[2] = {"p0", "p1"};
  int pipes[2][2];
  pid_t pids[2];
  for (int p = 0; p < 2; ++p) {
    if (pipe(pipes[p]) != 0) return 2;
    pids[p] = fork();
    if (pids[p] == 0) {
      dup2(pipes[p][1], 1);
      close(pipes[p][0]);
      execl(self, self, "child", path.c_str(), customers[p], names[p], static_cast<char*>(nullptr));
      _exit(127);
    }
    close(pipes[p][1]);
  }
  Rung total;
  for (int p = 0; p < 2; ++p) {
    char buffer[64] = {};
    const auto n = read(pipes[p][0], buffer, sizeof buffer - 1);
    close(pipes[p][0]);
    int status = 0;
    waitpid(pids[p], &status, 0);
    long units = 0, redemptions = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || n <= 0 || std::sscanf(buffer, "%ld %ld", &units, &redemptions) != 2)
      fail("process " + std::to_string(p) + " failed");
    total.units[customers[p]] += units;
    total.redemptions += redemptions;
  }
  tally_engine* engine = open(path);
  expect_totals(engine, total);
  std::printf("processes: %ld units, %ld redemptions from 2 processes on one file\n", total.units["C2001"], total.redemptions);
  tally_engine_close(engine);
  return failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "child") return child(argv[2], argv[3], argv[4]);
  const auto dir = std::filesystem::temp_directory_path() / ("tally-threads-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  int status = threads_on_one_engine((dir / "threads.db").string());
  status |= processes_on_one_file(argv[0], (dir / "processes.db").string());
  std::filesystem::remove_all(dir);
  std::printf("%s\n", status ? "FAILED" : "ok");
  return status;
}
