// Database: keeps the RocksDB store and the published in-memory Graph in step.  Every write is
// planned against the current snapshot and the `ids` column family, written as one batch, and
// only then applied to a GraphBuilder and published, so the graph never shows a write the disk
// does not have.
#include "whoknows/graph/database.h"

#include <algorithm>
#include <functional>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "graph_loader.h"
#include "record_codec.h"
#include "whoknows/core/id.h"
#include "whoknows/storage/key_codec.h"
#include "write_common.h"

namespace whoknows::graph {
namespace {

using internal::Describe;
using internal::FindVid;
using internal::IsEndorsementEdge;
using internal::KindByte;
using internal::kNextVidKey;
using internal::ReadNextVid;
using internal::RecordId;
using internal::TypeCode;
using storage::Cf;

// An entity's identity: its kind and external id.
using EntityKey = std::pair<Kind, std::string>;
struct EntityKeyHash {
  size_t operator()(const EntityKey& key) const {
    return std::hash<std::string>()(key.second) * 31 + static_cast<size_t>(key.first);
  }
};
template <typename V>
using EntityMap = std::unordered_map<EntityKey, V, EntityKeyHash>;

struct ResolvedEdge {
  EdgeType type;
  Vid dst;
  EdgeProps props;
};

// The order of a node's out-edges, in memory and when loaded: by type, then as the client listed
// them (position), then by destination.  Byte order on disk differs only in ignoring position.
bool OwnerOrder(const ResolvedEdge& a, const ResolvedEdge& b) {
  return std::tie(a.type, a.props.position, a.dst) < std::tie(b.type, b.props.position, b.dst);
}

// One Apply call, planned before anything is written.  Single use, under the write mutex.
class ApplyPlan {
 public:
  ApplyPlan(const storage::Store& store, std::shared_ptr<const Graph> base, Vid next_vid)
      : store_(store), base_(std::move(base)), next_vid_(next_vid) {}

  // Resolves every record and reference; the errors of Database::Apply.
  Status Resolve(const std::vector<Record>& records);
  void FillBatch(storage::WriteBatch* batch, Vid old_next_vid) const;
  std::shared_ptr<const Graph> NextGraph() const;

  Vid next_vid() const { return next_vid_; }
  ApplyResult result() const { return result_; }

 private:
  // A record that will be written: the last one for its entity.
  struct Winner {
    Vid vid;
    NodeData node;
    std::vector<ResolvedEdge> edges;  // deduplicated, in (type, position, dst) order
  };

  Status AssignVids(const std::vector<Record>& records);
  // The vid `edge` points at; nullopt when the entity exists neither in the call nor the database.
  Result<std::optional<Vid>> ResolveRef(const EdgeRecord& edge);
  Result<std::vector<ResolvedEdge>> ResolveEdges(const Record& record, const std::string& id);

