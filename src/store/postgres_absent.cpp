// SPDX-License-Identifier: Apache-2.0
// make_postgres_store in a build without the PostgreSQL backend (-DTALLY_POSTGRES=OFF, the
// Windows build's default): the C ABI keeps tally_engine_open_postgres, which answers
// TALLY_E_UNSUPPORTED with this message.
#include "tally/error.hpp"
#include "tally/store.hpp"

namespace tally {

std::unique_ptr<Store> make_postgres_store(const std::string&) {
  throw Error(ErrorCode::unsupported,
              "conninfo: this build of libtally has no PostgreSQL backend (configured with -DTALLY_POSTGRES=OFF); "
              "use SQLite, the memory store or the host's storage callbacks");
}

}  // namespace tally
