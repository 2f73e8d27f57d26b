#include "graph_loader.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <iterator>
#include <new>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "record_codec.h"
#include "whoknows/core/huge_pages.h"
#include "whoknows/storage/key_codec.h"

namespace whoknows::graph::internal {
namespace {

using storage::Cf;

// At most this many vid ranges: enough for two to eight workers to end together, few enough
// that the seeks they cost (one per range and kind) do not matter.
constexpr size_t kMaxRanges = 64;

constexpr uint8_t kFirstKind = static_cast<uint8_t>(Kind::kPerson);
constexpr uint8_t kLastKind = static_cast<uint8_t>(Kind::kEndorsement);

bool IsKnownEdgeType(uint16_t code) {
  return code >= static_cast<uint16_t>(EdgeType::kHasSkill) &&
         code <= static_cast<uint16_t>(EdgeType::kEndorsedTopic);
}

// Out-lists are kept in this order in memory (database.cc keeps it on every write).
bool OwnerOrder(const Edge& a, const Edge& b) {
  return std::tie(a.type, a.props.position, a.other) < std::tie(b.type, b.props.position, b.other);
}

// Runs fn(item, worker) for every item in [0, items) on `workers` threads, the caller's one of
// them.  Returns the error of the lowest failing item; once an item fails, the items not started
// yet are skipped.
Status ParallelFor(size_t items, int workers, const std::function<Status(size_t, int)>& fn) {
  std::vector<Status> status(items);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto run = [&](int worker) {
    for (size_t i = next++; i < items && !failed; i = next++) {
      try {
        status[i] = fn(i, worker);
      } catch (const std::exception& e) {
        status[i] = Status::Internal(std::string("loading the graph: ") + e.what());
      }
      if (!status[i].ok()) failed = true;
    }
  };
  std::vector<std::thread> threads;
  for (int w = 1; w < workers && static_cast<size_t>(w) < items; ++w) threads.emplace_back(run, w);
  run(0);
  for (std::thread& t : threads) t.join();
  for (Status& s : status) {
    if (!s.ok()) return std::move(s);
  }
  return Status::OK();
}

Status BadNode(Vid vid, const std::string& why) {
  return Status::Corruption("node " + std::to_string(vid) + ": " + why);
}

}  // namespace

GraphLoader::GraphLoader(const storage::Store& store, Vid next_vid, int threads)
    : store_(store), next_vid_(next_vid), threads_(std::max(1, threads)) {
  const size_t chunk_count = (next_vid + Graph::kChunkSize - 1) / Graph::kChunkSize;
  const size_t range_count = std::clamp<size_t>(chunk_count, 1, kMaxRanges);
  for (size_t r = 0; r < range_count; ++r) {
    const Vid lo = chunk_count * r / range_count * Graph::kChunkSize;
    const Vid hi = chunk_count * (r + 1) / range_count * Graph::kChunkSize;
    ranges_.push_back(Range{lo, hi, r == 0, r + 1 == range_count, std::make_shared<TextArena>()});
  }
  chunks_.resize(chunk_count);
  blocks_.resize(chunk_count);
  entries_.resize(next_vid, nullptr);
}

GraphLoader::EdgeArray GraphLoader::NewEdgeArray(size_t n) {
  if (n == 0) return nullptr;
  return EdgeArray(static_cast<Edge*>(::operator new(n * sizeof(Edge))));
}

void GraphLoader::NewChunk(size_t c, const Range& range) {
  const Vid lo = c * Graph::kChunkSize;
  const size_t size = std::min<Vid>(Graph::kChunkSize, next_vid_ - lo);
  chunks_[c] = std::make_shared<Graph::Chunk>();
  blocks_[c] = std::make_shared<Block>();
  blocks_[c]->entries.reset(new Graph::Entry[size]);
  blocks_[c]->strings = range.strings;
}

// Per kind, the keys from the range's first vid to its last; the first range starts at the kind's
// first possible key and the last ends after its last, so together the ranges cover every key of
// every known kind, malformed ones included.
Status GraphLoader::LoadNodes(const Range& range) {
  Status error;
  auto load = [&](std::string_view key, std::string_view value) {
    std::optional<storage::NodeKeyParts> parts = storage::DecodeNodeKey(key);
    if (!parts || parts->vid >= next_vid_ || entries_[parts->vid] != nullptr) {
      error = Status::Corruption("bad node key (vid counter " + std::to_string(next_vid_) + ")");
      return false;
    }
    Result<NodeData> node = DecodeNodeData(value, range.strings.get());
    if (!node.ok()) error = BadNode(parts->vid, node.status().message());
    if (node.ok() && static_cast<uint8_t>(node->kind) != parts->kind) {
      error = BadNode(parts->vid, "kind differs from its key's");
    }
    if (!error.ok()) return false;
    const size_t c = parts->vid >> Graph::kChunkBits;
    if (!chunks_[c]) NewChunk(c, range);
    Graph::Entry* entry = &blocks_[c]->entries[parts->vid & (Graph::kChunkSize - 1)];
    entry->data = std::move(node).value();
    entries_[parts->vid] = entry;
    // Aliasing: the slot owns a share of the whole block, and points at its own entry.
    (*chunks_[c])[parts->vid & (Graph::kChunkSize - 1)] =
        std::shared_ptr<const Graph::Entry>(blocks_[c], entry);
    return true;
  };
  for (uint8_t kind = kFirstKind; kind <= kLastKind && error.ok(); ++kind) {
    const std::string begin =
        range.first ? storage::NodeKindPrefix(kind) : storage::NodeKey(kind, range.lo);
    const std::string end =
        range.last ? storage::NodeKindPrefix(kind + 1) : storage::NodeKey(kind, range.hi);
    WK_RETURN_IF_ERROR(store_.ScanRange(Cf::kNodes, begin, end, load));
  }
  return error;
}

// No key outside the known kinds' prefixes (the ranges of LoadNodes do not look there).
Status GraphLoader::CheckKinds() const {
  bool found = false;
  auto any = [&found](std::string_view, std::string_view) {
    found = true;
    return false;
  };
  WK_RETURN_IF_ERROR(store_.ScanRange(Cf::kNodes, "", storage::NodeKindPrefix(kFirstKind), any));
  WK_RETURN_IF_ERROR(store_.ScanRange(Cf::kNodes, storage::NodeKindPrefix(kLastKind + 1), "", any));
  if (found) return Status::Corruption("a node key of an unknown kind");
  return Status::OK();
}

void GraphLoader::FinishOutEdges(size_t c, const std::vector<Edge>& edges,
                                 const std::vector<std::pair<Vid, size_t>>& starts) {
  EdgeArray array = NewEdgeArray(edges.size());
  for (size_t i = 0; i < edges.size(); ++i) new (&array[i]) Edge(edges[i]);
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t end = i + 1 < starts.size() ? starts[i + 1].second : edges.size();
    Graph::Entry* entry = entries_[starts[i].first];
    entry->out = array.get() + starts[i].second;
    entry->out_size = static_cast<uint32_t>(end - starts[i].second);
  }
  blocks_[c]->out = std::move(array);
}

