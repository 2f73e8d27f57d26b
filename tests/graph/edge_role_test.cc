#include "whoknows/graph/edge_role.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/temp_db.h"
#include "whoknows/graph/database.h"

using namespace whoknows;
using namespace whoknows::graph;

namespace {

// Names no other test interns, so that the table's growth is this test's own.
std::string UniqueName(const std::string& test, size_t i) {
  return "edge-role-test/" + test + "/" + std::to_string(i);
}

std::unique_ptr<Database> OpenOrFail(const std::string& dir) {
  DatabaseOptions options;
  options.store.sync_writes = false;
  auto db = Database::Open(dir, options);
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

Record Node(Kind kind, const std::string& id) {
  Record r;
  r.node.kind = kind;
  r.node.id = id;
  r.node.name = id;
  return r;
}

// A project with one member per role, in the order given.
Record Project(const std::string& id, const std::vector<std::string>& roles) {
  Record r = Node(Kind::kProject, id);
  for (size_t i = 0; i < roles.size(); ++i) {
    EdgeRecord e{EdgeType::kMember, Kind::kPerson, "p" + std::to_string(i), {}};
    e.props.position = static_cast<uint16_t>(i);
    e.props.role = roles[i];
    r.edges.push_back(e);
  }
  return r;
}

std::vector<Record> People(size_t n) {
  std::vector<Record> people;
  for (size_t i = 0; i < n; ++i) people.push_back(Node(Kind::kPerson, "p" + std::to_string(i)));
  return people;
}

// The roles of a project's member edges, in list order; each edge's mirror in its member's
// in-list has the same properties.
std::vector<std::string> MemberRoles(const Graph& g, Vid project) {
  std::vector<std::string> roles;
  for (const Edge& e : g.Out(project)) {
    roles.emplace_back(e.props.role.view());
    size_t mirrors = 0;
    for (const Edge& in : g.In(e.other)) mirrors += in.other == project && in.props == e.props;
    CHECK(mirrors == 1);
  }
  return roles;
}

}  // namespace

TEST_CASE("the empty role is id 0 and every name keeps one id", "[edge_role]") {
  CHECK(EdgeRole().empty());
  CHECK(EdgeRole().view().empty());
  CHECK(EdgeRole::Intern("") == EdgeRole());
  CHECK(EdgeRole::Find("") == EdgeRole());
  EdgeRole a = EdgeRole::Intern("reviewer");
  CHECK_FALSE(a.empty());
  CHECK(a == EdgeRole::Intern(std::string("review") + "er"));
  CHECK(a == "reviewer");
  CHECK("reviewer" == a);
  CHECK(a != "reviewers");
  CHECK(a != EdgeRole::Intern("tester"));
  CHECK(EdgeRole::Find("reviewer") == a);
}

TEST_CASE("Find never adds a role", "[edge_role]") {
  const std::string name = UniqueName("find", 0);
  const uint32_t size = EdgeRole::TableSize();
  CHECK_FALSE(EdgeRole::Find(name).has_value());
  CHECK(EdgeRole::TableSize() == size);
  EdgeRole r = EdgeRole::Intern(name);
  CHECK(EdgeRole::TableSize() == size + 1);
  CHECK(EdgeRole::Find(name) == r);
}

TEST_CASE("many distinct roles, over many of the table's blocks, keep their names", "[edge_role]") {
  // 64 ids in the first block, doubling after: 100,000 roles span eleven blocks.
  constexpr size_t kRoles = 100000;
  const uint32_t size = EdgeRole::TableSize();
  std::vector<EdgeRole> roles;
  for (size_t i = 0; i < kRoles; ++i) roles.push_back(EdgeRole::Intern(UniqueName("many", i)));
  CHECK(EdgeRole::TableSize() == size + kRoles);
  for (size_t i = 0; i < kRoles; ++i) {
    INFO(i);
    REQUIRE(roles[i].id() == size + i);  // dense, in order of first Intern
    REQUIRE(roles[i].view() == UniqueName("many", i));
    REQUIRE(EdgeRole::Intern(UniqueName("many", i)) == roles[i]);
  }
  CHECK(EdgeRole::TableSize() == size + kRoles);  // interning again added nothing
}

TEST_CASE("roles are shared across writes and come back the same after a reopen", "[edge_role]") {
  whoknows::testing::TempDir tmp;
  const std::vector<std::string> roles = {UniqueName("db", 0), "lead", UniqueName("db", 1), "",
                                          UniqueName("db", 0)};
  {
    auto db = OpenOrFail(tmp.path());
    REQUIRE(db->Apply(People(roles.size())).ok());
    REQUIRE(db->Apply({Project("x", roles)}).ok());
    const uint32_t size = EdgeRole::TableSize();
    // Writing the same roles again, in other records, adds no name to the table.
    for (int i = 0; i < 20; ++i) REQUIRE(db->Apply({Project("y" + std::to_string(i), roles)}).ok());
    CHECK(EdgeRole::TableSize() == size);
    auto g = db->Snapshot();
    CHECK(MemberRoles(*g, *db->Lookup(Kind::kProject, "x")) == roles);
  }
  const uint32_t size = EdgeRole::TableSize();
  auto db = OpenOrFail(tmp.path());
  CHECK(EdgeRole::TableSize() == size);  // the names were interned already in this process
  auto g = db->Snapshot();
  CHECK(MemberRoles(*g, *db->Lookup(Kind::kProject, "x")) == roles);
  CHECK(MemberRoles(*g, *db->Lookup(Kind::kProject, "y7")) == roles);
}

TEST_CASE("readers read roles while a writer adds new ones", "[edge_role]") {
  whoknows::testing::TempDir tmp;
  auto db = OpenOrFail(tmp.path());
  constexpr size_t kMembers = 4;
  constexpr int kWrites = 200;
  REQUIRE(db->Apply(People(kMembers)).ok());
  std::atomic<bool> done{false};
  std::atomic<int> started{0};
  std::atomic<size_t> checked{0}, wrong{0};  // Catch2's assertions are for the main thread only
  // Each reader reads at least once after the last write (do-while), so `checked` counts
  // every role of every project whatever the scheduler does; the writer waits for both
  // readers to start so that the reads overlap the writes on any machine.
  auto reader = [&] {
    ++started;
    bool last = false;
    do {
      last = done;
      auto g = db->Snapshot();
      for (Vid project : g->NodesOfKind(Kind::kProject)) {
        const std::string_view id = g->Node(project)->id;  // "w<i>": its roles name i
        for (const Edge& e : g->Out(project)) {
          const std::string want = UniqueName(
              "concurrent", std::stoul(std::string(id.substr(1))) * kMembers + e.props.position);
          if (e.props.role != want) ++wrong;
          ++checked;
        }
      }
    } while (!last);
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 2; ++i) readers.emplace_back(reader);
  while (started < 2) std::this_thread::yield();
  for (int w = 0; w < kWrites; ++w) {
    std::vector<std::string> roles;
    for (size_t m = 0; m < kMembers; ++m)
      roles.push_back(UniqueName("concurrent", w * kMembers + m));
    REQUIRE(db->Apply({Project("w" + std::to_string(w), roles)}).ok());
  }
  done = true;
  for (std::thread& t : readers) t.join();
  CHECK(checked >= 2 * kWrites * kMembers);  // at least the two final passes
  CHECK(wrong == 0);
  auto g = db->Snapshot();
  CHECK(g->CountOf(Kind::kProject) == kWrites);
}

TEST_CASE("threads interning the same new names get the same ids", "[edge_role]") {
  constexpr size_t kNames = 2000;
  std::vector<std::vector<EdgeRole>> got(4);
  std::atomic<size_t> wrong{0};
  std::vector<std::thread> threads;
  for (size_t t = 0; t < got.size(); ++t) {
    threads.emplace_back([&got, &wrong, t] {
      for (size_t i = 0; i < kNames; ++i) {
        // Each thread walks the names from another starting point.
        const size_t n = (i + t * kNames / 4) % kNames;
        got[t].push_back(EdgeRole::Intern(UniqueName("race", n)));
        if (got[t].back().view() != UniqueName("race", n)) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  CHECK(wrong == 0);
  for (size_t i = 0; i < kNames; ++i) {
    const EdgeRole r = *EdgeRole::Find(UniqueName("race", i));
    for (size_t t = 0; t < got.size(); ++t) {
      REQUIRE(got[t][(i + kNames - t * kNames / 4) % kNames] == r);
    }
  }
}
