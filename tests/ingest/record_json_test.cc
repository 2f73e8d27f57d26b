#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"
#include "whoknows/graph/graph.h"
#include "whoknows/ingest/records.h"

namespace {

using nlohmann::json;
using whoknows::graph::Graph;
using whoknows::graph::GraphBuilder;
using whoknows::graph::Kind;
using whoknows::graph::Record;
using whoknows::graph::Vid;
using whoknows::ingest::ParseRecord;
using whoknows::ingest::RecordToJson;
using whoknows::ingest::testing::Describe;
using whoknows::ingest::testing::MustParse;

// An in-memory graph holding records, as the Database would build it.  Every referenced entity
// gets a node (a bare placeholder when no record names it), and edges are added in reverse so that
// only EdgeProps::position can restore the client's order.
class TestGraph {
 public:
  explicit TestGraph(const std::vector<Record>& records) {
    GraphBuilder builder(nullptr);
    for (const Record& r : records) builder.PutNode(VidOf(r.node.kind, r.node.id.str()), r.node);
    for (const Record& r : records) {
      for (const auto& e : r.edges) {
        const Vid dst = VidOf(e.dst_kind, e.dst_id);
        if (!builder.HasNode(dst)) builder.PutNode(dst, Placeholder(e.dst_kind, e.dst_id));
      }
      for (auto e = r.edges.rbegin(); e != r.edges.rend(); ++e) {
        builder.AddEdge(VidOf(r.node.kind, r.node.id.str()), e->type, VidOf(e->dst_kind, e->dst_id),
                        e->props);
      }
    }
    graph_ = builder.Build();
  }

  const Graph& graph() const { return *graph_; }
  Vid VidOf(Kind kind, const std::string& id) {
    return vids_.emplace(std::make_pair(kind, id), vids_.size()).first->second;
  }

 private:
  static whoknows::graph::NodeData Placeholder(Kind kind, const std::string& id) {
    whoknows::graph::NodeData n;
    n.kind = kind;
    n.id = id;
    n.name = id;
    return n;
  }

  std::map<std::pair<Kind, std::string>, Vid> vids_;
  std::shared_ptr<const Graph> graph_;
};

const char* const kRecords[] = {
    R"({"type":"person","id":"p1","name":"Ada","email":"ada@x.org","title":"Engineer",
        "department":"Platform","location":"Zurich","manager":"p0","opted_out":true,
        "skills":[{"topic":"t3","level":5},{"topic":"t1","level":2}],"interests":["t2","t1"]})",
    R"({"type":"person","id":"p2","name":"Bob"})",
    R"({"type":"topic","id":"t1","name":"Rust","aliases":["rust-lang","RUST"],
        "broader":["t0"],"related":["t3","t2"],"description":"A language."})",
    R"({"type":"document","id":"d1","title":"Design","url":"https://x/d1","created":"2021-06-05",
        "authors":["p2","p1"],"contributors":[{"person":"p3","role":"reviewer"},
        {"person":"p0","role":"tester"}],"topics":["t2",{"topic":"t1","weight":0.3}],
        "text":"Body"})",
    R"({"type":"project","id":"pr","name":"Storage","start":"2020-01-01","end":"2021-01-01",
        "topics":["t1"],"members":[{"person":"p2","role":"lead","since":"2020-01-01",
        "until":"2020-06-30"},{"person":"p1"}]})",
    R"({"type":"endorsement","from":"p1","to":"p2","topic":"t1"})",
};

std::vector<Record> ParseAll() {
  std::vector<Record> records;
  for (const char* text : kRecords) {
    const json body = json::parse(text);
    records.push_back(
        MustParse(body, *whoknows::graph::ParseKind(body["type"].get<std::string>())));
  }
  return records;
}

TEST_CASE("parsing a record's JSON reproduces the record", "[ingest]") {
  const std::vector<Record> records = ParseAll();
  TestGraph g(records);
  for (const Record& original : records) {
    const Vid vid = g.VidOf(original.node.kind, original.node.id.str());
    const json out = RecordToJson(g.graph(), vid, /*include_private=*/true);
    INFO(out.dump());
    auto again = ParseRecord(out, original.node.kind, "");
    REQUIRE(again.ok());
    CHECK(Describe(*again) == Describe(original));
    CHECK(again->node == original.node);
  }
}

TEST_CASE("record JSON is what the client wrote, lists in the client's order", "[ingest]") {
  TestGraph g(ParseAll());
  for (const char* text : kRecords) {
    json expected = json::parse(text);
    const Kind kind = *whoknows::graph::ParseKind(expected["type"].get<std::string>());
    const std::string id = kind == Kind::kEndorsement
                               ? whoknows::graph::EndorsementId("p1", "p2", "t1")
                               : expected["id"].get<std::string>();
    json out = RecordToJson(g.graph(), g.VidOf(kind, id), /*include_private=*/true);
    // Weights are stored as floats; compare them as floats.
    if (kind == Kind::kDocument) {
      CHECK(out["topics"][1]["weight"].get<float>() == 0.3f);
      CHECK(out["topics"][1]["weight"].dump() == "0.3");
      out["topics"][1]["weight"] = expected["topics"][1]["weight"];
    }
    CHECK(out.dump() == expected.dump());
  }
}

TEST_CASE("private fields appear only when asked for", "[ingest]") {
  TestGraph g(ParseAll());
  const Vid ada = g.VidOf(Kind::kPerson, "p1");
  CHECK(RecordToJson(g.graph(), ada, true)["email"] == "ada@x.org");
  CHECK_FALSE(RecordToJson(g.graph(), ada, false).contains("email"));
}

TEST_CASE("record JSON omits absent optional fields and a false opted_out", "[ingest]") {
  Record bob = MustParse(json{{"id", "p2"}, {"name", "Bob"}, {"opted_out", false}, {"title", ""}},
                         Kind::kPerson);
  TestGraph g({bob});
  const json out = RecordToJson(g.graph(), g.VidOf(Kind::kPerson, "p2"), true);
  CHECK(out == json{{"type", "person"}, {"id", "p2"}, {"name", "Bob"}});
}

TEST_CASE("a document topic at full weight is written as a bare id", "[ingest]") {
  Record d = MustParse(json::parse(R"({"id":"d","title":"T","created":"2020-01-01",
      "authors":["p"],"topics":[{"topic":"a","weight":1},{"topic":"b","weight":0.5}]})"),
                       Kind::kDocument);
  TestGraph g({d});
  const json out = RecordToJson(g.graph(), g.VidOf(Kind::kDocument, "d"), false);
  CHECK(out["topics"] == json::parse(R"(["a",{"topic":"b","weight":0.5}])"));
}

}  // namespace
