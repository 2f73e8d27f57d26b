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

// A node not reached yet (BfsScratch::level).
constexpr uint8_t kUnreached = 3;

// A worker's scratch, reused from pass to pass (level back to unreached after each).
// The pass keeps its shortest-path DAG as predecessor lists, so that the backward pass reads the
// DAG's arcs only, not every edge again with a distance test.
struct BfsScratch {
  // The BFS level mod 3 (an edge joins levels d-1, d or d+1, which mod 3 are three values), one
  // byte so that the test every edge makes stays in cache on large graphs.
  std::vector<uint8_t> level;
  std::vector<double> sigma;       // of each reached node, set by its level's GroupLevel
  std::vector<uint32_t> position;  // BFS position of each reached node
  std::vector<uint32_t> pred;      // predecessors, grouped by BFS position
  std::vector<uint64_t> start;     // predecessors of position k: [start[k], start[k + 1])
  std::vector<uint64_t> fill;
  // A level's arcs (w, v) from v to w on the next level, a prefix: every edge is written, and
  // only the DAG's arcs are kept (the next edge overwrites the others).
  std::vector<std::pair<uint32_t, uint32_t>> arcs;
};

// Appends the predecessor lists of positions [first, last) (one level) from the level's `arcs`
// first arcs, and sets their nodes' sigma: the sum of their predecessors' in arc order, which is
// the textbook pass's order (it adds sigma[v] to sigma[w] as it meets the arc).
// REQUIRES: start has first + 1 entries and start[first] == pred.size().
void GroupLevel(BfsScratch& b, const uint32_t* visit, size_t first, size_t last, size_t arcs) {
  const uint32_t* position = b.position.data();
  b.start.resize(last + 1);
  for (size_t k = first; k < last; ++k) b.start[k + 1] = 0;
  for (size_t i = 0; i < arcs; ++i) ++b.start[position[b.arcs[i].first] + 1];
  for (size_t k = first; k < last; ++k) b.start[k + 1] += b.start[k];
  b.pred.resize(b.start[last]);
  b.fill.assign(b.start.begin() + first, b.start.begin() + last);
  for (size_t i = 0; i < arcs; ++i) {
    b.pred[b.fill[position[b.arcs[i].first] - first]++] = b.arcs[i].second;
  }
  double* sigma = b.sigma.data();
  const uint32_t* pred = b.pred.data();
  for (size_t k = first; k < last; ++k) {
    double sum = 0;
    for (uint64_t i = b.start[k]; i < b.start[k + 1]; ++i) sum += sigma[pred[i]];
    sigma[visit[k]] = sum;
  }
}

// The forward pass from `s`, level by level: BFS order, sigma, and the DAG's predecessor lists.
// Per edge the one-byte level is read and an arc written, without a branch on whether the edge
// is an arc of the DAG (about half are, in no pattern a predictor learns); first visits are rare
// and well predicted.  Sigma is summed per level from the predecessor lists, not per edge.
void Forward(const WeightedGraph& g, uint32_t s, BfsScratch& b, std::vector<uint32_t>& order) {
  order.resize(g.node_count());
  order[0] = s;
  size_t reached = 1;
  b.level[s] = 0;
  b.sigma[s] = 1;
  b.position[s] = 0;
  b.pred.clear();
  b.start.assign(2, 0);
  // Raw pointers: through the vectors, every store in the loop would make the compiler reload
  // their data pointers.
  const uint64_t* offsets = g.offsets.data();
  const uint32_t* neighbors = g.neighbors.data();
  uint8_t* level_of = b.level.data();
  uint32_t* position = b.position.data();
  uint32_t* visit = order.data();
  for (size_t level = 0; level < reached;) {
    const size_t level_end = reached;
    size_t arcs = 0;
    for (size_t head = level; head < level_end; ++head) {
      const uint32_t v = visit[head];
      const uint8_t next = static_cast<uint8_t>((level_of[v] + 1) % 3);
      const uint64_t degree = offsets[v + 1] - offsets[v];
      if (b.arcs.size() < arcs + degree) b.arcs.resize(2 * (arcs + degree));
      std::pair<uint32_t, uint32_t>* arc_slots = b.arcs.data();
      for (uint64_t e = offsets[v]; e < offsets[v + 1]; ++e) {
        const uint32_t w = neighbors[e];
        uint8_t lw = level_of[w];
        if (lw == kUnreached) {
          level_of[w] = lw = next;
          position[w] = static_cast<uint32_t>(reached);
          visit[reached++] = w;
        }
        arc_slots[arcs] = {w, v};
        arcs += lw == next;
      }
    }
    GroupLevel(b, visit, level_end, reached, arcs);
    level = level_end;
  }
  order.resize(reached);
}

// One Brandes pass from `s` over unweighted shortest paths: fills `out` (whose delta must be all
// zero).  Every sum is the textbook pass's, in the same order: sigma[w] adds its predecessors in
// BFS order, and delta[v] its successors' shares in reverse BFS order (the order of the
// predecessors of one node does not matter: each share goes to another delta).
void DependenciesFrom(const WeightedGraph& g, uint32_t s, BfsScratch& b, Dependencies& out) {
  std::vector<uint32_t>& order = out.order;
  std::vector<double>& delta = out.delta;
  Forward(g, s, b, order);
  const uint32_t* pred = b.pred.data();
  const uint64_t* start = b.start.data();
  const double* sigma = b.sigma.data();
  double* dep = delta.data();
  for (size_t k = order.size(); k-- > 1;) {
    const uint32_t w = order[k];
    const double share = 1 + dep[w];
    for (uint64_t i = start[k]; i < start[k + 1]; ++i) {
      const uint32_t v = pred[i];
      dep[v] += sigma[v] / sigma[w] * share;
    }
  }
  for (uint32_t v : order) b.level[v] = kUnreached;
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
  for (BfsScratch& b : scratch)
    b.level.assign(n, kUnreached), b.sigma.assign(n, 0), b.position.assign(n, 0);
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
