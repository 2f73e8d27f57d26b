// The HTTP layer without sockets: routing, parameters, error mapping, cursors, the document.
#include "router.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>

#include "api_fixture.h"
#include "cursor.h"
#include "http.h"
#include "params.h"
#include "routes.h"
#include "whoknows/api/openapi.h"

namespace whoknows::api::internal {
namespace {

using nlohmann::json;
using testing::ServiceFixture;

HttpRequest Request(std::string method, std::string path,
                    std::multimap<std::string, std::string> params = {}) {
  HttpRequest r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.params = std::move(params);
  r.role = Role::kAdmin;  // as without keys: everything is allowed
  return r;
}

json Body(const HttpReply& reply) { return json::parse(reply.body); }

TEST_CASE("every Status code maps to one HTTP status", "[api]") {
  CHECK(HttpStatusFor(Status::NotFound("not_found", "")) == 404);
  CHECK(HttpStatusFor(Status::InvalidArgument("invalid_parameter", "")) == 400);
  CHECK(HttpStatusFor(Status::InvalidArgument("unsupported_media_type", "")) == 415);
  CHECK(HttpStatusFor(Status::InvalidRecord("invalid_field", "")) == 422);
  CHECK(HttpStatusFor(Status::TooLarge("body_too_large", "")) == 413);
  CHECK(HttpStatusFor(Status::Conflict("concurrent_write", "")) == 409);
  CHECK(HttpStatusFor(Status::Unauthenticated("unauthorized", "")) == 401);
  CHECK(HttpStatusFor(Status::PermissionDenied("forbidden", "")) == 403);
  CHECK(HttpStatusFor(Status::Unavailable("not_ready", "")) == 503);
  CHECK(HttpStatusFor(Status::IOError("disk")) == 500);
  CHECK(HttpStatusFor(Status::Corruption("bits")) == 500);
  CHECK(HttpStatusFor(Status::Internal("bug")) == 500);
}

TEST_CASE("error bodies carry code, message, line and details", "[api]") {
  const json e = ErrorJson(Status::InvalidRecord("dangling_reference", "no person 'x'").WithLine(7),
                           json{{"extra", 1}, {"code", "ignored"}});
  CHECK(e == json{{"error",
                   {{"code", "dangling_reference"},
                    {"message", "no person 'x'"},
                    {"line", 7},
                    {"extra", 1}}}});
  CHECK_FALSE(ErrorJson(Status::NotFound("not_found", "m"))["error"].contains("line"));
}

TEST_CASE("JSON replies replace invalid UTF-8 instead of failing", "[api]") {
  const HttpReply reply = ErrorReply(Status::NotFound("unknown_topic", "no topic '\xff'"));
  CHECK(reply.status == 404);
  CHECK(Body(reply)["error"]["code"] == "unknown_topic");
}

TEST_CASE("the router tells unknown paths from wrong methods", "[api]") {
  Router router;
  auto ok = [](const HttpRequest&, const PathParams& p) {
    return JsonReply(200, json{{"params", p}});
  };
  router.Add("GET", "/v1/things/{id}", Role::kReader, ok);
  router.Add("DELETE", "/v1/things/{id}", Role::kReader, ok);
  router.Add("GET", "/v1/things/special", Role::kReader, ok);

  HttpReply r = router.Handle(Request("GET", "/v1/things/a"));
  CHECK(Body(r)["params"] == json{"a"});
  r = router.Handle(Request("GET", "/v1/things/special"));
  CHECK(Body(r)["params"] == json::array());  // the literal route wins
  r = router.Handle(Request("POST", "/v1/things/a"));
  CHECK(r.status == 405);
  CHECK(Body(r)["error"]["code"] == "method_not_allowed");
  REQUIRE(r.headers.size() == 1);
  CHECK(r.headers[0] == std::make_pair(std::string("Allow"), std::string("GET, DELETE, HEAD")));
  for (const char* path : {"/v1/things", "/v1/things/", "/v1/things/a/b", "/", "", "v1/things/a"}) {
    INFO(path);
    r = router.Handle(Request("GET", path));
    CHECK(r.status == 404);
    CHECK(Body(r)["error"]["code"] == "not_found");
  }
}

TEST_CASE("a route refuses a weaker role: 401 without a valid key, 403 with one", "[api]") {
  Router router;
  auto ok = [](const HttpRequest&, const PathParams&) { return JsonReply(200, json::object()); };
  router.Add("DELETE", "/v1/things/{id}", Role::kAdmin, ok);
  router.Add("GET", "/open", Role::kNone, ok);

  HttpRequest request = Request("DELETE", "/v1/things/a");
  request.role = Role::kNone;
  HttpReply r = router.Handle(request);
  CHECK(r.status == 401);
  CHECK(Body(r)["error"]["code"] == "unauthorized");
  CHECK(r.route == "/v1/things/{id}");
  CHECK(r.route_role == Role::kAdmin);
  REQUIRE(r.headers.size() == 1);
  CHECK(r.headers[0].first == "WWW-Authenticate");
  CHECK(r.headers[0].second == R"(Bearer realm="whoknows")");

  request.bad_token = true;
  r = router.Handle(request);
  CHECK(r.status == 401);
  CHECK(r.headers[0].second.find("invalid_token") != std::string::npos);

  request.bad_token = false;
  request.key_name = "ed";
  for (Role weaker : {Role::kReader, Role::kEditor}) {
    request.role = weaker;
    r = router.Handle(request);
    CHECK(r.status == 403);
    CHECK(Body(r)["error"]["code"] == "forbidden");
    CHECK(Body(r)["error"]["message"].get<std::string>().find("'ed'") != std::string::npos);
  }
  request.role = Role::kAdmin;
  CHECK(router.Handle(request).status == 200);

  HttpRequest open = Request("GET", "/open");
  open.role = Role::kNone;
  CHECK(router.Handle(open).status == 200);
  // Unknown paths and methods say so to anyone: nothing is behind them.
  open.path = "/nothing";
  CHECK(router.Handle(open).status == 404);
}

TEST_CASE("a handler that throws answers 500 internal", "[api]") {
  Router router;
  router.Add("GET", "/boom", Role::kReader, [](const HttpRequest&, const PathParams&) -> HttpReply {
    throw std::runtime_error("kaput");
  });
  const HttpReply r = router.Handle(Request("GET", "/boom"));
  CHECK(r.status == 500);
  CHECK(Body(r)["error"]["code"] == "internal");
}

TEST_CASE("the parameter reader reports the first problem and names the parameter", "[api]") {
  auto problem = [](std::multimap<std::string, std::string> params) {
    HttpRequest r = Request("GET", "/", std::move(params));
    ParamReader p(r, {"limit", "explain", "q"});
    p.Size("limit", 10, 1, 1000);
    p.Bool("explain", false);
    p.Required("q");
    return p.ok() ? json() : Body(p.ErrorReply())["error"];
  };
  CHECK(problem({{"q", "x"}}).is_null());
  CHECK(problem({{"q", "x"}, {"limit", "1000"}, {"explain", "true"}}).is_null());
  const std::pair<std::multimap<std::string, std::string>, std::pair<std::string, std::string>>
      cases[] = {
          {{{"q", "x"}, {"limit", "-3"}}, {"invalid_parameter", "limit"}},
          {{{"q", "x"}, {"limit", "abc"}}, {"invalid_parameter", "limit"}},
          {{{"q", "x"}, {"limit", "0"}}, {"invalid_parameter", "limit"}},
          {{{"q", "x"}, {"limit", "1001"}}, {"invalid_parameter", "limit"}},
          {{{"q", "x"}, {"limit", "99999999999999999999999"}}, {"invalid_parameter", "limit"}},
          {{{"q", "x"}, {"explain", "maybe"}}, {"invalid_parameter", "explain"}},
          {{{"q", "x"}, {"sort", "name"}}, {"invalid_parameter", "sort"}},
          {{{"q", "x"}, {"limit", "1"}, {"limit", "2"}}, {"invalid_parameter", "limit"}},
          {{}, {"missing_parameter", "q"}},
          {{{"q", ""}}, {"missing_parameter", "q"}},
      };
  for (const auto& [params, expected] : cases) {
    const json error = problem(params);
    INFO(error.dump());
    CHECK(error["code"] == expected.first);
    CHECK(error["parameter"] == expected.second);
  }
}

TEST_CASE("media types are checked without parameters and case", "[api]") {
  HttpRequest r = Request("PUT", "/");
  CHECK(CheckMediaType(r, {"application/json"}).ok());  // absent is fine
  r.content_type = "Application/JSON; charset=utf-8";
  CHECK(CheckMediaType(r, {"application/json"}).ok());
  r.content_type = "application/x-www-form-urlencoded";
  CHECK(CheckMediaType(r, {"application/json"}).reason() == "unsupported_media_type");
}

TEST_CASE("cursors round-trip and reject anything else", "[api]") {
  for (const char* id : {"a", "e1042", "x.y:z@w-1", "Z"}) {
    const std::string cursor = EncodeCursor(id);
    CHECK(cursor.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
          std::string::npos);
    CHECK(DecodeCursor(cursor) == std::optional<std::string>(id));
  }
  CHECK_FALSE(DecodeCursor(""));
  CHECK_FALSE(DecodeCursor("!!!!"));
  CHECK_FALSE(DecodeCursor("djE6"));      // "v1:" and no id
  CHECK_FALSE(DecodeCursor("YWJj"));      // "abc": no prefix
  CHECK_FALSE(DecodeCursor("djE6YQ=="));  // padding is not ours
  CHECK_FALSE(DecodeCursor("djE6YR"));    // non-zero trailing bits
}

TEST_CASE_METHOD(ServiceFixture, "the router and schema/openapi.json list the same operations",
                 "[api]") {
  const Router router = BuildRouter(service());
  std::set<std::string> routed, documented;
  for (const auto& route : router.routes()) {
    if (IsWebRoute(route.pattern)) continue;  // the web page is not part of the JSON API
    routed.insert(route.method + " " + route.pattern);
  }
  const json doc = json::parse(OpenApiDocument());
  CHECK(doc["openapi"] == "3.1.0");
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper;
      for (char c : method) upper.push_back(static_cast<char>(std::toupper(c)));
      documented.insert(upper + " " + path);
    }
  }
  CHECK(routed == documented);
}

