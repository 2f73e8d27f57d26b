#include "whoknows/graph/database.h"

#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "support/temp_db.h"
#include "whoknows/storage/key_codec.h"
#include "whoknows/storage/store.h"

using namespace whoknows;
using namespace whoknows::graph;

namespace {

using whoknows::testing::TempDir;

// `bulk_write_min_ops` 1 writes every batch as ingested table files (storage::StoreOptions).
std::unique_ptr<Database> OpenOrFail(
    const std::string& dir,
    size_t bulk_write_min_ops = storage::StoreOptions{}.bulk_write_min_ops) {
  DatabaseOptions options;
  options.store.sync_writes = false;  // tests need no fsync per write
  options.store.bulk_write_min_ops = bulk_write_min_ops;
  auto db = Database::Open(dir, options);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

ApplyResult ApplyOrFail(Database& db, const std::vector<Record>& records) {
  auto result = db.Apply(records);
  INFO(result.status().ToString());
  REQUIRE(result.ok());
  return *result;
}

Record Entity(Kind kind, const std::string& id, const std::string& name = "") {
  Record r;
  r.node.kind = kind;
  r.node.id = id;
  r.node.name = name.empty() ? id : name;
  return r;
}
Record Person(const std::string& id, const std::string& name = "") {
  return Entity(Kind::kPerson, id, name);
}
Record Topic(const std::string& id) { return Entity(Kind::kTopic, id); }

EdgeRecord Ref(EdgeType type, Kind kind, const std::string& id, uint16_t position = 0) {
  EdgeRecord e{type, kind, id, {}};
  e.props.position = position;
  return e;
}

Record Document(const std::string& id, const std::vector<std::string>& authors,
                const std::vector<std::string>& topics) {
  Record r = Entity(Kind::kDocument, id);
  r.node.created = DaysFromCivil(2022, 3, 1);
  for (size_t i = 0; i < authors.size(); ++i) {
    r.edges.push_back(Ref(EdgeType::kAuthoredBy, Kind::kPerson, authors[i], i));
  }
  for (size_t i = 0; i < topics.size(); ++i) {
    r.edges.push_back(Ref(EdgeType::kAbout, Kind::kTopic, topics[i], i));
  }
  return r;
}

Record Endorsement(const std::string& from, const std::string& to, const std::string& topic) {
  Record r;
  r.node.kind = Kind::kEndorsement;
  r.edges = {Ref(EdgeType::kEndorser, Kind::kPerson, from),
             Ref(EdgeType::kEndorsee, Kind::kPerson, to),
             Ref(EdgeType::kEndorsedTopic, Kind::kTopic, topic)};
  return r;
}

Vid VidOf(const Database& db, Kind kind, const std::string& id) {
  auto vid = db.Lookup(kind, id);
  INFO(std::string(KindName(kind)) << " '" << id << "'");
  REQUIRE(vid.has_value());
  return *vid;
}

// (type, external id of the other end) of a list of edges, in list order.
std::vector<std::pair<EdgeType, std::string>> Named(const Graph& g, EdgeList es) {
  std::vector<std::pair<EdgeType, std::string>> out;
  for (const Edge& e : es) out.emplace_back(e.type, g.Node(e.other)->id);
  return out;
}

using EdgeTuple = std::tuple<Vid, uint16_t, Vid, uint16_t, float, std::string>;
std::vector<EdgeTuple> Tuples(EdgeList edges, Vid self, bool sorted) {
  std::vector<EdgeTuple> out;
  for (const Edge& e : edges) {
    out.emplace_back(self, static_cast<uint16_t>(e.type), e.other, e.props.position, e.props.weight,
                     std::string(e.props.role.view()));
  }
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

// Same nodes, same out-lists in the same order, and the same in-lists up to order.  VidLimit may
// differ: a graph loaded from disk ends at its last live vid.
void CheckSameGraph(const Graph& a, const Graph& b) {
  CHECK(a.EdgeCount() == b.EdgeCount());
  for (Kind kind : kAllKinds) CHECK(a.NodesOfKind(kind) == b.NodesOfKind(kind));
  for (Vid v = 0; v < std::max(a.VidLimit(), b.VidLimit()); ++v) {
    INFO("vid " << v);
    REQUIRE((a.Node(v) == nullptr) == (b.Node(v) == nullptr));
    if (a.Node(v) == nullptr) continue;
    CHECK(*a.Node(v) == *b.Node(v));
    CHECK(Tuples(a.Out(v), v, false) == Tuples(b.Out(v), v, false));
    CHECK(Tuples(a.In(v), v, true) == Tuples(b.In(v), v, true));
  }
}

// Every out-edge has its in-edge and vice versa.
bool Consistent(const Graph& g) {
  size_t outs = 0, ins = 0;
  for (Vid v = 0; v < g.VidLimit(); ++v) {
    for (const Edge& e : g.Out(v)) {
      const auto& in = g.In(e.other);
      auto match = [&](const Edge& x) { return x.other == v && x.type == e.type; };
      if (std::find_if(in.begin(), in.end(), match) == in.end()) return false;
      ++outs;
    }
    ins += g.In(v).size();
  }
  return outs == ins && outs == g.EdgeCount();
}

// What only the disk holds is right: `in` mirrors `out` entry for entry (same properties), and
// the ids column family names exactly the stored nodes.  REQUIRES: no Database open on `dir`.
void CheckDiskIndexes(const std::string& dir) {
  auto store = storage::Store::Open(dir, storage::StoreOptions{});
  REQUIRE(store.ok());
  using Entry = std::tuple<uint64_t, uint16_t, uint64_t, std::string>;  // src, type, dst, props
  std::vector<Entry> out, in;
  auto collect = [](std::vector<Entry>* entries, bool reversed) {
    return [entries, reversed](std::string_view key, std::string_view value) {
      auto parts = storage::DecodeEdgeKey(key);
      REQUIRE(parts.has_value());
      uint64_t src = reversed ? parts->second : parts->first;
      uint64_t dst = reversed ? parts->first : parts->second;
      entries->emplace_back(src, parts->type, dst, std::string(value));
      return true;
    };
  };
  REQUIRE((*store)->Scan(storage::Cf::kOut, "", collect(&out, false)).ok());
  REQUIRE((*store)->Scan(storage::Cf::kIn, "", collect(&in, true)).ok());
  std::sort(in.begin(), in.end());
  CHECK(out == in);

  size_t nodes = 0, ids = 0;
  REQUIRE((*store)
              ->Scan(storage::Cf::kNodes, "",
                     [&](std::string_view, std::string_view) {
                       ++nodes;
                       return true;
                     })
              .ok());
  REQUIRE((*store)
              ->Scan(storage::Cf::kIds, "",
                     [&](std::string_view key, std::string_view value) {
                       ++ids;
                       auto vid = storage::DecodeVid(value);
                       REQUIRE(vid.has_value());
                       auto node =
                           (*store)->Get(storage::Cf::kNodes,
                                         storage::NodeKey(static_cast<uint8_t>(key[0]), *vid));
                       CHECK((node.ok() && node->has_value()));
                       return true;
                     })
              .ok());
  CHECK(nodes == ids);
}

std::vector<Record> SmallCompany() {
  Record alice = Person("alice", "Alice");
  alice.node.department = "Platform";
  EdgeRecord skill = Ref(EdgeType::kHasSkill, Kind::kTopic, "rust");
  skill.props.level = 4;
  alice.edges = {skill, Ref(EdgeType::kReportsTo, Kind::kPerson, "bob")};
  Record rust = Topic("rust");
  rust.node.aliases = {"rust-lang"};
  rust.edges = {Ref(EdgeType::kBroader, Kind::kTopic, "programming")};
  Record doc = Document("d1", {"alice", "bob"}, {"rust"});
  EdgeRecord review = Ref(EdgeType::kContributor, Kind::kPerson, "carol");
  review.props.role = "reviewer";
  doc.edges.push_back(review);
  doc.edges[2].props.weight = 0.5f;  // about rust
  return {alice,
          Person("bob", "Bob"),
          Person("carol"),
          rust,
          Topic("programming"),
          doc,
          Endorsement("bob", "alice", "rust")};
}

}  // namespace

TEST_CASE("records may reference each other in any order within one call", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  // The document comes before the people and topic it references.
  ApplyOrFail(*db, {Document("d1", {"alice"}, {"rust"}), Person("alice"), Topic("rust")});
  auto g = db->Snapshot();
  const Vid d1 = VidOf(*db, Kind::kDocument, "d1");
  CHECK(Named(*g, g->Out(d1)) == std::vector<std::pair<EdgeType, std::string>>{
                                     {EdgeType::kAuthoredBy, "alice"}, {EdgeType::kAbout, "rust"}});
  CHECK(Named(*g, g->In(VidOf(*db, Kind::kPerson, "alice"))) ==
        std::vector<std::pair<EdgeType, std::string>>{{EdgeType::kAuthoredBy, "d1"}});
  CHECK(g->Node(d1)->created == DaysFromCivil(2022, 3, 1));
}

TEST_CASE("a reopened database holds the same graph", "[database]") {
  TempDir tmp;
  const size_t bulk = GENERATE(storage::StoreOptions{}.bulk_write_min_ops, size_t{1});
  std::shared_ptr<const Graph> before;
  {
    auto db = OpenOrFail(tmp.path(), bulk);
    ApplyOrFail(*db, SmallCompany());
    ApplyOrFail(*db, {Document("d2", {"carol", "alice"}, {"programming", "rust"})});
    before = db->Snapshot();
    REQUIRE(Consistent(*before));
  }
  auto db = OpenOrFail(tmp.path(), bulk);
  auto after = db->Snapshot();
  CheckSameGraph(*before, *after);
  CHECK(Consistent(*after));
  CHECK(after->CountOf(Kind::kPerson) == 3);
  CHECK(after->CountOf(Kind::kEndorsement) == 1);
  CHECK(after->Node(VidOf(*db, Kind::kTopic, "rust"))->aliases ==
        std::vector<std::string>{"rust-lang"});
  const auto& about = after->Out(VidOf(*db, Kind::kDocument, "d1"));
  auto it = std::find_if(about.begin(), about.end(),
                         [](const Edge& e) { return e.type == EdgeType::kAbout; });
  REQUIRE(it != about.end());
  CHECK(it->props.weight == 0.5f);
}

TEST_CASE("out-edges keep the client's order within each list, also after reopening",
          "[database]") {
  TempDir tmp;
  {
    auto db = OpenOrFail(tmp.path());
    // Created in the order alice, bob, carol, so their vids ascend in that order...
    ApplyOrFail(*db, {Person("alice"), Person("bob"), Person("carol"), Topic("t")});
    // ...but the document lists them otherwise.
    ApplyOrFail(*db, {Document("d1", {"carol", "alice", "bob"}, {"t"})});
  }
  auto db = OpenOrFail(tmp.path());
  auto g = db->Snapshot();
  CHECK(Named(*g, g->Out(VidOf(*db, Kind::kDocument, "d1"))) ==
        std::vector<std::pair<EdgeType, std::string>>{{EdgeType::kAuthoredBy, "carol"},
                                                      {EdgeType::kAuthoredBy, "alice"},
                                                      {EdgeType::kAuthoredBy, "bob"},
                                                      {EdgeType::kAbout, "t"}});
}

TEST_CASE("replacing a record replaces the edges it owns and keeps those others own",
          "[database]") {
  TempDir tmp;
  const size_t bulk = GENERATE(storage::StoreOptions{}.bulk_write_min_ops, size_t{1});
  auto db = OpenOrFail(tmp.path(), bulk);
  ApplyOrFail(*db, SmallCompany());
  const Vid alice = VidOf(*db, Kind::kPerson, "alice");

  // alice, again: new name, no skills, no manager.
  ApplyResult replaced = ApplyOrFail(*db, {Person("alice", "Alice Liddell")});
  CHECK(replaced.created == std::vector<bool>{false});
  CHECK(VidOf(*db, Kind::kPerson, "alice") == alice);
  auto g = db->Snapshot();
  CHECK(g->Node(alice)->name == "Alice Liddell");
  CHECK(g->Out(alice).empty());
  // d1's authorship and the endorsement, owned by others, still point at her.
  CHECK(Named(*g, g->In(alice)) ==
        std::vector<std::pair<EdgeType, std::string>>{
            {EdgeType::kAuthoredBy, "d1"},
            {EdgeType::kEndorsee, EndorsementId("bob", "alice", "rust")}});
  CHECK(g->In(VidOf(*db, Kind::kPerson, "bob")).size() == 2);  // d1's author, the endorser

  // d1 again, without alice: her authorship goes, from both ends.
  ApplyOrFail(*db, {Document("d1", {"bob"}, {})});
  g = db->Snapshot();
  CHECK(Named(*g, g->In(alice)).size() == 1);
  // rust keeps only the endorsement's edge: alice's skill and d1's about are gone.
  CHECK(Named(*g, g->In(VidOf(*db, Kind::kTopic, "rust"))) ==
        std::vector<std::pair<EdgeType, std::string>>{
            {EdgeType::kEndorsedTopic, EndorsementId("bob", "alice", "rust")}});
  CHECK(Consistent(*g));

  // The disk agrees.
  db.reset();
  CheckDiskIndexes(tmp.path());
  auto reopened = OpenOrFail(tmp.path(), bulk);
  CheckSameGraph(*g, *reopened->Snapshot());
}

TEST_CASE("apply tells created entities from replaced ones", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  CHECK(ApplyOrFail(*db, {Person("alice"), Topic("rust")}).created ==
        std::vector<bool>{true, true});
  CHECK(ApplyOrFail(*db, {Topic("rust"), Person("bob")}).created == std::vector<bool>{false, true});
  // The same id in another kind is another entity.
  CHECK(ApplyOrFail(*db, {Topic("alice")}).created == std::vector<bool>{true});
  CHECK(VidOf(*db, Kind::kTopic, "alice") != VidOf(*db, Kind::kPerson, "alice"));
}

TEST_CASE("a dangling reference is rejected with its line and nothing is written", "[database]") {
  TempDir tmp;
  {
    auto db = OpenOrFail(tmp.path());
    ApplyOrFail(*db, {Topic("rust")});
    auto before = db->Snapshot();
    auto result =
        db->Apply({Person("alice"), Topic("go"), Document("d1", {"alice", "bob"}, {"rust"})});
    REQUIRE_FALSE(result.ok());
    CHECK(result.status().code() == Status::Code::kInvalidRecord);
    CHECK(result.status().reason() == "dangling_reference");
    CHECK(result.status().line() == 3);
    CHECK(result.status().message() == "document 'd1' references unknown person 'bob'");
    CHECK(db->Snapshot() == before);
    CHECK_FALSE(db->Lookup(Kind::kPerson, "alice").has_value());
  }
  auto db = OpenOrFail(tmp.path());
  CHECK_FALSE(db->Lookup(Kind::kPerson, "alice").has_value());
  CHECK_FALSE(db->Lookup(Kind::kTopic, "go").has_value());
  CHECK(db->Snapshot()->CountOf(Kind::kTopic) == 1);
  // The vids the failed call would have taken are still free: the next entity gets the next one.
  ApplyOrFail(*db, {Person("alice")});
  CHECK(VidOf(*db, Kind::kPerson, "alice") == VidOf(*db, Kind::kTopic, "rust") + 1);
}

TEST_CASE("a reference to a kind the id does not have is dangling", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Topic("alice")});
  auto result = db->Apply({Document("d1", {"alice"}, {})});
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().reason() == "dangling_reference");
  CHECK(result.status().line() == 1);
}

