// PersonExpertise walks from one person to their evidence, finds every topic that evidence
// supports, and scores the person on each of those topics with the same functions FindExperts
// uses, so the score of a topic here equals the person's score in FindExperts for that topic.
#include <algorithm>
#include <string>

#include "evidence.h"
#include "person_rows.h"
#include "whoknows/query/experts.h"

namespace whoknows::query {

namespace {

using graph::Edge;
using graph::EdgeType;
using graph::Vid;
using internal::PersonItems;
using internal::Row;

// Every topic on which some item of the person may count, ascending.
std::vector<Vid> CandidateTopics(const graph::GraphView& graph, const PersonItems& items,
                                 const RankingConfig& config) {
  std::vector<Vid> direct;
  for (const auto* list : {&items.documents, &items.projects}) {
    for (Vid item : *list) {
      for (const Edge& e : graph.Out(item)) {
        if (e.type == EdgeType::kAbout) direct.push_back(e.other);
      }
    }
  }
  for (Vid e : items.endorsements) direct.push_back(internal::PartsOf(graph, e).topic);
  for (const auto& [topic, level] : items.skills) direct.push_back(topic);
  std::sort(direct.begin(), direct.end());
  direct.erase(std::unique(direct.begin(), direct.end()), direct.end());

  std::vector<Vid> all, supported;
  for (Vid topic : direct) {
    if (topic == graph::kNoVid) continue;
    internal::SupportedTopics(graph, topic, config, &supported);
    all.insert(all.end(), supported.begin(), supported.end());
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

}  // namespace

Result<std::vector<TopicExpertise>> PersonExpertise(const graph::GraphView& graph, Vid person,
                                                    Day as_of, size_t limit, size_t max_evidence,
                                                    const RankingConfig& config) {
  const graph::NodeData* node = graph.Node(person);
  if (!node || node->kind != graph::Kind::kPerson) {
    return Status::NotFound("not_found", "no person with vid " + std::to_string(person));
  }
  std::vector<TopicExpertise> out;
  if (node->opted_out) return out;
  internal::EvidenceScorer scorer(graph, config, as_of == kNoDay ? Today() : as_of);
  PersonItems items = internal::CollectItems(graph, person);
  std::vector<Row> rows;
  for (Vid topic : CandidateTopics(graph, items, config)) {
    const graph::NodeData* topic_node = graph.Node(topic);
    if (!topic_node || topic_node->kind != graph::Kind::kTopic) continue;
    internal::TopicExpansion expansion(graph, {topic}, config);
    rows.clear();
    internal::PersonRows(scorer, expansion, person, items, &rows);
    double score = internal::SortAndSum(graph, rows.data(), rows.data() + rows.size());
    if (score <= 0) continue;
    out.push_back({topic, score, rows.size(),
                   internal::ToEvidence(rows.data(), rows.data() + rows.size(), max_evidence)});
  }
  std::sort(out.begin(), out.end(), [&graph](const TopicExpertise& a, const TopicExpertise& b) {
    if (a.score != b.score) return a.score > b.score;
    return graph.Node(a.topic)->id < graph.Node(b.topic)->id;
  });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace whoknows::query
