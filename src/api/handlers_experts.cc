// GET /v1/experts and GET /v1/people/{id}/expertise.
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Experts(Service& service, const HttpRequest& request) {
  ParamReader params(request, {"topic", "limit", "department", "location", "explain"});
  ExpertsParams query;
  query.topic = params.Required("topic");
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  query.department = params.Optional("department");
  query.location = params.Optional("location");
  query.explain = params.Bool("explain", false);
  if (!params.ok()) return params.ErrorReply();
  nlohmann::json details;
  auto answer = service.Experts(query, &details);
  return answer.ok() ? JsonReply(200, *answer) : ErrorReply(answer.status(), details);
}

HttpReply Expertise(Service& service, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {"limit", "explain"});
  ExpertiseParams query;
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  query.explain = params.Bool("explain", false);
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.PersonExpertise(path[0], query));
}

}  // namespace

void AddExpertRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/v1/experts", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Experts(*s, r); });
  router->Add("GET", "/v1/people/{id}/expertise", Role::kReader,
              [s](const HttpRequest& r, const PathParams& p) { return Expertise(*s, r, p); });
}

}  // namespace whoknows::api::internal
