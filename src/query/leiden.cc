// Leiden: fast local moving with a queue, refinement into well-connected sub-communities, and
// aggregation of the refined partition with the unrefined one as the starting partition of the
// aggregate graph.  All gains are in units of edge weight: moving node v into community C gains
// w(v, C) - gamma' k_v K_C with gamma' = resolution / 2m.
#include "whoknows/query/leiden.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "leiden_internal.h"
#include "visit_order.h"
#include "whoknows/core/huge_pages.h"

namespace whoknows::query {
namespace {

// splitmix64 (Steele, Lea, Flood 2014): small, fast, and the same on every platform.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

std::vector<uint32_t> RandomOrder(uint32_t n, Rng& rng) {
  return internal::VisitOrder(n, [&](uint32_t i) { return rng.Below(i); });
}

// Renumbers labels 0..k-1 by first appearance; returns k.
uint32_t Normalize(std::vector<uint32_t>& labels) {
  std::vector<uint32_t> map(labels.size(), UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t& l : labels) {
    if (map[l] == UINT32_MAX) map[l] = next++;
    l = map[l];
  }
  return next;
}

// Weight from one node to each neighbouring community, without clearing a dense array each time:
// an entry counts only when its stamp is the current one, and Clear moves to the next stamp.  The
// weight and the stamp of a community share one 16-byte slot, so that a neighbour's community
// costs one cache miss, not one per array (on a million people these reads miss the L2).
class NeighborWeights {
 public:
  // Makes room for communities 0..n-1 (entries already there keep their place).
  void Fit(uint32_t n) {
    if (slots_.size() < n) slots_.resize(n);
  }
  void Add(uint32_t c, double w) {
    Slot& s = slots_[c];
    if (s.stamp != stamp_) {
      s.stamp = stamp_;
      s.weight = w;
      touched_.push_back(c);
      return;
    }
    s.weight += w;
  }
  // Hints that community c's entry will be needed soon (a cache miss started early).
  void Prefetch(uint32_t c) const { __builtin_prefetch(&slots_[c], 1); }
  double Of(uint32_t c) const { return slots_[c].stamp == stamp_ ? slots_[c].weight : 0; }
  const std::vector<uint32_t>& touched() const { return touched_; }
  void Clear() {
    touched_.clear();
    if (++stamp_ == 0) {  // wrapped: forget every stamp so no old one is taken for current
      for (Slot& s : slots_) s.stamp = 0;
      stamp_ = 1;
    }
  }

