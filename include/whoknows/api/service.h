// Service: the application logic behind every endpoint, as plain functions from parameters to
// JSON.  The HTTP handlers are thin wrappers around it, and the CLI calls the same functions, so
// `whoknows experts --json` prints exactly what GET /v1/experts returns.
#ifndef WHOKNOWS_API_SERVICE_H_
#define WHOKNOWS_API_SERVICE_H_

#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "whoknows/core/date.h"
#include "whoknows/core/result.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/query/ranking_config.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::api {

struct ServiceOptions {
  Day as_of = kNoDay;  // fixes "now" for ranking; kNoDay = today at each request
  query::RankingConfig ranking;
  ingest::ImportLimits import_limits;
};

struct ExpertsParams {
  std::string topic;
  size_t limit = 10;
  std::string department;
  std::string location;
  bool explain = false;  // all evidence instead of the top few
};

class Service {
 public:
  Service(graph::Database& db, ServiceOptions options);

  // GET /v1/experts.  NotFound "unknown_topic" (with suggestions, see ErrorJson) when the topic
  // resolves to nothing.
  Result<nlohmann::json> Experts(const ExpertsParams& params);

  graph::Database& db() { return db_; }
  const ServiceOptions& options() const { return options_; }
  Day AsOf() const;
  std::shared_ptr<const query::TopicIndex> Topics(const graph::GraphView& graph);

 private:
  graph::Database& db_;
  ServiceOptions options_;
  query::TopicIndexCache topics_;
};

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_SERVICE_H_