TEST_CASE("a record listed twice in one call: the last one wins", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  Record first = Person("alice", "First");
  first.edges = {Ref(EdgeType::kHasSkill, Kind::kTopic, "rust")};
  Record last = Person("alice", "Last");
  last.edges = {Ref(EdgeType::kInterestedIn, Kind::kTopic, "go")};
  ApplyResult r = ApplyOrFail(*db, {first, Topic("rust"), Topic("go"), last});
  CHECK(r.created == std::vector<bool>{true, true, true, true});
  auto g = db->Snapshot();
  CHECK(g->CountOf(Kind::kPerson) == 1);
  const Vid alice = VidOf(*db, Kind::kPerson, "alice");
  CHECK(g->Node(alice)->name == "Last");
  CHECK(Named(*g, g->Out(alice)) ==
        std::vector<std::pair<EdgeType, std::string>>{{EdgeType::kInterestedIn, "go"}});
  CHECK(g->In(VidOf(*db, Kind::kTopic, "rust")).empty());
  db.reset();
  CheckDiskIndexes(tmp.path());
  CheckSameGraph(*g, *OpenOrFail(tmp.path())->Snapshot());
}

TEST_CASE("a reference listed twice in one record is one edge", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Person("alice"), Topic("t"), Document("d1", {"alice", "alice"}, {})});
  auto g = db->Snapshot();
  CHECK(g->Out(VidOf(*db, Kind::kDocument, "d1")).size() == 1);
  CHECK(g->EdgeCount() == 1);
  db.reset();
  CheckSameGraph(*g, *OpenOrFail(tmp.path())->Snapshot());
}

