// POST /v1/import: an NDJSON body, all records or none.
#include "params.h"
#include "routes.h"

namespace whoknows::api::internal {

namespace {

HttpReply Import(Service& service, const HttpRequest& request) {
  ParamReader params(request, {});
  if (!params.ok()) return params.ErrorReply();
  Status media =
      CheckMediaType(request, {"application/x-ndjson", "application/ndjson", "application/jsonl",
                               "application/x-jsonlines", "application/jsonlines", "text/plain"});
  if (!media.ok()) return ErrorReply(media);
  return ResultReply(service.Import(request.body));
}

}  // namespace

void AddImportRoutes(Service& service, Router* router) {
  Service* s = &service;
  router->Add("POST", "/v1/import", Role::kEditor,
              [s](const HttpRequest& r, const PathParams&) { return Import(*s, r); });
}

}  // namespace whoknows::api::internal
