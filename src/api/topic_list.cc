#include "topic_list.h"

#include <algorithm>

#include "json_mapping.h"
#include "service_util.h"

namespace whoknows::api::internal {

namespace {

using graph::GraphView;
using graph::Vid;
using nlohmann::json;
using query::TopicMatch;

constexpr size_t kSuggestions = 5;

Status InvalidParameter(const std::string& message) {
  return Status::InvalidArgument("invalid_parameter", message);
}

}  // namespace

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
  std::vector<TopicMatch> near = LiveTopics(graph, index.Search(topic, kSuggestions));
  std::string message = "no topic matches '" + Excerpt(topic) + "'";
  json suggestions = json::array();
  for (const TopicMatch& m : near) {
    const graph::NodeData* node = graph.Node(m.vid);
    message +=
        (suggestions.empty() ? "; did you mean " : ", ") + node->name + " (" + node->id + ")";
    suggestions.push_back(SuggestionJson(graph, m));
  }
  if (!suggestions.empty()) message += "?";
  if (error_details != nullptr) *error_details = json{{"suggestions", std::move(suggestions)}};
  return Status::NotFound("unknown_topic", message);
}

Result<std::vector<Vid>> ResolveTopicList(const GraphView& graph, const query::TopicIndex& index,
                                          const std::vector<std::string>& names,
                                          const std::string& parameter, json* error_details) {
  if (names.empty()) return InvalidParameter(parameter + " must name at least one topic");
  std::vector<Vid> topics;
  for (const std::string& name : names) {
    if (name.empty()) return InvalidParameter(parameter + " must not contain an empty item");
    bool found = false;
    for (const TopicMatch& m : LiveTopics(graph, index.Resolve(name))) {
      found = true;
      if (std::find(topics.begin(), topics.end(), m.vid) == topics.end()) topics.push_back(m.vid);
    }
    if (!found) return UnknownTopic(graph, index, name, error_details);
  }
  return topics;
}

}  // namespace whoknows::api::internal
