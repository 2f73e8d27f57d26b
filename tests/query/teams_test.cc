#include "whoknows/query/teams.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>
#include <random>
#include <vector>

#include "rich_graph.h"
#include "test_graph.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::kAsOf;
using testing::TestGraph;
using Candidates = std::vector<std::vector<TopicCandidate>>;

struct RandomCase {
  WeightedGraph graph;
  Candidates topics;
  std::vector<std::vector<double>> d;  // all pairs, by Floyd-Warshall
};

RandomCase MakeCase(std::mt19937* rng, uint32_t n, size_t topic_count) {
  std::vector<WeightedEdge> edges;
  std::uniform_real_distribution<double> coin(0, 1);
  const double weights[] = {1.0, 0.5, 0.25, 2.0};
  for (uint32_t u = 0; u < n; ++u) {
    for (uint32_t v = u + 1; v < n; ++v) {
      if (coin(*rng) < 0.35) edges.push_back({u, v, weights[(*rng)() % 4]});
    }
  }
  RandomCase c;
  c.graph = *WeightedGraph::FromEdges(n, edges);
  for (size_t t = 0; t < topic_count; ++t) {
    std::vector<TopicCandidate> cands;
    size_t k = 1 + (*rng)() % 3;
    for (size_t i = 0; i < k; ++i) {
      uint32_t node = static_cast<uint32_t>((*rng)() % n);
      bool dup =
          std::any_of(cands.begin(), cands.end(), [node](auto& x) { return x.node == node; });
      if (!dup) cands.push_back({node, 0.5 + coin(*rng)});
    }
    c.topics.push_back(cands);
  }
  c.d.assign(n, std::vector<double>(n, kUnreachable));
  for (uint32_t u = 0; u < n; ++u) {
    c.d[u][u] = 0;
    for (uint64_t k = c.graph.offsets[u]; k < c.graph.offsets[u + 1]; ++k) {
      c.d[u][c.graph.neighbors[k]] =
          std::min(c.d[u][c.graph.neighbors[k]], 1.0 / c.graph.weights[k]);
    }
  }
  for (uint32_t k = 0; k < n; ++k)
    for (uint32_t i = 0; i < n; ++i)
      for (uint32_t j = 0; j < n; ++j) c.d[i][j] = std::min(c.d[i][j], c.d[i][k] + c.d[k][j]);
  return c;
}

// Every assignment of one candidate per topic.
void ForEachAssignment(const Candidates& topics,
                       const std::function<void(const std::vector<TopicCandidate>&)>& f) {
  std::vector<TopicCandidate> pick(topics.size());
  std::function<void(size_t)> rec = [&](size_t t) {
    if (t == topics.size()) return f(pick);
    for (const TopicCandidate& c : topics[t]) {
      pick[t] = c;
      rec(t + 1);
    }
  };
  rec(0);
}

double Best(const std::vector<TopicCandidate>& cands) {
  double best = 0;
  for (const auto& c : cands) best = std::max(best, c.score);
  return best;
}

TEST_CASE("leader mode is the exact optimum of its cost (brute force)", "[teams]") {
  std::mt19937 rng(7);
  for (int round = 0; round < 60; ++round) {
    RandomCase c = MakeCase(&rng, 8, 3);
    TeamOptions o;
    o.expertise_weight = 1.5;
    o.radius = 1e9;
    o.has_leader = true;
    o.leader = static_cast<uint32_t>(rng() % 8);
    double brute = kUnreachable;
    ForEachAssignment(c.topics, [&](const std::vector<TopicCandidate>& pick) {
      double sum = 0;
      for (size_t t = 0; t < pick.size(); ++t) {
        sum += c.d[o.leader][pick[t].node] +
               o.expertise_weight * (1 - pick[t].score / Best(c.topics[t]));
      }
      brute = std::min(brute, sum);
    });
    auto teams = FormTeams(c.graph, c.topics, o);
    REQUIRE(teams.size() == 1);
    CHECK(teams[0].members[0] == o.leader);
    if (brute == kUnreachable) {
      CHECK(std::count(teams[0].covered_by.begin(), teams[0].covered_by.end(), -1) > 0);
    } else {
      CHECK(std::count(teams[0].covered_by.begin(), teams[0].covered_by.end(), -1) == 0);
      CHECK(teams[0].cost == Approx(brute));
    }
  }
}

TEST_CASE("RarestFirst is within twice the least diameter (brute force)", "[teams]") {
  std::mt19937 rng(11);
  int checked = 0;
  for (int round = 0; round < 80; ++round) {
    RandomCase c = MakeCase(&rng, 9, 3);
    TeamOptions o;
    o.expertise_weight = 0;
    o.radius = 1e9;
    o.alternatives = 3;
    auto diameter = [&c](const std::vector<uint32_t>& members) {
      double d = 0;
      for (uint32_t a : members)
        for (uint32_t b : members) d = std::max(d, c.d[a][b]);
      return d;
    };
    double opt = kUnreachable;
    ForEachAssignment(c.topics, [&](const std::vector<TopicCandidate>& pick) {
      std::vector<uint32_t> members;
      for (const auto& p : pick) members.push_back(p.node);
      opt = std::min(opt, diameter(members));
    });
    auto teams = FormTeams(c.graph, c.topics, o);
    REQUIRE(!teams.empty());
    for (size_t i = 1; i < teams.size(); ++i) CHECK(teams[i].members != teams[0].members);
    if (opt == kUnreachable) continue;
    ++checked;
    REQUIRE(std::count(teams[0].covered_by.begin(), teams[0].covered_by.end(), -1) == 0);
    CHECK(diameter(teams[0].members) <= 2 * opt + 1e-9);
    for (size_t t = 0; t < c.topics.size(); ++t) {
      bool candidate = std::any_of(c.topics[t].begin(), c.topics[t].end(), [&](auto& x) {
        return static_cast<int64_t>(x.node) == teams[0].covered_by[t];
      });
      CHECK(candidate);
    }
  }
  CHECK(checked > 20);
}

