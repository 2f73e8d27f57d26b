// Service: the network around expertise, GET /v1/communities (and the collaboration queries).
#include <string>
#include <vector>

#include "json_mapping.h"
#include "service_util.h"
#include "topic_list.h"
#include "whoknows/api/service.h"
#include "whoknows/query/communities.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/network.h"

namespace whoknows::api {

namespace {

using graph::GraphView;
using graph::Vid;
using internal::LiveTopics;
using internal::UnknownTopic;
using nlohmann::json;
using query::TopicMatch;

json CommunityJson(const GraphView& graph, size_t id, const query::Community& c,
                   size_t max_members) {
  json topics = json::array();
  for (const query::CommunityTopic& t : c.topics) {
    const graph::NodeData* node = graph.Node(t.topic);
    topics.push_back({{"id", node->id}, {"name", node->name}, {"weight", t.weight}});
  }
  json members = json::array();
  for (size_t i = 0; i < c.members.size() && i < max_members; ++i) {
    const query::CommunityMember& m = c.members[i];
    const graph::NodeData* node = graph.Node(m.person);
    members.push_back({{"id", node->id},
                       {"name", node->name},
                       {"role", std::string(query::MemberRoleName(m.role))},
                       {"score", m.score}});
  }
  return json{{"id", id},
              {"size", c.members.size()},
              {"topics", std::move(topics)},
              {"members", std::move(members)}};
}

json Ref(const graph::NodeData& node) { return json{{"id", node.id}, {"name", node.name}}; }

// The vid of the live node of `kind` named `id` in `graph` (a person who did not opt out for
// kPerson); InvalidArgument "invalid_id", NotFound "not_found".
Result<Vid> FindVisible(const graph::Database& db, const GraphView& graph, graph::Kind kind,
                        std::string_view id) {
  WK_RETURN_IF_ERROR(internal::CheckId(id));
  auto not_found = Status::NotFound(
      "not_found", "no " + std::string(graph::KindName(kind)) + " '" + std::string(id) + "'");
  auto vid = db.Lookup(kind, id);
  if (!vid) return not_found;
  const graph::NodeData* node = graph.Node(*vid);
  if (node == nullptr || node->kind != kind || node->id != id || node->opted_out) return not_found;
  return *vid;
}

}  // namespace

Result<json> Service::RelatedTopics(std::string_view topic_id, size_t limit) {
  WK_RETURN_IF_ERROR(internal::CheckLimit(limit));
  auto snapshot = db_.Snapshot();
  WK_ASSIGN_OR_RETURN(Vid topic, FindVisible(db_, *snapshot, graph::Kind::kTopic, topic_id));
  json related = json::array();
  for (const query::RelatedTopic& r : query::RelatedTopics(*snapshot, topic, limit)) {
    json item = Ref(*snapshot->Node(r.topic));
    item["score"] = r.score;
    item["shared_documents"] = r.shared_documents;
    item["shared_people"] = r.shared_people;
    related.push_back(std::move(item));
  }
  return json{{"topic", Ref(*snapshot->Node(topic))}, {"related", std::move(related)}};
}

Result<json> Service::SimilarPeople(std::string_view person_id, size_t limit) {
  WK_RETURN_IF_ERROR(internal::CheckLimit(limit));
  auto snapshot = db_.Snapshot();
  WK_ASSIGN_OR_RETURN(Vid person, FindVisible(db_, *snapshot, graph::Kind::kPerson, person_id));
  json similar = json::array();
  for (const query::SimilarPerson& s : query::SimilarPeople(*snapshot, person, limit)) {
    json topics = json::array();
    for (Vid t : s.topics) topics.push_back(Ref(*snapshot->Node(t)));
    json item = Ref(*snapshot->Node(s.person));
    item["score"] = s.score;
    item["topics"] = std::move(topics);
    similar.push_back(std::move(item));
  }
  return json{{"person", Ref(*snapshot->Node(person))}, {"similar", std::move(similar)}};
}

Result<json> Service::IntroductionPath(std::string_view from_id, std::string_view to_id) {
  auto snapshot = db_.Snapshot();
  WK_ASSIGN_OR_RETURN(Vid from, FindVisible(db_, *snapshot, graph::Kind::kPerson, from_id));
  WK_ASSIGN_OR_RETURN(Vid to, FindVisible(db_, *snapshot, graph::Kind::kPerson, to_id));
  const auto steps = query::IntroductionPath(*snapshot, from, to);
  if (steps.empty()) {
    return Status::NotFound("no_path", "no chain from " + std::string(from_id) + " to " +
                                           std::string(to_id) +
                                           " over shared documents or projects within " +
                                           std::to_string(query::kMaxIntroductionHops) + " hops");
  }
  json path = json::array();
  for (const query::PathStep& step : steps) {
    json item = Ref(*snapshot->Node(step.person));
    item["via"] = nullptr;
    if (step.via != graph::kNoVid) {
      const graph::NodeData* via = snapshot->Node(step.via);
      item["via"] = {
          {"kind", std::string(graph::KindName(via->kind))}, {"id", via->id}, {"title", via->name}};
    }
    path.push_back(std::move(item));
  }
  return json{{"path", std::move(path)}};
}

Result<json> Service::Communities(const CommunitiesParams& params, json* error_details) {
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.members));
  auto snapshot = db_.Snapshot();
  query::CommunitiesOptions options;
  std::vector<Vid> people;
  std::vector<double> scores;
  if (!params.topic.empty()) {
    auto index = Topics(*snapshot);
    std::vector<TopicMatch> topics = LiveTopics(*snapshot, index->Resolve(params.topic));
    if (topics.empty()) return UnknownTopic(*snapshot, *index, params.topic, error_details);
    query::ExpertsQuery query;
    query.topics = topics;
    query.limit = 0;
    query.as_of = AsOf();
    for (const query::ScoredPerson& e : experts_->Scores(snapshot, query)) {
      people.push_back(e.person);
      scores.push_back(e.score);
    }
  }
  const bool whole = params.topic.empty();
  const query::CommunitiesResult result = query::FindCommunities(
      *snapshot, whole ? nullptr : &people, whole ? nullptr : &scores, options);
  json communities = json::array();
  for (size_t i = 0; i < result.communities.size() && i < params.limit; ++i) {
    communities.push_back(CommunityJson(*snapshot, i, result.communities[i], params.members));
  }
  return json{{"modularity", result.modularity}, {"communities", std::move(communities)}};
}

}  // namespace whoknows::api
