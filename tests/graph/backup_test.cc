#include "whoknows/graph/backup.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/entity.h"
#include "support/temp_db.h"
#include "whoknows/graph/database.h"
#include "whoknows/storage/key_codec.h"
#include "whoknows/storage/store.h"

using namespace whoknows;
using namespace whoknows::graph;

namespace {

namespace fs = std::filesystem;
using whoknows::testing::Entity;
using whoknows::testing::TempDir;

// A person and a topic, with one skill edge between them.
void Populate(Database& db, const std::string& suffix) {
  Record person = Entity(Kind::kPerson, "p" + suffix);
  person.edges.push_back({EdgeType::kHasSkill, Kind::kTopic, "t" + suffix, {}});
  person.edges.back().props.level = 3;
  REQUIRE(db.Apply({Entity(Kind::kTopic, "t" + suffix), person}).ok());
}

std::unique_ptr<Database> Open(const std::string& dir) {
  auto db = Database::Open(dir, {});
  INFO(db.status().ToString());
  REQUIRE(db.ok());
  return std::move(db).value();
}

}  // namespace

TEST_CASE("a backup of a live database restores to the same graph", "[graph][backup]") {
  TempDir tmp;
  auto db = Open(tmp.Sub("db"));
  Populate(*db, "1");
  REQUIRE(BackupDatabase(*db, tmp.Sub("backup/")).ok());
  Populate(*db, "2");  // after the backup: not in it

  auto report = RestoreBackup(tmp.Sub("backup/"), tmp.Sub("restored/"), false);
  INFO(report.status().ToString());
  REQUIRE(report.ok());
  CHECK(report->nodes == 2);
  auto restored = Open(tmp.Sub("restored"));
  auto graph = restored->Snapshot();
  CHECK(graph->CountOf(Kind::kPerson) == 1);
  CHECK(graph->EdgeCount() == 1);
  CHECK(restored->Lookup(Kind::kPerson, "p1").has_value());
  CHECK_FALSE(restored->Lookup(Kind::kPerson, "p2").has_value());
  CHECK_FALSE(fs::exists(tmp.Sub("restored.restoring")));
}

TEST_CASE("backup targets are checked before anything is written", "[graph][backup]") {
  TempDir tmp;
  auto db = Open(tmp.Sub("db"));
  CHECK(PrepareBackupTarget(db->dir(), "relative").reason() == "invalid_backup_target");
  CHECK(PrepareBackupTarget(db->dir(), tmp.Sub("db/inside")).reason() == "invalid_backup_target");
  CHECK(PrepareBackupTarget(db->dir(), tmp.path()).reason() == "invalid_backup_target");
  CHECK(PrepareBackupTarget(db->dir(), tmp.Sub("a/b")).reason() == "invalid_backup_target");
  fs::create_directory(tmp.Sub("full"));
  std::ofstream(tmp.Sub("full/keep")) << "x";
  CHECK(PrepareBackupTarget(db->dir(), tmp.Sub("full")).reason() == "backup_target_exists");
  CHECK(fs::exists(tmp.Sub("full/keep")));
  fs::create_directory(tmp.Sub("empty"));
  CHECK(BackupDatabase(*db, tmp.Sub("empty")).ok());
  CHECK(fs::exists(tmp.Sub("empty/CURRENT")));
}

TEST_CASE("restore refuses a non-empty or open database unless forced, and a bad backup",
          "[graph][backup]") {
  TempDir tmp;
  {
    auto db = Open(tmp.Sub("db"));
    Populate(*db, "1");
    REQUIRE(BackupDatabase(*db, tmp.Sub("backup")).ok());
    Populate(*db, "2");
    CHECK(RestoreBackup(tmp.Sub("backup"), tmp.Sub("db"), false).status().reason() ==
          "database_not_empty");
    Status in_use = RestoreBackup(tmp.Sub("backup"), tmp.Sub("db"), true).status();
    CHECK(in_use.code() == Status::Code::kIOError);
  }
  REQUIRE(RestoreBackup(tmp.Sub("backup"), tmp.Sub("db"), true).ok());
  CHECK_FALSE(Open(tmp.Sub("db"))->Lookup(Kind::kPerson, "p2").has_value());

  {  // a backup whose in column family lost an edge's mirror
    auto store = storage::Store::Open(tmp.Sub("backup"), {});
    REQUIRE(store.ok());
    storage::WriteBatch batch;
    batch.Delete(storage::Cf::kIn,
                 storage::EdgeKey(0, static_cast<uint16_t>(EdgeType::kHasSkill), 1));
    REQUIRE((*store)->Write(batch).ok());
  }
  Status bad = RestoreBackup(tmp.Sub("backup"), tmp.Sub("other"), false).status();
  CHECK(bad.code() == Status::Code::kCorruption);
  CHECK_FALSE(fs::exists(tmp.Sub("other")));
  CHECK_FALSE(RestoreBackup(tmp.Sub("nothing"), tmp.Sub("other"), false).ok());
}
