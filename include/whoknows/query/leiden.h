// Leiden community detection (Traag, Waltman, van Eck 2019, "From Louvain to Leiden: guaranteeing
// well-connected communities") over a plain weighted undirected graph, with modularity (and a
// resolution parameter) as the quality function.  Independent of the expertise graph: anything that
// can be written as an edge list can be clustered (see collaboration.h for the people graph).
#ifndef WHOKNOWS_QUERY_LEIDEN_H_
#define WHOKNOWS_QUERY_LEIDEN_H_

#include <cstdint>
#include <vector>

#include "whoknows/core/result.h"

namespace whoknows::query {

struct WeightedEdge {
  uint32_t u = 0;
  uint32_t v = 0;
  double weight = 1.0;
};

// An undirected weighted graph in CSR form.  Invariants: `offsets` has node_count()+1 entries;
// the neighbours of i are neighbors[offsets[i] .. offsets[i+1]) with their `weights`, every edge
// {i, j} (i != j) appears in both lists exactly once (duplicates summed); self-loops are kept
// apart in `self_weight` as A_ii.  `strength[i]` = self_weight[i] + the sum of i's weights, and
// `total_weight` = the sum of strengths (= 2m).
struct WeightedGraph {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> neighbors;
  std::vector<double> weights;
  std::vector<double> self_weight;
  std::vector<double> strength;
  double total_weight = 0;

  uint32_t node_count() const { return static_cast<uint32_t>(self_weight.size()); }

  // Builds the graph on nodes 0..node_count-1, each row sorted by neighbour.  Parallel edges are
  // summed, in the order `edges` gives them; a self-loop {u, u, w}
  // counts twice in u's strength (A_uu = 2w), as networkx and igraph count it.  InvalidArgument
  // "invalid_edge" when an end is >= node_count or a weight is negative or not finite.
  static Result<WeightedGraph> FromEdges(uint32_t node_count,
                                         const std::vector<WeightedEdge>& edges);
  // Builds the graph in which group i, members[start[i], start[i + 1]), ties every pair of its
  // members with weight[i]: the same graph, bit for bit, as FromEdges on every pair of every
  // group (groups in order, pair (a, b) for a before b in list order), without that edge list
  // (16 bytes a pair; a million people's collaboration has 60 million pairs) and without rows
  // that hold a tie once per group before they are merged: the arrays are written once, at their
  // final size.  Rows are gathered on one thread per core past 2^22 entries (same graph).
  // REQUIRES: start.size() == weight.size() + 1, start[0] == 0, start.back() == members.size();
  // fewer than 2^32 groups; members < node_count and distinct within a group; weights finite
  // and >= 0.
  static WeightedGraph FromCliques(uint32_t node_count, const std::vector<uint32_t>& members,
                                   const std::vector<size_t>& start,
                                   const std::vector<double>& weight);
};

struct LeidenOptions {
  // gamma in Q = 1/2m sum_ij (A_ij - gamma k_i k_j / 2m) delta(c_i, c_j); higher finds smaller
  // communities.  REQUIRES: > 0.
  double resolution = 1.0;
  uint64_t seed = 1;
  // theta of the refinement phase: how random the merge of a node into a sub-community is, in
  // units of edge weight (0.01 as in the paper and igraph: nearly greedy).
  double randomness = 0.01;
  // Leiden iterations, each starting from the previous partition; stops early when an iteration
  // changes nothing.  Every iteration can only keep or improve the partition.
  int max_iterations = 50;
  // ... and stops when an iteration raises modularity by no more than this (later iterations of
  // a converged run only shuffle nodes between equally good communities).  0 = only when the
  // partition stops changing.
  double min_improvement = 1e-4;
};

struct Partition {
  std::vector<uint32_t> community;  // per node, 0..count-1, numbered by first appearance
  uint32_t count = 0;
  double modularity = 0;
  int iterations = 0;  // Leiden iterations run
};

// Deterministic for a given graph, options and seed (own PRNG; no global state).  Every community
// of the result induces a connected subgraph (disconnected parts are split, which never lowers
// modularity).  Isolated nodes are communities of their own.
Partition Leiden(const WeightedGraph& graph, const LeidenOptions& options);

// Modularity of `community` (one entry per node) at `resolution`; 0 for a graph without edges.
double Modularity(const WeightedGraph& graph, const std::vector<uint32_t>& community,
                  double resolution = 1.0);

// Renumbers communities 0..k-1 by first appearance, splitting any community that is not connected
// in `graph` into its connected components.  Returns k.
uint32_t SplitDisconnected(const WeightedGraph& graph, std::vector<uint32_t>& community);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_LEIDEN_H_
