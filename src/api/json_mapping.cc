#include "json_mapping.h"

#include <string>

namespace whoknows::api::internal {

namespace {

using graph::GraphView;
using graph::NodeData;
using graph::Vid;
using nlohmann::json;

json TextOrNull(std::string_view text) { return text.empty() ? json(nullptr) : json(text); }

json IdOrNull(const GraphView& graph, Vid vid) {
  const NodeData* node = vid == graph::kNoVid ? nullptr : graph.Node(vid);
  return node ? json(node->id) : json(nullptr);
}

// The person behind an endorsement: Evidence::source, or the endorsement node's endorser edge.
const NodeData* Endorser(const GraphView& graph, const query::Evidence& evidence) {
  if (evidence.source != graph::kNoVid) return graph.Node(evidence.source);
  const NodeData* item = graph.Node(evidence.item);
  if (item != nullptr && item->kind == graph::Kind::kPerson) return item;
  for (const graph::Edge& e : graph.Out(evidence.item)) {
    if (e.type == graph::EdgeType::kEndorser) return graph.Node(e.other);
  }
  return nullptr;
}

// "id" and "title" of one piece of evidence.
void DescribeItem(const GraphView& graph, const query::Evidence& evidence, json* out) {
  if (evidence.kind == query::EvidenceKind::kEndorsement) {
    const NodeData* endorser = Endorser(graph, evidence);
    const bool hidden = endorser == nullptr || endorser->opted_out;
    (*out)["id"] = hidden ? json(nullptr) : json(endorser->id);
    (*out)["title"] = "Endorsed by " + (hidden ? std::string("a colleague") : endorser->name.str());
    return;
  }
  const NodeData* item = graph.Node(evidence.item);
  (*out)["id"] = item ? json(item->id) : json(nullptr);
  const std::string name = item ? item->name.str() : std::string();
  (*out)["title"] =
      evidence.kind == query::EvidenceKind::kSkill ? "Self-declared skill in " + name : name;
}

}  // namespace

json PersonSummaryJson(const NodeData& person) {
  return json{{"id", person.id},
              {"name", person.name},
              {"title", TextOrNull(person.title)},
              {"department", TextOrNull(person.department)},
              {"location", TextOrNull(person.location)}};
}

json EvidenceJson(const GraphView& graph, const query::Evidence& evidence) {
  json out = json::object();
  out["kind"] = std::string(query::EvidenceKindName(evidence.kind));
  DescribeItem(graph, evidence, &out);
  out["topic"] = IdOrNull(graph, evidence.topic);
  out["role"] = TextOrNull(evidence.role);
  out["date"] = evidence.date == kNoDay ? json(nullptr) : json(FormatDate(evidence.date));
  out["contribution"] = evidence.contribution;
  return out;
}

json EvidenceListJson(const GraphView& graph, const std::vector<query::Evidence>& evidence) {
  json out = json::array();
  for (const query::Evidence& e : evidence) out.push_back(EvidenceJson(graph, e));
  return out;
}

json ExpertJson(const GraphView& graph, const query::Expert& expert) {
  const NodeData* person = graph.Node(expert.person);
  json out = person ? PersonSummaryJson(*person) : json{{"id", nullptr}};
  out["score"] = expert.score;
  out["evidence_count"] = expert.evidence_count;
  out["evidence"] = EvidenceListJson(graph, expert.evidence);
  return out;
}

json TopicExpertiseJson(const GraphView& graph, const query::TopicExpertise& expertise) {
  const NodeData* topic = graph.Node(expertise.topic);
  return json{{"id", topic ? json(topic->id) : json(nullptr)},
              {"name", topic ? json(topic->name) : json(nullptr)},
              {"score", expertise.score},
              {"evidence_count", expertise.evidence_count},
              {"evidence", EvidenceListJson(graph, expertise.evidence)}};
}

json ResolvedTopicJson(const GraphView& graph, const query::TopicMatch& match) {
  json out = SuggestionJson(graph, match);
  out["match"] = std::string(query::MatchKindName(match.match));
  return out;
}

json SearchHitJson(const GraphView& graph, const query::TopicMatch& match) {
  json out = ResolvedTopicJson(graph, match);
  const NodeData* topic = graph.Node(match.vid);
  out["aliases"] = topic ? json(topic->aliases.vec()) : json::array();
  out["score"] = match.score;
  return out;
}

json SuggestionJson(const GraphView& graph, const query::TopicMatch& match) {
  const NodeData* topic = graph.Node(match.vid);
  return json{{"id", topic ? json(topic->id) : json(nullptr)},
              {"name", topic ? json(topic->name) : json(nullptr)}};
}

}  // namespace whoknows::api::internal
