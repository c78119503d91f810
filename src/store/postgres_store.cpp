// SPDX-License-Identifier: Apache-2.0
// The central backend: one table of bytea keys and values in a PostgreSQL database,
// spoken to through libpq in pipeline mode (docs/postgresql.md).
#include "store/postgres_store.hpp"

#include <libpq-fe.h>

#include <array>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <vector>

#include "tally/error.hpp"

namespace tally::store {
namespace {

constexpr const char* kFormat = "1";
constexpr Oid kBytea = 17;
constexpr Oid kInt8 = 20;
// Writes sent before a round trip waits for their results: bounds what either side buffers.
constexpr int kWritesPerTrip = 500;
constexpr int kFirstPage = 64;
constexpr int kLargestPage = 4096;

enum Statement { kGet, kPut, kRemove, kScanFrom, kScanRange, kStatements };
struct StatementText {
  const char* name;
  const char* sql;
  int params;
  std::array<Oid, 3> types;
};
// Plain SQL that PostgreSQL-wire distributed databases accept too.
constexpr std::array<StatementText, kStatements> kSql{{
    {"tally_get", "SELECT v FROM tally_kv WHERE k = $1", 1, {kBytea}},
    {"tally_put", "INSERT INTO tally_kv (k, v) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET v = excluded.v", 2,
     {kBytea, kBytea}},
    {"tally_remove", "DELETE FROM tally_kv WHERE k = $1", 1, {kBytea}},
    {"tally_scan_from", "SELECT k, v FROM tally_kv WHERE k >= $1 ORDER BY k LIMIT $2", 2, {kBytea, kInt8}},
    {"tally_scan_range", "SELECT k, v FROM tally_kv WHERE k >= $1 AND k < $2 ORDER BY k LIMIT $3", 3,
     {kBytea, kBytea, kInt8}},
}};
// Writers run at snapshot isolation: every engine change writes a journal key its rivals
// also write, so PostgreSQL's refusal of a second concurrent writer of a row is all the
// engine needs (docs/postgresql.md#isolation); serializable's page-grained read locks only
// added false conflicts between tills. Readers see one committed snapshot and abort nobody.
constexpr const char* kBeginWrite = "BEGIN ISOLATION LEVEL REPEATABLE READ";
constexpr const char* kBeginRead = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
constexpr const char* kShapeSql =
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() "
    "AND table_name IN ('tally_kv', 'tally_meta') ORDER BY table_name, ordinal_position";
constexpr const char* kInsertFormat = "INSERT INTO tally_meta (name, value) VALUES ('format', '1') ON CONFLICT (name) DO NOTHING";

std::string trimmed(const char* text) {
  std::string s = text ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string_view column(const PGresult* r, int row, int col) {
  return {PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col))};
}

std::string big_endian(std::int64_t n) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i, n >>= 8) out[static_cast<std::size_t>(i)] = static_cast<char>(n & 0xFF);
  return out;
}

bool is_retryable(const std::string& sqlstate) {
  return sqlstate == "40001" /* serialization_failure */ || sqlstate == "40P01" /* deadlock_detected */;
}

}  // namespace

void PostgresStore::ClearResult::operator()(PGresult* r) const { PQclear(r); }

// Statements queued on the connection, sent with one sync: one round trip for all of them.
class PostgresStore::Pipeline {
 public:
  explicit Pipeline(PostgresStore& store) : s_(store) {}

  int sql(const char* text) {
    sent_ &= PQsendQueryParams(s_.conn_, text, 0, nullptr, nullptr, nullptr, nullptr, 1) == 1;
    return queued_++;
  }
  void prepare(const StatementText& st) {
    sent_ &= PQsendPrepare(s_.conn_, st.name, st.sql, st.params, st.types.data()) == 1;
    ++queued_;
  }
  // Queues a prepared statement with binary parameters; returns its place in the pipeline.
  int statement(Statement which, std::initializer_list<std::string_view> params) {
    std::array<const char*, 3> values{};
    std::array<int, 3> lengths{}, formats{1, 1, 1};
    int n = 0;
    for (std::string_view p : params) {
      values[n] = p.data();
      lengths[n++] = static_cast<int>(p.size());
    }
    sent_ &= PQsendQueryPrepared(s_.conn_, kSql[which].name, n, values.data(), lengths.data(), formats.data(), 1) == 1;
    return queued_++;
  }
  // Starts the transaction with the first statement that reaches the server.
  void begin_if_needed() {
    if (s_.began_) return;
    sql(s_.mode_ == TxnMode::write ? kBeginWrite : kBeginRead);
    s_.began_ = true;
  }
  // Queues the buffered writes; every kWritesPerTrip of them waits for their results.
  StoreStatus writes() {
    for (const auto& [key, value] : s_.writes_) {
      if (value) statement(kPut, {key, *value});
      else statement(kRemove, {key});
      if (queued_ >= kWritesPerTrip) {
        StoreStatus status = run();
        if (status != StoreStatus::ok) return status;
      }
    }
    s_.writes_.clear();
    return StoreStatus::ok;
  }

