// GET /v1/communities (and the collaboration network routes).
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Communities(Service& service, const HttpRequest& request) {
  ParamReader params(request, {"topic", "limit", "members"});
  CommunitiesParams query;
  query.topic = params.Optional("topic");
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  query.members = params.Size("members", query.members, 1, kMaxLimit);
  if (!params.ok()) return params.ErrorReply();
  nlohmann::json details;
  auto answer = service.Communities(query, &details);
  return answer.ok() ? JsonReply(200, *answer) : ErrorReply(answer.status(), details);
}

}  // namespace

void AddNetworkRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/v1/communities",
              [s](const HttpRequest& r, const PathParams&) { return Communities(*s, r); });
}

}  // namespace whoknows::api::internal
