#include "whoknows/query/coverage.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "test_graph.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::DaysBefore;
using testing::kAsOf;
using testing::TestGraph;
using Holders = std::vector<std::vector<Vid>>;
using Risks = std::vector<CoverageRisk>;

CoverageOptions At(std::string department = "") {
  CoverageOptions o;
  o.as_of = kAsOf;
  o.department = std::move(department);
  return o;
}

TEST_CASE("greedy truck factor on constructed holder tables", "[coverage]") {
  CHECK(GreedyTruckFactor({}) == 0);
  CHECK(GreedyTruckFactor({{}, {}}) == 0);
  // One person holds three of four items: removing them orphans 3 of 4.
  CHECK(GreedyTruckFactor({{1}, {1}, {1}, {2}}) == 1);
  // Four sole holders: after two removals half (2 of 4) is still held, so a third is needed.
  CHECK(GreedyTruckFactor({{1}, {2}, {3}, {4}}) == 3);
  // Shared items need both holders gone.
  CHECK(GreedyTruckFactor({{1, 2}, {1, 2}, {3}}) == 2);
  // Two equal halves: removing one leaves exactly half, which is not yet "less than half".
  CHECK(GreedyTruckFactor({{1}, {1}, {2}, {2}}) == 2);
  // Items without a holder are ignored.
  CHECK(GreedyTruckFactor({{}, {}, {}, {5}}) == 1);
}

TEST_CASE("coverage counts experts, departments, bus factor and risks", "[coverage]") {
  TestGraph t;
  Vid rust = t.Topic("rust", "Rust");
  Vid alice = t.Person("alice", "Platform"), bob = t.Person("bob", "Platform");
  Vid hidden = t.Person("hidden", "Data", "", /*opted_out=*/true);
  t.Document("d1", kAsOf, {alice}, {rust});
  t.Document("d2", kAsOf, {alice}, {rust});
  t.Document("d3", kAsOf, {bob}, {rust});
  t.Document("d4", kAsOf, {alice, bob}, {rust});
  for (int i = 0; i < 5; ++i) t.Document("h" + std::to_string(i), DaysBefore(5), {hidden}, {rust});
  auto g = t.Build();

  TopicCoverage c = CoverageOf(*g, rust, At(), RankingConfig{});
  REQUIRE(c.experts.size() == 2);
  CHECK(c.experts[0].person == alice);
  CHECK(c.experts[0].score == Approx(2.5));
  CHECK(c.experts[1].person == bob);
  CHECK(c.held_items == 4);  // the opted-out person's documents hold nothing
  // alice holds d1, d2, d4; then bob still holds d3, d4 (half): both must go.
  CHECK(c.bus_factor == 2);
  CHECK(c.departments == std::map<std::string, size_t>{{"Platform", 2}});
  CHECK(c.last_evidence == kAsOf);
  CHECK(c.risks == Risks{CoverageRisk::kOneDepartment});

  // Filtered by department, one_department is not a risk; another department has no one.
  CHECK(CoverageOf(*g, rust, At("platform"), RankingConfig{}).risks.empty());
  TopicCoverage data = CoverageOf(*g, rust, At("Data"), RankingConfig{});
  CHECK(data.experts.empty());
  CHECK(data.bus_factor == 0);
  CHECK(data.risks == Risks{CoverageRisk::kNoExpert, CoverageRisk::kStale});
}

TEST_CASE("coverage: holders need 0.75 of the item's top share; threshold and staleness",
          "[coverage]") {
  TestGraph t;
  Vid go = t.Topic("go", "Go");
  Vid solo = t.Topic("solo", "Solo");
  Vid old = t.Topic("old", "Old");
  Vid skills = t.Topic("skills", "Skills only");
  Vid alice = t.Person("alice", "Platform"), gina = t.Person("gina", "Data");
  Vid carol = t.Person("carol", "Data"), erin = t.Person("erin", "Ops");
  for (int i = 0; i < 3; ++i) {
    Vid d = t.Document("g" + std::to_string(i), DaysBefore(1), {alice}, {go});
    t.Contributor(d, gina, "reviewer");  // 0.5: an expert, but not a holder
  }
  t.Document("s1", DaysBefore(1), {carol}, {solo});
  t.Document("o1", DaysBefore(730), {erin}, {old});  // exactly 0.5: at the threshold
  t.Skill(carol, skills, 5);                         // 0.15: never an expert alone
  auto g = t.Build();
  RankingConfig config;

  TopicCoverage c = CoverageOf(*g, go, At(), config);
  CHECK(c.experts.size() == 2);
  CHECK(c.bus_factor == 1);
  CHECK(c.departments.size() == 2);
  CHECK(c.risks.empty());

  TopicCoverage s = CoverageOf(*g, solo, At(), config);
  CHECK(s.bus_factor == 1);
  CHECK(s.risks == Risks{CoverageRisk::kSingleExpert});

  TopicCoverage o = CoverageOf(*g, old, At(), config);
  CHECK(o.experts.size() == 1);
  CHECK(o.risks == Risks{CoverageRisk::kSingleExpert, CoverageRisk::kStale});
  CoverageOptions strict = At();
  strict.min_score = 0.6;
  CHECK(CoverageOf(*g, old, strict, config).experts.empty());

  TopicCoverage k = CoverageOf(*g, skills, At(), config);
  CHECK(k.experts.empty());
  CHECK(k.last_evidence == kNoDay);
  CHECK(k.risks == Risks{CoverageRisk::kNoExpert, CoverageRisk::kStale});

  std::vector<TopicCoverage> all = {c, s, o, k};
  std::sort(all.begin(), all.end(),
            [&g](const auto& a, const auto& b) { return RiskierThan(*g, a, b); });
  std::vector<Vid> order;
  for (const auto& x : all) order.push_back(x.topic);
  // No expert first; then bus factor 1 with one expert, more risks first; then go (2 experts).
  CHECK(order == std::vector<Vid>{skills, old, solo, go});
  CHECK(CoverageRiskName(CoverageRisk::kOneDepartment) == "one_department");
}

}  // namespace
}  // namespace whoknows::query

