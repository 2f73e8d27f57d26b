// What Database::Open refuses when it loads the graph (graph/graph_loader.h): a database whose
// keys do not describe a graph is Corruption, on one loading thread or several.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "../../src/graph/record_codec.h"
#include "support/entity.h"
#include "support/temp_db.h"
#include "whoknows/graph/database.h"
#include "whoknows/storage/key_codec.h"
#include "whoknows/storage/store.h"

using namespace whoknows;
using namespace whoknows::graph;

namespace {

using storage::Cf;
using whoknows::testing::Entity;
using whoknows::testing::TempDir;

Result<std::unique_ptr<Database>> Open(const std::string& dir, int threads) {
  DatabaseOptions options;
  options.store.sync_writes = false;
  options.load_threads = threads;
  return Database::Open(dir, options);
}

// A database with a person, a topic and a document by the person about the topic (vids 0, 1, 2;
// the vid counter at 3), plus whatever `damage` then writes straight into the store.
std::string Damaged(const TempDir& tmp, const std::function<void(storage::WriteBatch*)>& damage) {
  const std::string dir = tmp.Sub("db");
  {
    auto db = Open(dir, 1);
    REQUIRE(db.ok());
    Record doc = Entity(Kind::kDocument, "d1");
    doc.edges = {{EdgeType::kAuthoredBy, Kind::kPerson, "p1", {}},
                 {EdgeType::kAbout, Kind::kTopic, "t1", {}}};
    REQUIRE((*db)->Apply({Entity(Kind::kPerson, "p1"), Entity(Kind::kTopic, "t1"), doc}).ok());
  }
  auto store = storage::Store::Open(dir, storage::StoreOptions{});
  REQUIRE(store.ok());
  storage::WriteBatch batch;
  damage(&batch);
  REQUIRE((*store)->Write(batch).ok());
  return dir;
}

std::string NodeValue(Kind kind, const std::string& id) {
  return internal::EncodeNodeData(Entity(kind, id).node);
}

void CheckRefused(const std::string& dir, const std::string& why) {
  const int threads = GENERATE(1, 2);
  auto db = Open(dir, threads);
  INFO(why << ", " << threads << " threads: " << db.status().ToString());
  CHECK(db.status().code() == Status::Code::kCorruption);
}

TEST_CASE("the undamaged database opens with its graph", "[database][load]") {
  TempDir tmp;
  const std::string dir = Damaged(tmp, [](storage::WriteBatch*) {});
  auto db = Open(dir, GENERATE(1, 2));
  REQUIRE(db.ok());
  auto g = (*db)->Snapshot();
  CHECK(g->VidLimit() == 3);
  CHECK(g->EdgeCount() == 2);
  CHECK(g->Out(2).size() == 2);
  CHECK(g->In(0).size() == 1);
  CHECK(g->In(1).size() == 1);
  CHECK(g->TopicsVersion() > 0);
}

TEST_CASE("an edge at a missing node is corruption", "[database][load]") {
  TempDir tmp;
  const std::string dir = Damaged(tmp, [](storage::WriteBatch* b) {
    b->Put(Cf::kOut, storage::EdgeKey(2, static_cast<uint16_t>(EdgeType::kAuthoredBy), 7), "");
  });
  CheckRefused(dir, "edge to vid 7");
}

TEST_CASE("an edge of an unknown type or a malformed edge key is corruption", "[database][load]") {
  TempDir tmp;
  const bool unknown_type = GENERATE(true, false);
  const std::string dir = Damaged(tmp, [&](storage::WriteBatch* b) {
    if (unknown_type) {
      b->Put(Cf::kOut, storage::EdgeKey(2, 99, 0), std::string("\x01\x00", 2));
    } else {
      b->Put(Cf::kOut, storage::EdgePrefix(2) + "x", "");
    }
  });
  CheckRefused(dir, unknown_type ? "type 99" : "short key");
}

TEST_CASE("a node at or above the vid counter is corruption", "[database][load]") {
  TempDir tmp;
  const Vid vid = GENERATE(Vid{3}, Vid{5000}, Vid{1} << 40);
  const std::string dir = Damaged(tmp, [&](storage::WriteBatch* b) {
    b->Put(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kPerson), vid),
           NodeValue(Kind::kPerson, "p9"));
  });
  CheckRefused(dir, "node at vid " + std::to_string(vid));
}

TEST_CASE("a vid under two kinds, a kind unlike its key's or an unknown kind is corruption",
          "[database][load]") {
  TempDir tmp;
  const int damage = GENERATE(0, 1, 2, 3);
  const std::string dir = Damaged(tmp, [&](storage::WriteBatch* b) {
    switch (damage) {
      case 0:  // vid 0 is a person already
        b->Put(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kProject), 0),
               NodeValue(Kind::kProject, "x"));
        break;
      case 1:  // a topic's record under a person's key
        b->Put(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kPerson), 1),
               NodeValue(Kind::kTopic, "t1"));
        b->Delete(Cf::kNodes, storage::NodeKey(static_cast<uint8_t>(Kind::kTopic), 1));
        break;
      case 2:  // kind byte 9
        b->Put(Cf::kNodes, storage::NodeKey(9, 1), NodeValue(Kind::kTopic, "t1"));
        break;
      default:  // a key too short to hold a vid
        b->Put(Cf::kNodes, storage::NodeKindPrefix(static_cast<uint8_t>(Kind::kDocument)) + "ab",
               NodeValue(Kind::kDocument, "d9"));
    }
  });
  CheckRefused(dir, "damage " + std::to_string(damage));
}

}  // namespace
