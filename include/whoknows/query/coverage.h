// Skill coverage and knowledge risk per topic, from the same evidence-based scores as
// FindExperts (a topic's score includes its narrower and related topics, see experts.h).
//
// Definitions (all documented defaults are in CoverageOptions):
// - Expert: a person whose FindExperts score on the topic is at least min_score.  Score scale:
//   one document about the topic written today by one author is worth 1.0 (author_weight), and
//   halves every two years; a declared skill at level 5 alone is worth 0.15 and an ongoing
//   one-year project membership 0.6.  The default 0.5 therefore asks for about half a fresh
//   sole-authored document of evidence: a two-year-old own document, two fresh co-authored ones,
//   or an ongoing project plus a skill - never self-declared skills or endorsements alone.
// - Holding (for the bus factor): the topic's knowledge is split into items, its documents and
//   projects (the evidence FindExperts counts).  A person holds an item when their contribution
//   to the topic through it is at least holder_relative (0.75) of the largest contribution
//   anyone draws from that item, and at least holder_min (0.05, about a sole-authored document
//   eight years old, or a one-of-four share of a four-year-old one).  This is the degree-of-
//   authorship rule of Avelino et al. 2016 with our contributions in place of DOA.  Items nobody
//   holds do not count.
// - Bus factor: the greedy truck factor of Avelino et al. 2016: repeatedly remove the person who
//   holds the most items still held (ties: the smaller person vid) until fewer than half of the
//   items have a holder left; the bus factor is the number removed.  0 when no item is held.
// - Risks: "no_expert" (no expert); "single_expert" (exactly one); "one_department" (two or more
//   experts, all in one named department; never reported when the query filters by department);
//   "stale" (no dated evidence of anyone within stale_days before as_of).
// Opted-out people are invisible: they count as neither experts nor holders.
#ifndef WHOKNOWS_QUERY_COVERAGE_H_
#define WHOKNOWS_QUERY_COVERAGE_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::query {

enum class CoverageRisk { kNoExpert, kSingleExpert, kOneDepartment, kStale };
// "no_expert", "single_expert", "one_department", "stale".
std::string_view CoverageRiskName(CoverageRisk risk);

struct CoverageOptions {
  double min_score = 0.5;         // expert threshold (see above)
  std::string department;         // case-insensitive; only people of it count; empty = everyone
  Day as_of = kNoDay;             // kNoDay = today
  int stale_days = 365;           // evidence older than this is not recent
  double holder_relative = 0.75;  // holding: share of the item's largest contribution
  double holder_min = 0.05;       // holding: absolute contribution
};

struct TopicCoverage {
  graph::Vid topic = graph::kNoVid;
  std::vector<Expert> experts;  // score >= min_score, best first; evidence left out
  size_t bus_factor = 0;
  size_t held_items = 0;                      // documents and projects with a holder
  std::map<std::string, size_t> departments;  // experts per department ("" = none given)
  Day last_evidence = kNoDay;                 // the latest dated evidence of anyone counted
  std::vector<CoverageRisk> risks;            // in enum order
};

TopicCoverage CoverageOf(const graph::GraphView& graph, graph::Vid topic,
                         const CoverageOptions& options, const RankingConfig& config);

// The greedy truck factor over `holders` (per item, the people who hold it).  Items without a
// holder are ignored.  Exposed for tests.
size_t GreedyTruckFactor(const std::vector<std::vector<graph::Vid>>& holders);

// Riskiest first: no expert, then smaller bus factor, fewer experts, more risks, then topic id.
bool RiskierThan(const graph::GraphView& graph, const TopicCoverage& a, const TopicCoverage& b);

// Demand against supply per topic.  Demand: the projects about the topic (directly) that are
// active at as_of (no end, or an end on or after as_of), and the people interested in it who are
// not already experts on it.  Supply: its experts (CoverageOf, same options).  Gap =
// demand / (1 + experts), demand = projects + learners.  Each learner is paired with a mentor:
// the experts in score order, round robin (learner k gets expert k mod n, skipping themselves),
// so the load is spread; no mentor when the topic has no expert but the learner.
struct MentorPair {
  graph::Vid learner = graph::kNoVid;
  graph::Vid mentor = graph::kNoVid;  // kNoVid when nobody can mentor
  double mentor_score = 0;
};

struct TopicGap {
  graph::Vid topic = graph::kNoVid;
  std::vector<graph::Vid> projects;  // active projects about it, by vid
  std::vector<MentorPair> pairs;     // one per learner, learners by vid
  size_t experts = 0;
  double gap = 0;
};

// Every topic with demand, worst gap first (then more demand, then topic id).  Opted-out people
// are neither learners nor mentors; options.department limits both to one department.
std::vector<TopicGap> FindGaps(const graph::GraphView& graph, const CoverageOptions& options,
                               const RankingConfig& config);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_COVERAGE_H_
