// whoknows import: NDJSON files into the database, all or nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"

namespace whoknows::cli {

namespace {

Result<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Every file's records, and for each record where it came from (for error messages).
struct Batch {
  std::vector<graph::Record> records;
  std::vector<std::pair<size_t, int64_t>> origin;  // (file index, line)
};

Status ParseFiles(const std::vector<std::string>& files, bool progress, Batch* batch) {
  for (size_t f = 0; f < files.size(); ++f) {
    if (progress) std::fprintf(stderr, "reading %s ...\n", files[f].c_str());
    WK_ASSIGN_OR_RETURN(std::string text, ReadInput(files[f]));
    auto parsed = ingest::ParseNdjson(text, ingest::ImportLimits{});
    if (!parsed.ok()) {
      const Status& s = parsed.status();
      return Status::InvalidRecord(s.reason(),
                                   files[f] + ":" + std::to_string(s.line()) + ": " + s.message());
    }
    for (size_t i = 0; i < parsed->records.size(); ++i) {
      batch->records.push_back(std::move(parsed->records[i]));
      batch->origin.emplace_back(f, parsed->lines[i]);
    }
    if (progress) std::fprintf(stderr, "  %zu records so far\n", batch->records.size());
  }
  return Status::OK();
}

void PrintCounts(const Batch& batch, double seconds) {
  std::array<size_t, 6> counts{};
  for (const auto& r : batch.records) ++counts[static_cast<size_t>(r.node.kind)];
  std::printf("imported %zu records in %.2f s:", batch.records.size(), seconds);
  for (graph::Kind kind : graph::kAllKinds) {
    std::printf(" %s %zu", std::string(graph::KindName(kind)).c_str(),
                counts[static_cast<size_t>(kind)]);
  }
  std::printf("\n");
}

}  // namespace

int RunImport(const Args& args) {
  auto flags = Flags::Parse(args, {"db"}, {});
  if (!flags.ok()) return Fail("import", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("import", dir.status());
  const auto& files = flags->positional();
  if (files.empty()) {
    return Fail("import", Status::InvalidArgument("missing_file", "name at least one FILE or -"));
  }
  const bool progress = IsTerminal(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();

  auto db = graph::Database::Open(*dir, {});
  if (!db.ok()) return Fail("import", db.status());
  Batch batch;
  if (Status s = ParseFiles(files, progress, &batch); !s.ok()) return Fail("import", s);
  if (progress) std::fprintf(stderr, "writing %zu records ...\n", batch.records.size());
  auto applied = (*db)->Apply(batch.records);
  if (!applied.ok()) {
    const Status& s = applied.status();
    if (s.line() <= 0) return Fail("import", s);
    const auto& [file, line] = batch.origin[static_cast<size_t>(s.line() - 1)];
    return Fail("import",
                Status::InvalidRecord(
                    s.reason(), files[file] + ":" + std::to_string(line) + ": " + s.message()));
  }
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  PrintCounts(batch, took.count());
  return 0;
}

int Fail(const std::string& command, const Status& status) {
  std::fprintf(stderr, "whoknows %s: %s\n", command.c_str(), status.ToString().c_str());
  const bool usage = status.reason() == "unknown_flag" || status.reason() == "invalid_flag" ||
                     status.reason() == "missing_flag" || status.reason() == "missing_file";
  return usage ? 2 : 1;
}

}  // namespace whoknows::cli
