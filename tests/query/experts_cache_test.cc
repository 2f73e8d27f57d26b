// The experts cache must answer exactly as FindExperts, on every query and across writes.
#include "whoknows/query/experts_cache.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "rich_graph.h"
#include "test_graph.h"
#include "whoknows/query/evaluation.h"
#include "whoknows/query/experts.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::kAsOf;
using testing::MakeRichGraph;
using testing::RichGraph;

ExpertsQuery QueryOn(const std::vector<Vid>& topics, size_t limit, size_t max_evidence = 5) {
  ExpertsQuery q;
  for (Vid t : topics) q.topics.push_back({t, MatchKind::kId, 1.0});
  q.limit = limit;
  q.as_of = kAsOf;
  q.max_evidence = max_evidence;
  return q;
}

// Requires `got` to equal `want` in every field, scores and contributions bit for bit.
void RequireSame(const std::vector<Expert>& got, const std::vector<Expert>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("rank " << i);
    REQUIRE(got[i].person == want[i].person);
    REQUIRE(got[i].score == want[i].score);
    REQUIRE(got[i].evidence_count == want[i].evidence_count);
    REQUIRE(got[i].evidence.size() == want[i].evidence.size());
    for (size_t j = 0; j < got[i].evidence.size(); ++j) {
      const Evidence &a = got[i].evidence[j], &b = want[i].evidence[j];
      CHECK(a.kind == b.kind);
      CHECK(a.item == b.item);
      CHECK(a.topic == b.topic);
      CHECK(a.role == b.role);
      CHECK(a.date == b.date);
      CHECK(a.contribution == b.contribution);
      CHECK(a.source == b.source);
    }
  }
}

// Asks the cache twice (a miss, then a hit) and FindExperts once; all three must agree.
void CheckQuery(ExpertsCache* cache, const std::shared_ptr<const graph::Graph>& g,
                const ExpertsQuery& q) {
  std::vector<Expert> want = FindExperts(*g, q, cache->config());
  RequireSame(cache->FindExperts(g, q), want);
  RequireSame(cache->FindExperts(g, q), want);
}

// Topic sets: every topic alone, and a few pairs and triples (repeats and order included).
std::vector<std::vector<Vid>> TopicSets(const RichGraph& r) {
  std::vector<std::vector<Vid>> sets;
  for (Vid t : r.topics) sets.push_back({t});
  sets.push_back({r.topics[3], r.topics[7]});
  sets.push_back({r.topics[7], r.topics[3], r.topics[7]});
  sets.push_back({r.topics[1], r.topics[2], r.topics[11]});
  return sets;
}

RankingConfig Preset(const char* name) {
  auto config = RankingPreset(name);
  REQUIRE(config.ok());
  return *config;
}

TEST_CASE("the experts cache answers exactly as FindExperts", "[query][experts_cache]") {
  const char* preset = GENERATE("default", "simple", "history");
  const uint64_t seed = GENERATE(42, 7, 1234);
  RichGraph r = MakeRichGraph(seed);
  ExpertsCache cache(Preset(preset));
  INFO("preset " << preset << " seed " << seed);
  for (const auto& topics : TopicSets(r)) {
    for (size_t limit : {1, 3, 10, 1000}) {
      CheckQuery(&cache, r.graph, QueryOn(topics, limit));
      CheckQuery(&cache, r.graph, QueryOn(topics, limit, /*max_evidence=*/0));
    }
    CheckQuery(&cache, r.graph, QueryOn(topics, 0, 0));
  }
  ExpertsCacheStats stats = cache.Stats();
  CHECK(stats.hits > 0);
  CHECK(stats.misses == TopicSets(r).size() - 1);  // the repeated pair is the same key
}

TEST_CASE("the experts cache applies department and location filters at read time",
          "[query][experts_cache]") {
  RichGraph r = MakeRichGraph(99);
  ExpertsCache cache(RankingConfig{});
  for (const auto& topics : TopicSets(r)) {
    for (size_t limit : {1, 2, 50}) {
      ExpertsQuery q = QueryOn(topics, limit);
      CheckQuery(&cache, r.graph, q);
      q.department = "platform";  // case-insensitive, as FindExperts
      CheckQuery(&cache, r.graph, q);
      q.location = "LIMA";
      CheckQuery(&cache, r.graph, q);
      q.department.clear();
      CheckQuery(&cache, r.graph, q);
      q.department = "nowhere";
      CheckQuery(&cache, r.graph, q);
    }
  }
}

