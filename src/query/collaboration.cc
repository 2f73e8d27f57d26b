#include "whoknows/query/collaboration.h"

#include <algorithm>

#include "whoknows/core/parallel.h"

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

  // Adds `part`'s items after this one's, in their order.
  void Append(const ItemLists& part) {
    const size_t base = members.size();
    members.insert(members.end(), part.members.begin(), part.members.end());
    for (size_t i = 1; i < part.start.size(); ++i) start.push_back(base + part.start[i]);
    weight.insert(weight.end(), part.weight.begin(), part.weight.end());
  }
};

// Items of one kind below this many are listed on one thread: a thread would cost more than it
// saves (a million people have ten million documents).
constexpr double kParallelItems = 1 << 16;

// Adds every item of `items` to `lists`, in order.  The items are read on up to one thread per
// core, each part of the list into lists of its own that are then appended in part order: the
// same lists, and so the same graph, for any number of threads.  Reading each item's edges (a
// random node of the graph) is most of the collaboration graph's time on a large organisation.
void AddItems(const graph::GraphView& g, const std::vector<Vid>& items,
              const std::vector<uint32_t>& index, size_t max_people, ItemLists& lists) {
  const size_t parts = WorkersFor(static_cast<double>(items.size()), kParallelItems);
  std::vector<ItemLists> later(parts - 1);  // parts 1..: part 0 goes straight into `lists`
  RunParts(parts, [&](size_t k) {
    ItemLists& out = k == 0 ? lists : later[k - 1];
    std::vector<Vid> item_people;
    const size_t end = PartBegin(items.size(), parts, k + 1);
    for (size_t i = PartBegin(items.size(), parts, k); i < end; ++i) {
      ItemPeople(g, items[i], &item_people);
      out.Add(item_people, 1.0, index, max_people);
    }
  });
  for (const ItemLists& part : later) lists.Append(part);
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

  ItemLists lists;
  for (Kind kind : {Kind::kDocument, Kind::kProject}) {
    AddItems(g, g.NodesOfKind(kind), index, options.max_item_people, lists);
  }
  if (options.topic_weight > 0) {
    std::vector<Vid> item_people;
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
