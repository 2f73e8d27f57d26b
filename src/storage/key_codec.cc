#include "whoknows/storage/key_codec.h"

#include <cstring>

namespace whoknows::storage {

void PutU16BE(std::string* dst, uint16_t v) {
  dst->push_back(static_cast<char>(v >> 8));
  dst->push_back(static_cast<char>(v & 0xff));
}

void PutU64BE(std::string* dst, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    dst->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

uint16_t DecodeU16BE(const char* src) {
  const auto* p = reinterpret_cast<const unsigned char*>(src);
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

uint64_t DecodeU64BE(const char* src) {
  const auto* p = reinterpret_cast<const unsigned char*>(src);
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

std::string NodeKey(uint8_t kind, uint64_t vid) {
  std::string key;
  key.reserve(9);
  key.push_back(static_cast<char>(kind));
  PutU64BE(&key, vid);
  return key;
}

std::string NodeKindPrefix(uint8_t kind) { return std::string(1, static_cast<char>(kind)); }

std::optional<NodeKeyParts> DecodeNodeKey(std::string_view key) {
  if (key.size() != 9) return std::nullopt;
  return NodeKeyParts{static_cast<uint8_t>(key[0]), DecodeU64BE(key.data() + 1)};
}

std::string IdKey(uint8_t kind, std::string_view external_id) {
  std::string key;
  key.reserve(1 + external_id.size());
  key.push_back(static_cast<char>(kind));
  key.append(external_id);
  return key;
}

std::string EdgeKey(uint64_t first, uint16_t type, uint64_t second) {
  std::string key;
  key.reserve(18);
  PutU64BE(&key, first);
  PutU16BE(&key, type);
  PutU64BE(&key, second);
  return key;
}

void EncodeEdgeKey(uint64_t first, uint16_t type, uint64_t second, char* out) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "big-endian by a byte swap");
  const uint64_t first_be = __builtin_bswap64(first);
  const uint16_t type_be = __builtin_bswap16(type);
  const uint64_t second_be = __builtin_bswap64(second);
  std::memcpy(out, &first_be, 8);
  std::memcpy(out + 8, &type_be, 2);
  std::memcpy(out + 10, &second_be, 8);
}

std::string EdgePrefix(uint64_t first) {
  std::string key;
  PutU64BE(&key, first);
  return key;
}

std::optional<EdgeKeyParts> DecodeEdgeKey(std::string_view key) {
  if (key.size() != 18) return std::nullopt;
  return EdgeKeyParts{DecodeU64BE(key.data()), DecodeU16BE(key.data() + 8),
                      DecodeU64BE(key.data() + 10)};
}

std::string EncodeVid(uint64_t vid) {
  std::string value;
  PutU64BE(&value, vid);
  return value;
}

std::optional<uint64_t> DecodeVid(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  return DecodeU64BE(value.data());
}

}  // namespace whoknows::storage
