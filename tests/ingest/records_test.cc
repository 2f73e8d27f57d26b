#include "whoknows/ingest/records.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.h"
#include "whoknows/core/date.h"

namespace {

using nlohmann::json;
using whoknows::DaysFromCivil;
using whoknows::kNoDay;
using whoknows::Status;
using whoknows::graph::EdgeRecord;
using whoknows::graph::EdgeType;
using whoknows::graph::Kind;
using whoknows::graph::Record;
using whoknows::ingest::ParseRecord;
using whoknows::ingest::testing::MustParse;

std::vector<const EdgeRecord*> EdgesOfType(const Record& r, EdgeType type) {
  std::vector<const EdgeRecord*> out;
  for (const EdgeRecord& e : r.edges) {
    if (e.type == type) out.push_back(&e);
  }
  return out;
}

TEST_CASE("a person's fields and edges come from its JSON", "[ingest]") {
  Record r = MustParse(json::parse(R"({
    "type": "person", "id": "p1", "name": "Ada", "email": "ada@x.org", "title": "Engineer",
    "department": "Platform", "location": "Zurich", "manager": "p0", "opted_out": true,
    "skills": [{"topic": "rust", "level": 4}, {"topic": "go", "level": 1}],
    "interests": ["db", "ml"]})"),
                       Kind::kPerson);
  CHECK(r.node.kind == Kind::kPerson);
  CHECK(r.node.id == "p1");
  CHECK(r.node.name == "Ada");
  CHECK(r.node.email == "ada@x.org");
  CHECK(r.node.title == "Engineer");
  CHECK(r.node.department == "Platform");
  CHECK(r.node.location == "Zurich");
  CHECK(r.node.opted_out);
  auto manager = EdgesOfType(r, EdgeType::kReportsTo);
  REQUIRE(manager.size() == 1);
  CHECK(manager[0]->dst_kind == Kind::kPerson);
  CHECK(manager[0]->dst_id == "p0");
  auto skills = EdgesOfType(r, EdgeType::kHasSkill);
  REQUIRE(skills.size() == 2);
  CHECK(skills[0]->dst_kind == Kind::kTopic);
  CHECK(skills[0]->dst_id == "rust");
  CHECK(skills[0]->props.level == 4);
  CHECK(skills[1]->dst_id == "go");
  CHECK(skills[1]->props.level == 1);
  CHECK(skills[1]->props.position == 1);
  auto interests = EdgesOfType(r, EdgeType::kInterestedIn);
  REQUIRE(interests.size() == 2);
  CHECK(interests[0]->dst_id == "db");
  CHECK(interests[0]->props.position == 0);
  CHECK(interests[1]->dst_id == "ml");
  CHECK(interests[1]->props.position == 1);
  CHECK(r.edges.size() == 5);
}

TEST_CASE("a minimal person has no optional fields and no edges", "[ingest]") {
  Record r = MustParse(json{{"id", "p1"}, {"name", "Ada"}}, Kind::kPerson);
  CHECK(r.node.email.empty());
  CHECK_FALSE(r.node.opted_out);
  CHECK(r.edges.empty());
}

TEST_CASE("a topic keeps its aliases in order and links broader and related topics", "[ingest]") {
  Record r = MustParse(json::parse(R"({"id": "rust", "name": "Rust",
    "aliases": ["rust-lang", "Rust language", "rust-lang"], "broader": ["lang"],
    "related": ["cpp", "go"], "description": "A language."})"),
                       Kind::kTopic);
  CHECK(r.node.aliases == std::vector<std::string>{"rust-lang", "Rust language", "rust-lang"});
  CHECK(r.node.description == "A language.");
  auto broader = EdgesOfType(r, EdgeType::kBroader);
  REQUIRE(broader.size() == 1);
  CHECK(broader[0]->dst_kind == Kind::kTopic);
  auto related = EdgesOfType(r, EdgeType::kRelated);
  REQUIRE(related.size() == 2);
  CHECK(related[1]->dst_id == "go");
}

