// BulkLoader: the plan of Database::Apply (database.cc) one record at a time.  Each operation on
// an edge carries the sequence number of the record that owns it; at Commit an edge counts only
// when that record is its owner's last, which is how "the last record of an entity wins" holds
// although the earlier records' edges were already spilled.  Nodes and ids need no such check:
// the last operation on a key wins anyway.
#include "whoknows/graph/bulk_load.h"

#include <chrono>
#include <limits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "id_map.h"
#include "record_codec.h"
#include "whoknows/storage/key_codec.h"
#include "write_common.h"

namespace whoknows::graph {
namespace {

using internal::Describe;
using internal::IdMap;
using internal::KindByte;
using internal::TypeCode;
using storage::Cf;

// The vids map's key: the kind byte, then the external id.
std::string MapKey(Kind kind, std::string_view id) {
  std::string key;
  key.reserve(1 + id.size());
  key.push_back(static_cast<char>(KindByte(kind)));
  key.append(id);
  return key;
}

// A reference to an entity not seen yet when its record was added.
struct Pending {
  uint32_t seq;  // of the owning record
  Vid src;
  EdgeType type;
  Kind src_kind;
  Kind dst_kind;
  std::string src_id;
  std::string dst_id;
  std::string props;  // encoded
  int64_t origin;
};

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

// The first of each (type, target) among the edges of `record`, in order: their indexes.
void DistinctEdges(const Record& record, std::vector<uint32_t>* out) {
  const auto& edges = record.edges;
  out->clear();
  auto same = [&](size_t a, size_t b) {
    return edges[a].type == edges[b].type && edges[a].dst_kind == edges[b].dst_kind &&
           edges[a].dst_id == edges[b].dst_id;
  };
  if (edges.size() <= 32) {
    for (uint32_t i = 0; i < edges.size(); ++i) {
      bool seen = false;
      for (uint32_t j : *out) seen = seen || same(i, j);
      if (!seen) out->push_back(i);
    }
    return;
  }
  std::unordered_set<std::string> seen;
  for (uint32_t i = 0; i < edges.size(); ++i) {
    std::string key =
        std::to_string(TypeCode(edges[i].type)) + "/" + MapKey(edges[i].dst_kind, edges[i].dst_id);
    if (seen.insert(std::move(key)).second) out->push_back(i);
  }
}

// The checks and encodings of BulkLoader::Prepare; InvalidRecord as Database::Apply.
Status PrepareInto(const Record& record, PreparedRecord* out) {
  Result<std::string> id = internal::RecordId(record);
  if (!id.ok()) return id.status();
  out->id = std::move(*id);
  const Kind kind = record.node.kind;
  out->id_hash = IdMap::Hash(kind, out->id);
  internal::EncodeNodeDataInto(record.node, out->id, &out->node_value);
  thread_local std::vector<uint32_t> distinct;
  DistinctEdges(record, &distinct);
  if (out->edges.size() < distinct.size()) out->edges.resize(distinct.size());
  for (size_t n = 0; n < distinct.size(); ++n) {
    const EdgeRecord& e = record.edges[distinct[n]];
    if (!EdgeAllowed(kind, e.type, e.dst_kind)) {
      return Status::InvalidRecord("invalid_record", Describe(kind, out->id) + " cannot have a '" +
                                                         std::string(EdgeTypeName(e.type)) +
                                                         "' edge to a " +
                                                         std::string(KindName(e.dst_kind)));
    }
    PreparedRecord::Edge& p = out->edges[n];
    p.index = distinct[n];
    p.dst_hash = IdMap::Hash(e.dst_kind, e.dst_id);
    internal::EncodeEdgePropsInto(e.props, &p.props);
    out->edge_count = n + 1;
  }
  return Status::OK();
}

}  // namespace

struct BulkLoader::Rep {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<storage::BulkWriter> writer;
  Vid base_next_vid = 0;  // the counter before the load: vids below it are in the database
  Vid next_vid = 0;
  // (kind, id) -> vid; kNoVid: not in the database, and not added (yet).
  IdMap vids;
  std::vector<uint32_t> new_last;              // [vid - base_next_vid]: its last record's seq
  std::unordered_map<Vid, uint32_t> old_last;  // stored entities the load replaces
  std::vector<Pending> pending;
  uint32_t seq = 0;
  BulkLoadTimes times;

