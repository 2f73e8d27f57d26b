// whoknows import: NDJSON files into the database, all or nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/bulk_load.h"
#include "whoknows/ingest/import.h"

namespace whoknows::cli {

namespace {

// The origin the loader gets for line L of file f: f * kFileOrigin + L.
constexpr int64_t kFileOrigin = int64_t{1} << 40;

// "FILE:LINE: message" for a loader error carrying an origin.
Status Locate(const std::vector<std::string>& files, const Status& s) {
  if (s.line() <= 0) return s;
  const auto f = static_cast<size_t>(s.line() / kFileOrigin);
  if (f >= files.size()) return s;
  return Status::InvalidRecord(
      s.reason(), files[f] + ":" + std::to_string(s.line() % kFileOrigin) + ": " + s.message());
}

Status AddFile(const std::string& path, size_t index, size_t count, bool progress,
               graph::BulkLoader& loader, ingest::ImportCounts* counts) {
  std::ifstream file;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Status::IOError("cannot read '" + path + "'");
  }
  std::istream& in = path == "-" ? std::cin : file;
  auto report = [&](uint64_t bytes) {
    std::fprintf(stderr, "\r[%zu/%zu] %s: %.0f MB, %zu records", index + 1, count, path.c_str(),
                 static_cast<double>(bytes) / 1e6, counts->total());
  };
  Status s =
      ingest::AddNdjson(in, ingest::ImportLimits{}, static_cast<int64_t>(index) * kFileOrigin,
                        loader, counts, progress ? std::function<void(uint64_t)>(report) : nullptr);
  if (progress) std::fprintf(stderr, "\n");
  if (!s.ok()) {
    return Status::InvalidRecord(s.reason(),
                                 path + ":" + std::to_string(s.line()) + ": " + s.message());
  }
  return Status::OK();
}

void PrintCounts(const ingest::ImportCounts& counts, double seconds) {
  std::printf("imported %zu records in %.2f s:", counts.total(), seconds);
  for (graph::Kind kind : graph::kAllKinds) {
    std::printf(" %s %zu", std::string(graph::KindName(kind)).c_str(),
                counts.by_kind[static_cast<size_t>(kind)]);
  }
  std::printf("\n");
}

// Where the wall time went (`--phases`): reading and adding ran the parser and the loader threads
// side by side; the commit runs after them on the loader's thread.
void PrintPhases(const graph::BulkLoadTimes& t, int runs, double read_s, double commit_s) {
  std::fprintf(
      stderr,
      "phases: read and add %.2f s (in Add %.2f s, spilling %d runs %.2f s); commit %.2f s "
      "(references %.2f s, sort and merge into table files %.2f s, ingest %.2f s)\n",
      read_s, t.add, runs, t.writer.spill, commit_s, t.resolve, t.writer.tables, t.writer.ingest);
}

}  // namespace

// Streams every file through a graph::BulkLoader: memory holds the id map and a bounded write
// buffer, not the records; nothing is written unless every file parses and every reference
// resolves.
int RunImport(const Args& args) {
  auto flags = Flags::Parse(args, {"db"}, {"phases"});
  if (!flags.ok()) return Fail("import", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("import", dir.status());
  const auto& files = flags->positional();
  if (files.empty()) {
    return Fail("import", Status::InvalidArgument("missing_file", "name at least one FILE or -"));
  }
  const bool progress = IsTerminal(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();

  auto loader = graph::BulkLoader::Open(*dir, {});
  if (!loader.ok()) return Fail("import", loader.status());
  ingest::ImportCounts counts;
  for (size_t f = 0; f < files.size(); ++f) {
    Status s = AddFile(files[f], f, files.size(), progress, **loader, &counts);
    if (!s.ok()) return Fail("import", s);
  }
  if (progress) std::fprintf(stderr, "writing %zu records ...\n", counts.total());
  const auto read = std::chrono::steady_clock::now();
  if (Status s = (*loader)->Commit(); !s.ok()) return Fail("import", Locate(files, s));
  const auto end = std::chrono::steady_clock::now();
  PrintCounts(counts, std::chrono::duration<double>(end - start).count());
  if (flags->Has("phases")) {
    PrintPhases((*loader)->times(), (*loader)->runs(),
                std::chrono::duration<double>(read - start).count(),
                std::chrono::duration<double>(end - read).count());
  }
  return 0;
}

int Fail(const std::string& command, const Status& status) {
  std::fprintf(stderr, "whoknows %s: %s\n", command.c_str(), status.ToString().c_str());
  const bool usage = status.reason() == "unknown_flag" || status.reason() == "invalid_flag" ||
                     status.reason() == "missing_flag" || status.reason() == "missing_file";
  return usage ? 2 : 1;
}

}  // namespace whoknows::cli
