#include "whoknows/query/experts.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "test_graph.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::query {
namespace {

using graph::Vid;
using testing::DaysBefore;
using testing::Experts;
using testing::Ids;
using testing::kAsOf;
using testing::ScoreOf;
using testing::TestGraph;
using Strings = std::vector<std::string>;

TEST_CASE("experts ranks people with more evidence about the topic higher", "[query]") {
  TestGraph t;
  Vid k8s = t.Topic("kubernetes", "Kubernetes");
  Vid rust = t.Topic("rust", "Rust");
  Vid alice = t.Person("alice"), bob = t.Person("bob"), carol = t.Person("carol");
  t.Document("d1", DaysBefore(10), {alice}, {k8s});
  t.Document("d2", DaysBefore(10), {alice}, {k8s});
  t.Document("d3", DaysBefore(10), {bob}, {k8s});
  t.Document("d4", DaysBefore(10), {carol}, {rust});
  t.Document("d5", DaysBefore(10), {carol}, {rust});
  auto g = t.Build();

  auto experts = Experts(*g, {k8s});
  CHECK(Ids(*g, experts) == Strings{"alice", "bob"});
  CHECK(experts[0].score == Approx(2 * experts[1].score));
  CHECK(Ids(*g, Experts(*g, {rust})) == Strings{"carol"});
}

TEST_CASE("experts ranks recent authors above old ones, halving per half-life", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("kubernetes", "Kubernetes");
  Vid old_hand = t.Person("old-hand"), newcomer = t.Person("newcomer"), now = t.Person("now");
  RankingConfig config;
  int half_life = static_cast<int>(config.document_half_life_days);
  t.Document("old", DaysBefore(2 * half_life), {old_hand}, {topic});
  t.Document("recent", DaysBefore(half_life), {newcomer}, {topic});
  t.Document("today", kAsOf, {now}, {topic});
  t.Document("future", kAsOf + 100, {now}, {topic});  // after as_of: no decay, no bonus
  auto g = t.Build();

  auto experts = Experts(*g, {topic}, config);
  REQUIRE(Ids(*g, experts) == Strings{"now", "newcomer", "old-hand"});
  CHECK(experts[0].score == Approx(2.0));
  CHECK(experts[1].score == Approx(0.5));
  CHECK(experts[2].score == Approx(0.25));
}

TEST_CASE("experts weighs people by their last activity when person_half_life_days is set",
          "[query]") {
  TestGraph t;
  Vid topic = t.Topic("kubernetes", "Kubernetes");
  Vid other = t.Topic("rust", "Rust");
  Vid left = t.Person("left"), stayed = t.Person("stayed"), ahead = t.Person("ahead");
  Vid undated = t.Person("undated"), reviewer = t.Person("reviewer"), newbie = t.Person("newbie");
  // Four wrote about the topic 730 days before as_of; "stayed" wrote since, about another topic,
  // "ahead" after as_of (counts as as_of), and "reviewer" only reviewed a document of today.
  t.Document("k1", DaysBefore(730), {left}, {topic});
  t.Document("k2", DaysBefore(730), {stayed}, {topic});
  t.Document("k3", DaysBefore(730), {ahead}, {topic});
  t.Document("k4", DaysBefore(730), {reviewer}, {topic});
  t.Document("r1", DaysBefore(10), {stayed}, {other});
  t.Document("r2", kAsOf + 100, {ahead}, {other});
  Vid r3 = t.Document("r3", kAsOf, {newbie}, {other});
  t.Contributor(r3, reviewer, "reviewer");
  t.Document("u1", kNoDay, {undated}, {topic});  // undated: neither decays
  auto g = t.Build();

  RankingConfig config;  // document half-life 730: each topic document is worth 0.5
  config.person_half_life_days = 365;
  auto experts = Experts(*g, {topic}, config);
  REQUIRE(Ids(*g, experts) == Strings{"undated", "ahead", "reviewer", "stayed", "left"});
  CHECK(ScoreOf(experts, undated) == Approx(1.0).epsilon(1e-12));
  CHECK(ScoreOf(experts, ahead) == Approx(0.5).epsilon(1e-12));
  CHECK(ScoreOf(experts, reviewer) == Approx(0.5).epsilon(1e-12));
  CHECK(ScoreOf(experts, stayed) == Approx(0.5 * std::exp2(-10.0 / 365)).epsilon(1e-12));
  CHECK(ScoreOf(experts, left) == Approx(0.5 * 0.25).epsilon(1e-12));  // two person half-lives

  config.person_half_life_days = 0;  // off: the four topic documents are worth the same
  experts = Experts(*g, {topic}, config);
  CHECK(ScoreOf(experts, left) == Approx(0.5).epsilon(1e-12));
  CHECK(ScoreOf(experts, stayed) == Approx(0.5).epsilon(1e-12));
}

TEST_CASE("experts gives each of many authors a smaller share", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid solo = t.Person("solo"), a = t.Person("a"), b = t.Person("b"), c = t.Person("c");
  t.Document("alone", DaysBefore(0), {solo}, {topic});
  t.Document("together", DaysBefore(0), {a, b, c}, {topic});
  auto g = t.Build();

  auto experts = Experts(*g, {topic});
  REQUIRE(Ids(*g, experts) == Strings{"solo", "a", "b", "c"});
  CHECK(ScoreOf(experts, solo) == Approx(1.0));
  CHECK(ScoreOf(experts, a) == Approx(1.0 / 3));
  CHECK(ScoreOf(experts, c) == Approx(1.0 / 3));
}

TEST_CASE("experts ranks an author above a reviewer of the same document", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("postgres", "PostgreSQL");
  Vid author = t.Person("zed-author"), reviewer = t.Person("amy-reviewer");
  Vid tester = t.Person("tom-tester"), helper = t.Person("hal-helper");
  Vid doc = t.Document("d", DaysBefore(0), {author}, {topic});
  t.Contributor(doc, reviewer, "reviewer");
  t.Contributor(doc, tester, "tester");
  t.Contributor(doc, helper, "translator");  // an unlisted role: contributor_weight
  auto g = t.Build();

  RankingConfig config;
  auto experts = Experts(*g, {topic}, config);
  REQUIRE(Ids(*g, experts) == Strings{"zed-author", "amy-reviewer", "hal-helper", "tom-tester"});
  CHECK(ScoreOf(experts, author) == Approx(config.author_weight));
  CHECK(ScoreOf(experts, reviewer) == Approx(config.role_weights.at("reviewer") / 3));
  CHECK(ScoreOf(experts, helper) == Approx(config.contributor_weight / 3));
  CHECK(experts[1].evidence.at(0).role == "reviewer");
  CHECK(experts[0].evidence.at(0).role == "author");
}

TEST_CASE("experts weighs every contributor role as the config's map names it", "[query]") {
  // The scorer resolves the map to role ids once; each contributor must still get exactly the
  // weight a lookup of its role's name gives, for many roles, listed or not, seen before or not.
  TestGraph t;
  Vid topic = t.Topic("erlang", "Erlang");
  Vid doc = t.Document("d", DaysBefore(0), {}, {topic});
  RankingConfig config;
  config.role_weights["experts-test-never-on-an-edge"] = 9.0;
  constexpr int kRoles = 150;
  std::vector<Vid> people;
  for (int i = 0; i < kRoles; ++i) {
    const std::string role = "experts-test-role-" + std::to_string(i);
    if (i % 3 == 0) config.role_weights[role] = 0.01 * (i + 1);  // a third listed
    people.push_back(t.Person("p" + std::to_string(i)));
    t.Contributor(doc, people.back(), role);
  }
  auto g = t.Build();
  config.role_weights["experts-test-role-1"] = 0.77;  // listed after the roles were interned

  auto experts = Experts(*g, {topic}, config);  // every expert
  REQUIRE(experts.size() == kRoles);
  for (int i = 0; i < kRoles; ++i) {
    const std::string role = "experts-test-role-" + std::to_string(i);
    auto it = config.role_weights.find(role);
    const double weight = it == config.role_weights.end() ? config.contributor_weight : it->second;
    INFO(role);
    CHECK(ScoreOf(experts, people[static_cast<size_t>(i)]) == Approx(weight / kRoles));
  }
}

TEST_CASE("experts counts a person who is both author and reviewer once, as author", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid p = t.Person("p");
  Vid doc = t.Document("d", DaysBefore(0), {p}, {topic});
  t.Contributor(doc, p, "reviewer");
  auto g = t.Build();

  auto experts = Experts(*g, {topic});
  REQUIRE(experts.size() == 1);
  CHECK(experts[0].score == Approx(1.0));
  CHECK(experts[0].evidence_count == 1);
  CHECK(experts[0].evidence[0].role == "author");
}

TEST_CASE("experts counts narrower-topic evidence for the broader topic, less than direct",
          "[query]") {
  TestGraph t;
  Vid containers = t.Topic("containers", "Containers");
  Vid k8s = t.Topic("kubernetes", "Kubernetes");
  Vid helm = t.Topic("helm", "Helm");
  Vid deep = t.Topic("deep", "Deep");
  Vid deeper = t.Topic("deeper", "Deeper");
  t.Broader(k8s, containers);
  t.Broader(helm, k8s);
  t.Broader(deep, helm);
  t.Broader(deeper, deep);  // four levels below containers: past max_narrower_depth
  Vid direct = t.Person("direct"), child = t.Person("child"), grandchild = t.Person("grandchild");
  Vid great = t.Person("great"), too_deep = t.Person("too-deep");
  t.Document("d1", kAsOf, {direct}, {containers});
  t.Document("d2", kAsOf, {child}, {k8s});
  t.Document("d3", kAsOf, {grandchild}, {helm});
  t.Document("d4", kAsOf, {great}, {deep});
  t.Document("d5", kAsOf, {too_deep}, {deeper});
  auto g = t.Build();

  auto experts = Experts(*g, {containers});
  REQUIRE(Ids(*g, experts) == Strings{"direct", "child", "grandchild", "great"});
  CHECK(ScoreOf(experts, child) == Approx(0.5));
  CHECK(ScoreOf(experts, grandchild) == Approx(0.25));
  CHECK(ScoreOf(experts, great) == Approx(0.125));
  CHECK(experts[1].evidence[0].topic == k8s);
  // Evidence flows down the hierarchy only: the broader topic's experts are not k8s experts.
  CHECK(Ids(*g, Experts(*g, {k8s})) == Strings{"child", "grandchild", "great", "too-deep"});
}

TEST_CASE("experts counts related-topic evidence at the related weight, in both directions",
          "[query]") {
  TestGraph t;
  Vid k8s = t.Topic("kubernetes", "Kubernetes");
  Vid docker = t.Topic("docker", "Docker");
  Vid helm = t.Topic("helm", "Helm");
  t.Related(docker, k8s);  // declared on docker: still related from kubernetes
  t.Related(k8s, helm);
  t.Broader(helm, k8s);  // helm is also narrower: its larger weight wins
  Vid d = t.Person("d"), h = t.Person("h"), k = t.Person("k");
  t.Document("x1", kAsOf, {d}, {docker});
  t.Document("x2", kAsOf, {h}, {helm});
  t.Document("x3", kAsOf, {k}, {k8s});
  auto g = t.Build();

  RankingConfig config;
  auto experts = Experts(*g, {k8s}, config);
  REQUIRE(Ids(*g, experts) == Strings{"k", "h", "d"});
  CHECK(ScoreOf(experts, h) == Approx(config.narrower_decay));
  CHECK(ScoreOf(experts, d) == Approx(config.related_weight));
}

TEST_CASE("experts counts a document once per person, at its best topic link", "[query]") {
  TestGraph t;
  Vid containers = t.Topic("containers", "Containers");
  Vid k8s = t.Topic("kubernetes", "Kubernetes");
  t.Broader(k8s, containers);
  Vid p = t.Person("p"), q = t.Person("q");
  t.Document("both", kAsOf, {p}, {k8s, containers});
  t.WeightedDocument("partly", kAsOf, {q}, {{containers, 0.4f}, {k8s, 1.0f}});
  auto g = t.Build();

  auto experts = Experts(*g, {containers});
  REQUIRE(Ids(*g, experts) == Strings{"p", "q"});
  CHECK(experts[0].score == Approx(1.0));
  CHECK(experts[0].evidence_count == 1);
  CHECK(experts[0].evidence[0].topic == containers);
  // q: max(0.4 x 1 via containers, 1 x 0.5 via kubernetes) = 0.5, through kubernetes.
  CHECK(experts[1].score == Approx(0.5));
  CHECK(experts[1].evidence[0].topic == k8s);
}

TEST_CASE("experts gives the same answer for a topic's id, name and alias in any case", "[query]") {
  TestGraph t;
  Vid k8s = t.Topic("kubernetes", "Kubernetes Platform", {"K8s", "kube"});
  Vid other = t.Topic("k8s-tools", "K8s tooling");
  Vid a = t.Person("a"), b = t.Person("b"), c = t.Person("c");
  t.Document("d1", DaysBefore(5), {a, b}, {k8s});
  t.Document("d2", DaysBefore(500), {c}, {k8s});
  t.Document("d3", DaysBefore(5), {c}, {other});
  auto g = t.Build();
  auto index = TopicIndex::Build(*g);

  auto run = [&](const std::string& text) {
    ExpertsQuery q;
    q.topics = index->Resolve(text);
    q.as_of = kAsOf;
    return FindExperts(*g, q, RankingConfig{});
  };
  auto by_id = run("kubernetes");
  REQUIRE(Ids(*g, by_id) == Strings{"c", "a", "b"});
  for (const std::string text : {"KUBERNETES", "kubernetes platform", "k8s", "K8S", "Kube"}) {
    auto other_answer = run(text);
    INFO(text);
    REQUIRE(Ids(*g, other_answer) == Ids(*g, by_id));
    for (size_t i = 0; i < by_id.size(); ++i) CHECK(other_answer[i].score == by_id[i].score);
  }
}

TEST_CASE("experts ranks a declared skill alone below substantial document evidence", "[query]") {
  TestGraph t;
  Vid rust = t.Topic("rust", "Rust");
  Vid tokio = t.Topic("tokio", "Tokio");
  Vid serde = t.Topic("serde", "Serde");
  t.Broader(tokio, rust);
  t.Broader(serde, rust);
  Vid claimer = t.Person("claimer"), writer = t.Person("writer"), nobody = t.Person("nobody");
  t.Skill(claimer, rust, 5);
  t.Skill(claimer, tokio, 5);  // more declared skills in the expansion: still one weak signal
  t.Skill(claimer, serde, 5);
  t.Skill(nobody, rust, 0);  // level 0 claims nothing
  // A year-old design document written with two colleagues.
  Vid c1 = t.Person("c1"), c2 = t.Person("c2");
  t.Document("design", DaysBefore(365), {writer, c1, c2}, {rust});
  auto g = t.Build();

  RankingConfig config;
  auto experts = Experts(*g, {rust}, config);
  REQUIRE(Ids(*g, experts) == Strings{"c1", "c2", "writer", "claimer"});
  CHECK(ScoreOf(experts, claimer) == Approx(config.skill_weight));
  CHECK(experts[3].evidence_count == 1);
  CHECK(experts[3].evidence[0].kind == EvidenceKind::kSkill);
  CHECK(experts[3].evidence[0].role == "level 5");
  CHECK(experts[3].evidence[0].topic == rust);
}

TEST_CASE("experts adds endorsements with diminishing returns", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("ml", "Machine learning");
  Vid sub = t.Topic("nlp", "NLP");
  t.Broader(sub, topic);
  std::vector<Vid> endorsers;
  for (int i = 0; i < 5; ++i) endorsers.push_back(t.Person("e" + std::to_string(i)));
  std::vector<Vid> people;
  for (int n = 1; n <= 4; ++n) {
    Vid p = t.Person("p" + std::to_string(n));
    people.push_back(p);
    for (int i = 0; i < n; ++i) t.Endorse(endorsers[i], p, topic);
  }
  // The same endorser on the topic and a narrower one counts once; self-endorsement not at all.
  t.Endorse(endorsers[0], people[0], sub);
  t.Endorse(people[0], people[0], topic);
  auto g = t.Build();

  RankingConfig config;
  auto experts = Experts(*g, {topic}, config);
  REQUIRE(Ids(*g, experts) == Strings{"p4", "p3", "p2", "p1"});
  double previous = 0, previous_gain = 1e9;
  for (int n = 1; n <= 4; ++n) {
    double score = ScoreOf(experts, people[n - 1]);
    CHECK(score == Approx(config.endorsement_weight * std::log2(1.0 + n)));
    CHECK(score - previous < previous_gain);
    previous_gain = score - previous;
    previous = score;
  }
  CHECK(experts[3].evidence_count == 1);
  CHECK(experts[3].evidence[0].source == endorsers[0]);
}

TEST_CASE("experts never returns people without evidence or who opted out", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid other = t.Topic("java", "Java");
  Vid hidden = t.Person("hidden", "", "", /*opted_out=*/true);
  Vid shown = t.Person("shown");
  t.Person("idle");
  Vid elsewhere = t.Person("elsewhere");
  Vid empty = t.Topic("empty", "Empty");
  t.Document("d1", kAsOf, {hidden}, {topic});
  t.Document("d2", kAsOf, {hidden}, {topic});
  t.Document("d3", DaysBefore(3000), {shown}, {topic});
  t.Document("d4", kAsOf, {elsewhere}, {other});
  t.Skill(hidden, topic, 5);
  t.Endorse(shown, hidden, topic);
  auto g = t.Build();

  CHECK(Ids(*g, Experts(*g, {topic})) == Strings{"shown"});
  CHECK(Experts(*g, {empty}).empty());
}

TEST_CASE("experts evidence accounts for the score, most important first", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("sre", "SRE");
  Vid sub = t.Topic("oncall", "On-call");
  t.Broader(sub, topic);
  Vid p = t.Person("p"), x = t.Person("x"), y = t.Person("y");
  t.Document("a", DaysBefore(30), {p}, {topic});
  t.Document("b", DaysBefore(900), {p, x}, {sub});
  Vid reviewed = t.Document("c", DaysBefore(100), {x}, {topic});
  t.Contributor(reviewed, p, "reviewer");
  Vid project = t.Project("proj", DaysBefore(800), kNoDay, {topic});
  t.Member(project, p, "lead");
  t.Skill(p, topic, 4);
  t.Endorse(x, p, topic);
  t.Endorse(y, p, sub);
  auto g = t.Build();

  auto all = Experts(*g, {topic});
  REQUIRE(Ids(*g, all).at(0) == "p");
  const Expert& e = all[0];
  REQUIRE(e.evidence.size() == 7);
  CHECK(e.evidence_count == 7);
  double sum = 0;
  for (size_t i = 0; i < e.evidence.size(); ++i) {
    sum += e.evidence[i].contribution;
    if (i > 0) CHECK(e.evidence[i - 1].contribution >= e.evidence[i].contribution);
  }
  CHECK(sum == e.score);
  CHECK(e.evidence[0].kind == EvidenceKind::kDocument);
  CHECK(g->Node(e.evidence[0].item)->id == "a");

  auto top = Experts(*g, {topic}, RankingConfig{}, 0, /*max_evidence=*/2);
  CHECK(top[0].evidence.size() == 2);
  CHECK(top[0].evidence_count == 7);
  CHECK(top[0].score == e.score);
}

TEST_CASE("experts scores projects by role, duration and recency", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("search", "Search");
  Vid lead = t.Person("lead"), member = t.Person("member"), brief = t.Person("brief");
  Vid former = t.Person("former"), undated = t.Person("undated");
  Vid ongoing = t.Project("ongoing", DaysBefore(800), kNoDay, {topic});
  t.Member(ongoing, lead, "lead");
  t.Member(ongoing, member, "engineer");
  t.Member(ongoing, brief, "", DaysBefore(73), kNoDay);  // a fifth of a year so far
  t.Member(ongoing, undated, "", kNoDay, kNoDay);
  Vid ended = t.Project("ended", DaysBefore(3000), DaysBefore(1095 * 2), {topic});
  t.Member(ended, former, "engineer");
  auto g = t.Build();

  RankingConfig config;
  auto experts = Experts(*g, {topic}, config);
  double w = config.project_weight;
  CHECK(ScoreOf(experts, lead) == Approx(w * 1.5));
  CHECK(ScoreOf(experts, member) == Approx(w));
  CHECK(ScoreOf(experts, undated) == Approx(w));  // the project's dates stand in
  CHECK(ScoreOf(experts, brief) == Approx(w * (0.5 + 0.5 * 73 / 365.25)));
  // Ended two half-lives ago after more than a year.
  CHECK(ScoreOf(experts, former) == Approx(w * 0.25));
  CHECK(Ids(*g, experts) == Strings{"lead", "member", "undated", "brief", "former"});
  const Evidence& ev = experts[0].evidence.at(0);
  CHECK(ev.kind == EvidenceKind::kProject);
  CHECK(ev.role == "lead");
  CHECK(ev.date == kAsOf);
}

TEST_CASE("experts filters by department and location, ignoring case", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid a = t.Person("a", "Platform", "Berlin");
  Vid b = t.Person("b", "platform", "Paris");
  Vid c = t.Person("c", "Data", "berlin");
  t.Document("d", kAsOf, {a, b, c}, {topic});
  auto g = t.Build();

  auto run = [&](const std::string& department, const std::string& location) {
    ExpertsQuery q;
    q.topics = {{topic, MatchKind::kId, 1.0}};
    q.department = department;
    q.location = location;
    q.as_of = kAsOf;
    return Ids(*g, FindExperts(*g, q, RankingConfig{}));
  };
  CHECK(run("", "") == Strings{"a", "b", "c"});
  CHECK(run("PLATFORM", "") == Strings{"a", "b"});
  CHECK(run("", "BERLIN") == Strings{"a", "c"});
  CHECK(run("platform", "berlin") == Strings{"a"});
  CHECK(run("Sales", "").empty());
}

TEST_CASE("experts breaks score ties by external id and honours the limit", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid zoe = t.Person("zoe"), bob = t.Person("bob"), ann = t.Person("ann");
  t.Document("d1", DaysBefore(40), {zoe}, {topic});
  t.Document("d2", DaysBefore(40), {bob}, {topic});
  t.Document("d3", DaysBefore(40), {ann}, {topic});
  auto g = t.Build();

  CHECK(Ids(*g, Experts(*g, {topic})) == Strings{"ann", "bob", "zoe"});
  CHECK(Ids(*g, Experts(*g, {topic}, RankingConfig{}, 2)) == Strings{"ann", "bob"});
}

TEST_CASE("experts follows the weights in the ranking config", "[query]") {
  TestGraph t;
  Vid topic = t.Topic("go", "Go");
  Vid writer = t.Person("writer"), claimer = t.Person("claimer");
  t.Document("d", DaysBefore(730), {writer}, {topic});
  t.Skill(claimer, topic, 5);
  auto g = t.Build();

  RankingConfig config;
  CHECK(Ids(*g, Experts(*g, {topic}, config)) == Strings{"writer", "claimer"});
  config.skill_weight = 2.0;
  CHECK(Ids(*g, Experts(*g, {topic}, config)) == Strings{"claimer", "writer"});
  config.document_half_life_days = 365;
  CHECK(ScoreOf(Experts(*g, {topic}, config), writer) == Approx(0.25));
}

TEST_CASE("experts returns nothing for topics that are not topics", "[query]") {
  TestGraph t;
  Vid p = t.Person("p");
  auto g = t.Build();
  CHECK(Experts(*g, {p}).empty());
  CHECK(Experts(*g, {graph::kNoVid}).empty());
}

}  // namespace
}  // namespace whoknows::query
