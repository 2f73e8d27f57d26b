// Helpers the Service functions share: argument checks with the API's error reasons.
#ifndef WHOKNOWS_SRC_API_SERVICE_UTIL_H_
#define WHOKNOWS_SRC_API_SERVICE_UTIL_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "whoknows/core/result.h"
#include "whoknows/core/status.h"

namespace whoknows::api::internal {

// `text` shortened for an error message: at most 80 bytes, then "...".
std::string Excerpt(std::string_view text);

// InvalidArgument "invalid_id" unless `id` is a valid external id.
Status CheckId(std::string_view id);

// InvalidArgument "invalid_parameter" unless 1 <= limit <= kMaxLimit.
Status CheckLimit(size_t limit);

// `body` parsed as JSON.  InvalidArgument "malformed_json" naming the parse error, also for a
// NUL byte (nlohmann stops at one as at the end of the input: a NUL is refused rather than the
// rest of the body ignored).
Result<nlohmann::json> ParseJsonBody(std::string_view body);

// ASCII case-insensitive equality; other bytes compare as they are.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_SERVICE_UTIL_H_
