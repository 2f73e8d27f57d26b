// PersonExpertise walks from one person to their evidence, finds every topic that evidence
// supports, and scores the person on each of those topics with the same functions FindExperts
// uses, so the score of a topic here equals the person's score in FindExperts for that topic.
#include <algorithm>
#include <string>

#include "evidence.h"
#include "whoknows/query/experts.h"

namespace whoknows::query {

namespace {

using graph::Edge;
using graph::EdgeType;
using graph::Vid;
using internal::Row;

// Everything a person has evidence from, whatever its topic.
struct PersonItems {
  std::vector<Vid> documents;
  std::vector<Vid> projects;
  std::vector<Vid> endorsements;                // of the person
  std::vector<std::pair<Vid, uint8_t>> skills;  // topic, level

  void SortUnique() {
    for (auto* v : {&documents, &projects, &endorsements}) {
      std::sort(v->begin(), v->end());
      v->erase(std::unique(v->begin(), v->end()), v->end());
    }
  }
};

PersonItems CollectItems(const graph::GraphView& graph, Vid person) {
  PersonItems items;
  for (const Edge& e : graph.In(person)) {
    if (e.type == EdgeType::kAuthoredBy || e.type == EdgeType::kContributor) {
      items.documents.push_back(e.other);
    } else if (e.type == EdgeType::kMember) {
      items.projects.push_back(e.other);
    } else if (e.type == EdgeType::kEndorsee) {
      items.endorsements.push_back(e.other);
    }
  }
  for (const Edge& e : graph.Out(person)) {
    if (e.type == EdgeType::kHasSkill) items.skills.emplace_back(e.other, e.props.level);
  }
  items.SortUnique();
  return items;
}

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

// The rows of `person` on `expansion`, as FindExperts would find them.
void PersonRows(const internal::EvidenceScorer& scorer, const internal::TopicExpansion& expansion,
                Vid person, const PersonItems& items, std::vector<Row>* rows) {
  const graph::GraphView& graph = scorer.graph();
  std::vector<internal::Share> shares;
  for (Vid doc : items.documents) {
    internal::Link link = internal::BestLink(graph, doc, expansion);
    if (link.relevance <= 0) continue;
    scorer.DocumentShares(doc, &shares);
    scorer.AddItemRows(doc, EvidenceKind::kDocument, link, shares, rows, person);
  }
  for (Vid project : items.projects) {
    internal::Link link = internal::BestLink(graph, project, expansion);
    if (link.relevance <= 0) continue;
    scorer.ProjectShares(project, &shares);
    scorer.AddItemRows(project, EvidenceKind::kProject, link, shares, rows, person);
  }
  internal::SkillHit best;
  for (const auto& [topic, level] : items.skills) {
    internal::SkillHit hit{topic, level, scorer.SkillContribution(level, expansion.Weight(topic))};
    if (hit.contribution > 0 && (best.contribution <= 0 || internal::BetterSkill(hit, best))) {
      best = hit;
    }
  }
  if (best.contribution > 0) rows->push_back(internal::SkillRow(person, best));
  std::vector<internal::EndorsementHit> hits;
  for (Vid e : items.endorsements) {
    internal::EndorsementParts parts = internal::PartsOf(graph, e);
    double weight = expansion.Weight(parts.topic);
    const graph::NodeData* node = graph.Node(e);
    if (parts.endorsee != person || weight <= 0 || !node) continue;
    hits.push_back({person, e, parts.endorser, parts.topic, weight, node->created});
  }
  scorer.AddEndorsementRows(&hits, rows);
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
  PersonItems items = CollectItems(graph, person);
  std::vector<Row> rows;
  for (Vid topic : CandidateTopics(graph, items, config)) {
    const graph::NodeData* topic_node = graph.Node(topic);
    if (!topic_node || topic_node->kind != graph::Kind::kTopic) continue;
    internal::TopicExpansion expansion(graph, {topic}, config);
    rows.clear();
    PersonRows(scorer, expansion, person, items, &rows);
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
