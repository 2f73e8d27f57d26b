// NDJSON import: one record a line, each with a "type"; all lines or none.
#ifndef WHOKNOWS_INGEST_IMPORT_H_
#define WHOKNOWS_INGEST_IMPORT_H_

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
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

// Parses and applies `text` in one atomic write.  Errors as ParseNdjson and Database::Apply, with
// line() the input line; on error the database is unchanged.
Result<ImportCounts> Import(graph::Database& db, std::string_view text, const ImportLimits& limits);

}  // namespace whoknows::ingest

#endif  // WHOKNOWS_INGEST_IMPORT_H_