Status GraphLoader::LoadOutEdges(const Range& range, std::vector<uint32_t>* in_degree) {
  Status error;
  Vid src = kNoVid;
  std::vector<Edge> pending;                   // src's edges
  std::vector<Edge> chunk_edges;               // the out-lists of src's chunk so far, in vid order
  std::vector<std::pair<Vid, size_t>> starts;  // their nodes, with offsets in chunk_edges
  size_t chunk = 0;
  auto finish_chunk = [&] {
    if (starts.empty()) return;
    FinishOutEdges(chunk, chunk_edges, starts);
    chunk_edges.clear();
    starts.clear();
  };
  auto flush = [&] {
    if (pending.empty()) return;
    if (src >> Graph::kChunkBits != chunk) {
      finish_chunk();
      chunk = src >> Graph::kChunkBits;
    }
    std::sort(pending.begin(), pending.end(), OwnerOrder);
    starts.emplace_back(src, chunk_edges.size());
    chunk_edges.insert(chunk_edges.end(), pending.begin(), pending.end());
    pending.clear();
  };
  auto has_node = [this](Vid v) { return v < next_vid_ && entries_[v] != nullptr; };
  // The roles this range met: interning takes the process-wide table's lock, this does not.
  std::unordered_map<std::string, EdgeRole> roles;
  auto intern = [&roles](const std::string& name) {
    if (name.empty()) return EdgeRole();
    auto it = roles.find(name);
    if (it == roles.end()) it = roles.emplace(name, EdgeRole::Intern(name)).first;
    return it->second;
  };
  auto load = [&](std::string_view key, std::string_view value) {
    std::optional<storage::EdgeKeyParts> parts = storage::DecodeEdgeKey(key);
    if (!parts || !IsKnownEdgeType(parts->type) || !has_node(parts->first) ||
        !has_node(parts->second)) {
      error = Status::Corruption("bad edge key, or an edge at a missing node");
      return false;
    }
    Result<EdgeProps> props = DecodeEdgeProps(value);
    if (!props.ok()) {
      error = props.status();
      return false;
    }
    if (parts->first != src) flush();
    src = parts->first;
    const EdgeProps& p = *props;
    pending.push_back(
        Edge{static_cast<uint32_t>(parts->second), static_cast<EdgeType>(parts->type),
             Edge::Props{p.weight, p.level, p.position, p.since, p.until, intern(p.role)}});
    ++(*in_degree)[parts->second];
    return true;
  };
  const std::string begin = range.first ? std::string() : storage::EdgePrefix(range.lo);
  const std::string end = range.last ? std::string() : storage::EdgePrefix(range.hi);
  WK_RETURN_IF_ERROR(store_.ScanRange(Cf::kOut, begin, end, load));
  if (error.ok()) {
    flush();
    finish_chunk();
  }
  return error;
}

