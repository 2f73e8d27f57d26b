// Resolving topics named by users, and the unknown_topic error every endpoint that takes a topic
// answers with.
#ifndef WHOKNOWS_SRC_API_TOPIC_LIST_H_
#define WHOKNOWS_SRC_API_TOPIC_LIST_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::api::internal {

// The matches that name live topics of `graph`: the cached index may be of a newer version of the
// topics than the snapshot the request reads.
std::vector<query::TopicMatch> LiveTopics(const graph::GraphView& graph,
                                          const std::vector<query::TopicMatch>& matches);

// NotFound "unknown_topic" for `topic`, its message naming up to five close topics ("did you mean
// ...?"), which *error_details (when given) receives as {"suggestions": [{"id", "name"}, ...]}.
Status UnknownTopic(const graph::GraphView& graph, const query::TopicIndex& index,
                    const std::string& topic, nlohmann::json* error_details);

// The live topics a list names (ids, names or aliases), each once, in the order given.
// InvalidArgument "invalid_parameter" (naming `parameter`) for an empty list or item; NotFound
// "unknown_topic" for an item that matches nothing, with {"suggestions": [...]} in
// *error_details.
Result<std::vector<graph::Vid>> ResolveTopicList(const graph::GraphView& graph,
                                                 const query::TopicIndex& index,
                                                 const std::vector<std::string>& names,
                                                 const std::string& parameter,
                                                 nlohmann::json* error_details);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_TOPIC_LIST_H_