 private:
  struct Slot {
    double weight = 0;
    uint32_t stamp = 0;
  };
  std::vector<Slot> slots_;
  uint32_t stamp_ = 1;
  std::vector<uint32_t> touched_;
};

// How many edges ahead the loops over a row start the cache misses of their random reads: the
// label of the neighbour 2 * kAhead on, the entries of the community of the one kAhead on.  On
// a million people these reads miss every cache; started early, they overlap.
constexpr uint64_t kAhead = 8;

// Fills `nw` with the weight from v to each community of `label` among v's neighbours (not v).
// `total`, when given, is read next for every community touched: its entries are prefetched too.
void CollectNeighbors(const WeightedGraph& g, uint32_t v, const std::vector<uint32_t>& label,
                      NeighborWeights& nw, const double* total = nullptr) {
  const uint64_t end = g.offsets[v + 1];
  for (uint64_t e = g.offsets[v]; e < end; ++e) {
    if (e + 2 * kAhead < end) __builtin_prefetch(&label[g.neighbors[e + 2 * kAhead]]);
    if (e + kAhead < end) {
      const uint32_t c = label[g.neighbors[e + kAhead]];
      nw.Prefetch(c);
      if (total != nullptr) __builtin_prefetch(total + c);
    }
    nw.Add(label[g.neighbors[e]], g.weights[e]);
  }
}

// Starts the cache misses of the node visited kAhead visits from now (its row and entries) and of
// the row bounds of the one 2 * kAhead on (two steps: the row's place is read from `offsets`).
void PrefetchVisit(const WeightedGraph& g, const std::vector<uint32_t>& queue, size_t head,
                   const std::vector<uint32_t>& comm) {
  if (head + 2 * kAhead < queue.size()) __builtin_prefetch(&g.offsets[queue[head + 2 * kAhead]]);
  if (head + kAhead < queue.size()) {
    const uint32_t x = queue[head + kAhead];
    __builtin_prefetch(g.neighbors.data() + g.offsets[x]);
    __builtin_prefetch(g.weights.data() + g.offsets[x]);
    __builtin_prefetch(&g.strength[x]);
    __builtin_prefetch(&comm[x]);
  }
}

// State of the refinement of one partition: sub-communities inside each community of `comm`.
struct Refinement {
  std::vector<uint32_t> label;     // node -> sub-community (a node id: starts as singletons)
  std::vector<double> total;       // sub-community -> sum of strengths
  std::vector<double> external;    // sub-community -> weight to the rest of its community
  std::vector<uint32_t> size;      // sub-community -> node count
  std::vector<double> to_own;      // node -> weight to the rest of its community
  std::vector<double> comm_total;  // community -> sum of strengths
};

// The arrays that every level of every iteration needs again, kept from one to the next.  On a
// million people each level-0 pass would otherwise take hundreds of megabytes of fresh pages from
// the kernel, which zeroes them first: 2-4 s of Leiden's 26 s (benchmarks/RESULTS.md).  Nothing
// is carried over: each phase assigns what it reads.
struct Scratch {
  NeighborWeights nw;                          // every phase; empty between nodes
  std::vector<double> total;                   // MoveNodesFast
  std::vector<uint32_t> size, empty, queue;    // MoveNodesFast
  std::vector<char> queued;                    // MoveNodesFast
  std::vector<uint32_t> renumber, moved_size;  // RenumberCommunities
  std::vector<double> moved_total;             // RenumberCommunities
  // MoveNodesFast renumbers on levels of this many nodes or more (internal::kRenumberAbove: below,
  // every community's entries fit in a cache anyway).
  uint32_t renumber_above = internal::kRenumberAbove;
  Refinement refinement;                 // Refine (`label` goes to the caller)
  std::vector<uint32_t> start, members;  // Aggregate
  WeightedGraph levels[2];               // Iterate's aggregate graphs, in turn
};

// Renumbers the communities of `comm` (every id below comm.size() is a community with members or
// one of `empty`): those with members 0..k-1 in the order their first members appear, then the
// empty ones in `empty`'s order; each keeps its total and size, and `empty` its order.  A
// bijection: every later gain, comparison and choice is the same, and Normalize gives the same
// partition.  Why: at level 0 of a million people's graph the communities are the singletons' ids,
// spread over all n; after the first round a fifth as many have members, and the entries that the
// rest of the pass reads at random (weights, totals, sizes) then lie in a fifth of the memory.
void RenumberCommunities(std::vector<uint32_t>& comm, Scratch& scratch) {
  const uint32_t n = static_cast<uint32_t>(comm.size());
  std::vector<uint32_t>& map = scratch.renumber;
  map.assign(n, UINT32_MAX);
  uint32_t next = 0;
  for (uint32_t& c : comm) {
    if (map[c] == UINT32_MAX) map[c] = next++;
    c = map[c];
  }
  for (uint32_t& c : scratch.empty) c = map[c] = next++;
  scratch.moved_total.resize(n);
  scratch.moved_size.resize(n);
  for (uint32_t c = 0; c < n; ++c) {
    scratch.moved_total[map[c]] = scratch.total[c];
    scratch.moved_size[map[c]] = scratch.size[c];
  }
  scratch.total.swap(scratch.moved_total);
  scratch.size.swap(scratch.moved_size);
}

// Phase 1: fast local moving.  Visits nodes from a queue (initially all, in random order); a node
// moves to the community of best strictly positive gain (or an empty one), and its neighbours
// outside that community are queued again.  Returns true when any node moved.
bool MoveNodesFast(const WeightedGraph& g, std::vector<uint32_t>& comm, double gamma, Rng& rng,
                   Scratch& scratch) {
  const uint32_t n = g.node_count();
  std::vector<double>& total = scratch.total;
  std::vector<uint32_t>& size = scratch.size;
  total.assign(n, 0);
  size.assign(n, 0);
  for (uint32_t v = 0; v < n; ++v) {
    total[comm[v]] += g.strength[v];
    ++size[comm[v]];
  }
  std::vector<uint32_t>& empty = scratch.empty;
  empty.clear();
  for (uint32_t c = 0; c < n; ++c) {
    if (size[c] == 0) empty.push_back(c);
  }
  std::vector<uint32_t>& queue = scratch.queue;
  const std::vector<uint32_t> order = RandomOrder(n, rng);
  queue.assign(order.begin(), order.end());
  std::vector<char>& queued = scratch.queued;
  queued.assign(n, 1);
  NeighborWeights& nw = scratch.nw;
  nw.Fit(n);
  bool moved = false;
  for (size_t head = 0; head < queue.size(); ++head) {
    if (head == n && n >= scratch.renumber_above) RenumberCommunities(comm, scratch);
    PrefetchVisit(g, queue, head, comm);
    const uint32_t v = queue[head];
    queued[v] = 0;
    const uint32_t from = comm[v];
    const double kv = g.strength[v];
    total[from] -= kv;
    CollectNeighbors(g, v, comm, nw, total.data());
    uint32_t best = from;
    double best_gain = nw.Of(from) - gamma * kv * total[from];
    for (uint32_t c : nw.touched()) {
      const double gain = nw.Of(c) - gamma * kv * total[c];
      if (gain > best_gain) best_gain = gain, best = c;
    }
    nw.Clear();
    if (best_gain < 0 && size[from] > 1 && !empty.empty()) best = empty.back();
    total[best] += kv;
    if (best == from) continue;
    if (size[best] == 0) empty.pop_back();
    if (--size[from] == 0) empty.push_back(from);
    ++size[best];
    comm[v] = best;
    moved = true;
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const uint32_t u = g.neighbors[e];
      if (!queued[u] && comm[u] != best) {
        queued[u] = 1;
        queue.push_back(u);
      }
    }
  }
  return moved;
}

// Sets `r` to the singletons of g, each node's weight to the rest of its community of `comm`.
void StartRefinement(const WeightedGraph& g, const std::vector<uint32_t>& comm, Refinement& r) {
  const uint32_t n = g.node_count();
  r.label.resize(n);
  std::iota(r.label.begin(), r.label.end(), 0);
  r.total = g.strength;
  r.size.assign(n, 1);
  r.to_own.assign(n, 0);
  r.comm_total.assign(n, 0);
  for (uint32_t v = 0; v < n; ++v) {
    r.comm_total[comm[v]] += g.strength[v];
    for (uint64_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      if (comm[g.neighbors[e]] == comm[v]) r.to_own[v] += g.weights[e];
    }
  }
  r.external = r.to_own;
}

// PrefetchVisit for Refine, and the refinement's entries of the node visited kAhead visits from
// now.
void PrefetchRefineVisit(const WeightedGraph& g, const std::vector<uint32_t>& comm,
                         const Refinement& r, const std::vector<uint32_t>& order, size_t i) {
  PrefetchVisit(g, order, i, comm);
  if (i + 2 * kAhead < order.size()) __builtin_prefetch(&r.label[order[i + 2 * kAhead]]);
  if (i + kAhead < order.size()) {
    const uint32_t x = order[i + kAhead];
    __builtin_prefetch(&r.size[r.label[x]]);
    __builtin_prefetch(&r.comm_total[comm[x]]);
    __builtin_prefetch(&r.to_own[x]);
  }
}

// Picks a sub-community for singleton v among the well-connected ones in its community with a
// non-negative gain, with probability proportional to exp(gain / theta); staying has gain 0.
uint32_t ChooseSubCommunity(const Refinement& r, uint32_t v, double kv, double comm_total,
                            const NeighborWeights& nw, double gamma, double theta, Rng& rng,
                            std::vector<std::pair<uint32_t, double>>& options) {
  options.assign(1, {r.label[v], 0.0});
  double max_gain = 0;
  for (uint32_t s : nw.touched()) {
    if (s == r.label[v]) continue;
    if (r.external[s] < gamma * r.total[s] * (comm_total - r.total[s])) continue;
    const double gain = nw.Of(s) - gamma * kv * r.total[s];
    if (gain < 0) continue;
    options.emplace_back(s, gain);
    max_gain = std::max(max_gain, gain);
  }
  double sum = 0;
  for (auto& [s, weight] : options) sum += (weight = std::exp((weight - max_gain) / theta));
  double pick = rng.Uniform() * sum;
  for (const auto& [s, weight] : options) {
    if ((pick -= weight) <= 0) return s;
  }
  return options.back().first;
}

// Phase 2: refinement.  Within each community, singletons that are well connected to it merge
// into well-connected sub-communities, so every sub-community is connected.  Returns the
// sub-community of each node (not normalized).
std::vector<uint32_t> Refine(const WeightedGraph& g, const std::vector<uint32_t>& comm,
                             double gamma, double theta, Rng& rng, Scratch& scratch) {
  Refinement& r = scratch.refinement;
  StartRefinement(g, comm, r);
  NeighborWeights& nw = scratch.nw;
  nw.Fit(g.node_count());
  std::vector<std::pair<uint32_t, double>> options;
  const std::vector<uint32_t> order = RandomOrder(g.node_count(), rng);
  for (size_t i = 0; i < order.size(); ++i) {
    PrefetchRefineVisit(g, comm, r, order, i);
    const uint32_t v = order[i];
    if (r.size[r.label[v]] != 1) continue;
    const double kv = g.strength[v];
    const double ct = r.comm_total[comm[v]];
    if (r.to_own[v] < gamma * kv * (ct - kv)) continue;
    const uint64_t end = g.offsets[v + 1];
    for (uint64_t e = g.offsets[v]; e < end; ++e) {
      if (e + 2 * kAhead < end) {
        const uint32_t x = g.neighbors[e + 2 * kAhead];
        __builtin_prefetch(&comm[x]);
        __builtin_prefetch(&r.label[x]);
      }
      if (e + kAhead < end) {
        const uint32_t x = g.neighbors[e + kAhead];
        if (comm[x] == comm[v]) {
          const uint32_t s = r.label[x];
          nw.Prefetch(s);
          __builtin_prefetch(&r.total[s]);
          __builtin_prefetch(&r.external[s]);
        }
      }
      const uint32_t u = g.neighbors[e];
      if (comm[u] == comm[v]) nw.Add(r.label[u], g.weights[e]);
    }
    const uint32_t s = ChooseSubCommunity(r, v, kv, ct, nw, gamma, theta, rng, options);
    if (s != r.label[v]) {
      r.size[r.label[v]] = 0;
      r.label[v] = s;
      r.total[s] += kv;
      r.external[s] += r.to_own[v] - 2 * nw.Of(s);
      ++r.size[s];
    }
    nw.Clear();
  }
  return std::move(r.label);
}

// Phase 3: sets `a` to one node per group of `group` (normalized, `count` groups), edges summed.
// REQUIRES: `a` is not `g`.
void Aggregate(const WeightedGraph& g, const std::vector<uint32_t>& group, uint32_t count,
               Scratch& scratch, WeightedGraph& a) {
  std::vector<uint32_t>& start = scratch.start;
  std::vector<uint32_t>& members = scratch.members;
  start.assign(size_t{count} + 1, 0);
  members.resize(g.node_count());
  for (uint32_t v = 0; v < g.node_count(); ++v) ++start[group[v] + 1];
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t v = 0; v < g.node_count(); ++v) members[fill[group[v]]++] = v;
  a.offsets.assign(size_t{count} + 1, 0);
  a.self_weight.assign(count, 0);
  a.strength.assign(count, 0);
  a.total_weight = g.total_weight;
  NeighborWeights& nw = scratch.nw;
  nw.Fit(count);
  // At most g's edges: room for them, so that the arrays are never copied as they grow (the first
  // aggregate of a million people's graph has 58 million entries).
  ClearAndReserveHuge(a.neighbors, g.neighbors.size());
  ClearAndReserveHuge(a.weights, g.weights.size());
  for (uint32_t c = 0; c < count; ++c) {
    for (uint32_t k = start[c]; k < start[c + 1]; ++k) {
      PrefetchVisit(g, members, k, group);
      const uint32_t v = members[k];
      a.self_weight[c] += g.self_weight[v];
      a.strength[c] += g.strength[v];
      CollectNeighbors(g, v, group, nw);
    }
    for (uint32_t d : nw.touched()) {
      if (d == c) {
        a.self_weight[c] += nw.Of(d);
        continue;
      }
      a.neighbors.push_back(d);
      a.weights.push_back(nw.Of(d));
    }
    nw.Clear();
    a.offsets[c + 1] = a.neighbors.size();
  }
}

