#include "whoknows/graph/graph.h"

#include <algorithm>
#include <cassert>
#include <cstddef>
#include <iterator>

namespace whoknows::graph {

// Graph::Entry's first cache line holds the edge lists, kind, opted_out, the dates, the id and
// the name (graph.h).
static_assert(alignof(Graph::Entry) == 64 && sizeof(Graph::Entry) == 128,
              "Graph::Entry: 24 bytes of edge views, then NodeData's 16 bytes of fixed fields");
static_assert(offsetof(Graph::Entry, data) + offsetof(NodeData, name) + sizeof(Text) <= 64,
              "Graph::Entry: the id and the name in the first cache line");

namespace {

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

EdgeList Graph::Out(Vid vid) const {
  const Entry* entry = EntryOf(vid);
  return entry ? entry->Out() : EdgeList();
}

EdgeList Graph::In(Vid vid) const {
  const Entry* entry = EntryOf(vid);
  return entry ? entry->In() : EdgeList();
}

const std::vector<Vid>& Graph::NodesOfKind(Kind kind) const {
  size_t k = static_cast<size_t>(kind);
  if (k >= by_kind_.size() || !by_kind_[k]) return EmptyVids();
  return *by_kind_[k];
}

GraphBuilder::GraphBuilder(std::shared_ptr<const Graph> base)
    : next_(base ? std::make_shared<Graph>(*base) : std::make_shared<Graph>()),
      chunk_copied_(next_->chunks_.size(), false),
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
  if (vid >= next_->vid_limit_) next_->vid_limit_ = vid + 1;
  // The chunk was copied above by this builder and is not yet shared with any reader, so
  // writing through it is safe; it becomes immutable when Build() publishes the graph.
  return const_cast<Graph::Chunk&>(*chunks[c])[vid & (Graph::kChunkSize - 1)];
}

void GraphBuilder::Owned::Sync() {
  entry.out = out.data();
  entry.out_size = static_cast<uint32_t>(out.size());
  entry.in = in.data();
  entry.in_size = static_cast<uint32_t>(in.size());
}

// The entry is private to this builder until Build(): nothing else can read it, so it is edited
// in place.  A node's first touch copies its data and edges (wherever they live) into an Owned.
GraphBuilder::Owned& GraphBuilder::Mutable(Vid vid) {
  auto it = owned_.find(vid);
  if (it != owned_.end()) return *it->second;
  std::shared_ptr<const Graph::Entry>& slot = Slot(vid);
  auto owned = std::make_shared<Owned>();
  if (slot) {
    owned->entry.data = slot->data;
    const EdgeList out = slot->Out(), in = slot->In();
    owned->out.assign(out.begin(), out.end());
    owned->in.assign(in.begin(), in.end());
    owned->Sync();
  }
  Owned* raw = owned.get();
  // Aliasing: the slot shares ownership of the Owned (and so of its vectors) and points at its
  // entry.
  slot = std::shared_ptr<const Graph::Entry>(std::move(owned), &raw->entry);
  owned_.emplace(vid, raw);
  return *raw;
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
  Mutable(vid).entry.data = std::move(data);
}

void GraphBuilder::RemoveNode(Vid vid) {
  assert(HasNode(vid));
  assert(Out(vid).empty() && In(vid).empty());
  const Kind kind = Node(vid)->kind;
  Slot(vid) = nullptr;
  owned_.erase(vid);
  kind_removed_[static_cast<size_t>(kind)].push_back(vid);
  if (kind == Kind::kTopic) topics_changed_ = true;
}

void GraphBuilder::AddEdge(Vid src, EdgeType type, Vid dst, const EdgeProps& props) {
  assert(HasNode(src) && HasNode(dst));
  assert(src < kVidLimit && dst < kVidLimit);
  const Edge::Props compact = Edge::Props::From(props);
  Owned& from = Mutable(src);
  from.out.push_back(Edge{static_cast<uint32_t>(dst), type, compact});
  from.Sync();
  Owned& to = Mutable(dst);  // may be `from` (a self-loop): Sync after each push
  to.in.push_back(Edge{static_cast<uint32_t>(src), type, compact});
  to.Sync();
  ++next_->edge_count_;
  if (IsTopicEdge(type)) topics_changed_ = true;
}

void GraphBuilder::RemoveOutEdges(Vid vid) {
  if (!HasNode(vid)) return;
  Owned& self = Mutable(vid);
  std::vector<Edge> out = std::move(self.out);
  self.out.clear();
  self.Sync();
  for (const Edge& e : out) {
    Owned& other = Mutable(e.other);
    bool erased = EraseOne(&other.in, vid, e.type);
    other.Sync();
    assert(erased && "an out-edge without its in-edge");
    (void)erased;
    --next_->edge_count_;
    if (IsTopicEdge(e.type)) topics_changed_ = true;
  }
}

void GraphBuilder::RemoveInEdges(Vid vid) {
  if (!HasNode(vid)) return;
  Owned& self = Mutable(vid);
  std::vector<Edge> in = std::move(self.in);
  self.in.clear();
  self.Sync();
  for (const Edge& e : in) {
    Owned& other = Mutable(e.other);
    bool erased = EraseOne(&other.out, vid, e.type);
    other.Sync();
    assert(erased && "an in-edge without its out-edge");
    (void)erased;
    --next_->edge_count_;
    if (IsTopicEdge(e.type)) topics_changed_ = true;
  }
}

bool GraphBuilder::HasNode(Vid vid) const { return next_->EntryOf(vid) != nullptr; }
const NodeData* GraphBuilder::Node(Vid vid) const { return next_->Node(vid); }
EdgeList GraphBuilder::Out(Vid vid) const { return next_->Out(vid); }
EdgeList GraphBuilder::In(Vid vid) const { return next_->In(vid); }

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
