#include "../../src/graph/record_codec.h"

#include <catch2/catch.hpp>
#include <string>

#include "whoknows/core/date.h"

using namespace whoknows;
using namespace whoknows::graph;
using namespace whoknows::graph::internal;

namespace {

NodeData FullNode() {
  NodeData n;
  n.kind = Kind::kProject;
  n.id = "proj-1";
  n.name = "Apollo";
  n.email = "apollo@example.com";
  n.title = "Lead";
  n.department = "R&D";
  n.location = "Zürich";  // UTF-8 survives byte for byte
  n.description = "to the moon";
  n.url = "https://example.com/apollo";
  n.text = std::string("binary\0text", 11);
  n.aliases = {"apollo program", "", "ap"};
  n.opted_out = true;
  n.created = DaysFromCivil(1961, 5, 25);
  n.start = -1;  // 1969-12-31: a negative day
  n.end = DaysFromCivil(2100, 1, 1);
  return n;
}

EdgeProps FullProps() {
  EdgeProps p;
  p.weight = 0.3f;
  p.level = 5;
  p.position = 65535;
  p.since = DaysFromCivil(2020, 1, 1);
  p.until = DaysFromCivil(2023, 6, 30);
  p.role = "reviewer";
  return p;
}

}  // namespace

TEST_CASE("node records round-trip every field", "[graph][codec]") {
  NodeData full = FullNode();
  auto decoded = DecodeNodeData(EncodeNodeData(full));
  INFO(decoded.status().ToString());
  REQUIRE(decoded.ok());
  CHECK(*decoded == full);

  NodeData minimal;
  minimal.kind = Kind::kTopic;
  minimal.id = "t";
  auto decoded_minimal = DecodeNodeData(EncodeNodeData(minimal));
  REQUIRE(decoded_minimal.ok());
  CHECK(*decoded_minimal == minimal);
  CHECK(decoded_minimal->created == kNoDay);
  CHECK_FALSE(decoded_minimal->opted_out);
}

TEST_CASE("node records start with the format version and the kind", "[graph][codec]") {
  std::string bytes = EncodeNodeData(FullNode());
  CHECK(bytes[0] == char{kRecordFormatVersion});
  CHECK(bytes[1] == static_cast<char>(Kind::kProject));
}

TEST_CASE("edge properties round-trip, and defaults take two bytes", "[graph][codec]") {
  EdgeProps full = FullProps();
  auto decoded = DecodeEdgeProps(EncodeEdgeProps(full));
  REQUIRE(decoded.ok());
  CHECK(*decoded == full);

  EdgeProps defaults;
  std::string bytes = EncodeEdgeProps(defaults);
  CHECK(bytes.size() == 2);
  auto decoded_defaults = DecodeEdgeProps(bytes);
  REQUIRE(decoded_defaults.ok());
  CHECK(*decoded_defaults == defaults);

  EdgeProps ongoing;
  ongoing.since = DaysFromCivil(1950, 3, 1);  // before the epoch
  auto decoded_ongoing = DecodeEdgeProps(EncodeEdgeProps(ongoing));
  REQUIRE(decoded_ongoing.ok());
  CHECK(decoded_ongoing->since == ongoing.since);
  CHECK(decoded_ongoing->until == kNoDay);
}

TEST_CASE("every truncation of a record is corruption", "[graph][codec]") {
  std::string node = EncodeNodeData(FullNode());
  for (size_t n = 0; n < node.size(); ++n) {
    auto decoded = DecodeNodeData(node.substr(0, n));
    INFO("prefix of " << n << " bytes");
    REQUIRE_FALSE(decoded.ok());
    CHECK(decoded.status().code() == Status::Code::kCorruption);
  }
  std::string props = EncodeEdgeProps(FullProps());
  for (size_t n = 0; n < props.size(); ++n) {
    INFO("prefix of " << n << " bytes");
    CHECK_FALSE(DecodeEdgeProps(props.substr(0, n)).ok());
  }
}