TEST_CASE("a document takes topics as ids or weighted objects and lower-cases roles", "[ingest]") {
  Record r = MustParse(json::parse(R"({"id": "d1", "title": "Design", "url": "https://x/d1",
    "created": "2021-06-05T10:00:00Z", "authors": ["p2", "p1"],
    "contributors": [{"person": "p3", "role": "Reviewer"}],
    "topics": ["rust", {"topic": "db", "weight": 0.25}, {"topic": "ml"}], "text": "body"})"),
                       Kind::kDocument);
  CHECK(r.node.name == "Design");
  CHECK(r.node.url == "https://x/d1");
  CHECK(r.node.text == "body");
  CHECK(r.node.created == DaysFromCivil(2021, 6, 5));
  auto authors = EdgesOfType(r, EdgeType::kAuthoredBy);
  REQUIRE(authors.size() == 2);
  CHECK(authors[0]->dst_id == "p2");
  CHECK(authors[1]->dst_id == "p1");
  CHECK(authors[1]->props.position == 1);
  auto contributors = EdgesOfType(r, EdgeType::kContributor);
  REQUIRE(contributors.size() == 1);
  CHECK(contributors[0]->props.role == "reviewer");
  auto topics = EdgesOfType(r, EdgeType::kAbout);
  REQUIRE(topics.size() == 3);
  CHECK(topics[0]->props.weight == 1.0f);
  CHECK(topics[1]->dst_id == "db");
  CHECK(topics[1]->props.weight == 0.25f);
  CHECK(topics[2]->props.weight == 1.0f);
  CHECK(topics[2]->props.position == 2);
}

TEST_CASE("a project's members carry role and dates", "[ingest]") {
  Record r = MustParse(json::parse(R"({"id": "pr", "name": "Storage", "start": "2020-01-01",
    "end": "2020-12-31", "topics": ["db"],
    "members": [{"person": "p1", "role": "Lead", "since": "2020-02-01"}, {"person": "p2"}]})"),
                       Kind::kProject);
  CHECK(r.node.start == DaysFromCivil(2020, 1, 1));
  CHECK(r.node.end == DaysFromCivil(2020, 12, 31));
  auto members = EdgesOfType(r, EdgeType::kMember);
  REQUIRE(members.size() == 2);
  CHECK(members[0]->props.role == "lead");
  CHECK(members[0]->props.since == DaysFromCivil(2020, 2, 1));
  CHECK(members[0]->props.until == kNoDay);
  CHECK(members[1]->props.role.empty());
  CHECK(members[1]->props.since == kNoDay);
  CHECK(EdgesOfType(r, EdgeType::kAbout).size() == 1);
}

TEST_CASE("an endorsement's id is derived from its three references", "[ingest]") {
  Record r = MustParse(json{{"type", "endorsement"}, {"from", "p1"}, {"to", "p2"}, {"topic", "t"}},
                       Kind::kEndorsement);
  CHECK(r.node.id == whoknows::graph::EndorsementId("p1", "p2", "t"));
  REQUIRE(r.edges.size() == 3);
  CHECK(r.edges[0].type == EdgeType::kEndorser);
  CHECK(r.edges[0].dst_id == "p1");
  CHECK(r.edges[1].type == EdgeType::kEndorsee);
  CHECK(r.edges[1].dst_id == "p2");
  CHECK(r.edges[2].type == EdgeType::kEndorsedTopic);
  CHECK(r.edges[2].dst_kind == Kind::kTopic);
}

struct BadCase {
  Kind kind;
  const char* body;
  const char* reason;
  const char* message;  // the exact message
};

