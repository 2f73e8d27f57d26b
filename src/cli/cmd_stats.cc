// whoknows stats: what the database holds.
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

int RunStats(const Args& args) {
  auto flags = Flags::Parse(args, {"db"}, {"json"});
  if (!flags.ok()) return Fail("stats", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("stats", dir.status());
  graph::DatabaseOptions options;
  options.store.create_if_missing = false;
  auto db = graph::Database::Open(*dir, options);
  if (!db.ok()) return Fail("stats", db.status());

  auto snapshot = (*db)->Snapshot();
  nlohmann::json counts = nlohmann::json::object();
  for (graph::Kind kind : graph::kAllKinds) {
    counts[std::string(graph::KindName(kind))] = snapshot->CountOf(kind);
  }
  counts["edge"] = snapshot->EdgeCount();
  const uint64_t bytes = (*db)->ApproximateSizeBytes();
  if (flags->Has("json")) {
    std::printf("%s\n", nlohmann::json{{"counts", counts}, {"db_bytes", bytes}}.dump(2).c_str());
    return 0;
  }
  for (const auto& [name, n] : counts.items()) {
    std::printf("%-12s %zu\n", name.c_str(), n.get<size_t>());
  }
  std::printf("%-12s %.1f MiB\n", "on disk", static_cast<double>(bytes) / (1 << 20));
  return 0;
}

}  // namespace whoknows::cli
