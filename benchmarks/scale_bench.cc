// The engine's figures on an existing database, in process: cold start (open + in-memory graph
// ready), resident memory, "experts for topic T" latency over every topic, and the latency of one
// small write.  Experts, for the simple and the default preset: FindExperts alone (no cache), then
// query::ExpertsCache cold (a fresh cache: each topic's first query computes its profile) and
// warm, and the time to warm every topic; then the whole Service::Experts call with its JSON
// (cold in the first run, warm after), and after each write the first query (the write dropped
// the cache).  The cached answers are compared with FindExperts' (any difference is printed).
//
//   whoknows generate --people 100000 --seed 1 --out /tmp/c.ndjson
//   whoknows import --db /tmp/db /tmp/c.ndjson
//   build/benchmarks/scale_bench --db /tmp/db [--runs 5] [--writes 20] [--as-of 2026-11-01]
//                                 [--threads N]
//
// Latency percentiles are over (topic, run) samples: every topic is asked `runs` times, so rare
// and popular topics weigh alike.  --writes N PUTs N new documents (it changes the database).
// --threads N loads the graph on N threads (DatabaseOptions::load_threads; default one per core).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "whoknows/api/service.h"
#include "whoknows/core/huge_pages.h"
#include "whoknows/graph/database.h"
#include "whoknows/query/evaluation.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/experts_cache.h"
#include "whoknows/query/topic_index.h"

namespace {

using namespace whoknows;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds of the whole process (every thread), user + system.
double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// A line of /proc/self/status in MiB ("VmRSS", "VmHWM").
double ProcMib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024;
  }
  return 0;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

void Report(const char* what, const std::vector<double>& ms) {
  std::printf("%-30s p50 %8.3f ms  p90 %8.3f ms  p99 %8.3f ms  max %8.3f ms  (%zu samples)\n", what,
              Percentile(ms, 0.5), Percentile(ms, 0.9), Percentile(ms, 0.99), Percentile(ms, 1.0),
              ms.size());
}

struct Config {
  std::string db;
  int runs = 5;
  int writes = 0;
  int threads = 0;
  Day as_of = DaysFromCivil(2026, 11, 1);
};

bool Parse(int argc, char** argv, Config* c) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--db") {
      c->db = value;
    } else if (flag == "--runs") {
      c->runs = std::stoi(value);
    } else if (flag == "--writes") {
      c->writes = std::stoi(value);
    } else if (flag == "--threads") {
      c->threads = std::stoi(value);
    } else if (flag == "--as-of") {
      std::optional<Day> day = ParseDate(value);
      if (!day) return false;
      c->as_of = *day;
    } else {
      return false;
    }
  }
  return argc % 2 == 1 && !c->db.empty();
}

double Ms(Clock::time_point start) { return Since(start) * 1e3; }

bool SameAnswer(const std::vector<query::Expert>& a, const std::vector<query::Expert>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].person != b[i].person || a[i].score != b[i].score ||
        a[i].evidence_count != b[i].evidence_count) {
      return false;
    }
  }
  return true;
}

// FindExperts alone, then the cache cold and warm, on every topic with one preset.
void TimePreset(graph::Database& db, const Config& c, const std::string& preset) {
  auto ranking = query::RankingPreset(preset);
  if (!ranking.ok()) return;
  std::shared_ptr<const graph::Graph> graph = db.Snapshot();
  std::vector<query::ExpertsQuery> queries;
  for (graph::Vid topic : graph->NodesOfKind(graph::Kind::kTopic)) {
    queries.emplace_back();
    queries.back().topics = {query::TopicMatch{topic}};
    queries.back().as_of = c.as_of;
  }
  std::vector<double> plain_ms, cold_ms, warm_ms;
  std::vector<std::vector<query::Expert>> want(queries.size());
  for (int run = 0; run < c.runs; ++run) {
    for (size_t i = 0; i < queries.size(); ++i) {
      auto start = Clock::now();
      want[i] = query::FindExperts(*graph, queries[i], *ranking);
      plain_ms.push_back(Ms(start));
    }
  }
  query::ExpertsCache cache(*ranking);
  size_t differ = 0;
  for (int run = -1; run < c.runs; ++run) {
    for (size_t i = 0; i < queries.size(); ++i) {
      auto start = Clock::now();
      auto got = cache.FindExperts(graph, queries[i]);
      (run < 0 ? cold_ms : warm_ms).push_back(Ms(start));
      differ += !SameAnswer(got, want[i]);
    }
  }
  query::ExpertsCache fresh(*ranking);
  auto start = Clock::now();
  size_t warmed = fresh.WarmAllTopics(graph, c.as_of);
  const double warm_all_s = Since(start);
  std::printf("preset %s:\n", preset.c_str());
  Report("  FindExperts (no cache)", plain_ms);
  Report("  cache, cold (1st query)", cold_ms);
  Report("  cache, warm", warm_ms);
  std::printf("  warming all %zu topics: %.2f s, %.1f MiB of profiles%s\n", warmed, warm_all_s,
              static_cast<double>(fresh.Stats().bytes) / (1 << 20),
              differ ? "; CACHED ANSWERS DIFFER" : "; cached answers = FindExperts'");
}

