// GET /v1/experts and GET /v1/people/{id}/expertise.
#include <string>

#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

// What an experts reply depends on besides the graph version and the service's options: the
// parsed parameters (so "limit=010" and "limit=10" share an entry) and the day recency is
// computed for.  The texts are length-prefixed, so that no value can pose as another field.
std::string ExpertsKey(const ExpertsParams& query, Day as_of) {
  std::string key = "experts";
  for (const std::string* text : {&query.topic, &query.department, &query.location}) {
    key += ' ' + std::to_string(text->size()) + ':' + *text;
  }
  key += ' ' + std::to_string(query.limit) + (query.explain ? " explain " : " top ") +
         std::to_string(as_of);
  return key;
}

HttpReply Experts(Service& service, ReplyCache* replies, const HttpRequest& request) {
  ParamReader params(request, {"topic", "limit", "department", "location", "explain"});
  ExpertsParams query;
  query.topic = params.Required("topic");
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  query.department = params.Optional("department");
  query.location = params.Optional("location");
  query.explain = params.Bool("explain", false);
  if (!params.ok()) return params.ErrorReply();
  std::string key;
  uint64_t version = 0;
  if (replies != nullptr) {
    key = ExpertsKey(query, service.AsOf());
    version = service.db().Snapshot()->Version();
    // Cache-Control: no-cache computes afresh (and keeps the fresh answer).
    if (auto body = request.no_cache ? nullptr : replies->Find(version, key)) {
      HttpReply reply;
      reply.body = *body;
      return reply;
    }
  }
  nlohmann::json details;
  auto answer = service.Experts(query, &details);
  if (!answer.ok()) return ErrorReply(answer.status(), details);
  HttpReply reply = JsonReply(200, *answer);
  // Kept only when no write was published meanwhile: then the answer is of `version` exactly.
  if (replies != nullptr && service.db().Snapshot()->Version() == version) {
    replies->Insert(version, key, reply.body);
  }
  return reply;
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

void AddExpertRoutes(Service& service, ReplyCache* replies, Router* router) {
  Service* s = &service;
  router->Add(
      "GET", "/v1/experts", Role::kReader,
      [s, replies](const HttpRequest& r, const PathParams&) { return Experts(*s, replies, r); });
  router->Add("GET", "/v1/people/{id}/expertise", Role::kReader,
              [s](const HttpRequest& r, const PathParams& p) { return Expertise(*s, r, p); });
}

}  // namespace whoknows::api::internal