  const storage::Store& store_;
  std::shared_ptr<const Graph> base_;
  Vid next_vid_;
  std::vector<EntityKey> keys_;   // per record
  EntityMap<size_t> last_index_;  // entity -> index of its last record
  EntityMap<Vid> call_vids_;      // entities written by this call
  EntityMap<bool> created_;       // entity -> absent before this call
  EntityMap<Vid> db_refs_;        // references resolved against the database
  std::vector<Winner> winners_;
  ApplyResult result_;
};

Status ApplyPlan::AssignVids(const std::vector<Record>& records) {
  for (size_t i = 0; i < records.size(); ++i) {
    Result<std::string> id = RecordId(records[i]);
    if (!id.ok()) return id.status().WithLine(static_cast<int64_t>(i) + 1);
    keys_.emplace_back(records[i].node.kind, std::move(id).value());
    last_index_[keys_.back()] = i;
  }
  for (const EntityKey& key : keys_) {
    if (call_vids_.count(key)) continue;
    WK_ASSIGN_OR_RETURN(std::optional<Vid> existing, FindVid(store_, key.first, key.second));
    if (!existing) WK_RETURN_IF_ERROR(CheckNewVid(next_vid_));
    call_vids_[key] = existing ? *existing : next_vid_++;
    created_[key] = !existing.has_value();
  }
  return Status::OK();
}

Result<std::optional<Vid>> ApplyPlan::ResolveRef(const EdgeRecord& edge) {
  EntityKey key(edge.dst_kind, edge.dst_id);
  if (auto it = call_vids_.find(key); it != call_vids_.end()) return std::optional<Vid>(it->second);
  if (auto it = db_refs_.find(key); it != db_refs_.end()) return std::optional<Vid>(it->second);
  WK_ASSIGN_OR_RETURN(std::optional<Vid> vid, FindVid(store_, edge.dst_kind, edge.dst_id));
  if (vid) db_refs_.emplace(std::move(key), *vid);
  return vid;
}

Result<std::vector<ResolvedEdge>> ApplyPlan::ResolveEdges(const Record& record,
                                                          const std::string& id) {
  const Kind kind = record.node.kind;
  std::vector<ResolvedEdge> edges;
  std::set<std::pair<EdgeType, Vid>> seen;  // the store keeps one edge per (type, dst)
  for (const EdgeRecord& e : record.edges) {
    if (!EdgeAllowed(kind, e.type, e.dst_kind)) {
      return Status::InvalidRecord("invalid_record", Describe(kind, id) + " cannot have a '" +
                                                         std::string(EdgeTypeName(e.type)) +
                                                         "' edge to a " +
                                                         std::string(KindName(e.dst_kind)));
    }
    WK_ASSIGN_OR_RETURN(std::optional<Vid> dst, ResolveRef(e));
    if (!dst) {
      return Status::InvalidRecord(
          "dangling_reference",
          Describe(kind, id) + " references unknown " + Describe(e.dst_kind, e.dst_id));
    }
    if (seen.emplace(e.type, *dst).second) edges.push_back(ResolvedEdge{e.type, *dst, e.props});
  }
  std::sort(edges.begin(), edges.end(), OwnerOrder);
  return edges;
}

Status ApplyPlan::Resolve(const std::vector<Record>& records) {
  WK_RETURN_IF_ERROR(AssignVids(records));
  result_.created.resize(records.size());
  // Every record's references are checked, even one a later record supersedes.
  for (size_t i = 0; i < records.size(); ++i) {
    const EntityKey& key = keys_[i];
    auto edges = ResolveEdges(records[i], key.second);
    if (!edges.ok()) return edges.status().WithLine(static_cast<int64_t>(i) + 1);
    result_.created[i] = created_[key];
    if (last_index_[key] != i) continue;
    Winner winner{call_vids_[key], records[i].node, std::move(edges).value()};
    winner.node.id = key.second;
    winners_.push_back(std::move(winner));
  }
  return Status::OK();
}

void ApplyPlan::FillBatch(storage::WriteBatch* batch, Vid old_next_vid) const {
  for (const Winner& w : winners_) {
    const uint8_t kind = KindByte(w.node.kind);
    batch->Put(Cf::kNodes, storage::NodeKey(kind, w.vid), internal::EncodeNodeData(w.node));
    batch->Put(Cf::kIds, storage::IdKey(kind, w.node.id), storage::EncodeVid(w.vid));
    // The edges it owned before; deletes come first so a kept edge is rewritten, not lost.
    for (const Edge& e : base_->Out(w.vid)) {
      batch->Delete(Cf::kOut, storage::EdgeKey(w.vid, TypeCode(e.type), e.other));
      batch->Delete(Cf::kIn, storage::EdgeKey(e.other, TypeCode(e.type), w.vid));
    }
    for (const ResolvedEdge& e : w.edges) {
      const std::string props = internal::EncodeEdgeProps(e.props);
      batch->Put(Cf::kOut, storage::EdgeKey(w.vid, TypeCode(e.type), e.dst), props);
      batch->Put(Cf::kIn, storage::EdgeKey(e.dst, TypeCode(e.type), w.vid), props);
    }
  }
  if (next_vid_ != old_next_vid) {
    batch->Put(Cf::kMeta, kNextVidKey, storage::EncodeVid(next_vid_));
  }
}

std::shared_ptr<const Graph> ApplyPlan::NextGraph() const {
  GraphBuilder builder(base_);
  // Nodes first: a record may reference one that comes later in the call.
  for (const Winner& w : winners_) builder.PutNode(w.vid, w.node);
  for (const Winner& w : winners_) {
    builder.RemoveOutEdges(w.vid);
    for (const ResolvedEdge& e : w.edges) builder.AddEdge(w.vid, e.type, e.dst, e.props);
  }
  return builder.Build();
}

// The nodes that go when `vid` goes: itself and the endorsements that reference it.
std::vector<Vid> DeletionSet(const Graph& graph, Vid vid) {
  std::vector<Vid> doomed = {vid};
  for (const Edge& e : graph.In(vid)) {
    const NodeData* owner = graph.Node(e.other);
    if (IsEndorsementEdge(e.type) && owner && owner->kind == Kind::kEndorsement &&
        std::find(doomed.begin(), doomed.end(), e.other) == doomed.end()) {
      doomed.push_back(e.other);
    }
  }
  return doomed;
}

void FillDeleteBatch(const Graph& graph, const std::vector<Vid>& doomed,
                     storage::WriteBatch* batch) {
  for (Vid vid : doomed) {
    const NodeData& node = *graph.Node(vid);
    batch->Delete(Cf::kNodes, storage::NodeKey(KindByte(node.kind), vid));
    batch->Delete(Cf::kIds, storage::IdKey(KindByte(node.kind), node.id));
    for (const Edge& e : graph.Out(vid)) {
      batch->Delete(Cf::kOut, storage::EdgeKey(vid, TypeCode(e.type), e.other));
      batch->Delete(Cf::kIn, storage::EdgeKey(e.other, TypeCode(e.type), vid));
    }
    for (const Edge& e : graph.In(vid)) {
      batch->Delete(Cf::kOut, storage::EdgeKey(e.other, TypeCode(e.type), vid));
      batch->Delete(Cf::kIn, storage::EdgeKey(vid, TypeCode(e.type), e.other));
    }
  }
}

}  // namespace

struct Database::Rep {
  std::string dir;
  std::unique_ptr<storage::Store> store;
  std::mutex write_mu;
  Vid next_vid = 0;  // guarded by write_mu
  // Read and written only through std::atomic_load / std::atomic_store.
  std::shared_ptr<const Graph> graph;

