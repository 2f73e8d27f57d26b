// Service: the network around expertise, GET /v1/communities (and the collaboration queries).
#include <string>
#include <vector>

#include "json_mapping.h"
#include "service_util.h"
#include "whoknows/api/service.h"
#include "whoknows/query/communities.h"
#include "whoknows/query/experts.h"

namespace whoknows::api {

namespace {

using graph::GraphView;
using graph::Vid;
using nlohmann::json;
using query::TopicMatch;

constexpr size_t kSuggestions = 5;

std::vector<TopicMatch> LiveTopics(const GraphView& graph, const std::vector<TopicMatch>& matches) {
  std::vector<TopicMatch> live;
  for (const TopicMatch& m : matches) {
    const graph::NodeData* node = graph.Node(m.vid);
    if (node != nullptr && node->kind == graph::Kind::kTopic) live.push_back(m);
  }
  return live;
}

Status UnknownTopic(const GraphView& graph, const query::TopicIndex& index,
                    const std::string& topic, json* error_details) {
  json suggestions = json::array();
  for (const TopicMatch& m : LiveTopics(graph, index.Search(topic, kSuggestions))) {
    suggestions.push_back(internal::SuggestionJson(graph, m));
  }
  if (error_details != nullptr) *error_details = json{{"suggestions", std::move(suggestions)}};
  return Status::NotFound("unknown_topic", "no topic matches '" + internal::Excerpt(topic) + "'");
}

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

}  // namespace

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
    query.max_evidence = 1;
    for (const query::Expert& e : query::FindExperts(*snapshot, query, options_.ranking)) {
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
