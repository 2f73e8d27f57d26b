#include "routes.h"

namespace whoknows::api::internal {

Router BuildRouter(Service& service, const Metrics* metrics, ReplyCache* replies) {
  Router router;
  AddSystemRoutes(service, metrics, &router);
  AddEntityRoutes(service, &router);
  AddTopicRoutes(service, &router);
  AddExpertRoutes(service, replies, &router);
  AddImportRoutes(service, &router);
  AddCoverageRoutes(service, &router);
  AddTeamRoutes(service, &router);
  AddNetworkRoutes(service, &router);
  AddAdminRoutes(service, &router);
  AddWebRoutes(&router);
  return router;
}

}  // namespace whoknows::api::internal
