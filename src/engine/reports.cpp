// Reports: placeholder until the report module lands.
#include "engine/engine_impl.hpp"

namespace tally {

std::string Engine::report(const std::string& kind, const std::string&, Timestamp) {
  throw Error(ErrorCode::unsupported, "report: '" + kind + "' is not available yet");
}

}  // namespace tally
