// CheckStore: sequential scans only, no point reads per entry.  The relations between column
// families are checked by joining scans, not by looking each entry's twin up:
//  - nodes -> ids: the nodes scan keeps, per vid, the kind and a 64-bit hash of the external id;
//    the ids scan marks each vid whose entry names it back; unmarked nodes are reported after.
//  - out <-> in: the out scan keeps each edge's mirror key (destination, type, source) and a
//    fingerprint of its properties; sorted, they are merged with the in scan, which is in that
//    order.  More edges than the memory budget: the destinations are cut into ranges, one out
//    scan each (the first scan counts the edges per destination).
// A point read of a whole store was one random read per entry per relation (hours at 100,000
// people); the scans read each column family sequentially once (twice for `out` over budget).
#include "whoknows/graph/check.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "record_codec.h"
#include "whoknows/graph/model.h"
#include "whoknows/storage/key_codec.h"

namespace whoknows::graph {
namespace {

using storage::Cf;

// meta: the vid counter Database writes (database.cc), u64 big-endian.
constexpr char kNextVidKey[] = "next_vid";
// No node at this vid (kinds are small integers).
constexpr uint8_t kNoKind = 0xff;

uint64_t Hash(std::string_view bytes) { return std::hash<std::string_view>{}(bytes); }

// An out edge seen from the in column family: the key its mirror must have, and its properties'
// fingerprint (48 bits: the bytes themselves up to 5, else a 47-bit hash with bit 47 set).
struct Mirror {
  uint64_t dst;
  uint64_t src;
  uint64_t props;
  uint16_t type;

  bool operator<(const Mirror& o) const {
    if (dst != o.dst) return dst < o.dst;
    if (type != o.type) return type < o.type;
    return src < o.src;
  }
};

constexpr uint64_t kPropsBits = 48;
constexpr uint64_t kPropsMask = (uint64_t{1} << kPropsBits) - 1;

uint64_t PropsFingerprint(std::string_view value) {
  if (value.size() > 5) return (Hash(value) & (kPropsMask >> 1)) | (uint64_t{1} << 47);
  uint64_t fp = value.size();
  for (char c : value) fp = (fp << 8) | static_cast<uint8_t>(c);
  return fp;
}

// A Mirror in 16 bytes, for edges whose ends are both below 2^32 (every edge of a store of fewer
// than 4 billion vids): the 80-bit key (destination, type, source) then the fingerprint, so that
// comparing (hi, lo) orders by the key.  At a million people (48M edges) that is 760 MB where
// 32-byte mirrors needed 1.5 GB, and one scan of `out` instead of three.
struct PackedMirror {
  uint64_t hi;  // dst << 32 | type << 16 | src >> 16
  uint64_t lo;  // (src & 0xffff) << 48 | props

  static constexpr uint64_t kMaxVid = uint64_t{1} << 32;
  static bool Fits(const Mirror& m) { return m.dst < kMaxVid && m.src < kMaxVid; }
  // REQUIRES: Fits(m).
  static PackedMirror Pack(const Mirror& m) {
    return {m.dst << 32 | uint64_t{m.type} << 16 | m.src >> 16,
            (m.src & 0xffff) << kPropsBits | m.props};
  }
  Mirror Unpack() const {
    return {hi >> 32, (hi & 0xffff) << 16 | lo >> kPropsBits, lo & kPropsMask,
            static_cast<uint16_t>(hi >> 16)};
  }
  bool operator<(const PackedMirror& o) const { return hi != o.hi ? hi < o.hi : lo < o.lo; }
};

// Mirrors to match: most packed, the rest (ends at or above 2^32: corruptions, or a huge store)
// wide; both sorted, read as one sequence in key order.
struct Mirrors {
  std::vector<PackedMirror> packed;
  std::vector<Mirror> wide;

