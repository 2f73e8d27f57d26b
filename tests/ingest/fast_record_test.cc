// The fast record parser against the DOM path it stands in for: wherever the fast parser accepts
// a line, its record must equal the DOM path's, on generated companies, the fuzz corpora, hand
// written edge cases and random mutations of real lines.
#include "../../src/ingest/fast_record.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"
#include "whoknows/demo/generator.h"
#include "whoknows/ingest/import.h"

namespace {

namespace fs = std::filesystem;
using whoknows::graph::Record;
using whoknows::ingest::internal::FastParseRecord;
using whoknows::ingest::internal::ParseLineWithDom;
using whoknows::ingest::testing::Describe;

std::vector<std::string> Lines(std::istream& in) {
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> CompanyLines(const whoknows::demo::CompanyOptions& options) {
  std::stringstream out;
  whoknows::demo::GenerateCompany(options, out);
  return Lines(out);
}

// What the fast parser did with one line.
enum class Outcome { kAccepted, kDeclined };

// Parses `line` both ways into `reused` (a record that earlier lines were parsed into, so that
// reuse is tested too); an accepted line must equal the DOM path's record.
Outcome Compare(const std::string& line, Record* reused) {
  const bool fast = FastParseRecord(line, reused);
  if (!fast) return Outcome::kDeclined;
  whoknows::Result<Record> slow = ParseLineWithDom(line);
  INFO("line: " << line);
  REQUIRE(slow.ok());
  REQUIRE(Describe(*reused) == Describe(slow.value()));
  CHECK(reused->node == slow.value().node);
  return Outcome::kAccepted;
}

TEST_CASE("the fast parser gives the DOM path's record for every line of generated companies",
          "[ingest][fast]") {
  // The demo company's options (seed 42) with fewer people, to keep the sanitizer build quick.
  whoknows::demo::CompanyOptions demo;
  demo.people = 1000;
  whoknows::demo::CompanyOptions scaled;
  scaled.people = 300;
  scaled.seed = 7;
  scaled.max_authors = 40;
  whoknows::demo::CompanyOptions bare = scaled;
  bare.topic_weights = false;
  Record reused;
  for (const auto& options : {demo, scaled, bare}) {
    const std::vector<std::string> lines = CompanyLines(options);
    REQUIRE(lines.size() > options.people * 10);
    // The generator writes only shapes the fast path takes: none may fall back.
    for (const std::string& line : lines) REQUIRE(Compare(line, &reused) == Outcome::kAccepted);
  }
}

TEST_CASE("the fast parser gives the DOM path's record or declines on the fuzz corpora",
          "[ingest][fast]") {
  Record reused;
  size_t accepted = 0, declined = 0;
  for (const char* dir : {"fuzz/corpus/ndjson", "fuzz/crashers/ndjson"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(WHOKNOWS_SOURCE_DIR) / dir)) {
      std::ifstream in(entry.path(), std::ios::binary);
      for (const std::string& line : Lines(in)) {
        (Compare(line, &reused) == Outcome::kAccepted ? accepted : declined)++;
      }
    }
  }
  CHECK(accepted > 5);
  CHECK(declined > 5);
}

TEST_CASE("the fast parser accepts what JSON allows in the usual shapes", "[ingest][fast]") {
  Record reused;
  for (
      const char* line : {
          R"(  { "type" : "person" , "id":"p1", "name":"Ünïcødé 😀 )"
          "\x7f"
          R"(", "opted_out": true } )",
          "{\"type\":\"person\",\"id\":\"p1\",\"name\":\"A\"}\r\r \t",
          R"({"type":"person","id":"p1","name":"A","skills":[{"level":3.0,"topic":"t"},)"
          R"({"topic":"u","level":2e0}],"manager":"p2"})",
          R"({"type":"document","id":"d","title":"T","created":"2024-02-29T10:00:00Z",)"
          R"("authors":["p1"],"topics":["t",{"topic":"u","weight":1},{"topic":"v","weight":)"
          R"(0.30000000000000004},{"weight":1E-3,"topic":"w"}],"text":""})",
          R"({"type":"project","id":"x","name":"N","start":"2020-01-01","end":"2020-01-01",)"
          R"("topics":[],"members":[{"person":"p","role":"Lead","since":"2020-01-01",)"
          R"("until":"2020-01-01"},{"person":"q"}]})",
          R"({"type":"topic","id":"t","name":"N","aliases":[],"broader":["a"],"related":[]})",
          R"({"type":"endorsement","topic":"t","to":"b","from":"a"})",
          R"({"type":"topic","id":"t","n\u0061me":"A \"quoted\" \\ \/ \b\f\n\r\t \u00e9\u00C9 \ud83d\ude00 )"
          R"(\u0000 \u20ac","aliases":["\u0061"],"description":"\\"})",
          R"({"type":"person","id":"p1","interests":["t","u"],"name":"A","manager":"p2"})",
      }) {
    INFO(line);
    CHECK(Compare(line, &reused) == Outcome::kAccepted);
  }
}