TEST_CASE("deleting an entity removes its edges both ways and its endorsements", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, SmallCompany());
  ApplyOrFail(*db, {Endorsement("alice", "carol", "programming")});
  const Vid bob = VidOf(*db, Kind::kPerson, "bob");
  const Vid d1 = VidOf(*db, Kind::kDocument, "d1");
  REQUIRE(db->Snapshot()->CountOf(Kind::kEndorsement) == 2);

  REQUIRE(db->Delete(Kind::kPerson, "alice").ok());
  auto g = db->Snapshot();
  CHECK_FALSE(db->Lookup(Kind::kPerson, "alice").has_value());
  CHECK(g->CountOf(Kind::kPerson) == 2);
  // Her out-edges (reports_to bob, skill) and in-edges (authorship) are gone from both ends.
  CHECK(Named(*g, g->Out(d1)) ==
        std::vector<std::pair<EdgeType, std::string>>{{EdgeType::kAuthoredBy, "bob"},
                                                      {EdgeType::kContributor, "carol"},
                                                      {EdgeType::kAbout, "rust"}});
  CHECK(g->In(bob).size() == 1);  // only d1 remains; the endorsement and her manager edge went
  CHECK(g->In(VidOf(*db, Kind::kTopic, "rust")).size() == 1);  // only d1's about
  // Both endorsements that named her went, with their edges.
  CHECK(g->CountOf(Kind::kEndorsement) == 0);
  CHECK_FALSE(db->Lookup(Kind::kEndorsement, EndorsementId("bob", "alice", "rust")).has_value());
  CHECK(g->In(VidOf(*db, Kind::kPerson, "carol")).size() == 1);
  CHECK(Consistent(*g));

  Status again = db->Delete(Kind::kPerson, "alice");
  CHECK(again.code() == Status::Code::kNotFound);
  CHECK(again.reason() == "not_found");
  CHECK(again.message() == "no person 'alice'");

  db.reset();
  CheckDiskIndexes(tmp.path());
  auto reopened = OpenOrFail(tmp.path());
  CheckSameGraph(*g, *reopened->Snapshot());
  // A new alice is a new entity with a new vid, and nothing points at her.
  ApplyOrFail(*reopened, {Person("alice")});
  auto g2 = reopened->Snapshot();
  CHECK(g2->In(VidOf(*reopened, Kind::kPerson, "alice")).empty());
  CHECK(VidOf(*reopened, Kind::kPerson, "alice") >= g->VidLimit());
}

