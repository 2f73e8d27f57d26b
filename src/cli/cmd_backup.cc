// whoknows backup and whoknows restore (graph/backup.h), for a database no server is using;
// a running server backs up through POST /v1/admin/backup.
#include <cstdio>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/backup.h"

namespace whoknows::cli {

int RunBackup(const Args& args) {
  auto flags = Flags::Parse(args, {"db", "to"}, {});
  if (!flags.ok()) return Fail("backup", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("backup", dir.status());
  auto to = flags->Require("to");
  if (!to.ok()) return Fail("backup", to.status());
  if (Status s = graph::BackupDirectory(*dir, *to); !s.ok()) return Fail("backup", s);
  std::fprintf(stderr, "whoknows backup: wrote %s\n", to->c_str());
  return 0;
}

int RunRestore(const Args& args) {
  auto flags = Flags::Parse(args, {"from", "db"}, {"force"});
  if (!flags.ok()) return Fail("restore", flags.status());
  auto from = flags->Require("from");
  if (!from.ok()) return Fail("restore", from.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("restore", dir.status());
  auto report = graph::RestoreBackup(*from, *dir, flags->Has("force"));
  if (!report.ok()) return Fail("restore", report.status());
  std::fprintf(stderr, "whoknows restore: %s now holds %llu nodes and %llu edges from %s\n",
               dir->c_str(), static_cast<unsigned long long>(report->nodes),
               static_cast<unsigned long long>(report->out_edges), from->c_str());
  return 0;
}

}  // namespace whoknows::cli
