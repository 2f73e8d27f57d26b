// A fast path for the NDJSON import: one line's bytes straight to a graph::Record, without a JSON
// DOM, for the shapes records usually have.  The DOM path (nlohmann, then ParseRecord) stays the
// reference: the fast path either gives exactly the record that path gives, or declines, and the
// caller then parses the line the DOM way, which also words any error.
#ifndef WHOKNOWS_SRC_INGEST_FAST_RECORD_H_
#define WHOKNOWS_SRC_INGEST_FAST_RECORD_H_

#include <string_view>

#include "whoknows/core/result.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest::internal {

// Parses one NDJSON line (without its newline).  True: *out holds the record that
// ParseLineWithDom(line) returns.  False (declined): *out is unspecified.  It declines whatever
// it does not handle, which includes every line the DOM path refuses, and also: a first member
// other than "type", a byte order mark, duplicate keys, a value of a type the
// field does not take, an integer of more than 15 digits, a number beyond a double.
// `out` may be a record used before: its strings and edge list keep their capacity, so a caller
// that reuses records allocates little.
bool FastParseRecord(std::string_view line, graph::Record* out);

// The reference path: json::parse, then ParseRecord of the kind "type" names.  Errors:
// InvalidArgument "malformed_json" (not JSON, not an object, a NUL byte), InvalidRecord
// "unknown_type", and those of ParseRecord; without "line N".
Result<graph::Record> ParseLineWithDom(std::string_view line);

// FastParseRecord, else ParseLineWithDom: the record, or the DOM path's error.
Status ParseLineInto(std::string_view line, graph::Record* out);

}  // namespace whoknows::ingest::internal

#endif  // WHOKNOWS_SRC_INGEST_FAST_RECORD_H_