TEST_CASE("deleting a document or an endorsement leaves the people", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, SmallCompany());
  REQUIRE(db->Delete(Kind::kEndorsement, EndorsementId("bob", "alice", "rust")).ok());
  REQUIRE(db->Delete(Kind::kDocument, "d1").ok());
  auto g = db->Snapshot();
  CHECK(g->CountOf(Kind::kPerson) == 3);
  CHECK(g->In(VidOf(*db, Kind::kPerson, "alice")).empty());
  CHECK(g->EdgeCount() == 3);  // alice's skill and manager, rust's broader
  CHECK(db->Delete(Kind::kDocument, "d1").IsNotFound());
  db.reset();
  CheckDiskIndexes(tmp.path());
}

TEST_CASE("endorsements are stored under the id derived from their references", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Person("a"), Person("b"), Topic("t")});
  CHECK(ApplyOrFail(*db, {Endorsement("a", "b", "t")}).created == std::vector<bool>{true});
  CHECK(ApplyOrFail(*db, {Endorsement("a", "b", "t")}).created == std::vector<bool>{false});
  const Vid e = VidOf(*db, Kind::kEndorsement, EndorsementId("a", "b", "t"));
  auto g = db->Snapshot();
  CHECK(g->Node(e)->id == "a|b|t");
  CHECK(g->Out(e).size() == 3);
  CHECK(g->CountOf(Kind::kEndorsement) == 1);

  Record incomplete = Endorsement("a", "b", "t");
  incomplete.edges.pop_back();
  auto result = db->Apply({Person("c"), incomplete});
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().code() == Status::Code::kInvalidRecord);
  CHECK(result.status().line() == 2);
  Record two_topics = Endorsement("a", "b", "t");
  two_topics.edges.push_back(Ref(EdgeType::kEndorsedTopic, Kind::kTopic, "t"));
  CHECK(db->Apply({two_topics}).status().reason() == "invalid_record");
  CHECK_FALSE(db->Lookup(Kind::kPerson, "c").has_value());
}

