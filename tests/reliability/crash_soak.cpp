// SPDX-License-Identifier: Apache-2.0
// Crash durability (docs/reliability.md). A child process finishes a stream of visits and
// prints each receipt's result only after finish returned OK; the parent kills it with
// SIGKILL at a random moment, reopens the store and checks: every acknowledged receipt is
// stored with the very result the till was shown, no visit is stored in part (each
// customer's punches equal the units of the stored receipts, one credit line per stored
// redemption, journal numbers rising), and for SQLite `PRAGMA integrity_check` is ok. Then
// the next child goes on from there.
//
//   tally_crash_soak sqlite CYCLES [SEED]   SQLite with synchronous=full
//   tally_crash_soak log CYCLES [SEED]      a host store on tally_store_callbacks over an
//                                           append-only log file, whose commit sometimes
//                                           writes part of its record and dies there (a
//                                           torn write); it recovers by dropping the torn
//                                           tail, which is the host's atomicity promise
//                                           (POSIX only)
// On Windows (docs/windows.md) the till is started with CreateProcess and killed with
// TerminateProcess; the SQLite soak runs there under Wine.
#include <fcntl.h>
#include <sqlite3.h>
#ifdef _WIN32
#include <io.h>
#include <windows.h>
#else
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <boost/crc.hpp>
#include <boost/json.hpp>

#include "support/capi.hpp"
#include "tally.h"
#include "tally_store.h"

namespace {

namespace json = boost::json;
using capi_test::Answer;
using capi_test::kMonday;

constexpr const char* kBag = "084213101044";  // NorthPaw dog food 4 lb: card dog-small, buy 10
constexpr const char* kCustomers[] = {"C1001", "C1002", "C1003", "C2001"};

#ifndef _WIN32
// ---- a host store over an append-only log of committed transactions ----

// Each commit appends one record: length and CRC-32 of the payload, then the payload, a
// list of puts and removes. Opening replays whole records and cuts the file at the first
// short or damaged one.
class LogStore {
 public:
  LogStore(std::string path, double tear_chance, unsigned seed) : path_(std::move(path)), tear_chance_(tear_chance), rng_(seed) {
    recover();
    fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
    if (fd_ < 0) throw std::runtime_error("cannot open " + path_);
  }
  ~LogStore() { ::close(fd_); }
  LogStore(const LogStore&) = delete;
  LogStore& operator=(const LogStore&) = delete;

  tally_store_callbacks callbacks() {
    tally_store_callbacks cb = TALLY_STORE_CALLBACKS_INIT;
    cb.user = this;
    cb.begin = [](void* u, std::int32_t write) { return self(u).begin(write); };
    cb.commit = [](void* u) { return self(u).commit(); };
    cb.rollback = [](void* u) { return self(u).rollback(); };
    cb.get = [](void* u, const std::uint8_t* k, std::size_t n, tally_store_sink_fn sink, void* ctx) {
      auto& s = self(u);
      const auto it = s.rows_.find(text(k, n));
      if (it == s.rows_.end()) return static_cast<std::int32_t>(TALLY_STORE_NOT_FOUND);
      sink(ctx, reinterpret_cast<const std::uint8_t*>(it->second.data()), it->second.size());
      return static_cast<std::int32_t>(TALLY_STORE_OK);
    };
    cb.put = [](void* u, const std::uint8_t* k, std::size_t kn, const std::uint8_t* v, std::size_t vn) {
      return self(u).change(text(k, kn), text(v, vn));
    };
    cb.remove = [](void* u, const std::uint8_t* k, std::size_t n) { return self(u).change(text(k, n), std::nullopt); };
    cb.scan = [](void* u, const std::uint8_t* first, std::size_t fn, const std::uint8_t* last, std::size_t ln,
                 tally_store_visit_fn visit, void* ctx) {
      auto& s = self(u);
      const std::string end = text(last, ln);
      for (auto it = s.rows_.lower_bound(text(first, fn)); it != s.rows_.end() && (ln == 0 || it->first < end); ++it)
        if (visit(ctx, reinterpret_cast<const std::uint8_t*>(it->first.data()), it->first.size(),
                  reinterpret_cast<const std::uint8_t*>(it->second.data()), it->second.size()))
          break;
      return static_cast<std::int32_t>(TALLY_STORE_OK);
    };
    return cb;
  }