// One Leiden iteration from the partition `comm` of `g` (normalized), which it improves in place.
void Iterate(const WeightedGraph& g, std::vector<uint32_t>& comm, const LeidenOptions& options,
             Rng& rng, Scratch& scratch) {
  const double gamma = options.resolution / g.total_weight;
  const WeightedGraph* level = &g;
  size_t next = 0;  // the buffer of scratch.levels the next aggregate goes to: not *level
  std::vector<uint32_t> node_of(g.node_count());  // original node -> node of `level`
  std::iota(node_of.begin(), node_of.end(), 0);
  std::vector<uint32_t> part = comm;
  for (;;) {
    MoveNodesFast(*level, part, gamma, rng, scratch);
    const uint32_t parts = Normalize(part);
    if (parts == level->node_count()) break;
    std::vector<uint32_t> refined = Refine(*level, part, gamma, options.randomness, rng, scratch);
    uint32_t count = Normalize(refined);
    if (count == level->node_count()) refined = part, count = parts;  // refinement merged nothing
    std::vector<uint32_t> next_part(count);
    for (uint32_t v = 0; v < level->node_count(); ++v) next_part[refined[v]] = part[v];
    for (uint32_t& x : node_of) x = refined[x];
    WeightedGraph& aggregate = scratch.levels[next];
    next ^= 1;
    Aggregate(*level, refined, count, scratch, aggregate);
    level = &aggregate;
    part = std::move(next_part);
  }
  for (uint32_t v = 0; v < g.node_count(); ++v) comm[v] = part[node_of[v]];
  Normalize(comm);
}

}  // namespace

Partition Leiden(const WeightedGraph& graph, const LeidenOptions& options) {
  return internal::LeidenRenumbering(graph, options, internal::kRenumberAbove);
}

Partition internal::LeidenRenumbering(const WeightedGraph& graph, const LeidenOptions& options,
                                      uint32_t renumber_above) {
  Partition p;
  p.community.resize(graph.node_count());
  std::iota(p.community.begin(), p.community.end(), 0);
  if (graph.total_weight > 0) {
    Rng rng(options.seed);
    Scratch scratch;
    scratch.renumber_above = renumber_above;
    double quality = Modularity(graph, p.community, options.resolution);
    for (int i = 0; i < options.max_iterations; ++i) {
      std::vector<uint32_t> before = p.community;
      Iterate(graph, p.community, options, rng, scratch);
      ++p.iterations;
      const double next = Modularity(graph, p.community, options.resolution);
      if (p.community == before || next - quality <= options.min_improvement) break;
      quality = next;
    }
  }
  p.count = SplitDisconnected(graph, p.community);
  p.modularity = Modularity(graph, p.community, options.resolution);
  return p;
}

}  // namespace whoknows::query
