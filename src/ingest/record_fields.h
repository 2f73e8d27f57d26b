// The record format as data: one table per kind says which JSON fields a record has, which are
// required, and where each lands in a graph::Record (a NodeData member or edges of one type).
// ParseRecord, RecordToJson and RecordFields all walk these tables, so the three cannot disagree.
#ifndef WHOKNOWS_SRC_INGEST_RECORD_FIELDS_H_
#define WHOKNOWS_SRC_INGEST_RECORD_FIELDS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest::internal {

// Lists hold at most this many items: EdgeProps::position is 16 bits.
constexpr size_t kMaxListItems = 65536;

enum class FieldType : uint8_t {
  kText,   // a JSON string in NodeData::*text
  kDate,   // an ISO date string in NodeData::*day
  kFlag,   // a JSON bool in NodeData::*flag
  kTexts,  // an array of strings in NodeData::*texts
  kRef,    // one id: one edge
  kRefs,   // an array of ids: one edge each
  kItems,  // an array of objects {ref_key: id, props...}, or bare ids when bare_ref: one edge each
};

// A property of one item of a kItems list; it lands in the edge's EdgeProps.
enum class PropType : uint8_t {
  kLevel,   // integer 1-5 -> level
  kRole,    // non-empty string, lower-cased -> role
  kWeight,  // number in (0, 1] -> weight
  kSince,   // date -> since
  kUntil,   // date -> until, not before since
};

struct ItemProp {
  std::string_view name;
  PropType type;
  bool required;
};

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::kText;
  bool required = false;
  bool non_empty = false;   // kRefs, kItems: at least one item
  bool is_private = false;  // RecordToJson emits it only with include_private
  Text graph::NodeData::*text = nullptr;
  Day graph::NodeData::*day = nullptr;
  bool graph::NodeData::*flag = nullptr;
  StringList graph::NodeData::*texts = nullptr;
  graph::EdgeType edge{};
  graph::Kind target{};
  std::string_view ref_key;  // kItems: the member holding the id
  bool bare_ref = false;     // kItems: a bare id stands for {ref_key: id}
  std::vector<ItemProp> props;

  bool IsEdge() const {
    return type == FieldType::kRef || type == FieldType::kRefs || type == FieldType::kItems;
  }
};

// The fields of `kind` besides "type" and "id", in the order records list them.
const std::vector<FieldSpec>& FieldsOf(graph::Kind kind);

// Whether records of `kind` carry a client-chosen "id" (all but endorsements).
inline bool HasClientId(graph::Kind kind) { return kind != graph::Kind::kEndorsement; }

}  // namespace whoknows::ingest::internal

#endif  // WHOKNOWS_SRC_INGEST_RECORD_FIELDS_H_
