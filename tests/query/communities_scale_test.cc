// The fast paths of community detection against the straightforward computations they replaced:
// batched betweenness on several threads against the textbook Brandes pass, the collaboration
// graph read on several threads against its pairs built one item at a time.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

#include "query/test_graph.h"
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

// Nodes 0..n-1 on a path, then `isolated` nodes without ties.
WeightedGraph Path(uint32_t n, uint32_t isolated = 0) {
  std::vector<WeightedEdge> edges;
  for (uint32_t v = 0; v + 1 < n; ++v) edges.push_back({v, v + 1, 1});
  return WeightedGraph::FromEdges(n + isolated, edges).value();
}

// A chain of `k` diamonds a-{b,c}-d: the number of shortest paths doubles at each, so sigma
// passes 2^53 after 53 of them.
WeightedGraph Diamonds(uint32_t k) {
  std::vector<WeightedEdge> edges;
  for (uint32_t i = 0; i < k; ++i) {
    const uint32_t a = 3 * i;
    edges.insert(edges.end(), {{a, a + 1, 1}, {a, a + 2, 1}, {a + 1, a + 3, 1}, {a + 2, a + 3, 1}});
  }
  return WeightedGraph::FromEdges(3 * k + 1, edges).value();
}

// The batched pass adds each node's dependencies in another order than the textbook pass (it
// pulls them along v's adjacency list, the textbook pushes them from w in reverse BFS order), so
// the scores may differ in their last bits: every term is the same, every sum is of non-negative
// terms, and reordering a sum of k non-negative doubles moves it by at most ~2k ulps of the sum.
// 1e-12 of the largest score bounds that with room for the graphs here (k < 10^3, each delta a
// sum over at most a few hundred successors, nested at most a few dozen levels deep).  Zero stays
// exactly zero (no shortest path through the node in either).
void CheckCloseTo(const std::vector<double>& actual, const std::vector<double>& reference,
                  double tolerance = 1e-12) {
  REQUIRE(actual.size() == reference.size());
  const double largest = *std::max_element(reference.begin(), reference.end());
  for (size_t v = 0; v < actual.size(); ++v) {
    INFO("node " << v << ": " << actual[v] << " vs " << reference[v]);
    CHECK((actual[v] == 0) == (reference[v] == 0));
    CHECK(std::abs(actual[v] - reference[v]) <= tolerance * largest);
  }
}

// The people whose score is in the top decile of the non-zero ones (the broker threshold of
// communities.cc).
std::vector<uint32_t> TopDecile(const std::vector<double>& score) {
  std::vector<double> nonzero;
  for (double x : score) {
    if (x != 0) nonzero.push_back(x);
  }
  std::vector<uint32_t> top;
  if (nonzero.empty()) return top;
  std::nth_element(nonzero.begin(), nonzero.begin() + nonzero.size() * 9 / 10, nonzero.end());
  const double threshold = nonzero[nonzero.size() * 9 / 10];
  for (uint32_t v = 0; v < score.size(); ++v) {
    if (score[v] >= threshold) top.push_back(v);
  }
  return top;
}

// Exact (every source) and sampled (37 and 150 sources: one batch of 37, or batches that 150 does
// not fill evenly on 1-3 threads), against the reference; the same scores, bit for bit, whatever
// the number of threads.
void CheckAgainstReference(const WeightedGraph& g, uint64_t seed) {
  for (size_t samples : {size_t{0}, size_t{37}, size_t{150}}) {
    const size_t exact_limit = samples == 0 ? 100000 : 2;
    const std::vector<double> reference = ReferenceBetweenness(g, exact_limit, samples, seed);
    const std::vector<double> one = Betweenness(g, exact_limit, samples, seed, 1);
    INFO("samples " << samples);
    CheckCloseTo(one, reference);
    CHECK(TopDecile(one) == TopDecile(reference));
    for (unsigned threads : {0u, 2u, 3u}) {
      INFO("threads " << threads);
      CHECK(Betweenness(g, exact_limit, samples, seed, threads) == one);
    }
  }
}

}  // namespace

