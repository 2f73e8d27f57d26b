#include "whoknows/ingest/import.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "support/temp_db.h"
#include "whoknows/graph/database.h"

namespace {

using whoknows::Status;
using whoknows::graph::Database;
using whoknows::graph::EdgeType;
using whoknows::graph::Kind;
using whoknows::ingest::Import;
using whoknows::ingest::ImportLimits;
using whoknows::ingest::ParseNdjson;

size_t Count(const whoknows::ingest::ImportCounts& counts, Kind kind) {
  return counts.by_kind[static_cast<size_t>(kind)];
}

// ---- Parsing alone ----

TEST_CASE("ndjson lines become records with their 1-based line numbers", "[ingest][import]") {
  const std::string text =
      "\n"
      R"({"type":"topic","id":"t1","name":"Rust"})"
      "\r\n"
      "   \t\r\n"
      R"({"type":"person","id":"p1","name":"Ada","skills":[{"topic":"t1","level":3}]})"
      "\n\n"
      R"({"type":"endorsement","from":"p1","to":"p2","topic":"t1"})";  // no final newline
  auto parsed = ParseNdjson(text, ImportLimits{});
  REQUIRE(parsed.ok());
  REQUIRE(parsed->records.size() == 3);
  CHECK(parsed->lines == std::vector<int64_t>{2, 4, 6});
  CHECK(parsed->records[0].node.kind == Kind::kTopic);
  CHECK(parsed->records[1].node.id == "p1");
  CHECK(parsed->records[1].edges.size() == 1);
  CHECK(parsed->records[2].node.kind == Kind::kEndorsement);
}

TEST_CASE("an empty or blank input holds no records", "[ingest][import]") {
  for (const char* text : {"", "\n", "\r\n\r\n", "  \n\t\n"}) {
    auto parsed = ParseNdjson(text, ImportLimits{});
    REQUIRE(parsed.ok());
    CHECK(parsed->records.empty());
  }
}

Status ParseError(const std::string& text, const ImportLimits& limits = ImportLimits{}) {
  auto parsed = ParseNdjson(text, limits);
  REQUIRE_FALSE(parsed.ok());
  return parsed.status();
}

TEST_CASE("malformed json is an invalid argument on its line", "[ingest][import]") {
  Status s = ParseError(
      "{\"type\":\"topic\",\"id\":\"t1\",\"name\":\"A\"}\n\n{\"type\":\"topic\",\"id\":\"t2\"\n");
  CHECK(s.code() == Status::Code::kInvalidArgument);
  CHECK(s.reason() == "malformed_json");
  CHECK(s.line() == 3);
  CHECK(s.message().rfind("line 3: ", 0) == 0);
  CHECK(s.message().find("syntax error") != std::string::npos);
  CHECK(s.message().find("json.exception") == std::string::npos);
}

TEST_CASE("a number beyond a double is malformed json on its line, not a crash",
          "[ingest][import]") {
  // Found by fuzz/ndjson_fuzz.cc: nlohmann's parser throws out_of_range, not parse_error, here.
  for (const char* line :
       {"1e400",
        "{\"type\":\"person\",\"id\":\"p\",\"name\":\"P\",\"skills\":[{\"topic\":\"t\","
        "\"level\":1e400}]}"}) {
    Status s = ParseError(std::string("\n") + line);
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.reason() == "malformed_json");
    CHECK(s.line() == 2);
    CHECK(s.message().find("number overflow") != std::string::npos);
    CHECK(s.message().find("json.exception") == std::string::npos);
  }
}

TEST_CASE("a line that is not an object is malformed", "[ingest][import]") {
  for (const char* line :
       {"[1,2]", "\"person\"", "42", "null", "{\"type\":\"topic\",\"name\":\"\xff\"}"}) {
    Status s = ParseError(std::string("\n") + line);
    CHECK(s.reason() == "malformed_json");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.line() == 2);
  }
}

