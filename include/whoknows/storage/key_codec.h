// Key encoding.  Integers are big-endian so that byte order equals numeric order: a prefix scan of
// `out` on a vid yields that vid's edges grouped by type, then by destination.
#ifndef WHOKNOWS_STORAGE_KEY_CODEC_H_
#define WHOKNOWS_STORAGE_KEY_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace whoknows::storage {

void PutU16BE(std::string* dst, uint16_t v);
void PutU64BE(std::string* dst, uint64_t v);
// REQUIRES: src has at least 2 (8) bytes.
uint16_t DecodeU16BE(const char* src);
uint64_t DecodeU64BE(const char* src);

// nodes: kind u8 | vid u64 (9 bytes).
std::string NodeKey(uint8_t kind, uint64_t vid);
std::string NodeKindPrefix(uint8_t kind);  // 1 byte
struct NodeKeyParts {
  uint8_t kind;
  uint64_t vid;
};
std::optional<NodeKeyParts> DecodeNodeKey(std::string_view key);

// ids: kind u8 | external id bytes.
std::string IdKey(uint8_t kind, std::string_view external_id);

// out / in: first vid u64 | edge type u16 | second vid u64 (18 bytes).  In `out` the first vid is
// the source; in `in` it is the destination.
std::string EdgeKey(uint64_t first, uint16_t type, uint64_t second);
constexpr size_t kEdgeKeyBytes = 18;
// The same bytes into `out` (kEdgeKeyBytes of them), without allocating.
void EncodeEdgeKey(uint64_t first, uint16_t type, uint64_t second, char* out);
std::string EdgePrefix(uint64_t first);  // 8 bytes
struct EdgeKeyParts {
  uint64_t first;
  uint16_t type;
  uint64_t second;
};
std::optional<EdgeKeyParts> DecodeEdgeKey(std::string_view key);

// vid u64 as an 8-byte value (the ids column family).
std::string EncodeVid(uint64_t vid);
std::optional<uint64_t> DecodeVid(std::string_view value);

}  // namespace whoknows::storage

#endif  // WHOKNOWS_STORAGE_KEY_CODEC_H_
