#include "whoknows/storage/key_codec.h"

#include <catch2/catch.hpp>

using namespace whoknows::storage;

TEST_CASE("big-endian integers are written most significant byte first", "[storage]") {
  std::string s;
  PutU16BE(&s, 0x0102);
  PutU64BE(&s, 0x0a0b0c0d0e0f1011ULL);
  CHECK(s == std::string("\x01\x02\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11", 10));
  CHECK(DecodeU16BE(s.data()) == 0x0102);
  CHECK(DecodeU64BE(s.data() + 2) == 0x0a0b0c0d0e0f1011ULL);
  CHECK(DecodeU16BE("\xff\xfe") == 0xfffe);
}

TEST_CASE("edge keys sort by first vid, then type, then second vid", "[storage]") {
  // Numeric order must equal byte order, including across byte boundaries.
  CHECK(EdgeKey(1, 9, 9) < EdgeKey(2, 0, 0));
  CHECK(EdgeKey(255, 0, 0) < EdgeKey(256, 0, 0));
  CHECK(EdgeKey(256, 0, 0) < EdgeKey(uint64_t{1} << 40, 0, 0));
  CHECK(EdgeKey(7, 1, 1000) < EdgeKey(7, 2, 0));
  CHECK(EdgeKey(7, 255, 0) < EdgeKey(7, 256, 0));
  CHECK(EdgeKey(7, 3, 255) < EdgeKey(7, 3, 256));
  CHECK(NodeKey(1, 0xffffffff) < NodeKey(2, 0));
  CHECK(NodeKey(3, 255) < NodeKey(3, 256));
}

TEST_CASE("edge keys start with their prefix and decode to their parts", "[storage]") {
  const uint64_t big = 0xfedcba9876543210ULL;
  std::string key = EdgeKey(big, 0xabcd, 42);
  REQUIRE(key.size() == 18);
  CHECK(key.compare(0, 8, EdgePrefix(big)) == 0);
  auto parts = DecodeEdgeKey(key);
  REQUIRE(parts.has_value());
  CHECK(parts->first == big);
  CHECK(parts->type == 0xabcd);
  CHECK(parts->second == 42);
  CHECK_FALSE(DecodeEdgeKey(key.substr(0, 17)).has_value());
  CHECK_FALSE(DecodeEdgeKey(key + "x").has_value());
}

TEST_CASE("node keys are the kind byte and the vid", "[storage]") {
  std::string key = NodeKey(5, 300);
  REQUIRE(key.size() == 9);
  CHECK(key.compare(0, 1, NodeKindPrefix(5)) == 0);
  auto parts = DecodeNodeKey(key);
  REQUIRE(parts.has_value());
  CHECK(parts->kind == 5);
  CHECK(parts->vid == 300);
  CHECK_FALSE(DecodeNodeKey("").has_value());
  CHECK_FALSE(DecodeNodeKey(key.substr(1)).has_value());
}

TEST_CASE("id keys are the kind byte and the external id verbatim", "[storage]") {
  CHECK(IdKey(1, "alice") == std::string("\x01"
                                         "alice"));
  CHECK(IdKey(1, "Alice") != IdKey(1, "alice"));
  CHECK(IdKey(1, "x") != IdKey(2, "x"));
}

TEST_CASE("vids encode as 8 bytes and reject other lengths", "[storage]") {
  std::string v = EncodeVid(123456789);
  CHECK(v.size() == 8);
  CHECK(DecodeVid(v) == std::optional<uint64_t>(123456789));
  CHECK(DecodeVid(EncodeVid(~uint64_t{0})) == std::optional<uint64_t>(~uint64_t{0}));
  CHECK_FALSE(DecodeVid("1234567").has_value());
  CHECK_FALSE(DecodeVid("123456789").has_value());
}
