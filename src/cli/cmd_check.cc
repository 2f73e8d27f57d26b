// whoknows check: the offline consistency check of a database (graph::CheckDatabase).
#include <cstdio>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/check.h"

namespace whoknows::cli {

namespace {

nlohmann::json ReportJson(const graph::CheckReport& report) {
  return {{"ok", report.ok()},
          {"nodes", report.nodes},
          {"ids", report.ids},
          {"out_edges", report.out_edges},
          {"in_edges", report.in_edges},
          {"next_vid", report.next_vid},
          {"out_scans", report.out_scans},
          {"problems", report.problems},
          {"more_problems", report.more_problems}};
}

void PrintReport(const graph::CheckReport& report) {
  std::printf("nodes %llu, ids %llu, out edges %llu, in edges %llu, next vid %llu\n",
              static_cast<unsigned long long>(report.nodes),
              static_cast<unsigned long long>(report.ids),
              static_cast<unsigned long long>(report.out_edges),
              static_cast<unsigned long long>(report.in_edges),
              static_cast<unsigned long long>(report.next_vid));
  for (const std::string& problem : report.problems) std::printf("problem: %s\n", problem.c_str());
  if (report.more_problems > 0) {
    std::printf("... and %llu more problems\n",
                static_cast<unsigned long long>(report.more_problems));
  }
  std::printf("%s\n", report.ok() ? "consistent" : "INCONSISTENT");
}

}  // namespace

// Exit 0 when consistent, 1 when problems were found or the database cannot be read.
int RunCheck(const Args& args) {
  auto flags = Flags::Parse(args, {"db"}, {"json"});
  if (!flags.ok()) return Fail("check", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("check", dir.status());
  auto report = graph::CheckDatabase(*dir);
  if (!report.ok()) return Fail("check", report.status());
  if (flags->Has("json")) {
    std::printf("%s\n", ReportJson(*report).dump(2).c_str());
  } else {
    PrintReport(*report);
  }
  return report->ok() ? 0 : 1;
}

}  // namespace whoknows::cli
