// Service: the logic behind every endpoint, on a real Database.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "api_fixture.h"
#include "http.h"

namespace whoknows::api {
namespace {

using graph::Kind;
using nlohmann::json;
using testing::ServiceFixture;

std::vector<std::string> ExpertIds(const json& answer) {
  std::vector<std::string> ids;
  for (const auto& e : answer["experts"]) ids.push_back(e["id"]);
  return ids;
}

json Stats(Service& s) { return s.Stats()["counts"]; }

TEST_CASE_METHOD(ServiceFixture, "put creates, then replaces, and returns the stored record",
                 "[api]") {
  bool created = false;
  auto first =
      service().PutRecord(Kind::kTopic, "go", R"({"name": "Go", "aliases": ["golang"]})", &created);
  REQUIRE(first.ok());
  CHECK(created);
  CHECK(*first == json{{"type", "topic"}, {"id", "go"}, {"name", "Go"}, {"aliases", {"golang"}}});
  auto second = service().PutRecord(Kind::kTopic, "go", R"({"name": "Golang"})", &created);
  REQUIRE(second.ok());
  CHECK_FALSE(created);
  CHECK(*second == json{{"type", "topic"}, {"id", "go"}, {"name", "Golang"}});
  auto read = service().GetRecord(Kind::kTopic, "go");
  REQUIRE(read.ok());
  CHECK(*read == *second);
}

TEST_CASE_METHOD(ServiceFixture, "put rejects bad input with the API's codes and writes nothing",
                 "[api]") {
  LoadCompany();
  const json before = service().Stats()["counts"];
  struct Case {
    Kind kind;
    std::string id, body, reason;
    int http;
  };
  const Case cases[] = {
      {Kind::kPerson, "bad id", R"({"name": "X"})", "invalid_id", 400},
      {Kind::kPerson, "x", R"({"name": )", "malformed_json", 400},
      {Kind::kPerson, "x", R"([1])", "malformed_json", 400},
      {Kind::kPerson, "x", R"({"name": 1})", "invalid_field", 422},
      {Kind::kPerson, "x", R"({"name": "X", "age": 3})", "unknown_field", 422},
      {Kind::kPerson, "x", R"({"name": "X", "manager": "ghost"})", "dangling_reference", 422},
      {Kind::kDocument, "d1", R"({"title": "T", "created": "2024-01-01", "authors": ["ghost"]})",
       "dangling_reference", 422},
  };
  for (const Case& c : cases) {
    INFO(c.body);
    bool created = true;
    auto r = service().PutRecord(c.kind, c.id, c.body, &created);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().reason() == c.reason);
    CHECK(internal::HttpStatusFor(r.status()) == c.http);
    CHECK(r.status().line() == 0);  // a PUT has no lines
  }
  CHECK(Stats(service()) == before);
  // (erin opted out: only private-field readers see her as an author.)
  CHECK((*service().GetRecord(Kind::kDocument, "d1", true))["authors"] == json{"alice", "erin"});
}

TEST_CASE_METHOD(ServiceFixture, "opted-out people and e-mail addresses are never returned",
                 "[api]") {
  LoadCompany();
  auto erin = service().GetRecord(Kind::kPerson, "erin");
  REQUIRE_FALSE(erin.ok());
  CHECK(erin.status().IsNotFound());
  CHECK_FALSE(service().PersonExpertise("erin", {}).ok());
  auto alice = service().GetRecord(Kind::kPerson, "alice");
  REQUIRE(alice.ok());
  CHECK_FALSE(alice->contains("email"));
  CHECK((*service().GetRecord(Kind::kDocument, "d1"))["authors"] == json{"alice"});

  // Private fields: e-mail, opted-out people by id and as authors, but never in lists.
  auto private_alice = service().GetRecord(Kind::kPerson, "alice", true);
  REQUIRE(private_alice.ok());
  CHECK((*private_alice)["email"] == "a@x.org");
  auto private_erin = service().GetRecord(Kind::kPerson, "erin", true);
  REQUIRE(private_erin.ok());
  CHECK((*private_erin)["opted_out"] == true);
  auto private_list = service().ListRecords(Kind::kPerson, {}, true);
  REQUIRE(private_list.ok());
  CHECK(private_list->dump().find("erin") == std::string::npos);
  CHECK(private_list->dump().find("a@x.org") != std::string::npos);

  auto listed = service().ListRecords(Kind::kPerson, {});
  REQUIRE(listed.ok());
  std::vector<std::string> ids;
  for (const auto& p : (*listed)["items"]) ids.push_back(p["id"]);
  CHECK(ids == std::vector<std::string>{"alice", "bob", "carol"});

  ExpertsParams params;
  params.topic = "k8s";
  params.explain = true;
  auto answer = service().Experts(params);
  REQUIRE(answer.ok());
  const std::string text = answer->dump();
  CHECK(text.find("erin") == std::string::npos);
  CHECK(text.find("Erin") == std::string::npos);
  CHECK(text.find("Endorsed by a colleague") != std::string::npos);
  CHECK(text.find("Endorsed by Carol") != std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture, "delete removes the entity and its edges; twice is not found",
                 "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "k8s";
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"alice", "bob"});
  const size_t edges = service().Stats()["edges"];
  REQUIRE(service().DeleteRecord(Kind::kPerson, "bob").ok());
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"alice"});
  CHECK(service().Stats()["edges"] == edges - 1);  // d2's contributor edge
  Status again = service().DeleteRecord(Kind::kPerson, "bob");
  CHECK(again.IsNotFound());
  CHECK(again.reason() == "not_found");
  CHECK(service().DeleteRecord(Kind::kPerson, "not valid").reason() == "invalid_id");
}

