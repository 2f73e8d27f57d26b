// Server: cpp-httplib glue on a real socket.
#include "whoknows/api/server.h"

#include <httplib.h>

#include <catch2/catch.hpp>
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
