// SPDX-License-Identifier: Apache-2.0
// The credit-line state machines (DOMAIN section 9), as pure rules.
#pragma once

#include <string>

#include "tally/types.hpp"

namespace tally::domain {

enum class LineEvent {
  release,    // held -> new: the store picked a distributor
  pull,       // new -> batched
  unbatch,    // batched -> new
  decline,    // batched (distributor, direct) or submitted (retailer) -> declined
  fulfill,    // batched -> credited: the credit memo is issued
  reconcile,  // credited -> reconciled
  resubmit,   // declined -> new
  hold,       // new, batched -> held: the distributor reassigned the program to holding
  submit,     // retailer: batched -> submitted to the brand
  complete,   // retailer: submitted -> complete, the brand credited
  withdraw,   // held, new, batched, declined -> withdrawn: the redemption was undone
};

const char* to_string(LineEvent event);
std::string describe(const Actor& actor);

// The state `event` moves the line to, if `actor` may make it from the line's state.
// Throws tally::Error: wrong_actor when the actor is not the one for this event and line,
// invalid_state when the line's state does not allow it.
std::string transition(const CreditLine& line, LineEvent event, const Actor& actor);

// Decline reasons a distributor or brand may give.
bool valid_decline_reason(const std::string& reason);
const char* decline_reasons();

}  // namespace tally::domain
