// The graph loaded at Database::Open (graph/graph_loader.h, on several threads) against the graph
// the writes built in memory (GraphBuilder), on a generated company: the fast path must give the
// same answers as the straightforward one.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "support/temp_db.h"
#include "whoknows/demo/generator.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"

namespace {

using namespace whoknows;
using namespace whoknows::graph;
using whoknows::testing::TempDir;

std::unique_ptr<Database> OpenOrFail(const std::string& dir, int load_threads) {
  DatabaseOptions options;
  options.store.sync_writes = false;
  options.load_threads = load_threads;
  auto db = Database::Open(dir, options);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

using EdgeKey = std::tuple<Vid, EdgeType, uint16_t, float, uint8_t, Day, Day, std::string>;
std::vector<EdgeKey> Keys(EdgeList edges, bool sorted) {
  std::vector<EdgeKey> out;
  for (const Edge& e : edges) {
    out.emplace_back(e.other, e.type, e.props.position, e.props.weight, e.props.level,
                     e.props.since, e.props.until, std::string(e.props.role.view()));
  }
  if (sorted) std::sort(out.begin(), out.end());
  return out;
}

// Same nodes and fields, same kind lists, same out-lists in the same order, same in-lists (in the
// same order when `in_order`, else up to order), same counts.  Returns the number of vids checked.
size_t CheckSame(const Graph& a, const Graph& b, bool in_order) {
  REQUIRE(a.EdgeCount() == b.EdgeCount());
  for (Kind kind : kAllKinds) REQUIRE(a.NodesOfKind(kind) == b.NodesOfKind(kind));
  REQUIRE((a.TopicsVersion() > 0) == (b.TopicsVersion() > 0));
  size_t mismatches = 0;
  const Vid limit = std::max(a.VidLimit(), b.VidLimit());
  for (Vid v = 0; v < limit; ++v) {
    const bool same =
        (a.Node(v) == nullptr) == (b.Node(v) == nullptr) &&
        (a.Node(v) == nullptr ||
         (*a.Node(v) == *b.Node(v) && Keys(a.Out(v), false) == Keys(b.Out(v), false) &&
          Keys(a.In(v), !in_order) == Keys(b.In(v), !in_order)));
    if (!same && ++mismatches <= 3) FAIL_CHECK("vid " << v << " differs");
  }
  CHECK(mismatches == 0);
  return limit;
}

// In-lists as the loader promises them: by source vid, then in the source's out-list order.
bool InListsCanonical(const Graph& g) {
  for (Vid v = 0; v < g.VidLimit(); ++v) {
    const EdgeList in = g.In(v);
    for (size_t i = 1; i < in.size(); ++i) {
      if (in[i - 1].other > in[i].other) return false;
    }
  }
  return true;
}

TEST_CASE("a generated company reopens as the graph its writes built, on any number of threads",
          "[ingest][database]") {
  demo::CompanyOptions options;
  options.people = 1000;  // about 12,000 vids: a dozen chunks, so several load ranges
  std::ostringstream ndjson;
  demo::GenerateCompany(options, ndjson);
  TempDir tmp;
  std::shared_ptr<const Graph> written;
  {
    auto db = OpenOrFail(tmp.Sub("db"), 1);
    auto imported = ingest::Import(*db, ndjson.str(), ingest::ImportLimits{});
    INFO(imported.status().ToString());
    REQUIRE(imported.ok());
    // Delete some entities so that vids have gaps (a person with every edge at them and their
    // endorsements, a document), and rewrite a document with one earlier person as its only
    // author, so that in-lists are no longer in source-vid order.
    const std::shared_ptr<const Graph> imported_graph = db->Snapshot();
    const auto& people = imported_graph->NodesOfKind(Kind::kPerson);
    const auto& docs = imported_graph->NodesOfKind(Kind::kDocument);
    REQUIRE(people.size() > 10);
    REQUIRE(docs.size() > 10);
    const std::string person = imported_graph->Node(people[3])->id.str();
    const std::string doc = imported_graph->Node(docs[5])->id.str();
    const std::string late_author = imported_graph->Node(people[0])->id.str();
    REQUIRE(db->Delete(Kind::kPerson, person).ok());
    REQUIRE(db->Delete(Kind::kDocument, doc).ok());
    Record rewritten;
    rewritten.node = *imported_graph->Node(docs[7]);
    rewritten.edges.push_back({EdgeType::kAuthoredBy, Kind::kPerson, late_author, {}});
    rewritten.edges.back().props.position = 0;
    REQUIRE(db->Apply({rewritten}).ok());
    written = db->Snapshot();
  }
  auto one = OpenOrFail(tmp.Sub("db"), 1);
  CHECK(CheckSame(*written, *one->Snapshot(), /*in_order=*/false) > 10000);
  CHECK(InListsCanonical(*one->Snapshot()));
  const int threads = GENERATE(2, 3, 8);
  one.reset();
  auto many = OpenOrFail(tmp.Sub("db"), threads);
  CheckSame(*written, *many->Snapshot(), /*in_order=*/false);
  // The loaded graph does not depend on the number of threads, in-list order included.
  many.reset();
  auto again = OpenOrFail(tmp.Sub("db"), 1)->Snapshot();
  auto parallel = OpenOrFail(tmp.Sub("db"), threads)->Snapshot();
  CheckSame(*again, *parallel, /*in_order=*/true);
}

}  // namespace
