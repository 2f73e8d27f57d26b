// Leiden community detection (query/leiden.h) and betweenness on fixed planted-partition graphs
// (benchmarks/planted.h: communities of 100, average degree 20, 30% of edges between communities,
// seed 1).  benchmarks/leiden_bench is the companion tool that also reports modularity and NMI.
#include <benchmark/benchmark.h>

#include <map>

#include "../planted.h"
#include "whoknows/query/communities.h"
#include "whoknows/query/leiden.h"

namespace {

using namespace whoknows;

const query::WeightedGraph& Planted(uint32_t nodes) {
  static std::map<uint32_t, query::WeightedGraph> graphs;
  auto it = graphs.find(nodes);
  if (it == graphs.end()) {
    bench::PlantedOptions options;
    options.nodes = nodes;
    auto graph = query::WeightedGraph::FromEdges(nodes, bench::PlantedEdges(options));
    if (!graph.ok()) std::abort();
    it = graphs.emplace(nodes, std::move(graph).value()).first;
  }
  return it->second;
}

void BM_Leiden(benchmark::State& state) {
  const query::WeightedGraph& graph = Planted(static_cast<uint32_t>(state.range(0)));
  query::LeidenOptions options;
  query::Partition p;
  for (auto _ : state) {
    p = query::Leiden(graph, options);
    benchmark::DoNotOptimize(p.community.data());
  }
  state.counters["modularity"] = p.modularity;
  state.counters["communities"] = p.count;
  state.counters["edges"] = static_cast<double>(graph.neighbors.size() / 2);
}
BENCHMARK(BM_Leiden)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_Modularity(benchmark::State& state) {
  const uint32_t nodes = static_cast<uint32_t>(state.range(0));
  const query::WeightedGraph& graph = Planted(nodes);
  std::vector<uint32_t> planted(nodes);
  for (uint32_t v = 0; v < nodes; ++v) planted[v] = v / 100;
  for (auto _ : state) benchmark::DoNotOptimize(query::Modularity(graph, planted));
}
BENCHMARK(BM_Modularity)->Arg(10000)->Unit(benchmark::kMicrosecond);

// Betweenness as FindCommunities runs it (200 sampled sources above 1,000 nodes: four batched
// passes of 50), on one thread.
void BM_Betweenness(benchmark::State& state) {
  const query::WeightedGraph& graph = Planted(static_cast<uint32_t>(state.range(0)));
  const query::CommunitiesOptions o;
  for (auto _ : state) {
    auto score = query::Betweenness(graph, o.exact_betweenness_limit, o.betweenness_samples, 1, 1);
    benchmark::DoNotOptimize(score.data());
  }
  // Time per (directed edge x source), printed with its unit (e.g. "1.9ns").
  const double work = static_cast<double>(graph.neighbors.size()) * o.betweenness_samples;
  state.counters["per_edge_source"] = benchmark::Counter(
      work, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Betweenness)->Arg(2000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond);

}  // namespace
