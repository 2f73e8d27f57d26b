// wk_gen: the organisation the benchmarks run on, at any scale.
//
//   wk_gen --people N [--seed S] [--max-authors A] [--group-people G] OUT_DIR
//
// It is the demo company (demo::GenerateCompany: departments under a manager tree, a taxonomy of
// about 150 topics with aliases and Zipf popularity, ten documents a person over ten years with
// reviewers, projects with roles, declared skills, endorsements, 1.5% of people opted out) with a
// power-law tail of 7 to A authors (default 40) on 3% of documents and unweighted document topics,
// so that the peers' simplified score can be computed exactly, and collaboration beyond the team
// within groups of at least G people (default 2,000; 0: the whole department, as before 2026-11-28)
// so that the organisation keeps its shape as it grows.  It writes, from one stream:
//   OUT_DIR/records.ndjson   what `whoknows import` reads
//   OUT_DIR/csv/*.csv        one table per kind of node and edge, with a header row, loadable by
//                            PostgreSQL's and Kuzu's COPY (RFC 4180 quoting; empty = NULL)
//   OUT_DIR/counts.json      records per kind and rows per CSV file
// Memory stays O(people): the NDJSON is converted line by line as it is generated.  The same
// options give the same bytes.  Progress goes to stderr when it is a terminal.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "csv_tables.h"
#include "whoknows/demo/generator.h"

namespace {

using whoknows::bench::CsvTables;

// Passes the generator's bytes to the NDJSON file and each complete line to the CSV tables.
class TeeLines : public std::streambuf {
 public:
  TeeLines(std::ostream& ndjson, CsvTables& tables) : ndjson_(ndjson), tables_(tables) {}

  size_t lines() const { return lines_; }
  bool failed() const { return failed_; }

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    ndjson_.write(s, n);
    const char* end = s + n;
    while (s < end) {
      const char* nl = static_cast<const char*>(memchr(s, '\n', static_cast<size_t>(end - s)));
      if (nl == nullptr) {
        pending_.append(s, end);
        break;
      }
      pending_.append(s, nl);
      Line();
      s = nl + 1;
    }
    return n;
  }
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    char ch = traits_type::to_char_type(c);
    xsputn(&ch, 1);
    return c;
  }

 private:
  void Line() {
    if (!tables_.Add(nlohmann::json::parse(pending_, nullptr, false))) failed_ = true;
    pending_.clear();
    if (++lines_ % 200000 == 0 && isatty(2)) {
      std::fprintf(stderr, "\r  %zu records", lines_);
      std::fflush(stderr);
    }
  }

  std::ostream& ndjson_;
  CsvTables& tables_;
  std::string pending_;
  size_t lines_ = 0;
  bool failed_ = false;
};

int Usage() {
  std::fprintf(
      stderr,
      "usage: wk_gen --people N [--seed S] [--max-authors 6-40] [--group-people G] OUT_DIR\n");
  return 2;
}

bool ParseArgs(int argc, char** argv, whoknows::demo::CompanyOptions* options, std::string* out) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    try {
      if (arg == "--people" && has_value) {
        options->people = std::stoull(argv[++i]);
      } else if (arg == "--seed" && has_value) {
        options->seed = std::stoull(argv[++i]);
      } else if (arg == "--max-authors" && has_value) {
        options->max_authors = std::stoi(argv[++i]);
      } else if (arg == "--group-people" && has_value) {
        options->group_people = std::stoull(argv[++i]);
      } else if (!arg.empty() && arg[0] != '-' && out->empty()) {
        *out = arg;
      } else {
        return false;
      }
    } catch (const std::exception&) {
      return false;
    }
  }
  return !out->empty() && options->people > 0 && options->people < (1ULL << 31) &&
         options->max_authors >= 6 && options->max_authors <= 40 &&
         options->group_people < (1ULL << 31);
}

}  // namespace

int main(int argc, char** argv) {
  whoknows::demo::CompanyOptions options;
  options.max_authors = 40;
  options.topic_weights = false;
  options.group_people = 2000;
  std::string out;
  if (!ParseArgs(argc, argv, &options, &out)) return Usage();
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(out) / "csv", ec);
  if (ec) {
    std::fprintf(stderr, "wk_gen: cannot create %s: %s\n", out.c_str(), ec.message().c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::ofstream ndjson(fs::path(out) / "records.ndjson", std::ios::binary | std::ios::trunc);
  CsvTables tables(fs::path(out) / "csv");
  TeeLines tee(ndjson, tables);
  std::ostream stream(&tee);
  whoknows::demo::CompanyCounts counts;
  whoknows::demo::GenerateCompany(options, stream, &counts);
  ndjson.close();
  bool ok = !tee.failed() && ndjson && tables.Close() && stream;
  if (isatty(2)) std::fprintf(stderr, "\r");
  if (!ok) {
    std::fprintf(stderr, "wk_gen: cannot write %s\n", out.c_str());
    return 1;
  }
  std::ofstream json(fs::path(out) / "counts.json", std::ios::trunc);
  json << nlohmann::json{{"people", counts.people},
                         {"topics", counts.topics},
                         {"projects", counts.projects},
                         {"documents", counts.documents},
                         {"endorsements", counts.endorsements},
                         {"records", counts.total()},
                         {"csv_rows", tables.Rows()}}
              .dump(2)
       << "\n";
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::fprintf(stderr, "wk_gen: %zu records (%zu people) in %.1f s to %s\n", counts.total(),
               counts.people, took.count(), out.c_str());
  return json ? 0 : 1;
}
