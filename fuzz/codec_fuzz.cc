// Fuzz target: the storage encodings.  The key codec (storage/key_codec.h) and the value codec of
// nodes and edges (graph/record_codec.h) must decode any bytes without crashing or reading outside
// them, and accept exactly what they produce:
//   - decode(bytes) succeeds  =>  encode(decoded) == bytes (one spelling per value);
//   - decode(encode(value)) == value for values built from the input.
// The first byte picks the codec; the rest is the input.
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "record_codec.h"
#include "whoknows/storage/key_codec.h"

namespace {

using whoknows::Result;
using whoknows::graph::EdgeProps;
using whoknows::graph::NodeData;
namespace codec = whoknows::graph::internal;
namespace storage = whoknows::storage;

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes.substr(0, 64)) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out + (bytes.size() > 64 ? "..." : "");
}

uint64_t U64From(std::string_view bytes, size_t offset) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) {
    v = (v << 8) | (offset + i < bytes.size() ? static_cast<unsigned char>(bytes[offset + i]) : 0);
  }
  return v;
}

void Keys(std::string_view in) {
  if (auto node = storage::DecodeNodeKey(in)) {
    const std::string again = storage::NodeKey(node->kind, node->vid);
    WK_FUZZ_CHECK(again == in, "node key " + Hex(in) + " re-encodes as " + Hex(again));
  }
  if (auto edge = storage::DecodeEdgeKey(in)) {
    const std::string again = storage::EdgeKey(edge->first, edge->type, edge->second);
    WK_FUZZ_CHECK(again == in, "edge key " + Hex(in) + " re-encodes as " + Hex(again));
    WK_FUZZ_CHECK(again.compare(0, 8, storage::EdgePrefix(edge->first)) == 0, Hex(in));
  }
  if (auto vid = storage::DecodeVid(in)) {
    WK_FUZZ_CHECK(storage::EncodeVid(*vid) == in, "vid " + Hex(in));
  }
  // Values from the input: encode then decode, and byte order equals numeric order.
  const uint64_t a = U64From(in, 0), b = U64From(in, 8);
  const auto type = static_cast<uint16_t>(U64From(in, 16) >> 48);
  const auto kind = static_cast<uint8_t>(U64From(in, 24) >> 56);
  auto node = storage::DecodeNodeKey(storage::NodeKey(kind, a));
  WK_FUZZ_CHECK(node && node->kind == kind && node->vid == a, "node key round trip");
  auto edge = storage::DecodeEdgeKey(storage::EdgeKey(a, type, b));
  WK_FUZZ_CHECK(edge && edge->first == a && edge->type == type && edge->second == b,
                "edge key round trip");
  const int bytes_order = storage::EdgeKey(a, type, b).compare(storage::EdgeKey(b, type, a));
  WK_FUZZ_CHECK((bytes_order < 0) == (a < b) && (bytes_order == 0) == (a == b),
                "edge keys sort by their first vid");
  const std::string id_key = storage::IdKey(kind, in);
  WK_FUZZ_CHECK(id_key.size() == in.size() + 1 && id_key.substr(1) == in, "id key");
}

void NodeRecord(std::string_view in) {
  Result<NodeData> node = codec::DecodeNodeData(in);
  if (!node.ok()) return;
  const std::string again = codec::EncodeNodeData(node.value());
  WK_FUZZ_CHECK(again == in, "node record " + Hex(in) + " re-encodes as " + Hex(again));
  Result<NodeData> twice = codec::DecodeNodeData(again);
  WK_FUZZ_CHECK(twice.ok() && twice.value() == node.value(), "node record decodes twice");
}

void EdgeRecord(std::string_view in) {
  Result<EdgeProps> props = codec::DecodeEdgeProps(in);
  if (!props.ok()) return;
  const std::string again = codec::EncodeEdgeProps(props.value());
  WK_FUZZ_CHECK(again == in, "edge properties " + Hex(in) + " re-encode as " + Hex(again));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      Keys(in);
      break;
    case 1:
      NodeRecord(in);
      break;
    default:
      EdgeRecord(in);
      break;
  }
  return 0;
}