TEST_CASE_METHOD(ServiceFixture, "lists page in id order and the cursor survives deletes",
                 "[api]") {
  for (const char* id : {"t5", "t1", "t4", "t2", "t3"}) {
    REQUIRE(service().PutRecord(Kind::kTopic, id, R"({"name": "T"})", nullptr).ok());
  }
  ListParams params;
  params.limit = 2;
  auto page1 = service().ListRecords(Kind::kTopic, params);
  REQUIRE(page1.ok());
  CHECK((*page1)["items"][0]["id"] == "t1");
  CHECK((*page1)["items"][1]["id"] == "t2");
  REQUIRE((*page1)["next_cursor"].is_string());
  REQUIRE(service().DeleteRecord(Kind::kTopic, "t2").ok());
  params.cursor = (*page1)["next_cursor"];
  auto page2 = service().ListRecords(Kind::kTopic, params);
  REQUIRE(page2.ok());
  CHECK((*page2)["items"][0]["id"] == "t3");
  CHECK((*page2)["items"][1]["id"] == "t4");
  params.cursor = (*page2)["next_cursor"];
  auto page3 = service().ListRecords(Kind::kTopic, params);
  REQUIRE(page3.ok());
  CHECK((*page3)["items"].size() == 1);
  CHECK((*page3)["next_cursor"].is_null());
}

TEST_CASE_METHOD(ServiceFixture, "lists reject foreign cursors, bad limits and misplaced filters",
                 "[api]") {
  ListParams params;
  params.cursor = "bm90LWEtY3Vyc29y";  // base64 of "not-a-cursor"
  CHECK(service().ListRecords(Kind::kPerson, params).status().reason() == "invalid_parameter");
  params = {};
  params.limit = 0;
  CHECK(service().ListRecords(Kind::kPerson, params).status().reason() == "invalid_parameter");
  params = {};
  params.department = "Data";
  CHECK(service().ListRecords(Kind::kTopic, params).status().reason() == "invalid_parameter");
  CHECK(service().ListRecords(Kind::kPerson, params).ok());
}

TEST_CASE_METHOD(ServiceFixture, "import counts records per kind and reports the failing line",
                 "[api]") {
  auto imported = service().Import(testing::kCompany);
  REQUIRE(imported.ok());
  CHECK((*imported)["imported"] ==
        json{{"person", 4}, {"topic", 3}, {"document", 2}, {"project", 0}, {"endorsement", 2}});
  auto bad = service().Import("{\"type\": \"topic\", \"id\": \"x\", \"name\": \"X\"}\n{oops\n");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().reason() == "malformed_json");
  CHECK(bad.status().line() == 2);
  CHECK(ErrorJson(bad.status())["error"]["line"] == 2);
  CHECK_FALSE(service().GetRecord(Kind::kTopic, "x").ok());
}

TEST_CASE_METHOD(ServiceFixture, "experts answer the same for the id, name, alias and any case",
                 "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.explain = true;
  params.topic = "k8s";
  auto reference = service().Experts(params);
  REQUIRE(reference.ok());
  CHECK((*reference)["topics"] == json::parse(R"([{"id": "k8s", "name": "Kubernetes",
                                                   "match": "id"}])"));
  for (const char* topic : {"K8S", "kubernetes", "KUBERNETES", "kube", "Kube"}) {
    INFO(topic);
    params.topic = topic;
    auto answer = service().Experts(params);
    REQUIRE(answer.ok());
    CHECK((*answer)["experts"] == (*reference)["experts"]);
  }
}

TEST_CASE_METHOD(ServiceFixture, "experts evidence sums to the score and explain shows it all",
                 "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "k8s";
  params.explain = true;
  auto answer = service().Experts(params);
  REQUIRE(answer.ok());
  for (const auto& expert : (*answer)["experts"]) {
    double sum = 0;
    for (const auto& e : expert["evidence"]) sum += e["contribution"].get<double>();
    CHECK(sum == Approx(expert["score"].get<double>()));
    CHECK(expert["evidence"].size() == expert["evidence_count"].get<size_t>());
  }
  const auto& alice = (*answer)["experts"][0];
  REQUIRE(alice["id"] == "alice");
  std::set<std::string> kinds;
  for (const auto& e : alice["evidence"]) kinds.insert(e["kind"]);
  CHECK(kinds == std::set<std::string>{"document", "endorsement"});
}

