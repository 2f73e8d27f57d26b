// The history importer on a small hand-made history written to a temporary directory.
#include "whoknows/ingest/history.h"

#include <zlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>

#include "support/temp_db.h"
#include "whoknows/query/evaluation.h"
#include "whoknows/query/experts.h"

namespace whoknows::ingest {
namespace {

using graph::EdgeType;
using graph::Kind;
using testing::TempDb;
using testing::TempDir;

void WritePlain(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

void WriteGz(const std::string& path, const std::string& text) {
  gzFile f = gzopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, text.data(), static_cast<unsigned>(text.size())) ==
          static_cast<int>(text.size()));
  gzclose(f);
}

// Three people (pc appears only in a trailer), two MAINTAINERS-style topics, four commits.
void WriteHistory(const TempDir& dir) {
  WritePlain(dir.Sub("people.tsv"),
             "person_id\tname\tauthored_commits\n"
             "pa\tAda\t2\n"
             "pb\tBo\t1\n");
  WritePlain(dir.Sub("topics.tsv"),
             "topic_id\tcategory\ttitle\tfile_patterns\texclude_patterns\tsplit\n"
             "t-net\tDrivers\tNet drivers\tdrivers/net/ lib/net/*.h\tdrivers/net/old/\tdev\n"
             "t-doc\tDocs\tGuides\tdoc/guides/*.rst\t\tdev\n");
  WriteGz(dir.Sub("commits.tsv.gz"),
          "sha\tauthor_date\tauthor_id\tcommitter_id\tsubject\n"
          "c1\t2024-01-02T10:00:00+02:00\tpa\tpb\tnet: add a driver\n"
          "c2\t2024-02-03T10:00:00+00:00\tpb\tpb\tdoc: a guide\n"
          "c3\t2024-03-04T10:00:00+00:00\tpa\tpa\tnet/old: legacy fix\n"
          "c4\t2024-04-05T10:00:00+00:00\tpb\tpb\tdoc: nested file\n");
  WriteGz(dir.Sub("commit_files.tsv.gz"),
          "sha\tpath\n"
          "c1\tdrivers/net/x/x.c\n"
          "c1\tlib/net/x.h\n"
          "c1\tdoc/guides/x.rst\n"
          "c1\tREADME\n"
          "c2\tdoc/guides/intro.rst\n"
          "c3\tdrivers/net/old/y.c\n"
          "c4\tdoc/guides/sub/deep.rst\n");
  WriteGz(dir.Sub("commit_trailers.tsv.gz"),
          "sha\trole\tperson_id\n"
          "c1\tSigned-off-by\tpa\n"
          "c1\tReviewed-By\tpc\n"
          "c1\tsigned-off-by\tpb\n"
          "c2\tAcked-by\tpa\n");
}

const graph::Record* Find(const std::vector<graph::Record>& records, Kind kind,
                          const std::string& id) {
  for (const auto& r : records) {
    if (r.node.kind == kind && r.node.id == id) return &r;
  }
  return nullptr;
}

TEST_CASE("path patterns follow MAINTAINERS semantics", "[history]") {
  CHECK(PathMatches("drivers/net/", "drivers/net/ice/base/a.c"));
  CHECK_FALSE(PathMatches("drivers/net/", "drivers/network/a.c"));
  CHECK_FALSE(PathMatches("drivers/net/", "drivers/net"));
  CHECK(PathMatches("lib/net/*.h", "lib/net/a.h"));
  CHECK_FALSE(PathMatches("lib/net/*.h", "lib/net/sub/a.h"));  // globs stay in a directory
  CHECK(PathMatches("lib/eal", "lib/eal/x.c"));                // a directory without '/'
  CHECK(PathMatches("README", "README"));
  CHECK_FALSE(PathMatches("README", "README.md"));
  CHECK(PathMatches("drivers/*/mlx5/", "drivers/net/mlx5/a.c"));
  CHECK(PathMatches("configs/qemu_*", "configs/qemu_x86_defconfig"));
  PathTopic topic{"t", {"drivers/net/"}, {"drivers/net/old/"}};
  CHECK(TopicMatches(topic, "drivers/net/new/a.c"));
  CHECK_FALSE(TopicMatches(topic, "drivers/net/old/a.c"));
}

TEST_CASE("a history becomes people, topics and documents", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  HistoryCounts counts;
  auto records = ReadHistory(dir.path(), HistoryOptions{}, &counts);
  INFO(records.status().ToString());
  REQUIRE(records.ok());
  CHECK(counts.people == 3);
  CHECK(counts.topics == 2);
  // c3 touches only excluded files, c4 only a file below the glob's directory: both about no
  // topic, so skipped.
  CHECK(counts.documents == 2);
  CHECK(counts.skipped_commits == 2);
  const graph::Record* pc = Find(*records, Kind::kPerson, "pc");
  REQUIRE(pc != nullptr);  // only in a trailer
  CHECK(pc->node.name == "pc");

  const graph::Record* c1 = Find(*records, Kind::kDocument, "c1");
  REQUIRE(c1 != nullptr);
  CHECK(c1->node.name == "net: add a driver");
  CHECK(c1->node.created == *ParseDate("2024-01-02"));
  std::vector<std::pair<std::string, std::string>> people;  // (id, role)
  std::vector<std::pair<std::string, float>> about;
  for (const auto& e : c1->edges) {
    if (e.type == EdgeType::kAuthoredBy) people.emplace_back(e.dst_id, "author");
    if (e.type == EdgeType::kContributor) people.emplace_back(e.dst_id, e.props.role);
    if (e.type == EdgeType::kAbout) about.emplace_back(e.dst_id, e.props.weight);
  }
  // The author's own sign-off is not a contribution; the committer's sign-off is "committer";
  // c1 is the first commit about both topics, so its author is also their "founder".
  CHECK(people ==
        std::vector<std::pair<std::string, std::string>>{
            {"pa", "author"}, {"pb", "committer"}, {"pc", "reviewed-by"}, {"pa", "founder"}});
  // Two of four files are about t-net, one about t-doc.
  REQUIRE(about.size() == 2);
  CHECK(about[0].first == "t-net");
  CHECK(about[0].second == Approx(0.5));
  CHECK(about[1].first == "t-doc");
  CHECK(about[1].second == Approx(0.25));
  // doc/guides/*.rst does not reach a subdirectory: c4 is about nothing.
  CHECK(Find(*records, Kind::kDocument, "c4") == nullptr);
}

// Roles of `person` on document `id`.
std::vector<std::string> RolesOf(const std::vector<graph::Record>& records, const std::string& id,
                                 const std::string& person) {
  std::vector<std::string> roles;
  const graph::Record* doc = Find(records, Kind::kDocument, id);
  REQUIRE(doc != nullptr);
  for (const auto& e : doc->edges) {
    if (e.type == EdgeType::kContributor && e.dst_id == person) roles.push_back(e.props.role);
  }
  return roles;
}

TEST_CASE("first authorship: creators of files and founders of topics", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  // c5 touches c1's driver file again, earlier in the file but later in time (UTC): nothing.
  // c6 is older than c2 by the UTC offset alone: the first commit about t-doc, its founder.
  // c7 adds a new file to t-net, founded by c1: a creator only; c8 touches it later: nothing.
  WriteGz(dir.Sub("commits.tsv.gz"),
          "sha\tauthor_date\tauthor_id\tcommitter_id\tsubject\n"
          "c5\t2024-05-01T10:00:00+00:00\tpb\tpb\tnet: fix\n"
          "c8\t2024-03-02T10:00:00+00:00\tpa\tpa\tnet: y again\n"
          "c7\t2024-03-01T10:00:00+00:00\tpb\tpb\tnet: add y\n"
          "c1\t2024-01-02T10:00:00+02:00\tpa\tpb\tnet: add a driver\n"
          "c2\t2024-02-03T10:00:00+00:00\tpb\tpb\tdoc: a guide\n"
          "c6\t2024-02-03T11:00:00+03:00\tpa\tpa\tdoc: first guide\n");
  WriteGz(dir.Sub("commit_files.tsv.gz"),
          "sha\tpath\nc5\tdrivers/net/x/x.c\nc1\tdrivers/net/x/x.c\n"
          "c7\tdrivers/net/y/y.c\nc8\tdrivers/net/y/y.c\n"
          "c2\tdoc/guides/intro.rst\nc6\tdoc/guides/intro.rst\n");
  HistoryCounts counts;
  auto records = ReadHistory(dir.path(), HistoryOptions{}, &counts);
  REQUIRE(records.ok());
  CHECK(RolesOf(*records, "c1", "pa") == std::vector<std::string>{"founder"});
  CHECK(RolesOf(*records, "c5", "pb").empty());
  CHECK(RolesOf(*records, "c6", "pa") == std::vector<std::string>{"founder"});
  CHECK(RolesOf(*records, "c2", "pb").empty());
  CHECK(RolesOf(*records, "c7", "pb") == std::vector<std::string>{"creator"});
  CHECK(RolesOf(*records, "c8", "pa").empty());

  HistoryOptions no_founder;
  no_founder.founder_role = false;
  auto creators = ReadHistory(dir.path(), no_founder, &counts);
  REQUIRE(creators.ok());
  CHECK(RolesOf(*creators, "c1", "pa") == std::vector<std::string>{"creator"});
  CHECK(RolesOf(*creators, "c7", "pb") == std::vector<std::string>{"creator"});

  HistoryOptions no_creator;
  no_creator.creator_role = false;
  auto founders = ReadHistory(dir.path(), no_creator, &counts);
  REQUIRE(founders.ok());
  CHECK(RolesOf(*founders, "c1", "pa") == std::vector<std::string>{"founder"});
  CHECK(RolesOf(*founders, "c7", "pb").empty());

  no_creator.founder_role = false;
  auto plain = ReadHistory(dir.path(), no_creator, &counts);
  REQUIRE(plain.ok());
  CHECK(RolesOf(*plain, "c1", "pa").empty());
}

TEST_CASE("history options: no committer, unit about weights, keep unmatched", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  HistoryOptions options;
  options.committer_as_contributor = false;
  options.weight_by_file_share = false;
  options.skip_unmatched_commits = false;
  HistoryCounts counts;
  auto records = ReadHistory(dir.path(), options, &counts);
  REQUIRE(records.ok());
  CHECK(counts.documents == 4);
  const graph::Record* c1 = Find(*records, Kind::kDocument, "c1");
  REQUIRE(c1 != nullptr);
  for (const auto& e : c1->edges) {
    if (e.type == EdgeType::kAbout) CHECK(e.props.weight == 1.0f);
    if (e.type == EdgeType::kContributor && e.dst_id == "pb")
      CHECK(e.props.role == "signed-off-by");
  }
}

TEST_CASE("a broken history is reported and imports nothing", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  TempDb db;
  SECTION("missing file") {
    std::remove(dir.Sub("commit_files.tsv.gz").c_str());
    auto counts = ImportHistory(db.db(), dir.path(), HistoryOptions{});
    CHECK(counts.status().code() == Status::Code::kIOError);
  }
  SECTION("bad date") {
    WriteGz(dir.Sub("commits.tsv.gz"),
            "sha\tauthor_date\tauthor_id\tcommitter_id\tsubject\nc1\tyesterday\tpa\tpa\tx\n");
    auto counts = ImportHistory(db.db(), dir.path(), HistoryOptions{});
    CHECK(counts.status().reason() == "bad_history");
    CHECK(counts.status().message().find("commits.tsv.gz:2") != std::string::npos);
  }
  CHECK(db.db().Snapshot()->NodesOfKind(Kind::kPerson).empty());
}

TEST_CASE("import and evaluate end to end on a tiny truth file", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  TempDb db;
  auto counts = ImportHistory(db.db(), dir.path(), HistoryOptions{});
  INFO(counts.status().ToString());
  REQUIRE(counts.ok());
  auto graph = db.db().Snapshot();
  CHECK(graph->NodesOfKind(Kind::kDocument).size() == 2);
  auto truth = query::ParseTruth(
      "topic_id\ttitle\tperson_id\tname\n"
      "t-net\tNet drivers\tpa\tAda\n"
      "t-doc\tGuides\tpa\tAda\n"
      "t-doc\tGuides\tpc\tCy\n"
      "t-none\tUnknown\tpb\tBo\n");
  REQUIRE(truth.ok());
  Day as_of = query::LatestDocumentDay(*graph);
  CHECK(as_of == *ParseDate("2024-02-03"));
  auto summary = query::Evaluate(*graph, *truth, 2, as_of, query::RankingConfig{});
  REQUIRE(summary.topics == 3);
  CHECK(summary.unanswered == 1);  // t-none is not in the graph
  // t-net: pa authored c1 -> rank 1.  t-doc: c2 by pb (author 1.0) beats pa (acked, 0.5) -> pa 2nd.
  CHECK(summary.per_topic[0].first_relevant_rank == 1);
  CHECK(summary.per_topic[1].first_relevant_rank == 2);
  CHECK(summary.mrr == Approx((1.0 + 0.5 + 0.0) / 3));
  CHECK(summary.hit == Approx(2.0 / 3));
}

TEST_CASE("the history preset ranks a topic's founder above a later frequent author", "[history]") {
  TempDir dir;
  WriteHistory(dir);
  // pa founds t-net with c1; pb then authors three commits on the same file.
  WriteGz(dir.Sub("commits.tsv.gz"),
          "sha\tauthor_date\tauthor_id\tcommitter_id\tsubject\n"
          "c1\t2024-01-01T10:00:00+00:00\tpa\tpa\tnet: add a driver\n"
          "c2\t2024-03-01T10:00:00+00:00\tpb\tpb\tnet: fix 1\n"
          "c3\t2024-06-01T10:00:00+00:00\tpb\tpb\tnet: fix 2\n"
          "c4\t2024-12-31T10:00:00+00:00\tpb\tpb\tnet: fix 3\n");
  WriteGz(dir.Sub("commit_files.tsv.gz"),
          "sha\tpath\nc1\tdrivers/net/x.c\nc2\tdrivers/net/x.c\nc3\tdrivers/net/x.c\n"
          "c4\tdrivers/net/x.c\n");
  WriteGz(dir.Sub("commit_trailers.tsv.gz"), "sha\trole\tperson_id\n");
  TempDb db;
  REQUIRE(ImportHistory(db.db(), dir.path(), HistoryOptions{}).ok());
  auto graph = db.db().Snapshot();
  auto history = query::RankingPreset("history");
  REQUIRE(history.ok());
  const Day as_of = *ParseDate("2024-12-31");
  graph::Vid topic = graph::kNoVid;
  for (graph::Vid v : graph->NodesOfKind(Kind::kTopic)) {
    if (graph->Node(v)->id == "t-net") topic = v;
  }
  auto rank = [&](const query::RankingConfig& config) {
    query::ExpertsQuery q;
    q.topics = {query::TopicMatch{topic, query::MatchKind::kId, 1.0}};
    q.as_of = as_of;
    return query::FindExperts(*graph, q, config);
  };
  // Decay 0.5^(age / 2920 days) per commit and once more per person since their last commit;
  // specificity (1 + edges at the person)^-0.25: pa has two (author and founder of c1, the only
  // contributor edge there), pb three.
  REQUIRE(history->document_half_life_days == 2920);
  REQUIRE(history->person_half_life_days == 2920);
  auto decay = [&](const char* day) { return std::exp2(-(as_of - *ParseDate(day)) / 2920.0); };
  const double pa_last = decay("2024-01-01");  // pb's last commit is as_of: 1
  const double pa =
      history->role_weights.at("founder") * decay("2024-01-01") * pa_last * std::pow(3, -0.25);
  const double pb =
      (decay("2024-03-01") + decay("2024-06-01") + decay("2024-12-31")) * std::pow(4, -0.25);
  auto experts = rank(*history);
  REQUIRE(experts.size() == 2);
  CHECK(graph->Node(experts[0].person)->id == "pa");
  CHECK(experts[0].score == Approx(pa).epsilon(1e-12));
  CHECK(experts[1].score == Approx(pb).epsilon(1e-12));
  // Without the founder weight pa's authorship alone counts, and pb's three commits win.
  query::RankingConfig no_founder = *history;
  no_founder.role_weights["founder"] = 0;
  experts = rank(no_founder);
  REQUIRE(experts.size() == 2);
  CHECK(graph->Node(experts[0].person)->id == "pb");
  CHECK(experts[1].score ==
        Approx(decay("2024-01-01") * pa_last * std::pow(3, -0.25)).epsilon(1e-12));
}

}  // namespace
}  // namespace whoknows::ingest
