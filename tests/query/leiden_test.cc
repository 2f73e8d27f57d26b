// Leiden on graphs whose best partition can be checked by hand, plus Zachary's karate club.
#include "whoknows/query/leiden.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <sstream>
#include <tuple>

#include "../../src/query/leiden_internal.h"
#include "../../src/query/visit_order.h"
#include "whoknows/query/edge_list.h"

namespace whoknows::query {
namespace {

WeightedGraph Build(uint32_t n, const std::vector<WeightedEdge>& edges) {
  auto g = WeightedGraph::FromEdges(n, edges);
  REQUIRE(g.ok());
  return std::move(g).value();
}

// k cliques of size s; clique i is joined to clique i+1 by one edge (a ring when `ring`).
std::vector<WeightedEdge> Cliques(uint32_t k, uint32_t s, bool ring) {
  std::vector<WeightedEdge> edges;
  for (uint32_t c = 0; c < k; ++c) {
    for (uint32_t i = 0; i < s; ++i) {
      for (uint32_t j = i + 1; j < s; ++j) edges.push_back({c * s + i, c * s + j, 1});
    }
    if (c + 1 < k || ring) edges.push_back({c * s, ((c + 1) % k) * s + 1, 1});
  }
  return edges;
}

// Modularity straight from the definition over the edge list, independent of WeightedGraph.
double DefinitionModularity(uint32_t n, const std::vector<WeightedEdge>& edges,
                            const std::vector<uint32_t>& c, double gamma = 1) {
  std::vector<std::vector<double>> a(n, std::vector<double>(n, 0));
  for (const auto& e : edges) {
    a[e.u][e.v] += e.weight;
    a[e.v][e.u] += e.weight;
  }
  std::vector<double> k(n, 0);
  double m2 = 0;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = 0; j < n; ++j) k[i] += a[i][j];
    m2 += k[i];
  }
  double q = 0;
  for (uint32_t i = 0; i < n; ++i) {
    for (uint32_t j = 0; j < n; ++j) {
      if (c[i] == c[j]) q += a[i][j] - gamma * k[i] * k[j] / m2;
    }
  }
  return q / m2;
}

// True when every community induces a connected subgraph.
bool AllConnected(const WeightedGraph& g, const std::vector<uint32_t>& community) {
  std::vector<uint32_t> split = community;
  std::set<uint32_t> distinct(community.begin(), community.end());
  return SplitDisconnected(g, split) == distinct.size();
}

EdgeList ReadKarate() {
  std::ifstream in(std::string(WHOKNOWS_SOURCE_DIR) + "/tests/support/karate-club/edges.tsv");
  REQUIRE(in.good());
  auto list = ReadEdgeList(in);
  REQUIRE(list.ok());
  return std::move(list).value();
}

TEST_CASE("leiden splits two cliques joined by one edge", "[query][leiden]") {
  const auto edges = Cliques(2, 5, false);
  const WeightedGraph g = Build(10, edges);
  const Partition p = Leiden(g, {});
  REQUIRE(p.count == 2);
  for (uint32_t i = 0; i < 5; ++i) {
    CHECK(p.community[i] == p.community[0]);
    CHECK(p.community[5 + i] == p.community[5]);
  }
  CHECK(p.community[0] != p.community[5]);
  CHECK(p.modularity == Approx(DefinitionModularity(10, edges, p.community)));
}

TEST_CASE("leiden finds each clique of a ring of cliques", "[query][leiden]") {
  // 12 cliques of 5: below the resolution limit, so at gamma = 1 each clique is a community.
  const auto edges = Cliques(12, 5, true);
  const WeightedGraph g = Build(60, edges);
  const Partition p = Leiden(g, {});
  CHECK(p.count == 12);
  for (uint32_t i = 0; i < 60; ++i) CHECK(p.community[i] == p.community[i / 5 * 5]);
  CHECK(p.modularity == Approx(DefinitionModularity(60, edges, p.community)));
  // 40 cliques of 3 is past the resolution limit at gamma = 1 (pairs of cliques merge); a higher
  // resolution separates them again.
  const auto small = Cliques(40, 3, true);
  const WeightedGraph h = Build(120, small);
  CHECK(Leiden(h, {}).count < 40);
  LeidenOptions sharp;
  sharp.resolution = 8;
  CHECK(Leiden(h, sharp).count == 40);
}

