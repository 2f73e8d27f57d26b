// GET /v1/communities, /v1/topics/{id}/related, /v1/people/{id}/similar and
// /v1/people/{a}/path/{b}.
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

HttpReply Related(Service& service, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {"limit"});
  const size_t limit = params.Size("limit", 10, 1, kMaxLimit);
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.RelatedTopics(path[0], limit));
}

HttpReply Similar(Service& service, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {"limit"});
  const size_t limit = params.Size("limit", 10, 1, kMaxLimit);
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.SimilarPeople(path[0], limit));
}

HttpReply Path(Service& service, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.IntroductionPath(path[0], path[1]));
}

}  // namespace

void AddNetworkRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/v1/communities", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Communities(*s, r); });
  router->Add("GET", "/v1/topics/{id}/related", Role::kReader,
              [s](const HttpRequest& r, const PathParams& p) { return Related(*s, r, p); });
  router->Add("GET", "/v1/people/{id}/similar", Role::kReader,
              [s](const HttpRequest& r, const PathParams& p) { return Similar(*s, r, p); });
  router->Add("GET", "/v1/people/{a}/path/{b}", Role::kReader,
              [s](const HttpRequest& r, const PathParams& p) { return Path(*s, r, p); });
}

}  // namespace whoknows::api::internal