TEST_CASE("trailing bytes, unknown versions, kinds and flags are corruption", "[graph][codec]") {
  std::string node = EncodeNodeData(FullNode());
  CHECK_FALSE(DecodeNodeData(node + "x").ok());
  std::string bad_version = node;
  bad_version[0] = 2;
  CHECK_FALSE(DecodeNodeData(bad_version).ok());
  std::string bad_kind = node;
  bad_kind[1] = 9;
  CHECK_FALSE(DecodeNodeData(bad_kind).ok());
  std::string bad_flags = node;
  bad_flags[2] = static_cast<char>(0x80);
  CHECK_FALSE(DecodeNodeData(bad_flags).ok());

  std::string props = EncodeEdgeProps(FullProps());
  CHECK_FALSE(DecodeEdgeProps(props + std::string(1, '\0')).ok());
  std::string bad_props = props;
  bad_props[1] = static_cast<char>(0x40);
  CHECK_FALSE(DecodeEdgeProps(bad_props).ok());
}

TEST_CASE("huge lengths and overlong varints are corruption, not big reads", "[graph][codec]") {
  // version, kind, flags, then an id whose length claims 2^63 bytes.
  std::string huge_id("\x01\x01\x00", 3);
  huge_id += std::string(9, static_cast<char>(0xff)) + std::string(1, '\x7f');
  CHECK(DecodeNodeData(huge_id).status().code() == Status::Code::kCorruption);
  // An 11-byte varint.
  std::string overlong("\x01\x01\x00", 3);
  overlong += std::string(10, static_cast<char>(0x80)) + std::string(1, '\x01');
  CHECK_FALSE(DecodeNodeData(overlong).ok());
  // A position above 16 bits.
  std::string position("\x01\x04\x80\x80\x04", 5);  // 65536
  CHECK_FALSE(DecodeEdgeProps(position).ok());
  std::string position_max("\x01\x04\xff\xff\x03", 5);  // 65535
  auto decoded = DecodeEdgeProps(position_max);
  REQUIRE(decoded.ok());
  CHECK(decoded->position == 65535);
}

TEST_CASE("every single-byte change decodes to corruption or to a record that encodes back",
          "[graph][codec]") {
  // Decoding accepts one spelling per value, so whatever decodes re-encodes to the same bytes.
  // Out-of-bounds reads would show in the sanitizer build.
  for (const std::string& valid : {EncodeNodeData(FullNode()), EncodeNodeData(NodeData{})}) {
    for (size_t i = 0; i < valid.size(); ++i) {
      for (int b = 0; b < 256; ++b) {
        std::string bytes = valid;
        bytes[i] = static_cast<char>(b);
        auto node = DecodeNodeData(bytes);
        if (node.ok()) REQUIRE(EncodeNodeData(*node) == bytes);
      }
    }
  }
  for (const std::string& valid : {EncodeEdgeProps(FullProps()), EncodeEdgeProps(EdgeProps{})}) {
    for (size_t i = 0; i < valid.size(); ++i) {
      for (int b = 0; b < 256; ++b) {
        std::string bytes = valid;
        bytes[i] = static_cast<char>(b);
        auto props = DecodeEdgeProps(bytes);
        if (props.ok()) REQUIRE(EncodeEdgeProps(*props) == bytes);
      }
    }
  }
}

TEST_CASE("spelled-out defaults and non-canonical varints are corruption", "[graph][codec]") {
  CHECK_FALSE(DecodeEdgeProps(std::string("\x01\x02\x00", 3)).ok());      // level 0
  CHECK_FALSE(DecodeEdgeProps(std::string("\x01\x04\x00", 3)).ok());      // position 0
  CHECK_FALSE(DecodeEdgeProps(std::string("\x01\x20\x00", 3)).ok());      // empty role
  CHECK_FALSE(DecodeEdgeProps(std::string("\x01\x04\x81\x00", 4)).ok());  // 1 in two bytes
  std::string one("\x01\x01\x3f\x80\x00\x00", 6);                         // weight 1.0f
  CHECK_FALSE(DecodeEdgeProps(one).ok());
  one[2] = 0x3e;  // 0.25f
  REQUIRE(DecodeEdgeProps(one).ok());
  CHECK(DecodeEdgeProps(one)->weight == 0.25f);
}
