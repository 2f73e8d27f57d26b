#include "person_rows.h"

#include <algorithm>

namespace whoknows::query::internal {

using graph::Edge;
using graph::EdgeType;
using graph::Vid;

void PersonItems::SortUnique() {
  for (auto* v : {&documents, &projects, &endorsements}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
}

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

void PersonRows(const EvidenceScorer& scorer, const TopicExpansion& expansion, Vid person,
                const PersonItems& items, std::vector<Row>* rows) {
  const graph::GraphView& graph = scorer.graph();
  std::vector<Share> shares;
  for (Vid doc : items.documents) {
    Link link = BestLink(graph, doc, expansion);
    if (link.relevance <= 0) continue;
    scorer.DocumentShares(doc, &shares);
    scorer.AddItemRows(doc, EvidenceKind::kDocument, link, shares, rows, person);
  }
  for (Vid project : items.projects) {
    Link link = BestLink(graph, project, expansion);
    if (link.relevance <= 0) continue;
    scorer.ProjectShares(project, &shares);
    scorer.AddItemRows(project, EvidenceKind::kProject, link, shares, rows, person);
  }
  SkillHit best;
  for (const auto& [topic, level] : items.skills) {
    SkillHit hit{topic, level, scorer.SkillContribution(level, expansion.Weight(topic))};
    if (hit.contribution > 0 && (best.contribution <= 0 || BetterSkill(hit, best))) {
      best = hit;
    }
  }
  if (best.contribution > 0) rows->push_back(SkillRow(person, best));
  std::vector<EndorsementHit> hits;
  for (Vid e : items.endorsements) {
    EndorsementParts parts = PartsOf(graph, e);
    double weight = expansion.Weight(parts.topic);
    const graph::NodeData* node = graph.Node(e);
    if (parts.endorsee != person || weight <= 0 || !node) continue;
    hits.push_back({person, e, parts.endorser, parts.topic, weight, node->created});
  }
  scorer.AddEndorsementRows(&hits, rows);
}

}  // namespace whoknows::query::internal
