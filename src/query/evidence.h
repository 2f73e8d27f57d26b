// The evidence model shared by FindExperts (which walks from topics to items to people) and
// PersonExpertise (which walks from one person to items to topics).  Both compute every
// contribution with the functions here and sum a person's contributions with SortAndSum, so a
// person's score on a topic is bit-for-bit the same whichever way it was reached.
#ifndef WHOKNOWS_SRC_QUERY_EVIDENCE_H_
#define WHOKNOWS_SRC_QUERY_EVIDENCE_H_

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vid_map.h"
#include "whoknows/core/date.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::query::internal {

// The topics an expanded query covers, each with its weight in (0, 1]: the query topics at 1,
// their narrower topics d levels down at narrower_decay^d (d <= max_narrower_depth), and their
// related topics (either direction) at related_weight.  A topic reached several ways keeps its
// largest weight.
class TopicExpansion {
 public:
  TopicExpansion(const graph::GraphView& graph, const std::vector<graph::Vid>& roots,
                 const RankingConfig& config);

  // 0 when `topic` is not in the expansion.
  double Weight(graph::Vid topic) const {
    const double* w = weights_.Find(topic);
    return w ? *w : 0.0;
  }
  // Every topic with its weight: the roots first, then breadth-first.
  const std::vector<std::pair<graph::Vid, double>>& topics() const { return topics_; }

 private:
  void Raise(graph::Vid topic, double weight);

  VidMap<double> weights_;
  std::vector<std::pair<graph::Vid, double>> topics_;
};

// The topics whose expansion contains `topic`: itself, its broader ancestors up to
// max_narrower_depth levels up, and its related topics.  Unordered, without duplicates.
void SupportedTopics(const graph::GraphView& graph, graph::Vid topic, const RankingConfig& config,
                     std::vector<graph::Vid>* out);

// How strongly a document or project is about the expansion: the largest topic weight x about
// weight over its topic links, and the topic of that link (the first one on ties).  relevance 0
// and topic kNoVid when it is about no topic of the expansion.
struct Link {
  graph::Vid topic = graph::kNoVid;
  double relevance = 0;
};
Link BestLink(const graph::GraphView& graph, graph::Vid item, const TopicExpansion& expansion);

// What one person draws from one item, before the item's relevance is applied: the role share
// times the recency decay.  Each person appears once per item, at their best role.
struct Share {
  graph::Vid person = graph::kNoVid;
  double weight = 0;
  std::string_view role;  // points into the graph or at a literal
  Day date = kNoDay;
};

// One piece of evidence of one person, before it becomes a query::Evidence.
struct Row {
  graph::Vid person = graph::kNoVid;
  graph::Vid item = graph::kNoVid;
  graph::Vid topic = graph::kNoVid;
  graph::Vid source = graph::kNoVid;  // kEndorsement: the endorser
  double contribution = 0;
  Day date = kNoDay;
  EvidenceKind kind = EvidenceKind::kDocument;
  std::string_view role;
};

// An endorsement of `person` on a topic of the expansion (weight = that topic's weight).
struct EndorsementHit {
  graph::Vid person = graph::kNoVid;
  graph::Vid endorsement = graph::kNoVid;
  graph::Vid endorser = graph::kNoVid;
  graph::Vid topic = graph::kNoVid;
  double weight = 0;
  Day date = kNoDay;
};

// The parts of an endorsement node; kNoVid for a missing one.
struct EndorsementParts {
  graph::Vid endorser = graph::kNoVid;
  graph::Vid endorsee = graph::kNoVid;
  graph::Vid topic = graph::kNoVid;
};
EndorsementParts PartsOf(const graph::GraphView& graph, graph::Vid endorsement);

// A role -> weight map of RankingConfig resolved to role ids once (per scorer): the walk then
// scans a few (id, weight) pairs per edge instead of looking a string up in a std::map.  A role
// of the map that was never interned is on no edge of any graph yet, so it is left out.
class RoleWeights {
 public:
  RoleWeights(const std::map<std::string, double>& weights, double fallback);

