// SPDX-License-Identifier: Apache-2.0
// The `tally demo` job, and the pieces of the command line it shares with the other
// subcommands (reading files, loading a stores document).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "args.hpp"
#include "tally/tally.hpp"

namespace tally_cli {

std::string read_text_file(const std::string& path);

struct StoresSummary {
  int locations = 0;
  int enrollments = 0;
  int customers = 0;
};

// Loads a stores document (examples/data/stores.json):
//   {"locations": [Location...], "enrollments": [Enrollment...], "customers": [Customer...]}
// with each element in the form tally::location_from_json, enrollment_from_json and
// customer_from_json read. Every element is parsed before anything is saved; an error names
// its element, e.g. "customers[3].first_name: is required".
StoresSummary load_stores(tally::Engine& engine, std::string_view json, tally::Timestamp at);

struct DemoOptions {
  std::string db_path = "tally-demo.db";  // deleted and created afresh (PostgreSQL: the account is emptied)
  std::string data_dir;  // empty: TALLY_SOURCE_DIR/examples/data, else ./examples/data
  std::string account = "default";
  // The demo need not survive a power cut; --synchronous full shows the durable cost.
  tally::SqliteOptions sqlite{tally::Synchronous::normal};
};

// Loads the sample catalog and stores, simulates five weeks of checkouts at both stores and
// prints what the engine recorded. Returns the process exit status.
int run_demo(const DemoOptions& options);

}  // namespace tally_cli