TEST_CASE("batched betweenness equals the textbook pass on random clique graphs",
          "[query][communities]") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    const WeightedGraph g = RandomCliques(300 + 100 * static_cast<uint32_t>(seed), 120, seed);
    const std::vector<double> exact = ReferenceBetweenness(g, 10000, 0, seed);
    REQUIRE(std::count_if(exact.begin(), exact.end(), [](double x) { return x > 0; }) > 100);
    CheckAgainstReference(g, seed);
  }
}

TEST_CASE("batched betweenness on several components, isolated nodes and 64+ sources",
          "[query][communities]") {
  // Sparse cliques over 700 nodes: several components and isolated nodes (the last 5 never
  // appear in a group); exact mode runs 700 sources in 11 batches.
  const WeightedGraph g = RandomCliques(700, 60, 9);
  uint32_t isolated = 0;
  for (uint32_t v = 0; v < g.node_count(); ++v) isolated += g.offsets[v] == g.offsets[v + 1];
  REQUIRE(isolated >= 5);
  CheckAgainstReference(g, 9);
  const std::vector<double> score = Betweenness(g, 100000, 0, 1, 1);
  for (uint32_t v = 0; v < g.node_count(); ++v) {
    if (g.offsets[v] == g.offsets[v + 1]) CHECK(score[v] == 0);
  }
}

TEST_CASE("batched betweenness on a path, a star and a complete graph", "[query][communities]") {
  // A path of 150: node i lies on i x (149 - i) pairs; one shortest path per pair, so every sum
  // is of integers and exact in any order.  150 sources: three batches; 5 isolated nodes.
  const WeightedGraph path = Path(150, 5);
  for (unsigned threads : {1u, 2u}) {
    const std::vector<double> score = Betweenness(path, 1000, 0, 1, threads);
    for (uint32_t v = 0; v < 155; ++v) {
      CHECK(score[v] == (v < 150 ? static_cast<double>(v * (149 - v)) : 0.0));
    }
  }
  // A long path sampled: many small levels (sorted, not scanned).
  CheckAgainstReference(Path(3000, 3), 4);

  // A star of 120 leaves: the centre on every pair of leaves (a level of 120 nodes, scanned).
  std::vector<WeightedEdge> star;
  for (uint32_t v = 1; v <= 120; ++v) star.push_back({0, v, 1});
  const std::vector<double> s =
      Betweenness(WeightedGraph::FromEdges(121, star).value(), 1000, 0, 1);
  CHECK(s[0] == 120.0 * 119 / 2);
  CHECK(std::all_of(s.begin() + 1, s.end(), [](double x) { return x == 0; }));

  // A complete graph of 70: nobody is between anybody.
  std::vector<WeightedEdge> complete;
  for (uint32_t u = 0; u < 70; ++u) {
    for (uint32_t v = u + 1; v < 70; ++v) complete.push_back({u, v, 1});
  }
  const WeightedGraph k70 = WeightedGraph::FromEdges(70, complete).value();
  CHECK(Betweenness(k70, 1000, 0, 1) == std::vector<double>(70, 0.0));
  CheckAgainstReference(k70, 2);
}

