// Snapshots: building one in memory with GraphBuilder (what every write does to the touched
// part), a small write on a large graph (copy-on-write by chunks), and the whole graph loaded
// from RocksDB at Database::Open (graph/graph_loader.h) on one and on two threads.
//
// WHOKNOWS_BENCH_PEOPLE sets the size of the company that BM_SnapshotLoad opens (default 3000).
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <sstream>
#include <string>

#include "whoknows/demo/generator.h"
#include "whoknows/graph/database.h"
#include "whoknows/graph/graph.h"
#include "whoknows/ingest/import.h"

namespace {

using namespace whoknows;
using graph::EdgeType;
using graph::Kind;
using graph::Vid;

graph::NodeData Node(Kind kind, Vid vid) {
  graph::NodeData node;
  node.kind = kind;
  node.id = "n" + std::to_string(vid);
  node.name = "A node with a name of a realistic length";
  return node;
}

// `people` people, 20 topics, 10 documents per person, each with two authors and one topic: the
// company's shape, about 3 edges per document.
std::shared_ptr<const graph::Graph> BuildCompany(graph::GraphBuilder& b, Vid people) {
  const Vid topics = 20, docs = people * 10;
  for (Vid v = 0; v < people; ++v) b.PutNode(v, Node(Kind::kPerson, v));
  for (Vid t = 0; t < topics; ++t) b.PutNode(people + t, Node(Kind::kTopic, people + t));
  for (Vid d = 0; d < docs; ++d) {
    const Vid vid = people + topics + d;
    b.PutNode(vid, Node(Kind::kDocument, vid));
    b.AddEdge(vid, EdgeType::kAuthoredBy, d % people, {});
    b.AddEdge(vid, EdgeType::kAuthoredBy, (d * 7 + 1) % people, {});
    b.AddEdge(vid, EdgeType::kAbout, people + d % topics, {});
  }
  return b.Build();
}

void BM_SnapshotBuild(benchmark::State& state) {
  const Vid people = static_cast<Vid>(state.range(0));
  for (auto _ : state) {
    graph::GraphBuilder builder(nullptr);
    auto g = BuildCompany(builder, people);
    benchmark::DoNotOptimize(g.get());
    state.PauseTiming();
    g.reset();  // freeing is not building
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(people * 11 + 20));
  state.SetLabel("items = nodes");
}
BENCHMARK(BM_SnapshotBuild)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// One new document with an author and a topic on a graph of `people` people (11x as many nodes).
void BM_SnapshotSmallWrite(benchmark::State& state) {
  const Vid people = static_cast<Vid>(state.range(0));
  graph::GraphBuilder base_builder(nullptr);
  const std::shared_ptr<const graph::Graph> base = BuildCompany(base_builder, people);
  const Vid vid = base->VidLimit();
  for (auto _ : state) {
    graph::GraphBuilder b(base);
    b.PutNode(vid, Node(Kind::kDocument, vid));
    b.AddEdge(vid, EdgeType::kAuthoredBy, 0, {});
    b.AddEdge(vid, EdgeType::kAbout, people, {});
    auto next = b.Build();
    benchmark::DoNotOptimize(next.get());
  }
}
BENCHMARK(BM_SnapshotSmallWrite)->Arg(1000)->Arg(100000)->Unit(benchmark::kMicrosecond);

// A generated company imported once into a temporary directory, removed at exit.
struct CompanyDb {
  std::string dir;
  size_t records = 0;
  CompanyDb() {
    const char* env = getenv("WHOKNOWS_BENCH_PEOPLE");
    demo::CompanyOptions options;
    options.people = env ? std::stoul(env) : 3000;
    std::ostringstream ndjson;
    records = demo::GenerateCompany(options, ndjson);
    char tmpl[] = "/tmp/whoknows-bench-XXXXXX";
    if (mkdtemp(tmpl) == nullptr) std::abort();
    dir = tmpl;
    auto db = graph::Database::Open(dir + "/db", {});
    if (!db.ok() || !ingest::Import(**db, ndjson.str(), {}).ok()) std::abort();
  }
  ~CompanyDb() {
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

void BM_SnapshotLoad(benchmark::State& state) {
  static CompanyDb company;
  graph::DatabaseOptions options;
  options.load_threads = static_cast<int>(state.range(0));
  size_t items = 0;
  for (auto _ : state) {
    auto db = graph::Database::Open(company.dir + "/db", options);
    if (!db.ok()) {
      state.SkipWithError(db.status().ToString().c_str());
      break;
    }
    auto g = (*db)->Snapshot();
    items = g->EdgeCount();
    for (Kind kind : graph::kAllKinds) items += g->CountOf(kind);
    state.PauseTiming();
    g.reset();
    db->reset();  // closing is not loading
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(items));
  state.SetLabel(std::to_string(company.records) + " records; items = nodes + edges");
}
BENCHMARK(BM_SnapshotLoad)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
