#include "whoknows/core/parallel.h"

#include <algorithm>

namespace whoknows {

unsigned WorkersFor(double work, double threshold) {
  if (work < threshold) return 1;
  // hardware_concurrency() is 0 when unknown: one thread then.
  return std::clamp(std::thread::hardware_concurrency(), 1u, kMaxWorkers);
}

}  // namespace whoknows