  std::size_t records() const { return records_; }
  std::size_t torn_tails() const { return torn_tails_; }

 private:
  using Change = std::pair<std::string, std::optional<std::string>>;

  static LogStore& self(void* u) { return *static_cast<LogStore*>(u); }
  static std::string text(const std::uint8_t* p, std::size_t n) { return {reinterpret_cast<const char*>(p), n}; }

  std::int32_t begin(std::int32_t write) {
    if (open_) return TALLY_STORE_FAILED;
    open_ = true;
    writable_ = write != 0;
    return TALLY_STORE_OK;
  }

  std::int32_t change(std::string key, std::optional<std::string> value) {
    if (!open_ || !writable_) return TALLY_STORE_FAILED;
    const auto it = rows_.find(key);
    undo_.emplace_back(key, it == rows_.end() ? std::nullopt : std::optional<std::string>(it->second));
    redo_.emplace_back(key, value);
    if (value) rows_[key] = *value;
    else if (it != rows_.end()) rows_.erase(it);
    return TALLY_STORE_OK;
  }

  std::int32_t commit() {
    if (!redo_.empty()) {
      std::string payload;
      for (const auto& [key, value] : redo_) {
        payload += value ? 'P' : 'R';
        put_u32(payload, key.size());
        payload += key;
        put_u32(payload, value ? value->size() : 0);
        if (value) payload += *value;
      }
      boost::crc_32_type crc;
      crc.process_bytes(payload.data(), payload.size());
      std::string record;
      put_u32(record, payload.size());
      put_u32(record, crc.checksum());
      record += payload;
      // The torn write: part of the record reaches the file, then the process dies.
      if (std::uniform_real_distribution<double>(0, 1)(rng_) < tear_chance_) {
        const auto cut = std::uniform_int_distribution<std::size_t>(1, record.size() - 1)(rng_);
        write_all(record.data(), cut);
        std::printf("TORN\n");
        std::fflush(stdout);
        ::raise(SIGKILL);
      }
      if (!write_all(record.data(), record.size()) || ::fdatasync(fd_) != 0) {
        rollback();
        return TALLY_STORE_FAILED;
      }
    }
    undo_.clear();
    redo_.clear();
    open_ = false;
    return TALLY_STORE_OK;
  }

  std::int32_t rollback() {
    for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
      if (it->second) rows_[it->first] = *it->second;
      else rows_.erase(it->first);
    }
    undo_.clear();
    redo_.clear();
    open_ = false;
    return TALLY_STORE_OK;
  }

  static void put_u32(std::string& out, std::size_t n) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((n >> (8 * i)) & 0xff);
  }
  static std::uint32_t get_u32(const std::string& in, std::size_t at) {
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
    return n;
  }

  bool write_all(const char* p, std::size_t n) {
    while (n) {
      const auto w = ::write(fd_, p, n);
      if (w <= 0) return false;
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return true;
  }

  void recover() {
    const std::string log = std::filesystem::exists(path_) ? capi_test::read_file(path_) : "";
    std::size_t at = 0;
    while (at + 8 <= log.size()) {
      const std::size_t length = get_u32(log, at);
      if (at + 8 + length > log.size()) break;
      boost::crc_32_type crc;
      crc.process_bytes(log.data() + at + 8, length);
      if (crc.checksum() != get_u32(log, at + 4)) break;
      for (std::size_t p = at + 8; p < at + 8 + length;) {
        const char op = log[p];
        const std::size_t kn = get_u32(log, p + 1);
        std::string key = log.substr(p + 5, kn);
        const std::size_t vn = get_u32(log, p + 5 + kn);
        if (op == 'P') rows_[key] = log.substr(p + 9 + kn, vn);
        else rows_.erase(key);
        p += 9 + kn + vn;
      }
      at += 8 + length;
      ++records_;
    }
    if (at != log.size()) {
      ++torn_tails_;
      std::filesystem::resize_file(path_, at);
    }
  }

  std::string path_;
  double tear_chance_;
  std::mt19937 rng_;
  int fd_ = -1;
  std::map<std::string, std::string> rows_;
  std::vector<Change> undo_, redo_;
  bool open_ = false, writable_ = false;
  std::size_t records_ = 0, torn_tails_ = 0;
};
#else
struct LogStore {};  // the log store's file handling is POSIX's
#endif