  std::shared_ptr<const Graph> Current() const { return std::atomic_load(&graph); }
  void Publish(std::shared_ptr<const Graph> next) { std::atomic_store(&graph, std::move(next)); }
};

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir,
                                                 const DatabaseOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  WK_ASSIGN_OR_RETURN(rep->store, storage::Store::Open(dir, options.store));
  WK_ASSIGN_OR_RETURN(rep->next_vid, ReadNextVid(*rep->store));
  if (rep->next_vid > kVidLimit) {
    return Status::Corruption("meta next_vid " + std::to_string(rep->next_vid) +
                              " is above the most vids a database can hold");
  }
  const int threads = options.load_threads > 0
                          ? options.load_threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  WK_ASSIGN_OR_RETURN(rep->graph,
                      internal::GraphLoader(*rep->store, rep->next_vid, threads).Load());
  return std::unique_ptr<Database>(new Database(std::move(rep)));
}

Database::Database(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Database::~Database() = default;

std::shared_ptr<const Graph> Database::Snapshot() const { return rep_->Current(); }

Result<ApplyResult> Database::Apply(const std::vector<Record>& records) {
  std::lock_guard<std::mutex> lock(rep_->write_mu);
  ApplyPlan plan(*rep_->store, rep_->Current(), rep_->next_vid);
  WK_RETURN_IF_ERROR(plan.Resolve(records));
  if (records.empty()) return plan.result();
  storage::WriteBatch batch;
  plan.FillBatch(&batch, rep_->next_vid);
  WK_RETURN_IF_ERROR(rep_->store->Write(batch));
  rep_->next_vid = plan.next_vid();
  rep_->Publish(plan.NextGraph());
  return plan.result();
}

Status Database::Delete(Kind kind, std::string_view id) {
  std::lock_guard<std::mutex> lock(rep_->write_mu);
  WK_ASSIGN_OR_RETURN(std::optional<Vid> vid, FindVid(*rep_->store, kind, id));
  if (!vid) return Status::NotFound("not_found", "no " + Describe(kind, id));
  std::shared_ptr<const Graph> base = rep_->Current();
  if (base->Node(*vid) == nullptr) {
    return Status::Internal(Describe(kind, id) + " is in the ids index but not in the graph");
  }
  const std::vector<Vid> doomed = DeletionSet(*base, *vid);
  storage::WriteBatch batch;
  FillDeleteBatch(*base, doomed, &batch);
  WK_RETURN_IF_ERROR(rep_->store->Write(batch));

  GraphBuilder builder(base);
  for (Vid v : doomed) {
    builder.RemoveOutEdges(v);
    builder.RemoveInEdges(v);
  }
  for (Vid v : doomed) builder.RemoveNode(v);
  rep_->Publish(builder.Build());
  return Status::OK();
}

std::optional<Vid> Database::Lookup(Kind kind, std::string_view id) const {
  Result<std::optional<Vid>> vid = FindVid(*rep_->store, kind, id);
  if (!vid.ok() || !vid->has_value()) return std::nullopt;
  // The ids entry is written before the graph is published: trust only what the snapshot shows.
  // Hold the snapshot while reading the node: a writer may publish the next one meanwhile and free
  // this one (a use-after-free ThreadSanitizer found under tests/load/load_test.py).
  const std::shared_ptr<const Graph> graph = rep_->Current();
  const NodeData* node = graph->Node(**vid);
  if (node == nullptr || node->kind != kind || node->id != id) return std::nullopt;
  return **vid;
}

Status Database::Checkpoint(const std::string& dir) { return rep_->store->Checkpoint(dir); }

uint64_t Database::ApproximateSizeBytes() const { return rep_->store->ApproximateSizeBytes(); }

const std::string& Database::dir() const { return rep_->dir; }
std::vector<storage::Store::Property> Database::StorageProperties() const {
  return rep_->store->Properties();
}

}  // namespace whoknows::graph
