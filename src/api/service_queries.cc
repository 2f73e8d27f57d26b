// Service: the queries, GET /v1/experts, /v1/topics/search and /v1/people/{id}/expertise.
#include <string>
#include <vector>

#include "json_mapping.h"
#include "service_util.h"
#include "topic_list.h"
#include "whoknows/api/service.h"
#include "whoknows/query/experts.h"

namespace whoknows::api {

namespace {

using graph::GraphView;
using internal::LiveTopics;
using internal::UnknownTopic;
using nlohmann::json;
using query::TopicMatch;

Status MissingParameter(const char* name, const char* what) {
  return Status::InvalidArgument("missing_parameter", std::string(name) + " is required: " + what);
}

}  // namespace

Result<json> Service::Experts(const ExpertsParams& params, json* error_details) {
  if (params.topic.empty()) return MissingParameter("topic", "a topic id, name or alias");
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  auto snapshot = db_.Snapshot();
  auto index = Topics(*snapshot);
  std::vector<TopicMatch> topics = LiveTopics(*snapshot, index->Resolve(params.topic));
  if (topics.empty()) return UnknownTopic(*snapshot, *index, params.topic, error_details);

  query::ExpertsQuery query;
  query.topics = topics;
  query.limit = params.limit;
  query.department = params.department;
  query.location = params.location;
  query.as_of = AsOf();
  query.max_evidence = params.explain ? 0 : kDefaultEvidence;
  std::vector<query::Expert> experts = experts_->FindExperts(snapshot, query);

  json topics_json = json::array();
  for (const TopicMatch& m : topics) {
    topics_json.push_back(internal::ResolvedTopicJson(*snapshot, m));
  }
  json experts_json = json::array();
  for (const query::Expert& e : experts) {
    experts_json.push_back(internal::ExpertJson(*snapshot, e));
  }
  return json{{"topics", std::move(topics_json)}, {"experts", std::move(experts_json)}};
}

Result<json> Service::SearchTopics(std::string_view query, size_t limit) {
  if (query.empty()) return MissingParameter("q", "the text to search topics for");
  WK_RETURN_IF_ERROR(internal::CheckLimit(limit));
  auto snapshot = db_.Snapshot();
  auto index = Topics(*snapshot);
  json items = json::array();
  for (const TopicMatch& m : LiveTopics(*snapshot, index->Search(query, limit))) {
    items.push_back(internal::SearchHitJson(*snapshot, m));
  }
  return json{{"items", std::move(items)}};
}

Result<json> Service::PersonExpertise(std::string_view person_id, const ExpertiseParams& params) {
  WK_RETURN_IF_ERROR(internal::CheckId(person_id));
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  auto not_found = Status::NotFound("not_found", "no person '" + std::string(person_id) + "'");
  auto vid = db_.Lookup(graph::Kind::kPerson, person_id);
  if (!vid) return not_found;
  auto snapshot = db_.Snapshot();
  const graph::NodeData* person = snapshot->Node(*vid);
  if (person == nullptr || person->kind != graph::Kind::kPerson || person->id != person_id ||
      person->opted_out) {
    return not_found;
  }
  const size_t max_evidence = params.explain ? 0 : kDefaultEvidence;
  WK_ASSIGN_OR_RETURN(auto topics, query::PersonExpertise(*snapshot, *vid, AsOf(), params.limit,
                                                          max_evidence, options_.ranking));
  json topics_json = json::array();
  for (const query::TopicExpertise& t : topics) {
    topics_json.push_back(internal::TopicExpertiseJson(*snapshot, t));
  }
  return json{{"person", internal::PersonSummaryJson(*person)}, {"topics", std::move(topics_json)}};
}

}  // namespace whoknows::api