TEST_CASE("records with invalid ids or edges the model does not allow are rejected", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Person("alice"), Topic("t")});
  auto bad_id = db->Apply({Person("has space")});
  REQUIRE_FALSE(bad_id.ok());
  CHECK(bad_id.status().reason() == "invalid_id");
  Record wrong = Topic("t2");
  wrong.edges = {Ref(EdgeType::kAuthoredBy, Kind::kPerson, "alice")};
  auto bad_edge = db->Apply({Person("bob"), wrong});
  REQUIRE_FALSE(bad_edge.ok());
  CHECK(bad_edge.status().code() == Status::Code::kInvalidRecord);
  CHECK(bad_edge.status().line() == 2);
  CHECK_FALSE(db->Lookup(Kind::kPerson, "bob").has_value());
}

TEST_CASE("a write is visible to the next snapshot and not to earlier ones", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Person("alice"), Topic("t")});
  auto before = db->Snapshot();
  ApplyOrFail(*db, {Document("d1", {"alice"}, {"t"}), Person("bob")});
  auto after = db->Snapshot();

  CHECK(after->Version() > before->Version());
  CHECK(after->CountOf(Kind::kDocument) == 1);
  CHECK(after->In(VidOf(*db, Kind::kPerson, "alice")).size() == 1);
  // The earlier snapshot still shows the graph as it was.
  CHECK(before->CountOf(Kind::kDocument) == 0);
  CHECK(before->CountOf(Kind::kPerson) == 1);
  CHECK(before->In(VidOf(*db, Kind::kPerson, "alice")).empty());
  CHECK(before->EdgeCount() == 0);

  REQUIRE(db->Delete(Kind::kPerson, "alice").ok());
  CHECK(after->CountOf(Kind::kPerson) == 2);
  CHECK(after->EdgeCount() == 2);
  CHECK(db->Snapshot()->EdgeCount() == 1);
}

