#include "whoknows/graph/graph.h"

#include <algorithm>
#include <cassert>

namespace whoknows::graph {

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
  if (vid >= entries_.size() || !entries_[vid]) return nullptr;
  return &entries_[vid]->data;
}

const std::vector<Edge>& Graph::Out(Vid vid) const {
  if (vid >= entries_.size() || !entries_[vid]) return EmptyEdges();
  return entries_[vid]->out;
}

const std::vector<Edge>& Graph::In(Vid vid) const {
  if (vid >= entries_.size() || !entries_[vid]) return EmptyEdges();
  return entries_[vid]->in;
}

const std::vector<Vid>& Graph::NodesOfKind(Kind kind) const {
  size_t k = static_cast<size_t>(kind);
  if (k >= by_kind_.size() || !by_kind_[k]) return EmptyVids();
  return *by_kind_[k];
}

GraphBuilder::GraphBuilder(std::shared_ptr<const Graph> base)
    : next_(base ? std::make_shared<Graph>(*base) : std::make_shared<Graph>()),
      copied_(next_->entries_.size(), false),
      kind_added_(next_->by_kind_.size()) {}

Graph::Entry& GraphBuilder::Mutable(Vid vid) {
  auto& entries = next_->entries_;
  if (vid >= entries.size()) {
    entries.resize(vid + 1);
    copied_.resize(vid + 1, false);
  }
  if (!copied_[vid]) {
    entries[vid] = entries[vid] ? std::make_shared<Graph::Entry>(*entries[vid])
                                : std::make_shared<Graph::Entry>();
    copied_[vid] = true;
  }
  // The entry was created above by this builder and is not yet shared with any reader, so
  // writing through it is safe; it becomes immutable when Build() publishes the graph.
  return const_cast<Graph::Entry&>(*entries[vid]);
}

void GraphBuilder::PutNode(Vid vid, NodeData data) {
  const bool is_new = !HasNode(vid);
  const Kind kind = data.kind;
  Mutable(vid).data = std::move(data);
  if (is_new) kind_added_[static_cast<size_t>(kind)].push_back(vid);
  TouchKind(kind);
  if (kind == Kind::kTopic) topics_changed_ = true;
}

void GraphBuilder::RemoveNode(Vid vid) {
  assert(HasNode(vid));
  assert(Out(vid).empty() && In(vid).empty());
  const Kind kind = Node(vid)->kind;
  next_->entries_[vid] = nullptr;
  copied_[vid] = false;
  TouchKind(kind);
  if (kind == Kind::kTopic) topics_changed_ = true;
}

void GraphBuilder::AddEdge(Vid src, EdgeType type, Vid dst, const EdgeProps& props) {
  assert(HasNode(src) && HasNode(dst));
  Mutable(src).out.push_back(Edge{dst, type, props});
  Mutable(dst).in.push_back(Edge{src, type, props});
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

bool GraphBuilder::HasNode(Vid vid) const {
  return vid < next_->entries_.size() && next_->entries_[vid] != nullptr;
}
const NodeData* GraphBuilder::Node(Vid vid) const { return next_->Node(vid); }
const std::vector<Edge>& GraphBuilder::Out(Vid vid) const { return next_->Out(vid); }
const std::vector<Edge>& GraphBuilder::In(Vid vid) const { return next_->In(vid); }

void GraphBuilder::TouchKind(Kind kind) { kind_dirty_[static_cast<size_t>(kind)] = true; }

std::shared_ptr<const Graph> GraphBuilder::Build() {
  Graph& g = *next_;
  for (size_t k = 0; k < kind_dirty_.size(); ++k) {
    if (!kind_dirty_[k]) continue;
    // Old list plus additions, minus whatever is no longer a live node of this kind.
    std::vector<Vid> vids = g.by_kind_[k] ? *g.by_kind_[k] : std::vector<Vid>();
    vids.insert(vids.end(), kind_added_[k].begin(), kind_added_[k].end());
    if (!kind_added_[k].empty()) {
      std::sort(vids.begin(), vids.end());
      vids.erase(std::unique(vids.begin(), vids.end()), vids.end());
    }
    vids.erase(std::remove_if(vids.begin(), vids.end(),
                              [&](Vid v) {
                                const NodeData* n = g.Node(v);
                                return n == nullptr || static_cast<size_t>(n->kind) != k;
                              }),
               vids.end());
    g.by_kind_[k] = std::make_shared<const std::vector<Vid>>(std::move(vids));
  }
  ++g.version_;
  if (topics_changed_) g.topics_version_ = g.version_;
  std::shared_ptr<const Graph> result = std::move(next_);
  next_.reset();
  return result;
}

}  // namespace whoknows::graph
