// SPDX-License-Identifier: Apache-2.0
// The PostgreSQL rows of tally_bench (postgres.cpp), on the server TALLY_TEST_PG names
// (`scripts/pg-test-server.sh run --durable -- build/bench/tally_bench` starts one).
#pragma once

#include <string>

#include "workload.hpp"

namespace bench {

// The engine at `tills` locations L1..Ln, one till each: an engine of its own on its own
// connection, in a thread of its own, ringing the checkouts c with c % tills == its index
// (so the tills share no customer). Reruns are the busy answers the tills' stores gave.
Figures run_engine_postgres(const std::string& name, const Workload& w, int tills);
// The raw SQLite baseline's rows and statements in PostgreSQL's dialect: one transaction per
// checkout, one round trip per statement, as a host would write it.
Figures run_raw_postgres(const std::string& name, const Workload& w);

}  // namespace bench
