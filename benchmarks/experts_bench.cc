// Experts ranking and topic resolution on the demo company, in process.
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DWHOKNOWS_BUILD_BENCHMARKS=ON
//   cmake --build build-bench --target experts_bench && build-bench/benchmarks/experts_bench
// WHOKNOWS_BENCH_PEOPLE sets the company size (default 3000).  The import into a fresh database
// is timed once and printed before the benchmarks run.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>

#include "whoknows/demo/generator.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/topic_index.h"

namespace {

using namespace whoknows;

struct Fixture {
  std::string dir;
  std::unique_ptr<graph::Database> db;
  std::shared_ptr<const graph::Graph> graph;
  std::shared_ptr<const query::TopicIndex> topics;

  ~Fixture() {  // the database closed first, then its temporary directory removed
    db.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

Fixture& Company() {
  static std::unique_ptr<Fixture> fixture = [] {
    auto f = std::make_unique<Fixture>();
    const char* env = getenv("WHOKNOWS_BENCH_PEOPLE");
    demo::CompanyOptions options;
    options.people = env ? std::stoul(env) : 3000;
    std::ostringstream ndjson;
    size_t records = demo::GenerateCompany(options, ndjson);

    char tmpl[] = "/tmp/whoknows-bench-XXXXXX";
    f->dir = mkdtemp(tmpl);
    f->db = std::move(graph::Database::Open(f->dir + "/db", {})).value();
    auto start = std::chrono::steady_clock::now();
    auto imported = ingest::Import(*f->db, ndjson.str(), {});
    std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    if (!imported.ok()) std::abort();
    std::printf("import: %zu people, %zu records in %.2f s (%.0f records/s)\n", options.people,
                records, took.count(), static_cast<double>(records) / took.count());
    f->graph = f->db->Snapshot();
    f->topics = query::TopicIndex::Build(*f->graph);
    return f;
  }();
  return *fixture;
}

// Experts for one topic: a leaf (Helm), a mid-level topic (Kubernetes) and a root (Cloud).
void BM_Experts(benchmark::State& state, const char* topic) {
  Fixture& f = Company();
  query::ExpertsQuery q;
  q.topics = f.topics->Resolve(topic);
  q.as_of = DaysFromCivil(2026, 11, 1);
  query::RankingConfig config;
  for (auto _ : state) {
    auto experts = query::FindExperts(*f.graph, q, config);
    benchmark::DoNotOptimize(experts.data());
  }
}
BENCHMARK_CAPTURE(BM_Experts, leaf_helm, "helm")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Experts, mid_kubernetes, "kubernetes")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Experts, root_cloud, "cloud")->Unit(benchmark::kMicrosecond);

void BM_ResolveAlias(benchmark::State& state) {
  Fixture& f = Company();
  for (auto _ : state) benchmark::DoNotOptimize(f.topics->Resolve("K8s"));
}
BENCHMARK(BM_ResolveAlias);

void BM_ResolveFuzzy(benchmark::State& state) {
  Fixture& f = Company();
  for (auto _ : state) benchmark::DoNotOptimize(f.topics->Resolve("kubernetse"));
}
BENCHMARK(BM_ResolveFuzzy);

}  // namespace

BENCHMARK_MAIN();