TEST_CASE_METHOD(ServiceFixture, "experts filters by department and location, and limits",
                 "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "k8s";
  params.location = "berlin";
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"bob"});
  params.location.clear();
  params.department = "DATA";
  CHECK(ExpertIds(*service().Experts(params)).empty());
  params.department.clear();
  params.limit = 1;
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"alice"});
  params.limit = kMaxLimit + 1;
  CHECK(service().Experts(params).status().reason() == "invalid_parameter");
}

TEST_CASE_METHOD(ServiceFixture, "an unknown topic is not found, with suggestions", "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "kuberne";
  json details;
  auto answer = service().Experts(params, &details);
  REQUIRE_FALSE(answer.ok());
  CHECK(answer.status().reason() == "unknown_topic");
  CHECK(internal::HttpStatusFor(answer.status()) == 404);
  REQUIRE(details["suggestions"].is_array());
  CHECK(details["suggestions"][0] == json{{"id", "k8s"}, {"name", "Kubernetes"}});
  CHECK(answer.status().message().find("Kubernetes") != std::string::npos);
  const json error = ErrorJson(answer.status(), details)["error"];
  CHECK(error["code"] == "unknown_topic");
  CHECK(error["suggestions"] == details["suggestions"]);

  params.topic.clear();
  CHECK(service().Experts(params).status().reason() == "missing_parameter");
}

TEST_CASE_METHOD(ServiceFixture, "a write is visible to the next query", "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "rust";
  CHECK(ExpertIds(*service().Experts(params)).empty());
  REQUIRE(service()
              .PutRecord(Kind::kDocument, "d-rust",
                         R"({"title": "Rust", "created": "2024-12-01", "authors": ["carol"],
                             "topics": ["rust"]})",
                         nullptr)
              .ok());
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"carol"});
}

TEST_CASE_METHOD(ServiceFixture, "cached experts answers follow writes and opt-outs", "[api]") {
  LoadCompany();
  ExpertsParams params;
  params.topic = "k8s";
  const std::vector<std::string> first = {"alice", "bob"};
  CHECK(ExpertIds(*service().Experts(params)) == first);
  CHECK(ExpertIds(*service().Experts(params)) == first);
  CHECK(service().experts_cache().Stats().hits == 1);  // the second answer came from the cache
  for (const char* id : {"d3", "d4", "d5"}) {
    REQUIRE(service()
                .PutRecord(Kind::kDocument, id,
                           R"({"title": "More k8s", "created": "2024-12-01", "authors": ["bob"],
                               "topics": ["k8s"]})",
                           nullptr)
                .ok());
  }
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"bob", "alice"});
  REQUIRE(service()
              .PutRecord(Kind::kPerson, "bob", R"({"name": "Bob", "opted_out": true})", nullptr)
              .ok());
  CHECK(ExpertIds(*service().Experts(params)) == std::vector<std::string>{"alice"});
  CommunitiesParams communities;
  communities.topic = "k8s";
  auto clustered = service().Communities(communities);
  REQUIRE(clustered.ok());
  CHECK(clustered->dump().find("bob") == std::string::npos);
}

TEST_CASE_METHOD(ServiceFixture, "person expertise agrees with the experts score", "[api]") {
  LoadCompany();
  ExpertiseParams params;
  params.explain = true;
  auto expertise = service().PersonExpertise("alice", params);
  REQUIRE(expertise.ok());
  CHECK((*expertise)["person"] == json{{"id", "alice"},
                                       {"name", "Alice"},
                                       {"title", nullptr},
                                       {"department", "Platform"},
                                       {"location", nullptr}});
  const json* k8s = nullptr;
  for (const auto& t : (*expertise)["topics"]) {
    if (t["id"] == "k8s") k8s = &t;
  }
  REQUIRE(k8s != nullptr);
  ExpertsParams experts;
  experts.topic = "k8s";
  auto answer = service().Experts(experts);
  CHECK((*k8s)["score"].get<double>() == Approx((*answer)["experts"][0]["score"].get<double>()));
  CHECK(service().PersonExpertise("nobody", {}).status().reason() == "not_found");
  CHECK(service().PersonExpertise("no body", {}).status().reason() == "invalid_id");
}

TEST_CASE_METHOD(ServiceFixture, "topic search ranks exact matches first", "[api]") {
  LoadCompany();
  auto hits = service().SearchTopics("kube", 10);
  REQUIRE(hits.ok());
  REQUIRE_FALSE((*hits)["items"].empty());
  const auto& first = (*hits)["items"][0];
  CHECK(first["id"] == "k8s");
  CHECK(first["match"] == "alias");
  CHECK(first["aliases"] == json{"kube"});
  CHECK(service().SearchTopics("", 10).status().reason() == "missing_parameter");
}

TEST_CASE_METHOD(ServiceFixture, "stats count every kind and edge", "[api]") {
  CHECK(service().Stats()["counts"] ==
        json{{"person", 0}, {"topic", 0}, {"document", 0}, {"project", 0}, {"endorsement", 0}});
  LoadCompany();
  const json stats = service().Stats();
  CHECK(stats["counts"]["person"] == 4);
  CHECK(stats["edges"].get<size_t>() > 0);
  CHECK(service().Health() == json{{"status", "ok"}});
}

}  // namespace
}  // namespace whoknows::api
