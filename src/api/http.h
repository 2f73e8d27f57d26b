// The API's view of HTTP, independent of cpp-httplib: a request, a reply, and the one mapping from
// a Status to an HTTP status and error body.  Handlers and the router work on these types only, so
// they are tested without sockets.
#ifndef WHOKNOWS_SRC_API_HTTP_H_
#define WHOKNOWS_SRC_API_HTTP_H_

#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "whoknows/api/keys.h"
#include "whoknows/core/result.h"
#include "whoknows/core/status.h"

namespace whoknows::api::internal {

struct HttpRequest {
  std::string method;  // "GET", "PUT", ...; a HEAD request arrives as "GET"
  std::string path;    // percent-decoded, without the query string
  std::multimap<std::string, std::string> params;  // the query string, decoded
  std::string content_type;                        // the Content-Type header, "" when absent
  std::string if_none_match;                       // the If-None-Match header (web assets)
  bool no_cache = false;  // Cache-Control: no-cache: answer afresh, not from the reply cache
  std::string body;

  // Who asks (the Server fills these from the Authorization header).  The defaults let nothing
  // but the probes through.
  Role role = Role::kNone;      // what the caller may do
  bool private_fields = false;  // an admin key: e-mail, and opted-out people by id
  bool bad_token = false;       // a bearer token came that matches no key
  std::string key_name;         // the key that authenticated the request, "" for none
};

struct HttpReply {
  int status = 200;
  std::string body;  // empty: no body (204)
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by the Router, not sent: the pattern of the route that matched ("" when none did) and the
  // role it requires, for logs, metrics and the audit log.
  std::string route;
  Role route_role = Role::kNone;
};

// The HTTP status of a failed Status: NotFound 404, InvalidArgument 400 (415 for
// "unsupported_media_type"), InvalidRecord 422, TooLarge 413, Conflict 409, IOError, Corruption
// and Internal 500.  The only place that maps the two.
int HttpStatusFor(const Status& status);

// `body` serialized; invalid UTF-8 (from a path or parameter echoed in a message) is replaced.
HttpReply JsonReply(int status, const nlohmann::json& body);
// ErrorJson(status, details) at HttpStatusFor(status).  REQUIRES: !status.ok().
HttpReply ErrorReply(const Status& status, const nlohmann::json& details = nullptr);
// The value at `ok_status`, or the error.
HttpReply ResultReply(const Result<nlohmann::json>& result, int ok_status = 200);
HttpReply NoContentReply();

// InvalidArgument "unsupported_media_type" unless the request's Content-Type (its media type,
// without parameters, case-insensitive) is absent or one of `accepted`.
Status CheckMediaType(const HttpRequest& request, std::initializer_list<std::string_view> accepted);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_HTTP_H_
