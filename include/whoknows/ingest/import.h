// NDJSON import: one record a line, each with a "type"; all lines or none.
#ifndef WHOKNOWS_INGEST_IMPORT_H_
#define WHOKNOWS_INGEST_IMPORT_H_

#include <array>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/bulk_load.h"
#include "whoknows/graph/database.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest {

struct ImportLimits {
  size_t max_line_bytes = 1 << 20;
  size_t max_records = 20'000'000;
};

struct ParsedImport {
  std::vector<graph::Record> records;
  std::vector<int64_t> lines;  // lines[i] = the 1-based input line of records[i]
};

// Parses every non-blank line.  Errors carry line(): InvalidArgument "malformed_json" for a line
// that is not a JSON object, InvalidRecord (see ParseRecord; "unknown_type" for a bad "type"),
// TooLarge "line_too_long" / "too_many_records".
Result<ParsedImport> ParseNdjson(std::string_view text, const ImportLimits& limits);

// Records imported per kind, indexed by graph::Kind.
struct ImportCounts {
  std::array<size_t, 6> by_kind{};
  size_t total() const;
};

// ParseNdjson a line at a time from a stream: the same lines, limits, errors and line numbers,
// with memory for one line (and a read buffer) however long the input.
class NdjsonReader {
 public:
  // Reads `read_bytes` at a time.  REQUIRES: `in` outlives the reader; read_bytes > 0.
  NdjsonReader(std::istream& in, const ImportLimits& limits, size_t read_bytes = 1 << 20);

  // The next record, nullopt at the end of the input.  Errors as ParseNdjson, with line(); after
  // an error the reader must not be used again.
  Result<std::optional<graph::Record>> Next();
  // As Next, into *record: true with the record there, false at the end.  *record may be one
  // used before; its strings keep their capacity, so a caller that reuses records allocates
  // little.
  Result<bool> NextInto(graph::Record* record);
  // The line of the record Next returned last (after the end: the number of lines).
  int64_t line() const { return line_; }
  // Input bytes consumed so far.
  uint64_t bytes() const { return bytes_; }

 private:
  // The next line without its newline; nullopt at the end.  Errors: line_too_long, IOError.
  Result<std::optional<std::string_view>> NextLine();

  std::istream& in_;
  ImportLimits limits_;
  size_t read_bytes_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool done_ = false;
  int64_t line_ = 0;
  uint64_t bytes_ = 0;
  size_t records_ = 0;
};

// Adds every record of the NDJSON stream `in` to `loader` without committing, counting them into
// `counts`; the loader gets `origin_base` + the input line as each record's origin.  Parsing runs
// on a second thread, ahead of the loader.  Errors as
// ParseNdjson and BulkLoader::Add, with line() the input line (not the origin).  `progress`, when
// set, is called now and then with the bytes consumed so far.
Status AddNdjson(std::istream& in, const ImportLimits& limits, int64_t origin_base,
                 graph::BulkLoader& loader, ImportCounts* counts,
                 const std::function<void(uint64_t bytes)>& progress = nullptr);

// Parses and applies `text` in one atomic write.  Errors as ParseNdjson and Database::Apply, with
// line() the input line; on error the database is unchanged.
Result<ImportCounts> Import(graph::Database& db, std::string_view text, const ImportLimits& limits);

}  // namespace whoknows::ingest

#endif  // WHOKNOWS_INGEST_IMPORT_H_
