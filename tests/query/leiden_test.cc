// Leiden on graphs whose best partition can be checked by hand, plus Zachary's karate club.
#include "whoknows/query/leiden.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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
