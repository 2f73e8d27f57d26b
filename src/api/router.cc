#include "router.h"

#include <algorithm>
#include <exception>
#include <string_view>

#include "whoknows/api/service.h"

namespace whoknows::api::internal {

namespace {

// The segments of `path` (which starts with '/'), as views into it.  The views of a request's
// path are what every route is matched against: no copy per request and route.
template <typename Segment>
std::vector<Segment> Split(std::string_view path) {
  std::vector<Segment> segments;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool Match(const Router::Route& route, const std::vector<std::string_view>& segments,
           PathParams* params) {
  if (route.segments.size() != segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (IsParam(route.segments[i]) ? segments[i].empty() : route.segments[i] != segments[i]) {
      return false;
    }
  }
  params->clear();
  for (size_t i = 0; i < segments.size(); ++i) {
    if (IsParam(route.segments[i])) params->emplace_back(segments[i]);
  }
  return true;
}

HttpReply Dispatch(const Router::Route& route, const HttpRequest& request,
                   const PathParams& params) {
  try {
    return route.handler(request, params);
  } catch (const std::exception& e) {
    return ErrorReply(Status::Internal(std::string("unexpected error: ") + e.what()));
  } catch (...) {
    return ErrorReply(Status::Internal("unexpected error"));
  }
}

// 401 for a caller without a valid key, 403 for one whose key's role is too weak.
HttpReply Refuse(const Router::Route& route, const HttpRequest& request) {
  const std::string needs = std::string(RoleName(route.role));
  const std::string what = route.method + " " + route.pattern;
  if (request.role == Role::kNone) {
    HttpReply reply = ErrorReply(Status::Unauthenticated(
        "unauthorized", (request.bad_token ? "the bearer token is not a valid key; " : "") + what +
                            " needs a key with role " + needs + " (Authorization: Bearer TOKEN)"));
    reply.headers.emplace_back(
        "WWW-Authenticate", request.bad_token ? R"(Bearer realm="whoknows", error="invalid_token")"
                                              : R"(Bearer realm="whoknows")");
    return reply;
  }
  return ErrorReply(Status::PermissionDenied(
      "forbidden", "key '" + request.key_name + "' has role " +
                       std::string(RoleName(request.role)) + "; " + what + " needs " + needs));
}

}  // namespace

void Router::Add(std::string method, std::string pattern, Role role, Handler handler) {
  Route route;
  route.segments = Split<std::string>(pattern);
  route.literals =
      static_cast<size_t>(std::count_if(route.segments.begin(), route.segments.end(),
                                        [](const std::string& s) { return !IsParam(s); }));
  route.method = std::move(method);
  route.pattern = std::move(pattern);
  route.role = role;
  route.handler = std::move(handler);
  routes_.push_back(std::move(route));
}

HttpReply Router::Handle(const HttpRequest& request) const {
  if (request.path.empty() || request.path[0] != '/') {
    return ErrorReply(Status::NotFound("not_found", "no such endpoint"));
  }
  const std::vector<std::string_view> segments = Split<std::string_view>(request.path);
  const Route* best = nullptr;
  PathParams params, best_params;
  std::vector<std::string> allowed;
  for (const Route& route : routes_) {
    if (!Match(route, segments, &params)) continue;
    if (route.method != request.method) {
      if (std::find(allowed.begin(), allowed.end(), route.method) == allowed.end()) {
        allowed.push_back(route.method);
      }
    } else if (best == nullptr || route.literals > best->literals) {
      best = &route;
      best_params.swap(params);
    }
  }
  if (best != nullptr) {
    HttpReply reply =
        request.role >= best->role ? Dispatch(*best, request, best_params) : Refuse(*best, request);
    reply.route = best->pattern;
    reply.route_role = best->role;
    return reply;
  }
  if (allowed.empty()) {
    return ErrorReply(Status::NotFound(
        "not_found", "no such endpoint: " + request.method + " " + request.path.substr(0, 200)));
  }
  std::string allow;
  for (const std::string& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
  if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allow += ", HEAD";
  HttpReply reply = JsonReply(
      405, ErrorJson(Status::InvalidArgument(
               "method_not_allowed", request.method + " is not allowed on " +
                                         request.path.substr(0, 200) + "; allowed: " + allow)));
  reply.headers.emplace_back("Allow", allow);
  return reply;
}

}  // namespace whoknows::api::internal
