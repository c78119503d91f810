// SPDX-License-Identifier: Apache-2.0
// The promotions catalog (offers, adoption bundles, a private program, a custom discount)
// on top of the test shop, shared by the offer suite and the many-till tests.
#pragma once

#include "support/fixture.hpp"

namespace tally_test {

inline const char* kPromotions = R"({
  "programs": [
    {"id": "acme-bogo", "name": "Acme buy one get one", "kind": "offer", "manufacturer": "acme",
     "fulfillment": "distributor",
     "offer": {"type": "free_good", "start": "2026-11-01", "end": "2026-11-30",
               "buy_upcs": ["011111000025"], "buy_quantity": 1,
               "reward_upcs": ["011111000025", "011111000018"], "reward_quantity": 1,
               "per_customer_limit": 2, "overall_limit": 3}},
    {"id": "bolt-rebate", "name": "Bolt $3 off 7 lb", "kind": "offer", "manufacturer": "bolt",
     "fulfillment": "direct",
     "offer": {"type": "rebate", "start": "2026-11-02", "end": "2026-11-02",
               "buy_upcs": ["022222000026"], "rebate_cents": 300, "overall_limit": 600}},
    {"id": "acme-december", "name": "Acme December", "kind": "offer", "manufacturer": "acme",
     "fulfillment": "distributor",
     "offer": {"type": "free_good", "start": "2026-12-01", "end": "2026-12-31",
               "buy_upcs": ["011111000018"], "reward_upcs": ["011111000018"]}},
    {"id": "acme-october", "name": "Acme October", "kind": "offer", "manufacturer": "acme",
     "fulfillment": "distributor",
     "offer": {"type": "free_good", "start": "2026-10-01", "end": "2026-10-31",
               "buy_upcs": ["011111000018"], "reward_upcs": ["011111000018"]}},
    {"id": "acme-vip", "name": "Acme VIP", "kind": "frequent_buyer", "manufacturer": "acme",
     "fulfillment": "distributor", "private": true,
     "cards": [{"id": "vip", "buy_n": 2, "free_item_rule": "any_in_group", "qualifying_upcs": ["011111000032"]}]},
    {"id": "acme-adopt", "name": "Acme adoption", "kind": "adoption", "manufacturer": "acme",
     "fulfillment": "distributor",
     "adoption": {"items": [{"upc": "011111000018", "category": "kibble"},
                            {"upc": "011111000063", "category": "kibble"},
                            {"upc": "044444000028", "category": "supply"}]}},
    {"id": "bolt-adopt", "name": "Bolt adoption", "kind": "adoption", "manufacturer": "bolt",
     "fulfillment": "direct",
     "adoption": {"items": [{"upc": "033333000027", "category": "treat"},
                            {"upc": "022222000019", "category": "kibble"}]}},
    {"id": "wash-dollars", "name": "Wash five dollars off", "kind": "custom", "fulfillment": "none",
     "cards": [{"id": "wash", "buy_n": 2, "free_item_rule": "any_in_group", "discount_cents": 500,
                "qualifying_upcs": ["044444000011"]}]}
  ]})";

// The shop with the promotions loaded and Virginia enrolled in them by hand.
struct PromoShop : Shop {
  explicit PromoShop(std::unique_ptr<tally::Store> store = make_store()) : Shop(std::move(store)) {
    engine.load_catalog(kPromotions, kMonday - kDay);
    enroll("va", "acme-bogo", "east", "E-100");
    enroll("va", "bolt-rebate");
    enroll("va", "acme-adopt", "east", "E-100");
    enroll("va", "bolt-adopt");
    enroll("va", "wash-dollars");
  }
};

}  // namespace tally_test
