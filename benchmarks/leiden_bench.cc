// Leiden on planted-partition graphs: time, modularity, and how well the planted communities are
// recovered (NMI).  A plain timing harness (one run is seconds, not microseconds).
//
//   leiden_bench [--nodes N] [--degree D] [--size S] [--mixing MU] [--seed S] [--runs R]
//                [--write FILE.tsv] [--truth FILE.tsv]
//
// The graph: benchmarks/planted.h (node i in planted community i / S, D/2 edges drawn per node,
// a fraction MU of them outside the own community).
// --write stores the edge list (and --truth the planted membership) for
// benchmarks/igraph_leiden.py.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "planted.h"
#include "whoknows/query/leiden.h"

namespace {

using whoknows::query::WeightedEdge;

struct Config : whoknows::bench::PlantedOptions {
  int runs = 3;
  std::string write, truth;
};

// Normalized mutual information (arithmetic mean normalization), in [0, 1].
double Nmi(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  const double n = static_cast<double>(a.size());
  std::unordered_map<uint64_t, double> joint;
  std::unordered_map<uint32_t, double> pa, pb;
  for (size_t i = 0; i < a.size(); ++i) {
    joint[(uint64_t{a[i]} << 32) | b[i]] += 1;
    pa[a[i]] += 1;
    pb[b[i]] += 1;
  }
  auto entropy = [&](const std::unordered_map<uint32_t, double>& p) {
    double h = 0;
    for (const auto& [k, x] : p) h -= x / n * std::log(x / n);
    return h;
  };
  double mi = 0;
  for (const auto& [key, x] : joint) {
    const double ea = pa[static_cast<uint32_t>(key >> 32)], eb = pb[static_cast<uint32_t>(key)];
    mi += x / n * std::log(x * n / (ea * eb));
  }
  const double h = entropy(pa) + entropy(pb);
  return h > 0 ? 2 * mi / h : 1;
}

bool Parse(int argc, char** argv, Config* c) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--nodes")
      c->nodes = static_cast<uint32_t>(std::stoul(value));
    else if (flag == "--degree")
      c->degree = static_cast<uint32_t>(std::stoul(value));
    else if (flag == "--size")
      c->size = static_cast<uint32_t>(std::stoul(value));
    else if (flag == "--mixing")
      c->mixing = std::stod(value);
    else if (flag == "--seed")
      c->seed = std::stoull(value);
    else if (flag == "--runs")
      c->runs = std::stoi(value);
    else if (flag == "--write")
      c->write = value;
    else if (flag == "--truth")
      c->truth = value;
    else
      return false;
  }
  return argc % 2 == 1;
}

}  // namespace

int main(int argc, char** argv) {
  Config c;
  if (!Parse(argc, argv, &c)) {
    std::fprintf(stderr, "usage: see the comment at the top of leiden_bench.cc\n");
    return 2;
  }
  const std::vector<WeightedEdge> edges = whoknows::bench::PlantedEdges(c);
  if (!c.write.empty()) {
    std::ofstream out(c.write);
    out << "source\ttarget\tweight\n";
    for (const auto& e : edges) out << e.u << '\t' << e.v << "\t1\n";
  }
  std::vector<uint32_t> planted(c.nodes);
  for (uint32_t v = 0; v < c.nodes; ++v) planted[v] = v / c.size;
  if (!c.truth.empty()) {
    std::ofstream out(c.truth);
    out << "node\tcommunity\n";
    for (uint32_t v = 0; v < c.nodes; ++v) out << v << '\t' << planted[v] << '\n';
  }
  auto graph = whoknows::query::WeightedGraph::FromEdges(c.nodes, edges);
  if (!graph.ok()) return 1;
  std::printf("planted: %u nodes, %zu edges, communities of %u, mixing %.2f; Q(planted) %.4f\n",
              c.nodes, graph->neighbors.size() / 2, c.size, c.mixing,
              whoknows::query::Modularity(*graph, planted));
  for (int run = 0; run < c.runs; ++run) {
    whoknows::query::LeidenOptions options;
    options.seed = static_cast<uint64_t>(run) + 1;
    const auto start = std::chrono::steady_clock::now();
    const auto p = whoknows::query::Leiden(*graph, options);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    std::printf("seed %d: %.3f s, %d iterations, Q %.6f, %u communities, NMI %.4f\n", run + 1,
                took.count(), p.iterations, p.modularity, p.count, Nmi(p.community, planted));
  }
  return 0;
}