TEST_CASE("the experts cache never serves an answer from before a write",
          "[query][experts_cache]") {
  RichGraph r = MakeRichGraph(5);
  ExpertsCache cache(RankingConfig{});
  auto before = r.graph;
  for (const auto& topics : TopicSets(r)) CheckQuery(&cache, before, QueryOn(topics, 5));

  // Writes that change rankings: the least of a topic's experts writes a lot about it, the top
  // expert of another topic opts out, and more random documents arrive.
  std::vector<Expert> t4 = FindExperts(*before, QueryOn({r.topics[4]}, 0), cache.config());
  std::vector<Expert> t2 = FindExperts(*before, QueryOn({r.topics[2]}, 0), cache.config());
  REQUIRE(t4.size() > 3);
  REQUIRE(!t2.empty());
  for (int i = 0; i < 6; ++i) {
    r.t.Document("burst" + std::to_string(i), kAsOf, {t4.back().person}, {r.topics[4]});
  }
  r.t.OptOut(t2.front().person);
  testing::Lcg rng(77);
  testing::AddRichDocuments(&r, &rng, 15, "late");
  auto after = r.t.Build();

  std::vector<Expert> now = FindExperts(*after, QueryOn({r.topics[4]}, 1), cache.config());
  REQUIRE(now.front().person == t4.back().person);  // the write did change the answer
  for (const auto& topics : TopicSets(r)) CheckQuery(&cache, after, QueryOn(topics, 5));
  CHECK(cache.Stats().resets == 2);  // the first snapshot, then the second

  // A reader still holding the old snapshot gets the old answer, from outside the cache.
  const uint64_t bypasses = cache.Stats().bypasses;
  RequireSame(cache.FindExperts(before, QueryOn({r.topics[4]}, 5)),
              FindExperts(*before, QueryOn({r.topics[4]}, 5), cache.config()));
  CHECK(cache.Stats().bypasses == bypasses + 1);
  CHECK(cache.Stats().resets == 2);  // and the newer entries are kept
}

TEST_CASE("experts cache scores are FindExperts' people and scores", "[query][experts_cache]") {
  RichGraph r = MakeRichGraph(3);
  ExpertsCache cache(Preset("history"));
  for (const auto& topics : TopicSets(r)) {
    for (size_t limit : {0, 1, 4}) {
      ExpertsQuery q = QueryOn(topics, limit);
      q.department = limit == 4 ? "Data" : "";
      std::vector<Expert> want = FindExperts(*r.graph, q, cache.config());
      for (int round = 0; round < 2; ++round) {
        std::vector<ScoredPerson> got = cache.Scores(r.graph, q);
        REQUIRE(got.size() == want.size());
        for (size_t i = 0; i < got.size(); ++i) {
          CHECK(got[i].person == want[i].person);
          CHECK(got[i].score == want[i].score);
        }
      }
    }
  }
}

TEST_CASE("the experts cache stays within its byte budget and can be turned off",
          "[query][experts_cache]") {
  RichGraph r = MakeRichGraph(11);
  SECTION("a small budget evicts the least recently used") {
    ExpertsCache cache(RankingConfig{}, 20000);
    for (int round = 0; round < 2; ++round) {
      for (const auto& topics : TopicSets(r)) CheckQuery(&cache, r.graph, QueryOn(topics, 3));
    }
    ExpertsCacheStats stats = cache.Stats();
    CHECK(stats.evictions > 0);
    CHECK(stats.bytes <= 20000);
    CHECK(stats.entries > 0);
  }
  SECTION("0 bytes is off") {
    ExpertsCache cache(RankingConfig{}, 0);
    for (const auto& topics : TopicSets(r)) CheckQuery(&cache, r.graph, QueryOn(topics, 3));
    ExpertsCacheStats stats = cache.Stats();
    CHECK(stats.entries == 0);
    CHECK(stats.hits == 0);
    CHECK(stats.bypasses == 2 * TopicSets(r).size());
  }
}

TEST_CASE("warming the experts cache computes every topic once", "[query][experts_cache]") {
  RichGraph r = MakeRichGraph(21);
  ExpertsCache cache(RankingConfig{});
  CHECK(cache.WarmAllTopics(r.graph, kAsOf) == r.topics.size());
  CHECK(cache.WarmAllTopics(r.graph, kAsOf) == 0);
  for (Vid t : r.topics) {
    RequireSame(cache.FindExperts(r.graph, QueryOn({t}, 4)),
                FindExperts(*r.graph, QueryOn({t}, 4), cache.config()));
  }
  ExpertsCacheStats stats = cache.Stats();
  CHECK(stats.hits == r.topics.size());
  CHECK(stats.misses == 0);
  // Warming an older snapshot than the cache has seen keeps nothing and stops at once.
  auto older = r.graph;
  r.t.Document("news", kAsOf, {r.people[0]}, {r.topics[0]});
  auto newer = r.t.Build();
  REQUIRE(cache.FindExperts(newer, QueryOn({r.topics[0]}, 1)).size() == 1);
  CHECK(cache.WarmAllTopics(older, kAsOf) == 0);
  CHECK(cache.WarmAllTopics(newer, kAsOf) == r.topics.size() - 1);
  std::atomic<bool> stop{true};
  ExpertsCache stopped(RankingConfig{});
  CHECK(stopped.WarmAllTopics(r.graph, kAsOf, &stop) == 0);
}

}  // namespace
}  // namespace whoknows::query
