// CheckStore joins sequential scans; these tests hold it to the straightforward check it replaced
// (one point read per entry per relation, kept below as the reference) on randomly corrupted
// stores, in one pass and in several passes over `out`, and list every kind of corruption.
#include <algorithm>
#include <catch2/catch.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../../src/graph/record_codec.h"
#include "support/entity.h"
#include "support/temp_db.h"
#include "whoknows/graph/check.h"
#include "whoknows/graph/database.h"
#include "whoknows/storage/key_codec.h"
#include "whoknows/storage/store.h"

using namespace whoknows;
using namespace whoknows::graph;
using storage::Cf;

namespace {

using whoknows::testing::Entity;
using whoknows::testing::TempDir;

// The reference: the contract of check.h with a point read for each relation.
class ReferenceCheck {
 public:
  explicit ReferenceCheck(const storage::Store& store) : store_(store) {}

  std::vector<std::string> Run() {
    auto next = store_.Get(Cf::kMeta, "next_vid");
    REQUIRE(next.ok());
    if (*next) {
      auto vid = storage::DecodeVid(**next);
      if (vid) next_vid_ = *vid;
      if (!vid) problems_.push_back("meta next_vid is malformed");
    }
    Scan(Cf::kNodes, [&](std::string_view k, std::string_view v) { Node(k, v); });
    Scan(Cf::kIds, [&](std::string_view k, std::string_view v) { Id(k, v); });
    Scan(Cf::kOut, [&](std::string_view k, std::string_view v) { Out(k, v); });
    Scan(Cf::kIn, [&](std::string_view k, std::string_view) { In(k); });
    std::sort(problems_.begin(), problems_.end());
    return problems_;
  }

 private:
  void Scan(Cf cf, const std::function<void(std::string_view, std::string_view)>& fn) {
    REQUIRE(store_
                .Scan(cf, "",
                      [&](std::string_view k, std::string_view v) {
                        fn(k, v);
                        return true;
                      })
                .ok());
  }
  std::optional<std::string> Get(Cf cf, const std::string& key) {
    auto value = store_.Get(cf, key);
    REQUIRE(value.ok());
    return *value;
  }
  bool HasNode(uint64_t vid) const { return vid < kinds_.size() && kinds_[vid] != 0xff; }
  static std::string Edge(const char* cf, const storage::EdgeKeyParts& e) {
    return std::string(cf) + " edge " + std::to_string(e.first) + " -" + std::to_string(e.type) +
           "-> " + std::to_string(e.second);
  }

  void Node(std::string_view key, std::string_view value) {
    auto k = storage::DecodeNodeKey(key);
    if (!k) return problems_.push_back("a malformed node key");
    const std::string where = "node " + std::to_string(k->vid);
    auto node = internal::DecodeNodeData(value);
    if (!node.ok()) return problems_.push_back(where + ": " + node.status().message());
    if (static_cast<uint8_t>(node->kind) != k->kind) {
      return problems_.push_back(where + ": its record's kind differs from its key's");
    }
    if (k->vid >= next_vid_) problems_.push_back(where + ": at or above the vid counter");
    if (kinds_.size() <= k->vid) kinds_.resize(k->vid + 1, 0xff);
    kinds_[k->vid] = k->kind;
    auto id = Get(Cf::kIds, storage::IdKey(k->kind, node->id));
    if (!id || storage::DecodeVid(*id) != k->vid) {
      problems_.push_back(where + " (" + std::string(KindName(node->kind)) + " '" + node->id +
                          "'): the ids index does not map it back to this vid");
    }
  }

  void Id(std::string_view key, std::string_view value) {
    auto vid = storage::DecodeVid(value);
    const std::string where = "ids entry '" + std::string(key.substr(1)) + "'";
    if (!vid) return problems_.push_back(where + ": malformed");
    auto record = Get(Cf::kNodes, storage::NodeKey(key[0], *vid));
    auto node = internal::DecodeNodeData(record.value_or(""));
    if (!node.ok() || static_cast<uint8_t>(node->kind) != static_cast<uint8_t>(key[0])) {
      return problems_.push_back(where + ": no node of its kind at vid " + std::to_string(*vid));
    }
    if (node->id != key.substr(1)) {
      problems_.push_back(where + ": the node at vid " + std::to_string(*vid) + " has another id");
    }
  }

