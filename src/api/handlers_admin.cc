// POST /v1/admin/backup: a JSON body {"to": DIR}, answered by Service::Backup.
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Backup(Service& service, const HttpRequest& request) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  Status media = CheckMediaType(request, {"application/json"});
  if (!media.ok()) return ErrorReply(media);
  return ResultReply(service.Backup(request.body));
}

}  // namespace

void AddAdminRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("POST", "/v1/admin/backup", Role::kAdmin,
              [s](const HttpRequest& r, const PathParams&) { return Backup(*s, r); });
}

}  // namespace whoknows::api::internal