TEST_CASE("invalid records are rejected with a reason and a message naming the field", "[ingest]") {
  const BadCase kCases[] = {
      {Kind::kPerson,
       R"({"id":"p1","name":"A","skills":[{"topic":"a","level":1},{"topic":"b","level":2},)"
       R"({"topic":"c","level":6}]})",
       "invalid_field", "person 'p1': field 'skills[2].level' must be an integer 1-5"},
      {Kind::kPerson, R"({"id":"p1","name":"A","skills":[{"topic":"a","level":2.5}]})",
       "invalid_field", "person 'p1': field 'skills[0].level' must be an integer 1-5"},
      {Kind::kPerson, R"({"id":"p1"})", "missing_field", "person 'p1': field 'name' is required"},
      {Kind::kPerson, R"({"name":"A"})", "missing_field", "person: field 'id' is required"},
      {Kind::kPerson, R"({"id":"p1","name":"A","nickname":"x"})", "unknown_field",
       "person 'p1': field 'nickname' is unknown"},
      {Kind::kPerson, R"({"id":"p1","name":7})", "invalid_field",
       "person 'p1': field 'name' must be a string"},
      {Kind::kPerson, R"({"id":"p1","name":null})", "invalid_field",
       "person 'p1': field 'name' must be a string"},
      {Kind::kPerson, R"({"id":"p 1","name":"A"})", "invalid_id",
       "person: field 'id' must be an id: 1-128 characters of [A-Za-z0-9._:@-]"},
      {Kind::kPerson, R"({"id":"p1","name":"A","opted_out":"yes"})", "invalid_field",
       "person 'p1': field 'opted_out' must be true or false"},
      {Kind::kPerson, R"({"id":"p1","name":"A","manager":"p1"})", "self_reference",
       "person 'p1': field 'manager' may not name the person itself"},
      {Kind::kPerson, R"({"id":"p1","name":"A","skills":[{"level":3}]})", "missing_field",
       "person 'p1': field 'skills[0].topic' is required"},
      {Kind::kPerson, R"({"id":"p1","name":"A","skills":[{"topic":"t","level":3,"since":"x"}]})",
       "unknown_field", "person 'p1': field 'skills[0].since' is unknown"},
      {Kind::kPerson,
       R"({"id":"p1","name":"A","skills":[{"topic":"t","level":3},)"
       R"({"topic":"t","level":5}]})",
       "duplicate_reference", "person 'p1': field 'skills[1]' repeats 't'"},
      {Kind::kPerson, R"({"id":"p1","name":"A","interests":"t"})", "invalid_field",
       "person 'p1': field 'interests' must be an array"},
      {Kind::kPerson, R"({"id":"p1","name":"A","interests":["t",5]})", "invalid_field",
       "person 'p1': field 'interests[1]' must be a string id"},
      {Kind::kPerson, R"({"type":"topic","id":"p1","name":"A"})", "invalid_field",
       "person: field 'type' must be \"person\""},
      {Kind::kTopic, R"({"id":"t","name":"T","broader":["u","t"]})", "self_reference",
       "topic 't': field 'broader[1]' may not name the topic itself"},
      {Kind::kTopic, R"({"id":"t","name":"T","related":["t"]})", "self_reference",
       "topic 't': field 'related[0]' may not name the topic itself"},
      {Kind::kTopic, R"({"id":"t","name":"T","aliases":["a",null]})", "invalid_field",
       "topic 't': field 'aliases[1]' must be a string"},
      {Kind::kDocument, R"({"id":"d","title":"D","created":"2023-02-30","authors":["p"]})",
       "invalid_field", "document 'd': field 'created' must be a date YYYY-MM-DD"},
      {Kind::kDocument, R"({"id":"d","title":"D","authors":["p"]})", "missing_field",
       "document 'd': field 'created' is required"},
      {Kind::kDocument, R"({"id":"d","title":"D","created":"2023-01-01","authors":[]})",
       "invalid_field", "document 'd': field 'authors' must not be empty"},
      {Kind::kDocument, R"({"id":"d","title":"D","created":"2023-01-01","authors":["p","q","p"]})",
       "duplicate_reference", "document 'd': field 'authors[2]' repeats 'p'"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"topics":["t",{"topic":"t"}]})",
       "duplicate_reference", "document 'd': field 'topics[1]' repeats 't'"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"topics":[{"topic":"t","weight":0}]})",
       "invalid_field", "document 'd': field 'topics[0].weight' must be a number in (0, 1]"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"topics":[{"topic":"t","weight":1.5}]})",
       "invalid_field", "document 'd': field 'topics[0].weight' must be a number in (0, 1]"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"topics":[3]})",
       "invalid_field", "document 'd': field 'topics[0]' must be an id or an object"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"contributors":[{"person":"q","role":""}]})",
       "invalid_field", "document 'd': field 'contributors[0].role' must be a non-empty string"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"contributors":[{"person":"q"}]})",
       "missing_field", "document 'd': field 'contributors[0].role' is required"},
      {Kind::kDocument,
       R"({"id":"d","title":"D","created":"2023-01-01","authors":["p"],"contributors":["q"]})",
       "invalid_field", "document 'd': field 'contributors[0]' must be an object"},
      {Kind::kProject, R"({"id":"pr","name":"P","start":"2021-01-02","end":"2021-01-01"})",
       "invalid_field", "project 'pr': field 'end' must not be before 'start'"},
      {Kind::kProject,
       R"({"id":"pr","name":"P","members":[{"person":"p","since":"2021-01-02","until":"2021-01-01"}]})",
       "invalid_field", "project 'pr': field 'members[0].until' must not be before 'since'"},
      {Kind::kProject, R"({"id":"pr","name":"P","members":[{"person":"bad id"}]})", "invalid_id",
       "project 'pr': field 'members[0].person' must be an id: 1-128 characters of "
       "[A-Za-z0-9._:@-]"},
      {Kind::kEndorsement, R"({"from":"p","to":"p","topic":"t"})", "self_reference",
       "endorsement: field 'to' must differ from 'from'"},
      {Kind::kEndorsement, R"({"id":"e1","from":"p","to":"q","topic":"t"})", "unknown_field",
       "endorsement: field 'id' is unknown"},
      {Kind::kEndorsement, R"({"from":"p","to":"q"})", "missing_field",
       "endorsement: field 'topic' is required"},
  };
  for (const BadCase& c : kCases) {
    auto r = ParseRecord(json::parse(c.body), c.kind, "");
    INFO(c.body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidRecord);
    CHECK(r.status().reason() == c.reason);
    CHECK(r.status().message() == c.message);
  }
}