// ---- the two processes ----

struct Backend {
  std::string kind, path;
  std::unique_ptr<LogStore> log;
  tally_engine* engine = nullptr;

  Backend(std::string k, std::string p, double tear_chance, unsigned seed) : kind(std::move(k)), path(std::move(p)) {
    if (kind == "sqlite") {
      capi_test::must(tally_engine_open_sqlite(path.c_str(), R"({"synchronous": "full"})", &engine), "tally_engine_open_sqlite");
    } else {
#ifdef _WIN32
      (void)tear_chance, (void)seed;
      throw std::runtime_error("the log store runs on POSIX systems only");
#else
      log = std::make_unique<LogStore>(path, tear_chance, seed);
      tally_store_callbacks cb = log->callbacks();
      capi_test::must(tally_engine_open_store(&cb, nullptr, &engine), "tally_engine_open_store");
#endif
    }
  }
  ~Backend() { tally_engine_close(engine); }
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;
};

std::string receipt_id(long i) { return "k" + std::to_string(i); }

// Finishes visits k<first>, k<first+1>, ... until killed: one or two bags, the reward
// whenever the card is complete. "ACK <receipt> <result>" only once finish returned OK.
int child(const std::string& kind, const std::string& path, long first, unsigned seed) {
#ifdef _WIN32
  _setmode(_fileno(stdout), _O_BINARY);  // lines end in "\n" alone, as the parent reads them
#endif
  Backend store(kind, path, 1.0 / 150, seed);
  std::mt19937 rng(seed);
  for (long i = first;; ++i) {
    const std::string receipt = receipt_id(i);
    const char* customer = kCustomers[rng() % 4];
    const std::int32_t units = 1 + static_cast<std::int32_t>(rng() % 2);
    tally_checkout* checkout = nullptr;
    Answer rewards, result;
    std::int32_t status = tally_checkout_open(store.engine, "raleigh", customer, receipt.c_str(), kMonday + i * 60, &checkout);
    if (status == TALLY_OK) status = tally_checkout_add_line(checkout, kBag, units, 1899, nullptr);
    if (status == TALLY_OK && units > 1) status = tally_checkout_set_multi_punch_reason(checkout, "two bags");
    if (status == TALLY_OK) status = tally_checkout_rewards(checkout, rewards.out());
    if (status == TALLY_OK && !rewards.array().empty())
      status = tally_checkout_redeem(checkout, "northpaw-fb", "dog-small", kBag, 1899, nullptr);
    if (status == TALLY_OK) status = tally_checkout_finish(checkout, result.out());
    tally_checkout_free(checkout);
    if (status != TALLY_OK) {
      std::printf("ERR %s %s: %s\n", receipt.c_str(), tally_status_name(status), tally_last_error());
      return 1;
    }
    std::printf("ACK %s %s\n", receipt.c_str(), result.str().c_str());
    std::fflush(stdout);
  }
}

json::value without_replayed(json::value v) {
  v.as_object().erase("replayed");
  return v;
}

std::string integrity(const std::string& path) {
  sqlite3* db = nullptr;
  std::string answer = "cannot open";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
      answer = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return answer;
}

// A till: this program run as "child ...", its standard output read by the parent.
class Till {
 public:
  Till(const char* self, const std::vector<std::string>& args);
  Till(const Till&) = delete;
  Till& operator=(const Till&) = delete;
  // Appends what the till prints until `deadline`, or until its output closes.
  void read_until(std::chrono::steady_clock::time_point deadline, std::string& received);
  // Kills it (SIGKILL; TerminateProcess on Windows), appends what it printed before, and
  // answers whether it died of this kill rather than by itself.
  bool kill(std::string& received);

 private:
#ifdef _WIN32
  static constexpr DWORD kKilled = 0xDEAD;
  HANDLE out_ = nullptr, process_ = nullptr;
#else
  int out_ = -1;
  pid_t pid_ = -1;
#endif
};

