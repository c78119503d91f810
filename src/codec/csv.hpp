// SPDX-License-Identifier: Apache-2.0
// CSV as reports and the command line write it (RFC 4180).
#pragma once

#include <string>
#include <vector>

namespace tally::codec {

// One CSV record: a field holding a comma, quote or line break is quoted, quotes doubled;
// the record ends in CRLF.
void csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace tally::codec
