// Builds small graphs in memory for the query tests, with edges stored the way the database
// stores them (model.h): from the owning record to what it references.
#ifndef WHOKNOWS_TESTS_QUERY_TEST_GRAPH_H_
#define WHOKNOWS_TESTS_QUERY_TEST_GRAPH_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/experts.h"

namespace whoknows::query::testing {

using graph::Vid;

// The fixed "now" of the ranking tests.
inline const Day kAsOf = DaysFromCivil(2024, 1, 1);

inline Day DaysBefore(int days) { return kAsOf - days; }

class TestGraph {
 public:
  TestGraph() : builder_(std::make_unique<graph::GraphBuilder>(nullptr)) {}

  Vid Person(const std::string& id, const std::string& department = "",
             const std::string& location = "", bool opted_out = false) {
    graph::NodeData d = Data(graph::Kind::kPerson, id);
    d.department = department;
    d.location = location;
    d.opted_out = opted_out;
    return Add(std::move(d));
  }

  Vid Topic(const std::string& id, const std::string& name, std::vector<std::string> aliases = {}) {
    graph::NodeData d = Data(graph::Kind::kTopic, id);
    d.name = name;
    d.aliases = std::move(aliases);
    return Add(std::move(d));
  }
  void Broader(Vid narrower, Vid broader) { Edge(narrower, graph::EdgeType::kBroader, broader); }
  void Related(Vid a, Vid b) { Edge(a, graph::EdgeType::kRelated, b); }

  // A document about `topics` (weight 1 each) by `authors`.
  Vid Document(const std::string& id, Day created, const std::vector<Vid>& authors,
               const std::vector<Vid>& topics) {
    std::vector<std::pair<Vid, float>> weighted;
    for (Vid t : topics) weighted.emplace_back(t, 1.0f);
    return WeightedDocument(id, created, authors, weighted);
  }
  Vid WeightedDocument(const std::string& id, Day created, const std::vector<Vid>& authors,
                       const std::vector<std::pair<Vid, float>>& topics) {
    graph::NodeData d = Data(graph::Kind::kDocument, id);
    d.name = "Title of " + id;
    d.created = created;
    Vid doc = Add(std::move(d));
    for (Vid a : authors) Edge(doc, graph::EdgeType::kAuthoredBy, a);
    for (const auto& [t, w] : topics) {
      graph::EdgeProps p;
      p.weight = w;
      Edge(doc, graph::EdgeType::kAbout, t, p);
    }
    return doc;
  }
  void Contributor(Vid doc, Vid person, const std::string& role) {
    graph::EdgeProps p;
    p.role = role;
    Edge(doc, graph::EdgeType::kContributor, person, p);
  }

  Vid Project(const std::string& id, Day start, Day end, const std::vector<Vid>& topics) {
    graph::NodeData d = Data(graph::Kind::kProject, id);
    d.name = "Project " + id;
    d.start = start;
    d.end = end;
    Vid project = Add(std::move(d));
    for (Vid t : topics) Edge(project, graph::EdgeType::kAbout, t);
    return project;
  }
  void Member(Vid project, Vid person, const std::string& role = "", Day since = kNoDay,
              Day until = kNoDay) {
    graph::EdgeProps p;
    p.role = role;
    p.since = since;
    p.until = until;
    Edge(project, graph::EdgeType::kMember, person, p);
  }

  void Skill(Vid person, Vid topic, int level) {
    graph::EdgeProps p;
    p.level = static_cast<uint8_t>(level);
    Edge(person, graph::EdgeType::kHasSkill, topic, p);
  }

  void Interest(Vid person, Vid topic) { Edge(person, graph::EdgeType::kInterestedIn, topic); }

  Vid Endorse(Vid from, Vid to, Vid topic) {
    graph::NodeData d =
        Data(graph::Kind::kEndorsement, graph::EndorsementId(Id(from), Id(to), Id(topic)));
    Vid e = Add(std::move(d));
    Edge(e, graph::EdgeType::kEndorser, from);
    Edge(e, graph::EdgeType::kEndorsee, to);
    Edge(e, graph::EdgeType::kEndorsedTopic, topic);
    return e;
  }

  // Marks a person as opted out (their edges stay).
  void OptOut(Vid person) {
    graph::NodeData d = *builder_->Node(person);
    d.opted_out = true;
    builder_->PutNode(person, std::move(d));
  }

  // Publishes what was added so far; more can be added and published again afterwards.
  std::shared_ptr<const graph::Graph> Build() {
    graph_ = builder_->Build();
    builder_ = std::make_unique<graph::GraphBuilder>(graph_);
    return graph_;
  }

  const Text& Id(Vid vid) const { return builder_->Node(vid)->id; }

 private:
  static graph::NodeData Data(graph::Kind kind, const std::string& id) {
    graph::NodeData d;
    d.kind = kind;
    d.id = id;
    d.name = id;
    return d;
  }
  Vid Add(graph::NodeData data) {
    builder_->PutNode(next_, std::move(data));
    return next_++;
  }
  void Edge(Vid src, graph::EdgeType type, Vid dst, const graph::EdgeProps& props = {}) {
    builder_->AddEdge(src, type, dst, props);
  }

  std::unique_ptr<graph::GraphBuilder> builder_;
  std::shared_ptr<const graph::Graph> graph_;
  Vid next_ = 0;
};

// FindExperts on topics given by vid, with every expert and all evidence unless told otherwise.
inline std::vector<Expert> Experts(const graph::GraphView& g, const std::vector<Vid>& topics,
                                   const RankingConfig& config = {}, size_t limit = 0,
                                   size_t max_evidence = 0) {
  ExpertsQuery q;
  for (Vid t : topics) q.topics.push_back({t, MatchKind::kId, 1.0});
  q.limit = limit;
  q.as_of = kAsOf;
  q.max_evidence = max_evidence;
  return FindExperts(g, q, config);
}

// The external ids of experts, in rank order.
inline std::vector<std::string> Ids(const graph::GraphView& g, const std::vector<Expert>& experts) {
  std::vector<std::string> ids;
  for (const Expert& e : experts) ids.push_back(g.Node(e.person)->id.str());
  return ids;
}

// The score of `person` among `experts`, or 0 when absent.
inline double ScoreOf(const std::vector<Expert>& experts, Vid person) {
  for (const Expert& e : experts) {
    if (e.person == person) return e.score;
  }
  return 0;
}

}  // namespace whoknows::query::testing

#endif  // WHOKNOWS_TESTS_QUERY_TEST_GRAPH_H_
