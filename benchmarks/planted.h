// Planted-partition graphs for the Leiden benchmarks (leiden_bench, micro_bench): node i belongs
// to planted community i / size; each node draws degree/2 edges, with probability 1 - mixing to a
// random node of its own community, else to a random node anywhere (repeats merge, weight 1).
// Deterministic for a seed (SplitMix64), on every platform.
#ifndef WHOKNOWS_BENCHMARKS_PLANTED_H_
#define WHOKNOWS_BENCHMARKS_PLANTED_H_

#include <algorithm>
#include <cstdint>
#include <vector>

#include "whoknows/query/leiden.h"

namespace whoknows::bench {

struct PlantedOptions {
  uint32_t nodes = 10000;
  uint32_t degree = 20;
  uint32_t size = 100;
  double mixing = 0.3;  // fraction of edges drawn outside the own community
  uint64_t seed = 1;
};

inline uint64_t SplitMix(uint64_t& s) {
  uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

inline std::vector<query::WeightedEdge> PlantedEdges(const PlantedOptions& c) {
  uint64_t s = c.seed;
  std::vector<query::WeightedEdge> edges;
  for (uint32_t v = 0; v < c.nodes; ++v) {
    const uint32_t base = v / c.size * c.size;
    const uint32_t span = std::min(c.size, c.nodes - base);
    for (uint32_t k = 0; k < c.degree / 2; ++k) {
      const bool inside = static_cast<double>(SplitMix(s) >> 11) * 0x1.0p-53 >= c.mixing;
      const uint32_t u = inside ? base + static_cast<uint32_t>(SplitMix(s) % span)
                                : static_cast<uint32_t>(SplitMix(s) % c.nodes);
      if (u != v) edges.push_back({v, u, 1.0});
    }
  }
  return edges;
}

}  // namespace whoknows::bench

#endif  // WHOKNOWS_BENCHMARKS_PLANTED_H_
