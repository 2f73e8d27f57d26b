#include "service_util.h"

#include "whoknows/api/service.h"
#include "whoknows/core/id.h"

namespace whoknows::api::internal {

Result<nlohmann::json> ParseJsonBody(std::string_view body) {
  if (body.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("malformed_json",
                                   "the body is not valid JSON: it holds a NUL byte");
  }
  try {
    return nlohmann::json::parse(body.begin(), body.end());
  } catch (const nlohmann::json::exception& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
    if (size_t end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
    return Status::InvalidArgument("malformed_json", "the body is not valid JSON: " + what);
  }
}

std::string Excerpt(std::string_view text) {
  constexpr size_t kMax = 80;
  if (text.size() <= kMax) return std::string(text);
  return std::string(text.substr(0, kMax)) + "...";
}

Status CheckId(std::string_view id) {
  if (IsValidId(id)) return Status::OK();
  return Status::InvalidArgument(
      "invalid_id",
      "'" + Excerpt(id) + "' is not a valid id: use 1-128 characters of [A-Za-z0-9._:@-]");
}

Status CheckLimit(size_t limit) {
  if (limit >= 1 && limit <= kMaxLimit) return Status::OK();
  return Status::InvalidArgument("invalid_parameter",
                                 "limit must be from 1 to " + std::to_string(kMaxLimit));
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace whoknows::api::internal
