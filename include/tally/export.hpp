// SPDX-License-Identifier: Apache-2.0
#pragma once

// Symbols are hidden by default; only what is marked here is exported.
#if defined(_WIN32)
#define TALLY_API
#else
#define TALLY_API __attribute__((visibility("default")))
#endif
