// The JSON the API shows for query results (experts, evidence, topic matches).  Records have their
// own mapping in ingest (RecordToJson); this is everything else.  The shapes are the schemas of
// schema/openapi.json.
#ifndef WHOKNOWS_SRC_API_JSON_MAPPING_H_
#define WHOKNOWS_SRC_API_JSON_MAPPING_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "whoknows/graph/graph.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::api::internal {

// {"id", "name", "title", "department", "location"}; absent fields are null.
nlohmann::json PersonSummaryJson(const graph::NodeData& person);

// {"kind", "id", "title", "topic", "role", "date", "contribution"}.  For an endorsement, "id" is
// the endorser's person id and "title" "Endorsed by <name>"; an endorser who opted out is
// "a colleague" with a null id.
nlohmann::json EvidenceJson(const graph::GraphView& graph, const query::Evidence& evidence);
nlohmann::json EvidenceListJson(const graph::GraphView& graph,
                                const std::vector<query::Evidence>& evidence);

// The person summary plus "score", "evidence_count" and "evidence".
nlohmann::json ExpertJson(const graph::GraphView& graph, const query::Expert& expert);

// {"id", "name", "score", "evidence_count", "evidence"}.
nlohmann::json TopicExpertiseJson(const graph::GraphView& graph,
                                  const query::TopicExpertise& expertise);

// {"id", "name", "match"}: how an experts query resolved.
nlohmann::json ResolvedTopicJson(const graph::GraphView& graph, const query::TopicMatch& match);
// {"id", "name", "aliases", "match", "score"}: one topic search hit.
nlohmann::json SearchHitJson(const graph::GraphView& graph, const query::TopicMatch& match);
// {"id", "name"}: an "unknown_topic" suggestion.
nlohmann::json SuggestionJson(const graph::GraphView& graph, const query::TopicMatch& match);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_JSON_MAPPING_H_
