// SPDX-License-Identifier: Apache-2.0
// The hand-written SQLite floor the engine on SQLite is compared with (raw_sqlite.cpp).
#pragma once

#include <string>

#include "workload.hpp"

namespace bench {

Figures run_raw_sqlite(const std::string& name, const std::string& path, const Workload& w);

}  // namespace bench
