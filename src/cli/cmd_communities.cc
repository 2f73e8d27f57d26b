// whoknows communities: Leiden on any weighted edge list, so the algorithm behind
// GET /v1/communities can be checked against public graphs.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "flags.h"
#include "whoknows/query/edge_list.h"
#include "whoknows/query/leiden.h"

namespace whoknows::cli {
namespace {

Result<double> ParseResolution(const Flags& flags) {
  const std::string text = flags.Get("resolution", "1");
  char* end = nullptr;
  const double r = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !std::isfinite(r) || r <= 0) {
    return Status::InvalidArgument("invalid_flag", "--resolution must be a number > 0");
  }
  return r;
}

Result<query::EdgeList> ReadEdges(const std::string& path) {
  if (path == "-") return query::ReadEdgeList(std::cin);
  std::ifstream in(path);
  if (!in) return Status::IOError("cannot open " + path);
  return query::ReadEdgeList(in);
}

}  // namespace

int RunCommunities(const Args& args) {
  auto flags = Flags::Parse(args, {"edges", "resolution", "seed", "iterations"},
                            {"unweighted", "until-stable"});
  if (!flags.ok()) return Fail("communities", flags.status());
  auto path = flags->Require("edges");
  if (!path.ok()) return Fail("communities", path.status());
  query::LeidenOptions options;
  auto resolution = ParseResolution(*flags);
  if (!resolution.ok()) return Fail("communities", resolution.status());
  options.resolution = *resolution;
  auto seed = flags->GetInt("seed", 1, 0, INT64_MAX);
  if (!seed.ok()) return Fail("communities", seed.status());
  options.seed = static_cast<uint64_t>(*seed);
  auto iterations = flags->GetInt("iterations", options.max_iterations, 1, 1000);
  if (!iterations.ok()) return Fail("communities", iterations.status());
  options.max_iterations = static_cast<int>(*iterations);
  if (flags->Has("until-stable")) options.min_improvement = 0;

  auto list = ReadEdges(*path);
  if (!list.ok()) return Fail("communities", list.status());
  if (flags->Has("unweighted")) {
    for (auto& e : list->edges) e.weight = 1;
  }
  auto graph =
      query::WeightedGraph::FromEdges(static_cast<uint32_t>(list->names.size()), list->edges);
  if (!graph.ok()) return Fail("communities", graph.status());
  const auto start = std::chrono::steady_clock::now();
  const query::Partition p = query::Leiden(*graph, options);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  for (size_t i = 0; i < list->names.size(); ++i) {
    std::printf("%s\t%u\n", list->names[i].c_str(), p.community[i]);
  }
  std::printf("# modularity %.6f\n# communities %u\n", p.modularity, p.count);
  std::fprintf(stderr, "# leiden %.3f s, %d iterations, %u nodes, %zu edges\n", took.count(),
               p.iterations, graph->node_count(), graph->neighbors.size() / 2);
  return 0;
}

}  // namespace whoknows::cli