  void Out(std::string_view key, std::string_view value) {
    auto e = storage::DecodeEdgeKey(key);
    if (!e) return problems_.push_back("a malformed out edge key");
    if (e->type < 1 || e->type > static_cast<uint16_t>(EdgeType::kEndorsedTopic)) {
      problems_.push_back(Edge("out", *e) + ": unknown edge type");
    } else if (!HasNode(e->first) || !HasNode(e->second)) {
      problems_.push_back(Edge("out", *e) + ": at a missing node");
    } else if (!EdgeAllowed(static_cast<Kind>(kinds_[e->first]), static_cast<EdgeType>(e->type),
                            static_cast<Kind>(kinds_[e->second]))) {
      problems_.push_back(Edge("out", *e) + ": its type does not join nodes of these kinds");
    }
    if (!internal::DecodeEdgeProps(value).ok()) {
      problems_.push_back(Edge("out", *e) + ": bad properties");
    }
    auto mirror = Get(Cf::kIn, storage::EdgeKey(e->second, e->type, e->first));
    if (!mirror) {
      problems_.push_back(Edge("out", *e) + ": no mirror in the in column family");
    } else if (*mirror != value) {
      problems_.push_back(Edge("out", *e) +
                          ": its mirror in the in column family has other properties");
    }
  }

  void In(std::string_view key) {
    auto e = storage::DecodeEdgeKey(key);
    if (!e) return problems_.push_back("a malformed in edge key");
    if (!Get(Cf::kOut, storage::EdgeKey(e->second, e->type, e->first))) {
      problems_.push_back(Edge("in", *e) + ": no edge in the out column family mirrors it");
    }
  }