#ifdef _WIN32
Till::Till(const char* self, const std::vector<std::string>& args) {
  SECURITY_ATTRIBUTES inherit{sizeof inherit, nullptr, TRUE};
  HANDLE write_end = nullptr;
  if (!CreatePipe(&out_, &write_end, &inherit, 0)) throw std::runtime_error("CreatePipe failed");
  SetHandleInformation(out_, HANDLE_FLAG_INHERIT, 0);
  STARTUPINFOA startup{};
  startup.cb = sizeof startup;
  startup.dwFlags = STARTF_USESTDHANDLES;
  startup.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
  startup.hStdOutput = write_end;
  startup.hStdError = GetStdHandle(STD_ERROR_HANDLE);
  std::string command = std::string("\"") + self + "\"";
  for (const auto& arg : args) command += " \"" + arg + "\"";
  PROCESS_INFORMATION info{};
  if (!CreateProcessA(nullptr, command.data(), nullptr, nullptr, TRUE, 0, nullptr, nullptr, &startup, &info))
    throw std::runtime_error("CreateProcess failed: " + command);
  CloseHandle(write_end);
  CloseHandle(info.hThread);
  process_ = info.hProcess;
}

void Till::read_until(std::chrono::steady_clock::time_point deadline, std::string& received) {
  char buffer[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    DWORD ready = 0, n = 0;
    if (!PeekNamedPipe(out_, nullptr, 0, nullptr, &ready, nullptr)) return;  // closed
    if (ready == 0) {
      Sleep(1);
      continue;
    }
    if (!ReadFile(out_, buffer, std::min<DWORD>(ready, sizeof buffer), &n, nullptr) || n == 0) return;
    received.append(buffer, n);
  }
}

bool Till::kill(std::string& received) {
  TerminateProcess(process_, kKilled);
  WaitForSingleObject(process_, INFINITE);
  char buffer[65536];
  for (DWORD n = 0; ReadFile(out_, buffer, sizeof buffer, &n, nullptr) && n > 0;) received.append(buffer, n);
  DWORD code = 0;
  GetExitCodeProcess(process_, &code);
  CloseHandle(out_);
  CloseHandle(process_);
  return code == kKilled;
}

long process_id() { return static_cast<long>(GetCurrentProcessId()); }
#else
Till::Till(const char* self, const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], 1);
    close(out[0]);
    std::vector<char*> argv{const_cast<char*>(self)};
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    execv(self, argv.data());
    _exit(127);
  }
  close(out[1]);
  out_ = out[0];
}

void Till::read_until(std::chrono::steady_clock::time_point deadline, std::string& received) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) return;
    pollfd p{out_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    char buffer[65536];
    const auto n = read(out_, buffer, sizeof buffer);
    if (n <= 0) return;
    received.append(buffer, static_cast<std::size_t>(n));
  }
}

