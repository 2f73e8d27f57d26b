// Golden ranking cases: each tests/golden/*.json holds a small organisation (records exactly as
// in an NDJSON import), an as-of date, and queries with the expected experts in exact rank order,
// worked out by hand in the file's "description".  The driver imports the records into a fresh
// database, resolves each query's topic as the API does, and compares the whole ranking.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/temp_db.h"
#include "whoknows/core/date.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/topic_index.h"

namespace whoknows {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> GoldenFiles() {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(WHOKNOWS_SOURCE_DIR) / "tests/golden")) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Fails the test when `object` has a key outside `allowed` (a typo would silently drop a filter).
void CheckKeys(const json& object, const std::set<std::string>& allowed) {
  for (const auto& [key, value] : object.items()) {
    INFO("unexpected key \"" << key << "\"");
    CHECK(allowed.count(key) == 1);
  }
}

using whoknows::testing::TempDb;

// Imports the records, one NDJSON line each, as POST /v1/import would.
void Load(const json& records, graph::Database* db) {
  std::string ndjson;
  for (const json& record : records) ndjson += record.dump() + "\n";
  auto parsed = ingest::ParseNdjson(ndjson, ingest::ImportLimits{});
  INFO(parsed.status().ToString());
  REQUIRE(parsed.ok());
  auto applied = db->Apply(parsed->records);
  INFO(applied.status().ToString());
  REQUIRE(applied.ok());
}

std::string Describe(const graph::GraphView& g, const std::vector<query::Expert>& experts) {
  std::ostringstream out;
  for (const query::Expert& e : experts) out << g.Node(e.person)->id << " " << e.score << "; ";
  return out.str();
}

// Invariants every ranking must keep besides its order: evidence accounts for the score, and
// the person's own expertise view gives the same score for the topic.
void CheckConsistency(const graph::GraphView& g, const query::ExpertsQuery& q,
                      const std::vector<query::Expert>& experts) {
  for (const query::Expert& e : experts) {
    double sum = 0;
    for (const query::Evidence& ev : e.evidence) sum += ev.contribution;
    CHECK(sum == Approx(e.score));
    if (q.topics.size() != 1) continue;
    auto mine = query::PersonExpertise(g, e.person, q.as_of, 0, 0, query::RankingConfig{});
    REQUIRE(mine.ok());
    bool found = false;
    for (const query::TopicExpertise& t : *mine) {
      if (t.topic != q.topics[0].vid) continue;
      found = true;
      CHECK(t.score == e.score);
    }
    CHECK(found);
  }
}

void RunQuery(const graph::GraphView& g, const query::TopicIndex& index, Day as_of,
              const json& spec) {
  CheckKeys(spec, {"topic", "expect", "department", "location"});
  const std::string topic = spec.at("topic").get<std::string>();
  query::ExpertsQuery q;
  q.topics = index.Resolve(topic);
  q.limit = 0;
  q.max_evidence = 0;
  q.as_of = as_of;
  q.department = spec.value("department", "");
  q.location = spec.value("location", "");
  INFO("query " << spec.dump());
  REQUIRE_FALSE(q.topics.empty());
  std::vector<query::Expert> experts = query::FindExperts(g, q, query::RankingConfig{});
  std::vector<std::string> ids;
  for (const query::Expert& e : experts) ids.push_back(g.Node(e.person)->id.str());
  INFO("got: " << Describe(g, experts));
  CHECK(ids == spec.at("expect").get<std::vector<std::string>>());
  CheckConsistency(g, q, experts);
}

void RunCase(const fs::path& file) {
  std::ifstream in(file);
  json golden = json::parse(in, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(golden.is_discarded());
  CheckKeys(golden, {"description", "as_of", "records", "queries"});
  REQUIRE(golden.at("description").get<std::string>().size() > 40);
  std::optional<Day> as_of = ParseDate(golden.at("as_of").get<std::string>());
  REQUIRE(as_of);
  TempDb tmp;
  Load(golden.at("records"), &tmp.db());
  std::shared_ptr<const graph::Graph> g = tmp.db().Snapshot();
  auto index = query::TopicIndex::Build(*g);
  REQUIRE_FALSE(golden.at("queries").empty());
  for (const json& spec : golden.at("queries")) RunQuery(*g, *index, *as_of, spec);
}

TEST_CASE("golden ranking cases give the expected experts in order", "[golden]") {
  std::vector<fs::path> files = GoldenFiles();
  REQUIRE(files.size() >= 6);
  for (const fs::path& file : files) {
    DYNAMIC_SECTION(file.filename().string()) { RunCase(file); }
  }
}

}  // namespace
}  // namespace whoknows
