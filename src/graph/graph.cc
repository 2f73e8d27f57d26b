#include "whoknows/graph/graph.h"

#include <algorithm>
#include <cassert>
#include <iterator>

namespace whoknows::graph {

// Graph::Entry's first cache line holds the edge lists, kind, opted_out and the dates (graph.h).
static_assert(alignof(Graph::Entry) == 64 && sizeof(Graph::Entry) == 256,
              "Graph::Entry: 48 bytes of edge lists, then NodeData's 16 bytes of fixed fields");

namespace {

const std::vector<Edge>& EmptyEdges() {
  static const std::vector<Edge> kEmpty;
  return kEmpty;
}

const std::vector<Vid>& EmptyVids() {
  static const std::vector<Vid> kEmpty;
  return kEmpty;
}

bool IsTopicEdge(EdgeType type) { return type == EdgeType::kBroader || type == EdgeType::kRelated; }

// Removes the first edge in `edges` to `other` of `type`, keeping the order of the rest.
// Returns false when there is none.
bool EraseOne(std::vector<Edge>* edges, Vid other, EdgeType type) {
  auto it = std::find_if(edges->begin(), edges->end(),
                         [&](const Edge& e) { return e.other == other && e.type == type; });
  if (it == edges->end()) return false;
  edges->erase(it);
  return true;
}

}  // namespace

const NodeData* Graph::Node(Vid vid) const {
  const Entry* entry = EntryOf(vid);
  return entry ? &entry->data : nullptr;
}

const std::vector<Edge>& Graph::Out(Vid vid) const {
  const Entry* entry = EntryOf(vid);
  return entry ? entry->out : EmptyEdges();
}

const std::vector<Edge>& Graph::In(Vid vid) const {
  const Entry* entry = EntryOf(vid);
  return entry ? entry->in : EmptyEdges();
}

const std::vector<Vid>& Graph::NodesOfKind(Kind kind) const {
  size_t k = static_cast<size_t>(kind);
  if (k >= by_kind_.size() || !by_kind_[k]) return EmptyVids();
  return *by_kind_[k];
}

GraphBuilder::GraphBuilder(std::shared_ptr<const Graph> base)
    : next_(base ? std::make_shared<Graph>(*base) : std::make_shared<Graph>()),
      chunk_copied_(next_->chunks_.size(), false),
      copied_(next_->vid_limit_, false),
      kind_added_(next_->by_kind_.size()),
      kind_removed_(next_->by_kind_.size()) {}

std::shared_ptr<const Graph::Entry>& GraphBuilder::Slot(Vid vid) {
  auto& chunks = next_->chunks_;
  const size_t c = vid >> Graph::kChunkBits;
  if (c >= chunks.size()) {
    chunks.resize(c + 1);
    chunk_copied_.resize(c + 1, false);
  }
  if (!chunk_copied_[c]) {
    chunks[c] =
        chunks[c] ? std::make_shared<Graph::Chunk>(*chunks[c]) : std::make_shared<Graph::Chunk>();
    chunk_copied_[c] = true;
  }
  if (vid >= next_->vid_limit_) {
    next_->vid_limit_ = vid + 1;
    copied_.resize(vid + 1, false);
  }
  // The chunk was copied above by this builder and is not yet shared with any reader, so
  // writing through it is safe; it becomes immutable when Build() publishes the graph.
  return const_cast<Graph::Chunk&>(*chunks[c])[vid & (Graph::kChunkSize - 1)];
}

Graph::Entry& GraphBuilder::Mutable(Vid vid) {
  std::shared_ptr<const Graph::Entry>& slot = Slot(vid);
  if (!copied_[vid]) {
    slot = slot ? std::make_shared<Graph::Entry>(*slot) : std::make_shared<Graph::Entry>();
    copied_[vid] = true;
  }
  // Same reasoning as in Slot: the entry is private to this builder until Build().
  return const_cast<Graph::Entry&>(*slot);
}

void GraphBuilder::PutNode(Vid vid, NodeData data) {
  const NodeData* old = Node(vid);
  const Kind kind = data.kind;
  if (old == nullptr || old->kind != kind) {
    if (old != nullptr) kind_removed_[static_cast<size_t>(old->kind)].push_back(vid);
    kind_added_[static_cast<size_t>(kind)].push_back(vid);
  }
  if (kind == Kind::kTopic || (old != nullptr && old->kind == Kind::kTopic)) {
    topics_changed_ = true;
  }
  Mutable(vid).data = std::move(data);
}

void GraphBuilder::RemoveNode(Vid vid) {
  assert(HasNode(vid));
  assert(Out(vid).empty() && In(vid).empty());
  const Kind kind = Node(vid)->kind;
  Slot(vid) = nullptr;
  copied_[vid] = false;
  kind_removed_[static_cast<size_t>(kind)].push_back(vid);
  if (kind == Kind::kTopic) topics_changed_ = true;
}

void GraphBuilder::AddEdge(Vid src, EdgeType type, Vid dst, const EdgeProps& props) {
  assert(HasNode(src) && HasNode(dst));
  const Edge::Props compact = Edge::Props::From(props);
  Mutable(src).out.push_back(Edge{dst, type, compact});
  Mutable(dst).in.push_back(Edge{src, type, compact});
  ++next_->edge_count_;
  if (IsTopicEdge(type)) topics_changed_ = true;
}

void GraphBuilder::RemoveOutEdges(Vid vid) {
  if (!HasNode(vid)) return;
  std::vector<Edge> out = std::move(Mutable(vid).out);
  Mutable(vid).out.clear();
  for (const Edge& e : out) {
    bool erased = EraseOne(&Mutable(e.other).in, vid, e.type);
    assert(erased && "an out-edge without its in-edge");
    (void)erased;
    --next_->edge_count_;
    if (IsTopicEdge(e.type)) topics_changed_ = true;
  }
}

void GraphBuilder::RemoveInEdges(Vid vid) {
  if (!HasNode(vid)) return;
  std::vector<Edge> in = std::move(Mutable(vid).in);
  Mutable(vid).in.clear();
  for (const Edge& e : in) {
    bool erased = EraseOne(&Mutable(e.other).out, vid, e.type);
    assert(erased && "an in-edge without its out-edge");
    (void)erased;
    --next_->edge_count_;
    if (IsTopicEdge(e.type)) topics_changed_ = true;
  }
}

bool GraphBuilder::HasNode(Vid vid) const { return next_->EntryOf(vid) != nullptr; }
const NodeData* GraphBuilder::Node(Vid vid) const { return next_->Node(vid); }
const std::vector<Edge>& GraphBuilder::Out(Vid vid) const { return next_->Out(vid); }
const std::vector<Edge>& GraphBuilder::In(Vid vid) const { return next_->In(vid); }

namespace {

// `vids` (ascending) plus `added` minus `removed`, ascending.  REQUIRES: no vid is in both.
std::vector<Vid> UpdatedVids(const std::vector<Vid>& vids, std::vector<Vid> added,
                             std::vector<Vid> removed) {
  std::sort(added.begin(), added.end());
  std::sort(removed.begin(), removed.end());
  std::vector<Vid> out;
  out.reserve(vids.size() + added.size());
  std::set_difference(vids.begin(), vids.end(), removed.begin(), removed.end(),
                      std::back_inserter(out));
  if (added.empty()) return out;
  const size_t old_end = out.size();
  out.insert(out.end(), added.begin(), added.end());
  // New vids are allocated in increasing order, so usually they all come after the old ones.
  if (old_end > 0 && out[old_end - 1] >= added.front()) {
    std::inplace_merge(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(old_end), out.end());
  }
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::shared_ptr<const Graph> GraphBuilder::Build() {
  Graph& g = *next_;
  for (size_t k = 0; k < g.by_kind_.size(); ++k) {
    if (kind_added_[k].empty() && kind_removed_[k].empty()) continue;
    auto is_kind = [&g, k](Vid v) {
      const NodeData* n = g.Node(v);
      return n != nullptr && static_cast<size_t>(n->kind) == k;
    };
    const std::vector<Vid>& old = g.by_kind_[k] ? *g.by_kind_[k] : EmptyVids();
    // Only the vids this builder touched can have changed: the live kind decides for each.
    std::vector<Vid> added, removed;
    for (const auto* list : {&kind_added_[k], &kind_removed_[k]}) {
      for (Vid v : *list) (is_kind(v) ? added : removed).push_back(v);
    }
    g.by_kind_[k] = std::make_shared<const std::vector<Vid>>(
        UpdatedVids(old, std::move(added), std::move(removed)));
  }
  ++g.version_;
  if (topics_changed_) g.topics_version_ = g.version_;
  std::shared_ptr<const Graph> result = std::move(next_);
  next_.reset();
  return result;
}

}  // namespace whoknows::graph
