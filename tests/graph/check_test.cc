#include "whoknows/graph/check.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "support/entity.h"
#include "support/temp_db.h"
#include "whoknows/graph/database.h"
#include "whoknows/storage/key_codec.h"
#include "whoknows/storage/store.h"

using namespace whoknows;
using namespace whoknows::graph;

namespace {

using whoknows::testing::Entity;
using whoknows::testing::TempDir;

// Two people, a topic and a document by both about the topic: 3 out edges, 3 in edges.
void Populate(const std::string& dir) {
  auto db = Database::Open(dir, {});
  REQUIRE(db.ok());
  Record doc = Entity(Kind::kDocument, "d1");
  doc.node.created = DaysFromCivil(2024, 1, 1);
  doc.edges.push_back({EdgeType::kAuthoredBy, Kind::kPerson, "alice", {}});
  doc.edges.push_back({EdgeType::kAuthoredBy, Kind::kPerson, "bob", {}});
  doc.edges.back().props.position = 1;
  doc.edges.push_back({EdgeType::kAbout, Kind::kTopic, "k8s", {}});
  auto applied = (*db)->Apply({Entity(Kind::kPerson, "alice"), Entity(Kind::kPerson, "bob"),
                               Entity(Kind::kTopic, "k8s"), doc});
  REQUIRE(applied.ok());
}

std::unique_ptr<storage::Store> OpenStore(const std::string& dir) {
  auto store = storage::Store::Open(dir, {});
  REQUIRE(store.ok());
  return std::move(store).value();
}

CheckReport CheckOrFail(const std::string& dir) {
  auto report = CheckDatabase(dir);
  INFO(report.status().ToString());
  REQUIRE(report.ok());
  return *report;
}

bool Mentions(const CheckReport& report, const std::string& text) {
  for (const std::string& p : report.problems) {
    if (p.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("check passes a database written through Database and counts what it holds",
          "[graph][check]") {
  TempDir tmp;
  Populate(tmp.Sub("db"));
  CheckReport report = CheckOrFail(tmp.Sub("db"));
  CHECK(report.ok());
  CHECK(report.nodes == 4);
  CHECK(report.ids == 4);
  CHECK(report.out_edges == 3);
  CHECK(report.in_edges == 3);
  CHECK(report.next_vid == 4);
}

TEST_CASE("check passes an empty database and refuses a directory without one", "[graph][check]") {
  TempDir tmp;
  { REQUIRE(Database::Open(tmp.Sub("db"), {}).ok()); }
  CHECK(CheckOrFail(tmp.Sub("db")).ok());
  CHECK_FALSE(CheckDatabase(tmp.Sub("nothing")).ok());
}

TEST_CASE("check finds out and in edges that do not mirror each other", "[graph][check]") {
  TempDir tmp;
  Populate(tmp.Sub("db"));
  {
    auto store = OpenStore(tmp.Sub("db"));
    storage::WriteBatch batch;
    // vids: alice 0, bob 1, k8s 2, d1 3.  Drop the mirror of d1 -authored_by-> alice ...
    batch.Delete(storage::Cf::kIn,
                 storage::EdgeKey(0, static_cast<uint16_t>(EdgeType::kAuthoredBy), 3));
    // ... and add an in entry no out edge backs.
    batch.Put(storage::Cf::kIn, storage::EdgeKey(2, static_cast<uint16_t>(EdgeType::kAbout), 1),
              "");
    REQUIRE(store->Write(batch).ok());
  }
  CheckReport report = CheckOrFail(tmp.Sub("db"));
  CHECK(report.problems.size() == 2);
  CHECK(Mentions(report, "out edge 3 -6-> 0: no mirror"));
  CHECK(Mentions(report, "in edge 2 -8-> 1: no edge in the out column family"));
}

TEST_CASE("check finds dangling edges and broken id mappings", "[graph][check]") {
  TempDir tmp;
  Populate(tmp.Sub("db"));
  {
    auto store = OpenStore(tmp.Sub("db"));
    storage::WriteBatch batch;
    batch.Delete(storage::Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kPerson), 1));
    batch.Delete(storage::Cf::kIds, storage::IdKey(static_cast<uint8_t>(Kind::kTopic), "k8s"));
    REQUIRE(store->Write(batch).ok());
  }
  CheckReport report = CheckOrFail(tmp.Sub("db"));
  CHECK(Mentions(report, "ids entry 'bob': no node of its kind"));
  CHECK_FALSE(Mentions(report, "kinds"));
  CHECK(Mentions(report, "topic 'k8s'): the ids index does not map it back"));
  CHECK(Mentions(report, "-> 1: at a missing node"));
}

TEST_CASE("check finds edges between nodes of the wrong kinds", "[graph][check]") {
  TempDir tmp;
  Populate(tmp.Sub("db"));
  {
    auto store = OpenStore(tmp.Sub("db"));
    storage::WriteBatch batch;
    // k8s (2) -authored_by-> alice (0): only documents have authors.  Mirrored, so only the
    // kinds are wrong.
    const auto type = static_cast<uint16_t>(EdgeType::kAuthoredBy);
    batch.Put(storage::Cf::kOut, storage::EdgeKey(2, type, 0), std::string("\x01\x00", 2));
    batch.Put(storage::Cf::kIn, storage::EdgeKey(0, type, 2), std::string("\x01\x00", 2));
    REQUIRE(store->Write(batch).ok());
  }
  CheckReport report = CheckOrFail(tmp.Sub("db"));
  REQUIRE(report.problems.size() == 1);
  CHECK(Mentions(report, "out edge 2 -6-> 0: its type does not join nodes of these kinds"));
}
