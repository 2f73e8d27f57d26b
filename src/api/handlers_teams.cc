// POST /v1/teams: a JSON body (ParseTeamsBody), answered by Service::Teams.
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Teams(Service& service, const HttpRequest& request) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  Status media = CheckMediaType(request, {"application/json"});
  if (!media.ok()) return ErrorReply(media);
  auto body = ParseTeamsBody(request.body);
  if (!body.ok()) return ErrorReply(body.status());
  nlohmann::json details;
  auto answer = service.Teams(*body, &details);
  return answer.ok() ? JsonReply(200, *answer) : ErrorReply(answer.status(), details);
}

}  // namespace

void AddTeamRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("POST", "/v1/teams", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Teams(*s, r); });
}

}  // namespace whoknows::api::internal
