// The network around expertise: topics that go together, people with similar expertise, and
// introduction chains between people.  People who opted out are never returned, never counted,
// and never a link of a chain.
#ifndef WHOKNOWS_QUERY_NETWORK_H_
#define WHOKNOWS_QUERY_NETWORK_H_

#include <cstddef>
#include <vector>

#include "whoknows/graph/graph.h"

namespace whoknows::query {

struct RelatedTopic {
  graph::Vid topic = graph::kNoVid;
  double score = 0;             // in (0, 1]
  size_t shared_documents = 0;  // documents and projects about both
  size_t shared_people = 0;     // people with evidence on both
};

// Topics related to `topic` through what they share: score = (cosine of the two topics' item
// vectors (about weights) + cosine of their people sets) / 2, where a topic's people are the
// authors, contributors and members of its items and those who declare it as a skill.  Best
// first, ties by id; at most `limit` (0 = all); `topic` itself left out.
std::vector<RelatedTopic> RelatedTopics(const graph::GraphView& g, graph::Vid topic, size_t limit);

struct SimilarPerson {
  graph::Vid person = graph::kNoVid;
  double score = 0;                // cosine similarity in (0, 1]
  std::vector<graph::Vid> topics;  // the shared topics that weigh most, at most 3
};

// People whose expertise is most like `person`'s: cosine similarity of topic vectors, where a
// person's weight on a topic sums about-weight / (people on the item) over their documents and
// projects, plus level / 5 for a declared skill.  Best first, ties by id; at most `limit`
// (0 = all).  Empty for an opted-out or absent person.
std::vector<SimilarPerson> SimilarPeople(const graph::GraphView& g, graph::Vid person,
                                         size_t limit);

// One step of an introduction chain: `person`, linked to the previous one by `via` (a document
// or project both worked on; kNoVid for the first person).
struct PathStep {
  graph::Vid person = graph::kNoVid;
  graph::Vid via = graph::kNoVid;
};

// The longest chain IntroductionPath looks for, in hops (people after the first).
constexpr size_t kMaxIntroductionHops = 6;

// A shortest chain from `from` to `to` (both included) over shared documents and projects,
// through people who did not opt out, at most `max_hops` hops; empty when there is none.  Among
// shortest chains the one found first in vid order.  REQUIRES: both are live people who did not
// opt out.
std::vector<PathStep> IntroductionPath(const graph::GraphView& g, graph::Vid from, graph::Vid to,
                                       size_t max_hops = kMaxIntroductionHops);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_NETWORK_H_
