// whoknows stats: what the database holds, as GET /v1/stats reports it.
#include <cstdio>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/service.h"
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

  api::Service service(**db, {});
  const nlohmann::json stats = service.Stats();
  if (flags->Has("json")) {
    std::printf("%s\n", stats.dump(2).c_str());
    return 0;
  }
  for (const auto& [name, n] : stats["counts"].items()) {
    std::printf("%-12s %zu\n", name.c_str(), n.get<size_t>());
  }
  std::printf("%-12s %zu\n", "edges", stats["edges"].get<size_t>());
  std::printf("%-12s %.1f MiB\n", "on disk", stats["db_bytes"].get<double>() / (1 << 20));
  return 0;
}

}  // namespace whoknows::cli