  const storage::Store& store_;
  uint64_t next_vid_ = 0;
  std::vector<uint8_t> kinds_;
  std::vector<std::string> problems_;
};

// 20 people, 5 topics, 40 documents of 1-4 authors with a reviewer, about 1-2 topics.  Vids:
// people 0-19, topics 20-24, documents 25-64.
void Populate(const std::string& dir) {
  auto db = Database::Open(dir, {});
  REQUIRE(db.ok());
  std::vector<Record> records;
  for (int p = 0; p < 20; ++p) records.push_back(Entity(Kind::kPerson, "p" + std::to_string(p)));
  for (int t = 0; t < 5; ++t) records.push_back(Entity(Kind::kTopic, "t" + std::to_string(t)));
  for (int d = 0; d < 40; ++d) {
    Record doc = Entity(Kind::kDocument, "d" + std::to_string(d));
    doc.node.created = DaysFromCivil(2024, 1, 1) + d;
    for (int a = 0; a <= d % 4; ++a) {
      doc.edges.push_back(
          {EdgeType::kAuthoredBy, Kind::kPerson, "p" + std::to_string((d * 7 + a * 3) % 20), {}});
      doc.edges.back().props.position = static_cast<uint16_t>(a);
    }
    doc.edges.push_back({EdgeType::kContributor, Kind::kPerson, "p" + std::to_string(d % 19), {}});
    doc.edges.back().props.role = "reviewer";
    doc.edges.push_back({EdgeType::kAbout, Kind::kTopic, "t" + std::to_string(d % 5), {}});
    if (d % 3 == 0) {
      doc.edges.push_back({EdgeType::kAbout, Kind::kTopic, "t" + std::to_string((d + 1) % 5), {}});
      doc.edges.back().props.weight = 0.5f;
    }
    records.push_back(doc);
  }
  auto applied = (*db)->Apply(records);
  INFO(applied.status().ToString());
  REQUIRE(applied.ok());
}

// All keys of a column family, in order.
std::vector<std::string> Keys(const storage::Store& store, Cf cf) {
  std::vector<std::string> keys;
  REQUIRE(store
              .Scan(cf, "",
                    [&](std::string_view k, std::string_view) {
                      keys.emplace_back(k);
                      return true;
                    })
              .ok());
  return keys;
}

// Applies `count` random corruptions of every kind the check knows.
void Corrupt(storage::Store& store, uint64_t seed, int count) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> nodes = Keys(store, Cf::kNodes), ids = Keys(store, Cf::kIds),
                                 out = Keys(store, Cf::kOut), in = Keys(store, Cf::kIn);
  auto pick = [&](const std::vector<std::string>& keys) { return keys[rng() % keys.size()]; };
  const auto type = [&] { return static_cast<uint16_t>(1 + rng() % 12); };
  storage::WriteBatch batch;
  for (int i = 0; i < count; ++i) {
    switch (rng() % 15) {
      case 0:
        batch.Delete(Cf::kNodes, pick(nodes));
        break;
      case 1:
        batch.Delete(Cf::kIds, pick(ids));
        break;
      case 2:
        batch.Put(Cf::kIds, pick(ids), storage::EncodeVid(rng() % 70));
        break;
      case 3:
        batch.Delete(Cf::kOut, pick(out));
        break;
      case 4:
        batch.Delete(Cf::kIn, pick(in));
        break;
      case 5:
        batch.Put(Cf::kIn, pick(in), std::string("\x01\x01\x3f\x00\x00\x00", 6));
        break;
      case 6:
        batch.Put(Cf::kOut, pick(out), "garbage");
        break;
      case 7:
        batch.Put(Cf::kIn, storage::EdgeKey(rng() % 70, type(), rng() % 70), "");
        break;
      case 8:
        batch.Put(Cf::kOut, storage::EdgeKey(rng() % 70, type(), rng() % 70),
                  std::string("\x01\x00", 2));
        break;
      case 9:
        batch.Put(Cf::kNodes, pick(nodes), "\x07");
        break;
      case 12: {  // a second node, of another kind, at a vid
        const Kind kind = rng() % 2 ? Kind::kProject : Kind::kPerson;
        batch.Put(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(kind), rng() % 70),
                  internal::EncodeNodeData(Entity(kind, "x" + std::to_string(i)).node));
        break;
      }
      case 10:
        batch.Put(Cf::kOut, std::string(5, static_cast<char>(rng())), "");
        break;
      case 13:  // an out edge and an in entry with an end past 32 bits (mirrors kept unpacked)
        batch.Put(Cf::kOut, storage::EdgeKey(rng() % 70, type(), (uint64_t{1} << 32) + rng() % 3),
                  "");
        batch.Put(Cf::kIn, storage::EdgeKey((uint64_t{1} << 32) + rng() % 3, type(), rng() % 70),
                  "");
        break;
      case 14: {  // edges to and from a far vid, with their mirrors (matched in key order)
        // Past 16 bits (packed across both words), just below 32 (packed), past 32 (unpacked).
        const int shift[] = {20, 31, 40};
        const uint64_t far = (uint64_t{1} << shift[rng() % 3]) + rng() % 5, near = rng() % 70;
        const uint16_t t = type();
        batch.Put(Cf::kOut, storage::EdgeKey(near, t, far), std::string("\x01\x00", 2));
        batch.Put(Cf::kIn, storage::EdgeKey(far, t, near), std::string("\x01\x00", 2));
        batch.Put(Cf::kOut, storage::EdgeKey(far, t, near), std::string("\x01\x00", 2));
        batch.Put(Cf::kIn, storage::EdgeKey(near, t, far), std::string("\x01\x00", 2));
        break;
      }
      default:
        batch.Put(Cf::kIn, std::string(11, static_cast<char>(rng())), "");
        break;
    }
  }
  REQUIRE(store.Write(batch).ok());
}

std::vector<std::string> Sorted(const CheckReport& report) {
  REQUIRE(report.more_problems == 0);
  std::vector<std::string> problems = report.problems;
  std::sort(problems.begin(), problems.end());
  return problems;
}

}  // namespace

