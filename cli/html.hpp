// SPDX-License-Identifier: Apache-2.0
// HTML pages of the Command Center and of reports (docs/cli.md#html-pages).
#pragma once

#include <string>
#include <vector>

namespace tally_cli {

// The Command Center document as a page, with the credit status reports' state totals.
std::string command_center_page(const std::string& document, const std::vector<std::string>& credit_reports);
// A report document (JSON) as a page.
std::string report_page(const std::string& document);
// Writes a page; FileError when the file cannot be written.
void write_page(const std::string& path, const std::string& html);

}  // namespace tally_cli
