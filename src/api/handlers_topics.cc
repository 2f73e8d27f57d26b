// GET /v1/topics/search.  (The topic records themselves are in handlers_entities.cc.)
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Search(Service& service, const HttpRequest& request) {
  ParamReader params(request, {"q", "limit"});
  const std::string q = params.Required("q");
  const size_t limit = params.Size("limit", 10, 1, kMaxLimit);
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.SearchTopics(q, limit));
}

}  // namespace

void AddTopicRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/v1/topics/search", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Search(*s, r); });
}

}  // namespace whoknows::api::internal