TEST_CASE("readers see whole writes while a writer runs", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  ApplyOrFail(*db, {Topic("t")});
  std::atomic<bool> done{false};
  std::atomic<int> inconsistent{0};
  std::thread reader([&] {
    while (!done.load()) {
      auto g = db->Snapshot();
      // Each write adds a person and a document by them together.
      if (!Consistent(*g) || g->CountOf(Kind::kPerson) != g->CountOf(Kind::kDocument)) {
        ++inconsistent;
      }
    }
  });
  for (int i = 0; i < 50; ++i) {
    const std::string p = "p" + std::to_string(i);
    ApplyOrFail(*db, {Document("d" + std::to_string(i), {p}, {"t"}), Person(p)});
  }
  done = true;
  reader.join();
  CHECK(inconsistent.load() == 0);
  CHECK(db->Snapshot()->CountOf(Kind::kDocument) == 50);
}

TEST_CASE("a checkpoint opens as a database with the same graph", "[database]") {
  TempDir tmp;
  auto db = OpenOrFail(tmp.path() + "/db");
  ApplyOrFail(*db, SmallCompany());
  REQUIRE(db->Checkpoint(tmp.path() + "/copy").ok());
  CHECK(db->ApproximateSizeBytes() > 0);
  auto copy = OpenOrFail(tmp.path() + "/copy");
  CheckSameGraph(*db->Snapshot(), *copy->Snapshot());
}
