#include "routes.h"

namespace whoknows::api::internal {

Router BuildRouter(Service& service) {
  Router router;
  AddSystemRoutes(service, &router);
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