TEST_CASE_METHOD(ServiceFixture, "every route requires the role schema/openapi.json declares",
                 "[api]") {
  const Router router = BuildRouter(service());
  const json doc = json::parse(OpenApiDocument());
  REQUIRE(doc["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer");
  size_t checked = 0;
  for (const auto& route : router.routes()) {
    if (IsWebRoute(route.pattern)) {
      CHECK(route.role == Role::kNone);  // the page itself; its API calls need keys
      continue;
    }
    std::string method;
    for (char c : route.method) method.push_back(static_cast<char>(std::tolower(c)));
    INFO(route.method << " " << route.pattern);
    const json& op = doc["paths"][route.pattern][method];
    REQUIRE(op.contains("x-required-role"));
    CHECK(op["x-required-role"] == RoleName(route.role));
    // Open operations say so with an empty security list; the others need the bearer scheme and
    // document 401 and 403.
    if (route.role == Role::kNone) {
      CHECK(op["security"] == json::array());
    } else {
      CHECK(op["security"] == json::parse(R"([{"bearer": []}])"));
      CHECK(op["responses"].contains("401"));
      CHECK(op["responses"].contains("403"));
    }
    ++checked;
  }
  CHECK(checked > 20);
}

TEST_CASE_METHOD(ServiceFixture, "handlers map service answers to statuses", "[api]") {
  LoadCompany();
  const Router router = BuildRouter(service());
  HttpRequest put = Request("PUT", "/v1/topics/go");
  put.body = R"({"name": "Go"})";
  CHECK(router.Handle(put).status == 201);
  CHECK(router.Handle(put).status == 200);
  put.content_type = "text/csv";
  CHECK(router.Handle(put).status == 415);
  CHECK(router.Handle(Request("DELETE", "/v1/topics/go")).status == 204);
  CHECK(router.Handle(Request("DELETE", "/v1/topics/go")).status == 404);
  CHECK(router.Handle(Request("GET", "/v1/topics/go")).status == 404);
  CHECK(router.Handle(Request("GET", "/v1/people/bad id")).status == 400);

  HttpReply unknown = router.Handle(Request("GET", "/v1/experts", {{"topic", "kuberne"}}));
  CHECK(unknown.status == 404);
  CHECK(Body(unknown)["error"]["suggestions"][0]["id"] == "k8s");

  HttpRequest import = Request("POST", "/v1/import");
  import.content_type = "application/x-ndjson";
  import.body = "{\"type\": \"topic\", \"id\": \"go\", \"name\": \"Go\"}\n{\"type\": \"bad\"}\n";
  HttpReply failed = router.Handle(import);
  CHECK(failed.status == 422);
  CHECK(Body(failed)["error"]["line"] == 2);
  CHECK(router.Handle(Request("GET", "/v1/topics/go")).status == 404);
  CHECK(Body(router.Handle(Request("GET", "/v1/openapi.json"))) == json::parse(OpenApiDocument()));
}

}  // namespace
}  // namespace whoknows::api::internal
