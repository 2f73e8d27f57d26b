// The collaboration graph: people linked by the documents they wrote or reviewed together and
// the projects they shared, the input of community detection (communities.h) and of
// introduction paths (network.h).
#ifndef WHOKNOWS_QUERY_COLLABORATION_H_
#define WHOKNOWS_QUERY_COLLABORATION_H_

#include <cstddef>
#include <vector>

#include "whoknows/graph/graph.h"
#include "whoknows/query/leiden.h"

namespace whoknows::query {

struct CollaborationOptions {
  // Items shared by more people than this link nobody: a company-wide page says little about who
  // works with whom, and its pairs would cost O(n^2).
  size_t max_item_people = 100;
  // > 0: people who declare a skill in the same topic are also linked, at topic_weight / (n - 1)
  // for a topic n people declare (off by default: a shared skill is not a collaboration).
  double topic_weight = 0;
};

struct CollaborationGraph {
  std::vector<graph::Vid> people;  // graph node -> person vid, ascending
  WeightedGraph graph;
};

// Every person of `item`, deduplicated, ascending vid, opted-out people included (they count in
// the size of the item): authors and contributors of a document, members of a project.
void ItemPeople(const graph::GraphView& g, graph::Vid item, std::vector<graph::Vid>* out);

// People are `people` (nullptr = every person); opted-out people and non-persons are left out.
// Each document or project with n people (n >= 2, n <= max_item_people) adds 1 / (n - 1) to the
// tie of every pair of its included people: a 2-author document is a full tie, a 40-author one
// a weak one, and a person's ties from one item sum to at most 1.
CollaborationGraph BuildCollaborationGraph(const graph::GraphView& g,
                                           const std::vector<graph::Vid>* people,
                                           const CollaborationOptions& options);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_COLLABORATION_H_
