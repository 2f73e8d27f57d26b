// Server: cpp-httplib glue on a real socket.
#include "whoknows/api/server.h"

#include <httplib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "api_fixture.h"

namespace whoknows::api {
namespace {

using nlohmann::json;
using testing::ServiceFixture;

// A server listening on a free port in a thread, stopped on destruction.
class Running {
 public:
  Running(Service& service, ServerOptions options) : server_(service, std::move(options)) {
    Status bound = server_.Bind();
    INFO(bound.ToString());
    REQUIRE(bound.ok());
    thread_ = std::thread([this] { listened_ = server_.Listen(); });
  }
  ~Running() {
    server_.Stop();
    thread_.join();
  }
  httplib::Client Client() const {
    httplib::Client client("127.0.0.1", server_.port());
    client.set_read_timeout(30, 0);
    return client;
  }
  Server& server() { return server_; }

 private:
  Server server_;
  std::thread thread_;
  Status listened_;
};

ServerOptions AnyPort() {
  ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.log_file = "";  // no request log on the test's stderr
  return options;
}

TEST_CASE_METHOD(ServiceFixture, "the server answers JSON over HTTP on a free port", "[api]") {
  LoadCompany();
  Running running(service(), AnyPort());
  CHECK(running.server().port() > 0);
  auto client = running.Client();
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(health->get_header_value("Content-Type") == "application/json");
  CHECK(json::parse(health->body) == json{{"status", "ok"}});

  auto experts = client.Get("/v1/experts?topic=Kube&limit=1");
  REQUIRE(experts);
  CHECK(experts->status == 200);
  CHECK(json::parse(experts->body)["experts"][0]["id"] == "alice");

  auto put = client.Put("/v1/topics/go", R"({"name": "Go"})", "application/json");
  REQUIRE(put);
  CHECK(put->status == 201);
  auto wrong = client.Post("/v1/experts", "", "application/json");
  REQUIRE(wrong);
  CHECK(wrong->status == 405);
  CHECK(json::parse(wrong->body)["error"]["code"] == "method_not_allowed");
  auto missing = client.Get("/nowhere");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(json::parse(missing->body)["error"]["code"] == "not_found");
}

TEST_CASE_METHOD(ServiceFixture, "bodies over the limit are 413 with a JSON error", "[api]") {
  ServerOptions options = AnyPort();
  options.max_body_bytes = 1024;
  Running running(service(), options);
  auto client = running.Client();
  const std::string big = R"({"name": ")" + std::string(4096, 'x') + R"("})";
  auto r = client.Put("/v1/topics/big", big, "application/json");
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(json::parse(r->body)["error"]["code"] == "body_too_large");
  // The connection and the server stay usable, and nothing was written.
  auto after = client.Get("/v1/topics/big");
  REQUIRE(after);
  CHECK(after->status == 404);
  auto small = client.Put("/v1/topics/small", R"({"name": "S"})", "application/json");
  REQUIRE(small);
  CHECK(small->status == 201);
}

// cpp-httplib closes a keep-alive connection after 5 requests unless told otherwise; the server
// keeps one open for ServerOptions::keep_alive_requests, so a busy client does not reconnect.
TEST_CASE_METHOD(ServiceFixture, "a keep-alive connection serves many requests", "[api]") {
  LoadCompany();
  ServerOptions options = AnyPort();
  options.keep_alive_requests = 30;
  Running running(service(), options);
  auto client = running.Client();
  client.set_keep_alive(true);
  for (int i = 1; i <= 30; ++i) {
    INFO("request " << i);
    auto r = i % 2 == 0 ? client.Get("/v1/experts?topic=Kube&limit=1") : client.Head("/healthz");
    REQUIRE(r);
    CHECK(r->status == 200);
    // The last request allowed on the connection is told that it closes.
    CHECK((r->get_header_value("Connection") == "close") == (i == 30));
  }
}

// GET, HEAD and OPTIONS are answered before httplib's routing; the methods with a body after it.
// Both reach the same request log, metrics and error bodies.
TEST_CASE_METHOD(ServiceFixture, "every method is logged and counted once", "[api]") {
  LoadCompany();
  ServerOptions options = AnyPort();
  options.log_file = dir() + "/requests.log";
  {
    Running running(service(), options);
    auto client = running.Client();
    auto get = client.Get("/v1/experts?topic=Kube&limit=1", {{"X-Request-Id", "r-get"}});
    REQUIRE(get);
    CHECK(get->status == 200);
    // Cache-Control: no-cache reaches the handler: the same question again (no write between)
    // is computed, not looked up.
    auto fresh =
        client.Get("/v1/experts?topic=Kube&limit=1", {{"Cache-Control", "max-age=0, No-Cache"}});
    REQUIRE(fresh);
    CHECK(fresh->body == get->body);
    auto head = client.Head("/v1/stats", {{"X-Request-Id", "r-head"}});
    REQUIRE(head);
    CHECK(head->status == 200);
    CHECK(head->body.empty());
    auto options_reply = client.Options("/v1/experts", {{"X-Request-Id", "r-options"}});
    REQUIRE(options_reply);
    CHECK(options_reply->status == 405);
    CHECK(json::parse(options_reply->body)["error"]["code"] == "method_not_allowed");
    auto put = client.Put("/v1/topics/go", {{"X-Request-Id", "r-put"}}, R"({"name": "Go"})",
                          "application/json");
    REQUIRE(put);
    CHECK(put->status == 201);
    auto missing = client.Get("/v1/nowhere", {{"X-Request-Id", "r-missing"}});
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto metrics = client.Get("/metrics");
    REQUIRE(metrics);
    const std::string& text = metrics->body;
    CHECK(text.find(
              R"(whoknows_http_requests_total{method="GET",route="/v1/experts",status="2xx"} 2)") !=
          std::string::npos);
    CHECK(text.find("whoknows_reply_cache_hits_total 0\n") != std::string::npos);
    CHECK(text.find("whoknows_reply_cache_misses_total 1\n") != std::string::npos);
    CHECK(text.find(
              R"(whoknows_http_requests_total{method="GET",route="/v1/stats",status="2xx"} 1)") !=
          std::string::npos);
    CHECK(
        text.find(
            R"(whoknows_http_requests_total{method="PUT",route="/v1/topics/{id}",status="2xx"} 1)") !=
        std::string::npos);
    CHECK(text.find(
              R"(whoknows_http_requests_total{method="GET",route="unmatched",status="4xx"} 1)") !=
          std::string::npos);
  }
  std::ifstream in(options.log_file);
  std::map<std::string, json> lines;
  for (std::string line; std::getline(in, line);) {
    const json parsed = json::parse(line);
    lines[parsed["request_id"].get<std::string>()] = parsed;
  }
  REQUIRE(lines.count("r-get") == 1);
  CHECK(lines["r-get"]["route"] == "/v1/experts");
  CHECK(lines["r-get"]["status"] == 200);
  CHECK(lines["r-head"]["method"] == "GET");  // HEAD is served as GET
  CHECK(lines["r-head"]["route"] == "/v1/stats");
  CHECK(lines["r-options"]["status"] == 405);
  CHECK(lines["r-put"]["method"] == "PUT");
  CHECK(lines["r-put"]["status"] == 201);
  CHECK(lines["r-missing"]["route"].is_null());
  CHECK(lines["r-missing"]["status"] == 404);
}

// httplib would answer a client that accepts br with brotli at its slowest quality (half a second
// for openapi.json); the server hides br from it, so browsers get gzip.
TEST_CASE_METHOD(ServiceFixture, "replies are gzip, never brotli, whatever the client accepts",
                 "[api]") {
  Running running(service(), AnyPort());
  auto client = running.Client();
  for (const char* accepted :
       {"gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "gzip, deflate, br, zstd"}) {
    INFO(accepted);
    auto r = client.Get("/v1/openapi.json", {{"Accept-Encoding", accepted}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Encoding") == "gzip");
    CHECK(json::parse(r->body).contains("paths"));  // the client inflated it
  }
  auto only_brotli = client.Get("/v1/openapi.json", {{"Accept-Encoding", "br"}});
  REQUIRE(only_brotli);
  CHECK_FALSE(only_brotli->has_header("Content-Encoding"));
  CHECK(json::parse(only_brotli->body).contains("paths"));
}

TEST_CASE_METHOD(ServiceFixture, "stop before listen makes listen return at once", "[api]") {
  Server server(service(), AnyPort());
  REQUIRE(server.Bind().ok());
  server.Stop();
  CHECK(server.Listen().ok());
}

TEST_CASE_METHOD(ServiceFixture, "until a service is attached only /healthz answers, /readyz 503",
                 "[api]") {
  Server server(AnyPort());
  REQUIRE(server.Bind().ok());
  std::thread listener([&] { CHECK(server.Listen().ok()); });
  httplib::Client client("127.0.0.1", server.port());
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  auto ready = client.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 503);
  CHECK(json::parse(ready->body)["error"]["code"] == "not_ready");
  auto stats = client.Get("/v1/stats");
  REQUIRE(stats);
  CHECK(stats->status == 503);
  CHECK(stats->has_header("X-Request-Id"));

  server.Attach(service());
  ready = client.Get("/readyz");
  REQUIRE(ready);
  CHECK(ready->status == 200);
  stats = client.Get("/v1/stats");
  REQUIRE(stats);
  CHECK(stats->status == 200);
  server.Stop();
  listener.join();
}

TEST_CASE_METHOD(ServiceFixture, "without keys only loopback addresses are served", "[api]") {
  for (const char* bind : {"0.0.0.0", "192.0.2.1", "::"}) {
    ServerOptions options = AnyPort();
    options.bind = bind;
    Server server(service(), options);
    CHECK(server.Bind().reason() == "keys_required");
  }
  CHECK(IsLoopback("127.0.0.1"));
  CHECK(IsLoopback("::1"));
  CHECK(IsLoopback("localhost"));
  CHECK_FALSE(IsLoopback("0.0.0.0"));
}

TEST_CASE_METHOD(ServiceFixture, "binding a port in use fails with IOError", "[api]") {
  Running first(service(), AnyPort());
  ServerOptions options;
  options.port = first.server().port();
  Server second(service(), options);
  Status bound = second.Bind();
  CHECK(bound.code() == Status::Code::kIOError);
  CHECK(bound.message().find(std::to_string(options.port)) != std::string::npos);
}

}  // namespace
}  // namespace whoknows::api
