// SPDX-License-Identifier: Apache-2.0
// Stored records (storage format 2) read back from damaged bytes, as a store the host or
// the disk corrupted would hand them over: each decoder answers a record or storage_corrupt,
// never a read past the end, a crash or another code.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "codec/stored.hpp"
#include "tally/error.hpp"

namespace {

template <class Decode>
void decode(Decode decode_record) {
  try {
    decode_record();
  } catch (const tally::Error& e) {
    if (e.code() != tally::ErrorCode::storage_corrupt) {
      std::fprintf(stderr, "a damaged record answered %s: %s\n", tally::error_code_name(e.code()), e.what());
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace codec = tally::codec;
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string_view key = "fuzz/record";
  switch (data[0] % 10) {
    case 0: decode([&] { codec::decode_card(bytes, key); }); break;
    case 1: decode([&] { codec::decode_wallet(bytes, key); }); break;
    case 2: decode([&] { codec::decode_customer(bytes, key); }); break;
    case 3: decode([&] { codec::decode_line(bytes, key); }); break;
    case 4: decode([&] { codec::decode_redemption(bytes, key); }); break;
    case 5: decode([&] { codec::decode_journal(bytes, key); }); break;
    case 6: decode([&] { codec::decode_request(codec::receipt_request(bytes, key), key); }); break;
    case 8: decode([&] { codec::decode_points(bytes, key); }); break;
    case 9: decode([&] { codec::decode_points_entry(bytes, key); }); break;
    default: decode([&] { codec::decode_receipt(bytes, key); }); break;
  }
  return 0;
}