  Status Add(const Record& record, const PreparedRecord& prepared, int64_t origin);
  Result<Vid> Stored(Kind kind, std::string_view id) const;
  Result<Vid> Lookup(Kind kind, std::string_view id, uint64_t hash);
  Result<Vid> EntityVid(Kind kind, const std::string& id, uint64_t hash, uint32_t s);
  Status DeleteStoredEdges(Vid vid);
  Status PutEdge(uint32_t s, Vid src, EdgeType type, Vid dst, std::string_view props);
  bool Keep(Cf cf, std::string_view key, uint32_t tag) const;
};

// The vid the database holds for (kind, id), kNoVid when none.
Result<Vid> BulkLoader::Rep::Stored(Kind kind, std::string_view id) const {
  if (base_next_vid == 0) return kNoVid;  // a new database has no ids to look up
  WK_ASSIGN_OR_RETURN(std::optional<Vid> stored, internal::FindVid(*store, kind, id));
  return stored ? *stored : kNoVid;
}

// kNoVid when the entity is neither in the database nor added so far.
Result<Vid> BulkLoader::Rep::Lookup(Kind kind, std::string_view id, uint64_t hash) {
  if (const Vid* vid = vids.Find(kind, id, hash)) return *vid;
  if (base_next_vid == 0) return kNoVid;
  WK_ASSIGN_OR_RETURN(const Vid vid, Stored(kind, id));
  vids.Insert(kind, id, hash, vid);
  return vid;
}

// The vid of the entity record `s` writes, allocated on its first record; notes `s` as the
// entity's last record so far.
Result<Vid> BulkLoader::Rep::EntityVid(Kind kind, const std::string& id, uint64_t hash,
                                       uint32_t s) {
  Vid* slot = vids.Find(kind, id, hash);
  Vid vid = slot != nullptr ? *slot : kNoVid;
  if (slot == nullptr) {
    WK_ASSIGN_OR_RETURN(vid, Stored(kind, id));
    if (vid != kNoVid) vids.Insert(kind, id, hash, vid);
  }
  if (vid == kNoVid) {
    WK_RETURN_IF_ERROR(CheckNewVid(next_vid));
    vid = next_vid++;
    if (slot != nullptr) {
      *slot = vid;
    } else {
      vids.Insert(kind, id, hash, vid);
    }
    new_last.push_back(s);
    return vid;
  }
  if (vid >= base_next_vid) {
    new_last[vid - base_next_vid] = s;
    return vid;
  }
  auto [it, first] = old_last.try_emplace(vid, s);
  it->second = s;
  // The edges it owned before go, as in Database::Apply; a kept one is written again after.
  if (first) WK_RETURN_IF_ERROR(DeleteStoredEdges(vid));
  return vid;
}

Status BulkLoader::Rep::DeleteStoredEdges(Vid vid) {
  std::vector<storage::EdgeKeyParts> edges;
  WK_RETURN_IF_ERROR(
      store->Scan(Cf::kOut, storage::EdgePrefix(vid), [&](std::string_view key, std::string_view) {
        if (auto parts = storage::DecodeEdgeKey(key)) edges.push_back(*parts);
        return true;
      }));
  for (const storage::EdgeKeyParts& e : edges) {
    WK_RETURN_IF_ERROR(writer->Delete(Cf::kOut, storage::EdgeKey(vid, e.type, e.second)));
    WK_RETURN_IF_ERROR(writer->Delete(Cf::kIn, storage::EdgeKey(e.second, e.type, vid)));
  }
  return Status::OK();
}

Status BulkLoader::Rep::PutEdge(uint32_t s, Vid src, EdgeType type, Vid dst,
                                std::string_view props) {
  char key[storage::kEdgeKeyBytes];
  storage::EncodeEdgeKey(src, TypeCode(type), dst, key);
  WK_RETURN_IF_ERROR(writer->Put(Cf::kOut, std::string_view(key, sizeof(key)), props, s));
  storage::EncodeEdgeKey(dst, TypeCode(type), src, key);
  return writer->Put(Cf::kIn, std::string_view(key, sizeof(key)), props, s);
}

// An edge counts when the record that wrote it is its owner's last one; tag 0 (nodes, ids,
// deletions, the counter) always counts.
bool BulkLoader::Rep::Keep(Cf cf, std::string_view key, uint32_t tag) const {
  if (tag == 0 || key.size() != storage::kEdgeKeyBytes) return true;
  // The owner is the key's first vid in `out`, its second (after the type) in `in`.
  const Vid owner = storage::DecodeU64BE(key.data() + (cf == Cf::kOut ? 0 : 10));
  if (owner >= base_next_vid) return new_last[owner - base_next_vid] == tag;
  auto it = old_last.find(owner);
  return it != old_last.end() && it->second == tag;
}

Result<std::unique_ptr<BulkLoader>> BulkLoader::Open(const std::string& dir,
                                                     const BulkLoadOptions& options) {
  auto rep = std::make_unique<Rep>();
  WK_ASSIGN_OR_RETURN(rep->store, storage::Store::Open(dir, options.store));
  WK_ASSIGN_OR_RETURN(rep->base_next_vid, internal::ReadNextVid(*rep->store));
  rep->next_vid = rep->base_next_vid;
  WK_ASSIGN_OR_RETURN(rep->writer, storage::BulkWriter::Create(*rep->store, dir, options.writer));
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(rep)));
}

