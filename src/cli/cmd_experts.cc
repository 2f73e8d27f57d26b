// whoknows experts: "who knows about X?" offline, the same answer as GET /v1/experts.
#include <cstdio>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

namespace {

Result<api::ExpertsParams> ParamsFrom(const Flags& flags) {
  api::ExpertsParams params;
  WK_ASSIGN_OR_RETURN(params.topic, flags.Require("topic"));
  WK_ASSIGN_OR_RETURN(long long limit, flags.GetInt("limit", 10, 1, 1000));
  params.limit = static_cast<size_t>(limit);
  params.department = flags.Get("department");
  params.location = flags.Get("location");
  params.explain = flags.Has("explain");
  return params;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A table for people: rank, score, who, and the evidence behind it, indented.
void PrintTable(const nlohmann::json& answer, bool explain) {
  std::string topics;
  for (const auto& t : answer["topics"]) {
    topics += (topics.empty() ? "" : ", ") + Str(t, "name") + " (" + Str(t, "id") + ")";
  }
  std::printf("experts on %s\n", topics.c_str());
  int rank = 0;
  for (const auto& e : answer["experts"]) {
    std::printf("%3d. %-28s %7.3f  %s, %s  [%s]\n", ++rank, Str(e, "name").c_str(),
                e["score"].get<double>(), Str(e, "title").c_str(), Str(e, "department").c_str(),
                Str(e, "id").c_str());
    size_t shown = 0;
    for (const auto& ev : e["evidence"]) {
      if (!explain && ++shown > 3) break;
      std::printf("       %6.3f  %-11s %-10s %s  %s\n", ev["contribution"].get<double>(),
                  Str(ev, "kind").c_str(), Str(ev, "date").c_str(), Str(ev, "role").c_str(),
                  Str(ev, "title").c_str());
    }
  }
  if (rank == 0) std::printf("  nobody has evidence on this topic yet\n");
}

}  // namespace

int RunExperts(const Args& args) {
  auto flags =
      Flags::Parse(args, {"db", "topic", "limit", "department", "location", "as-of", "preset"},
                   {"json", "explain"});
  if (!flags.ok()) return Fail("experts", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("experts", dir.status());
  auto params = ParamsFrom(*flags);
  if (!params.ok()) return Fail("experts", params.status());
  auto as_of = flags->GetDate("as-of");
  if (!as_of.ok()) return Fail("experts", as_of.status());
  auto ranking = RankingFrom(*flags);
  if (!ranking.ok()) return Fail("experts", ranking.status());

  graph::DatabaseOptions db_options;
  db_options.store.create_if_missing = false;
  auto db = graph::Database::Open(*dir, db_options);
  if (!db.ok()) return Fail("experts", db.status());
  api::ServiceOptions options;
  options.as_of = *as_of;
  options.ranking = *ranking;
  api::Service service(**db, options);
  auto answer = service.Experts(*params);
  if (!answer.ok()) return Fail("experts", answer.status());
  if (flags->Has("json")) {
    std::printf("%s\n", answer->dump(2).c_str());
  } else {
    PrintTable(*answer, params->explain);
  }
  return 0;
}

}  // namespace whoknows::cli
