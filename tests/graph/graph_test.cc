#include "whoknows/graph/graph.h"

#include <catch2/catch.hpp>

using namespace whoknows::graph;

namespace {

NodeData MakeNode(Kind kind, const std::string& id) {
  NodeData n;
  n.kind = kind;
  n.id = id;
  n.name = id;
  return n;
}

// people 0, 1; topic 2; document 3 authored by both and about the topic.
std::shared_ptr<const Graph> SmallGraph() {
  GraphBuilder b(nullptr);
  b.PutNode(0, MakeNode(Kind::kPerson, "alice"));
  b.PutNode(1, MakeNode(Kind::kPerson, "bob"));
  b.PutNode(2, MakeNode(Kind::kTopic, "rust"));
  b.PutNode(3, MakeNode(Kind::kDocument, "d1"));
  b.AddEdge(3, EdgeType::kAuthoredBy, 0, {});
  b.AddEdge(3, EdgeType::kAuthoredBy, 1, {});
  EdgeProps about;
  about.weight = 0.5f;
  b.AddEdge(3, EdgeType::kAbout, 2, about);
  return b.Build();
}

}  // namespace

TEST_CASE("graph keeps out- and in-edges of every node", "[graph]") {
  auto g = SmallGraph();
  CHECK(g->VidLimit() == 4);
  CHECK(g->EdgeCount() == 3);
  REQUIRE(g->Out(3).size() == 3);
  CHECK(g->Out(3)[0].other == 0);
  CHECK(g->Out(3)[2].props.weight == 0.5f);
  REQUIRE(g->In(2).size() == 1);
  CHECK(g->In(2)[0].other == 3);
  CHECK(g->In(2)[0].type == EdgeType::kAbout);
  CHECK(g->NodesOfKind(Kind::kPerson) == std::vector<Vid>{0, 1});
  CHECK(g->NodesOfKind(Kind::kProject).empty());
  CHECK(g->Node(9) == nullptr);
  CHECK(g->Out(9).empty());
}

TEST_CASE("a published graph is unchanged by later builders", "[graph]") {
  auto v1 = SmallGraph();
  GraphBuilder b(v1);
  b.RemoveOutEdges(3);
  b.RemoveNode(3);
  b.PutNode(4, MakeNode(Kind::kPerson, "carol"));
  auto v2 = b.Build();

  CHECK(v1->EdgeCount() == 3);
  CHECK(v1->Node(3) != nullptr);
  CHECK(v1->In(0).size() == 1);
  CHECK(v1->NodesOfKind(Kind::kPerson).size() == 2);

  CHECK(v2->EdgeCount() == 0);
  CHECK(v2->Node(3) == nullptr);
  CHECK(v2->In(0).empty());
  CHECK(v2->In(2).empty());
  CHECK(v2->NodesOfKind(Kind::kPerson) == std::vector<Vid>{0, 1, 4});
  CHECK(v2->NodesOfKind(Kind::kDocument).empty());
  CHECK(v2->Version() > v1->Version());
}

TEST_CASE("a builder copies the edges of the nodes it touches; the rest stay shared", "[graph]") {
  auto v1 = SmallGraph();
  const Edge* shared_out = v1->Out(3).data();
  GraphBuilder b(v1);
  b.PutNode(4, MakeNode(Kind::kPerson, "carol"));
  b.AddEdge(4, EdgeType::kReportsTo, 0, {});
  b.AddEdge(4, EdgeType::kReportsTo, 4, {});  // a self-loop: both lists of one node
  auto v2 = b.Build();
  v1.reset();  // v2 alone keeps what it shares with v1 alive (ASan checks)

  CHECK(v2->Out(3).data() == shared_out);  // untouched: the same array
  REQUIRE(v2->Out(3).size() == 3);
  CHECK(v2->Out(3)[2].props.weight == 0.5f);
  REQUIRE(v2->In(0).size() == 2);
  CHECK(v2->In(0)[0].other == 3);
  CHECK(v2->In(0)[1].other == 4);
  REQUIRE(v2->Out(4).size() == 2);
  REQUIRE(v2->In(4).size() == 1);
  CHECK(v2->In(4)[0].other == 4);

  // A node removed and made again in one builder starts with no edges.
  GraphBuilder c(v2);
  c.RemoveOutEdges(4);
  c.RemoveInEdges(4);
  c.RemoveNode(4);
  c.PutNode(4, MakeNode(Kind::kTopic, "again"));
  auto v3 = c.Build();
  CHECK(v3->Out(4).empty());
  CHECK(v3->In(4).empty());
  CHECK(v3->In(0).size() == 1);
  CHECK(v3->EdgeCount() == 3);
  CHECK(v2->Out(4).size() == 2);  // v2 as it was
}

