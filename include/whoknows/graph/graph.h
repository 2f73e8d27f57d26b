// The in-memory graph: an immutable snapshot of every node and edge, and the GraphView interface
// that algorithms read.
//
// Concurrency: a published Graph is never modified.  Writers build the next version with a
// GraphBuilder, which shares every untouched node with its base (copy-on-write per node), and
// publish it with an atomic pointer swap.  Readers hold a std::shared_ptr<const Graph> for the
// length of a query and so always see one consistent version without blocking writers.
#ifndef WHOKNOWS_GRAPH_GRAPH_H_
#define WHOKNOWS_GRAPH_GRAPH_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "whoknows/graph/edge_role.h"
#include "whoknows/graph/model.h"

namespace whoknows::graph {

namespace internal {
class GraphLoader;  // builds the first snapshot from disk at Database::Open (graph_loader.h)
}  // namespace internal

// An edge as seen from one endpoint: `other` is the destination in an out-list and the source in
// an in-list.  28 bytes, held twice (once per endpoint), so its properties are those of EdgeProps
// (model.h) with the role interned (edge_role.h) instead of a std::string, and the other end is
// a 32-bit vid.
struct Edge {
  struct Props {
    float weight = 1.0f;
    uint8_t level = 0;
    uint16_t position = 0;
    Day since = kNoDay;
    Day until = kNoDay;
    EdgeRole role;

    // Interns the record's role.
    static Props From(const EdgeProps& p) {
      return Props{p.weight, p.level, p.position, p.since, p.until, EdgeRole::Intern(p.role)};
    }
    EdgeProps ToRecord() const {
      return EdgeProps{weight, level, position, since, until, std::string(role.view())};
    }
    bool operator==(const Props& o) const {
      return weight == o.weight && level == o.level && position == o.position && since == o.since &&
             until == o.until && role == o.role;
    }
  };

  uint32_t other;  // a vid: all are below kVidLimit (model.h)
  EdgeType type;
  Props props;
};
static_assert(sizeof(Edge) == 28, "an Edge is held twice per edge: keep it small");

// A node's out- or in-edges: a view of an array that the graph snapshot it came from owns.  Valid
// while the caller holds that snapshot (or, from a GraphBuilder, until the builder next changes
// the node's edges).  Reads as a const std::vector<Edge> does.
class EdgeList {
 public:
  using value_type = Edge;
  using const_iterator = const Edge*;

  constexpr EdgeList() noexcept = default;
  constexpr EdgeList(const Edge* data, size_t size) noexcept : data_(data), size_(size) {}
  EdgeList(const std::vector<Edge>& edges) noexcept  // NOLINT(runtime/explicit)
      : data_(edges.data()), size_(edges.size()) {}

  const Edge* data() const noexcept { return data_; }
  size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  const Edge* begin() const noexcept { return data_; }
  const Edge* end() const noexcept { return data_ + size_; }
  const Edge& operator[](size_t i) const noexcept { return data_[i]; }
  const Edge& front() const noexcept { return data_[0]; }
  const Edge& back() const noexcept { return data_[size_ - 1]; }

 private:
  const Edge* data_ = nullptr;
  size_t size_ = 0;
};

// Read access to a graph.  Algorithms take a `const GraphView&` so that tests run them on graphs
// built in memory.  Vids range over [0, VidLimit()); some are unused (never allocated or deleted).
class GraphView {
 public:
  virtual ~GraphView() = default;

  virtual Vid VidLimit() const = 0;
  // nullptr when `vid` names no live node.
  virtual const NodeData* Node(Vid vid) const = 0;
  // Edges owned by `vid` (see model.h); empty for an absent node.  Order: insertion order.
  virtual EdgeList Out(Vid vid) const = 0;
  // Edges pointing at `vid`; empty for an absent node.
  virtual EdgeList In(Vid vid) const = 0;
  // The live vids of one kind, ascending.
  virtual const std::vector<Vid>& NodesOfKind(Kind kind) const = 0;
  // Changes whenever a topic node or an edge between topics changes: caches of topic lookups
  // (query::TopicIndex) are keyed on it.
  virtual uint64_t TopicsVersion() const = 0;
};

class Graph final : public GraphView {
 public:
  // A node: two cache lines.  The first holds where its edges are, NodeData's fixed-size fields
  // (kind, opted_out, the dates) and its first strings (the id, the name): one cache miss per
  // node for a walk that reads edges, kinds and dates (the cold experts walk); the other strings
  // follow.
  //
  // The edges are not owned by the entry: `out` and `in` point into arrays that whoever made the
  // entry keeps alive as long as the entry (the loader: one array per chunk for all of the chunk's
  // out-edges and one for its in-edges; a GraphBuilder: vectors beside the entry, in the same
  // allocation).  So an entry is never copied as a whole: its data is, and its edges are copied
  // into storage of the copy's own.  No vector per list: 24 bytes instead of 48, and no
  // allocation (and malloc header) per list.
  struct alignas(64) Entry {
    EdgeList Out() const { return {out, out_size}; }
    EdgeList In() const { return {in, in_size}; }

