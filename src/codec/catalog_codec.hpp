// SPDX-License-Identifier: Apache-2.0
// The catalog document: parsing with validation, and the stored form of each entity.
#pragma once

#include <string_view>

#include <boost/json/value.hpp>

#include "domain/catalog.hpp"
#include "tally/error.hpp"
#include "tally/types.hpp"

namespace tally::codec {

// What a catalog document adds or replaces, already merged into a copy of the catalog.
struct CatalogDelta {
  domain::Catalog merged;
  std::vector<std::string> manufacturers, distributors, products, programs;  // ids / keys
};

// Parses and validates a catalog document against `existing`. Throws
// tally::Error(malformed_json | invalid_catalog) naming the path at fault.
CatalogDelta parse_catalog(std::string_view text, const domain::Catalog& existing);

boost::json::value to_value(const domain::Manufacturer& m);
boost::json::value to_value(const domain::Distributor& d);
boost::json::value to_value(const domain::Product& p);
boost::json::value to_value(const domain::Program& p);

// The stored entities read back (format checked; a damaged record is storage_corrupt).
domain::Manufacturer manufacturer_from(const boost::json::value& v, const std::string& path, ErrorCode code);
domain::Distributor distributor_from(const boost::json::value& v, const std::string& path, ErrorCode code);
domain::Product product_from(const boost::json::value& v, const std::string& path, ErrorCode code);
domain::Program program_from(const boost::json::value& v, const std::string& path, ErrorCode code);

}  // namespace tally::codec
