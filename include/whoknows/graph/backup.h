// Backups: a consistent copy of a database (a RocksDB checkpoint: SST files hard-linked when on
// the same file system, copied otherwise, plus the live WAL), online from an open Database or
// offline from a directory, and restoring such a copy into a database directory.
#ifndef WHOKNOWS_GRAPH_BACKUP_H_
#define WHOKNOWS_GRAPH_BACKUP_H_

#include <string>

#include "whoknows/core/result.h"
#include "whoknows/core/status.h"
#include "whoknows/graph/check.h"
#include "whoknows/graph/database.h"

namespace whoknows::graph {

// Checks a backup target before anything is written: InvalidArgument "invalid_backup_target"
// unless `to` is an absolute path outside `db_dir` (and not `db_dir` itself or one of its
// parents) whose parent directory exists; Conflict "backup_target_exists" when `to` exists and
// is not an empty directory.  An empty directory is removed so the checkpoint can create it.
Status PrepareBackupTarget(const std::string& db_dir, const std::string& to);

// Backs up the open database to `to` while it keeps serving (writes wait only for the moment
// the checkpoint pins its files).  The copy holds every write acknowledged before the call and
// none that started after it returned.  Errors as PrepareBackupTarget, and IOError.
Status BackupDatabase(Database& db, const std::string& to);

// Backs up the database in `db_dir` (not in use by another process) to `to`.  IOError when it
// is locked or missing; otherwise as BackupDatabase.
Status BackupDirectory(const std::string& db_dir, const std::string& to);

// Restores the backup in `from` into `db_dir`.  First verifies that `from` opens read-only as a
// whoknows database of this build's schema version and passes CheckDatabase (Corruption
// otherwise, naming the first problem), then copies it to a temporary sibling of `db_dir` and
// renames it into place, so an interrupted restore leaves `db_dir` as it was.  `db_dir` must be
// absent or empty (Conflict "database_not_empty") unless `force`, which replaces the database
// there; IOError when that database is in use.  Returns the check of the backup.
Result<CheckReport> RestoreBackup(const std::string& from, const std::string& db_dir, bool force);

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_BACKUP_H_
