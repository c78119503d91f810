// SPDX-License-Identifier: Apache-2.0
#include <boost/json.hpp>

#include "codec/catalog_codec.hpp"
#include "codec/json_read.hpp"
#include "codec/records.hpp"
#include "engine/engine_impl.hpp"
#include "engine/keys.hpp"

namespace tally {

namespace {

template <class Read, class Insert>
void read_all(engine::Txn& txn, const std::string& prefix, Read read, Insert insert) {
  txn.scan(prefix, [&](std::string_view key, std::string_view value) {
    const std::string path(key);
    insert(read(codec::parse_json(value, ErrorCode::storage_corrupt), path, ErrorCode::storage_corrupt));
    return true;
  });
}

}  // namespace

std::shared_ptr<const domain::Catalog> EngineImpl::load_catalog(engine::Txn& txn) {
  std::string rev = txn.get(keys::catalog_rev()).value_or("0");
  if (catalog && rev == catalog_rev) return catalog;
  auto fresh = std::make_shared<domain::Catalog>();
  read_all(txn, "cat/mfr/", codec::manufacturer_from, [&](domain::Manufacturer m) { fresh->manufacturers[m.id] = std::move(m); });
  read_all(txn, "cat/dist/", codec::distributor_from, [&](domain::Distributor d) { fresh->distributors[d.id] = std::move(d); });
  read_all(txn, "cat/prod/", codec::product_from, [&](domain::Product p) { fresh->products[p.key] = std::move(p); });
  read_all(txn, "cat/prog/", codec::program_from, [&](domain::Program p) { fresh->programs[p.id] = std::move(p); });
  fresh->index();
  catalog = fresh;
  catalog_rev = rev;
  return catalog;
}

}  // namespace tally

namespace tally {

std::shared_ptr<const LocationConfig> EngineImpl::location_config(engine::Txn& txn, const std::string& id) {
  std::string rev = txn.get(keys::config_rev()).value_or("0");
  if (rev != config_rev) {
    locations.clear();
    config_rev = std::move(rev);
  }
  auto it = locations.find(id);
  if (it != locations.end()) return it->second;
  Location location = engine::read_location(txn, id);
  domain::TimeZone zone = domain::TimeZone::parse(location.time_zone);
  std::map<std::string, Enrollment> enrollments;
  txn.scan(keys::enrollments(id), [&](std::string_view key, std::string_view value) {
    auto e = codec::enrollment_from(codec::parse_json(value, ErrorCode::storage_corrupt), std::string(key),
                                    ErrorCode::storage_corrupt);
    enrollments.emplace(e.program_id, std::move(e));
    return true;
  });
  auto config = std::make_shared<const LocationConfig>(
      LocationConfig{std::move(location), std::move(zone), std::move(enrollments)});
  locations.emplace(id, config);
  return config;
}

std::pair<std::shared_ptr<const domain::Catalog>, std::shared_ptr<const LocationConfig>> EngineImpl::visit_config(
    engine::Txn& txn, const std::string& location_id) {
  const std::string before = config_rev;
  auto config = location_config(txn, location_id);
  // Every catalog load moves the configuration revision too: while it stands still, the
  // cached catalog is current without reading its own revision.
  if (catalog && config_rev == before && !before.empty()) return {catalog, config};
  return {load_catalog(txn), config};
}

}  // namespace tally
