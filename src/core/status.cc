#include "whoknows/core/status.h"

namespace whoknows {

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = reason_ + ": " + message_;
  if (line_ > 0) out += " (line " + std::to_string(line_) + ")";
  return out;
}

}  // namespace whoknows
