// The OpenAPI document of the HTTP API (schema/openapi.json), embedded in the binary at build time
// so that GET /v1/openapi.json needs no file at run time.
#ifndef WHOKNOWS_API_OPENAPI_H_
#define WHOKNOWS_API_OPENAPI_H_

#include <string_view>

namespace whoknows::api {

// The bytes of schema/openapi.json as they were when the binary was built.
std::string_view OpenApiDocument();

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_OPENAPI_H_
