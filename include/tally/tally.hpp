// SPDX-License-Identifier: Apache-2.0
// Tally: frequent-buyer loyalty, fulfillment and credit batches for point-of-sale software.
#pragma once

#include "tally/engine.hpp"
#include "tally/error.hpp"
#include "tally/json.hpp"
#include "tally/limits.hpp"
#include "tally/store.hpp"
#include "tally/types.hpp"
#include "tally/version.hpp"
