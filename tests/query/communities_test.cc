// The collaboration graph, k-cores, betweenness and communities of practice.
#include "whoknows/query/communities.h"

#include <catch2/catch.hpp>
#include <set>

#include "query/test_graph.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::TestGraph;

// Two teams of four who write pairwise documents inside the team, about their own topic; `x`
// writes with a1 and with b1 and so links the teams; `z` (opted out) writes with everyone.
struct TwoTeams {
  TestGraph t;
  std::vector<Vid> a, b;
  Vid x, z, payments, data;
  std::shared_ptr<const graph::Graph> g;

  TwoTeams() {
    payments = t.Topic("payments", "Payments");
    data = t.Topic("data", "Data");
    for (int i = 1; i <= 4; ++i) a.push_back(t.Person("a" + std::to_string(i)));
    for (int i = 1; i <= 4; ++i) b.push_back(t.Person("b" + std::to_string(i)));
    x = t.Person("x");
    z = t.Person("z", "", "", /*opted_out=*/true);
    int n = 0;
    for (const auto* team : {&a, &b}) {
      for (size_t i = 0; i < 4; ++i) {
        for (size_t j = i + 1; j < 4; ++j) {
          t.Document("d" + std::to_string(n++), testing::DaysBefore(10), {(*team)[i], (*team)[j]},
                     {team == &a ? payments : data});
        }
      }
    }
    t.Document("bridge-a", testing::DaysBefore(10), {x, a[0]}, {payments});
    t.Document("bridge-b", testing::DaysBefore(10), {x, b[0]}, {data});
    std::vector<Vid> everyone = a;
    everyone.insert(everyone.end(), b.begin(), b.end());
    everyone.push_back(z);
    t.Document("all-hands", testing::DaysBefore(10), everyone, {data});
    g = t.Build();
  }
};

TEST_CASE("collaboration ties weigh 1/(n-1) per shared item and leave opted-out people out",
          "[query][communities]") {
  TwoTeams teams;
  const CollaborationGraph c = BuildCollaborationGraph(*teams.g, nullptr, {});
  CHECK(c.people.size() == 9);  // z is out
  CHECK(std::find(c.people.begin(), c.people.end(), teams.z) == c.people.end());
  auto tie = [&](Vid p, Vid q) {
    const uint32_t i = std::lower_bound(c.people.begin(), c.people.end(), p) - c.people.begin();
    const uint32_t j = std::lower_bound(c.people.begin(), c.people.end(), q) - c.people.begin();
    for (uint64_t e = c.graph.offsets[i]; e < c.graph.offsets[i + 1]; ++e) {
      if (c.graph.neighbors[e] == j) return c.graph.weights[e];
    }
    return 0.0;
  };
  // A pair document (1) plus the 9-person all-hands page (1/8), which counts z in its size.
  CHECK(tie(teams.a[0], teams.a[1]) == Approx(1.125));
  CHECK(tie(teams.a[0], teams.b[0]) == Approx(0.125));
  CHECK(tie(teams.x, teams.a[0]) == Approx(1));
  CollaborationOptions small;
  small.max_item_people = 8;  // the all-hands page links nobody
  const CollaborationGraph d = BuildCollaborationGraph(*teams.g, nullptr, small);
  CHECK(d.graph.neighbors.size() == 2 * (6 + 6 + 2));
}

TEST_CASE("communities follow the teams, with topics, a broker between them and cores",
          "[query][communities]") {
  TwoTeams teams;
  const CommunitiesResult r = FindCommunities(*teams.g, nullptr, nullptr, {});
  REQUIRE(r.communities.size() == 2);
  CHECK(r.modularity > 0.2);
  std::set<Vid> seen;
  bool broker = false;
  for (const Community& c : r.communities) {
    REQUIRE(!c.topics.empty());
    const Vid topic = c.topics[0].topic;
    const auto& team = topic == teams.payments ? teams.a : teams.b;
    for (Vid p : team) {
      CHECK(std::any_of(c.members.begin(), c.members.end(),
                        [&](const CommunityMember& m) { return m.person == p; }));
    }
    for (const CommunityMember& m : c.members) {
      CHECK(m.person != teams.z);
      seen.insert(m.person);
      if (m.role == MemberRole::kBroker) broker = true;
      if (m.person == teams.a[1]) CHECK(m.role == MemberRole::kCore);
    }
    CHECK(c.members.size() >= 4);
    CHECK(c.members.front().score >= c.members.back().score);
  }
  CHECK(seen.size() == 9);
  CHECK(broker);
}

TEST_CASE("communities among given people use their evidence scores", "[query][communities]") {
  TwoTeams teams;
  std::vector<Vid> people = teams.a;
  people.push_back(teams.z);
  const std::vector<double> scores = {4, 3, 2, 1, 9};
  const CommunitiesResult r = FindCommunities(*teams.g, &people, &scores, {});
  REQUIRE(r.communities.size() == 1);
  const auto& members = r.communities[0].members;
  REQUIRE(members.size() == 4);
  CHECK(members[0].person == teams.a[0]);
  CHECK(members[0].score == 4);
  CHECK(members[0].role == MemberRole::kCore);
  CHECK(members[3].role == MemberRole::kMember);  // below the median evidence
}

TEST_CASE("core numbers and betweenness on a path and a triangle", "[query][communities]") {
  // Triangle 0-1-2 with a tail 2-3-4.
  auto g = WeightedGraph::FromEdges(5, {{0, 1, 1}, {1, 2, 1}, {0, 2, 1}, {2, 3, 1}, {3, 4, 1}});
  REQUIRE(g.ok());
  const std::vector<uint32_t> core = CoreNumbers(*g, {0, 0, 0, 0, 0});
  CHECK(core == std::vector<uint32_t>{2, 2, 2, 1, 1});
  CHECK(CoreNumbers(*g, {0, 0, 1, 1, 1}) == std::vector<uint32_t>{1, 1, 1, 1, 1});
  const std::vector<double> b = Betweenness(*g, 100, 0, 1);
  // 2 lies on the paths {0,1}x{3,4} (4 pairs); 3 on {0,1,2}x{4} (3 pairs).
  CHECK(b[2] == Approx(4));
  CHECK(b[3] == Approx(3));
  CHECK(b[0] == Approx(0));
  const std::vector<double> sampled = Betweenness(*g, 2, 5, 7);  // all 5 sources: exact again
  CHECK(sampled[2] == Approx(4));
  // No samples asked for above the exact limit: exact, not 0 sources scaled by 5 / 0.
  const std::vector<double> none = Betweenness(*g, 2, 0, 7);
  CHECK(none == b);
}

}  // namespace
}  // namespace whoknows::query
