// The order in which Leiden's local moving and refinement visit nodes (leiden.cc), apart so that
// tests can check it.
#ifndef WHOKNOWS_SRC_QUERY_VISIT_ORDER_H_
#define WHOKNOWS_SRC_QUERY_VISIT_ORDER_H_

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <utility>
#include <vector>

namespace whoknows::query::internal {

constexpr uint32_t kOrderBlock = 4096;

// Random, with locality.  Up to kOrderBlock nodes a uniformly random permutation of 0..n-1;
// above, the nodes in blocks of kOrderBlock consecutive numbers, the blocks in random order and
// each block's nodes in random order, so that consecutive visits read rows and entries in one
// region of memory.  On a million people's collaboration graph Leiden took 39 s instead of 48;
// on planted partitions and on the generated organisations modularity and NMI are the same as
// with a uniform order, within the differences between seeds (benchmarks/RESULTS.md).
// `below(i)` draws uniformly from [0, i); the draws are Fisher-Yates shuffles'.
template <typename Below>
std::vector<uint32_t> VisitOrder(uint32_t n, Below&& below) {
  auto shuffle = [&](std::vector<uint32_t>& v, size_t first, size_t last) {
    for (size_t i = last - first; i > 1; --i) {
      std::swap(v[first + i - 1], v[first + below(static_cast<uint32_t>(i))]);
    }
  };
  std::vector<uint32_t> order(n);
  if (n <= kOrderBlock) {
    std::iota(order.begin(), order.end(), 0);
    shuffle(order, 0, n);
    return order;
  }
  std::vector<uint32_t> blocks((n + kOrderBlock - 1) / kOrderBlock);
  std::iota(blocks.begin(), blocks.end(), 0);
  shuffle(blocks, 0, blocks.size());
  size_t at = 0;
  for (uint32_t b : blocks) {
    const size_t first = at;
    const uint32_t end = std::min(n, (b + 1) * kOrderBlock);
    for (uint32_t v = b * kOrderBlock; v < end; ++v) order[at++] = v;
    shuffle(order, first, at);
  }
  return order;
}

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_VISIT_ORDER_H_
