// SPDX-License-Identifier: Apache-2.0
// tally_bench --scale: checkout and report times and memory against the size of the store.
#pragma once

#include <filesystem>

namespace bench {

int run_scale(const std::filesystem::path& dir, bool full);

}  // namespace bench
