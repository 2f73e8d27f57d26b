#include "write_common.h"

#include <algorithm>
#include <iterator>

#include "whoknows/core/id.h"
#include "whoknows/storage/key_codec.h"

namespace whoknows::graph::internal {

using storage::Cf;

bool IsKnownKind(Kind kind) {
  return std::find(std::begin(kAllKinds), std::end(kAllKinds), kind) != std::end(kAllKinds);
}

std::string Describe(Kind kind, std::string_view id) {
  return std::string(KindName(kind)) + " '" + std::string(id) + "'";
}

bool IsEndorsementEdge(EdgeType type) {
  return type == EdgeType::kEndorser || type == EdgeType::kEndorsee ||
         type == EdgeType::kEndorsedTopic;
}

Result<std::optional<Vid>> FindVid(const storage::Store& store, Kind kind, std::string_view id) {
  WK_ASSIGN_OR_RETURN(std::optional<std::string> value,
                      store.Get(Cf::kIds, storage::IdKey(KindByte(kind), id)));
  if (!value) return std::optional<Vid>();
  std::optional<uint64_t> vid = storage::DecodeVid(*value);
  if (!vid) return Status::Corruption("bad vid in the ids entry of " + Describe(kind, id));
  return std::optional<Vid>(*vid);
}

Result<Vid> ReadNextVid(const storage::Store& store) {
  WK_ASSIGN_OR_RETURN(std::optional<std::string> value, store.Get(Cf::kMeta, kNextVidKey));
  if (!value) return Vid{0};
  std::optional<uint64_t> vid = storage::DecodeVid(*value);
  if (!vid) return Status::Corruption("bad next_vid in meta");
  return *vid;
}

Result<std::string> RecordId(const Record& record) {
  const NodeData& node = record.node;
  if (!IsKnownKind(node.kind)) return Status::InvalidRecord("invalid_record", "unknown kind");
  if (node.kind != Kind::kEndorsement) {
    if (IsValidId(node.id)) return node.id.str();
    return Status::InvalidRecord(
        "invalid_id", "invalid " + std::string(KindName(node.kind)) + " id '" + node.id + "'");
  }
  const Status incomplete = Status::InvalidRecord(
      "invalid_record", "an endorsement needs exactly one endorser, endorsee and topic");
  const std::string* refs[3] = {nullptr, nullptr, nullptr};  // indexed from kEndorser
  for (const EdgeRecord& e : record.edges) {
    if (!IsEndorsementEdge(e.type)) continue;
    const std::string** slot = &refs[TypeCode(e.type) - TypeCode(EdgeType::kEndorser)];
    if (*slot != nullptr) return incomplete;
    *slot = &e.dst_id;
  }
  if (!refs[0] || !refs[1] || !refs[2]) return incomplete;
  return EndorsementId(*refs[0], *refs[1], *refs[2]);
}

}  // namespace whoknows::graph::internal
