// Ranking quality against a ground truth: for each topic, the people who really know it, and how
// well FindExperts ranks them (MRR, hit@k, P@k, R@k, the usual expert-finding metrics).
#ifndef WHOKNOWS_QUERY_EVALUATION_H_
#define WHOKNOWS_QUERY_EVALUATION_H_

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::query {

// One topic of a ground truth and the external ids of its relevant people.
struct TruthTopic {
  std::string topic_id;
  std::string title;
  std::set<std::string> relevant;
};

// Parses a tab-separated ground truth with a header naming at least topic_id, title and
// person_id (further columns ignored).  All rows of a topic are its relevant people; topics keep
// the order of their first row.  InvalidArgument "bad_truth" for a missing column or short row.
Result<std::vector<TruthTopic>> ParseTruth(std::string_view text);

// Metrics of one ranked list (external person ids, best first) against a relevant set.
// 1 / the rank of the first relevant person; 0 when none is ranked.
double ReciprocalRank(const std::vector<std::string>& ranked,
                      const std::set<std::string>& relevant);
// 1 when a relevant person is among the first k, else 0.
double HitAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
              size_t k);
// Relevant people among the first k, divided by k.
double PrecisionAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                    size_t k);
// Relevant people among the first k, divided by the number of relevant people (0 when none).
double RecallAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                 size_t k);

struct TopicResult {
  std::string topic_id;
  bool known = false;              // the topic exists in the graph
  bool answered = false;           // the ranking named anyone
  size_t first_relevant_rank = 0;  // 1-based; 0 when no relevant person was ranked
  double rr = 0, hit = 0, precision = 0, recall = 0;
  std::vector<std::string> top;  // the first k people ranked
};

struct EvalSummary {
  size_t k = 5;
  size_t topics = 0;
  size_t unanswered = 0;  // topics unknown to the graph or with nobody ranked
  double mrr = 0, hit = 0, precision = 0, recall = 0;  // means over all topics
  std::vector<TopicResult> per_topic;
};

// Asks FindExperts (all people, the topic resolved by id) for every truth topic as of `as_of`
// (kNoDay = today) and averages the metrics.  Topics missing from the graph score 0 everywhere.
EvalSummary Evaluate(const graph::GraphView& graph, const std::vector<TruthTopic>& truth, size_t k,
                     Day as_of, const RankingConfig& config);

// The latest created date of any document; kNoDay when there is none.
Day LatestDocumentDay(const graph::GraphView& graph);

// Named rankings: "default" (RankingConfig{}) and "history", the best setting measured on
// repository histories (docs/quality.md): reviews and acks weigh 2, committers 0, creators 8,
// founders 64, half-life 8 years for documents and for people since their latest document,
// activity_exponent 0.25; "simple", the benchmark's score that other databases can
// compute: per person, the sum over authored documents about T or a topic up to 3 levels narrower
// (0.5 per level, a document once at its best link) of 1/(number of authors) x 0.5^(age in
// days / 730); nothing else counts.  InvalidArgument "bad_setting" for another name.
Result<RankingConfig> RankingPreset(std::string_view name);

// Applies comma-separated NAME=VALUE overrides to *config: author_weight, activity_exponent,
// contributor_weight, document_half_life_days, person_half_life_days, project_half_life_days,
// project_weight, skill_weight, endorsement_weight, narrower_decay, related_weight, and role.<ROLE>
// for role_weights. InvalidArgument "bad_setting" for an unknown name or a value that is not a
// number.
Status ApplyRankingOverrides(std::string_view overrides, RankingConfig* config);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_EVALUATION_H_
