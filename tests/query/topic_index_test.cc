#include "whoknows/query/topic_index.h"

#include <catch2/catch.hpp>

#include "test_graph.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::TestGraph;
using Strings = std::vector<std::string>;

struct Topics {
  std::shared_ptr<const graph::Graph> graph;
  std::shared_ptr<const TopicIndex> index;

  Strings Ids(const std::vector<TopicMatch>& matches) const {
    Strings ids;
    for (const TopicMatch& m : matches) ids.push_back(graph->Node(m.vid)->id.str());
    return ids;
  }
  Strings Resolve(const std::string& q) const { return Ids(index->Resolve(q)); }
  Strings Search(const std::string& q, size_t limit = 10) const {
    return Ids(index->Search(q, limit));
  }
};

Topics MakeTopics() {
  TestGraph t;
  t.Topic("kubernetes", "Kubernetes", {"K8s", "kube"});
  t.Topic("kubeflow", "Kubeflow");
  t.Topic("ml", "Machine Learning", {"ML", "statistical learning"});
  t.Topic("deep-learning", "Deep Learning", {"DL"});
  t.Topic("go", "Go", {"golang"});
  t.Topic("go-kit", "Go kit");
  t.Topic("postgres", "PostgreSQL", {"Postgres", "PG"});
  t.Topic("cafe", "Caf\xc3\xa9 Culture");  // UTF-8 bytes kept as they are
  t.Topic("rust", "Rust");
  t.Topic("Rust", "Rust (game)");  // ids are case-sensitive: two topics
  Topics out;
  out.graph = t.Build();
  out.index = TopicIndex::Build(*out.graph);
  return out;
}

TEST_CASE("topic index resolves ids, names and aliases ignoring case", "[query]") {
  Topics t = MakeTopics();
  CHECK(t.Resolve("kubernetes") == Strings{"kubernetes"});
  CHECK(t.Resolve("KUBERNETES") == Strings{"kubernetes"});
  CHECK(t.Resolve("k8s") == Strings{"kubernetes"});
  CHECK(t.Resolve("  Kube ") == Strings{"kubernetes"});
  CHECK(t.Resolve("machine   learning") == Strings{"ml"});
  CHECK(t.Resolve("Statistical Learning") == Strings{"ml"});
  CHECK(t.Resolve("postgresql") == Strings{"postgres"});
  CHECK(t.Resolve("CAF\xc3\xa9 culture") == Strings{"cafe"});

  auto by_alias = t.index->Resolve("K8S");
  REQUIRE(by_alias.size() == 1);
  CHECK(by_alias[0].match == MatchKind::kAlias);
  CHECK(by_alias[0].score == 1.0);
  CHECK(t.index->Resolve("Kubernetes")[0].match == MatchKind::kId);
  CHECK(t.index->Resolve("deep learning")[0].match == MatchKind::kName);
}

TEST_CASE("topic index prefers id over name over alias matches", "[query]") {
  Topics t = MakeTopics();
  // "postgres" is an id and an alias of the same topic; "rust" the id of two topics in
  // different cases: both, ordered by name.
  CHECK(t.index->Resolve("postgres")[0].match == MatchKind::kId);
  CHECK(t.Resolve("RUST") == Strings{"rust", "Rust"});
  // "go" is an id; "go kit" is a name only.
  CHECK(t.Resolve("go") == Strings{"go"});
  CHECK(t.Resolve("GO KIT") == Strings{"go-kit"});
}

TEST_CASE("topic index resolves a close typo to the single best topic", "[query]") {
  Topics t = MakeTopics();
  auto typo = t.index->Resolve("kubernetse");
  REQUIRE(typo.size() == 1);
  CHECK(t.graph->Node(typo[0].vid)->id == "kubernetes");
  CHECK(typo[0].match == MatchKind::kFuzzy);
  CHECK(typo[0].score < 1.0);
  CHECK(t.Resolve("postgresq") == Strings{"postgres"});
  CHECK(t.Resolve("golnag") == Strings{"go"});  // alias "golang", one transposition
}

TEST_CASE("topic index resolves nothing for unknown or far-off queries", "[query]") {
  Topics t = MakeTopics();
  CHECK(t.Resolve("haskell").empty());
  CHECK(t.Resolve("kbrnts").empty());  // too far from kubernetes
  CHECK(t.Resolve("gx").empty());      // short queries only match exactly
  CHECK(t.Resolve("").empty());
  CHECK(t.Resolve("   ").empty());
}

TEST_CASE("topic search lists exact, prefix and word matches best first, each once", "[query]") {
  Topics t = MakeTopics();
  auto kube = t.index->Search("kube", 10);
  // "kube" is an alias of kubernetes (exact); kubeflow starts with it.
  CHECK(t.Ids(kube) == Strings{"kubernetes", "kubeflow"});
  CHECK(kube[0].match == MatchKind::kAlias);
  CHECK(kube[1].match == MatchKind::kPrefix);
  CHECK(kube[0].score > kube[1].score);

  // "learn" starts a word of two names and of an alias.
  CHECK(t.Search("learn") == Strings{"deep-learning", "ml"});
  CHECK(t.index->Search("learn", 10)[0].match == MatchKind::kPrefix);
  // A longer completion ranks below a shorter one: "Go" before "Go kit".
  CHECK(t.Search("go").at(0) == "go");
  CHECK(t.Search("go").at(1) == "go-kit");
  CHECK(t.Search("kube", 1) == Strings{"kubernetes"});
  // An exact match on several keys reports the strongest: "postgres" is an id and an alias.
  CHECK(t.index->Search("POSTGRES", 1).at(0).match == MatchKind::kId);
  CHECK(t.index->Search("pg", 1).at(0).match == MatchKind::kAlias);
  CHECK(t.Search("kube", 0).empty());
  CHECK(t.Search("zzz").empty());
}

TEST_CASE("topic search finds topics despite typos", "[query]") {
  Topics t = MakeTopics();
  auto typo = t.index->Search("kubrnetes", 5);
  REQUIRE_FALSE(typo.empty());
  CHECK(t.graph->Node(typo[0].vid)->id == "kubernetes");
  CHECK(typo[0].match == MatchKind::kFuzzy);
  // A typo in a partly typed name.
  CHECK(t.Search("postgrs").at(0) == "postgres");
  CHECK(t.Search("kuebrn").at(0) == "kubernetes");
}

TEST_CASE("topic index cache rebuilds only when the topics change", "[query]") {
  TestGraph t;
  t.Topic("go", "Go");
  t.Person("p");
  auto g1 = t.Build();
  TopicIndexCache cache;
  auto i1 = cache.Get(*g1);
  CHECK(i1->Resolve("rust").empty());
  CHECK(cache.Get(*g1) == i1);

  t.Person("q");  // not a topic change
  auto g2 = t.Build();
  CHECK(cache.Get(*g2) == i1);

  t.Topic("rust", "Rust");
  auto g3 = t.Build();
  auto i3 = cache.Get(*g3);
  CHECK(i3 != i1);
  REQUIRE(i3->Resolve("rust").size() == 1);
}

TEST_CASE("match kinds have stable names", "[query]") {
  CHECK(MatchKindName(MatchKind::kId) == "id");
  CHECK(MatchKindName(MatchKind::kName) == "name");
  CHECK(MatchKindName(MatchKind::kAlias) == "alias");
  CHECK(MatchKindName(MatchKind::kPrefix) == "prefix");
  CHECK(MatchKindName(MatchKind::kFuzzy) == "fuzzy");
}

}  // namespace
}  // namespace whoknows::query
