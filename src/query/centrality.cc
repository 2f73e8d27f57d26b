// k-cores and betweenness for the roles of community members.
#include <algorithm>
#include <cstring>
#include <numeric>
#include <random>
#include <type_traits>

#include "whoknows/core/huge_pages.h"
#include "whoknows/core/parallel.h"
#include "whoknows/query/communities.h"

namespace whoknows::query {
namespace {

// Betweenness runs its Brandes passes in batches (multi-source BFS: Then et al., "The More the
// Merrier: Efficient Multi-Source Graph Traversal", VLDB 2014): up to 64 sources at once, one bit
// each ("lane") in a node's masks, so that each read of an adjacency list and of a neighbour's
// masks serves every source of the batch.  A single pass reads them in BFS order, which no memory
// layout follows, and paid a cache miss per edge and source; a batch pays it per edge and level.
constexpr uint32_t kMaxLanes = 64;
// The sweeps start the cache misses of an edge's random reads ahead of it: the masks of the
// neighbour 2 * kAhead edges on, the sigma (or share) of the one kAhead on in its first lane.
// On a million people sigma was 400 MB (doubles) and every such read missed; overlapped, the passes
// took 40 s instead of 61 (benchmarks/RESULTS.md).  The order of the sums is unchanged.
constexpr uint64_t kAhead = 8;
// A batch keeps a value per node and lane (sigma, then each node's share for its predecessors):
// 8 bytes a double, 4 a float.  A batch is at most this big (64 lanes of doubles up to 1.5
// million nodes), and the batches in flight at once on all workers together at most twice that.
constexpr double kBatchBudgetBytes = 768.0 * 1024 * 1024;
// PathCounts::kAuto keeps sampled batches in floats when their doubles would take more than this:
// the random reads of sigma then outgrow a last-level cache, and half the bytes pay (at a million
// people the passes took 31-38 s with doubles and 22-30 s with floats; benchmarks/RESULTS.md).
constexpr double kFloatAboveBytes = 32.0 * 1024 * 1024;
// In floats, a batch whose path count reaches this is redone in doubles: beyond it, float's range
// (3.4e38) and the shares' precision (a share is about 1 / sigma) run out.  A real collaboration
// graph stays far below (about degree^diameter: 1e16 at a million people); a graph of layers tied
// densely layer to layer reaches it.
constexpr float kFloatSigmaLimit = 1e30f;

// The lanes whose BFS has reached a node (seen), and those that reach it on the level being
// built (next).  The backward sweep reuses `next` for the lanes that have the node on level d.
struct NodeMasks {
  uint64_t seen = 0;
  uint64_t next = 0;
};

// A worker's state for one batch, reused from batch to batch (all zero between batches).
// sigma is node-major, [v * lanes + lane], so that a node's values for the batch share cache
// lines; Sigma is double or float (PathCounts), the sums that read it are doubles either way.
// The BFS levels are kept as lists of (node, lanes at that level), nodes increasing within a
// level: level d is entries [level_start[d], level_start[d + 1]).
template <typename Sigma>
struct Batch {
  uint32_t lanes = 0;
  bool overflow = false;  // a float sigma reached kFloatSigmaLimit: redo in doubles
  std::vector<NodeMasks> masks;
  std::vector<Sigma> sigma;
  std::vector<double> score;  // per node: the sum of its dependencies on the batch's sources
  std::vector<uint32_t> node;
  std::vector<uint64_t> lane_mask;
  std::vector<size_t> level_start;
  std::vector<uint32_t> found;  // the next level's nodes, in discovery order
};

// Appends the level whose nodes are `found` (their lanes in masks[w].next), nodes increasing, and
// moves the lanes to `seen`.  A large level is collected by scanning every node (linear, no
// sort); a small one by sorting, so that a long path of small levels costs no n per level.
template <typename Sigma>
void CloseLevel(Batch<Sigma>& b) {
  const size_t n = b.masks.size();
  if (b.found.size() < n / 32) {
    std::sort(b.found.begin(), b.found.end());
  } else {
    b.found.clear();
    for (uint32_t w = 0; w < n; ++w) {
      if (b.masks[w].next != 0) b.found.push_back(w);
    }
  }
  for (uint32_t w : b.found) {
    NodeMasks& m = b.masks[w];
    b.node.push_back(w);
    b.lane_mask.push_back(m.next);
    m.seen |= m.next;
    m.next = 0;
  }
  b.found.clear();
  b.level_start.push_back(b.node.size());
}

// The forward sweep of a batch from `sources` (one lane each, distinct nodes): the BFS levels of
// every lane and sigma, the number of shortest paths from the lane's source.  An edge (v, w) with
// v on level d of lanes F is an arc of the shortest-path DAG for the lanes of F that have not seen
// w yet.  sigma is a sum of integers, exact (in any order) below 2^53 in doubles, 2^24 in floats.
template <typename Sigma>
void Forward(const WeightedGraph& g, const uint32_t* sources, uint32_t count, Batch<Sigma>& b) {
  const uint32_t lanes = b.lanes;
  b.level_start.assign(1, 0);
  for (uint32_t i = 0; i < count; ++i) {
    b.masks[sources[i]].next = uint64_t{1} << i;
    b.sigma[size_t{sources[i]} * lanes + i] = 1;
    b.found.push_back(sources[i]);
  }
  CloseLevel(b);
  const uint64_t* offsets = g.offsets.data();
  const uint32_t* neighbors = g.neighbors.data();
  NodeMasks* masks = b.masks.data();
  Sigma* sigma = b.sigma.data();
  for (size_t d = 0; b.level_start[d] < b.level_start[d + 1]; ++d) {
    for (size_t i = b.level_start[d]; i < b.level_start[d + 1]; ++i) {
      const uint32_t v = b.node[i];
      const uint64_t from = b.lane_mask[i];
      const Sigma* sigma_v = sigma + size_t{v} * lanes;
      const uint64_t end = offsets[v + 1];
      for (uint64_t e = offsets[v]; e < end; ++e) {
        if (e + 2 * kAhead < end) __builtin_prefetch(&masks[neighbors[e + 2 * kAhead]]);
        if (e + kAhead < end) {
          const uint32_t x = neighbors[e + kAhead];
          const uint64_t ahead = from & ~masks[x].seen;
          if (ahead != 0) __builtin_prefetch(sigma + size_t{x} * lanes + __builtin_ctzll(ahead), 1);
        }
        const uint32_t w = neighbors[e];
        NodeMasks& m = masks[w];
        uint64_t arcs = from & ~m.seen;
        if (arcs == 0) continue;
        if (m.next == 0) b.found.push_back(w);
        m.next |= arcs;
        Sigma* sigma_w = sigma + size_t{w} * lanes;
        do {
          const int lane = __builtin_ctzll(arcs);
          sigma_w[lane] += sigma_v[lane];
          arcs &= arcs - 1;
        } while (arcs != 0);
      }
    }
    CloseLevel(b);
  }
}

// Finishes node v for the lanes `at` that have it on the level being swept, from `sum`, the sum
// over each lane's DAG arcs (v, w) of w's share: its dependency is sigma * sum (added to the
// batch's score), and its share for its own predecessors (1 + dependency) / sigma replaces its
// sigma (no other node reads v's value in these lanes on this level).  Every node a lane reaches
// past its source is finished, so a float sigma that ran past the limit (or to infinity) is seen
// here.
template <typename Sigma>
void Finish(Batch<Sigma>& b, uint32_t v, uint64_t at, const double* sum) {
  Sigma* sigma_v = b.sigma.data() + size_t{v} * b.lanes;
  double score = b.score[v];
  for (; at != 0; at &= at - 1) {
    const int lane = __builtin_ctzll(at);
    if constexpr (std::is_same_v<Sigma, float>) {
      if (!(sigma_v[lane] < kFloatSigmaLimit)) b.overflow = true;
    }
    const double sigma = sigma_v[lane];
    const double delta = sigma * sum[lane];
    score += delta;
    sigma_v[lane] = static_cast<Sigma>((1 + delta) / sigma);
  }
  b.score[v] = score;
}

// The backward sweep, deepest level first: v's dependency in a lane is sigma[v] times the sum
// over the lane's DAG arcs (v, w) of (1 + delta[w]) / sigma[w], Brandes' sum with sigma[v]
// factored out (a division per node and lane, not per arc).  It pulls: v adds its successors in
// adjacency order (the textbook pushes from w in reverse BFS order), and each node's score adds
// its lanes level by level.  So the scores are the textbook's up to rounding, in the last bits.
// The sources' own dependencies (level 0) are never needed.
template <typename Sigma>
void Backward(const WeightedGraph& g, Batch<Sigma>& b) {
  const uint64_t* offsets = g.offsets.data();
  const uint32_t* neighbors = g.neighbors.data();
  NodeMasks* masks = b.masks.data();
  const Sigma* share = b.sigma.data();
  const double no_successors[kMaxLanes] = {};
  double sum[kMaxLanes];
  size_t d = b.level_start.size() - 3;  // the deepest level
  for (size_t i = b.level_start[d]; i < b.level_start[d + 1]; ++i) {
    Finish(b, b.node[i], b.lane_mask[i], no_successors);
  }
  for (; d >= 2; --d) {
    for (size_t i = b.level_start[d]; i < b.level_start[d + 1]; ++i) {
      masks[b.node[i]].next = b.lane_mask[i];  // the lanes with the node on level d
    }
    for (size_t i = b.level_start[d - 1]; i < b.level_start[d]; ++i) {
      const uint32_t v = b.node[i];
      const uint64_t at_v = b.lane_mask[i];
      for (uint64_t at = at_v; at != 0; at &= at - 1) sum[__builtin_ctzll(at)] = 0;
      const uint64_t end = offsets[v + 1];
      for (uint64_t e = offsets[v]; e < end; ++e) {
        if (e + 2 * kAhead < end) __builtin_prefetch(&masks[neighbors[e + 2 * kAhead]]);
        if (e + kAhead < end) {
          const uint32_t x = neighbors[e + kAhead];
          const uint64_t ahead = at_v & masks[x].next;
          if (ahead != 0) __builtin_prefetch(share + size_t{x} * b.lanes + __builtin_ctzll(ahead));
        }
        const uint32_t w = neighbors[e];
        uint64_t arcs = at_v & masks[w].next;
        if (arcs == 0) continue;
        const Sigma* share_w = share + size_t{w} * b.lanes;
        do {
          const int lane = __builtin_ctzll(arcs);
          sum[lane] += share_w[lane];
          arcs &= arcs - 1;
        } while (arcs != 0);
      }
      Finish(b, v, at_v, sum);
    }
    for (size_t i = b.level_start[d]; i < b.level_start[d + 1]; ++i) masks[b.node[i]].next = 0;
  }
}

// Adds a batch's scores and zeroes the batch for the next.
template <typename Sigma>
void AddBatch(Batch<Sigma>& b, std::vector<double>* score) {
  for (size_t v = 0; v < score->size(); ++v) (*score)[v] += b.score[v];
  std::fill(b.score.begin(), b.score.end(), 0.0);
  std::fill(b.sigma.begin(), b.sigma.end(), Sigma{0});
  std::fill(b.masks.begin(), b.masks.end(), NodeMasks{});
  b.node.clear();
  b.lane_mask.clear();
}

// How the sources split into batches: as few as the lanes and the memory allow, sizes within one
// of each other.  The plan does not depend on the number of threads (the sums' order depends on
// the batches), only how many batches run at once does.
struct BatchPlan {
  size_t batches = 0;
  uint32_t lanes = 0;  // the largest batch
  unsigned workers = 0;
};

BatchPlan PlanBatches(size_t nodes, size_t sources, unsigned threads, size_t sigma_bytes) {
  const double per_lane =
      static_cast<double>(sigma_bytes) * static_cast<double>(std::max<size_t>(nodes, 1));
  const size_t cap =
      std::clamp<size_t>(static_cast<size_t>(kBatchBudgetBytes / per_lane), 1, kMaxLanes);
  BatchPlan plan;
  plan.batches = (sources + cap - 1) / cap;
  if (plan.batches == 0) return plan;
  plan.lanes = static_cast<uint32_t>((sources + plan.batches - 1) / plan.batches);
  // sigma, then score, masks and levels (about 32 bytes a node)
  const double batch_bytes = per_lane * plan.lanes + 32.0 * static_cast<double>(nodes);
  const size_t fit = std::max<size_t>(1, static_cast<size_t>(2 * kBatchBudgetBytes / batch_bytes));
  plan.workers = static_cast<unsigned>(std::min({size_t{threads}, plan.batches, fit}));
  return plan;
}

// Passes from `sources` on `threads` workers, a batch per worker at a time; the main thread adds
// the batches' scores in batch order, so the scores do not depend on the number of threads.
// Returns false, `score` partly summed, when a float batch overflowed (Finish): the caller redoes
// the whole in doubles.  Whether one does depends on the sources alone, not on the threads.
template <typename Sigma>
bool AccumulateFrom(const WeightedGraph& g, const std::vector<uint32_t>& sources, unsigned threads,
                    std::vector<double>* score) {
  const uint32_t n = g.node_count();
  const BatchPlan plan = PlanBatches(n, sources.size(), threads, sizeof(Sigma));
  if (plan.batches == 0) return true;
  // Batch k holds sources [first(k), first(k + 1)): the first `sources % batches` have one more.
  const size_t base = sources.size() / plan.batches, extra = sources.size() % plan.batches;
  auto first = [&](size_t k) { return k * base + std::min(k, extra); };
  std::vector<Batch<Sigma>> batch(plan.workers);
  for (Batch<Sigma>& b : batch) {
    b.lanes = plan.lanes;
    AssignHuge(b.masks, n, NodeMasks{});
    AssignHuge(b.sigma, size_t{n} * plan.lanes, Sigma{0});
    AssignHuge(b.score, n, 0.0);
  }
  for (size_t round = 0; round < plan.batches; round += plan.workers) {
    const size_t count = std::min<size_t>(plan.workers, plan.batches - round);
    auto work = [&](size_t t) {
      const size_t k = round + t;
      const uint32_t size = static_cast<uint32_t>(first(k + 1) - first(k));
      Forward(g, sources.data() + first(k), size, batch[t]);
      Backward(g, batch[t]);
    };
    RunParts(count, work);
    for (size_t t = 0; t < count; ++t) {
      if (batch[t].overflow) return false;
      AddBatch(batch[t], score);
    }
  }
  return true;
}

// Workers for `passes` passes over `g`: one unless the work is large (tens of milliseconds).
unsigned AutoThreads(const WeightedGraph& g, size_t passes) {
  return WorkersFor(2.0 * static_cast<double>(g.neighbors.size()) * static_cast<double>(passes),
                    5e7);
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
                                uint64_t seed, unsigned threads, PathCounts counts) {
  const uint32_t n = g.node_count();
  std::vector<double> score(n, 0);
  std::vector<uint32_t> sources(n);
  std::iota(sources.begin(), sources.end(), 0);
  double scale = 0.5;  // each unordered pair is counted from both ends
  const bool sampled = n > exact_limit && samples > 0 && samples < n;
  if (sampled) {
    std::mt19937_64 rng(seed);
    for (size_t i = 0; i < samples; ++i) {
      std::swap(sources[i], sources[i + rng() % (n - i)]);
    }
    sources.resize(samples);
    scale *= static_cast<double>(n) / static_cast<double>(samples);
  }
  if (threads == 0) threads = AutoThreads(g, sources.size());
  if (counts == PathCounts::kAuto) {
    const size_t lanes = std::min<size_t>(sources.size(), kMaxLanes);
    const bool big = 8.0 * static_cast<double>(n) * static_cast<double>(lanes) > kFloatAboveBytes;
    counts = sampled && big ? PathCounts::kFloat : PathCounts::kDouble;
  }
  if (counts == PathCounts::kFloat && !AccumulateFrom<float>(g, sources, threads, &score)) {
    std::fill(score.begin(), score.end(), 0.0);
    counts = PathCounts::kDouble;
  }
  if (counts == PathCounts::kDouble) AccumulateFrom<double>(g, sources, threads, &score);
  for (double& x : score) x *= scale;
  return score;
}

}  // namespace whoknows::query