TEST_CASE("batched betweenness on a chain of diamonds and past 2^53 shortest paths",
          "[query][communities]") {
  // 70 diamonds (211 nodes, four batches): the junction 3i separates 3i nodes from 210 - 3i and
  // shares the paths between its diamonds' middle nodes with the other junction: 3i(210-3i) + 1.
  // Path counts are powers of two and every sum is exact.
  const std::vector<double> diamonds = Betweenness(Diamonds(70), 1000, 0, 1);
  for (uint32_t i = 1; i < 70; ++i) CHECK(diamonds[3 * i] == 3.0 * i * (210 - 3 * i) + 1);

  // 40 layers of 8, each node tied to 2-5 random nodes of the next layer: up to ~4^40 shortest
  // paths.  Past 2^53 both passes round sigma, each in its own order (BFS order, node order);
  // the scores still agree to 1e-12 of the largest.
  std::mt19937_64 rng(5);
  std::vector<WeightedEdge> edges;
  for (uint32_t layer = 0; layer + 1 < 40; ++layer) {
    for (uint32_t i = 0; i < 8; ++i) {
      for (uint64_t k = 2 + rng() % 4; k > 0; --k) {
        edges.push_back({8 * layer + i, static_cast<uint32_t>(8 * (layer + 1) + rng() % 8), 1});
      }
    }
  }
  const WeightedGraph layers = WeightedGraph::FromEdges(320, edges).value();
  std::vector<double> paths(320, 0);  // shortest paths from node 0, layer by layer
  paths[0] = 1;
  for (uint32_t v = 0; v < 312; ++v) {
    for (uint64_t e = layers.offsets[v]; e < layers.offsets[v + 1]; ++e) {
      if (layers.neighbors[e] / 8 == v / 8 + 1) paths[layers.neighbors[e]] += paths[v];
    }
  }
  REQUIRE(*std::max_element(paths.begin(), paths.end()) > 9007199254740992.0);  // 2^53
  CheckAgainstReference(layers, 6);
}

// Path counts in floats (PathCounts::kFloat): each sigma and share rounds to 24 bits where the
// doubles keep 53, and the errors compound over the levels of a pass, so the scores agree with
// the textbook pass to 1e-6 of the largest (measured here: under 2e-8), not 1e-12.  The threads
// still do not change a bit.
TEST_CASE("betweenness with float path counts stays within 1e-6 of the textbook pass",
          "[query][communities]") {
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    INFO("seed " << seed);
    const WeightedGraph g = RandomCliques(400 + 100 * static_cast<uint32_t>(seed), 150, seed);
    for (size_t samples : {size_t{0}, size_t{150}}) {
      INFO("samples " << samples);
      const size_t exact_limit = samples == 0 ? 100000 : 2;
      const std::vector<double> reference = ReferenceBetweenness(g, exact_limit, samples, seed);
      const std::vector<double> one =
          Betweenness(g, exact_limit, samples, seed, 1, PathCounts::kFloat);
      CheckCloseTo(one, reference, 1e-6);
      // Floats, not doubles under another name: the last bits differ somewhere.
      CHECK(one != Betweenness(g, exact_limit, samples, seed, 1, PathCounts::kDouble));
      for (unsigned threads : {2u, 3u}) {
        INFO("threads " << threads);
        CHECK(Betweenness(g, exact_limit, samples, seed, threads, PathCounts::kFloat) == one);
      }
    }
  }
}

TEST_CASE("a float batch whose path counts run out of range is redone in doubles",
          "[query][communities]") {
  // 140 layers of 2, each node tied to both of the next layer: 2^139 shortest paths from an end
  // to the other, past float's 3.4e38.  Without the redo the scores would be NaN.
  std::vector<WeightedEdge> edges;
  for (uint32_t layer = 0; layer + 1 < 140; ++layer) {
    for (uint32_t i = 0; i < 2; ++i) {
      for (uint32_t j = 0; j < 2; ++j) edges.push_back({2 * layer + i, 2 * (layer + 1) + j, 1});
    }
  }
  const WeightedGraph g = WeightedGraph::FromEdges(280, edges).value();
  for (size_t samples : {size_t{0}, size_t{100}}) {
    INFO("samples " << samples);
    const size_t exact_limit = samples == 0 ? 100000 : 2;
    const std::vector<double> doubles =
        Betweenness(g, exact_limit, samples, 3, 1, PathCounts::kDouble);
    REQUIRE(std::all_of(doubles.begin(), doubles.end(), [](double x) { return std::isfinite(x); }));
    for (unsigned threads : {1u, 2u}) {
      CHECK(Betweenness(g, exact_limit, samples, 3, threads, PathCounts::kFloat) == doubles);
    }
  }
  // 20 layers: 2^19 paths at most, well in range; floats, and close to the doubles.
  edges.resize(19 * 4);
  const WeightedGraph short_chain = WeightedGraph::FromEdges(40, edges).value();
  const std::vector<double> doubles = Betweenness(short_chain, 1000, 0, 3, 1, PathCounts::kDouble);
  CheckCloseTo(Betweenness(short_chain, 1000, 0, 3, 1, PathCounts::kFloat), doubles, 1e-6);
}