TEST_CASE("a line without a known type is an unknown_type record", "[ingest][import]") {
  for (const char* line : {R"({"id":"p1","name":"A"})", R"({"type":"employee","id":"p1"})",
                           R"({"type":1,"id":"p1"})", R"({"type":"Person","id":"p1"})"}) {
    INFO(line);
    Status s = ParseError(line);
    CHECK(s.code() == Status::Code::kInvalidRecord);
    CHECK(s.reason() == "unknown_type");
    CHECK(s.line() == 1);
  }
}

TEST_CASE("an invalid record names its line, record and field", "[ingest][import]") {
  Status s = ParseError(
      "{\"type\":\"topic\",\"id\":\"t1\",\"name\":\"A\"}\r\n"
      "{\"type\":\"person\",\"id\":\"p1\",\"name\":\"A\",\"skills\":[{\"topic\":\"t1\",\"level\":9}"
      "]}");
  CHECK(s.code() == Status::Code::kInvalidRecord);
  CHECK(s.reason() == "invalid_field");
  CHECK(s.line() == 2);
  CHECK(s.message() == "line 2: person 'p1': field 'skills[0].level' must be an integer 1-5");
}

TEST_CASE("lines and record counts over the limits are too large", "[ingest][import]") {
  ImportLimits limits;
  limits.max_line_bytes = 40;
  limits.max_records = 2;
  const std::string ok_line = R"({"type":"topic","id":"t1","name":"A"})";
  REQUIRE(ok_line.size() <= 40);
  Status long_line = ParseError(ok_line + "\n" + std::string(41, ' ') + "\n", limits);
  CHECK(long_line.code() == Status::Code::kTooLarge);
  CHECK(long_line.reason() == "line_too_long");
  CHECK(long_line.line() == 2);
  Status many = ParseError(ok_line + "\n\n" + ok_line + "\n" + ok_line + "\n", limits);
  CHECK(many.code() == Status::Code::kTooLarge);
  CHECK(many.reason() == "too_many_records");
  CHECK(many.line() == 4);
  // Exactly at the limits is fine.
  CHECK(ParseNdjson(ok_line + "\n" + ok_line + "\n", limits).ok());
}

// ---- Importing into a database ----

using whoknows::testing::TempDb;

// Every node and edge of the current snapshot, as text, to compare database states.
std::string Dump(const Database& db) {
  auto g = db.Snapshot();
  std::string out;
  for (whoknows::graph::Vid v = 0; v < g->VidLimit(); ++v) {
    const auto* n = g->Node(v);
    if (n == nullptr) continue;
    out += std::string(whoknows::graph::KindName(n->kind)) + " " + n->id + " " + n->name + "\n";
    for (const auto& e : g->Out(v)) {
      out += "  " + std::string(whoknows::graph::EdgeTypeName(e.type)) + " " +
             g->Node(e.other)->id + "\n";
    }
  }
  return out;
}

const char kCompany[] =
    R"({"type":"document","id":"d1","title":"Design","created":"2021-01-01","authors":["p1","p2"],"topics":["t2"]})"
    "\n"
    R"({"type":"endorsement","from":"p2","to":"p1","topic":"t2"})"
    "\n"
    R"({"type":"person","id":"p1","name":"Ada","manager":"p2","skills":[{"topic":"t1","level":4}]})"
    "\n"
    R"({"type":"project","id":"pr","name":"Storage","topics":["t1"],"members":[{"person":"p1"}]})"
    "\n"
    R"({"type":"person","id":"p2","name":"Bob"})"
    "\n"
    R"({"type":"topic","id":"t2","name":"Borrowing","broader":["t1"]})"
    "\n"
    R"({"type":"topic","id":"t1","name":"Rust"})"
    "\n";

TEST_CASE("import counts records per kind, references in any order", "[ingest][import]") {
  TempDb t;
  auto counts = Import(t.db(), kCompany, ImportLimits{});
  INFO(counts.status().ToString());
  REQUIRE(counts.ok());
  CHECK(Count(*counts, Kind::kPerson) == 2);
  CHECK(Count(*counts, Kind::kTopic) == 2);
  CHECK(Count(*counts, Kind::kDocument) == 1);
  CHECK(Count(*counts, Kind::kProject) == 1);
  CHECK(Count(*counts, Kind::kEndorsement) == 1);
  CHECK(counts->total() == 7);
  auto g = t.db().Snapshot();
  CHECK(g->CountOf(Kind::kPerson) == 2);
  auto d1 = t.db().Lookup(Kind::kDocument, "d1");
  REQUIRE(d1);
  size_t authors = 0;
  for (const auto& e : g->Out(*d1)) authors += e.type == EdgeType::kAuthoredBy;
  CHECK(authors == 2);
}

