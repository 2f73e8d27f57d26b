// Fuzz target: query parameters (and the other request inputs every read endpoint parses) through
// the real router and handlers, over a small company in a database created once.
//
// The input is a request target as it arrives on the wire ("/v1/experts?topic=k8s&limit=3"),
// split and percent-decoded the way cpp-httplib's server does; an input that starts with '{' is
// instead the JSON body of POST /v1/teams (the one read endpoint with a body).  Only reads are
// sent, so inputs do not change the database and stay independent.  Properties: the answer is
// never a 5xx, its body is JSON (an error object with a code for a 4xx), and the cursor codec
// accepts exactly the cursors it makes.
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "cursor.h"
#include "fuzz_check.h"
#include "routes.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace {

using namespace whoknows;  // NOLINT: a fuzz target, not a library
namespace fs = std::filesystem;

// Topics (a hierarchy, an alias), people in departments (one opted out), documents, a project and
// endorsements: enough for every read endpoint to have something to find.
const char kCompany[] =
    R"({"type": "topic", "id": "infra", "name": "Infrastructure"}
{"type": "topic", "id": "k8s", "name": "Kubernetes", "aliases": ["kube"], "broader": ["infra"]}
{"type": "topic", "id": "rust", "name": "Rust", "related": ["k8s"]}
{"type": "person", "id": "alice", "name": "Alice", "department": "Platform", "email": "a@x.org", "skills": [{"topic": "rust", "level": 3}]}
{"type": "person", "id": "bob", "name": "Bob", "department": "Platform", "location": "Berlin", "manager": "alice"}
{"type": "person", "id": "carol", "name": "Carol", "department": "Data", "interests": ["k8s"]}
{"type": "person", "id": "erin", "name": "Erin", "opted_out": true}
{"type": "document", "id": "d1", "title": "K8s in production", "created": "2024-06-01", "authors": ["alice", "erin"], "topics": ["k8s"]}
{"type": "document", "id": "d2", "title": "K8s networking", "created": "2023-03-01", "authors": ["alice"], "contributors": [{"person": "bob", "role": "reviewer"}], "topics": ["k8s", {"topic": "rust", "weight": 0.5}]}
{"type": "project", "id": "p1", "name": "Cluster", "start": "2023-01-01", "topics": ["k8s"], "members": [{"person": "bob", "role": "lead"}, {"person": "carol"}]}
{"type": "endorsement", "from": "erin", "to": "alice", "topic": "k8s"}
{"type": "endorsement", "from": "carol", "to": "alice", "topic": "k8s"}
)";

struct State {
  fs::path dir;
  std::unique_ptr<graph::Database> db;
  std::unique_ptr<api::Service> service;
  std::unique_ptr<api::internal::Router> router;
  ~State() {
    router.reset();
    service.reset();
    db.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

State* state = nullptr;  // reachable, so never a leak

[[noreturn]] void Die(const Status& s) {
  std::fprintf(stderr, "%s\n", s.ToString().c_str());
  std::abort();
}

api::internal::HttpRequest RequestFrom(std::string_view input) {
  api::internal::HttpRequest request;
  request.role = api::Role::kAdmin;  // as a server without keys: every route is reached
  if (!input.empty() && input.front() == '{') {
    request.method = "POST";
    request.path = "/v1/teams";
    request.content_type = "application/json";
    request.body = std::string(input);
    return request;
  }
  request.method = "GET";
  const std::string target(input);
  const size_t question = target.find('?');
  request.path = httplib::detail::decode_url(target.substr(0, question), false);
  if (question != std::string::npos) {
    httplib::Params params;
    httplib::detail::parse_query_text(target.substr(question + 1), params);
    request.params.insert(params.begin(), params.end());
  }
  return request;
}

void CheckReply(const api::internal::HttpReply& reply, std::string_view input) {
  const std::string shown(input.substr(0, 200));
  WK_FUZZ_CHECK(reply.status >= 200 && reply.status < 500,
                "status " + std::to_string(reply.status) + " for " + shown + ": " + reply.body);
  if (reply.content_type != "application/json" || reply.body.empty()) return;
  const auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  WK_FUZZ_CHECK(!body.is_discarded(), "reply is not JSON for " + shown);
  if (reply.status >= 400) {
    WK_FUZZ_CHECK(body.contains("error") && body["error"].contains("code") &&
                      body["error"]["code"].is_string(),
                  "error without a code for " + shown + ": " + reply.body);
  }
}

void CheckCursor(std::string_view input) {
  const auto id = api::internal::DecodeCursor(input);
  if (id) {
    WK_FUZZ_CHECK(api::internal::EncodeCursor(*id) == input, "cursor with two spellings");
  }
  const std::string made = api::internal::EncodeCursor(input);
  const auto back = api::internal::DecodeCursor(made);
  // Only valid ids come back (the cursor of a page is always one); then exactly.
  WK_FUZZ_CHECK(!back || *back == input, "cursor round trip");
}

// Closes the database before the exit handlers RocksDB registered while opening it run (a
// static State would be destroyed after them).
void Cleanup() { delete state; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  State& s = *(state = new State);
  std::string tmpl = (fs::temp_directory_path() / "whoknows-fuzz-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  s.dir = tmpl;
  auto db = graph::Database::Open((s.dir / "db").string(), {});
  if (!db.ok()) Die(db.status());
  s.db = std::move(db).value();
  api::ServiceOptions options;
  options.as_of = DaysFromCivil(2025, 1, 1);
  s.service = std::make_unique<api::Service>(*s.db, options);
  auto imported = s.service->Import(kCompany);
  if (!imported.ok()) Die(imported.status());
  s.router = std::make_unique<api::internal::Router>(api::internal::BuildRouter(*s.service));
  std::atexit(Cleanup);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckCursor(input);
  CheckReply(state->router->Handle(RequestFrom(input)), input);
  return 0;
}
