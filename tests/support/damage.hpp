// SPDX-License-Identifier: Apache-2.0
// Seeded damage to a JSON document: what a flaky link, a bad editor or a careless
// integrator sends. The same seed gives the same damage on every run.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <random>
#include <string>

#include "tally/error.hpp"

namespace tally_test {

inline std::string damage(const std::string& doc, std::mt19937& rng) {
  std::uniform_int_distribution<std::size_t> at(0, doc.size() - 1);
  std::string d = doc;
  switch (rng() % 6) {
    case 0: d.resize(at(rng)); break;  // cut short
    case 1: d[at(rng)] = " {}[]:,\"07-ax\\"[rng() % 14]; break;  // a stray structural character
    case 2: {
      const std::size_t p = at(rng);
      d.erase(p, std::min<std::size_t>(rng() % 16 + 1, d.size() - p));
      break;
    }
    case 3: {
      const std::size_t p = at(rng);
      d.insert(p, d.substr(at(rng), rng() % 24));  // a span repeated elsewhere
      break;
    }
    case 4:  // one digit changed: still JSON, other numbers, UPCs, dates
      for (int tries = 0; tries < 64; ++tries) {
        const std::size_t p = at(rng);
        if (std::isdigit(static_cast<unsigned char>(d[p]))) {
          d[p] = static_cast<char>('0' + rng() % 10);
          break;
        }
      }
      break;
    default: d[at(rng)] = static_cast<char>(rng() % 256); break;  // any byte, invalid UTF-8 too
  }
  return d;
}

// Applies 300 damaged copies of document(i); each must either succeed or throw a
// tally::Error other than internal that leaves the store (as dump() shows it) untouched.
// Returns how many were refused.
inline int apply_damaged(std::uint32_t seed, const std::function<std::string(int)>& document,
                         const std::function<void(const std::string&, int)>& apply,
                         const std::function<std::map<std::string, std::string>()>& dump) {
  std::mt19937 rng(seed);
  auto before = dump();
  int refused = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string doc = damage(document(i), rng);
    CAPTURE(doc);
    try {
      apply(doc, i);
      before = dump();  // harmless damage (a changed name or price) goes through
    } catch (const tally::Error& e) {
      ++refused;
      CHECK(e.code() != tally::ErrorCode::internal);
      CHECK(std::string(e.what()).find(':') != std::string::npos);  // names the field or says why
      CHECK(dump() == before);
    } catch (...) {
      FAIL("an exception that is not a tally::Error escaped");
    }
  }
  return refused;
}

}  // namespace tally_test