TEST_CASE("the fast parser declines what it leaves to the DOM path", "[ingest][fast]") {
  Record reused;
  for (
      const char* line : {
          R"({"id":"p1","type":"person","name":"A"})",             // "type" not first
          R"({"type":"person","id":"p1","name":"A","name":"B"})",  // a duplicate key
          R"({"type":"person","id":"p1","name":"A","skills":[{"topic":"t","level":1,"level":2}]})",
          R"({"type":"person","id":"p1","name":"A","skills":[{"topic":"t","level":12345678901234567}]})",
          R"({"type":"person","id":"p1","name":"A","skills":[{"topic":"t","level":1e400}]})",
          "\xEF\xBB\xBF{\"type\":\"person\",\"id\":\"p1\",\"name\":\"A\"}",  // a BOM
          R"({"type":"person","id":"p1","name":"\ud800"})",        // a lone high surrogate
          R"({"type":"person","id":"p1","name":"\udc00\ud800"})",  // a low one first
          R"({"type":"person","id":"p1","name":"\ud800\u0041"})",  // a high one, then no low one
          R"({"type":"person","id":"p1","name":"\x41"})",          // no such escape
          R"({"type":"person","id":"p1","name":"\u00g1"})",        // not hex
      }) {
    INFO(line);
    CHECK_FALSE(FastParseRecord(line, &reused));
  }
}

// Random edits of real lines: bytes replaced, removed, inserted or repeated, with characters that
// matter to JSON and UTF-8, and escape sequences inserted, valid or not.
std::string Mutate(std::string line, std::mt19937_64& rng) {
  static const std::string kBytes = std::string("\"\\,:{}[] \t0123456789-+.eEtrufalsn") +
                                    "\x01\x7f\x80\xbf\xc2\xc3\xdf\xe0\xed\xef\xf0\xf4\xf5\xff";
  const int edits = 1 + static_cast<int>(rng() % 3);
  for (int i = 0; i < edits && !line.empty(); ++i) {
    const size_t at = rng() % line.size();
    const char byte = kBytes[rng() % kBytes.size()];
    static const char* const kEscapes[] = {"\\\"",    "\\\\",           "\\n",     "\\/",
                                           "\\u00e9", "\\ud83d\\ude00", "\\ud800", "\\udc00",
                                           "\\u0000", "\\u12",          "\\x",     "\\"};
    switch (rng() % 5) {
      case 0:
        line[at] = byte;
        break;
      case 1:
        line.erase(at, 1 + rng() % 4);
        break;
      case 2:
        line.insert(at, 1, byte);
        break;
      case 3:
        line.insert(at, kEscapes[rng() % std::size(kEscapes)]);
        break;
      default:
        line.insert(at, line.substr(at, 1 + rng() % 12));
    }
  }
  return line;
}

TEST_CASE("the fast parser gives the DOM path's record or declines on mutated lines",
          "[ingest][fast]") {
  whoknows::demo::CompanyOptions options;
  options.people = 200;
  options.max_authors = 40;
  const std::vector<std::string> lines = CompanyLines(options);
  std::mt19937_64 rng(20261127);
  Record reused;
  size_t accepted = 0, declined = 0;
  for (int i = 0; i < 30000; ++i) {
    const std::string line = Mutate(lines[rng() % lines.size()], rng);
    (Compare(line, &reused) == Outcome::kAccepted ? accepted : declined)++;
  }
  // Both kinds of outcome occur often enough for the comparison to mean something.
  CHECK(accepted > 1000);
  CHECK(declined > 1000);
}

}  // namespace
