// Byte encodings of what the `nodes`, `out` and `in` column families hold: a node's fields
// (NodeData) and an edge's properties (EdgeProps).  Private to graph/.
//
// Both encodings start with a format-version byte (kRecordFormatVersion), then a flags byte, then
// only the fields that are present, as varints (unsigned LEB128), zigzag varints (dates) and
// length-prefixed strings (varint byte length, then the bytes).  docs/architecture.md spells out
// the layout.  Decoding accepts exactly what encoding produces: any other bytes (an unknown
// version or flag, a truncated field, trailing bytes, out-of-range values) are Corruption, and
// decoding never reads outside its input.
#ifndef WHOKNOWS_SRC_GRAPH_RECORD_CODEC_H_
#define WHOKNOWS_SRC_GRAPH_RECORD_CODEC_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "whoknows/core/result.h"
#include "whoknows/graph/model.h"

namespace whoknows::graph::internal {

constexpr uint8_t kRecordFormatVersion = 1;

std::string EncodeNodeData(const NodeData& node);
// Replaces `*out` by the encoding of `node` with `id` for its id; reuses out's capacity.
void EncodeNodeDataInto(const NodeData& node, std::string_view id, std::string* out);
// With an arena, the strings too long to be inline borrow their bytes from it (TextArena).
Result<NodeData> DecodeNodeData(std::string_view bytes, TextArena* arena = nullptr);

std::string EncodeEdgeProps(const EdgeProps& props);
// Replaces `*out` by the encoding of `props`; reuses out's capacity.
void EncodeEdgePropsInto(const EdgeProps& props, std::string* out);
Result<EdgeProps> DecodeEdgeProps(std::string_view bytes);

}  // namespace whoknows::graph::internal

#endif  // WHOKNOWS_SRC_GRAPH_RECORD_CODEC_H_