namespace whoknows::query {
namespace {

TEST_CASE("gaps: active projects and learners against experts, learners paired with mentors",
          "[coverage]") {
  TestGraph t;
  Vid k8s = t.Topic("k8s", "Kubernetes");
  Vid rust = t.Topic("rust", "Rust");
  Vid quiet = t.Topic("quiet", "Nobody asks");
  Vid a = t.Person("a", "Platform"), b = t.Person("b", "Platform");
  Vid l1 = t.Person("l1", "Data"), l2 = t.Person("l2", "Data"), l3 = t.Person("l3", "Ops");
  Vid hidden = t.Person("hidden", "Ops", "", /*opted_out=*/true);
  t.Document("k1", kAsOf, {a}, {k8s});
  t.Document("k2", kAsOf, {b}, {k8s});
  t.Document("q1", kAsOf, {a}, {quiet});
  t.Project("live", DaysBefore(100), kNoDay, {rust});
  t.Project("ending", DaysBefore(100), kAsOf + 10, {rust});
  t.Project("over", DaysBefore(100), DaysBefore(1), {k8s});  // ended: no demand
  for (Vid l : {l1, l2, l3, hidden}) t.Interest(l, k8s);
  t.Interest(a, k8s);  // already an expert: not a learner
  t.Interest(l1, rust);
  auto g = t.Build();

  std::vector<TopicGap> gaps = FindGaps(*g, At(), RankingConfig{});
  REQUIRE(gaps.size() == 2);
  // rust: 2 projects + 1 learner, no expert: gap 3.  k8s: 3 learners, 2 experts: gap 1.
  CHECK(gaps[0].topic == rust);
  CHECK(gaps[0].gap == Approx(3.0));
  CHECK(gaps[0].projects.size() == 2);
  REQUIRE(gaps[0].pairs.size() == 1);
  CHECK(gaps[0].pairs[0].mentor == graph::kNoVid);
  CHECK(gaps[1].topic == k8s);
  CHECK(gaps[1].experts == 2);
  CHECK(gaps[1].gap == Approx(1.0));
  REQUIRE(gaps[1].pairs.size() == 3);
  std::vector<Vid> mentors;
  for (const MentorPair& p : gaps[1].pairs) mentors.push_back(p.mentor);
  CHECK(gaps[1].pairs[0].learner == l1);
  CHECK(mentors == std::vector<Vid>{a, b, a});  // round robin over the experts, best first

  // Only one department's people: Data has the two learners but no mentor.
  std::vector<TopicGap> data = FindGaps(*g, At("data"), RankingConfig{});
  REQUIRE(data.size() == 2);
  CHECK(data[0].topic == rust);
  CHECK(data[1].topic == k8s);
  CHECK(data[1].gap == Approx(2.0));  // l1 and l2; no expert in Data
  for (const MentorPair& p : data[1].pairs) CHECK(p.mentor == graph::kNoVid);
}

}  // namespace
}  // namespace whoknows::query

namespace whoknows::query {
namespace {

TEST_CASE("coverage: experts without a department are no one_department risk", "[coverage]") {
  TestGraph t;
  Vid topic = t.Topic("c", "C");
  Vid a = t.Person("a"), b = t.Person("b");
  t.Document("d1", kAsOf, {a}, {topic});
  t.Document("d2", kAsOf, {b}, {topic});
  auto g = t.Build();
  TopicCoverage c = CoverageOf(*g, topic, At(), RankingConfig{});
  CHECK(c.experts.size() == 2);
  CHECK(c.bus_factor == 2);
  CHECK(c.risks.empty());
}

}  // namespace
}  // namespace whoknows::query
