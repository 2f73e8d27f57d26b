// The pieces of FindExperts that the experts cache (experts_cache.cc) shares with it: the walk
// from an expansion to every person's evidence, and the ranking of its result.  Both paths use
// these, so a cached answer and an uncached one are computed by the same code.
#ifndef WHOKNOWS_SRC_QUERY_EXPERTS_WALK_H_
#define WHOKNOWS_SRC_QUERY_EXPERTS_WALK_H_

#include <vector>

#include "evidence.h"
#include "whoknows/query/experts.h"

namespace whoknows::query::internal {

// Every person's evidence on one expansion.  people[k]'s rows are rows[begin[k], begin[k + 1]),
// sorted most important first, and score[k] is their sum (SortAndSum).  People appear in the
// order the walk met them.
struct EvidenceTable {
  std::vector<graph::Vid> people;
  std::vector<size_t> begin;
  std::vector<Row> rows;
  std::vector<double> score;
};

// Walks from the expansion's topics to the items about them and to the people on those items.
// Cost: the evidence about the expansion, not the size of the organisation.
EvidenceTable WalkEvidence(const EvidenceScorer& scorer, const TopicExpansion& expansion);

// The live topics among query.topics, in query order (duplicates kept).
std::vector<graph::Vid> QueryRoots(const graph::GraphView& graph, const ExpertsQuery& query);

// A live person who did not opt out and passes the query's department and location filters.
bool Eligible(const graph::NodeData* node, const ExpertsQuery& query);

// The eligible people of `table` with a positive score, best first (ties by external id), at
// most query.limit (0 = all), each with at most query.max_evidence evidence.  Reorders nothing
// in `table`.
std::vector<Expert> RankTable(const graph::GraphView& graph, const ExpertsQuery& query,
                              const EvidenceTable& table);

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_EXPERTS_WALK_H_