// The whole call with its JSON, through the service's own cache (default preset).
void TimeService(graph::Database& db, api::Service& service, const Config& c) {
  auto graph = db.Snapshot();
  std::vector<double> cold_ms, warm_ms;
  for (int run = 0; run <= c.runs; ++run) {
    for (graph::Vid topic : graph->NodesOfKind(graph::Kind::kTopic)) {
      api::ExpertsParams params;
      params.topic = graph->Node(topic)->id;
      auto start = Clock::now();
      auto json = service.Experts(params);
      (run == 0 ? cold_ms : warm_ms).push_back(Ms(start));
      if (!json.ok())
        std::printf("  (topic %s: %s)\n", params.topic.c_str(), json.status().ToString().c_str());
    }
  }
  Report("Service (JSON), cold", cold_ms);
  Report("Service (JSON), warm", warm_ms);
}

void TimeWrites(graph::Database& db, api::Service& service, const Config& c) {
  auto graph = db.Snapshot();
  const auto& people = graph->NodesOfKind(graph::Kind::kPerson);
  const auto& topics = graph->NodesOfKind(graph::Kind::kTopic);
  std::vector<double> ms, after_ms;
  for (int i = 0; i < c.writes && !people.empty() && !topics.empty(); ++i) {
    graph::Record r;
    r.node.kind = graph::Kind::kDocument;
    r.node.id = "scale-bench-" + std::to_string(i);
    r.node.name = "A benchmark document";
    r.node.created = c.as_of;
    const graph::NodeData* person = graph->Node(people[static_cast<size_t>(i) % people.size()]);
    const graph::NodeData* topic = graph->Node(topics[static_cast<size_t>(i) % topics.size()]);
    r.edges.push_back({graph::EdgeType::kAuthoredBy, graph::Kind::kPerson, person->id.str(), {}});
    r.edges.push_back({graph::EdgeType::kAbout, graph::Kind::kTopic, topic->id.str(), {}});
    auto start = Clock::now();
    auto applied = db.Apply({r});
    ms.push_back(Ms(start));
    if (!applied.ok()) std::printf("write failed: %s\n", applied.status().ToString().c_str());
    api::ExpertsParams params;
    params.topic = graph->Node(topics[static_cast<size_t>(i * 7) % topics.size()])->id;
    start = Clock::now();
    auto json = service.Experts(params);
    after_ms.push_back(Ms(start));
  }
  if (ms.empty()) return;
  Report("write, one document", ms);
  Report("Service, 1st query after", after_ms);
}

}  // namespace

int main(int argc, char** argv) {
  whoknows::RestartWithHeapHugePages(argv);  // as `whoknows` does: the graph's heap on huge pages
  Config c;
  if (!Parse(argc, argv, &c)) {
    std::fprintf(stderr,
                 "usage: scale_bench --db DIR [--runs N] [--writes N] [--as-of DATE] "
                 "[--threads N]\n");
    return 2;
  }
  auto start = Clock::now();
  const double start_cpu = ProcessCpuSeconds();
  graph::DatabaseOptions db_options;
  db_options.load_threads = c.threads;
  auto db = graph::Database::Open(c.db, db_options);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 1;
  }
  const double open_s = Since(start);
  const double open_cpu_s = ProcessCpuSeconds() - start_cpu;
  auto graph = (*db)->Snapshot();
  std::printf("open: %.2f s wall, %.2f s CPU; %zu nodes, %zu edges; RSS %.0f MiB (peak %.0f MiB)\n",
              open_s, open_cpu_s, static_cast<size_t>(graph->VidLimit()), graph->EdgeCount(),
              ProcMib("VmRSS"), ProcMib("VmHWM"));
  graph.reset();
  for (const char* preset : {"simple", "default"}) TimePreset(**db, c, preset);
  api::ServiceOptions options;
  options.as_of = c.as_of;
  api::Service service(**db, options);
  TimeService(**db, service, c);
  TimeWrites(**db, service, c);
  std::printf("RSS at the end %.0f MiB (peak %.0f MiB)\n", ProcMib("VmRSS"), ProcMib("VmHWM"));
  return 0;
}
