// SPDX-License-Identifier: Apache-2.0
// A Store over the host's C callbacks (tally_store_callbacks in capi/tally_store.h): the
// adapter lives with the C ABI, so nothing under src/ sees the C headers.
#pragma once

#include <memory>

#include "tally_store.h"
#include "tally/store.hpp"

namespace tally {

// Validates the struct (throws tally::Error(invalid_argument) naming what is wrong) and
// copies it. The store calls destroy(user), when the host gave one, as it is destroyed.
std::unique_ptr<Store> make_host_store(const tally_store_callbacks& callbacks);

}  // namespace tally
