#include "cursor.h"

#include <cstdint>

#include "whoknows/core/id.h"

namespace whoknows::api::internal {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::string_view kPrefix = "v1:";

int ValueOf(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// nullopt for a character outside the alphabet, an impossible length, or non-zero padding bits,
// so that every byte string has exactly one encoding.
std::optional<std::string> FromBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    int v = ValueOf(c);
    if (v < 0) return std::nullopt;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<char>((bits >> count) & 0xff));
    }
  }
  if ((bits & ((1u << count) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string Base64Url(std::string_view bytes) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (unsigned char c : bytes) {
    bits = (bits << 8) | c;
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(kAlphabet[(bits >> count) & 63]);
    }
  }
  if (count > 0) out.push_back(kAlphabet[(bits << (6 - count)) & 63]);
  return out;
}

std::string EncodeCursor(std::string_view last_id) {
  std::string plain(kPrefix);
  plain.append(last_id);
  return Base64Url(plain);
}

std::optional<std::string> DecodeCursor(std::string_view cursor) {
  auto plain = FromBase64Url(cursor);
  if (!plain || plain->compare(0, kPrefix.size(), kPrefix) != 0) return std::nullopt;
  std::string id = plain->substr(kPrefix.size());
  if (!IsValidId(id)) return std::nullopt;
  return id;
}

}  // namespace whoknows::api::internal
