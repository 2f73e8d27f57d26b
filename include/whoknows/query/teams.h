// Team formation: people who together cover the required topics with strong experts and who
// already work together.
//
// The collaboration graph is query::BuildCollaborationGraph (collaboration.h: shared documents
// and projects, opted-out people left out).  An edge of tie weight w has length 1 / w, so two
// people with one two-person document between them are 1 apart and heavy collaborators closer.
//
// Candidates for topic t are its experts (FindExperts score >= min_score, at most
// candidates_per_topic of the best).  An expert e of t carries a penalty
// pen(e, t) = expertise_weight x (1 - score(e, t) / best score on t): the best expert costs
// nothing, a weak one up to expertise_weight, in the units of path length.  For every topic one
// multi-source Dijkstra from its candidates (started at their penalties, stopped at `radius`)
// gives D_t(v) = min_e (pen(e, t) + d(v, e)) and the e reaching it, for every person v.
//
// - RarestFirst (Lappas, Liu, Terzi 2009), when there is no leader: every candidate a of the
//   rarest topic (fewest candidates) is a seed; the team is a plus, per other topic, the e of
//   D_t(a).  Its cost is R(a) = max over topics of D_t(a) (pen(a) for the rarest topic).  With
//   expertise_weight 0, the best team's diameter is at most 2 x the least diameter of any team
//   covering the topics (within the radius).
// - Leader (Kargar & An 2011): the leader plus, per topic, the e of D_t(leader).  Its cost is the
//   sum over topics of D_t(leader), which this choice minimises exactly (topics are
//   independent once the leader is fixed).
// Alternatives: distinct teams from the different seeds, by cost (then expertise desc); a fixed
// leader gives one team.  max_size: members are added in the order of the topics (rarest
// first); a topic whose expert would exceed max_size is reported uncovered (its cost left out).
#ifndef WHOKNOWS_QUERY_TEAMS_H_
#define WHOKNOWS_QUERY_TEAMS_H_

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/experts_cache.h"
#include "whoknows/query/leiden.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::query {

constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// ---- The algorithm on a plain weighted graph (node indices), for tests and FindTeams. ----

struct TopicCandidate {
  uint32_t node = 0;
  double score = 0;  // > 0
};

struct TeamOptions {
  double expertise_weight = 1.0;  // penalty of the weakest expert, in path length
  double radius = 6.0;            // paths longer than this do not count
  size_t max_size = 0;            // 0 = no limit
  size_t alternatives = 1;
  bool has_leader = false;
  uint32_t leader = 0;
};

struct TeamAssignment {
  std::vector<uint32_t> members;    // leader first (if any), then in order of joining
  std::vector<int64_t> covered_by;  // per topic: the member node, or -1 when uncovered
  double cost = 0;                  // R(a) for RarestFirst, sum of D_t for a leader
};

// Edge lengths are 1 / weight.  D_t per topic (kUnreachable beyond the radius) and the source
// that reaches each node.
void TopicDistances(const WeightedGraph& graph, const std::vector<TopicCandidate>& candidates,
                    const TeamOptions& options, std::vector<double>* dist,
                    std::vector<uint32_t>* source);

// The best teams, at most options.alternatives, best first.  Empty when no topic has a
// candidate (or the leader reaches none).
std::vector<TeamAssignment> FormTeams(const WeightedGraph& graph,
                                      const std::vector<std::vector<TopicCandidate>>& topics,
                                      const TeamOptions& options);

// ---- On the expertise graph. ----

struct TeamQuery {
  std::vector<graph::Vid> topics;  // required, at least one, distinct
  std::vector<graph::Vid> exclude;
  std::string department;  // members only; case-insensitive; empty = any
  graph::Vid leader = graph::kNoVid;
  size_t max_size = 0;
  size_t alternatives = 1;
  double min_score = 0.5;  // as CoverageOptions::min_score
  size_t candidates_per_topic = 20;
  Day as_of = kNoDay;
  TeamOptions options;  // has_leader, leader, max_size, alternatives are set from above
  // Who knows one topic, best first, as ExpertsCache::Scores answers it (so the people and
  // scores of FindExperts); empty = FindExperts on the graph given to FindTeams.
  std::function<std::vector<ScoredPerson>(const ExpertsQuery&)> experts;
};

struct TeamMember {
  graph::Vid person = graph::kNoVid;
  std::vector<graph::Vid> covers;  // topics this member covers, in query order
  double score = 0;                // sum of their scores on `covers`
};

struct Team {
  std::vector<TeamMember> members;
  std::vector<graph::Vid> covered, uncovered;  // in query order
  double expertise = 0;                        // sum of the covering scores
  double communication_cost = 0;  // RarestFirst: diameter of the team; leader: sum of distances
  double cost = 0;                // the stated objective (TeamAssignment::cost)
};

// REQUIRES: the leader, when given, is a live person who has not opted out.  Opted-out and
// excluded people are never members.  When nobody covers anything, one team without members
// with every topic uncovered.
std::vector<Team> FindTeams(const graph::GraphView& graph, const TeamQuery& query,
                            const RankingConfig& config);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_TEAMS_H_