TEST_CASE("check finds what a point read of every relation finds, in one pass and in several",
          "[graph][check]") {
  for (uint64_t seed = 1; seed <= 12; ++seed) {
    TempDir tmp;
    Populate(tmp.Sub("db"));
    std::vector<std::string> reference;
    {
      auto store = storage::Store::Open(tmp.Sub("db"), {});
      REQUIRE(store.ok());
      Corrupt(**store, seed, 2 + static_cast<int>(seed % 5) * 3);
      reference = ReferenceCheck(**store).Run();
    }
    INFO("seed " << seed);
    REQUIRE_FALSE(reference.empty());
    auto one_pass = CheckDatabase(tmp.Sub("db"));
    REQUIRE(one_pass.ok());
    CHECK(Sorted(*one_pass) == reference);
    CheckOptions small;
    small.mirror_memory_bytes = 10 * 16;  // about ten edges a pass: ~25 passes over `out`
    auto passes = CheckDatabase(tmp.Sub("db"), small);
    REQUIRE(passes.ok());
    CHECK(Sorted(*passes) == reference);
    CHECK(one_pass->out_scans == 1);
    CHECK(passes->out_scans > 10);
    CHECK(passes->out_edges == one_pass->out_edges);
    CHECK(passes->in_edges == one_pass->in_edges);
  }
}

TEST_CASE("check names every kind of corruption", "[graph][check]") {
  TempDir tmp;
  Populate(tmp.Sub("db"));
  const auto person = static_cast<uint8_t>(Kind::kPerson);
  const auto authored = static_cast<uint16_t>(EdgeType::kAuthoredBy);
  std::string expected;
  storage::WriteBatch batch;
  SECTION("a node record that does not decode") {
    batch.Put(Cf::kNodes, storage::NodeKey(person, 3), "\x07");
    expected = "node 3: ";
  }
  SECTION("a node whose record is of another kind") {
    batch.Put(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kTopic), 3),
              internal::EncodeNodeData(Entity(Kind::kPerson, "p3").node));
    expected = "node 3: its record's kind differs from its key's";
  }
  SECTION("a node at or above the vid counter") {
    batch.Put(Cf::kMeta, "next_vid", storage::EncodeVid(10));
    expected = "node 10: at or above the vid counter";
  }
  SECTION("a malformed vid counter") {
    batch.Put(Cf::kMeta, "next_vid", "x");
    expected = "meta next_vid is malformed";
  }
  SECTION("malformed keys") {
    batch.Put(Cf::kNodes, "xy", "");
    expected = "a malformed node key";
  }
  SECTION("a malformed ids entry") {
    batch.Put(Cf::kIds, storage::IdKey(person, "p4"), "short");
    expected = "ids entry 'p4': malformed";
  }
  SECTION("an ids entry naming another node of its kind") {
    batch.Put(Cf::kIds, storage::IdKey(person, "ghost"), storage::EncodeVid(5));
    expected = "ids entry 'ghost': the node at vid 5 has another id";
  }
  SECTION("an out edge of an unknown type, and malformed edge keys") {
    batch.Put(Cf::kOut, storage::EdgeKey(25, 99, 0), std::string("\x01\x00", 2));
    batch.Put(Cf::kIn, storage::EdgeKey(0, 99, 25), std::string("\x01\x00", 2));
    batch.Put(Cf::kOut, "short", "");
    batch.Put(Cf::kIn, "short", "");
    expected = "out edge 25 -99-> 0: unknown edge type";
  }
  SECTION("bad edge properties") {
    batch.Put(Cf::kOut, storage::EdgeKey(25, authored, 0), "bad");
    batch.Put(Cf::kIn, storage::EdgeKey(0, authored, 25), "bad");
    expected = "out edge 25 -6-> 0: bad properties";
  }
  SECTION("a mirror with other properties") {
    batch.Put(Cf::kIn, storage::EdgeKey(0, authored, 25), std::string("\x01\x04\x02", 3));
    expected = "out edge 25 -6-> 0: its mirror in the in column family has other properties";
  }
  REQUIRE(static_cast<int>(EdgeType::kAuthoredBy) == 6);
  {
    auto store = storage::Store::Open(tmp.Sub("db"), {});
    REQUIRE(store.ok());
    REQUIRE((*store)->Write(batch).ok());
  }
  auto report = CheckDatabase(tmp.Sub("db"));
  REQUIRE(report.ok());
  bool found = false;
  for (const std::string& p : report->problems) found = found || p.find(expected) == 0;
  INFO(expected);
  CHECK(found);
  if (expected.find("unknown") != std::string::npos) {
    CHECK(std::count(report->problems.begin(), report->problems.end(),
                     "a malformed out edge key") == 1);
    CHECK(std::count(report->problems.begin(), report->problems.end(), "a malformed in edge key") ==
          1);
  }
}
