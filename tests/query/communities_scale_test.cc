// The fast paths of community detection against the straightforward computations they replaced:
// betweenness on several threads against the textbook Brandes pass, bit for bit.
#include <catch2/catch.hpp>
#include <numeric>
#include <random>
#include <vector>

#include "whoknows/query/communities.h"

namespace whoknows::query {
namespace {

// Brandes (2001) as first written here: one pass per source, scores summed in source order.
std::vector<double> ReferenceBetweenness(const WeightedGraph& g, size_t exact_limit, size_t samples,
                                         uint64_t seed) {
  const uint32_t n = g.node_count();
  std::vector<double> score(n, 0);
  std::vector<uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  double scale = 0.5;
  if (n > exact_limit && samples < n) {
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < samples; ++i) std::swap(sources[i], sources[i + rng() % (n - i)]);
    sources.resize(samples);
    scale *= static_cast<double>(n) / static_cast<double>(samples);
  }
  for (uint32_t s : sources) {
    std::vector<int64_t> dist(n, -1);
    std::vector<double> sigma(n, 0), delta(n, 0);
    std::vector<uint32_t> order{s};
    dist[s] = 0;
    sigma[s] = 1;
    for (size_t head = 0; head < order.size(); ++head) {
      const uint32_t v = order[head];
      for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
        const uint32_t w = g.neighbors[e];
        if (dist[w] < 0) dist[w] = dist[v] + 1, order.push_back(w);
        if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
      }
    }
    for (size_t k = order.size(); k-- > 1;) {
      const uint32_t w = order[k];
      for (uint64_t e = g.offsets[w]; e < g.offsets[w + 1]; ++e) {
        const uint32_t v = g.neighbors[e];
        if (dist[v] == dist[w] - 1) delta[v] += sigma[v] / sigma[w] * (1 + delta[w]);
      }
      score[w] += delta[w];
    }
  }
  for (double& x : score) x *= scale;
  return score;
}

// People in overlapping groups of 2-12 (cliques, as co-authored documents make), a few loners.
WeightedGraph RandomCliques(uint32_t n, uint32_t groups, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<WeightedEdge> edges;
  for (uint32_t k = 0; k < groups; ++k) {
    std::vector<uint32_t> members(2 + rng() % 11);
    for (uint32_t& m : members) m = static_cast<uint32_t>(rng() % (n - 5));
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) edges.push_back({members[i], members[j], 1});
    }
  }
  return WeightedGraph::FromEdges(n, edges).value();
}

}  // namespace

TEST_CASE("betweenness on any number of threads equals the textbook pass bit for bit",
          "[query][communities]") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    const WeightedGraph g = RandomCliques(300 + 100 * static_cast<uint32_t>(seed), 120, seed);
    const std::vector<double> exact = ReferenceBetweenness(g, 10000, 0, seed);
    const std::vector<double> sampled = ReferenceBetweenness(g, 100, 37, seed);
    REQUIRE(std::count_if(exact.begin(), exact.end(), [](double x) { return x > 0; }) > 100);
    for (unsigned threads : {0u, 1u, 2u, 3u}) {
      INFO("seed " << seed << ", threads " << threads);
      CHECK(Betweenness(g, 10000, 0, seed, threads) == exact);
      CHECK(Betweenness(g, 100, 37, seed, threads) == sampled);
    }
  }
}

}  // namespace whoknows::query
