// PUT/GET/DELETE /v1/{people,topics,documents,projects}/{id} and the lists GET /v1/{people,...}.
#include <string>

#include "cursor.h"
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

using graph::Kind;

HttpReply Put(Service& service, Kind kind, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  if (Status s = CheckMediaType(request, {"application/json"}); !s.ok()) return ErrorReply(s);
  bool created = false;
  auto stored = service.PutRecord(kind, path[0], request.body, &created, request.private_fields);
  return ResultReply(stored, created ? 201 : 200);
}

HttpReply Get(Service& service, Kind kind, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.GetRecord(kind, path[0], request.private_fields));
}

HttpReply Delete(Service& service, Kind kind, const HttpRequest& request, const PathParams& path) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  Status deleted = service.DeleteRecord(kind, path[0]);
  return deleted.ok() ? NoContentReply() : ErrorReply(deleted);
}

HttpReply List(Service& service, Kind kind, const HttpRequest& request) {
  const bool person = kind == Kind::kPerson;
  ParamReader params = person ? ParamReader(request, {"limit", "cursor", "department", "location"})
                              : ParamReader(request, {"limit", "cursor"});
  ListParams list;
  list.limit = params.Size("limit", list.limit, 1, kMaxLimit);
  list.cursor = params.Optional("cursor");
  if (!list.cursor.empty() && !DecodeCursor(list.cursor)) {
    params.Reject("cursor", "parameter 'cursor' is not a cursor this server handed out");
  }
  list.department = params.Optional("department");
  list.location = params.Optional("location");
  if (!params.ok()) return params.ErrorReply();
  return ResultReply(service.ListRecords(kind, list, request.private_fields));
}

}  // namespace

void AddEntityRoutes(Service& service, Router* router) {
  for (const char* collection : {"people", "topics", "documents", "projects"}) {
    const Kind kind = *KindOfCollection(collection);
    const std::string base = std::string("/v1/") + collection;
    Service* s = &service;
    router->Add("GET", base, Role::kReader,
                [s, kind](const HttpRequest& r, const PathParams&) { return List(*s, kind, r); });
    router->Add(
        "GET", base + "/{id}", Role::kReader,
        [s, kind](const HttpRequest& r, const PathParams& p) { return Get(*s, kind, r, p); });
    router->Add(
        "PUT", base + "/{id}", Role::kEditor,
        [s, kind](const HttpRequest& r, const PathParams& p) { return Put(*s, kind, r, p); });
    router->Add(
        "DELETE", base + "/{id}", Role::kAdmin,
        [s, kind](const HttpRequest& r, const PathParams& p) { return Delete(*s, kind, r, p); });
  }
}

}  // namespace whoknows::api::internal
