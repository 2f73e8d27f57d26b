// whoknows import-history: a repository-history dataset folder into the database, all or nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/history.h"

namespace whoknows::cli {

int RunImportHistory(const Args& args) {
  auto flags =
      Flags::Parse(args, {"db"}, {"no-committer", "no-file-share", "no-creator", "no-founder"});
  if (!flags.ok()) return Fail("import-history", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("import-history", dir.status());
  if (flags->positional().size() != 1) {
    return Fail("import-history",
                Status::InvalidArgument("missing_file", "name exactly one DATASET_DIR"));
  }
  ingest::HistoryOptions options;
  options.committer_as_contributor = !flags->Has("no-committer");
  options.weight_by_file_share = !flags->Has("no-file-share");
  options.creator_role = !flags->Has("no-creator");
  options.founder_role = !flags->Has("no-founder");
  const auto start = std::chrono::steady_clock::now();
  ingest::ProgressFn progress;
  if (IsTerminal(STDERR_FILENO)) {
    progress = [start](std::string_view phase) {
      std::chrono::duration<double> t = std::chrono::steady_clock::now() - start;
      std::fprintf(stderr, "[%6.2f s] %.*s ...\n", t.count(), static_cast<int>(phase.size()),
                   phase.data());
    };
  }
  auto db = graph::Database::Open(*dir, {});
  if (!db.ok()) return Fail("import-history", db.status());
  auto counts = ingest::ImportHistory(**db, flags->positional()[0], options, progress);
  if (!counts.ok()) return Fail("import-history", counts.status());
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf(
      "imported history in %.2f s: person %zu topic %zu document %zu (skipped %zu commits about "
      "no topic), contributor edges %zu, about edges %zu\n",
      took.count(), counts->people, counts->topics, counts->documents, counts->skipped_commits,
      counts->contributors, counts->about);
  return 0;
}

}  // namespace whoknows::cli
