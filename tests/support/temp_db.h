// Test fixtures shared by every test binary: a fresh temporary directory, and a fresh
// graph::Database inside one.  Both remove everything they created when they go out of scope.
#ifndef WHOKNOWS_TESTS_SUPPORT_TEMP_DB_H_
#define WHOKNOWS_TESTS_SUPPORT_TEMP_DB_H_

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "whoknows/graph/database.h"

namespace whoknows::testing {

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "whoknows-test-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A database in its own temporary directory, open for the life of the object.
class TempDb {
 public:
  TempDb() {
    auto db = graph::Database::Open(dir_.Sub("db"), graph::DatabaseOptions{});
    INFO(db.status().ToString());
    REQUIRE(db.ok());
    db_ = std::move(db).value();
  }
  graph::Database& db() { return *db_; }
  const std::string& dir() const { return dir_.path(); }

 private:
  TempDir dir_;  // declared first: removed after the database is closed
  std::unique_ptr<graph::Database> db_;
};

}  // namespace whoknows::testing

#endif  // WHOKNOWS_TESTS_SUPPORT_TEMP_DB_H_
