// SPDX-License-Identifier: Apache-2.0
// `tally import FILE`: a file of checkout documents, one per line, finished in order with
// many receipts per storage transaction (Engine::run_checkouts). A rerun after an
// interruption skips what was stored: each receipt is exactly-once by (location, receipt).
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "args.hpp"

namespace tally_cli {

namespace {

namespace json = boost::json;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kBatch = 256;      // receipts per call (bench/README.md#import)
constexpr std::size_t kRefusalsShown = 10;
constexpr int kExitSomeRefused = 65;     // EX_DATAERR: some lines refused, the rest stored

// Count, rate and time left on stderr: a bar redrawn in place on a terminal, else a plain
// line at each tenth of the file (a log keeps it readable). No Debian-packaged C++ progress
// bar library exists; this is the whole of it.
class Progress {
 public:
  Progress(std::size_t total, bool terminal) : total_(total), terminal_(terminal), start_(Clock::now()) {}

  void update(std::size_t done, bool last = false) {
    const auto now = Clock::now();
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done) / rate : 0;
    if (terminal_) {
      if (!last && now - drawn_ < std::chrono::milliseconds(100)) return;
      drawn_ = now;
      constexpr int kWidth = 30;
      const int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
      std::fprintf(stderr, "\r[%s%s] %zu/%zu receipts  %.0f/s  %s left ", std::string(filled, '#').c_str(),
                   std::string(kWidth - filled, '.').c_str(), done, total_, rate, clock(left).c_str());
      if (last) std::fputc('\n', stderr);
      return;
    }
    const std::size_t tenth = total_ ? 10 * done / total_ : 10;
    if (tenth <= reported_ || (last && done == 0)) return;
    reported_ = tenth;
    std::fprintf(stderr, "import: %zu/%zu lines (%zu%%), %.0f receipts/s, about %s left\n", done, total_,
                 total_ ? 100 * done / total_ : 100, rate, clock(left).c_str());
  }

 private:
  static std::string clock(double seconds) {
    const long s = static_cast<long>(seconds + 0.5);
    char out[32];
    std::snprintf(out, sizeof out, "%ld:%02ld", s / 60, s % 60);
    return out;
  }

  std::size_t total_;
  bool terminal_;
  Clock::time_point start_, drawn_{};
  std::size_t reported_ = 0;
};

struct Refusal {
  std::size_t line;
  tally::ErrorCode code;
  std::string message;
};

struct Counts {
  std::size_t lines = 0, stored = 0, skipped = 0, refused = 0;
  std::vector<Refusal> first_refusals;
  bool stopped = false;

  void refuse(std::size_t line, tally::ErrorCode code, const std::string& message) {
    ++refused;
    if (first_refusals.size() < kRefusalsShown) first_refusals.push_back({line, code, message});
  }
};

std::size_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(" \t\r") != std::string::npos) ++lines;
  return lines;
}

void print_summary(const Args& args, const Counts& t) {
  if (args.format() == Format::json) {
    json::array refusals;
    for (const auto& r : t.first_refusals)
      refusals.push_back({{"line", r.line}, {"code", static_cast<int>(r.code)}, {"name", tally::error_code_name(r.code)},
                          {"message", r.message}});
    json::object out{{"file", args.arg(0)}, {"lines", t.lines},   {"stored", t.stored},
                     {"skipped", t.skipped}, {"refused", t.refused}, {"stopped", t.stopped},
                     {"refusals", std::move(refusals)}};
    std::printf("%s\n", json::serialize(out).c_str());
    return;
  }
  std::printf("import of %s: %zu lines%s\n", args.arg(0).c_str(), t.lines,
              t.stopped ? " (stopped at the first refusal)" : "");
  std::printf("  stored   %8zu\n  skipped  %8zu  (finished before)\n  refused  %8zu\n", t.stored, t.skipped, t.refused);
  if (t.first_refusals.empty()) return;
  std::printf("first refusals:\n");
  for (const auto& r : t.first_refusals)
    std::printf("  line %zu: %s: %s\n", r.line, tally::error_code_name(r.code), r.message.c_str());
}

}  // namespace

int import_receipts(const Args& args) {
  const std::string path = args.arg(0);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read '" + path + "'");
  const bool stop_on_error = args.has("--stop-on-error");
  tally::Engine engine = open_engine(args);
  Progress progress(count_lines(path), isatty(STDERR_FILENO) == 1);
  Counts t;
  std::vector<tally::CheckoutDocument> batch;
  std::vector<std::size_t> batch_lines;
  auto flush = [&] {
    const auto outcomes = engine.run_checkouts(batch, stop_on_error);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const auto& o = outcomes[i];
      if (o.code != tally::ErrorCode::ok) t.refuse(batch_lines[i], o.code, o.message);
      else ++(o.result.replayed ? t.skipped : t.stored);
    }
    t.stopped = stop_on_error && t.refused > 0;
    batch.clear();
    batch_lines.clear();
    progress.update(t.lines);
  };
  std::size_t number = 0;
  for (std::string line; !t.stopped && std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    ++t.lines;
    try {
      batch.push_back(tally::checkout_document_from_json(line));
      batch_lines.push_back(number);
    } catch (const tally::Error& e) {
      // The receipts before a malformed line are stored before it is reported.
      if (stop_on_error) flush();
      if (t.stopped) {
        --t.lines;  // not read: the import stopped before it
        break;
      }
      t.refuse(number, e.code(), e.what());
      t.stopped = stop_on_error;
      continue;
    }
    if (batch.size() == kBatch) flush();
  }
  if (!t.stopped && !batch.empty()) flush();
  progress.update(t.lines, true);
  print_summary(args, t);
  return t.refused ? kExitSomeRefused : 0;
}

}  // namespace tally_cli
