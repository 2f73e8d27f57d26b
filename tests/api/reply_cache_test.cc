// The reply cache: bodies kept per graph version, never served across a write, bounded by bytes;
// and GET /v1/experts through it answers byte for byte what it answers without it.
#include "reply_cache.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_fixture.h"
#include "routes.h"

namespace whoknows::api::internal {
namespace {

using nlohmann::json;
using testing::ServiceFixture;

TEST_CASE("the reply cache serves a body for its key and version only", "[api]") {
  ReplyCache cache(1 << 20);
  CHECK(cache.Find(1, "a") == nullptr);
  cache.Insert(1, "a", "body a");
  cache.Insert(1, "b", "body b");
  REQUIRE(cache.Find(1, "a") != nullptr);
  CHECK(*cache.Find(1, "a") == "body a");
  CHECK(*cache.Find(1, "b") == "body b");
  CHECK(cache.Find(2, "a") == nullptr);  // a newer graph: not served
  CHECK(cache.Find(0, "a") == nullptr);
  ReplyCache::Counters c = cache.counters();
  CHECK(c.hits == 3);
  CHECK(c.misses == 3);
  CHECK(c.entries == 2);
  CHECK(c.bytes == 2 * (1 + 6));

  cache.Insert(2, "c", "body c");  // the first answer of a newer graph drops the older ones
  CHECK(cache.Find(2, "a") == nullptr);
  CHECK(*cache.Find(2, "c") == "body c");
  cache.Insert(1, "a", "late answer of an older graph");
  CHECK(cache.Find(1, "a") == nullptr);
  CHECK(cache.Find(2, "a") == nullptr);
  c = cache.counters();
  CHECK(c.entries == 1);
  CHECK(c.bytes == 1 + 6);
}

TEST_CASE("the reply cache drops the least recently used beyond its bytes", "[api]") {
  ReplyCache cache(1600);  // entries of 100 bytes; at most 1600 / 16 = 100 bytes each
  auto body = [](char c) { return std::string(99, c); };
  for (char key = 'a'; key < 'a' + 16; ++key) cache.Insert(1, std::string(1, key), body(key));
  CHECK(cache.counters().entries == 16);
  CHECK(cache.counters().bytes == 1600);
  REQUIRE(cache.Find(1, "a") != nullptr);  // a is now the most recently used
  cache.Insert(1, "q", body('q'));         // so b leaves
  CHECK(cache.Find(1, "b") == nullptr);
  CHECK(cache.Find(1, "a") != nullptr);
  CHECK(cache.Find(1, "q") != nullptr);
  CHECK(cache.counters().bytes == 1600);
  cache.Insert(1, "big", std::string(200, 'x'));  // over max_bytes / 16: not kept
  CHECK(cache.Find(1, "big") == nullptr);
  CHECK(cache.counters().entries == 16);

  ReplyCache off(0);
  off.Insert(1, "a", "body");
  CHECK(off.Find(1, "a") == nullptr);
  CHECK(off.counters().entries == 0);
}

HttpReply Get(const Router& router, const std::string& path,
              std::multimap<std::string, std::string> params, bool no_cache = false) {
  HttpRequest request;
  request.no_cache = no_cache;
  request.method = "GET";
  request.path = path;
  request.params = std::move(params);
  request.role = Role::kAdmin;
  return router.Handle(request);
}

// Answers of GET /v1/experts through a cache and without one, for the same parameters, compared
// byte for byte; returns how many were compared.
size_t CompareExperts(const Router& cached, const Router& direct) {
  const std::vector<std::multimap<std::string, std::string>> queries = {
      {{"topic", "k8s"}},
      {{"topic", "kube"}, {"limit", "1"}},
      {{"topic", "infra"}, {"limit", "10"}, {"explain", "true"}},
      {{"topic", "k8s"}, {"department", "Platform"}},
      {{"topic", "k8s"}, {"location", "Berlin"}},
      {{"topic", "rust"}},
      {{"topic", "nothing-like-it"}},      // 404 unknown_topic: never cached
      {{"topic", "k8s"}, {"limit", "0"}},  // 400
  };
  size_t compared = 0;
  for (const auto& params : queries) {
    const HttpReply a = Get(cached, "/v1/experts", params);
    const HttpReply b = Get(direct, "/v1/experts", params);
    INFO(a.body);
    CHECK(a.status == b.status);
    CHECK(a.body == b.body);
    CHECK(a.route == "/v1/experts");
    ++compared;
  }
  return compared;
}

TEST_CASE_METHOD(ServiceFixture, "experts replies from the cache equal the computed ones",
                 "[api]") {
  LoadCompany();
  ReplyCache cache(1 << 20);
  const Router cached = BuildRouter(service(), nullptr, &cache);
  const Router direct = BuildRouter(service());
  CompareExperts(cached, direct);
  // Six answers (rust's list is empty, an answer too); the unknown topic is looked up and missed;
  // the bad limit is refused before the cache.
  CHECK(cache.counters().hits == 0);
  CHECK(cache.counters().misses == 7);
  CHECK(cache.counters().entries == 6);
  CompareExperts(cached, direct);
  CHECK(cache.counters().hits == 6);
  CHECK(cache.counters().misses == 8);
  // Cache-Control: no-cache: computed again, the cache not consulted.
  const HttpReply fresh = Get(cached, "/v1/experts", {{"topic", "k8s"}}, true);
  CHECK(fresh.body == Get(direct, "/v1/experts", {{"topic", "k8s"}}).body);
  CHECK(cache.counters().hits == 6);
  CHECK(cache.counters().misses == 8);
}

TEST_CASE_METHOD(ServiceFixture, "a write, an opt-out above all, is seen at once through the cache",
                 "[api]") {
  LoadCompany();
  ReplyCache cache(1 << 20);
  const Router cached = BuildRouter(service(), nullptr, &cache);
  const Router direct = BuildRouter(service());
  auto experts = [&] { return json::parse(Get(cached, "/v1/experts", {{"topic", "k8s"}}).body); };
  auto ids = [](const json& reply) {
    std::vector<std::string> out;
    for (const json& e : reply["experts"]) out.push_back(e["id"]);
    return out;
  };
  REQUIRE(ids(experts()) == std::vector<std::string>{"alice", "bob"});
  REQUIRE(ids(experts()) == std::vector<std::string>{"alice", "bob"});
  REQUIRE(cache.counters().hits == 1);

  bool created = false;
  auto opted = service().PutRecord(
      graph::Kind::kPerson, "alice",
      R"({"name": "Alice", "department": "Platform", "opted_out": true})", &created);
  REQUIRE(opted.ok());
  CHECK(ids(experts()) == std::vector<std::string>{"bob"});
  CompareExperts(cached, direct);

  // Any write publishes a new version, which the cache does not serve from the old one.
  REQUIRE(service().PutRecord(graph::Kind::kTopic, "go", R"({"name": "Go"})", &created).ok());
  const uint64_t misses = cache.counters().misses;
  CHECK(ids(experts()) == std::vector<std::string>{"bob"});
  CHECK(cache.counters().misses == misses + 1);
  CompareExperts(cached, direct);
}

}  // namespace
}  // namespace whoknows::api::internal
