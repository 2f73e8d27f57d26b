// WeightedGraph construction, modularity and the connected-components split used by Leiden.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <utility>

#include "whoknows/core/huge_pages.h"
#include "whoknows/core/parallel.h"
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

// Rows below this much work in all (entries to gather or merge) are built on one thread: the
// threads would cost more than they save (a million people's collaboration graph has 109 million
// entries).
constexpr double kParallelEntries = 1 << 22;

// Splits rows 0..n-1, whose bounds are `offsets` (n + 1 entries, row i's work in
// [offsets[i], offsets[i + 1])), into up to one range per core, cut where the work before a cut
// reaches its share: [bounds[k], bounds[k + 1]) for each k.  One range when the work is small.
std::vector<uint32_t> RowRanges(const std::vector<uint64_t>& offsets) {
  const auto n = static_cast<uint32_t>(offsets.size() - 1);
  const uint64_t total = offsets[n];
  const uint64_t parts = WorkersFor(static_cast<double>(total), kParallelEntries);
  std::vector<uint32_t> bounds = {0};
  for (uint64_t k = 1; k < parts; ++k) {
    const auto cut = std::lower_bound(offsets.begin(), offsets.end(), total * k / parts);
    bounds.push_back(std::max(bounds.back(), static_cast<uint32_t>(cut - offsets.begin())));
  }
  bounds.push_back(n);
  return bounds;
}

// Runs fn(lo, hi) for each range of `bounds`, the ranges after the first on threads of their own.
template <typename Fn>
void ForRanges(const std::vector<uint32_t>& bounds, const Fn& fn) {
  RunParts(bounds.size() - 1, [&](size_t k) { fn(bounds[k], bounds[k + 1]); });
}

