// wk_bench_query: whoknows measured in process, for scripts/bench.
//
//   wk_bench_query --db DIR --topics ID,ID,... [--preset NAME] [--as-of YYYY-MM-DD] [--limit N]
//                  [--rounds R] [--check] [--communities] [--communities-phases] [--no-cache]
//
// Opens the database (the cold start: RocksDB opened and the whole graph in memory), then
// answers "experts for topic T" (TopicIndex::Resolve + query::ExpertsCache, as GET /v1/experts
// does; --no-cache: query::FindExperts alone) for every topic: once cold (the first query on each
// topic, which computes its profile) and then R warm rounds, and prints one JSON object:
//   {"open_s", "queries", "p50_ms", "p99_ms", "max_ms", (warm rounds)
//    "cold_p50_ms", "cold_p99_ms", "cache_mib",        (the first round)
//    "check": {"T": [["person id", score], ...]}      (with --check: the top `limit` per topic)
//    "communities_s", "communities_cpu_s",             (with --communities: the whole graph;
//     "communities", "modularity"}                      cpu: the process's CPU time, all threads)
//    "communities_phases": {"collaboration_s", ...}    (--communities-phases: the parts again,
//                                                      one by one, wall and CPU, and the sizes)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "whoknows/core/huge_pages.h"
#include "whoknows/graph/database.h"
#include "whoknows/query/communities.h"
#include "whoknows/query/evaluation.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/experts_cache.h"
#include "whoknows/query/topic_index.h"

namespace {

using namespace whoknows;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string db;
  std::vector<std::string> topics;
  std::string preset = "default";
  Day as_of = DaysFromCivil(2026, 10, 31);
  size_t limit = 10;
  int rounds = 20;
  bool check = false;
  bool communities = false;
  bool phases = false;
  bool cache = true;
};

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool more = i + 1 < argc;
    if (arg == "--check") {
      a->check = true;
    } else if (arg == "--communities") {
      a->communities = true;
    } else if (arg == "--communities-phases") {
      a->phases = true;
    } else if (arg == "--no-cache") {
      a->cache = false;
    } else if (!more) {
      return false;
    } else if (arg == "--db") {
      a->db = argv[++i];
    } else if (arg == "--topics") {
      a->topics = SplitCommas(argv[++i]);
    } else if (arg == "--preset") {
      a->preset = argv[++i];
    } else if (arg == "--as-of") {
      auto day = ParseDate(argv[++i]);
      if (!day) return false;
      a->as_of = *day;
    } else if (arg == "--limit") {
      a->limit = std::stoul(argv[++i]);
    } else if (arg == "--rounds") {
      a->rounds = std::stoi(argv[++i]);
    } else {
      return false;
    }
  }
  return !a->db.empty() && !a->topics.empty() && a->rounds >= 0;
}

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

// The process's CPU time (every thread), for figures that a loaded machine makes wall time noisy.
double CpuSeconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }

// The parts of FindCommunities that dominate it, run again one at a time with the same options.
nlohmann::json CommunityPhases(const graph::Graph& g) {
  const query::CommunitiesOptions o;
  nlohmann::json out;
  auto start = Clock::now();
  double cpu = CpuSeconds();
  auto lap = [&](const std::string& name) {
    out[name + "_s"] = Seconds(start);
    out[name + "_cpu_s"] = CpuSeconds() - cpu;
    start = Clock::now();
    cpu = CpuSeconds();
  };
  const query::CollaborationGraph collab =
      query::BuildCollaborationGraph(g, nullptr, o.collaboration);
  lap("collaboration");
  out["people"] = collab.people.size();
  out["ties"] = collab.graph.neighbors.size() / 2;
  const query::Partition p = query::Leiden(collab.graph, o.leiden);
  lap("leiden");
  out["leiden_iterations"] = p.iterations;
  query::CoreNumbers(collab.graph, p.community);
  lap("cores");
  query::Betweenness(collab.graph, o.exact_betweenness_limit, o.betweenness_samples, o.leiden.seed);
  lap("betweenness");
  return out;
}

