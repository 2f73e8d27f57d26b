// wk_bench_query: whoknows measured in process, for scripts/bench.
//
//   wk_bench_query --db DIR --topics ID,ID,... [--preset NAME] [--as-of YYYY-MM-DD] [--limit N]
//                  [--rounds R] [--check] [--communities]
//
// Opens the database (the cold start: RocksDB opened and the whole graph in memory), then
// answers "experts for topic T" (TopicIndex::Resolve + query::FindExperts, as GET /v1/experts
// does) for every topic R times after one warm-up round, and prints one JSON object on stdout:
//   {"open_s", "queries", "p50_ms", "p99_ms", "max_ms",
//    "check": {"T": [["person id", score], ...]}      (with --check: the top `limit` per topic)
//    "communities_s", "communities", "modularity"}     (with --communities: the whole graph)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "whoknows/graph/database.h"
#include "whoknows/query/communities.h"
#include "whoknows/query/evaluation.h"
#include "whoknows/query/experts.h"
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

std::vector<query::Expert> Ask(const graph::Graph& g, const query::TopicIndex& index,
                               const std::string& topic, const Args& a,
                               const query::RankingConfig& config) {
  query::ExpertsQuery q;
  q.topics = index.Resolve(topic);
  if (q.topics.empty()) return {};
  q.limit = a.limit;
  q.as_of = a.as_of;
  return query::FindExperts(g, q, config);
}

nlohmann::json Check(const graph::Graph& g, const query::TopicIndex& index, const Args& a,
                     const query::RankingConfig& config) {
  nlohmann::json check = nlohmann::json::object();
  for (const std::string& t : a.topics) {
    nlohmann::json rows = nlohmann::json::array();
    for (const query::Expert& e : Ask(g, index, t, a, config)) {
      rows.push_back({g.Node(e.person)->id, e.score});
    }
    check[t] = rows;
  }
  return check;
}

// Latency percentiles over rounds x topics, after one warm-up round.
void Time(const graph::Graph& g, const query::TopicIndex& index, const Args& a,
          const query::RankingConfig& config, nlohmann::json* out) {
  std::vector<double> ms;
  size_t sink = 0;
  for (int r = -1; r < a.rounds; ++r) {
    for (const std::string& t : a.topics) {
      auto start = Clock::now();
      sink += Ask(g, index, t, a, config).size();
      if (r >= 0) ms.push_back(Seconds(start) * 1e3);
    }
  }
  if (ms.empty() || sink == 0) return;
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, size_t(q * ms.size()))]; };
  (*out)["queries"] = ms.size();
  (*out)["p50_ms"] = at(0.50);
  (*out)["p99_ms"] = at(0.99);
  (*out)["max_ms"] = ms.back();
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (!ParseArgs(argc, argv, &a)) {
    std::fprintf(stderr,
                 "usage: wk_bench_query --db DIR --topics ID,... [--preset NAME] [--as-of DATE] "
                 "[--limit N] [--rounds R] [--check] [--communities]\n");
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
  auto index = query::TopicIndex::Build(*g);
  nlohmann::json out = {{"open_s", Seconds(start)}};
  if (a.check) out["check"] = Check(*g, *index, a, *config);
  if (a.rounds > 0) Time(*g, *index, a, *config, &out);
  if (a.communities) {
    start = Clock::now();
    query::CommunitiesResult c = query::FindCommunities(*g, nullptr, nullptr, {});
    out["communities_s"] = Seconds(start);
    out["communities"] = c.communities.size();
    out["modularity"] = c.modularity;
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}