// Sorts each adjacency list by neighbour, sums parallel edges in the order they are in the row
// (a stable sort: FromCliques sums in that order too) and compacts the arrays.  The rows are
// merged in place on up to one thread per core, each row by itself (so the sums, and the graph,
// do not depend on the threads), then moved together on one.
void MergeParallelEdges(WeightedGraph& g) {
  const uint32_t n = g.node_count();
  std::vector<uint64_t> merged(n);  // row i's length once merged, at its old start
  ForRanges(RowRanges(g.offsets), [&g, &merged](uint32_t lo, uint32_t hi) {
    std::vector<std::pair<uint32_t, double>> row;
    for (uint32_t i = lo; i < hi; ++i) {
      row.clear();
      for (uint64_t e = g.offsets[i]; e < g.offsets[i + 1]; ++e) {
        row.emplace_back(g.neighbors[e], g.weights[e]);
      }
      std::stable_sort(row.begin(), row.end(),
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

// The groups each node is in, ascending: node v's are group[first[v], first[v + 1]).  `work`
// bounds the nodes' rows the same way with the sizes of their groups: a row's cost to gather.
struct Memberships {
  std::vector<uint64_t> first;
  std::vector<uint32_t> group;
  std::vector<uint64_t> work;
};

// REQUIRES: fewer than 2^32 groups (a group's number is kept in 4 bytes).
Memberships GroupsOfEachNode(uint32_t node_count, const std::vector<uint32_t>& members,
                             const std::vector<size_t>& start) {
  Memberships in;
  in.first.assign(size_t{node_count} + 1, 0);
  in.work.assign(size_t{node_count} + 1, 0);
  for (size_t i = 0; i + 1 < start.size(); ++i) {
    for (size_t a = start[i]; a < start[i + 1]; ++a) {
      ++in.first[members[a] + 1];
      in.work[members[a] + 1] += start[i + 1] - start[i];
    }
  }
  std::partial_sum(in.first.begin(), in.first.end(), in.first.begin());
  std::partial_sum(in.work.begin(), in.work.end(), in.work.begin());
  in.group.resize(members.size());
  std::vector<uint64_t> fill(in.first.begin(), in.first.end() - 1);
  for (size_t i = 0; i + 1 < start.size(); ++i) {
    for (size_t a = start[i]; a < start[i + 1]; ++a) {
      in.group[fill[members[a]]++] = static_cast<uint32_t>(i);
    }
  }
  return in;
}

// Calls fn(u, i) for each other member u of each group i of v: groups in order, each group's
// members in list order (the order of v's row in FromEdges, before its merge).
template <typename Fn>
void ForEachTie(uint32_t v, const Memberships& in, const std::vector<uint32_t>& members,
                const std::vector<size_t>& start, const Fn& fn) {
  for (uint64_t k = in.first[v]; k < in.first[v + 1]; ++k) {
    const uint32_t i = in.group[k];
    for (size_t a = start[i]; a < start[i + 1]; ++a) {
      if (members[a] != v) fn(members[a], i);
    }
  }
}

constexpr uint32_t kNoRow = UINT32_MAX;

// Sets g.offsets[v + 1] to the number of v's distinct neighbours, for v in [lo, hi).
// `mark[u] == v` says that u was counted for v already (rows are counted once each, so no array
// is cleared between rows).
void CountRows(uint32_t lo, uint32_t hi, const Memberships& in,
               const std::vector<uint32_t>& members, const std::vector<size_t>& start,
               WeightedGraph& g) {
  std::vector<uint32_t> mark(g.node_count(), kNoRow);
  for (uint32_t v = lo; v < hi; ++v) {
    uint64_t count = 0;
    ForEachTie(v, in, members, start, [&](uint32_t u, uint32_t) {
      if (mark[u] != v) mark[u] = v, ++count;
    });
    g.offsets[v + 1] = count;
  }
}

// Writes the rows of [lo, hi) where g.offsets puts them: each neighbour once, at its first
// appearance, its groups' weights summed in group order; then each row sorted by neighbour.
void WriteRows(uint32_t lo, uint32_t hi, const Memberships& in,
               const std::vector<uint32_t>& members, const std::vector<size_t>& start,
               const std::vector<double>& weight, WeightedGraph& g) {
  std::vector<uint32_t> mark(g.node_count(), kNoRow);
  std::vector<uint64_t> at(g.node_count());
  std::vector<std::pair<uint32_t, double>> row;
  for (uint32_t v = lo; v < hi; ++v) {
    uint64_t end = g.offsets[v];
    ForEachTie(v, in, members, start, [&](uint32_t u, uint32_t i) {
      if (mark[u] == v) {
        g.weights[at[u]] += weight[i];
        return;
      }
      mark[u] = v;
      at[u] = end;
      g.neighbors[end] = u;
      g.weights[end++] = weight[i];
    });
    row.clear();
    for (uint64_t e = g.offsets[v]; e < end; ++e) row.emplace_back(g.neighbors[e], g.weights[e]);
    std::sort(row.begin(), row.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });  // distinct keys
    for (size_t k = 0; k < row.size(); ++k) {
      g.neighbors[g.offsets[v] + k] = row[k].first;
      g.weights[g.offsets[v] + k] = row[k].second;
    }
  }
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
// at it, then those after it), groups in order; its merge sums each neighbour's weights in that
// order.  This sums them in the same order, group by group, without writing the unmerged rows
// (on a million people 143 million entries, 1.7 GB of fresh pages, zeroed and then filled): each
// row is gathered from its node's groups twice, once to count its neighbours and once to write
// them where the counts put them, on up to one thread per core (each row by one thread, so the
// graph does not depend on the threads).
WeightedGraph WeightedGraph::FromCliques(uint32_t node_count, const std::vector<uint32_t>& members,
                                         const std::vector<size_t>& start,
                                         const std::vector<double>& weight) {
  WeightedGraph g;
  g.self_weight.assign(node_count, 0);
  const Memberships in = GroupsOfEachNode(node_count, members, start);
  const std::vector<uint32_t> ranges = RowRanges(in.work);
  g.offsets.assign(size_t{node_count} + 1, 0);
  ForRanges(ranges, [&](uint32_t lo, uint32_t hi) { CountRows(lo, hi, in, members, start, g); });
  std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
  AssignHuge(g.neighbors, g.offsets.back(), uint32_t{0});
  AssignHuge(g.weights, g.offsets.back(), 0.0);
  ForRanges(ranges,
            [&](uint32_t lo, uint32_t hi) { WriteRows(lo, hi, in, members, start, weight, g); });
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
