#include "routes.h"

namespace whoknows::api::internal {

Router BuildRouter(Service& service, const Metrics* metrics) {
  Router router;
  AddSystemRoutes(service, metrics, &router);
  AddEntityRoutes(service, &router);
  AddTopicRoutes(service, &router);
  AddExpertRoutes(service, &router);
  AddImportRoutes(service, &router);
  AddCoverageRoutes(service, &router);
  AddTeamRoutes(service, &router);
  AddNetworkRoutes(service, &router);
  AddAdminRoutes(service, &router);
  AddWebRoutes(&router);
  return router;
}

}  // namespace whoknows::api::internal
