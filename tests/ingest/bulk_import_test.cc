// The streaming import (NdjsonReader, AddNdjson, graph::BulkLoader) against the one-shot one
// (ParseNdjson, Database::Apply): the same records must leave the same bytes on disk.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "../support/temp_db.h"
#include "whoknows/demo/generator.h"
#include "whoknows/graph/bulk_load.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/storage/store.h"

namespace {

using whoknows::Status;
using whoknows::graph::BulkLoader;
using whoknows::graph::BulkLoadOptions;
using whoknows::graph::Database;
using whoknows::ingest::AddNdjson;
using whoknows::ingest::ImportCounts;
using whoknows::ingest::ImportLimits;
using whoknows::ingest::NdjsonReader;
using whoknows::ingest::ParseNdjson;
using whoknows::storage::Cf;
using whoknows::testing::TempDir;

using Contents = std::map<std::pair<int, std::string>, std::string>;

// Every key and value of every column family of the database in `dir`.
Contents Dump(const std::string& dir) {
  auto store = whoknows::storage::Store::Open(dir, {});
  REQUIRE(store.ok());
  Contents out;
  for (int cf = 0; cf < whoknows::storage::kCfCount; ++cf) {
    REQUIRE((*store)
                ->Scan(static_cast<Cf>(cf), "",
                       [&](std::string_view k, std::string_view v) {
                         out[{cf, std::string(k)}] = std::string(v);
                         return true;
                       })
                .ok());
  }
  return out;
}

std::vector<std::string> CompanyLines(size_t people) {
  whoknows::demo::CompanyOptions options;
  options.people = people;
  options.seed = 5;
  std::ostringstream out;
  whoknows::demo::GenerateCompany(options, out);
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// Later versions of some of `lines`' people and topics: other names, no skills, and a reversed
// list of related topics, so the edges they own change.
std::vector<std::string> Replacements(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (size_t i = 0; i < lines.size(); i += 7) {
    nlohmann::json record = nlohmann::json::parse(lines[i]);
    if (record["type"] == "person") {
      record["name"] = "Renamed";
      record.erase("skills");
    } else if (record["type"] == "topic" && record.contains("related")) {
      auto& related = record["related"];
      std::reverse(related.begin(), related.end());
    } else {
      continue;
    }
    out.push_back(record.dump());
  }
  return out;
}

void ApplyOnce(const std::string& dir, const std::string& text) {
  auto db = Database::Open(dir, {});
  REQUIRE(db.ok());
  auto imported = whoknows::ingest::Import(**db, text, ImportLimits{});
  INFO(imported.status().ToString());
  REQUIRE(imported.ok());
}

// A bulk load of `text` through write buffers of `budget` bytes: its error, or OK.
Status BulkImport(const std::string& dir, const std::string& text, size_t budget,
                  int* runs = nullptr, int threads = 2) {
  BulkLoadOptions options;
  options.writer.memory_budget_bytes = budget;
  options.writer.threads = threads;
  options.writer.table_file_bytes = 4096;
  auto loader = BulkLoader::Open(dir, options);
  REQUIRE(loader.ok());
  std::istringstream in(text);
  ImportCounts counts;
  Status s = AddNdjson(in, ImportLimits{}, 0, **loader, &counts);
  if (s.ok()) s = (*loader)->Commit();
  if (runs != nullptr) *runs = (*loader)->runs();
  return s;
}

TEST_CASE("a bulk load writes the bytes one Apply of the same records writes", "[ingest]") {
  std::vector<std::string> lines = CompanyLines(40);
  const std::string order = GENERATE("as generated", "reversed", "with replacements");
  if (order == "reversed") {
    std::reverse(lines.begin(), lines.end());  // every reference is to a later line
  } else if (order == "with replacements") {
    for (std::string& line : Replacements(lines)) lines.push_back(std::move(line));
  }
  const std::string text = Join(lines);
  const size_t budget = GENERATE(size_t{2048}, size_t{64} << 20);
  const int threads = GENERATE(1, 3);
  TempDir dir;
  ApplyOnce(dir.Sub("once"), text);
  int runs = 0;
  const Status s = BulkImport(dir.Sub("bulk"), text, budget, &runs, threads);
  INFO(order << ", budget " << budget << ", threads " << threads << ": " << s.ToString());
  REQUIRE(s.ok());
  if (budget == 2048) CHECK(runs > 20);
  CHECK(Dump(dir.Sub("bulk")) == Dump(dir.Sub("once")));
  CHECK_FALSE(std::filesystem::exists(dir.Sub("bulk") + "/bulk-load.tmp"));
}

TEST_CASE("a bulk load into a database with data replaces entities as Apply does", "[ingest]") {
  const std::vector<std::string> lines = CompanyLines(40);
  const size_t half = lines.size() / 2;
  const std::vector<std::string> first(lines.begin(), lines.begin() + half);
  std::vector<std::string> second(lines.begin() + half, lines.end());
  for (std::string& line : Replacements(first)) second.push_back(std::move(line));
  TempDir dir;
  ApplyOnce(dir.Sub("once"), Join(first));
  ApplyOnce(dir.Sub("once"), Join(second));
  ApplyOnce(dir.Sub("bulk"), Join(first));
  REQUIRE(BulkImport(dir.Sub("bulk"), Join(second), 2048).ok());
  CHECK(Dump(dir.Sub("bulk")) == Dump(dir.Sub("once")));
}

TEST_CASE("a bulk load failing late leaves the database unchanged and names the line", "[ingest]") {
  std::vector<std::string> lines = CompanyLines(40);
  TempDir dir;
  ApplyOnce(dir.Sub("db"), Join(lines));
  const Contents before = Dump(dir.Sub("db"));

  const std::string bad = GENERATE(
      std::string(R"({"type":"topic","id":"x","name":)"),  // malformed, found while reading
      std::string(R"({"type":"person","id":"zed","name":"Z","manager":"ghost"})"));  // at Commit
  lines.push_back(bad);
  lines.push_back(R"({"type":"topic","id":"last","name":"Last"})");
  const Status s = BulkImport(dir.Sub("db"), Join(lines), 2048);
  INFO(s.ToString());
  REQUIRE_FALSE(s.ok());
  CHECK(s.line() == static_cast<int64_t>(lines.size()) - 1);
  CHECK((s.reason() == "malformed_json" || s.reason() == "dangling_reference"));
  CHECK(Dump(dir.Sub("db")) == before);
  CHECK_FALSE(std::filesystem::exists(dir.Sub("db") + "/bulk-load.tmp"));
}

TEST_CASE("NdjsonReader reads what ParseNdjson parses, whatever the read size", "[ingest]") {
  const std::string text =
      "\n{\"type\":\"topic\",\"id\":\"a\",\"name\":\"A\"}\r\n  \n"
      "{\"type\":\"topic\",\"id\":\"b\",\"name\":\"B\",\"related\":[\"a\"]}\n\n"
      "{\"type\":\"topic\",\"id\":\"c\",\"name\":\"C\"}";  // no newline at the end
  const size_t read_bytes = GENERATE(size_t{1}, size_t{3}, size_t{40}, size_t{1} << 20);
  auto parsed = ParseNdjson(text, ImportLimits{});
  REQUIRE(parsed.ok());
  std::istringstream in(text);
  NdjsonReader reader(in, ImportLimits{}, read_bytes);
  std::vector<int64_t> lines;
  std::vector<std::string> ids;
  for (;;) {
    auto record = reader.Next();
    REQUIRE(record.ok());
    if (!record->has_value()) break;
    lines.push_back(reader.line());
    ids.push_back((*record)->node.id.str());
  }
  CHECK(lines == parsed->lines);
  CHECK(ids == std::vector<std::string>{"a", "b", "c"});
  CHECK(reader.bytes() == text.size());
}

TEST_CASE("NdjsonReader refuses a long line with its number before reading all of it", "[ingest]") {
  ImportLimits limits;
  limits.max_line_bytes = 50;
  const std::string ok = R"({"type":"topic","id":"a","name":"A"})";
  const std::string text = ok + "\n" + ok + "\n" + std::string(10000, ' ') + "\n";
  std::istringstream in(text);
  NdjsonReader reader(in, limits, 16);
  REQUIRE(reader.Next().ok());
  REQUIRE(reader.Next().ok());
  auto third = reader.Next();
  REQUIRE_FALSE(third.ok());
  CHECK(third.status().reason() == "line_too_long");
  CHECK(third.status().line() == 3);
  CHECK(reader.bytes() < 200);
}

}  // namespace

namespace {

using whoknows::graph::EdgeRecord;
using whoknows::graph::EdgeType;
using whoknows::graph::Kind;
using whoknows::graph::PreparedRecord;
using whoknows::graph::Record;

std::vector<Record> CompanyRecords(size_t people) {
  auto parsed = ParseNdjson(Join(CompanyLines(people)), ImportLimits{});
  REQUIRE(parsed.ok());
  return std::move(parsed->records);
}

// Adds `records` (origins 1, 2, ...) and commits; the first error, or OK.  With `prepare_apart`
// each record is prepared on another thread first, as the importer's parsing thread does.
Status Load(const std::string& dir, const std::vector<Record>& records, bool prepare_apart) {
  std::vector<PreparedRecord> prepared(records.size());
  if (prepare_apart) {
    std::thread([&] {
      for (size_t i = 0; i < records.size(); ++i) BulkLoader::Prepare(records[i], &prepared[i]);
    }).join();
  }
  auto loader = BulkLoader::Open(dir, {});
  REQUIRE(loader.ok());
  for (size_t i = 0; i < records.size(); ++i) {
    const auto origin = static_cast<int64_t>(i + 1);
    Status s = prepare_apart ? (*loader)->Add(records[i], prepared[i], origin)
                             : (*loader)->Add(records[i], origin);
    if (!s.ok()) return s;
  }
  return (*loader)->Commit();
}

// An invalid record among `records`: its references name entities of `records`.
Record Invalid(const std::string& what, const std::vector<Record>& records) {
  auto person = std::find_if(records.begin(), records.end(),
                             [](const Record& r) { return r.node.kind == Kind::kPerson; });
  REQUIRE(person != records.end());
  Record r;
  if (what == "id") {
    r.node.kind = Kind::kPerson;
    r.node.id = "no spaces allowed";
  } else if (what == "endorsement") {
    r.node.kind = Kind::kEndorsement;  // an endorser and an endorsee, but no topic
    r.edges.push_back(EdgeRecord{EdgeType::kEndorser, Kind::kPerson, person->node.id.str(), {}});
    r.edges.push_back(EdgeRecord{EdgeType::kEndorsee, Kind::kPerson, person->node.id.str(), {}});
  } else {
    r.node.kind = Kind::kPerson;  // a person reports to someone, but cannot author
    r.node.id = "p";
    r.edges.push_back(EdgeRecord{EdgeType::kReportsTo, Kind::kPerson, person->node.id.str(), {}});
    r.edges.push_back(EdgeRecord{EdgeType::kAuthoredBy, Kind::kPerson, person->node.id.str(), {}});
  }
  return r;
}

}  // namespace

TEST_CASE("records prepared on another thread load the bytes records added plainly do",
          "[ingest]") {
  const std::vector<Record> records = CompanyRecords(30);
  TempDir dir;
  REQUIRE(Load(dir.Sub("plain"), records, false).ok());
  REQUIRE(Load(dir.Sub("apart"), records, true).ok());
  const Contents plain = Dump(dir.Sub("plain"));
  CHECK(plain.size() > records.size());
  CHECK(Dump(dir.Sub("apart")) == plain);
}

TEST_CASE("a record the loader refuses fails as Apply fails it, at its origin", "[ingest]") {
  std::vector<Record> records = CompanyRecords(10);
  const std::string what = GENERATE("id", "endorsement", "edge");
  records.insert(records.begin() + 5, Invalid(what, records));
  TempDir dir;
  auto db = Database::Open(dir.Sub("once"), {});
  REQUIRE(db.ok());
  const auto applied = (*db)->Apply(records);
  REQUIRE_FALSE(applied.ok());
  const bool apart = GENERATE(false, true);
  const Status s = Load(dir.Sub("bulk"), records, apart);
  INFO(what << (apart ? ", prepared apart: " : ": ") << s.ToString());
  REQUIRE_FALSE(s.ok());
  CHECK(s.reason() == applied.status().reason());
  CHECK(s.message() == applied.status().message());
  CHECK(s.line() == 6);
  CHECK(applied.status().line() == 6);
}
