// SPDX-License-Identifier: Apache-2.0
// The options document of tally_engine_open_memory and tally_engine_open_sqlite: an engine
// opens, or the call is refused with a code of its own and no engine.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string options(fuzz::bytes(data, size));  // a C string: stops at the first NUL
  tally_engine* engine = nullptr;
  if (fuzz::not_internal(tally_engine_open_memory(options.c_str(), &engine), "tally_engine_open_memory") != TALLY_OK && engine)
    fuzz::fail("a refused open returned an engine");
  tally_engine_close(engine);
  engine = nullptr;
  if (fuzz::not_internal(tally_engine_open_sqlite(":memory:", options.c_str(), &engine), "tally_engine_open_sqlite") != TALLY_OK &&
      engine)
    fuzz::fail("a refused open returned an engine");
  tally_engine_close(engine);
  return 0;
}
