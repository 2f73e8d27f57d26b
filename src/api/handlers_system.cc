// GET /healthz, GET /readyz, GET /metrics, GET /v1/stats and GET /v1/openapi.json.
#include "metrics.h"
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

void AddSystemRoutes(Service& service, const Metrics* metrics, Router* router) {
  Service* s = &service;
  // The router exists once the graph is loaded, so through it the server is ready; before, the
  // Server answers 503 itself.
  router->Add("GET", "/readyz", Role::kNone, [](const HttpRequest& r, const PathParams&) {
    ParamReader params(r, {});
    return params.ok() ? JsonReply(200, nlohmann::json{{"status", "ready"}}) : params.ErrorReply();
  });
  router->Add("GET", "/metrics", Role::kReader,
              [s, metrics](const HttpRequest& r, const PathParams&) {
                ParamReader params(r, {});
                if (!params.ok()) return params.ErrorReply();
                HttpReply reply;
                // Without a server (a router built alone) there are no requests to count.
                reply.body = metrics != nullptr ? metrics->Render(s) : Metrics().Render(s);
                reply.content_type = "text/plain; version=0.0.4; charset=utf-8";
                return reply;
              });
  router->Add("GET", "/healthz", Role::kNone, [s](const HttpRequest& r, const PathParams&) {
    ParamReader params(r, {});
    return params.ok() ? JsonReply(200, s->Health()) : params.ErrorReply();
  });
  router->Add("GET", "/v1/stats", Role::kReader, [s](const HttpRequest& r, const PathParams&) {
    ParamReader params(r, {});
    return params.ok() ? JsonReply(200, s->Stats()) : params.ErrorReply();
  });
  router->Add("GET", "/v1/openapi.json", Role::kNone,
              [](const HttpRequest& r, const PathParams&) { return OpenApi(r); });
}

}  // namespace whoknows::api::internal
