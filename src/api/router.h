// Router: from a method and a path to a handler.  Patterns are paths whose segments are literals
// or "{name}" (one non-empty segment).  When several routes match a path, the one with the most
// literal segments wins (GET /v1/topics/search before GET /v1/topics/{id}).  A path no route
// matches is 404 "not_found"; a path some route matches with another method is 405
// "method_not_allowed" with an Allow header.
//
// Every route requires a role (keys.h), given when it is added: a caller with a weaker one gets
// 401 "unauthorized" (with WWW-Authenticate) when it has no valid key, 403 "forbidden" when its
// key's role is too weak.
#ifndef WHOKNOWS_SRC_API_ROUTER_H_
#define WHOKNOWS_SRC_API_ROUTER_H_

#include <functional>
#include <string>
#include <vector>

#include "http.h"

namespace whoknows::api::internal {

// The values of a route's "{name}" segments, in order.
using PathParams = std::vector<std::string>;
using Handler = std::function<HttpReply(const HttpRequest&, const PathParams&)>;

class Router {
 public:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    size_t literals = 0;
    Role role = Role::kAdmin;
    Handler handler;
  };

  void Add(std::string method, std::string pattern, Role role, Handler handler);

  // Never throws: an exception from a handler becomes 500 "internal".
  HttpReply Handle(const HttpRequest& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_ROUTER_H_
