// Communities of practice: Leiden on the collaboration graph, each community with its dominant
// topics and the role of each member.
//
// Roles (one per member; broker wins over core):
// - broker: has ties into another community and a betweenness centrality (unweighted shortest
//   paths, Brandes) in the top decile of the non-zero ones: the people most paths between groups
//   run through.  Exact up to `exact_betweenness_limit` people; above, estimated from
//   `betweenness_samples` seeded random sources (scaled to the whole graph).
// - core: in the innermost k-core of the community's own ties (k >= 2) and, when evidence
//   scores are given, scoring at least the community's median.
// - member: everyone else.
#ifndef WHOKNOWS_QUERY_COMMUNITIES_H_
#define WHOKNOWS_QUERY_COMMUNITIES_H_

#include <string_view>
#include <vector>

#include "whoknows/graph/graph.h"
#include "whoknows/query/collaboration.h"
#include "whoknows/query/leiden.h"

namespace whoknows::query {

enum class MemberRole { kCore, kBroker, kMember };
std::string_view MemberRoleName(MemberRole role);  // "core", "broker", "member"

struct CommunityMember {
  graph::Vid person = graph::kNoVid;
  MemberRole role = MemberRole::kMember;
  // The evidence score when scores were given, else the weight of the person's ties inside the
  // community.
  double score = 0;
};

struct CommunityTopic {
  graph::Vid topic = graph::kNoVid;
  double weight = 0;  // share of the community's topic mass, in (0, 1]
};

struct Community {
  std::vector<CommunityMember> members;  // by score desc, then person id
  std::vector<CommunityTopic> topics;    // by weight desc, at most max_topics
};

struct CommunitiesResult {
  double modularity = 0;
  std::vector<Community> communities;  // largest first, ties by the first member's id
};

struct CommunitiesOptions {
  LeidenOptions leiden;
  CollaborationOptions collaboration;
  size_t max_topics = 5;
  size_t exact_betweenness_limit = 1000;
  size_t betweenness_samples = 200;
};

// Communities among `people` (nullptr = every person; opted-out people are always left out).
// `scores`, when not null, is parallel to *people: the evidence behind each (used for scores and
// core roles).  A topic's weight in a community sums, over the documents and projects of its
// members, about-weight x the members' share of the item's people.
CommunitiesResult FindCommunities(const graph::GraphView& g, const std::vector<graph::Vid>* people,
                                  const std::vector<double>* scores,
                                  const CommunitiesOptions& options);

// Core number of each node counting only edges whose ends share a label (Batagelj-Zaversnik).
std::vector<uint32_t> CoreNumbers(const WeightedGraph& g, const std::vector<uint32_t>& label);

// How Betweenness keeps each batch's path counts and shares.  kAuto: in floats when the scores are
// sampled and a batch of doubles would outgrow a last-level cache (32 MiB), in doubles otherwise.
// A sampled score is an estimate whose sampling error (~1/sqrt(samples)) dwarfs float's rounding,
// and the passes, bound by random reads of those values, take about a third less time on a
// million people with half the bytes.  A float batch whose path counts run past 1e30 is redone in
// doubles, so kFloat never loses range.
enum class PathCounts { kAuto, kDouble, kFloat };

// Betweenness centrality over unweighted shortest paths (each pair once); sampled from `samples`
// random sources (seeded) when the graph has more than `exact_limit` nodes (0 samples: exact).  The
// Brandes passes run in batches of up to 64 sources (a multi-source BFS), a batch per thread on
// `threads` threads (0: one per core, up to 8, when the graph is large enough to gain from it); the
// result is the same, bit for bit, for any number of threads.  In doubles it equals the textbook
// one-source-at-a-time pass up to rounding (its sums run in another order): within ~1e-15 of the
// largest score; in floats within ~1e-6.  Memory: 8 bytes (floats: 4) per node per source in
// flight, at most 768 MiB a batch (fewer sources per batch).
std::vector<double> Betweenness(const WeightedGraph& g, size_t exact_limit, size_t samples,
                                uint64_t seed, unsigned threads = 0,
                                PathCounts counts = PathCounts::kAuto);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_COMMUNITIES_H_
