// whoknows coverage: skill coverage and knowledge risk per topic, the same figures as
// GET /v1/coverage, as a table, JSON or CSV (for spreadsheets).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

namespace {

Result<api::CoverageParams> ParamsFrom(const Flags& flags) {
  api::CoverageParams params;
  if (flags.Has("topics")) params.topics = SplitList(flags.Get("topics"));
  params.department = flags.Get("department");
  params.limit = api::kMaxLimit;
  std::string min_score = flags.Get("min-score");
  if (!min_score.empty()) {
    char* end = nullptr;
    params.min_score = std::strtod(min_score.c_str(), &end);
    if (end != min_score.c_str() + min_score.size()) {
      return Status::InvalidArgument("invalid_flag", "--min-score must be a number");
    }
  }
  return params;
}

// Every page of the answer, as one {"topics": [...]}.
Result<nlohmann::json> AllPages(api::Service& service, api::CoverageParams params) {
  nlohmann::json all = {{"topics", nlohmann::json::array()}};
  while (true) {
    WK_ASSIGN_OR_RETURN(nlohmann::json page, service.Coverage(params));
    for (auto& t : page["topics"]) all["topics"].push_back(std::move(t));
    if (page["next_cursor"].is_null()) return all;
    params.cursor = page["next_cursor"].get<std::string>();
  }
}

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string Joined(const nlohmann::json& t, bool with_scores) {
  std::string out;
  if (with_scores) {
    for (const auto& p : t["top"]) {
      char score[32];
      std::snprintf(score, sizeof score, "%.3f", p["score"].get<double>());
      out += (out.empty() ? "" : "; ") + p["name"].get<std::string>() + " (" + score + ")";
    }
  } else {
    for (const auto& [dept, n] : t["departments"].items()) {
      out += (out.empty() ? "" : "; ") + (dept.empty() ? "(none)" : dept) + " " +
             std::to_string(n.get<size_t>());
    }
  }
  return out;
}

std::string Risks(const nlohmann::json& t) {
  std::string out;
  for (const auto& r : t["risks"]) out += (out.empty() ? "" : " ") + r.get<std::string>();
  return out;
}

void PrintCsv(const nlohmann::json& answer) {
  std::printf("topic_id,topic,experts,bus_factor,held_items,last_evidence,risks,departments,top\n");
  for (const auto& t : answer["topics"]) {
    std::string last = t["last_evidence"].is_null() ? "" : t["last_evidence"].get<std::string>();
    std::printf("%s,%s,%zu,%zu,%zu,%s,%s,%s,%s\n", CsvField(t["id"]).c_str(),
                CsvField(t["name"]).c_str(), t["experts"].get<size_t>(),
                t["bus_factor"].get<size_t>(), t["held_items"].get<size_t>(), last.c_str(),
                CsvField(Risks(t)).c_str(), CsvField(Joined(t, false)).c_str(),
                CsvField(Joined(t, true)).c_str());
  }
}

void PrintTable(const nlohmann::json& answer) {
  std::printf("%-24s %7s %4s %-10s  %s\n", "topic", "experts", "bus", "last", "risks");
  for (const auto& t : answer["topics"]) {
    std::string last = t["last_evidence"].is_null() ? "-" : t["last_evidence"].get<std::string>();
    std::printf("%-24s %7zu %4zu %-10s  %s\n", t["id"].get<std::string>().c_str(),
                t["experts"].get<size_t>(), t["bus_factor"].get<size_t>(), last.c_str(),
                Risks(t).c_str());
  }
}

}  // namespace

int RunCoverage(const Args& args) {
  auto flags =
      Flags::Parse(args, {"db", "topics", "department", "min-score", "as-of"}, {"json", "csv"});
  if (!flags.ok()) return Fail("coverage", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("coverage", dir.status());
  auto params = ParamsFrom(*flags);
  if (!params.ok()) return Fail("coverage", params.status());
  auto as_of = flags->GetDate("as-of");
  if (!as_of.ok()) return Fail("coverage", as_of.status());

  graph::DatabaseOptions db_options;
  db_options.store.create_if_missing = false;
  auto db = graph::Database::Open(*dir, db_options);
  if (!db.ok()) return Fail("coverage", db.status());
  api::ServiceOptions options;
  options.as_of = *as_of;
  api::Service service(**db, options);
  auto answer = AllPages(service, *params);
  if (!answer.ok()) return Fail("coverage", answer.status());
  if (flags->Has("json")) {
    std::printf("%s\n", answer->dump(2).c_str());
  } else if (flags->Has("csv")) {
    PrintCsv(*answer);
  } else {
    PrintTable(*answer);
  }
  return 0;
}

}  // namespace whoknows::cli