  void Add(const Mirror& m) {
    if (PackedMirror::Fits(m)) {
      packed.push_back(PackedMirror::Pack(m));
    } else {
      wide.push_back(m);
    }
  }
  void Sort() {
    std::sort(packed.begin(), packed.end());
    std::sort(wide.begin(), wide.end());
  }
  void Clear() {
    packed.clear();
    wide.clear();
  }
};

// Reads Mirrors' two sorted vectors merged, in key order.
class MirrorCursor {
 public:
  explicit MirrorCursor(const Mirrors& m) : m_(m) { Advance(); }
  bool Done() const { return done_; }
  // REQUIRES: !Done().
  const Mirror& Head() const { return head_; }
  void Pop() { Advance(); }

 private:
  void Advance() {
    const bool packed_left = p_ < m_.packed.size(), wide_left = w_ < m_.wide.size();
    done_ = !packed_left && !wide_left;
    if (done_) return;
    if (packed_left) {
      head_ = m_.packed[p_].Unpack();
      if (!wide_left || !(m_.wide[w_] < head_)) {
        ++p_;
        return;
      }
    }
    head_ = m_.wide[w_++];
  }

  const Mirrors& m_;
  size_t p_ = 0;
  size_t w_ = 0;
  bool done_ = false;
  Mirror head_{};
};

// Orders a mirror against an in key's parts: < 0 when the mirror sorts first.
int Compare(const Mirror& m, const storage::EdgeKeyParts& in) {
  if (m.dst != in.first) return m.dst < in.first ? -1 : 1;
  if (m.type != in.type) return m.type < in.type ? -1 : 1;
  if (m.src != in.second) return m.src < in.second ? -1 : 1;
  return 0;
}

class Checker {
 public:
  Checker(const storage::Store& store, const CheckOptions& options, CheckReport* report)
      : store_(store), options_(options), report_(report) {}

  Status Run() {
    WK_RETURN_IF_ERROR(ReadNextVid());
    WK_RETURN_IF_ERROR(CheckNodes());
    WK_RETURN_IF_ERROR(CheckIds());
    WK_RETURN_IF_ERROR(ReportUnmappedNodes());
    return CheckEdges();
  }

 private:
  void Problem(std::string text) {
    if (report_->problems.size() < CheckReport::kMaxProblems) {
      report_->problems.push_back(std::move(text));
    } else {
      ++report_->more_problems;
    }
  }
  bool Full() const { return report_->problems.size() >= CheckReport::kMaxProblems; }
  bool HasNode(uint64_t vid) const { return vid < kinds_.size() && kinds_[vid] != kNoKind; }
  static std::string Edge(const char* cf, uint64_t first, uint16_t type, uint64_t second) {
    return std::string(cf) + " edge " + std::to_string(first) + " -" + std::to_string(type) +
           "-> " + std::to_string(second);
  }
  // A whole column family, or the keys in [begin, end), sequentially and outside the block cache.
  Status Scan(Cf cf, const std::function<void(std::string_view, std::string_view)>& fn,
              std::string_view begin = {}, std::string_view end = {}) const {
    return store_.ScanRange(cf, begin, end, [&](std::string_view key, std::string_view value) {
      fn(key, value);
      return true;
    });
  }

  Status ReadNextVid();
  Status CheckNodes();
  void CheckNode(const storage::NodeKeyParts& key, std::string_view value);
  Status CheckIds();
  void CheckIdEntry(std::string_view key, std::string_view value);
  Status ReportUnmappedNodes();
  Status CheckEdges();
  void CheckOutEdge(const storage::EdgeKeyParts& e, std::string_view value);
  size_t MirrorBytes() const;
  uint64_t EstimatedOutEdges() const;
  uint64_t PlanFirstRange() const;
  std::vector<uint64_t> PlanRanges(uint64_t from) const;
  Status CollectMirrors(uint64_t lo, uint64_t hi);
  Status MatchMirrors(uint64_t lo, uint64_t hi);
  void NoMirror(const Mirror& m) {
    Problem(Edge("out", m.src, m.type, m.dst) + ": no mirror in the in column family");
  }