TEST_CASE("leiden's visit order is a permutation shuffled in blocks above 4,096 nodes",
          "[query][leiden]") {
  using whoknows::query::internal::kOrderBlock;
  using whoknows::query::internal::VisitOrder;
  uint64_t x = 7;
  auto below = [&](uint32_t i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((x >> 33) % i);
  };
  for (uint32_t n : {0u, 1u, 5u, kOrderBlock, kOrderBlock + 1, 10005u}) {
    std::vector<uint32_t> order = VisitOrder(n, below);
    std::vector<uint32_t> sorted = order;
    std::sort(sorted.begin(), sorted.end());
    std::vector<uint32_t> all(n);
    std::iota(all.begin(), all.end(), 0);
    REQUIRE(sorted == all);
    if (n <= kOrderBlock) continue;
    // Each run of positions [k * block, (k + 1) * block) holds one block's nodes, except that a
    // short last block shifts the runs after it; so check block by block as they come.
    size_t at = 0, moved = 0;
    while (at < n) {
      const uint32_t b = order[at] / kOrderBlock;
      const size_t size = std::min<size_t>(kOrderBlock, n - size_t{b} * kOrderBlock);
      for (size_t i = at; i < at + size; ++i) REQUIRE(order[i] / kOrderBlock == b);
      for (size_t i = at; i < at + size; ++i) moved += order[i] != b * kOrderBlock + (i - at);
      at += size;
    }
    CHECK(moved > n / 2);  // shuffled inside the blocks
  }
  // Up to a block: Fisher-Yates with the same draws.
  x = 7;
  std::vector<uint32_t> expected(100);
  std::iota(expected.begin(), expected.end(), 0);
  for (uint32_t i = 100; i > 1; --i) std::swap(expected[i - 1], expected[below(i)]);
  x = 7;
  CHECK(VisitOrder(100, below) == expected);
}

TEST_CASE("leiden visits every node of a graph larger than its order's blocks", "[query][leiden]") {
  // 2,001 cliques of 5 in a ring, 10,005 nodes: the visit order is shuffled in blocks of 4,096
  // (two full blocks and a partial one).  A node left out of the order would stay alone.
  // 2,001 cliques are past the resolution limit at gamma = 1.  At 500 joining two neighbouring
  // cliques (1 tie, strengths 22 each, 2m = 44,022) costs 500 * 22 * 22 / 2m = 5.5 > 1 and
  // splitting one gives up at least 4 ties for at most 500 * 9 * 13 / 2m = 1.3: each clique is a
  // community.
  const uint32_t cliques = 2001;
  const auto edges = Cliques(cliques, 5, true);
  const WeightedGraph g = Build(cliques * 5, edges);
  LeidenOptions sharp;
  sharp.resolution = 500;
  const Partition p = Leiden(g, sharp);
  CHECK(p.count == cliques);
  for (uint32_t i = 0; i < cliques * 5; ++i) REQUIRE(p.community[i] == p.community[i / 5 * 5]);
  CHECK(p.community == Leiden(g, sharp).community);
  // At gamma = 1 cliques merge, but every node still joins a community of more than itself.
  const Partition merged = Leiden(g, {});
  CHECK(merged.count < cliques);
  std::vector<uint32_t> size(merged.count, 0);
  for (uint32_t c : merged.community) ++size[c];
  for (uint32_t c = 0; c < merged.count; ++c) CHECK(size[c] >= 5);
}

TEST_CASE("renumbering the communities in local moving changes no partition, bit for bit",
          "[query][leiden]") {
  // Random graphs with weights (a sparse one, and a denser one of groups with ties between them),
  // and the karate club: Leiden renumbering on every level (0) against never (UINT32_MAX).  A
  // renumbering that lost a community's total, size or place among the empty ones would change
  // gains and choices, and so the partition.
  auto random_graph = [](uint32_t n, int edges, uint32_t group, uint64_t x) {
    std::vector<WeightedEdge> list;
    for (int i = 0; i < edges; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const uint32_t u = static_cast<uint32_t>((x >> 33) % n);
      const bool inside = (x >> 20) % 4 != 0;  // three ties in four stay in u's group
      const uint32_t v = inside ? u / group * group + static_cast<uint32_t>((x >> 8) % group)
                                : static_cast<uint32_t>((x >> 13) % n);
      list.push_back({u, std::min(v, n - 1), 1.0 + static_cast<double>((x >> 5) % 4) / 3});
    }
    return Build(n, list);
  };
  const EdgeList karate = ReadKarate();
  const std::vector<WeightedGraph> graphs = {
      random_graph(300, 900, 300, 42), random_graph(5000, 40000, 25, 7),
      Build(static_cast<uint32_t>(karate.names.size()), karate.edges)};
  for (size_t i = 0; i < graphs.size(); ++i) {
    for (uint64_t seed = 1; seed <= 3; ++seed) {
      INFO("graph " << i << ", seed " << seed);
      LeidenOptions o;
      o.seed = seed;
      const Partition always = internal::LeidenRenumbering(graphs[i], o, 0);
      const Partition never = internal::LeidenRenumbering(graphs[i], o, UINT32_MAX);
      CHECK(always.community == never.community);
      CHECK(always.modularity == never.modularity);
      CHECK(always.iterations == never.iterations);
      CHECK(never.community == Leiden(graphs[i], o).community);  // below the threshold
    }
  }
}

