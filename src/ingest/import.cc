#include "whoknows/ingest/import.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "whoknows/ingest/records.h"

namespace whoknows::ingest {
namespace {

using nlohmann::json;

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

// `s` about input line `line`: its message prefixed with "line N: " and line() set.
Status AtLine(const Status& s, int64_t line) {
  std::string msg = "line " + std::to_string(line) + ": " + s.message();
  switch (s.code()) {
    case Status::Code::kInvalidArgument:
      return Status::InvalidArgument(s.reason(), std::move(msg)).WithLine(line);
    case Status::Code::kInvalidRecord:
      return Status::InvalidRecord(s.reason(), std::move(msg)).WithLine(line);
    case Status::Code::kTooLarge:
      return Status::TooLarge(s.reason(), std::move(msg)).WithLine(line);
    default:
      return s.WithLine(line);
  }
}

// nlohmann's message, "[json.exception.parse_error.101] parse error at line 1, column 5: syntax
// error ...", as "syntax error ... (column 5)": the caller names the input line.
std::string ParserMessage(const json::parse_error& e) {
  std::string what = e.what();
  const size_t column = what.find("column ");
  const size_t colon = what.find(": ", column);
  if (column == std::string::npos || colon == std::string::npos) return what;
  return what.substr(colon + 2) + " (" + what.substr(column, colon - column) + ")";
}

Result<graph::Record> ParseLine(std::string_view line) {
  // nlohmann stops at a NUL byte as at the end of the input: refuse it rather than ignore the
  // rest of the line.
  if (line.find('\0') != std::string_view::npos) {
    return Status::InvalidArgument("malformed_json", "a NUL byte, which JSON does not allow");
  }
  json body;
  try {
    body = json::parse(line);
  } catch (const json::parse_error& e) {
    return Status::InvalidArgument("malformed_json", ParserMessage(e));
  } catch (const json::exception& e) {
    // The parser throws out_of_range for a number beyond a double ("1e400"); found by
    // fuzz/ndjson_fuzz.cc (fuzz/crashers/ndjson/number-overflow-*).
    std::string what = e.what();
    if (size_t end = what.find("] "); end != std::string::npos) what.erase(0, end + 2);
    return Status::InvalidArgument("malformed_json", what);
  }
  if (!body.is_object()) return Status::InvalidArgument("malformed_json", "not a JSON object");
  auto type = body.find("type");
  std::optional<graph::Kind> kind;
  if (type != body.end() && type->is_string()) {
    kind = graph::ParseKind(type->get_ref<const std::string&>());
  }
  if (!kind) {
    return Status::InvalidRecord(
        "unknown_type", "\"type\" must be one of person, topic, document, project, endorsement");
  }
  return ParseRecord(body, *kind, {});
}

}  // namespace

size_t ImportCounts::total() const {
  size_t sum = 0;
  for (size_t n : by_kind) sum += n;
  return sum;
}

Result<ParsedImport> ParseNdjson(std::string_view text, const ImportLimits& limits) {
  ParsedImport out;
  int64_t line_no = 0;
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.size() > limits.max_line_bytes) {
      return AtLine(
          Status::TooLarge("line_too_long",
                           "longer than " + std::to_string(limits.max_line_bytes) + " bytes"),
          line_no);
    }
    if (IsBlank(line)) continue;
    if (out.records.size() >= limits.max_records) {
      return AtLine(
          Status::TooLarge("too_many_records",
                           "more than " + std::to_string(limits.max_records) + " records"),
          line_no);
    }
    Result<graph::Record> record = ParseLine(line);
    if (!record.ok()) return AtLine(record.status(), line_no);
    out.records.push_back(std::move(record).value());
    out.lines.push_back(line_no);
  }
  return out;
}

Result<ImportCounts> Import(graph::Database& db, std::string_view text,
                            const ImportLimits& limits) {
  WK_ASSIGN_OR_RETURN(ParsedImport parsed, ParseNdjson(text, limits));
  ImportCounts counts;
  if (parsed.records.empty()) return counts;
  Result<graph::ApplyResult> applied = db.Apply(parsed.records);
  if (!applied.ok()) {
    const Status& s = applied.status();
    const int64_t index = s.line();  // 1-based index into parsed.records
    if (index >= 1 && static_cast<size_t>(index) <= parsed.lines.size()) {
      return AtLine(s, parsed.lines[static_cast<size_t>(index) - 1]);
    }
    return s;
  }
  for (const graph::Record& r : parsed.records) ++counts.by_kind[static_cast<size_t>(r.node.kind)];
  return counts;
}

}  // namespace whoknows::ingest
