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

// The entries loaded at open share one block per chunk (graph_loader.h): a write must still copy
// only what it touches, earlier snapshots must keep the graph as loaded, and a block must live as
// long as any snapshot points into it (ASan checks the last part).
TEST_CASE("a loaded graph is copied on write and earlier snapshots keep it as loaded",
          "[database][load]") {
  TempDir tmp;
  const std::string dir = tmp.Sub("db");
  constexpr int kPeople = 2100;  // three chunks of vids, the last one partly used
  auto person = [](int i, const std::string& name) {
    Record r = Entity(Kind::kPerson, "p" + std::to_string(i));
    r.node.name = name;
    EdgeProps props;
    props.level = 3;
    r.edges = {{EdgeType::kHasSkill, Kind::kTopic, "t", props}};
    return r;
  };
  {
    auto db = Open(dir, 1);
    REQUIRE(db.ok());
    std::vector<Record> records = {Entity(Kind::kTopic, "t")};
    for (int i = 0; i < kPeople; ++i) records.push_back(person(i, "first"));
    REQUIRE((*db)->Apply(records).ok());
  }
  auto db = Open(dir, GENERATE(1, 2));
  REQUIRE(db.ok());
  auto vid = [&db](const std::string& id) { return *(*db)->Lookup(Kind::kPerson, id); };
  const Vid p5 = vid("p5"), p7 = vid("p7"), p9 = vid("p9"), p100 = vid("p100");
  const Vid p2050 = vid("p2050");
  REQUIRE(p2050 >= 2 * 1024);  // in the third chunk (Graph::kChunkSize is 1,024)
  auto loaded = (*db)->Snapshot();

  Record doc = Entity(Kind::kDocument, "d1");
  doc.edges = {{EdgeType::kAuthoredBy, Kind::kPerson, "p9", {}}};
  Record renamed = Entity(Kind::kPerson, "p5");
  renamed.node.name = "renamed";
  REQUIRE((*db)->Apply({renamed, doc}).ok());
  REQUIRE((*db)->Delete(Kind::kPerson, "p7").ok());
  auto written = (*db)->Snapshot();

  CHECK(written->Node(p5)->name == "renamed");
  CHECK(written->Out(p5).empty());
  CHECK(written->Node(p7) == nullptr);
  CHECK(written->In(p9).size() == 1);
  CHECK(written->CountOf(Kind::kPerson) == kPeople - 1);
  CHECK(written->EdgeCount() == kPeople - 1);
  // Untouched nodes are shared, not copied, in the written chunk and in the others.
  CHECK(written->Node(p100) == loaded->Node(p100));
  CHECK(written->Node(p2050) == loaded->Node(p2050));
  // The loaded snapshot is as it was.
  CHECK(loaded->Node(p5)->name == "first");
  CHECK(loaded->Out(p5).size() == 1);
  CHECK(loaded->Node(p7) != nullptr);
  CHECK(loaded->Out(p7).size() == 1);
  CHECK(loaded->In(p9).empty());
  CHECK(loaded->CountOf(Kind::kPerson) == kPeople);
  CHECK(loaded->CountOf(Kind::kDocument) == 0);
  CHECK(loaded->EdgeCount() == kPeople);

  // Every loaded entry replaced, then every snapshot that points into the loaded blocks dropped:
  // the current graph must not point into them either.
  std::vector<Record> again;
  for (int i = 0; i < kPeople; ++i) {
    if (i != 7) again.push_back(person(i, "second"));
  }
  REQUIRE((*db)->Apply(again).ok());
  loaded.reset();
  written.reset();
  auto now = (*db)->Snapshot();
  CHECK(now->CountOf(Kind::kPerson) == kPeople - 1);
  for (Vid v : now->NodesOfKind(Kind::kPerson)) {
    INFO("vid " << v);
    CHECK(now->Node(v)->name == "second");
    REQUIRE(now->Out(v).size() == 1);
    CHECK(now->Out(v)[0].props.level == 3);
  }
  CHECK(now->In(*(*db)->Lookup(Kind::kTopic, "t")).size() == kPeople - 1);
}

// Every in-list loaded at open is a part of one array that the chunks' blocks share
// (GraphLoader::PlaceInEdges): a chunk whose every entry was replaced lets its block go, and the
// in-lists of the other chunks must stay (ASan shows a block that took the array with it: a
// use after free).
TEST_CASE("the loaded in-lists outlive a chunk whose every entry was replaced",
          "[database][load]") {
  TempDir tmp;
  const std::string dir = tmp.Sub("db");
  constexpr int kPeople = 2100;    // vids: topic a 0, people 1..2100, topic b 2101 (three chunks)
  constexpr int kFirstOfB = 2047;  // people from here (vids 2048 on, the third chunk) know b
  auto person = [](int i, const std::string& name) {
    Record r = Entity(Kind::kPerson, "p" + std::to_string(i));
    r.node.name = name;
    r.edges = {{EdgeType::kHasSkill, Kind::kTopic, i < kFirstOfB ? "a" : "b", {}}};
    return r;
  };
  {
    auto db = Open(dir, 1);
    REQUIRE(db.ok());
    std::vector<Record> records = {Entity(Kind::kTopic, "a")};
    for (int i = 0; i < kPeople; ++i) records.push_back(person(i, "first"));
    records.push_back(Entity(Kind::kTopic, "b"));
    REQUIRE((*db)->Apply(records).ok());
  }
  auto db = Open(dir, GENERATE(1, 2));
  REQUIRE(db.ok());
  const Vid a = *(*db)->Lookup(Kind::kTopic, "a"), b = *(*db)->Lookup(Kind::kTopic, "b");
  REQUIRE(a == 0);
  REQUIRE(b >= 2 * 1024);  // the third chunk (Graph::kChunkSize is 1,024)
  std::vector<Vid> b_sources;
  for (const Edge& e : (*db)->Snapshot()->In(b)) b_sources.push_back(e.other);
  REQUIRE(b_sources.size() == kPeople - kFirstOfB);

  // The first chunk, every entry of it: topic a and the people at vids 1..1023.
  Record a_again = Entity(Kind::kTopic, "a");
  a_again.node.name = "a again";
  std::vector<Record> first_chunk = {a_again};
  for (int i = 0; i < 1023; ++i) first_chunk.push_back(person(i, "second"));
  REQUIRE((*db)->Apply(first_chunk).ok());
  auto now = (*db)->Snapshot();
  CHECK(now->Node(a)->name == "a again");
  CHECK(now->In(a).size() == kFirstOfB);
  // b's entry is the loaded one still, its in-list in the shared array.
  std::vector<Vid> sources;
  for (const Edge& e : now->In(b)) {
    sources.push_back(e.other);
    CHECK(e.type == EdgeType::kHasSkill);
  }
  CHECK(sources == b_sources);
  CHECK(now->Node(static_cast<Vid>(kPeople))->name == "first");
}

}  // namespace