    const Edge* out = nullptr;
    const Edge* in = nullptr;
    uint32_t out_size = 0;
    uint32_t in_size = 0;
    NodeData data;
  };

  Graph() = default;

  Vid VidLimit() const override { return vid_limit_; }
  const NodeData* Node(Vid vid) const override;
  EdgeList Out(Vid vid) const override;
  EdgeList In(Vid vid) const override;
  const std::vector<Vid>& NodesOfKind(Kind kind) const override;
  uint64_t TopicsVersion() const override { return topics_version_; }

  // Counts of live nodes per kind and of edges (each edge once).
  size_t CountOf(Kind kind) const { return NodesOfKind(kind).size(); }
  size_t EdgeCount() const { return edge_count_; }
  // Increases with every published version.
  uint64_t Version() const { return version_; }

 private:
  friend class GraphBuilder;
  friend class internal::GraphLoader;

  // Entries in chunks of kChunkSize vids: entry(vid) = chunks_[vid / kChunkSize][vid % kChunkSize],
  // nullptr = no node.  A writer copies the vector of chunk pointers and only the chunks it
  // touches, so a small write costs O(VidLimit / kChunkSize + touched chunks), not O(VidLimit).
  static constexpr size_t kChunkBits = 10;
  static constexpr size_t kChunkSize = size_t{1} << kChunkBits;
  using Chunk = std::array<std::shared_ptr<const Entry>, kChunkSize>;

  const Entry* EntryOf(Vid vid) const {
    if (vid >= vid_limit_) return nullptr;
    const Chunk* chunk = chunks_[vid >> kChunkBits].get();  // nullptr: a gap never written
    return chunk ? (*chunk)[vid & (kChunkSize - 1)].get() : nullptr;
  }

  std::vector<std::shared_ptr<const Chunk>> chunks_;
  Vid vid_limit_ = 0;
  std::vector<std::shared_ptr<const std::vector<Vid>>> by_kind_ =
      std::vector<std::shared_ptr<const std::vector<Vid>>>(6);
  size_t edge_count_ = 0;
  uint64_t version_ = 0;
  uint64_t topics_version_ = 0;
};

// Builds the next version of a Graph.  Cost: O(VidLimit / Graph::kChunkSize) pointer copies plus
// the touched chunks and nodes; the per-kind vid lists are copied only for the kinds that gain or
// lose nodes.  Not thread-safe; one writer at a time.
class GraphBuilder {
 public:
  // `base` may be nullptr for an empty graph.
  explicit GraphBuilder(std::shared_ptr<const Graph> base);

  // Creates the node or replaces its fields; its edges are kept.
  void PutNode(Vid vid, NodeData data);
  // REQUIRES: the node exists and has no edges left.
  void RemoveNode(Vid vid);
  // REQUIRES: both endpoints exist.  Adds `src -type-> dst` to src's out-list and dst's in-list.
  void AddEdge(Vid src, EdgeType type, Vid dst, const EdgeProps& props);
  // Removes every edge `vid` owns (its out-list) from both endpoints.
  void RemoveOutEdges(Vid vid);
  // Removes every edge pointing at `vid` (its in-list) from both endpoints.
  void RemoveInEdges(Vid vid);

  bool HasNode(Vid vid) const;
  const NodeData* Node(Vid vid) const;
  EdgeList Out(Vid vid) const;
  EdgeList In(Vid vid) const;

  // Publishes the result; the builder must not be used afterwards.
  std::shared_ptr<const Graph> Build();

 private:
  // An entry this builder made (copied from the base, or new), with the vectors its edge views
  // point into.  Published as an aliasing pointer to `entry`, which keeps the vectors alive.
  struct Owned {
    Graph::Entry entry;
    std::vector<Edge> out;
    std::vector<Edge> in;

    // Points the entry's views at the vectors: after every change to them.
    void Sync();
  };

  Owned& Mutable(Vid vid);
  // The slot of `vid` in a chunk private to next_ (copied on first touch); grows the graph.
  std::shared_ptr<const Graph::Entry>& Slot(Vid vid);

  std::shared_ptr<Graph> next_;
  std::vector<bool> chunk_copied_;              // chunks already private to next_
  std::unordered_map<Vid, Owned*> owned_;       // the entries private to next_, by vid
  std::vector<std::vector<Vid>> kind_added_;    // vids that became nodes of a kind, unsorted
  std::vector<std::vector<Vid>> kind_removed_;  // vids that stopped being nodes of a kind
  bool topics_changed_ = false;
};

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_GRAPH_H_