bool Till::kill(std::string& received) {
  ::kill(pid_, SIGKILL);
  for (char buffer[65536];;) {
    const auto n = read(out_, buffer, sizeof buffer);
    if (n <= 0) break;
    received.append(buffer, static_cast<std::size_t>(n));
  }
  close(out_);
  int status = 0;
  waitpid(pid_, &status, 0);
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

long process_id() { return static_cast<long>(getpid()); }
#endif

struct Soak {
  long cycles = 0, acked = 0, stored_unacked = 0, torn = 0, killed_by_parent = 0, failures = 0;
};

int parent(const char* self, const std::string& kind, long cycles, unsigned seed) {
  const auto dir = std::filesystem::temp_directory_path() / ("tally-soak-" + std::to_string(process_id()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / (kind == "sqlite" ? "soak.db" : "soak.log")).string();
  {
    Backend store(kind, path, 0, seed);
    capi_test::load_sample_store(store.engine);
  }
  std::mt19937 rng(seed);
  Soak soak;
  capi_test::Rung total;
  std::map<std::string, json::value> acked;  // every receipt ever acknowledged
  long next = 1;
  auto fail = [&](const std::string& what) {
    std::fprintf(stderr, "FAILED (cycle %ld): %s\n", soak.cycles, what.c_str());
    ++soak.failures;
  };
  for (long cycle = 1; cycle <= cycles && !soak.failures; ++cycle) {
    soak.cycles = cycle;
    Till till(self, {"child", kind, path, std::to_string(next), std::to_string(seed * 7919 + cycle)});
    // Read what the child acknowledges until a random moment, then kill it.
    std::string received;
    till.read_until(std::chrono::steady_clock::now() + std::chrono::milliseconds(20 + rng() % 180), received);
    if (!till.kill(received)) {
      fail("the till exited by itself; it said: " + received.substr(received.size() > 300 ? received.size() - 300 : 0));
      break;
    }
    // Whole lines only: the kill may cut the last one.
    std::vector<std::string> acks;
    bool torn = false;
    for (std::size_t at = 0, end; (end = received.find('\n', at)) != std::string::npos; at = end + 1) {
      const std::string line = received.substr(at, end - at);
      if (line == "TORN") torn = true;
      else if (line.rfind("ACK ", 0) == 0) acks.push_back(line.substr(4));
    }
    soak.torn += torn ? 1 : 0;
    soak.killed_by_parent += torn ? 0 : 1;
    if (kind == "sqlite") {
      if (const auto answer = integrity(path); answer != "ok") fail("PRAGMA integrity_check: " + answer);
    }
    Backend store(kind, path, 0, seed);
    for (const auto& ack : acks) {
      const auto space = ack.find(' ');
      acked[ack.substr(0, space)] = without_replayed(json::parse(ack.substr(space + 1)));
    }
    // Receipts from `next` on: the acknowledged ones, and perhaps one that was committed
    // just before the kill but never acknowledged.
    for (;; ++next) {
      const std::string receipt = receipt_id(next);
      Answer result;
      const auto found = tally_checkout_result(store.engine, "raleigh", receipt.c_str(), result.out());
      if (found == TALLY_E_NOT_FOUND) {
        if (acked.count(receipt)) fail(receipt + " was acknowledged but is not stored");
        break;
      }
      if (found != TALLY_OK) {
        fail(receipt + ": " + tally_status_name(found) + ": " + tally_last_error());
        break;
      }
      const auto stored = without_replayed(result.json());
      if (const auto it = acked.find(receipt); it == acked.end()) ++soak.stored_unacked;
      else if (it->second != stored) fail(receipt + " is stored with another result than the till was shown");
      const auto& visit = stored.as_object();
      for (const auto& line : visit.at("lines").as_array())
        total.units[json::value_to<std::string>(visit.at("customer"))] += line.at("quantity").to_number<long>();
      total.redemptions += static_cast<long>(visit.at("redemptions").as_array().size());
    }
    soak.acked += static_cast<long>(acks.size());
    if (const auto disagreement = capi_test::check_totals(store.engine, total); !disagreement.empty()) fail(disagreement);
  }
  // At the end, every receipt ever acknowledged once more.
  if (!soak.failures) {
    Backend store(kind, path, 0, seed);
    for (const auto& [receipt, result] : acked) {
      Answer again;
      if (tally_checkout_result(store.engine, "raleigh", receipt.c_str(), again.out()) != TALLY_OK ||
          without_replayed(again.json()) != result)
        fail(receipt + " changed or went missing by the end");
    }
  }
  long units = 0;
  for (const auto& [customer, n] : total.units) units += n;
  std::printf("%s: %ld kills (%ld by the parent, %ld torn writes at commit), %ld receipts acknowledged and found, "
              "%ld stored but killed before the acknowledgement, %ld units, %ld redemptions: %s\n",
              kind.c_str(), soak.cycles, soak.killed_by_parent, soak.torn, soak.acked, soak.stored_unacked, units,
              total.redemptions, soak.failures ? "FAILED" : "ok");
  std::filesystem::remove_all(dir);
  return soak.failures ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 6 && std::string(argv[1]) == "child")
    return child(argv[2], argv[3], std::atol(argv[4]), static_cast<unsigned>(std::atol(argv[5])));
  if (argc >= 3 && (std::string(argv[1]) == "sqlite" || std::string(argv[1]) == "log"))
  {
    // A seed of its own each run unless given, printed so a failure can be run again.
    const unsigned seed = argc > 3 ? static_cast<unsigned>(std::atol(argv[3])) : static_cast<unsigned>(std::random_device{}());
    std::printf("seed %u\n", seed);
    std::fflush(stdout);  // before any fork
    return parent(argv[0], argv[1], std::atol(argv[2]), seed);
  }
  std::fprintf(stderr, "usage: %s sqlite|log CYCLES [SEED]\n", argv[0]);
  return 2;
}
