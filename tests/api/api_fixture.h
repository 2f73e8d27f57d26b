// A real graph::Database in a fresh temporary directory, a Service over it, and a small company.
#ifndef WHOKNOWS_TESTS_API_API_FIXTURE_H_
#define WHOKNOWS_TESTS_API_API_FIXTURE_H_

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support/temp_db.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::api::testing {

using whoknows::testing::TempDir;

// Topics k8s (alias "kube", narrower than infra) and rust; alice wrote two documents on k8s, bob
// reviewed one; erin opted out, co-wrote one and endorsed alice; carol endorsed alice too.
inline const char kCompany[] =
    R"({"type": "topic", "id": "infra", "name": "Infrastructure"}
{"type": "topic", "id": "k8s", "name": "Kubernetes", "aliases": ["kube"], "broader": ["infra"]}
{"type": "topic", "id": "rust", "name": "Rust"}
{"type": "person", "id": "alice", "name": "Alice", "department": "Platform", "email": "a@x.org"}
{"type": "person", "id": "bob", "name": "Bob", "department": "Platform", "location": "Berlin"}
{"type": "person", "id": "carol", "name": "Carol", "department": "Data"}
{"type": "person", "id": "erin", "name": "Erin", "opted_out": true}
{"type": "document", "id": "d1", "title": "K8s in production", "created": "2024-06-01", "authors": ["alice", "erin"], "topics": ["k8s"]}
{"type": "document", "id": "d2", "title": "K8s networking", "created": "2023-03-01", "authors": ["alice"], "contributors": [{"person": "bob", "role": "reviewer"}], "topics": ["k8s"]}
{"type": "endorsement", "from": "erin", "to": "alice", "topic": "k8s"}
{"type": "endorsement", "from": "carol", "to": "alice", "topic": "k8s"}
)";

class ServiceFixture {
 public:
  ServiceFixture() {
    auto db = graph::Database::Open(dir_.path() + "/db", {});
    INFO(db.status().ToString());
    REQUIRE(db.ok());
    db_ = std::move(db).value();
    ServiceOptions options;
    options.as_of = DaysFromCivil(2025, 1, 1);
    service_ = std::make_unique<Service>(*db_, options);
  }

  void LoadCompany() {
    auto imported = service_->Import(kCompany);
    INFO(imported.status().ToString());
    REQUIRE(imported.ok());
  }

  Service& service() { return *service_; }
  graph::Database& db() { return *db_; }
  const std::string& dir() const { return dir_.path(); }

 private:
  TempDir dir_;
  std::unique_ptr<graph::Database> db_;
  std::unique_ptr<Service> service_;
};

}  // namespace whoknows::api::testing

#endif  // WHOKNOWS_TESTS_API_API_FIXTURE_H_