TEST_CASE("a dangling reference fails on its input line and writes nothing", "[ingest][import]") {
  TempDb t;
  REQUIRE(Import(t.db(), R"({"type":"topic","id":"t0","name":"Old"})", ImportLimits{}).ok());
  const std::string before = Dump(t.db());
  const std::string text = std::string(kCompany) + "\n\n" +
                           R"({"type":"document","id":"d9","title":"X","created":"2022-01-01",)"
                           R"("authors":["p1"],"topics":["t0","nobody-knows"]})" +
                           "\n" + R"({"type":"person","id":"p3","name":"Cy"})" + "\n";
  auto result = Import(t.db(), text, ImportLimits{});
  REQUIRE_FALSE(result.ok());
  const Status& s = result.status();
  INFO(s.ToString());
  CHECK(s.code() == Status::Code::kInvalidRecord);
  CHECK(s.reason() == "dangling_reference");
  CHECK(s.line() == 10);
  CHECK(s.message().rfind("line 10: ", 0) == 0);
  CHECK(s.message().find("nobody-knows") != std::string::npos);
  CHECK(Dump(t.db()) == before);
  CHECK_FALSE(t.db().Lookup(Kind::kPerson, "p1"));
}

TEST_CASE("a malformed line anywhere writes nothing", "[ingest][import]") {
  TempDb t;
  const std::string text = std::string(kCompany) + "{\"type\":\"person\",\"id\":\"p3\",\n";
  auto result = Import(t.db(), text, ImportLimits{});
  REQUIRE_FALSE(result.ok());
  CHECK(result.status().reason() == "malformed_json");
  CHECK(result.status().line() == 8);
  CHECK(Dump(t.db()).empty());
}

TEST_CASE("importing a person again replaces it and keeps documents pointing at it",
          "[ingest][import]") {
  TempDb t;
  REQUIRE(Import(t.db(), kCompany, ImportLimits{}).ok());
  auto again = Import(t.db(),
                      R"({"type":"person","id":"p1","name":"Ada Lovelace"})"
                      "\n",
                      ImportLimits{});
  REQUIRE(again.ok());
  CHECK(Count(*again, Kind::kPerson) == 1);
  auto g = t.db().Snapshot();
  auto p1 = t.db().Lookup(Kind::kPerson, "p1");
  REQUIRE(p1);
  CHECK(g->Node(*p1)->name == "Ada Lovelace");
  CHECK(g->CountOf(Kind::kPerson) == 2);
  // Its own edges (manager, skill) are replaced by the new record's, which has none ...
  CHECK(g->Out(*p1).empty());
  // ... while the document's authorship, the project membership and the endorsement stay.
  size_t authored = 0, member = 0, endorsed = 0;
  for (const auto& e : g->In(*p1)) {
    authored += e.type == EdgeType::kAuthoredBy;
    member += e.type == EdgeType::kMember;
    endorsed += e.type == EdgeType::kEndorsee;
  }
  CHECK(authored == 1);
  CHECK(member == 1);
  CHECK(endorsed == 1);
}

TEST_CASE("a later import may reference what an earlier one wrote", "[ingest][import]") {
  TempDb t;
  REQUIRE(Import(t.db(), kCompany, ImportLimits{}).ok());
  auto more = Import(t.db(),
                     R"({"type":"document","id":"d2","title":"Y","created":"2022-01-01",)"
                     R"("authors":["p2"],"contributors":[{"person":"p1","role":"Reviewer"}]})",
                     ImportLimits{});
  INFO(more.status().ToString());
  REQUIRE(more.ok());
  CHECK(t.db().Snapshot()->CountOf(Kind::kDocument) == 2);
}

}  // namespace
