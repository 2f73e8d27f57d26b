// The parsing half of `whoknows import`: one NDJSON line to a graph::Record, through nlohmann's
// DOM and ParseRecord (the reference path) and through the fast parser (ingest/fast_record.h),
// into a fresh record each time and into one reused record (as the import does).  The lines are a
// generated company's, as `whoknows generate --seed 1` writes them (the shapes of
// /work/perfdata/c100k.ndjson); every iteration parses one line, cycling through all of them.
//
// BM_ReadNdjson is the whole parsing half of the import on one thread: ingest::NdjsonReader (read,
// split into lines, parse) over the company's text, into one reused record, as the import's
// parsing thread runs it.
//
// WHOKNOWS_BENCH_PEOPLE sets the size of the company (default 3000, about 37,000 lines);
// WHOKNOWS_BENCH_NDJSON, when set, names a file that BM_ReadNdjson reads instead.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../src/ingest/fast_record.h"
#include "whoknows/demo/generator.h"
#include "whoknows/ingest/import.h"

namespace {

using namespace whoknows;

const std::vector<std::string>& Lines() {
  static const auto* const kLines = [] {
    demo::CompanyOptions options;
    options.seed = 1;
    if (const char* env = getenv("WHOKNOWS_BENCH_PEOPLE")) options.people = std::stoul(env);
    std::stringstream text;
    demo::GenerateCompany(options, text);
    auto* lines = new std::vector<std::string>;
    for (std::string line; std::getline(text, line);) lines->push_back(line);
    return lines;
  }();
  return *kLines;
}

// Runs `parse` over the lines, one a iteration; counts records and bytes.
template <typename Parse>
void RunLines(benchmark::State& state, Parse parse) {
  const std::vector<std::string>& lines = Lines();
  size_t i = 0;
  int64_t bytes = 0;
  for (auto _ : state) {
    const std::string& line = lines[i];
    if (!parse(line)) state.SkipWithError("a line did not parse");
    bytes += static_cast<int64_t>(line.size());
    if (++i == lines.size()) i = 0;
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(bytes);
}

void BM_ParseLineDom(benchmark::State& state) {
  RunLines(state, [](const std::string& line) {
    Result<graph::Record> record = ingest::internal::ParseLineWithDom(line);
    benchmark::DoNotOptimize(record);
    return record.ok();
  });
}
BENCHMARK(BM_ParseLineDom);

void BM_ParseLineFastFresh(benchmark::State& state) {
  RunLines(state, [](const std::string& line) {
    graph::Record record;
    const bool ok = ingest::internal::FastParseRecord(line, &record);
    benchmark::DoNotOptimize(record);
    return ok;
  });
}
BENCHMARK(BM_ParseLineFastFresh);

void BM_ParseLineFastReused(benchmark::State& state) {
  graph::Record record;
  RunLines(state, [&](const std::string& line) {
    const bool ok = ingest::internal::FastParseRecord(line, &record);
    benchmark::DoNotOptimize(record);
    return ok;
  });
}
BENCHMARK(BM_ParseLineFastReused);

void BM_ReadNdjson(benchmark::State& state) {
  const char* file = getenv("WHOKNOWS_BENCH_NDJSON");
  std::string text;
  if (file == nullptr) {
    for (const std::string& line : Lines()) text.append(line).append(1, '\n');
  }
  int64_t records = 0, bytes = 0;
  for (auto _ : state) {
    std::ifstream in_file;
    std::istringstream in_text(text);
    if (file != nullptr) in_file.open(file, std::ios::binary);
    std::istream& in = file != nullptr ? static_cast<std::istream&>(in_file) : in_text;
    ingest::NdjsonReader reader(in, ingest::ImportLimits{});
    graph::Record record;
    for (;;) {
      Result<bool> got = reader.NextInto(&record);
      if (!got.ok()) state.SkipWithError(got.status().ToString().c_str());
      if (!got.ok() || !got.value()) break;
      ++records;
    }
    bytes += static_cast<int64_t>(reader.bytes());
  }
  state.SetItemsProcessed(records);
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_ReadNdjson)->Unit(benchmark::kMillisecond);

}  // namespace