TEST_CASE("leiden keeps disconnected parts and isolated nodes apart", "[query][leiden]") {
  std::vector<WeightedEdge> edges = Cliques(2, 4, false);
  edges.erase(edges.end() - 1);              // no bridge: two components
  const WeightedGraph g = Build(10, edges);  // nodes 8 and 9 isolated
  const Partition p = Leiden(g, {});
  CHECK(p.count == 4);
  CHECK(p.community[8] != p.community[9]);
  CHECK(p.community[0] != p.community[4]);
  CHECK(AllConnected(g, p.community));
  CHECK(Leiden(Build(3, {}), {}).count == 3);
}

TEST_CASE("leiden communities are connected and the result is deterministic for a seed",
          "[query][leiden]") {
  // A sparse random graph with weights: many chances for a badly connected community.
  std::vector<WeightedEdge> edges;
  uint64_t x = 42;
  for (int i = 0; i < 900; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    edges.push_back({static_cast<uint32_t>((x >> 33) % 300), static_cast<uint32_t>((x >> 13) % 300),
                     1.0 + static_cast<double>((x >> 5) % 4)});
  }
  const WeightedGraph g = Build(300, edges);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    LeidenOptions o;
    o.seed = seed;
    const Partition p = Leiden(g, o);
    CHECK(AllConnected(g, p.community));
    CHECK(p.modularity == Approx(DefinitionModularity(300, edges, p.community)));
    CHECK(p.community == Leiden(g, o).community);
  }
}

TEST_CASE("modularity counts a self-loop twice in the strength", "[query][leiden]") {
  const WeightedGraph g = Build(2, {{0, 0, 1}, {0, 1, 1}});
  CHECK(g.strength[0] == 3);
  CHECK(g.total_weight == 4);
  // All in one community: Q = (2 + 2) / 4 - 1 = 0.
  CHECK(Modularity(g, {0, 0}) == Approx(0).margin(1e-12));
  CHECK_FALSE(WeightedGraph::FromEdges(2, {{0, 2, 1}}).ok());
  CHECK_FALSE(WeightedGraph::FromEdges(2, {{0, 1, -1}}).ok());
}

// Groups in WeightedGraph::FromCliques's form: group i is members[start[i], start[i + 1]).
struct Groups {
  std::vector<uint32_t> members;
  std::vector<size_t> start{0};
  std::vector<double> weight;

  void Add(const std::vector<uint32_t>& m, double w) {
    members.insert(members.end(), m.begin(), m.end());
    start.push_back(members.size());
    weight.push_back(w);
  }
  WeightedGraph Graph(uint32_t n) const {
    return WeightedGraph::FromCliques(n, members, start, weight);
  }
};

TEST_CASE("a graph built from cliques is the graph of all their pairs, bit for bit",
          "[query][leiden]") {
  // Overlapping groups of 1-12 members with weights such as 1/3, so that parallel ties are summed
  // in an order that shows in the last bits if it differs.
  std::mt19937_64 rng(7);
  const uint32_t n = 200;
  Groups groups;
  std::vector<WeightedEdge> pairs;
  for (int group = 0; group < 400; ++group) {
    std::vector<uint32_t> m(n);
    std::iota(m.begin(), m.end(), 0);
    std::shuffle(m.begin(), m.end(), rng);
    m.resize(1 + rng() % 12);
    const double w = 1.0 / static_cast<double>(1 + rng() % 7);
    for (size_t a = 0; a < m.size(); ++a) {
      for (size_t b = a + 1; b < m.size(); ++b) pairs.push_back({m[a], m[b], w});
    }
    groups.Add(m, w);
  }
  const WeightedGraph want = Build(n, pairs);
  const WeightedGraph got = groups.Graph(n);
  CHECK(got.offsets == want.offsets);
  CHECK(got.neighbors == want.neighbors);
  CHECK(got.weights == want.weights);
  CHECK(got.strength == want.strength);
  CHECK(got.total_weight == want.total_weight);
  CHECK(WeightedGraph::FromCliques(3, {}, {0}, {}).total_weight == 0);
}

