// SPDX-License-Identifier: Apache-2.0
// A whole visit from one document (tally/engine.hpp): the checkout use case run start to finish.
#include "tally/engine.hpp"

namespace tally {

CheckoutResult run_checkout(Engine& engine, const CheckoutDocument& document) {
  Checkout checkout = engine.open_checkout(document.open);
  for (const auto& line : document.lines) checkout.add_line(line);
  for (const auto& redemption : document.redemptions) checkout.redeem(redemption);
  for (const auto& [program, card] : document.redeem_later) checkout.redeem_later(program, card);
  for (const auto& offer : document.declined_offers) checkout.decline_offer(offer);
  for (const auto& offer : document.offer_redemptions) checkout.redeem_offer(offer);
  if (document.adoption) checkout.redeem_adoption(*document.adoption);
  for (const auto& reward : document.points_redemptions) checkout.redeem_points(reward);
  for (const auto& use : document.pass_uses) checkout.use_pass(use);
  for (const auto& voucher : document.voucher_redemptions) checkout.redeem_voucher(voucher);
  for (std::int64_t coupon : document.coupon_redemptions) checkout.redeem_coupon(coupon);
  return checkout.finish();
}

}  // namespace tally