// The graph and what answers on it: the cache, or (--no-cache) FindExperts alone.
struct Engine {
  std::shared_ptr<const graph::Graph> graph;
  std::shared_ptr<const query::TopicIndex> index;
  query::ExpertsCache* cache;
};

std::vector<query::Expert> Ask(const Engine& e, const std::string& topic, const Args& a) {
  query::ExpertsQuery q;
  q.topics = e.index->Resolve(topic);
  if (q.topics.empty()) return {};
  q.limit = a.limit;
  q.as_of = a.as_of;
  if (a.cache) return e.cache->FindExperts(e.graph, q);
  return query::FindExperts(*e.graph, q, e.cache->config());
}

nlohmann::json Check(const Engine& e, const Args& a) {
  nlohmann::json check = nlohmann::json::object();
  for (const std::string& t : a.topics) {
    nlohmann::json rows = nlohmann::json::array();
    for (const query::Expert& x : Ask(e, t, a)) {
      rows.push_back({e.graph->Node(x.person)->id, x.score});
    }
    check[t] = rows;
  }
  return check;
}

// p50, p99 and max of `ms` into out[prefix + "p50_ms"], ...
void Percentiles(std::vector<double> ms, const std::string& prefix, nlohmann::json* out) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * ms.size()))]; };
  (*out)[prefix + "p50_ms"] = at(0.50);
  (*out)[prefix + "p99_ms"] = at(0.99);
  (*out)[prefix + "max_ms"] = ms.back();
}

// Latency percentiles: the first round (cold: each topic's first query) and the warm rounds x
// topics after it.
void Time(const Engine& e, const Args& a, nlohmann::json* out) {
  std::vector<double> cold, warm;
  size_t sink = 0;
  for (int r = -1; r < a.rounds; ++r) {
    for (const std::string& t : a.topics) {
      auto start = Clock::now();
      sink += Ask(e, t, a).size();
      (r < 0 ? cold : warm).push_back(Seconds(start) * 1e3);
    }
  }
  if (warm.empty() || sink == 0) return;
  (*out)["queries"] = warm.size();
  Percentiles(warm, "", out);
  Percentiles(cold, "cold_", out);
  (*out)["cache_mib"] = static_cast<double>(e.cache->Stats().bytes) / (1 << 20);
}

}  // namespace

int main(int argc, char** argv) {
  whoknows::RestartWithHeapHugePages(argv);  // as `whoknows` does: the graph's heap on huge pages
  Args a;
  if (!ParseArgs(argc, argv, &a)) {
    std::fprintf(stderr,
                 "usage: wk_bench_query --db DIR --topics ID,... [--preset NAME] [--as-of DATE] "
                 "[--limit N] [--rounds R] [--check] [--communities] [--communities-phases] "
                 "[--no-cache]\n");
    return 2;
  }
  auto config = query::RankingPreset(a.preset);
  if (!config.ok()) {
    std::fprintf(stderr, "wk_bench_query: %s\n", config.status().ToString().c_str());
    return 2;
  }
  auto start = Clock::now();
  graph::DatabaseOptions options;
  options.store.create_if_missing = false;
  auto db = graph::Database::Open(a.db, options);
  if (!db.ok()) {
    std::fprintf(stderr, "wk_bench_query: %s\n", db.status().ToString().c_str());
    return 1;
  }
  std::shared_ptr<const graph::Graph> g = (*db)->Snapshot();
  query::ExpertsCache cache(*config);
  Engine engine{g, query::TopicIndex::Build(*g), &cache};
  nlohmann::json out = {{"open_s", Seconds(start)}};
  if (a.rounds > 0) Time(engine, a, &out);
  if (a.check) out["check"] = Check(engine, a);
  if (a.communities) {
    start = Clock::now();
    const double cpu = CpuSeconds();
    query::CommunitiesResult c = query::FindCommunities(*g, nullptr, nullptr, {});
    out["communities_s"] = Seconds(start);
    out["communities_cpu_s"] = CpuSeconds() - cpu;
    out["communities"] = c.communities.size();
    out["modularity"] = c.modularity;
  }
  if (a.phases) out["communities_phases"] = CommunityPhases(*g);
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
