// The "simple" ranking preset equals the benchmark's fair question (scripts/bench), computed by
// hand: per person, the sum over authored documents about T or a topic up to 3 levels narrower
// (0.5 per level, once per document at its best link) of 1/(authors) x 0.5^(age in days / 730).
#include <catch2/catch.hpp>
#include <cmath>

#include "test_graph.h"
#include "whoknows/query/evaluation.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::DaysBefore;
using testing::Experts;
using testing::Ids;
using testing::kAsOf;
using testing::ScoreOf;
using testing::TestGraph;
using Strings = std::vector<std::string>;

double Decay(int days) { return std::pow(0.5, days / 730.0); }

TEST_CASE("the simple preset scores authored documents only, as the fair question says",
          "[query]") {
  TestGraph t;
  Vid cloud = t.Topic("cloud", "Cloud");
  Vid k8s = t.Topic("k8s", "Kubernetes");
  Vid helm = t.Topic("helm", "Helm");
  Vid charts = t.Topic("charts", "Charts");
  Vid deep = t.Topic("deep", "Four levels down");
  Vid near = t.Topic("near", "Related to cloud");
  t.Broader(k8s, cloud);
  t.Broader(helm, k8s);
  t.Broader(charts, helm);
  t.Broader(deep, charts);
  t.Related(cloud, near);
  Vid ann = t.Person("ann"), bob = t.Person("bob"), cat = t.Person("cat");
  Vid gone = t.Person("gone", "", "", /*opted_out=*/true);
  // ann and bob share d1 (two authors; cat only reviews it); d2 is about two topics of the
  // subtree and counts once, at its best link (k8s, 0.5); d3 is three levels down (0.125).
  Vid d1 = t.Document("d1", DaysBefore(100), {ann, bob}, {cloud});
  t.Contributor(d1, cat, "reviewer");
  t.Document("d2", DaysBefore(1000), {ann}, {helm, k8s});
  t.Document("d3", DaysBefore(10), {bob, gone, cat}, {charts});
  // Nothing of this counts: four levels down, a related topic, a project, a skill, an endorsement.
  t.Document("d4", kAsOf, {cat}, {deep});
  t.Document("d5", kAsOf, {cat}, {near});
  Vid project = t.Project("p1", DaysBefore(300), kNoDay, {cloud});
  t.Member(project, cat, "lead", DaysBefore(300));
  t.Skill(cat, cloud, 5);
  t.Endorse(ann, cat, cloud);
  auto g = t.Build();

  auto config = RankingPreset("simple");
  REQUIRE(config.ok());
  auto experts = Experts(*g, {cloud}, *config);
  const double ann_score = Decay(100) / 2 + 0.5 * Decay(1000);
  const double bob_score = Decay(100) / 2 + 0.125 * Decay(10) / 3;
  const double cat_score = 0.125 * Decay(10) / 3;
  REQUIRE(Ids(*g, experts) ==
          (ann_score > bob_score ? Strings{"ann", "bob", "cat"} : Strings{"bob", "ann", "cat"}));
  CHECK(ScoreOf(experts, ann) == Approx(ann_score).epsilon(1e-12));
  CHECK(ScoreOf(experts, bob) == Approx(bob_score).epsilon(1e-12));
  CHECK(ScoreOf(experts, cat) == Approx(cat_score).epsilon(1e-12));
}

TEST_CASE("ranking presets are known by name", "[query]") {
  CHECK(RankingPreset("default").ok());
  CHECK(RankingPreset("history").ok());
  CHECK(RankingPreset("simple").ok());
  CHECK(RankingPreset("fancy").status().reason() == "bad_setting");
}

}  // namespace
}  // namespace whoknows::query
