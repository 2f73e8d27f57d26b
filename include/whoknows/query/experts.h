// Expert finding: who knows about a topic, and what a person knows, ranked from evidence.
//
// A person's score on topic T is the sum of the contributions of their evidence (RankingConfig):
// documents they authored or contributed to about T or a narrower or related topic, projects
// about those topics they were a member of, their declared skill in T, and endorsements on T.
// A document or project counts once per person, at the weight of its best link to T.  People
// who opted out are never returned.  Every expert carries the evidence behind the score; the
// contributions of all of a person's evidence sum to the score.
//
// Details of the evidence model:
// - T expands to its narrower topics d levels down at narrower_decay^d and to its related
//   topics (either direction) at related_weight; a topic reached several ways keeps its largest
//   weight.  An item's link to T weighs (expansion weight x about weight).
// - Documents decay from their created date, projects from the end of the membership (or of the
//   project; ongoing = as_of).  Dates after as_of count as as_of; undated evidence does not decay.
//   A membership without a start date (nor a project start) earns the least duration credit.
//   Document shares are also scaled per person by specificity (activity_exponent) and last
//   activity (person_half_life_days), both off by default.
// - A person counts once per document at their best role, once per project at their best
//   membership, and once for declared skills: the best one in the expansion (skills are one
//   weak signal).  Each endorser counts once, at their best topic; self-endorsements not at all.
// - Evidence is ordered by contribution desc, then date desc, kind, item id; the score is the
//   sum in that order, so FindExperts and PersonExpertise agree exactly.
#ifndef WHOKNOWS_QUERY_EXPERTS_H_
#define WHOKNOWS_QUERY_EXPERTS_H_

#include <string>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/ranking_config.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::query {

enum class EvidenceKind { kDocument, kProject, kSkill, kEndorsement };
std::string_view EvidenceKindName(EvidenceKind kind);  // "document", "project", "skill", ...

struct Evidence {
  EvidenceKind kind = EvidenceKind::kDocument;
  graph::Vid item = graph::kNoVid;    // document, project, topic (skill) or endorsement node
  graph::Vid topic = graph::kNoVid;   // the topic the evidence is about (its best link)
  std::string role;                   // "author", "reviewer", a project role, "level 4", ...
  Day date = kNoDay;                  // when the evidence happened; kNoDay when undated
  double contribution = 0;            // its part of the score
  graph::Vid source = graph::kNoVid;  // kEndorsement: the person who endorsed; else kNoVid
};

struct Expert {
  graph::Vid person = graph::kNoVid;
  double score = 0;
  size_t evidence_count = 0;       // all evidence, including what `evidence` leaves out
  std::vector<Evidence> evidence;  // most important first, at most max_evidence
};

struct ExpertsQuery {
  std::vector<TopicMatch> topics;  // resolved topics (TopicIndex::Resolve), at least one
  size_t limit = 10;               // 0 = all
  std::string department;          // case-insensitive filter; empty = any
  std::string location;            // case-insensitive filter; empty = any
  Day as_of = kNoDay;              // "now" for recency; kNoDay = today
  size_t max_evidence = 5;         // 0 = all
};

// Experts in descending score, ties by external id ascending.
std::vector<Expert> FindExperts(const graph::GraphView& graph, const ExpertsQuery& query,
                                const RankingConfig& config);

struct TopicExpertise {
  graph::Vid topic = graph::kNoVid;
  double score = 0;  // equal to the person's score in FindExperts for this topic alone
  size_t evidence_count = 0;
  std::vector<Evidence> evidence;
};

// The topics `person` knows, in descending score (ties by topic id), at most `limit` (0 = all),
// each with at most `max_evidence` evidence (0 = all); as_of kNoDay = today.
// Empty for an opted-out person.  NotFound when `person` is not a live person.
Result<std::vector<TopicExpertise>> PersonExpertise(const graph::GraphView& graph,
                                                    graph::Vid person, Day as_of, size_t limit,
                                                    size_t max_evidence,
                                                    const RankingConfig& config);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_EXPERTS_H_
