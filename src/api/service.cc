// Service: construction, import, stats, health and the error body.  The record endpoints are in
// service_records.cc, the queries in service_queries.cc.
#include "whoknows/api/service.h"

#include <utility>

namespace whoknows::api {

using nlohmann::json;

Service::Service(graph::Database& db, ServiceOptions options)
    : db_(db),
      options_(std::move(options)),
      experts_(
          std::make_unique<query::ExpertsCache>(options_.ranking, options_.experts_cache_bytes)) {}

size_t Service::WarmExperts(const std::atomic<bool>* stop) {
  return experts_->WarmAllTopics(db_.Snapshot(), AsOf(), stop);
}

Day Service::AsOf() const { return options_.as_of == kNoDay ? Today() : options_.as_of; }

std::shared_ptr<const query::TopicIndex> Service::Topics(const graph::GraphView& graph) {
  return topics_.Get(graph);
}

Result<json> Service::Import(std::string_view ndjson) {
  WK_ASSIGN_OR_RETURN(ingest::ImportCounts counts,
                      ingest::Import(db_, ndjson, options_.import_limits));
  json imported = json::object();
  for (graph::Kind kind : graph::kAllKinds) {
    imported[std::string(graph::KindName(kind))] = counts.by_kind[static_cast<size_t>(kind)];
  }
  return json{{"imported", std::move(imported)}};
}

json Service::Stats() {
  auto snapshot = db_.Snapshot();
  json counts = json::object();
  for (graph::Kind kind : graph::kAllKinds) {
    counts[std::string(graph::KindName(kind))] = snapshot->CountOf(kind);
  }
  return json{{"counts", std::move(counts)},
              {"edges", snapshot->EdgeCount()},
              {"db_bytes", db_.ApproximateSizeBytes()}};
}

json Service::Health() { return json{{"status", "ok"}}; }

json ErrorJson(const Status& status, const json& details) {
  json error = json::object();
  error["code"] = status.reason().empty() ? std::string("error") : status.reason();
  error["message"] = status.message();
  if (status.line() > 0) error["line"] = status.line();
  if (details.is_object()) {
    for (const auto& [key, value] : details.items()) {
      if (!error.contains(key)) error[key] = value;
    }
  }
  return json{{"error", std::move(error)}};
}

std::optional<graph::Kind> KindOfCollection(std::string_view collection) {
  if (collection == "people") return graph::Kind::kPerson;
  if (collection == "topics") return graph::Kind::kTopic;
  if (collection == "documents") return graph::Kind::kDocument;
  if (collection == "projects") return graph::Kind::kProject;
  return std::nullopt;
}

}  // namespace whoknows::api
