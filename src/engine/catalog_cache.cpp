#include <boost/json.hpp>

#include "codec/catalog_codec.hpp"
#include "codec/json_read.hpp"
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
