// SPDX-License-Identifier: Apache-2.0
// Offers (free goods and rebates) and adoption bundles: rewards met and taken in one visit.
#pragma once

#include "domain/cards.hpp"

namespace tally::domain {

// Adds the visit's offer redemptions to the plan, checking windows and limits.
void plan_offers(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan& plan);
// Adds the visit's adoption bundle, if any, checking every adoption rule.
void plan_adoption(const Catalog& catalog, const Visit& visit, const VisitEnv& env, VisitPlan& plan);

}  // namespace tally::domain
