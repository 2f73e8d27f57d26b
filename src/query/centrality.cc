// k-cores and betweenness for the roles of community members.
#include <algorithm>
#include <numeric>
#include <random>

#include "whoknows/query/communities.h"

namespace whoknows::query {
namespace {

// One Brandes pass from `s`: adds each node's dependency on s to *score.
void AccumulateFrom(const WeightedGraph& g, uint32_t s, std::vector<double>* score) {
  const uint32_t n = g.node_count();
  std::vector<int64_t> dist(n, -1);
  std::vector<double> sigma(n, 0), delta(n, 0);
  std::vector<uint32_t> order;
  order.reserve(n);
  dist[s] = 0;
  sigma[s] = 1;
  order.push_back(s);
  for (size_t head = 0; head < order.size(); ++head) {
    const uint32_t v = order[head];
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const uint32_t w = g.neighbors[e];
      if (dist[w] < 0) {
        dist[w] = dist[v] + 1;
        order.push_back(w);
      }
      if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
    }
  }
  for (size_t k = order.size(); k-- > 1;) {
    const uint32_t w = order[k];
    for (uint64_t e = g.offsets[w]; e < g.offsets[w + 1]; ++e) {
      const uint32_t v = g.neighbors[e];
      if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
    }
    (*score)[w] += delta[w];
  }
}

}  // namespace

std::vector<uint32_t> CoreNumbers(const WeightedGraph& g, const std::vector<uint32_t>& label) {
  const uint32_t n = g.node_count();
  std::vector<uint32_t> degree(n, 0);
  uint32_t max_degree = 0;
  for (uint32_t v = 0; v < n; ++v) {
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      degree[v] += label[g.neighbors[e]] == label[v];
    }
    max_degree = std::max(max_degree, degree[v]);
  }
  // Peel nodes in increasing degree with a bucket queue; the degree when peeled is the core.
  std::vector<std::vector<uint32_t>> bucket(size_t{max_degree} + 1);
  for (uint32_t v = 0; v < n; ++v) bucket[degree[v]].push_back(v);
  std::vector<char> done(n, 0);
  std::vector<uint32_t> core(n, 0);
  for (uint32_t d = 0; d <= max_degree; ++d) {
    while (!bucket[d].empty()) {
      const uint32_t v = bucket[d].back();
      bucket[d].pop_back();
      if (done[v] || degree[v] != d) continue;  // a stale entry
      done[v] = 1;
      core[v] = d;
      for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
        const uint32_t u = g.neighbors[e];
        if (done[u] || label[u] != label[v] || degree[u] <= d) continue;
        bucket[--degree[u]].push_back(u);
      }
    }
  }
  return core;
}

std::vector<double> Betweenness(const WeightedGraph& g, size_t exact_limit, size_t samples,
                                uint64_t seed) {
  const uint32_t n = g.node_count();
  std::vector<double> score(n, 0);
  std::vector<uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  double scale = 0.5;  // each unordered pair is counted from both ends
  if (n > exact_limit && samples < n) {
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < samples; ++i) {
      std::swap(sources[i], sources[i + rng() % (n - i)]);
    }
    sources.resize(samples);
    scale *= static_cast<double>(n) / static_cast<double>(samples);
  }
  for (uint32_t s : sources) AccumulateFrom(g, s, &score);
  for (double& x : score) x *= scale;
  return score;
}

}  // namespace whoknows::query