TEST_CASE("removing in-edges detaches a node from its owners", "[graph]") {
  GraphBuilder b(SmallGraph());
  b.RemoveInEdges(0);
  auto g = b.Build();
  CHECK(g->In(0).empty());
  REQUIRE(g->Out(3).size() == 2);
  CHECK(g->Out(3)[0].other == 1);  // the remaining edges keep their order
  CHECK(g->EdgeCount() == 2);
}

TEST_CASE("the topics version changes only with topics and topic edges", "[graph]") {
  auto v1 = SmallGraph();
  GraphBuilder people(v1);
  people.PutNode(5, MakeNode(Kind::kPerson, "dave"));
  auto v2 = people.Build();
  CHECK(v2->TopicsVersion() == v1->TopicsVersion());

  GraphBuilder topics(v2);
  topics.PutNode(6, MakeNode(Kind::kTopic, "cargo"));
  topics.AddEdge(6, EdgeType::kBroader, 2, {});
  auto v3 = topics.Build();
  CHECK(v3->TopicsVersion() != v2->TopicsVersion());
  CHECK(v3->In(2).back().type == EdgeType::kBroader);
}

TEST_CASE("replacing a node's fields keeps its edges", "[graph]") {
  GraphBuilder b(SmallGraph());
  NodeData renamed = MakeNode(Kind::kPerson, "alice");
  renamed.name = "Alice Liddell";
  b.PutNode(0, renamed);
  auto g = b.Build();
  CHECK(g->Node(0)->name == "Alice Liddell");
  CHECK(g->In(0).size() == 1);
  CHECK(g->NodesOfKind(Kind::kPerson).size() == 2);
}

TEST_CASE("the vids of each kind stay right across many chunks and versions", "[graph]") {
  // 5,000 vids span several copy-on-write chunks; kinds alternate person, topic, document.
  constexpr Vid kCount = 5000;
  const Kind kinds[] = {Kind::kPerson, Kind::kTopic, Kind::kDocument};
  GraphBuilder first(nullptr);
  // The highest vid first: the chunks below it are gaps until written.
  first.PutNode(kCount - 1, MakeNode(kinds[(kCount - 1) % 3], std::to_string(kCount - 1)));
  CHECK_FALSE(first.HasNode(0));
  CHECK(first.Node(kCount - 2) == nullptr);
  // Then kind by kind, as Database::Open loads them.
  for (Kind kind : kinds) {
    for (Vid v = 0; v < kCount; ++v) {
      if (kinds[v % 3] == kind) first.PutNode(v, MakeNode(kind, std::to_string(v)));
    }
  }
  auto g1 = first.Build();

  GraphBuilder second(g1);
  for (Vid v = 0; v < kCount; v += 7) second.RemoveNode(v);
  second.PutNode(9, MakeNode(Kind::kProject, "9"));           // was a person: changes kind
  second.PutNode(kCount + 100, MakeNode(Kind::kTopic, "x"));  // a new vid past a gap
  second.PutNode(14, MakeNode(Kind::kTopic, "back"));         // removed above, back as a topic
  second.PutNode(1, MakeNode(Kind::kTopic, "renamed"));       // same kind, new fields
  auto g2 = second.Build();

  auto brute = [](const Graph& g, Kind kind) {
    std::vector<Vid> out;
    for (Vid v = 0; v < g.VidLimit(); ++v) {
      if (g.Node(v) && g.Node(v)->kind == kind) out.push_back(v);
    }
    return out;
  };
  for (Kind kind : kAllKinds) {
    INFO(static_cast<int>(kind));
    CHECK(g1->NodesOfKind(kind) == brute(*g1, kind));
    CHECK(g2->NodesOfKind(kind) == brute(*g2, kind));
  }
  CHECK(g2->VidLimit() == kCount + 101);
  CHECK(g2->Node(kCount + 50) == nullptr);
  CHECK(g2->Node(1)->id == "renamed");
  CHECK(g1->Node(1)->id == "1");  // the earlier version is untouched
  CHECK(g1->Node(7) != nullptr);
  CHECK(g2->Node(7) == nullptr);
  CHECK(g1->VidLimit() == kCount);
}

TEST_CASE("vids stop at the limit an edge's 32-bit end can name", "[graph]") {
  CHECK(CheckNewVid(0).ok());
  CHECK(CheckNewVid(kVidLimit - 1).ok());
  const whoknows::Status full = CheckNewVid(kVidLimit);
  CHECK(full.code() == whoknows::Status::Code::kTooLarge);
  CHECK(full.reason() == "database_full");
  // The largest vid fits an edge's end exactly.
  GraphBuilder b(nullptr);
  b.PutNode(kVidLimit - 1, MakeNode(Kind::kPerson, "last"));
  b.PutNode(0, MakeNode(Kind::kTopic, "t"));
  b.AddEdge(kVidLimit - 1, EdgeType::kHasSkill, 0, {});
  auto g = b.Build();
  REQUIRE(g->In(0).size() == 1);
  CHECK(g->In(0)[0].other == kVidLimit - 1);
}
