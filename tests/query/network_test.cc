// Related topics, similar people and introduction paths on small graphs.
#include "whoknows/query/network.h"

#include <catch2/catch.hpp>

#include "query/test_graph.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::DaysBefore;
using testing::TestGraph;

// a - b share d1 (k8s, helm); b - c share p1 (k8s); c - z (opted out) share d2 (go);
// z - e share d3 (go); f writes alone about go.
struct Net {
  TestGraph t;
  Vid k8s, helm, go, a, b, c, z, e, f, d1, p1;
  std::shared_ptr<const graph::Graph> g;
  Net() {
    k8s = t.Topic("k8s", "Kubernetes");
    helm = t.Topic("helm", "Helm");
    go = t.Topic("go", "Go");
    a = t.Person("a");
    b = t.Person("b");
    c = t.Person("c");
    z = t.Person("z", "", "", true);
    e = t.Person("e");
    f = t.Person("f");
    d1 = t.Document("d1", DaysBefore(1), {a, b}, {k8s, helm});
    p1 = t.Project("p1", DaysBefore(100), kNoDay, {k8s});
    t.Member(p1, b);
    t.Member(p1, c);
    t.Document("d2", DaysBefore(1), {c, z}, {go});
    t.Document("d3", DaysBefore(1), {z, e}, {go});
    t.Document("d4", DaysBefore(1), {f}, {go});
    t.Skill(f, helm, 5);
    g = t.Build();
  }
};

TEST_CASE("related topics share items and people", "[query][network]") {
  Net n;
  const auto related = RelatedTopics(*n.g, n.k8s, 0);
  REQUIRE(related.size() == 2);
  CHECK(related[0].topic == n.helm);
  CHECK(related[0].shared_documents == 1);
  CHECK(related[0].shared_people == 2);  // a and b (f only declares helm)
  CHECK(related[1].topic == n.go);       // through c, who also wrote about go
  CHECK(related[1].shared_documents == 0);
  CHECK(related[0].score > related[1].score);
  CHECK(RelatedTopics(*n.g, n.k8s, 1).size() == 1);
}

TEST_CASE("similar people by topic vectors, never the opted out", "[query][network]") {
  Net n;
  const auto similar = SimilarPeople(*n.g, n.a, 0);
  REQUIRE(!similar.empty());
  CHECK(similar[0].person == n.b);
  CHECK(similar[0].score > 0.5);
  CHECK(similar[0].topics.size() == 2);
  for (const auto& s : similar) CHECK(s.person != n.z);
  const auto go_people = SimilarPeople(*n.g, n.e, 0);
  for (const auto& s : go_people) CHECK(s.person != n.z);
  CHECK(SimilarPeople(*n.g, n.z, 0).empty());
}

TEST_CASE("introduction paths go through shared items and around opted-out people",
          "[query][network]") {
  Net n;
  const auto path = IntroductionPath(*n.g, n.a, n.c);
  REQUIRE(path.size() == 3);
  CHECK(path[0].person == n.a);
  CHECK(path[0].via == graph::kNoVid);
  CHECK(path[1].person == n.b);
  CHECK(path[1].via == n.d1);
  CHECK(path[2].person == n.c);
  CHECK(path[2].via == n.p1);
  CHECK(IntroductionPath(*n.g, n.a, n.e).empty());  // only through z, who opted out
  CHECK(IntroductionPath(*n.g, n.a, n.f).empty());
  CHECK(IntroductionPath(*n.g, n.a, n.c, 1).empty());  // two hops needed
  CHECK(IntroductionPath(*n.g, n.a, n.a).size() == 1);
}

}  // namespace
}  // namespace whoknows::query