  // The weight of `role`; `fallback` for a role not in the map.
  double Of(graph::EdgeRole role) const {
    for (const auto& [id, weight] : weights_) {
      if (id == role.id()) return weight;
    }
    return fallback_;
  }

 private:
  std::vector<std::pair<uint32_t, double>> weights_;
  double fallback_;
};

class EvidenceScorer {
 public:
  // `as_of` must be a real day (callers map kNoDay to Today()).
  EvidenceScorer(const graph::GraphView& graph, const RankingConfig& config, Day as_of)
      : graph_(graph),
        config_(config),
        as_of_(as_of),
        role_weights_(config.role_weights, config.contributor_weight),
        project_role_weights_(config.project_role_weights, 1.0) {}

  const graph::GraphView& graph() const { return graph_; }
  const RankingConfig& config() const { return config_; }
  Day as_of() const { return as_of_; }

  // 0.5^(age / half_life), age in days before as_of clamped at 0; 1 when undated.
  double Decay(Day date, double half_life_days) const;

  // Replaces *out with the authors' and contributors' shares of `doc`.
  void DocumentShares(graph::Vid doc, std::vector<Share>* out) const;
  // Replaces *out with the members' shares of `project`: weight x role x duration x decay.
  void ProjectShares(graph::Vid project, std::vector<Share>* out) const;
  // The contribution of a declared skill at `level` on a topic of weight `topic_weight`.
  double SkillContribution(uint8_t level, double topic_weight) const;

  // Appends a row per share of `item` (kind document or project) linked by `link`, or only the
  // row of `only_person` when that is not kNoVid.  Shares worth nothing add no row.
  void AddItemRows(graph::Vid item, EvidenceKind kind, const Link& link,
                   const std::vector<Share>& shares, std::vector<Row>* rows,
                   graph::Vid only_person = graph::kNoVid) const;
  // Appends the endorsement rows of one person.  REQUIRES: every hit is of the same person.
  // Each endorser counts once, at their best topic; self-endorsements count nothing; the k-th
  // endorsement (by weight, then endorser id) adds endorsement_weight x weight x
  // (log2(1 + k) - log2(k)).  Reorders *hits.
  void AddEndorsementRows(std::vector<EndorsementHit>* hits, std::vector<Row>* rows) const;

 private:
  double ProjectDurationFactor(Day since, Day until) const;
  // What a person's document shares are multiplied by: their specificity, (1 + the number of
  // edges at `person`)^-activity_exponent, times their last-activity decay
  // (person_half_life_days); 1 when both are off.  Computed once per person and scorer.
  double PersonFactor(graph::Vid person) const;
  // The newest day of a document `person` authored or contributed to; kNoDay when none is dated.
  Day LatestDocumentDay(graph::Vid person) const;

  const graph::GraphView& graph_;
  const RankingConfig& config_;
  Day as_of_;
  RoleWeights role_weights_;               // config_.role_weights
  RoleWeights project_role_weights_;       // config_.project_role_weights
  mutable VidMap<double> person_factors_;  // PersonFactor's cache
};

// The best declared skill of a person within an expansion: a person's declared skills are one
// weak signal, so only the strongest counts.  Ties go to the smaller topic vid.
struct SkillHit {
  graph::Vid topic = graph::kNoVid;
  uint8_t level = 0;
  double contribution = 0;
};
bool BetterSkill(const SkillHit& a, const SkillHit& b);
// A skill row from the best hit.  REQUIRES: hit.contribution > 0.
Row SkillRow(graph::Vid person, const SkillHit& hit);

// Sorts rows most important first (contribution desc, date desc, kind, item id) and returns the
// sum of their contributions in that order.
double SortAndSum(const graph::GraphView& graph, Row* begin, Row* end);

// Rows [begin, end), already sorted, as Evidence; at most `max` of them (0 = all).
std::vector<Evidence> ToEvidence(const Row* begin, const Row* end, size_t max);

// ASCII case-insensitive equality (other bytes compare as they are).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_EVIDENCE_H_
