// Backups are RocksDB checkpoints (storage::Store::Checkpoint); restoring copies one into place
// through a temporary sibling directory and two renames.
#include "whoknows/graph/backup.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <utility>

#include "whoknows/storage/store.h"

namespace whoknows::graph {
namespace {

namespace fs = std::filesystem;

Status BadTarget(const std::string& message) {
  return Status::InvalidArgument("invalid_backup_target", message);
}

// Whether `inner` is `outer` or lies below it; both absolute and lexically normal.
bool IsWithin(const fs::path& inner, const fs::path& outer) {
  auto mismatch = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return mismatch.first == outer.end();
}

fs::path Normal(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  fs::path canonical = fs::weakly_canonical(ec ? fs::path(path) : absolute, ec);
  fs::path normal = (ec ? absolute : canonical).lexically_normal();
  // "/a/b/" names the directory "/a/b": drop the empty last component.
  return normal.has_filename() || !normal.has_parent_path() ? normal : normal.parent_path();
}

// Empties nothing: only checks that `dir` holds no files, when it exists.
Result<bool> IsAbsentOrEmptyDir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  if (!fs::is_directory(dir, ec)) return false;
  bool empty = fs::is_empty(dir, ec);
  if (ec) return Status::IOError("cannot read '" + dir.string() + "': " + ec.message());
  return empty;
}

Status CopyTree(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::copy(from, to, fs::copy_options::recursive, ec);
  if (ec) {
    return Status::IOError("cannot copy '" + from.string() + "' to '" + to.string() +
                           "': " + ec.message());
  }
  return Status::OK();
}

// The database at `dir` must not be in use: opening it takes RocksDB's lock, or fails.
Status CheckNotInUse(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir / "CURRENT", ec)) return Status::OK();
  storage::StoreOptions options;
  options.create_if_missing = false;
  Result<std::unique_ptr<storage::Store>> store = storage::Store::Open(dir.string(), options);
  return store.ok() ? Status::OK() : store.status();
}

}  // namespace

Status PrepareBackupTarget(const std::string& db_dir, const std::string& to) {
  if (to.empty() || !fs::path(to).is_absolute()) {
    return BadTarget("the backup target must be an absolute path, not '" + to + "'");
  }
  const fs::path target = Normal(to);
  const fs::path db = Normal(db_dir);
  if (IsWithin(target, db) || IsWithin(db, target)) {
    return BadTarget("the backup target '" + to + "' overlaps the database directory");
  }
  std::error_code ec;
  if (!fs::is_directory(target.parent_path(), ec)) {
    return BadTarget("the parent directory of the backup target '" + to + "' does not exist");
  }
  WK_ASSIGN_OR_RETURN(bool empty, IsAbsentOrEmptyDir(target));
  if (!empty) {
    return Status::Conflict("backup_target_exists",
                            "the backup target '" + to + "' exists and is not an empty directory");
  }
  fs::remove(target, ec);  // an empty directory: the checkpoint creates it again
  if (ec) return Status::IOError("cannot remove the empty directory '" + to + "': " + ec.message());
  return Status::OK();
}

Status BackupDatabase(Database& db, const std::string& to) {
  WK_RETURN_IF_ERROR(PrepareBackupTarget(db.dir(), to));
  return db.Checkpoint(Normal(to).string());
}

Status BackupDirectory(const std::string& db_dir, const std::string& to) {
  WK_RETURN_IF_ERROR(PrepareBackupTarget(db_dir, to));
  storage::StoreOptions options;
  options.create_if_missing = false;
  WK_ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> store, storage::Store::Open(db_dir, options));
  return store->Checkpoint(Normal(to).string());
}

Result<CheckReport> RestoreBackup(const std::string& from, const std::string& db_dir, bool force) {
  WK_ASSIGN_OR_RETURN(CheckReport report, CheckDatabase(from));
  if (!report.ok()) {
    return Status::Corruption("the backup in '" + from +
                              "' is inconsistent: " + report.problems.front());
  }
  const fs::path db = Normal(db_dir);
  WK_ASSIGN_OR_RETURN(bool empty, IsAbsentOrEmptyDir(db));
  if (!empty && !force) {
    return Status::Conflict("database_not_empty",
                            "'" + db_dir + "' is not empty; --force replaces what it holds");
  }
  WK_RETURN_IF_ERROR(CheckNotInUse(db));
  const fs::path staging = db.string() + ".restoring";
  const fs::path old = db.string() + ".replaced";
  std::error_code ec;
  fs::remove_all(staging, ec);
  WK_RETURN_IF_ERROR(CopyTree(Normal(from), staging));
  fs::remove_all(old, ec);
  if (fs::exists(db, ec)) fs::rename(db, old, ec);
  if (!ec) fs::rename(staging, db, ec);
  if (ec) return Status::IOError("cannot move the restored database into place: " + ec.message());
  fs::remove_all(old, ec);
  return report;
}

}  // namespace whoknows::graph
