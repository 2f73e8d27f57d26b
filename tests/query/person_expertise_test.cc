#include <catch2/catch.hpp>
#include <cstdint>

#include "rich_graph.h"
#include "test_graph.h"
#include "whoknows/query/experts.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::Experts;
using testing::kAsOf;
using testing::MakeRichGraph;
using testing::RichGraph;
using testing::TestGraph;

TEST_CASE("person expertise scores equal the experts scores of each topic alone", "[query]") {
  RichGraph r = MakeRichGraph();
  const graph::Graph& g = *r.graph;
  RankingConfig config;
  config.activity_exponent = GENERATE(0.0, 0.25);       // specificity keeps them equal too
  config.person_half_life_days = GENERATE(0.0, 400.0);  // and last activity
  size_t compared = 0;
  for (Vid person : r.people) {
    auto mine = PersonExpertise(g, person, kAsOf, 0, 0, config);
    REQUIRE(mine.ok());
    for (Vid topic : r.topics) {
      double expected = 0;
      const Expert* expert = nullptr;
      auto experts = Experts(g, {topic}, config);
      for (const Expert& e : experts) {
        if (e.person == person) expert = &e;
      }
      if (expert) expected = expert->score;
      const TopicExpertise* got = nullptr;
      for (const TopicExpertise& te : *mine) {
        if (te.topic == topic) got = &te;
      }
      INFO("person " << g.Node(person)->id << " topic " << g.Node(topic)->id);
      REQUIRE((got != nullptr) == (expert != nullptr));
      if (!got) continue;
      ++compared;
      CHECK(got->score == expected);  // exactly: both sum the same contributions in one order
      CHECK(got->evidence_count == expert->evidence_count);
      REQUIRE(got->evidence.size() == expert->evidence.size());
      for (size_t i = 0; i < got->evidence.size(); ++i) {
        CHECK(got->evidence[i].item == expert->evidence[i].item);
        CHECK(got->evidence[i].contribution == expert->evidence[i].contribution);
      }
    }
  }
  CHECK(compared > 60);  // the graph really is non-trivial
}

TEST_CASE("person expertise ranks a person's topics with their evidence", "[query]") {
  TestGraph t;
  Vid cloud = t.Topic("cloud", "Cloud");
  Vid k8s = t.Topic("kubernetes", "Kubernetes");
  Vid go = t.Topic("go", "Go");
  Vid rust = t.Topic("rust", "Rust");
  t.Broader(k8s, cloud);
  Vid p = t.Person("p"), q = t.Person("q");
  t.Document("d1", kAsOf, {p}, {k8s});
  t.Document("d2", kAsOf, {p, q}, {go});
  t.Skill(p, rust, 5);
  auto g = t.Build();

  auto result = PersonExpertise(*g, p, kAsOf, 0, 0, RankingConfig{});
  REQUIRE(result.ok());
  const auto& topics = *result;
  REQUIRE(topics.size() == 4);
  // kubernetes 1, cloud 0.5 and go 0.5 (tie: by id), rust 0.15.
  CHECK(topics[0].topic == k8s);
  CHECK(topics[0].score == Approx(1.0));
  CHECK(topics[1].topic == cloud);
  CHECK(topics[2].topic == go);
  CHECK(topics[2].score == Approx(0.5));
  CHECK(topics[3].topic == rust);
  CHECK(topics[3].evidence.at(0).kind == EvidenceKind::kSkill);
  CHECK(topics[1].evidence.at(0).topic == k8s);

  auto limited = PersonExpertise(*g, p, kAsOf, 2, 0, RankingConfig{});
  REQUIRE(limited.ok());
  CHECK(limited->size() == 2);
}

TEST_CASE("person expertise is empty for opted-out people and NotFound for non-people", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid hidden = t.Person("hidden", "", "", true);
  Vid idle = t.Person("idle");
  t.Document("d", kAsOf, {hidden}, {topic});
  auto g = t.Build();

  auto hidden_result = PersonExpertise(*g, hidden, kAsOf, 10, 5, RankingConfig{});
  REQUIRE(hidden_result.ok());
  CHECK(hidden_result->empty());
  auto idle_result = PersonExpertise(*g, idle, kAsOf, 10, 5, RankingConfig{});
  REQUIRE(idle_result.ok());
  CHECK(idle_result->empty());
  for (Vid bad : {topic, Vid{999}, graph::kNoVid}) {
    auto r = PersonExpertise(*g, bad, kAsOf, 10, 5, RankingConfig{});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().IsNotFound());
    CHECK(r.status().reason() == "not_found");
  }
}

}  // namespace
}  // namespace whoknows::query