TEST_CASE("a body that is not an object is malformed", "[ingest]") {
  for (const char* body : {"[]", "\"p1\"", "null", "3"}) {
    auto r = ParseRecord(json::parse(body), Kind::kPerson, "");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK(r.status().reason() == "malformed_json");
  }
}

TEST_CASE("the id from a URL fills in a missing id and must match a given one", "[ingest]") {
  auto filled = ParseRecord(json{{"name", "Ada"}}, Kind::kPerson, "p7");
  REQUIRE(filled.ok());
  CHECK(filled->node.id == "p7");
  auto same = ParseRecord(json{{"id", "p7"}, {"name", "Ada"}}, Kind::kPerson, "p7");
  CHECK(same.ok());
  auto other = ParseRecord(json{{"id", "p8"}, {"name", "Ada"}}, Kind::kPerson, "p7");
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().reason() == "id_mismatch");
  auto bad = ParseRecord(json{{"name", "Ada"}}, Kind::kPerson, "no/slash");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().reason() == "invalid_id");
  auto self = ParseRecord(json{{"name", "Ada"}, {"manager", "p7"}}, Kind::kPerson, "p7");
  REQUIRE_FALSE(self.ok());
  CHECK(self.status().reason() == "self_reference");
}

TEST_CASE("an endorsement's URL id must be its derived id", "[ingest]") {
  json body{{"from", "p1"}, {"to", "p2"}, {"topic", "t"}};
  CHECK(
      ParseRecord(body, Kind::kEndorsement, whoknows::graph::EndorsementId("p1", "p2", "t")).ok());
  auto other = ParseRecord(body, Kind::kEndorsement, "p1");
  REQUIRE_FALSE(other.ok());
  CHECK(other.status().reason() == "id_mismatch");
}

TEST_CASE("strings may hold any text and levels may be written 3.0", "[ingest]") {
  json body{{"id", "p1"},
            {"name", "Zoë \"Q\" O'Neil \u2014 \xf0\x9f\x98\x80"},
            {"title", ""},
            {"skills", {{{"topic", "t"}, {"level", 3.0}}}}};
  Record r = MustParse(body, Kind::kPerson);
  CHECK(r.node.name == body["name"].get<std::string>());
  CHECK(r.edges[0].props.level == 3);
}

// Every field of every kind gets values of every JSON type: ParseRecord never throws and every
// answer is a record or an InvalidRecord.
TEST_CASE("values of every JSON type anywhere give a record or InvalidRecord", "[ingest]") {
  const json kValues[] = {nullptr,
                          true,
                          -1,
                          0,
                          7,
                          1.5,
                          1e300,
                          "",
                          "p2",
                          "bad id!",
                          "2021-01-01",
                          json::array(),
                          json::object(),
                          {"t1"},
                          {1, 2},
                          {nullptr},
                          {json::object()},
                          {{{"topic", 1}}},
                          {{{"person", "p2"}, {"role", 5}}},
                          {{{"topic", "t"}, {"level", "5"}, {"weight", -1}}}};
  const json kBases[] = {
      json{{"id", "p1"}, {"name", "A"}},
      json{{"id", "t1"}, {"name", "T"}},
      json{{"id", "d1"}, {"title", "D"}, {"created", "2020-01-01"}, {"authors", {"p1"}}},
      json{{"id", "pr"}, {"name", "P"}},
      json{{"from", "p1"}, {"to", "p3"}, {"topic", "t1"}},
  };
  size_t rejected = 0;
  for (Kind kind : whoknows::graph::kAllKinds) {
    const json& base = kBases[static_cast<size_t>(kind) - 1];
    for (const auto& field : whoknows::ingest::RecordFields(kind)) {
      for (const json& value : kValues) {
        json body = base;
        body[field.name] = value;
        auto r = ParseRecord(body, kind, "");
        INFO(body.dump());
        if (!r.ok()) {
          ++rejected;
          CHECK(r.status().code() == Status::Code::kInvalidRecord);
          CHECK(r.status().message().find(field.name) != std::string::npos);
        }
      }
    }
  }
  CHECK(rejected > 0);
}

}  // namespace
