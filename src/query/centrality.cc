// k-cores and betweenness for the roles of community members.
#include <algorithm>
#include <numeric>
#include <random>
#include <thread>

#include "whoknows/query/communities.h"

namespace whoknows::query {
namespace {

// What one Brandes pass from a source leaves: the nodes it reached (the source first) and each
// one's dependency on the source.  Reset before the next pass touches only the reached nodes.
struct Dependencies {
  std::vector<uint32_t> order;
  std::vector<double> delta;
};

// A worker's scratch, reused from pass to pass (all back to "unreached" after each).
struct BfsScratch {
  std::vector<int32_t> dist;
  std::vector<double> sigma;
};

// One Brandes pass from `s` over unweighted shortest paths: fills `out` (whose delta must be all
// zero).  The arithmetic, and the order of every sum, is that of the textbook pass.
void DependenciesFrom(const WeightedGraph& g, uint32_t s, BfsScratch& b, Dependencies& out) {
  std::vector<uint32_t>& order = out.order;
  std::vector<double>& delta = out.delta;
  order.clear();
  b.dist[s] = 0;
  b.sigma[s] = 1;
  order.push_back(s);
  for (size_t head = 0; head < order.size(); ++head) {
    const uint32_t v = order[head];
    const int32_t next = b.dist[v] + 1;
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const uint32_t w = g.neighbors[e];
      if (b.dist[w] < 0) {
        b.dist[w] = next;
        order.push_back(w);
      }
      if (b.dist[w] == next) b.sigma[w] += b.sigma[v];
    }
  }
  for (size_t k = order.size(); k-- > 1;) {
    const uint32_t w = order[k];
    const int32_t previous = b.dist[w] - 1;
    for (uint64_t e = g.offsets[w]; e < g.offsets[w + 1]; ++e) {
      const uint32_t v = g.neighbors[e];
      if (b.dist[v] == previous) delta[v] += b.sigma[v] / b.sigma[w] * (1 + delta[w]);
    }
  }
  for (uint32_t v : order) b.dist[v] = -1, b.sigma[v] = 0;
}

// Adds one pass's dependencies to the scores (the source's own excluded) and clears them.
void AddDependencies(Dependencies& d, std::vector<double>* score) {
  for (size_t k = 1; k < d.order.size(); ++k) (*score)[d.order[k]] += d.delta[d.order[k]];
  for (uint32_t v : d.order) d.delta[v] = 0;
}

// Passes from `sources` on `threads` workers, a round of kSlotsPerThread x threads sources at a
// time; the main thread adds each round's dependencies in source order, so every score is the
// same sum in the same order as with one thread.
void AccumulateFrom(const WeightedGraph& g, const std::vector<uint32_t>& sources, unsigned threads,
                    std::vector<double>* score) {
  constexpr size_t kSlotsPerThread = 4;
  const uint32_t n = g.node_count();
  const size_t slots = std::min(sources.size(), size_t{threads} * kSlotsPerThread);
  std::vector<Dependencies> out(slots);
  for (Dependencies& d : out) d.delta.assign(n, 0);
  std::vector<BfsScratch> scratch(std::min<size_t>(threads, slots));
  for (BfsScratch& b : scratch) b.dist.assign(n, -1), b.sigma.assign(n, 0);
  for (size_t round = 0; round < sources.size(); round += slots) {
    const size_t count = std::min(slots, sources.size() - round);
    auto work = [&](size_t t) {
      for (size_t i = t; i < count; i += scratch.size()) {
        DependenciesFrom(g, sources[round + i], scratch[t], out[i]);
      }
    };
    std::vector<std::thread> workers;
    for (size_t t = 1; t < scratch.size(); ++t) workers.emplace_back(work, t);
    work(0);
    for (std::thread& w : workers) w.join();
    for (size_t i = 0; i < count; ++i) AddDependencies(out[i], score);
  }
}

// Workers for `passes` passes over `g`: one unless the work is large (tens of milliseconds).
unsigned AutoThreads(const WeightedGraph& g, size_t passes) {
  const double visits = 2.0 * static_cast<double>(g.neighbors.size()) * static_cast<double>(passes);
  if (visits < 5e7) return 1;
  return std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
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
                                uint64_t seed, unsigned threads) {
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
  AccumulateFrom(g, sources, threads > 0 ? threads : AutoThreads(g, sources.size()), &score);
  for (double& x : score) x *= scale;
  return score;
}

}  // namespace whoknows::query
