// whoknows team: a team that covers the topics, the same answer as POST /v1/teams.
#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

namespace {

Result<api::TeamsParams> ParamsFrom(const Flags& flags) {
  api::TeamsParams params;
  WK_ASSIGN_OR_RETURN(std::string topics, flags.Require("topics"));
  params.topics = SplitList(topics);
  WK_ASSIGN_OR_RETURN(long long max_size, flags.GetInt("max-size", 0, 1, 100));
  params.max_size = static_cast<size_t>(max_size);
  WK_ASSIGN_OR_RETURN(long long alternatives, flags.GetInt("alternatives", 1, 1, 10));
  params.alternatives = static_cast<size_t>(alternatives);
  if (flags.Has("exclude")) params.exclude = SplitList(flags.Get("exclude"));
  params.department = flags.Get("department");
  params.leader = flags.Get("leader");
  return params;
}

void PrintTeams(const nlohmann::json& answer) {
  int n = 0;
  for (const auto& team : answer["teams"]) {
    std::printf("team %d  (expertise %.3f, communication cost %.3f)\n", ++n,
                team["expertise"].get<double>(), team["communication_cost"].get<double>());
    for (const auto& m : team["members"]) {
      std::string covers;
      for (const auto& t : m["covers"])
        covers += (covers.empty() ? "" : ", ") + t.get<std::string>();
      std::printf("  %-28s %7.3f  %s\n", m["name"].get<std::string>().c_str(),
                  m["score"].get<double>(), covers.c_str());
    }
    std::string uncovered;
    for (const auto& t : team["uncovered"]) {
      uncovered += (uncovered.empty() ? "" : ", ") + t.get<std::string>();
    }
    if (!uncovered.empty()) std::printf("  not covered: %s\n", uncovered.c_str());
  }
}

}  // namespace

int RunTeam(const Args& args) {
  auto flags = Flags::Parse(
      args,
      {"db", "topics", "max-size", "alternatives", "exclude", "department", "leader", "as-of"},
      {"json"});
  if (!flags.ok()) return Fail("team", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("team", dir.status());
  auto params = ParamsFrom(*flags);
  if (!params.ok()) return Fail("team", params.status());
  auto as_of = flags->GetDate("as-of");
  if (!as_of.ok()) return Fail("team", as_of.status());

  graph::DatabaseOptions db_options;
  db_options.store.create_if_missing = false;
  auto db = graph::Database::Open(*dir, db_options);
  if (!db.ok()) return Fail("team", db.status());
  api::ServiceOptions options;
  options.as_of = *as_of;
  api::Service service(**db, options);
  auto answer = service.Teams(*params);
  if (!answer.ok()) return Fail("team", answer.status());
  if (flags->Has("json")) {
    std::printf("%s\n", answer->dump(2).c_str());
  } else {
    PrintTeams(*answer);
  }
  return 0;
}

}  // namespace whoknows::cli
