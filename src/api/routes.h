// The routes of the HTTP API, one function per resource (handlers_*.cc).  Each handler reads its
// parameters, calls one Service function and turns the answer into a reply; the logic is in
// Service.
#ifndef WHOKNOWS_SRC_API_ROUTES_H_
#define WHOKNOWS_SRC_API_ROUTES_H_

#include "metrics.h"
#include "reply_cache.h"
#include "router.h"
#include "whoknows/api/service.h"

namespace whoknows::api::internal {

// PUT/GET/DELETE /v1/{people,topics,documents,projects}/{id}, GET /v1/{people,...}.
void AddEntityRoutes(Service& service, Router* router);
// GET /v1/experts (answered from `replies` when it holds the answer, and kept there; nullptr: no
// cache), GET /v1/people/{id}/expertise.
void AddExpertRoutes(Service& service, ReplyCache* replies, Router* router);
// GET /v1/topics/search.
void AddTopicRoutes(Service& service, Router* router);
// GET /v1/communities, the collaboration network (handlers_network.cc).
void AddNetworkRoutes(Service& service, Router* router);
// GET /v1/coverage, GET /v1/coverage/gaps.
void AddCoverageRoutes(Service& service, Router* router);
// POST /v1/teams.
void AddTeamRoutes(Service& service, Router* router);
// POST /v1/import.
void AddImportRoutes(Service& service, Router* router);
// POST /v1/admin/backup.
void AddAdminRoutes(Service& service, Router* router);
// GET /healthz, /readyz, /metrics (counting into `metrics` when given), /v1/stats,
// /v1/openapi.json.
void AddSystemRoutes(Service& service, const Metrics* metrics, Router* router);

// GET / and GET /assets/{name}: the web page, not part of the JSON API (handlers_web.cc).
void AddWebRoutes(Router* router);
// True for the patterns AddWebRoutes adds, which schema/openapi.json does not list.
bool IsWebRoute(const std::string& pattern);

// Every route of the API.  The router refers to `service`, `metrics` and `replies`, which must
// outlive it.
Router BuildRouter(Service& service, const Metrics* metrics = nullptr,
                   ReplyCache* replies = nullptr);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_ROUTES_H_