void GraphLoader::PlaceInEdges(const std::vector<uint32_t>& in_degree, size_t total) {
  if (total == 0) return;
  // One array for every in-list, its pages faulted in on every core before FillInEdges writes it.
  // Per chunk, these arrays came from the main thread's heap, which faulted in each fresh huge page
  // as it grew: at a million people 1.4 GB zeroed on one core (benchmarks/RESULTS.md).
  const size_t bytes = total * sizeof(Edge);
  std::shared_ptr<Edge> all(static_cast<Edge*>(::operator new(bytes)), RawDelete());
  AdviseHugePages(all.get(), bytes);
  PrefaultPages(all.get(), bytes);
  size_t offset = 0;
  for (size_t c = 0; c < blocks_.size(); ++c) {
    if (!blocks_[c]) continue;
    const Vid lo = c * Graph::kChunkSize;
    const Vid hi = std::min<Vid>(lo + Graph::kChunkSize, next_vid_);
    // Aliasing: the block shares the ownership of the whole array and points at its own part.
    blocks_[c]->in = std::shared_ptr<const Edge>(all, all.get() + offset);
    for (Vid v = lo; v < hi; ++v) {
      if (in_degree[v] == 0) continue;
      entries_[v]->in = all.get() + offset;  // in_size counts the edges filled in
      offset += in_degree[v];
    }
  }
}

// REQUIRES: the in-lists of [lo, hi) are placed (PlaceInEdges) and empty.
void GraphLoader::FillInEdges(Vid lo, Vid hi) {
  for (Vid src = 0; src < next_vid_; ++src) {
    if (entries_[src] == nullptr) continue;
    for (const Edge& e : entries_[src]->Out()) {
      if (e.other >= lo && e.other < hi) {
        Graph::Entry* dst = entries_[e.other];
        // The loader owns the array until Load returns; the entry only reads it afterwards.
        new (const_cast<Edge*>(dst->in) + dst->in_size++)
            Edge{static_cast<uint32_t>(src), e.type, e.props};
      }
    }
  }
}

std::shared_ptr<const Graph> GraphLoader::Assemble() {
  auto graph = std::make_shared<Graph>();
  std::vector<std::vector<Vid>> by_kind(graph->by_kind_.size());
  for (Vid v = 0; v < next_vid_; ++v) {
    if (entries_[v] == nullptr) continue;
    by_kind[static_cast<size_t>(entries_[v]->data.kind)].push_back(v);
    graph->vid_limit_ = v + 1;
    graph->edge_count_ += entries_[v]->out_size;
  }
  for (size_t k = 0; k < by_kind.size(); ++k) {
    if (by_kind[k].empty()) continue;
    graph->by_kind_[k] = std::make_shared<const std::vector<Vid>>(std::move(by_kind[k]));
  }
  // As GraphBuilder has it: the chunks up to the last live vid, a gap's chunk null.
  const size_t chunk_count = (graph->vid_limit_ + Graph::kChunkSize - 1) / Graph::kChunkSize;
  graph->chunks_.assign(chunks_.begin(),
                        chunks_.begin() + static_cast<std::ptrdiff_t>(chunk_count));
  // The first version, as a GraphBuilder on an empty graph publishes it.
  graph->version_ = 1;
  graph->topics_version_ = graph->CountOf(Kind::kTopic) > 0 ? 1 : 0;
  return graph;
}

Result<std::shared_ptr<const Graph>> GraphLoader::Load() {
  WK_RETURN_IF_ERROR(CheckKinds());
  WK_RETURN_IF_ERROR(
      ParallelFor(ranges_.size(), threads_, [&](size_t r, int) { return LoadNodes(ranges_[r]); }));

  std::vector<std::vector<uint32_t>> in_degree(
      static_cast<size_t>(std::min<size_t>(threads_, ranges_.size())));
  for (auto& degrees : in_degree) degrees.assign(next_vid_, 0);
  WK_RETURN_IF_ERROR(ParallelFor(ranges_.size(), threads_, [&](size_t r, int worker) {
    return LoadOutEdges(ranges_[r], &in_degree[static_cast<size_t>(worker)]);
  }));
  for (size_t w = 1; w < in_degree.size(); ++w) {
    for (Vid v = 0; v < next_vid_; ++v) in_degree[0][v] += in_degree[w][v];
  }

  // One range of destinations per worker, cut where the in-edges before it reach its share.
  const std::vector<uint32_t>& degree = in_degree.front();
  uint64_t total = 0;
  for (uint32_t d : degree) total += d;
  const size_t parts = in_degree.size();
  std::vector<Vid> bounds = {0};
  uint64_t seen = 0;
  for (Vid v = 0; v < next_vid_ && bounds.size() < parts; ++v) {
    seen += degree[v];
    if (seen * parts >= total * bounds.size() && seen > 0) bounds.push_back(v + 1);
  }
  while (bounds.size() <= parts) bounds.push_back(next_vid_);
  PlaceInEdges(degree, total);
  WK_RETURN_IF_ERROR(ParallelFor(parts, threads_, [&](size_t p, int) {
    FillInEdges(bounds[p], bounds[p + 1]);
    return Status::OK();
  }));
  return Assemble();
}

}  // namespace whoknows::graph::internal