TEST_CASE("a graph of millions of ties, built and merged on every core, has each pair once",
          "[query][leiden]") {
  // Past 2^22 row entries the rows are written and merged on one thread per core
  // (weighted_graph.cc).  Weights are powers of two (groups of 2, 3, 5, 9 and 17 people), so a
  // tie's sum is exact in any order and the reference, from sorted pairs, must equal it bit for
  // bit.
  std::mt19937_64 rng(11);
  const uint32_t n = 60000;
  Groups groups;
  std::vector<std::tuple<uint32_t, uint32_t, double>> pairs;  // both directions
  while (groups.members.size() < 500000) {
    const uint32_t size = (1u << (1 + rng() % 5)) / 2 + 1;  // 2, 3, 5, 9, 17
    const uint32_t base = static_cast<uint32_t>(rng() % (n - 200));
    std::vector<uint32_t> m;
    while (m.size() < size) {
      const uint32_t v = base + static_cast<uint32_t>(rng() % 200);  // near: many repeated ties
      if (std::find(m.begin(), m.end(), v) == m.end()) m.push_back(v);
    }
    const double w = 1.0 / static_cast<double>(size - 1);
    for (uint32_t a : m) {
      for (uint32_t b : m) {
        if (a != b) pairs.emplace_back(a, b, w);
      }
    }
    groups.Add(m, w);
  }
  REQUIRE(pairs.size() > (size_t{1} << 22));
  std::sort(pairs.begin(), pairs.end());
  std::vector<uint64_t> offsets(n + 1, 0);
  std::vector<uint32_t> neighbors;
  std::vector<double> weights;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const auto& [a, b, w] = pairs[i];
    if (i > 0 && std::get<0>(pairs[i - 1]) == a && std::get<1>(pairs[i - 1]) == b) {
      weights.back() += w;
      continue;
    }
    ++offsets[a + 1];
    neighbors.push_back(b);
    weights.push_back(w);
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  const WeightedGraph got = groups.Graph(n);
  CHECK(got.offsets == offsets);
  CHECK(got.neighbors == neighbors);
  CHECK(got.weights == weights);
  CHECK(got.total_weight == std::accumulate(weights.begin(), weights.end(), 0.0));
}

TEST_CASE("leiden reaches the known optimum modularity on the karate club", "[query][leiden]") {
  const EdgeList list = ReadKarate();
  REQUIRE(list.names.size() == 34);
  REQUIRE(list.edges.size() == 78);
  const WeightedGraph weighted = Build(34, list.edges);
  std::vector<WeightedEdge> plain = list.edges;
  for (auto& e : plain) e.weight = 1;
  const WeightedGraph unweighted = Build(34, plain);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    LeidenOptions o;
    o.seed = seed;
    const Partition w = Leiden(weighted, o);
    const Partition u = Leiden(unweighted, o);
    CHECK(w.modularity >= 0.4449 * 0.99);
    CHECK(u.modularity >= 0.4198 * 0.99);
    CHECK(w.modularity == Approx(DefinitionModularity(34, list.edges, w.community)));
    CHECK(AllConnected(weighted, w.community));
  }
}

TEST_CASE("edge lists name nodes by label and refuse bad weights", "[query][leiden]") {
  std::istringstream ok("a\tb\tw\nx\ty\t2.5\ny\tz\n# comment\n\nz\tx\t1\n");
  auto list = ReadEdgeList(ok);
  REQUIRE(list.ok());
  CHECK(list->names == std::vector<std::string>{"x", "y", "z"});
  REQUIRE(list->edges.size() == 3);
  CHECK(list->edges[0].weight == 2.5);
  CHECK(list->edges[1].weight == 1);
  std::istringstream bad("s\tt\tw\nx\ty\tabc\n");
  auto refused = ReadEdgeList(bad);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.status().message().find("line 2") != std::string::npos);
}

}  // namespace
}  // namespace whoknows::query
