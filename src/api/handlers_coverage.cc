// GET /v1/coverage and GET /v1/coverage/gaps.
#include <cmath>
#include <cstdlib>

#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

// A finite decimal number >= 0; `fallback` when absent.
double MinScore(ParamReader* params) {
  std::string text = params->Optional("min_score");
  if (text.empty()) return CoverageParams().min_score;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value < 0) {
    params->Reject("min_score", "min_score must be a number >= 0");
  }
  return value;
}

// "a,b,c" split at commas, items trimmed of spaces; an empty item stays (Service rejects it).
std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    std::string item = text.substr(start, comma == std::string::npos ? comma : comma - start);
    size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
    items.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
    if (comma == std::string::npos) return items;
    start = comma + 1;
  }
}

HttpReply Coverage(Service& service, const HttpRequest& request) {
  ParamReader params(request, {"topics", "department", "min_score", "limit", "cursor"});
  CoverageParams query;
  if (request.params.count("topics") > 0) {
    std::string topics = params.Optional("topics");
    if (topics.empty()) params.Reject("topics", "topics must name at least one topic");
    query.topics = SplitList(topics);
  }
  query.department = params.Optional("department");
  query.min_score = MinScore(&params);
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  query.cursor = params.Optional("cursor");
  if (!params.ok()) return params.ErrorReply();
  nlohmann::json details;
  auto answer = service.Coverage(query, &details);
  return answer.ok() ? JsonReply(200, *answer) : ErrorReply(answer.status(), details);
}

HttpReply Gaps(Service& service, const HttpRequest& request) {
  ParamReader params(request, {"department", "min_score", "limit"});
  GapsParams query;
  query.department = params.Optional("department");
  query.min_score = MinScore(&params);
  query.limit = params.Size("limit", query.limit, 1, kMaxLimit);
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.CoverageGaps(query));
}

}  // namespace

void AddCoverageRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("GET", "/v1/coverage", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Coverage(*s, r); });
  router->Add("GET", "/v1/coverage/gaps", Role::kReader,
              [s](const HttpRequest& r, const PathParams&) { return Gaps(*s, r); });
}

}  // namespace whoknows::api::internal
