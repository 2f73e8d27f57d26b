// GraphLoader: builds the first snapshot, everything on disk, when a Database opens.  Private to
// graph/.
//
// The vid space [0, next_vid) is cut into ranges of whole chunks (Graph::kChunkSize vids) that the
// worker threads take in turn, so that each range's entries, chunk arrays and out-lists are written
// by one thread only, and no lock is taken:
//  1. nodes: per range and kind, a range scan of `nodes`, one entry per node, in a block of
//     entries allocated once per chunk (below);
//  2. out-lists: per range, a range scan of `out`; each node's edges are sorted in owner order
//     (type, position, destination: the order Database::Apply keeps) into a buffer that collects
//     the chunk's out-lists, copied to an array of exactly their size when the chunk ends; and
//     in-degrees are counted;
//  3. in-lists: one array for every node's in-list, sized by the in-degrees and faulted in on every
//     core at once, then filled per range of destinations (one per worker, balanced by in-degree)
//     by walking every out-list in vid order: an in-list lists its edges by source vid, then in
//     the source's out-list order;
//  4. the per-kind vid lists, the edge count and the versions.
// The result does not depend on the number of threads.  It is the graph that adding every node and
// then every source's out-edges in vid order to a GraphBuilder gives, at a fraction of the cost:
// nothing grows edge by edge (the profile at 100,000 people showed a quarter of the time in
// vector growth, reallocation and malloc).  `in` is not read: `out` alone defines the edges
// (whoknows check verifies that `in` mirrors it).
//
// Entries: the entries of a chunk's vids are one array allocated once, its nodes' out-edges one
// more and their in-edges a part of the in-lists' array (a block; the in-lists' array is shared by
// every block, and the strings too long to be inline go to an arena per range, which each of the
// range's blocks shares), and each slot of the chunk is an aliasing
// std::shared_ptr (it shares ownership of the block and points at its own entry): no allocation
// and no control block per node or per edge list, and a chunk's entries, and its edges, lie
// together in memory (at 1,000,000 people the open spent a third of its time having the kernel zero
// fresh pages, so every byte counts; benchmarks/RESULTS.md).  Copy-on-write is unchanged: a write
// replaces a slot with an entry of its own.  The cost: a block lives until no snapshot refers to
// any of its entries, so the entries a write replaced (with their strings and edges) stay in
// memory until every entry of their chunk has been replaced or deleted, and the in-lists' array
// until every block has gone; that is bounded by the graph as loaded, never more.  The in-lists
// are one array because a chunk's in array, allocated on the loading thread between the parallel
// phases, had that thread's heap fault in every fresh page alone: at 1,000,000 people 1.4 GB
// (benchmarks/RESULTS.md).
#ifndef WHOKNOWS_SRC_GRAPH_GRAPH_LOADER_H_
#define WHOKNOWS_SRC_GRAPH_GRAPH_LOADER_H_

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/storage/store.h"

namespace whoknows::graph::internal {

class GraphLoader {
 public:
  // `next_vid`: the vid counter (meta); every stored vid must be below it.  `threads` >= 1.
  GraphLoader(const storage::Store& store, Vid next_vid, int threads);

  // Single use.  Corruption naming the first problem found (in vid order among the ranges that
  // failed): a malformed key or value, a node at or above the vid counter, a vid stored under two
  // kinds, a record whose kind differs from its key's, an unknown edge type, an edge at a missing
  // node; IOError when RocksDB cannot read.
  Result<std::shared_ptr<const Graph>> Load();

 private:
  struct Range {
    Vid lo, hi;  // hi of the last range: unbounded (keys above the counter are errors)
    bool first, last;
    std::shared_ptr<TextArena> strings;  // the long strings of the range's nodes
  };

  // Edges in an array allocated once and written once, edge by edge (placement new): no pass that
  // default-constructs what is overwritten next.
  struct RawDelete {
    void operator()(Edge* p) const { ::operator delete(p); }
  };
  using EdgeArray = std::unique_ptr<Edge[], RawDelete>;
  static EdgeArray NewEdgeArray(size_t n);

  // What a chunk's slots share: its entries and the arrays their edge views point into.
  struct Block {
    std::unique_ptr<Graph::Entry[]> entries;
    EdgeArray out;  // the out-lists of the chunk's nodes, in vid order
    // Their in-lists, in vid order: a part of the one array that holds every node's in-list
    // (PlaceInEdges), which lives as long as any block refers to it.
    std::shared_ptr<const Edge> in;
    std::shared_ptr<const TextArena> strings;  // their long strings (shared by the range's chunks)
  };

  // Creates chunk `c` of `range` and the block of its entries.
  void NewChunk(size_t c, const Range& range);
  Status LoadNodes(const Range& range);
  Status LoadOutEdges(const Range& range, std::vector<uint32_t>* in_degree);
  Status CheckKinds() const;
  // Moves the out-lists of chunk `c`, gathered in `edges` (`starts`: each node and the offset of
  // its first edge there), to the chunk's out array.
  void FinishOutEdges(size_t c, const std::vector<Edge>& edges,
                      const std::vector<std::pair<Vid, size_t>>& starts);
  // Allocates the in-lists' array, gives each chunk its part and points each node's in-list at its
  // own part of that, empty.  `total`: the sum of `in_degree`.
  void PlaceInEdges(const std::vector<uint32_t>& in_degree, size_t total);
  void FillInEdges(Vid lo, Vid hi);
  std::shared_ptr<const Graph> Assemble();

  const storage::Store& store_;
  const Vid next_vid_;
  const int threads_;
  std::vector<Range> ranges_;
  // By chunk index: the chunk array, created by the range that owns the chunk.
  std::vector<std::shared_ptr<Graph::Chunk>> chunks_;
  // By chunk index: the entries of the chunk's vids and their edges.
  std::vector<std::shared_ptr<Block>> blocks_;
  // By vid: the entry being built (owned by its chunk), nullptr where there is no node.
  std::vector<Graph::Entry*> entries_;
};

}  // namespace whoknows::graph::internal

#endif  // WHOKNOWS_SRC_GRAPH_GRAPH_LOADER_H_