TEST_CASE("PathCounts::kAuto keeps doubles unless sampled on a graph past the cache",
          "[query][communities]") {
  // Exact on a small graph: doubles.
  const WeightedGraph small = RandomCliques(500, 150, 4);
  CHECK(Betweenness(small, 100000, 0, 4, 1) ==
        Betweenness(small, 100000, 0, 4, 1, PathCounts::kDouble));
  // Sampled, but 64 lanes of doubles over 500 nodes are 256 KB: doubles.
  CHECK(Betweenness(small, 2, 150, 4, 1) == Betweenness(small, 2, 150, 4, 1, PathCounts::kDouble));
  // Sampled over 70,000 nodes: 64 lanes of doubles are 35.8 MB, past 32 MiB: floats.
  const WeightedGraph big = RandomCliques(70000, 25000, 5);
  const std::vector<double> automatic = Betweenness(big, 1000, 64, 5, 1);
  CHECK(automatic == Betweenness(big, 1000, 64, 5, 1, PathCounts::kFloat));
  CHECK(automatic != Betweenness(big, 1000, 64, 5, 1, PathCounts::kDouble));
  // Exact over the same graph would be doubles (not run: 70,000 passes).
}

TEST_CASE("a collaboration graph read on every core is the graph of its items' pairs",
          "[query][communities]") {
  // Past 65,536 documents the items are read on one thread per core (collaboration.cc).  300
  // people write 70,000 documents of 1-5 authors, so most pairs share documents of several sizes
  // and their ties sum weights such as 1/3 and 1/4: summed in another item order, the last bits
  // differ.  The reference lists every item's pairs in graph order, one item at a time.
  testing::TestGraph t;
  std::vector<graph::Vid> people;
  for (int i = 0; i < 300; ++i) {
    people.push_back(t.Person("p" + std::to_string(i), "", "", /*opted_out=*/i % 97 == 5));
  }
  const graph::Vid topic = t.Topic("t", "T");
  std::mt19937_64 rng(5);
  for (int d = 0; d < 70000; ++d) {
    std::vector<graph::Vid> authors;
    const size_t size = 1 + rng() % 5;
    const size_t base = rng() % 290;  // near each other: many shared pairs
    while (authors.size() < size) {
      const graph::Vid a = people[base + rng() % 10];
      if (std::find(authors.begin(), authors.end(), a) == authors.end()) authors.push_back(a);
    }
    t.Document("d" + std::to_string(d), testing::DaysBefore(1), authors, {topic});
  }
  const auto g = t.Build();
  const CollaborationGraph got = BuildCollaborationGraph(*g, nullptr, {});

  std::vector<uint32_t> index(g->VidLimit(), UINT32_MAX);
  for (uint32_t i = 0; i < got.people.size(); ++i) index[got.people[i]] = i;
  REQUIRE(got.people.size() == 296);  // four opted out
  std::vector<WeightedEdge> pairs;
  std::vector<graph::Vid> item;
  for (graph::Vid doc : g->NodesOfKind(graph::Kind::kDocument)) {
    ItemPeople(*g, doc, &item);
    if (item.size() < 2) continue;
    const double w = 1.0 / static_cast<double>(item.size() - 1);
    for (size_t a = 0; a < item.size(); ++a) {
      for (size_t b = a + 1; b < item.size(); ++b) {
        if (index[item[a]] != UINT32_MAX && index[item[b]] != UINT32_MAX) {
          pairs.push_back({index[item[a]], index[item[b]], w});
        }
      }
    }
  }
  const WeightedGraph want =
      WeightedGraph::FromEdges(static_cast<uint32_t>(got.people.size()), pairs).value();
  CHECK(got.graph.offsets == want.offsets);
  CHECK(got.graph.neighbors == want.neighbors);
  CHECK(got.graph.weights == want.weights);
  CHECK(got.graph.total_weight == want.total_weight);
}

}  // namespace whoknows::query
