#include "http.h"

#include <cctype>

#include "whoknows/api/service.h"

namespace whoknows::api::internal {

namespace {

std::string MediaType(std::string_view content_type) {
  std::string type(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
  size_t start = 0;
  while (start < type.size() && std::isspace(static_cast<unsigned char>(type[start]))) ++start;
  type.erase(0, start);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

}  // namespace

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk:
      return 200;
    case Status::Code::kNotFound:
      return 404;
    case Status::Code::kInvalidArgument:
      return status.reason() == "unsupported_media_type" ? 415 : 400;
    case Status::Code::kInvalidRecord:
      return 422;
    case Status::Code::kTooLarge:
      return 413;
    case Status::Code::kConflict:
      return 409;
    case Status::Code::kUnauthenticated:
      return 401;
    case Status::Code::kPermissionDenied:
      return 403;
    case Status::Code::kUnavailable:
      return 503;
    case Status::Code::kIOError:
    case Status::Code::kCorruption:
    case Status::Code::kInternal:
      return 500;
  }
  return 500;
}

HttpReply JsonReply(int status, const nlohmann::json& body) {
  HttpReply reply;
  reply.status = status;
  reply.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  reply.body.push_back('\n');
  return reply;
}

HttpReply ErrorReply(const Status& status, const nlohmann::json& details) {
  return JsonReply(HttpStatusFor(status), ErrorJson(status, details));
}

HttpReply ResultReply(const Result<nlohmann::json>& result, int ok_status) {
  return result.ok() ? JsonReply(ok_status, result.value()) : ErrorReply(result.status());
}

HttpReply NoContentReply() {
  HttpReply reply;
  reply.status = 204;
  return reply;
}

Status CheckMediaType(const HttpRequest& request,
                      std::initializer_list<std::string_view> accepted) {
  if (request.content_type.empty()) return Status::OK();
  const std::string type = MediaType(request.content_type);
  std::string names;
  for (std::string_view a : accepted) {
    if (type == a) return Status::OK();
    names += (names.empty() ? "" : ", ") + std::string(a);
  }
  return Status::InvalidArgument(
      "unsupported_media_type",
      "Content-Type '" + type.substr(0, 80) + "' is not accepted here; send one of: " + names);
}

}  // namespace whoknows::api::internal
