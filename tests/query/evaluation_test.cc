// Ranking-quality metrics against hand-computed values.
#include "whoknows/query/evaluation.h"

#include <catch2/catch.hpp>

namespace whoknows::query {
namespace {

TEST_CASE("metrics of a ranked list", "[evaluation]") {
  const std::vector<std::string> ranked = {"a", "b", "c", "d", "e", "f"};
  const std::set<std::string> relevant = {"c", "f", "z"};
  CHECK(ReciprocalRank(ranked, relevant) == Approx(1.0 / 3));
  CHECK(HitAtK(ranked, relevant, 2) == 0);
  CHECK(HitAtK(ranked, relevant, 3) == 1);
  CHECK(PrecisionAtK(ranked, relevant, 5) == Approx(1.0 / 5));
  CHECK(PrecisionAtK(ranked, relevant, 6) == Approx(2.0 / 6));
  CHECK(RecallAtK(ranked, relevant, 5) == Approx(1.0 / 3));
  CHECK(RecallAtK(ranked, relevant, 6) == Approx(2.0 / 3));
  // Nothing ranked, nothing relevant.
  CHECK(ReciprocalRank({}, relevant) == 0);
  CHECK(RecallAtK(ranked, {}, 5) == 0);
  CHECK(PrecisionAtK({"c"}, relevant, 5) == Approx(0.2));  // divided by k, not by the list
}

TEST_CASE("ground truth parsing groups rows by topic", "[evaluation]") {
  auto truth = ParseTruth(
      "topic_id\ttitle\tperson_id\tname\trank\n"
      "t1\tOne\tp1\tA\t1\n"
      "t2\tTwo\tp2\tB\t1\r\n"
      "\n"
      "t1\tOne\tp3\tC\t2\n");
  REQUIRE(truth.ok());
  REQUIRE(truth->size() == 2);
  CHECK((*truth)[0].topic_id == "t1");
  CHECK((*truth)[0].relevant == std::set<std::string>{"p1", "p3"});
  CHECK((*truth)[1].relevant == std::set<std::string>{"p2"});
  CHECK(ParseTruth("topic\tperson_id\n").status().reason() == "bad_truth");
  CHECK(ParseTruth("topic_id\ttitle\tperson_id\nt1\tx\n").status().reason() == "bad_truth");
}

TEST_CASE("ranking overrides", "[evaluation]") {
  RankingConfig config;
  REQUIRE(ApplyRankingOverrides("author_weight=2,role.committer=0.7,document_half_life_days=365",
                                &config)
              .ok());
  CHECK(config.author_weight == 2);
  CHECK(config.role_weights.at("committer") == 0.7);
  CHECK(config.document_half_life_days == 365);
  auto history = RankingPreset("history");
  REQUIRE(history.ok());
  CHECK(history->activity_exponent > 0);
  CHECK(history->person_half_life_days > 0);
  REQUIRE(ApplyRankingOverrides("person_half_life_days=100", &config).ok());
  CHECK(config.person_half_life_days == 100);
  CHECK(RankingPreset("nope").status().reason() == "bad_setting");
  CHECK(ApplyRankingOverrides("nope=1", &config).reason() == "bad_setting");
  CHECK(ApplyRankingOverrides("author_weight=x", &config).reason() == "bad_setting");
}

}  // namespace
}  // namespace whoknows::query
