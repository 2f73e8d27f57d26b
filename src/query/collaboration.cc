#include "whoknows/query/collaboration.h"

#include <algorithm>

namespace whoknows::query {
namespace {

using graph::EdgeType;
using graph::Kind;
using graph::Vid;

// index[vid] = the graph node of person vid, kNotIncluded for everyone else.
constexpr uint32_t kNotIncluded = UINT32_MAX;

// The items that tie anyone, each as the list of its included people and the weight of each of
// their ties, all in one array: the graph is built from the lists (WeightedGraph::FromCliques),
// with no list of every pair (a million people's 60 million ties took 1 GB, written and read once).
struct ItemLists {
  std::vector<uint32_t> members;  // item i's people: members[start[i], start[i + 1])
  std::vector<size_t> start{0};
  std::vector<double> weight;  // item i's tie weight

  // An item of n people (its included ones and the others) ties each pair of its included people
  // with scale / (n - 1), when 2 <= n <= max_people.
  void Add(const std::vector<Vid>& item_people, double scale, const std::vector<uint32_t>& index,
           size_t max_people) {
    const size_t n = item_people.size();
    if (n < 2 || n > max_people) return;
    const size_t before = members.size();
    for (Vid p : item_people) {
      if (p < index.size() && index[p] != kNotIncluded) members.push_back(index[p]);
    }
    if (members.size() - before < 2) {
      members.resize(before);
      return;
    }
    start.push_back(members.size());
    weight.push_back(scale / static_cast<double>(n - 1));
  }
};

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

  ItemLists lists;
  std::vector<Vid> item_people;
  for (Kind kind : {Kind::kDocument, Kind::kProject}) {
    for (Vid item : g.NodesOfKind(kind)) {
      ItemPeople(g, item, &item_people);
      lists.Add(item_people, 1.0, index, options.max_item_people);
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
      lists.Add(item_people, options.topic_weight, index, options.max_item_people);
    }
  }
  // Members are in range and distinct (item_people is), weights positive, by construction.
  result.graph = WeightedGraph::FromCliques(static_cast<uint32_t>(result.people.size()),
                                            lists.members, lists.start, lists.weight);
  return result;
}

}  // namespace whoknows::query