TEST_CASE("teams honour exclude, department, max size and opt-out; report uncovered", "[teams]") {
  TestGraph t;
  Vid rust = t.Topic("rust", "Rust"), k8s = t.Topic("k8s", "Kubernetes");
  Vid pay = t.Topic("pay", "Payments"), none = t.Topic("none", "Nobody"),
      misc = t.Topic("misc", "Misc");
  Vid a = t.Person("a", "Platform"), b = t.Person("b", "Platform"), c = t.Person("c", "Data");
  Vid d = t.Person("d", "Platform"), hidden = t.Person("hidden", "Platform", "", true);
  t.Document("r1", kAsOf, {a}, {rust});
  t.Document("k1", kAsOf, {b}, {k8s});
  t.Document("p1", kAsOf, {c}, {pay});
  t.Document("p2", kAsOf, {d}, {pay});
  t.Document("r2", kAsOf, {d}, {rust});
  for (int i = 0; i < 3; ++i) t.Document("h" + std::to_string(i), kAsOf, {hidden}, {pay});
  // Ties: a-b, b-c, a-d, a-hidden (misc documents).
  t.Document("t1", kAsOf, {a, b}, {misc});
  t.Document("t2", kAsOf, {b, c}, {misc});
  t.Document("t3", kAsOf, {a, d}, {misc});
  t.Document("t4", kAsOf, {a, hidden}, {misc});
  auto g = t.Build();

  TeamQuery q;
  q.topics = {rust, k8s, pay};
  q.as_of = kAsOf;
  q.alternatives = 5;
  auto ids = [&g](const Team& team) {
    std::vector<std::string> out;
    for (const TeamMember& m : team.members) out.push_back(g->Node(m.person)->id.str());
    std::sort(out.begin(), out.end());
    return out;
  };
  auto teams = FindTeams(*g, q, RankingConfig{});
  REQUIRE(!teams.empty());
  for (const Team& team : teams) {
    CHECK(team.uncovered.empty());
    for (const TeamMember& m : team.members) CHECK(m.person != hidden);
  }

  q.exclude = {a, d};
  teams = FindTeams(*g, q, RankingConfig{});
  for (const Team& team : teams) {
    CHECK(team.uncovered == std::vector<Vid>{rust});
    for (const TeamMember& m : team.members) CHECK((m.person != a && m.person != d));
  }

  q.exclude.clear();
  q.department = "platform";
  teams = FindTeams(*g, q, RankingConfig{});
  for (const Team& team : teams) {
    for (const TeamMember& m : team.members) CHECK(g->Node(m.person)->department == "Platform");
  }
  CHECK(ids(teams[0]) == std::vector<std::string>{"a", "b", "d"});

  q.department.clear();
  q.max_size = 1;
  teams = FindTeams(*g, q, RankingConfig{});
  for (const Team& team : teams) {
    CHECK(team.members.size() == 1);
    CHECK(team.covered.size() + team.uncovered.size() == 3);
  }
  // k8s has one candidate, so b seeds every team; nobody else fits.
  CHECK(ids(teams[0]) == std::vector<std::string>{"b"});
  CHECK(teams[0].uncovered == std::vector<Vid>{rust, pay});

  q.max_size = 0;
  q.topics = {rust, none};
  q.leader = b;
  teams = FindTeams(*g, q, RankingConfig{});
  REQUIRE(teams.size() == 1);
  CHECK(teams[0].members[0].person == b);
  CHECK(teams[0].uncovered == std::vector<Vid>{none});
  CHECK(teams[0].covered == std::vector<Vid>{rust});
  CHECK(teams[0].communication_cost == Approx(1.0));  // b-a
}

}  // namespace
}  // namespace whoknows::query

namespace whoknows::query {
namespace {

// FindTeams through the experts cache (as the service runs it) forms the same teams.
TEST_CASE("teams formed through the experts cache equal those from FindExperts", "[teams]") {
  testing::RichGraph r = testing::MakeRichGraph(17);
  ExpertsCache cache(RankingConfig{});
  size_t members = 0;
  for (size_t first = 0; first + 2 < r.topics.size(); first += 3) {
    TeamQuery q;
    q.topics = {r.topics[first], r.topics[first + 1], r.topics[first + 2]};
    q.min_score = 0.05;
    q.as_of = kAsOf;
    q.alternatives = 2;
    q.leader = first == 3 ? r.people[3] : graph::kNoVid;
    q.department = first == 6 ? "data" : "";
    std::vector<Team> want = FindTeams(*r.graph, q, cache.config());
    q.experts = [&](const ExpertsQuery& topic) { return cache.Scores(r.graph, topic); };
    for (int round = 0; round < 2; ++round) {  // a miss, then a hit
      std::vector<Team> got = FindTeams(*r.graph, q, cache.config());
      REQUIRE(got.size() == want.size());
      for (size_t i = 0; i < got.size(); ++i) {
        REQUIRE(got[i].members.size() == want[i].members.size());
        members += got[i].members.size();
        for (size_t m = 0; m < got[i].members.size(); ++m) {
          CHECK(got[i].members[m].person == want[i].members[m].person);
          CHECK(got[i].members[m].score == want[i].members[m].score);
        }
        CHECK(got[i].covered == want[i].covered);
        CHECK(got[i].communication_cost == want[i].communication_cost);
      }
    }
  }
  CHECK(cache.Stats().hits > 0);
  CHECK(members > 8);  // the teams are not empty
}

}  // namespace
}  // namespace whoknows::query
