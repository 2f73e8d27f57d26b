// WeightedGraph construction, modularity and the connected-components split used by Leiden.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <thread>
#include <utility>

#include "whoknows/core/huge_pages.h"
#include "whoknows/query/leiden.h"

namespace whoknows::query {
namespace {

// Turns g.offsets[i + 1] = the length of row i into row bounds, allocates the rows (huge pages:
// the arrays are read at random by every algorithm on the graph) and returns each row's start,
// the cursor its entries are written at.
std::vector<uint64_t> AllocateRows(WeightedGraph& g) {
  std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
  AssignHuge(g.neighbors, g.offsets.back(), uint32_t{0});
  AssignHuge(g.weights, g.offsets.back(), 0.0);
  return std::vector<uint64_t>(g.offsets.begin(), g.offsets.end() - 1);
}

// Rows below this many entries in all are built and merged on one thread: the threads would cost
// more than they save (a million people's collaboration graph has 109 million).
constexpr uint64_t kParallelEntries = uint64_t{1} << 22;

// Splits the rows into up to one range per core, cut where the entries before a cut reach its
// share (g.offsets are row bounds): [bounds[k], bounds[k + 1]) for each k.  One range when the
// graph is small.
std::vector<uint32_t> RowRanges(const WeightedGraph& g) {
  const uint32_t n = g.node_count();
  const uint64_t total = g.offsets[n];
  const uint64_t parts =
      total < kParallelEntries ? 1 : std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  std::vector<uint32_t> bounds = {0};
  for (uint64_t k = 1; k < parts; ++k) {
    const auto cut = std::lower_bound(g.offsets.begin(), g.offsets.end(), total * k / parts);
    bounds.push_back(std::max(bounds.back(), static_cast<uint32_t>(cut - g.offsets.begin())));
  }
  bounds.push_back(n);
  return bounds;
}

// Runs fn(lo, hi) for each range of `bounds`, the ranges after the first on threads of their own.
template <typename Fn>
void ForRanges(const std::vector<uint32_t>& bounds, const Fn& fn) {
  std::vector<std::thread> threads;
  for (size_t k = 1; k + 1 < bounds.size(); ++k) threads.emplace_back(fn, bounds[k], bounds[k + 1]);
  fn(bounds[0], bounds[1]);
  for (std::thread& t : threads) t.join();
}

// Sorts each adjacency list by neighbour, sums parallel edges and compacts the arrays.  The rows
// are merged in place on up to one thread per core, each row by itself (so the sums, and the
// graph, do not depend on the threads), then moved together on one.
void MergeParallelEdges(WeightedGraph& g) {
  const uint32_t n = g.node_count();
  std::vector<uint64_t> merged(n);  // row i's length once merged, at its old start
  ForRanges(RowRanges(g), [&g, &merged](uint32_t lo, uint32_t hi) {
    std::vector<std::pair<uint32_t, double>> row;
    for (uint32_t i = lo; i < hi; ++i) {
      row.clear();
      for (uint64_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        row.emplace_back(g.neighbors[e], g.weights[e]);
      }
      std::sort(row.begin(), row.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      uint64_t out = g.offsets[i];
      for (size_t k = 0; k < row.size(); ++k) {
        if (k > 0 && row[k].first == row[k - 1].first) {
          g.weights[out - 1] += row[k].second;
          continue;
        }
        g.neighbors[out] = row[k].first;
        g.weights[out] = row[k].second;
        ++out;
      }
      merged[i] = out - g.offsets[i];
    }
  });
  uint64_t out = 0;
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t begin = g.offsets[i];
    g.offsets[i] = out;
    if (out != begin) {  // out <= begin: moving down never overwrites a row not yet moved
      std::copy(g.neighbors.begin() + begin, g.neighbors.begin() + begin + merged[i],
                g.neighbors.begin() + out);
      std::copy(g.weights.begin() + begin, g.weights.begin() + begin + merged[i],
                g.weights.begin() + out);
    }
    out += merged[i];
  }
  g.offsets[n] = out;
  g.neighbors.resize(out);
  g.weights.resize(out);
}

// Strength and total weight from the merged rows and self-loops.
void SetStrength(WeightedGraph& g) {
  g.strength = g.self_weight;
  for (uint32_t i = 0; i < g.node_count(); ++i) {
    for (uint64_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) g.strength[i] += g.weights[e];
    g.total_weight += g.strength[i];
  }
}

}  // namespace

Result<WeightedGraph> WeightedGraph::FromEdges(uint32_t node_count,
                                               const std::vector<WeightedEdge>& edges) {
  WeightedGraph g;
  g.offsets.assign(size_t{node_count} + 1, 0);
  g.self_weight.assign(node_count, 0);
  for (const WeightedEdge& e : edges) {
    if (e.u >= node_count || e.v >= node_count || !std::isfinite(e.weight) || e.weight < 0) {
      return Status::InvalidArgument("invalid_edge", "edge " + std::to_string(e.u) + "-" +
                                                         std::to_string(e.v) + ": ends must be < " +
                                                         std::to_string(node_count) +
                                                         " and the weight finite and >= 0");
    }
    if (e.u != e.v) {
      ++g.offsets[e.u + 1];
      ++g.offsets[e.v + 1];
    }
  }
  std::vector<uint64_t> fill = AllocateRows(g);
  for (const WeightedEdge& e : edges) {
    if (e.u == e.v) {
      g.self_weight[e.u] += 2 * e.weight;
      continue;
    }
    g.neighbors[fill[e.u]] = e.v;
    g.weights[fill[e.u]++] = e.weight;
    g.neighbors[fill[e.v]] = e.u;
    g.weights[fill[e.v]++] = e.weight;
  }
  MergeParallelEdges(g);
  SetStrength(g);
  return g;
}

// FromEdges adds pair (a, b) to a's row and then to b's, so before merging, the row of a group's
// member holds the group's other members in list order (those before it from the pairs that end
// at it, then those after it), groups in order: exactly what this writes.
WeightedGraph WeightedGraph::FromCliques(uint32_t node_count, const std::vector<uint32_t>& members,
                                         const std::vector<size_t>& start,
                                         const std::vector<double>& weight) {
  WeightedGraph g;
  g.offsets.assign(size_t{node_count} + 1, 0);
  g.self_weight.assign(node_count, 0);
  for (size_t i = 0; i < weight.size(); ++i) {
    const uint64_t others = start[i + 1] - start[i] - 1;
    for (size_t a = start[i]; a < start[i + 1]; ++a) g.offsets[members[a] + 1] += others;
  }
  std::vector<uint64_t> fill = AllocateRows(g);
  // Each thread writes the rows of its range, reading every group: a row is written by one
  // thread, in group order, whatever the number of threads.
  ForRanges(RowRanges(g), [&](uint32_t lo, uint32_t hi) {
    for (size_t i = 0; i < weight.size(); ++i) {
      for (size_t a = start[i]; a < start[i + 1]; ++a) {
        if (members[a] < lo || members[a] >= hi) continue;
        uint64_t& at = fill[members[a]];
        for (size_t b = start[i]; b < start[i + 1]; ++b) {
          if (b == a) continue;
          g.neighbors[at] = members[b];
          g.weights[at++] = weight[i];
        }
      }
    }
  });
  MergeParallelEdges(g);
  SetStrength(g);
  return g;
}

double Modularity(const WeightedGraph& graph, const std::vector<uint32_t>& community,
                  double resolution) {
  if (graph.total_weight <= 0) return 0;
  const uint32_t n = graph.node_count();
  uint32_t k = 0;
  for (uint32_t c : community) k = std::max(k, c + 1);
  std::vector<double> internal(k, 0), total(k, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t c = community[i];
    total[c] += graph.strength[i];
    internal[c] += graph.self_weight[i];
    for (uint64_t e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) {
      if (community[graph.neighbors[e]] == c) internal[c] += graph.weights[e];
    }
  }
  const double m2 = graph.total_weight;
  double q = 0;
  for (uint32_t c = 0; c < k; ++c) {
    q += internal[c] / m2 - resolution * (total[c] / m2) * (total[c] / m2);
  }
  return q;
}

uint32_t SplitDisconnected(const WeightedGraph& graph, std::vector<uint32_t>& community) {
  const uint32_t n = graph.node_count();
  constexpr uint32_t kUnset = UINT32_MAX;
  std::vector<uint32_t> result(n, kUnset);
  std::vector<uint32_t> stack;
  uint32_t next = 0;
  for (uint32_t s = 0; s < n; ++s) {
    if (result[s] != kUnset) continue;
    // Flood fill over edges that stay inside s's community.
    result[s] = next;
    stack.push_back(s);
    while (!stack.empty()) {
      const uint32_t i = stack.back();
      stack.pop_back();
      for (uint64_t e = graph.offsets[i]; e < graph.offsets[i + 1]; ++e) {
        const uint32_t j = graph.neighbors[e];
        if (result[j] == kUnset && community[j] == community[s]) {
          result[j] = next;
          stack.push_back(j);
        }
      }
    }
    ++next;
  }
  community = std::move(result);
  return next;
}

}  // namespace whoknows::query
