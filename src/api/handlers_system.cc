// GET /healthz, GET /v1/stats and GET /v1/openapi.json.
#include "params.h"
#include "routes.h"
#include "whoknows/api/openapi.h"

namespace whoknows::api::internal {

namespace {

HttpReply OpenApi(const HttpRequest& request) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  HttpReply reply;
  reply.body = std::string(OpenApiDocument());
  return reply;
}

}  // namespace

void AddSystemRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/healthz", [s](const HttpRequest& r, const PathParams&) {
    ParamReader params(r, {});
    return params.ok() ? JsonReply(200, s->Health()) : params.ErrorReply();
  });
  router->Add("GET", "/v1/stats", [s](const HttpRequest& r, const PathParams&) {
    ParamReader params(r, {});
    return params.ok() ? JsonReply(200, s->Stats()) : params.ErrorReply();
  });
  router->Add("GET", "/v1/openapi.json",
              [](const HttpRequest& r, const PathParams&) { return OpenApi(r); });
}

}  // namespace whoknows::api::internal
