// CheckStore: walks every column family once and point-reads the other side of each relation
// (ids <-> nodes, out <-> in), so memory stays one byte per vid plus the kinds, not the edges.
#include "whoknows/graph/check.h"

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

class Checker {
 public:
  Checker(const storage::Store& store, CheckReport* report) : store_(store), report_(report) {}

  Status Run() {
    WK_RETURN_IF_ERROR(ReadNextVid());
    WK_RETURN_IF_ERROR(CheckNodes());
    WK_RETURN_IF_ERROR(CheckIds());
    WK_RETURN_IF_ERROR(CheckOut());
    return CheckIn();
  }

 private:
  void Problem(std::string text) {
    if (report_->problems.size() < CheckReport::kMaxProblems) {
      report_->problems.push_back(std::move(text));
    } else {
      ++report_->more_problems;
    }
  }
  bool HasNode(uint64_t vid) const { return vid < kinds_.size() && kinds_[vid] != kNoKind; }
  std::string Edge(const storage::EdgeKeyParts& e, const char* cf) const {
    return std::string(cf) + " edge " + std::to_string(e.first) + " -" + std::to_string(e.type) +
           "-> " + std::to_string(e.second);
  }

  Status ReadNextVid() {
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

  // The value at `key`; nullopt when absent or unreadable (then io_ holds the error).
  std::optional<std::string> Get(Cf cf, const std::string& key) {
    Result<std::optional<std::string>> value = store_.Get(cf, key);
    if (value.ok()) return std::move(value).value();
    if (io_.ok()) io_ = value.status();
    return std::nullopt;
  }
  Status Scan(Cf cf, const std::function<void(std::string_view, std::string_view)>& fn) {
    WK_RETURN_IF_ERROR(store_.Scan(cf, "", [&](std::string_view key, std::string_view value) {
      fn(key, value);
      return io_.ok();
    }));
    return io_;
  }

  Status CheckNodes();
  Status CheckIds();
  Status CheckOut();
  Status CheckIn();
  void CheckNode(const storage::NodeKeyParts& key, std::string_view value);

  const storage::Store& store_;
  CheckReport* report_;
  std::vector<uint8_t> kinds_;  // by vid: the node's kind byte, kNoKind when absent
  Status io_;                   // the first read error
};

void Checker::CheckNode(const storage::NodeKeyParts& key, std::string_view value) {
  const std::string where = "node " + std::to_string(key.vid);
  Result<NodeData> node = internal::DecodeNodeData(value);
  if (!node.ok()) return Problem(where + ": " + node.status().message());
  if (static_cast<uint8_t>(node->kind) != key.kind) {
    return Problem(where + ": its record's kind differs from its key's");
  }
  if (key.vid >= report_->next_vid) Problem(where + ": at or above the vid counter");
  if (kinds_.size() <= key.vid) kinds_.resize(key.vid + 1, kNoKind);
  kinds_[key.vid] = key.kind;
  std::optional<std::string> id = Get(Cf::kIds, storage::IdKey(key.kind, node->id));
  std::optional<uint64_t> vid = id ? storage::DecodeVid(*id) : std::nullopt;
  if (io_.ok() && vid != key.vid) {
    Problem(where + " (" + std::string(KindName(node->kind)) + " '" + node->id +
            "'): the ids index does not map it back to this vid");
  }
}

Status Checker::CheckNodes() {
  return Scan(Cf::kNodes, [&](std::string_view key, std::string_view value) {
    ++report_->nodes;
    std::optional<storage::NodeKeyParts> parts = storage::DecodeNodeKey(key);
    if (!parts) {
      Problem("a malformed node key");
    } else {
      CheckNode(*parts, value);
    }
  });
}

Status Checker::CheckIds() {
  return Scan(Cf::kIds, [&](std::string_view key, std::string_view value) {
    ++report_->ids;
    std::optional<uint64_t> vid = storage::DecodeVid(value);
    const std::string where = key.empty() ? std::string("an empty ids key")
                                          : "ids entry '" + std::string(key.substr(1)) + "'";
    if (key.empty() || !vid) {
      Problem(where + ": malformed");
    } else if (!HasNode(*vid) || kinds_[*vid] != static_cast<uint8_t>(key[0])) {
      Problem(where + ": no node of its kind at vid " + std::to_string(*vid));
    }
  });
}

Status Checker::CheckOut() {
  return Scan(Cf::kOut, [&](std::string_view key, std::string_view value) {
    ++report_->out_edges;
    std::optional<storage::EdgeKeyParts> e = storage::DecodeEdgeKey(key);
    if (!e) {
      Problem("a malformed out edge key");
      return;
    }
    if (e->type < static_cast<uint16_t>(EdgeType::kHasSkill) ||
        e->type > static_cast<uint16_t>(EdgeType::kEndorsedTopic)) {
      Problem(Edge(*e, "out") + ": unknown edge type");
    } else if (!HasNode(e->first) || !HasNode(e->second)) {
      Problem(Edge(*e, "out") + ": at a missing node");
    } else if (!EdgeAllowed(static_cast<Kind>(kinds_[e->first]), static_cast<EdgeType>(e->type),
                            static_cast<Kind>(kinds_[e->second]))) {
      Problem(Edge(*e, "out") + ": its type does not join nodes of these kinds");
    }
    if (!internal::DecodeEdgeProps(value).ok()) Problem(Edge(*e, "out") + ": bad properties");
    std::optional<std::string> mirror =
        Get(Cf::kIn, storage::EdgeKey(e->second, e->type, e->first));
    if (!io_.ok()) return;
    if (!mirror) {
      Problem(Edge(*e, "out") + ": no mirror in the in column family");
    } else if (*mirror != value) {
      Problem(Edge(*e, "out") + ": its mirror in the in column family has other properties");
    }
  });
}

Status Checker::CheckIn() {
  return Scan(Cf::kIn, [&](std::string_view key, std::string_view) {
    ++report_->in_edges;
    std::optional<storage::EdgeKeyParts> e = storage::DecodeEdgeKey(key);
    if (!e) {
      Problem("a malformed in edge key");
      return;
    }
    std::optional<std::string> mirror =
        Get(Cf::kOut, storage::EdgeKey(e->second, e->type, e->first));
    if (io_.ok() && !mirror) {
      Problem(Edge(*e, "in") + ": no edge in the out column family mirrors it");
    }
  });
}

}  // namespace

Result<CheckReport> CheckStore(const storage::Store& store) {
  CheckReport report;
  Checker checker(store, &report);
  WK_RETURN_IF_ERROR(checker.Run());
  return report;
}

Result<CheckReport> CheckDatabase(const std::string& dir) {
  storage::StoreOptions options;
  options.read_only = true;
  options.create_if_missing = false;
  WK_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, storage::Store::Open(dir, options));
  return CheckStore(*store);
}

}  // namespace whoknows::graph