BulkLoader::BulkLoader(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

BulkLoader::~BulkLoader() {
  rep_->writer.reset();  // its files live in the store's directory
}

void BulkLoader::Prepare(const Record& record, PreparedRecord* out) {
  out->edge_count = 0;
  out->status = PrepareInto(record, out);
}

void BulkLoader::Prefetch(const PreparedRecord& prepared) const {
  if (!prepared.status.ok()) return;
  rep_->vids.Prefetch(prepared.id_hash);
  for (size_t n = 0; n < prepared.edge_count; ++n) rep_->vids.Prefetch(prepared.edges[n].dst_hash);
}

Status BulkLoader::Add(const Record& record, int64_t origin) {
  thread_local PreparedRecord prepared;
  Prepare(record, &prepared);
  return Add(record, prepared, origin);
}

Status BulkLoader::Add(const Record& record, const PreparedRecord& prepared, int64_t origin) {
  const auto start = std::chrono::steady_clock::now();
  Status s = rep_->Add(record, prepared, origin);
  rep_->times.add += Seconds(start);
  return s;
}

Status BulkLoader::Rep::Add(const Record& record, const PreparedRecord& prepared, int64_t origin) {
  Rep& r = *this;
  if (r.seq >= std::numeric_limits<uint32_t>::max() - 1) {
    return Status::TooLarge("too_many_records", "too many records for one import").WithLine(origin);
  }
  if (!prepared.status.ok()) return prepared.status.WithLine(origin);
  const std::string& id = prepared.id;
  const uint32_t s = ++r.seq;
  const Kind kind = record.node.kind;
  WK_ASSIGN_OR_RETURN(const Vid vid, r.EntityVid(kind, id, prepared.id_hash, s));

  const uint8_t kind_byte = KindByte(kind);
  WK_RETURN_IF_ERROR(
      r.writer->Put(Cf::kNodes, storage::NodeKey(kind_byte, vid), prepared.node_value));
  WK_RETURN_IF_ERROR(
      r.writer->Put(Cf::kIds, storage::IdKey(kind_byte, id), storage::EncodeVid(vid)));

  for (size_t n = 0; n < prepared.edge_count; ++n) {
    const PreparedRecord::Edge& p = prepared.edges[n];
    const EdgeRecord& e = record.edges[p.index];
    WK_ASSIGN_OR_RETURN(const Vid dst, r.Lookup(e.dst_kind, e.dst_id, p.dst_hash));
    if (dst == kNoVid) {
      r.pending.push_back(Pending{s, vid, e.type, kind, e.dst_kind, id, e.dst_id, p.props, origin});
      continue;
    }
    WK_RETURN_IF_ERROR(r.PutEdge(s, vid, e.type, dst, p.props));
  }
  return Status::OK();
}

Status BulkLoader::Commit() {
  Rep& r = *rep_;
  const auto start = std::chrono::steady_clock::now();
  for (const Pending& p : r.pending) {
    const Vid* dst = r.vids.Find(p.dst_kind, p.dst_id, IdMap::Hash(p.dst_kind, p.dst_id));
    if (dst == nullptr || *dst == kNoVid) {
      return Status::InvalidRecord("dangling_reference", Describe(p.src_kind, p.src_id) +
                                                             " references unknown " +
                                                             Describe(p.dst_kind, p.dst_id))
          .WithLine(p.origin);
    }
    WK_RETURN_IF_ERROR(r.PutEdge(p.seq, p.src, p.type, *dst, p.props));
  }
  r.pending = {};
  r.times.resolve = Seconds(start);
  if (r.next_vid != r.base_next_vid) {
    WK_RETURN_IF_ERROR(
        r.writer->Put(Cf::kMeta, internal::kNextVidKey, storage::EncodeVid(r.next_vid)));
  }
  return r.writer->Commit(
      [&r](Cf cf, std::string_view key, uint32_t tag) { return r.Keep(cf, key, tag); });
}

uint64_t BulkLoader::records() const { return rep_->seq; }
BulkLoadTimes BulkLoader::times() const {
  BulkLoadTimes times = rep_->times;
  times.writer = rep_->writer->times();
  return times;
}
int BulkLoader::runs() const { return rep_->writer->runs(); }

}  // namespace whoknows::graph
