#include "whoknows/query/collaboration.h"

#include <algorithm>

namespace whoknows::query {
namespace {

using graph::EdgeType;
using graph::Kind;
using graph::Vid;

// Adds 1/(n-1) * scale between every pair of the included people of one item of n people.
// index[vid] = the graph node of person vid, kNotIncluded for everyone else.
constexpr uint32_t kNotIncluded = UINT32_MAX;

void AddItemTies(const std::vector<Vid>& item_people, double scale,
                 const std::vector<uint32_t>& index, size_t max_people,
                 std::vector<WeightedEdge>* edges, std::vector<uint32_t>* scratch) {
  const size_t n = item_people.size();
  if (n < 2 || n > max_people) return;
  scratch->clear();
  for (Vid p : item_people) {
    if (p < index.size() && index[p] != kNotIncluded) scratch->push_back(index[p]);
  }
  const double w = scale / static_cast<double>(n - 1);
  for (size_t i = 0; i < scratch->size(); ++i) {
    for (size_t j = i + 1; j < scratch->size(); ++j)
      edges->push_back({(*scratch)[i], (*scratch)[j], w});
  }
}

}  // namespace

void ItemPeople(const graph::GraphView& g, Vid item, std::vector<Vid>* out) {
  out->clear();
  for (const graph::Edge& e : g.Out(item)) {
    if (e.type == EdgeType::kAuthoredBy || e.type == EdgeType::kContributor ||
        e.type == EdgeType::kMember) {
      out->push_back(e.other);
    }
  }
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

CollaborationGraph BuildCollaborationGraph(const graph::GraphView& g,
                                           const std::vector<Vid>* people,
                                           const CollaborationOptions& options) {
  CollaborationGraph result;
  const std::vector<Vid>& candidates = people ? *people : g.NodesOfKind(Kind::kPerson);
  for (Vid p : candidates) {
    const graph::NodeData* node = g.Node(p);
    if (node != nullptr && node->kind == Kind::kPerson && !node->opted_out) {
      result.people.push_back(p);
    }
  }
  std::sort(result.people.begin(), result.people.end());
  result.people.erase(std::unique(result.people.begin(), result.people.end()), result.people.end());
  // Dense, by vid (4 bytes per node of any kind): no hashing, and one cache miss per lookup.
  std::vector<uint32_t> index(g.VidLimit(), kNotIncluded);
  for (uint32_t i = 0; i < result.people.size(); ++i) index[result.people[i]] = i;

  std::vector<WeightedEdge> edges;
  std::vector<Vid> item_people;
  std::vector<uint32_t> scratch;
  for (Kind kind : {Kind::kDocument, Kind::kProject}) {
    for (Vid item : g.NodesOfKind(kind)) {
      ItemPeople(g, item, &item_people);
      AddItemTies(item_people, 1.0, index, options.max_item_people, &edges, &scratch);
    }
  }
  if (options.topic_weight > 0) {
    for (Vid topic : g.NodesOfKind(Kind::kTopic)) {
      item_people.clear();
      for (const graph::Edge& e : g.In(topic)) {
        if (e.type == EdgeType::kHasSkill) item_people.push_back(e.other);
      }
      std::sort(item_people.begin(), item_people.end());
      item_people.erase(std::unique(item_people.begin(), item_people.end()), item_people.end());
      AddItemTies(item_people, options.topic_weight, index, options.max_item_people, &edges,
                  &scratch);
    }
  }
  // Ends are in range and weights positive by construction.
  result.graph =
      std::move(WeightedGraph::FromEdges(static_cast<uint32_t>(result.people.size()), edges))
          .value();
  return result;
}

}  // namespace whoknows::query
