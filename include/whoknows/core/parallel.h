// Large passes split over the cores: how many threads a pass gets, and running its parts.
//
// The algorithms that use it (the collaboration graph, WeightedGraph's construction, betweenness)
// split their work so that the result does not depend on the number of threads: each part writes
// only its own output, and the parts are put together in part order.
#ifndef WHOKNOWS_CORE_PARALLEL_H_
#define WHOKNOWS_CORE_PARALLEL_H_

#include <cstddef>
#include <thread>
#include <vector>

namespace whoknows {

// The most threads a pass starts, however many cores the machine has: beyond, the passes are
// bound by memory, not by cores.
constexpr unsigned kMaxWorkers = 8;

// Threads for a pass of `work` units: one when work < `threshold` (where starting threads costs
// more than they save), else one per core, at most kMaxWorkers.
unsigned WorkersFor(double work, double threshold);

// Runs fn(k) for each k in [0, parts): part 0 on the calling thread, every other on a thread of
// its own.  Returns when every part has.  `fn` must be safe to call from several threads at once.
template <typename Fn>
void RunParts(size_t parts, const Fn& fn) {
  std::vector<std::thread> threads;
  for (size_t k = 1; k < parts; ++k) threads.emplace_back(fn, k);
  if (parts > 0) fn(size_t{0});
  for (std::thread& t : threads) t.join();
}

// Where part k of [0, n) in `parts` near-equal parts begins (k = parts: n).
// REQUIRES: 0 < parts, k <= parts, n * parts fits in size_t.
inline size_t PartBegin(size_t n, size_t parts, size_t k) { return n * k / parts; }

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_PARALLEL_H_