  // Sends the sync and reads every result. The first error decides the status (a
  // serialization failure or deadlock is busy); the result at `keep` goes to `kept`.
  StoreStatus run(int keep = -1, Result* kept = nullptr) {
    StoreStatus status = StoreStatus::ok;
    std::string why;
    const int queued = queued_;
    queued_ = 0;
    if (sent_ && PQpipelineSync(s_.conn_) == 1) {
      s_.drain_unread();
      for (int i = 0; i < queued && PQstatus(s_.conn_) == CONNECTION_OK; ++i) {
        while (PGresult* raw = PQgetResult(s_.conn_)) {
          Result r(raw);
          ExecStatusType st = PQresultStatus(raw);
          if (st == PGRES_FATAL_ERROR && status == StoreStatus::ok) {
            const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
            s_.sqlstate_ = state ? state : "";
            status = is_retryable(s_.sqlstate_) ? StoreStatus::busy : StoreStatus::failed;
            why = trimmed(PQresultErrorMessage(raw));
          } else if (i == keep && kept && (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
            *kept = std::move(r);
          }
        }
      }
      if (PQstatus(s_.conn_) == CONNECTION_OK) {
        Result sync(PQgetResult(s_.conn_));
        if (!sync || PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
          status = StoreStatus::failed;
          why = "the server's replies were out of step";
          s_.broken_ = true;
        }
      }
    }
    if (!sent_ || PQstatus(s_.conn_) != CONNECTION_OK) {
      s_.broken_ = true;
      std::string detail = trimmed(PQerrorMessage(s_.conn_));
      return s_.fail("PostgreSQL connection lost (" + (detail.empty() ? why : detail) +
                     "); the next operation reconnects");
    }
    if (status != StoreStatus::ok) s_.error_ = why;
    return status;
  }

 private:
  PostgresStore& s_;
  int queued_ = 0;
  bool sent_ = true;
};

PostgresStore::PostgresStore(const std::string& conninfo) : conninfo_(conninfo) {
  connect();
  try {
    setup();
  } catch (...) {
    PQfinish(conn_);
    throw;
  }
}

PostgresStore::~PostgresStore() { PQfinish(conn_); }

void PostgresStore::connect() {
  char* parse_error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo_.c_str(), &parse_error);
  if (!options) {
    std::string why = parse_error ? trimmed(parse_error) : "out of memory";
    PQfreemem(parse_error);
    throw Error(ErrorCode::invalid_argument, "conninfo: " + why);
  }
  PQconninfoFree(options);
  unread_ = 0;
  conn_ = PQconnectdb(conninfo_.c_str());
  if (PQstatus(conn_) != CONNECTION_OK || PQenterPipelineMode(conn_) != 1) {
    std::string why = trimmed(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw Error(ErrorCode::storage_failed, "cannot connect to PostgreSQL: " + why);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

void PostgresStore::setup() {
  // The tables' columns as "k bytea, v bytea": created when absent, refused when foreign.
  for (int attempt = 0;; ++attempt) {
    Pipeline p(*this);
    Result shape;
    if (p.run(p.sql(kShapeSql), &shape) != StoreStatus::ok)
      throw Error(ErrorCode::storage_failed, "cannot read the tables of this database: " + error_);
    std::map<std::string, std::string> columns;  // table -> "name type, ..."
    for (int i = 0; i < PQntuples(shape.get()); ++i) {
      std::string& list = columns[std::string(column(shape.get(), i, 0))];
      list += (list.empty() ? "" : ", ") + std::string(column(shape.get(), i, 1)) + " " + std::string(column(shape.get(), i, 2));
    }
    for (const auto& [table, expected] : {std::pair{"tally_kv", "k bytea, v bytea"}, std::pair{"tally_meta", "name text, value text"}}) {
      auto it = columns.find(table);
      if (it != columns.end() && it->second != expected)
        throw Error(ErrorCode::unsupported, std::string("table ") + table + " has columns (" + it->second + "), not (" +
                                                expected + "): it is not a table of Tally's storage format " + kFormat);
    }
    if (columns.size() == 2) break;
    Pipeline create(*this);
    create.sql("BEGIN");
    create.sql("CREATE TABLE IF NOT EXISTS tally_kv (k BYTEA PRIMARY KEY, v BYTEA NOT NULL)");
    create.sql("CREATE TABLE IF NOT EXISTS tally_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
    create.sql(kInsertFormat);
    create.sql("COMMIT");
    if (create.run() == StoreStatus::ok) continue;
    const std::string why = error_, state = sqlstate_;
    Pipeline undo(*this);
    undo.sql("ROLLBACK");
    undo.run();
    // Another process creating the same tables at the same moment: look again.
    const bool raced = state == "42P07" || state == "42710" || state == "23505" || is_retryable(state);
    if (!raced || attempt >= 5) throw Error(ErrorCode::storage_failed, "cannot create the tables tally_kv and tally_meta: " + why);
  }
  Pipeline p(*this);
  Result format;
  const int at = p.sql("SELECT value FROM tally_meta WHERE name = 'format'");
  for (const auto& st : kSql) p.prepare(st);
  if (p.run(at, &format) != StoreStatus::ok) throw Error(ErrorCode::storage_failed, "cannot prepare the store's statements: " + error_);
  const std::string found = format && PQntuples(format.get()) ? std::string(column(format.get(), 0, 0)) : "none";
  if (found != kFormat)
    throw Error(ErrorCode::unsupported, "tables tally_kv and tally_meta are of storage format " + found +
                                            ", not one this build reads (" + kFormat + ")");
}

int PostgresStore::backend_pid() const { return conn_ ? PQbackendPID(conn_) : 0; }

StoreStatus PostgresStore::fail(std::string why) {
  error_ = std::move(why);
  return StoreStatus::failed;
}

StoreStatus PostgresStore::reconnect() {
  PQfinish(conn_);
  conn_ = nullptr;
  try {
    connect();
  } catch (const Error& e) {
    return fail(std::string(e.what()) + " (reconnecting)");
  }
  broken_ = false;
  Pipeline p(*this);
  for (const auto& st : kSql) p.prepare(st);
  return p.run();
}

template <class Send>
StoreStatus PostgresStore::read_trip(const Send& send, Result& result) {
  for (int attempt = 0;; ++attempt) {
    // A transaction's first trip carries no write: if it finds the connection gone (a
    // restarted server, an idle connection dropped), nothing is lost by starting over.
    const bool first = !began_ && writes_.empty();
    Pipeline p(*this);
    p.begin_if_needed();
    const int at = send(p);
    if (at < 0) return StoreStatus::failed;
    StoreStatus s = p.run(at, &result);
    if (s == StoreStatus::ok || !first || !broken_ || attempt > 0) return s;
    began_ = false;
    if (reconnect() != StoreStatus::ok) return StoreStatus::failed;
  }
}

StoreStatus PostgresStore::begin(TxnMode mode) {
  if (in_txn_) return fail("a transaction is already open");
  if (broken_ || !conn_ || PQstatus(conn_) != CONNECTION_OK) {
    StoreStatus s = reconnect();
    if (s != StoreStatus::ok) return s;
  }
  in_txn_ = true;
  began_ = false;
  mode_ = mode;
  writes_.clear();
  return StoreStatus::ok;
}

StoreStatus PostgresStore::commit() {
  if (!in_txn_) return fail("no transaction is open");
  if (!began_ && writes_.empty()) {  // nothing reached the server: nothing to end
    in_txn_ = false;
    return StoreStatus::ok;
  }
  Pipeline p(*this);
  p.begin_if_needed();
  StoreStatus s = p.writes();
  if (s != StoreStatus::ok) return s;
  p.sql("COMMIT");
  s = p.run();
  if (s == StoreStatus::ok) {
    in_txn_ = false;
    began_ = false;
  } else if (broken_) {
    error_ += "; the transaction's outcome is unknown: finishing the same receipt again is safe";
  }
  // On failure the transaction stays open here: the engine's rollback ends it.
  return s;
}

StoreStatus PostgresStore::rollback() {
  writes_.clear();
  if (!in_txn_) return StoreStatus::ok;
  in_txn_ = false;
  if (!began_) return StoreStatus::ok;
  began_ = false;
  if (broken_) return StoreStatus::ok;  // the server ended it with the connection
  if (mode_ == TxnMode::read) {
    // Nothing to wait for: the server ends the snapshot as soon as it reads the ROLLBACK,
    // and its reply is read with the next round trip's.
    if (PQsendQueryParams(conn_, "ROLLBACK", 0, nullptr, nullptr, nullptr, nullptr, 1) == 1 && PQpipelineSync(conn_) == 1)
      ++unread_;
    else
      broken_ = true;
    return StoreStatus::ok;
  }
  Pipeline p(*this);
  p.sql("ROLLBACK");
  return p.run();
}

void PostgresStore::drain_unread() {
  while (unread_ > 0 && PQstatus(conn_) == CONNECTION_OK) {
    PGresult* r = PQgetResult(conn_);
    if (!r) continue;  // the end of one statement's results
    if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) --unread_;
    PQclear(r);
  }
  unread_ = 0;
}

StoreStatus PostgresStore::get(std::string_view key, std::string& value) {
  if (!in_txn_) return fail("get outside a transaction");
  if (auto it = writes_.find(key); it != writes_.end()) {
    if (!it->second) return StoreStatus::not_found;
    value = *it->second;
    return StoreStatus::ok;
  }
  Result r;
  StoreStatus s = read_trip([&](Pipeline& p) { return p.statement(kGet, {key}); }, r);
  if (s != StoreStatus::ok) return s;
  if (!r || PQntuples(r.get()) == 0) return StoreStatus::not_found;
  value.assign(column(r.get(), 0, 0));
  return StoreStatus::ok;
}

StoreStatus PostgresStore::put(std::string_view key, std::string_view value) {
  if (!in_txn_) return fail("put outside a transaction");
  if (mode_ != TxnMode::write) return fail("put in a read transaction");
  writes_.insert_or_assign(std::string(key), std::string(value));
  return StoreStatus::ok;
}

StoreStatus PostgresStore::remove(std::string_view key) {
  if (!in_txn_) return fail("remove outside a transaction");
  if (mode_ != TxnMode::write) return fail("remove in a read transaction");
  writes_.insert_or_assign(std::string(key), std::nullopt);
  return StoreStatus::ok;
}

StoreStatus PostgresStore::scan(std::string_view first, std::string_view last, const ScanVisitor& visit) {
  if (!in_txn_) return fail("scan outside a transaction");
  // Page by page, so an early stop costs one page and a long scan holds one page at a time.
  std::string from(first);
  for (std::int64_t page = kFirstPage;; page = std::min<std::int64_t>(page * 8, kLargestPage)) {
    const std::string limit = big_endian(page);
    Result r;
    StoreStatus s = read_trip(
        [&](Pipeline& p) {
          // The scan must see this transaction's writes in its range: send them first.
          auto pending = writes_.lower_bound(from);
          if (pending != writes_.end() && (last.empty() || std::string_view(pending->first) < last) &&
              p.writes() != StoreStatus::ok)
            return -1;
          return last.empty() ? p.statement(kScanFrom, {from, limit}) : p.statement(kScanRange, {from, last, limit});
        },
        r);
    if (s != StoreStatus::ok) return s;
    const int rows = r ? PQntuples(r.get()) : 0;
    for (int i = 0; i < rows; ++i)
      if (!visit(column(r.get(), i, 0), column(r.get(), i, 1))) return StoreStatus::ok;
    if (rows < page) return StoreStatus::ok;
    from.assign(column(r.get(), rows - 1, 0));
    from.push_back('\0');  // the smallest key after the last one seen
  }
}

}  // namespace tally::store

namespace tally {

std::unique_ptr<Store> make_postgres_store(const std::string& conninfo) {
  return std::make_unique<store::PostgresStore>(conninfo);
}

}  // namespace tally