  const storage::Store& store_;
  const CheckOptions& options_;
  CheckReport* report_;
  // By vid: the node's kind byte (kNoKind when absent), a hash of its external id, and whether
  // an ids entry maps that id back to it.
  std::vector<uint8_t> kinds_;
  std::vector<uint64_t> id_hash_;
  std::vector<uint8_t> mapped_;
  // Nodes at a vid another node already took (a corruption: one entry per vid above).
  std::vector<std::pair<storage::NodeKeyParts, uint64_t>> shadowed_;
  std::vector<uint8_t> shadowed_mapped_;
  // Out edges per destination vid (the last slot: destinations past every node), when the
  // mirrors do not fit in one range.
  std::vector<uint64_t> in_degree_;
  Mirrors mirrors_;
};

Status Checker::ReadNextVid() {
  WK_ASSIGN_OR_RETURN(std::optional<std::string> value, store_.Get(Cf::kMeta, kNextVidKey));
  if (!value) return Status::OK();  // a database nothing was ever written to
  std::optional<uint64_t> vid = storage::DecodeVid(*value);
  if (!vid) {
    Problem("meta next_vid is malformed");
  } else {
    report_->next_vid = *vid;
  }
  return Status::OK();
}

void Checker::CheckNode(const storage::NodeKeyParts& key, std::string_view value) {
  const std::string where = "node " + std::to_string(key.vid);
  Result<NodeData> node = internal::DecodeNodeData(value);
  if (!node.ok()) return Problem(where + ": " + node.status().message());
  if (static_cast<uint8_t>(node->kind) != key.kind) {
    return Problem(where + ": its record's kind differs from its key's");
  }
  if (key.vid >= report_->next_vid) Problem(where + ": at or above the vid counter");
  if (kinds_.size() <= key.vid) {
    kinds_.resize(key.vid + 1, kNoKind);
    id_hash_.resize(key.vid + 1, 0);
  }
  if (kinds_[key.vid] != kNoKind) {
    // The last one wins for the edges (as before), each is checked against ids.
    shadowed_.emplace_back(storage::NodeKeyParts{kinds_[key.vid], key.vid}, id_hash_[key.vid]);
  }
  kinds_[key.vid] = key.kind;
  id_hash_[key.vid] = Hash(node->id);
}

Status Checker::CheckNodes() {
  WK_RETURN_IF_ERROR(Scan(Cf::kNodes, [&](std::string_view key, std::string_view value) {
    ++report_->nodes;
    std::optional<storage::NodeKeyParts> parts = storage::DecodeNodeKey(key);
    if (!parts) {
      Problem("a malformed node key");
    } else {
      CheckNode(*parts, value);
    }
  }));
  mapped_.assign(kinds_.size(), 0);
  shadowed_mapped_.assign(shadowed_.size(), 0);
  return Status::OK();
}

void Checker::CheckIdEntry(std::string_view key, std::string_view value) {
  std::optional<uint64_t> vid = storage::DecodeVid(value);
  const std::string where = key.empty() ? std::string("an empty ids key")
                                        : "ids entry '" + std::string(key.substr(1)) + "'";
  if (key.empty() || !vid) return Problem(where + ": malformed");
  const auto kind = static_cast<uint8_t>(key[0]);
  const uint64_t hash = Hash(key.substr(1));
  bool named = false;
  for (size_t i = 0; i < shadowed_.size(); ++i) {
    if (shadowed_[i].first.vid == *vid && shadowed_[i].first.kind == kind &&
        shadowed_[i].second == hash) {
      shadowed_mapped_[i] = 1, named = true;
    }
  }
  if (!HasNode(*vid) || kinds_[*vid] != kind) {
    if (!named) Problem(where + ": no node of its kind at vid " + std::to_string(*vid));
  } else if (id_hash_[*vid] == hash) {
    mapped_[*vid] = 1;
  } else if (!named) {
    Problem(where + ": the node at vid " + std::to_string(*vid) + " has another id");
  }
}

Status Checker::CheckIds() {
  return Scan(Cf::kIds, [&](std::string_view key, std::string_view value) {
    ++report_->ids;
    CheckIdEntry(key, value);
  });
}

// "node V (kind 'id'): the ids index does not map it back to this vid" for each node no ids entry
// named; the record is read again for its id (point reads, at most the problems reported).
Status Checker::ReportUnmappedNodes() {
  std::vector<storage::NodeKeyParts> unmapped;
  for (uint64_t vid = 0; vid < kinds_.size(); ++vid) {
    if (kinds_[vid] != kNoKind && !mapped_[vid]) unmapped.push_back({kinds_[vid], vid});
  }
  for (size_t i = 0; i < shadowed_.size(); ++i) {
    if (!shadowed_mapped_[i]) unmapped.push_back(shadowed_[i].first);
  }
  std::sort(unmapped.begin(), unmapped.end(), [](const auto& a, const auto& b) {
    return a.kind != b.kind ? a.kind < b.kind : a.vid < b.vid;
  });
  for (const storage::NodeKeyParts& n : unmapped) {
    if (Full()) {
      ++report_->more_problems;
      continue;
    }
    WK_ASSIGN_OR_RETURN(std::optional<std::string> value,
                        store_.Get(Cf::kNodes, storage::NodeKey(n.kind, n.vid)));
    Result<NodeData> node = internal::DecodeNodeData(value.value_or(""));
    const std::string id = node.ok() ? node->id.str() : "?";
    Problem("node " + std::to_string(n.vid) + " (" +
            std::string(KindName(static_cast<Kind>(n.kind))) + " '" + id +
            "'): the ids index does not map it back to this vid");
  }
  return Status::OK();
}

void Checker::CheckOutEdge(const storage::EdgeKeyParts& e, std::string_view value) {
  if (e.type < static_cast<uint16_t>(EdgeType::kHasSkill) ||
      e.type > static_cast<uint16_t>(EdgeType::kEndorsedTopic)) {
    Problem(Edge("out", e.first, e.type, e.second) + ": unknown edge type");
  } else if (!HasNode(e.first) || !HasNode(e.second)) {
    Problem(Edge("out", e.first, e.type, e.second) + ": at a missing node");
  } else if (!EdgeAllowed(static_cast<Kind>(kinds_[e.first]), static_cast<EdgeType>(e.type),
                          static_cast<Kind>(kinds_[e.second]))) {
    Problem(Edge("out", e.first, e.type, e.second) +
            ": its type does not join nodes of these kinds");
  }
  if (!internal::DecodeEdgeProps(value).ok()) {
    Problem(Edge("out", e.first, e.type, e.second) + ": bad properties");
  }
}

// Memory for one edge's mirror: packed unless the vids exceed 32 bits.
size_t Checker::MirrorBytes() const {
  return kinds_.size() <= PackedMirror::kMaxVid ? sizeof(PackedMirror) : sizeof(Mirror);
}

uint64_t Checker::EstimatedOutEdges() const {
  uint64_t estimate = 0;
  for (const storage::Store::Property& p : store_.Properties()) {
    if (p.cf == "out" && p.name == "estimated_keys") estimate = p.value;
  }
  return estimate;
}

// The first out scan keeps every mirror when the estimated edge count fits the budget
// (returns UINT64_MAX, the end of the one range), else none (returns 0) and counts.
uint64_t Checker::PlanFirstRange() const {
  return EstimatedOutEdges() <= options_.mirror_memory_bytes / MirrorBytes() ? UINT64_MAX : 0;
}

// Ends of consecutive destination ranges from `from`, each holding at most the budget's mirrors
// (or one destination's, when it alone has more); the last is UINT64_MAX.
std::vector<uint64_t> Checker::PlanRanges(uint64_t from) const {
  const uint64_t cap = std::max<uint64_t>(1, options_.mirror_memory_bytes / MirrorBytes());
  std::vector<uint64_t> ends;
  uint64_t held = 0;
  for (uint64_t vid = from; vid + 1 < in_degree_.size(); ++vid) {
    if (held > 0 && held + in_degree_[vid] > cap) {
      ends.push_back(vid);
      held = 0;
    }
    held += in_degree_[vid];
  }
  ends.push_back(UINT64_MAX);
  return ends;
}

Status Checker::CollectMirrors(uint64_t lo, uint64_t hi) {
  ++report_->out_scans;
  uint64_t count = 0;  // the range's edges, to allocate them once
  for (uint64_t vid = lo; vid < in_degree_.size() && vid < hi; ++vid) count += in_degree_[vid];
  mirrors_.packed.reserve(count);
  return Scan(Cf::kOut, [&](std::string_view key, std::string_view value) {
    std::optional<storage::EdgeKeyParts> e = storage::DecodeEdgeKey(key);
    if (e && e->second >= lo && e->second < hi) {
      mirrors_.Add({e->second, e->first, PropsFingerprint(value), e->type});
    }
  });
}

// Merges the sorted mirrors of the out edges into destinations [lo, hi) with the in entries of
// those destinations (with lo = 0 and hi = UINT64_MAX, also the keys too short to name one).
Status Checker::MatchMirrors(uint64_t lo, uint64_t hi) {
  mirrors_.Sort();
  const std::string begin = lo == 0 ? std::string() : storage::EdgePrefix(lo);
  const std::string end = hi == UINT64_MAX ? std::string() : storage::EdgePrefix(hi);
  MirrorCursor next(mirrors_);
  WK_RETURN_IF_ERROR(Scan(
      Cf::kIn,
      [&](std::string_view key, std::string_view value) {
        ++report_->in_edges;
        std::optional<storage::EdgeKeyParts> e = storage::DecodeEdgeKey(key);
        if (!e) return Problem("a malformed in edge key");
        for (; !next.Done() && Compare(next.Head(), *e) < 0; next.Pop()) NoMirror(next.Head());
        if (!next.Done() && Compare(next.Head(), *e) == 0) {
          const Mirror& m = next.Head();
          if (m.props != PropsFingerprint(value)) {
            Problem(Edge("out", m.src, m.type, m.dst) +
                    ": its mirror in the in column family has other properties");
          }
          next.Pop();
        } else {
          Problem(Edge("in", e->first, e->type, e->second) +
                  ": no edge in the out column family mirrors it");
        }
      },
      begin, end));
  for (; !next.Done(); next.Pop()) NoMirror(next.Head());
  mirrors_.Clear();
  return Status::OK();
}

Status Checker::CheckEdges() {
  const uint64_t first_end = PlanFirstRange();
  if (first_end != UINT64_MAX) {
    in_degree_.assign(kinds_.size() + 1, 0);
  } else {
    // The estimate may be a little short: 1/16 more rather than a doubling of the vector.
    const uint64_t estimate = EstimatedOutEdges();
    if (MirrorBytes() == sizeof(PackedMirror)) mirrors_.packed.reserve(estimate + estimate / 16);
  }
  report_->out_scans = 1;
  WK_RETURN_IF_ERROR(Scan(Cf::kOut, [&](std::string_view key, std::string_view value) {
    ++report_->out_edges;
    std::optional<storage::EdgeKeyParts> e = storage::DecodeEdgeKey(key);
    if (!e) return Problem("a malformed out edge key");
    CheckOutEdge(*e, value);
    if (e->second < first_end) {
      mirrors_.Add({e->second, e->first, PropsFingerprint(value), e->type});
    } else {
      ++in_degree_[std::min<uint64_t>(e->second, kinds_.size())];
    }
  }));
  if (first_end == UINT64_MAX) return MatchMirrors(0, UINT64_MAX);
  uint64_t lo = 0;
  for (uint64_t hi : PlanRanges(0)) {
    WK_RETURN_IF_ERROR(CollectMirrors(lo, hi));
    WK_RETURN_IF_ERROR(MatchMirrors(lo, hi));
    lo = hi;
  }
  return Status::OK();
}

}  // namespace

Result<CheckReport> CheckStore(const storage::Store& store, const CheckOptions& options) {
  CheckReport report;
  Checker checker(store, options, &report);
  WK_RETURN_IF_ERROR(checker.Run());
  return report;
}

Result<CheckReport> CheckDatabase(const std::string& dir, const CheckOptions& options) {
  storage::StoreOptions store_options;
  store_options.read_only = true;
  store_options.create_if_missing = false;
  WK_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store,
                      storage::Store::Open(dir, store_options));
  return CheckStore(*store, options);
}

}  // namespace whoknows::graph
