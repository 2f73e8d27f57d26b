#include "whoknows/ingest/import.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "fast_record.h"
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

// One line of NDJSON, the `line_no`th, into *out: false for a blank line.  `records` is how
// many records came before.
Result<bool> ParseNdjsonLine(std::string_view line, int64_t line_no, const ImportLimits& limits,
                             size_t records, graph::Record* out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.size() > limits.max_line_bytes) {
    return AtLine(
        Status::TooLarge("line_too_long",
                         "longer than " + std::to_string(limits.max_line_bytes) + " bytes"),
        line_no);
  }
  if (IsBlank(line)) return false;
  if (records >= limits.max_records) {
    return AtLine(Status::TooLarge("too_many_records",
                                   "more than " + std::to_string(limits.max_records) + " records"),
                  line_no);
  }
  if (Status s = internal::ParseLineInto(line, out); !s.ok()) return AtLine(s, line_no);
  return true;
}

}  // namespace

namespace internal {

Result<graph::Record> ParseLineWithDom(std::string_view line) {
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

}  // namespace internal

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
    graph::Record record;
    WK_ASSIGN_OR_RETURN(bool parsed,
                        ParseNdjsonLine(line, ++line_no, limits, out.records.size(), &record));
    if (!parsed) continue;
    out.records.push_back(std::move(record));
    out.lines.push_back(line_no);
  }
  return out;
}

NdjsonReader::NdjsonReader(std::istream& in, const ImportLimits& limits, size_t read_bytes)
    : in_(in), limits_(limits), read_bytes_(read_bytes) {}

Result<std::optional<std::string_view>> NdjsonReader::NextLine() {
  for (;;) {
    const size_t end = buf_.find('\n', pos_);
    if (end != std::string::npos || eof_) {
      if (end == std::string::npos && done_) return std::optional<std::string_view>();
      const size_t stop = end == std::string::npos ? buf_.size() : end;
      std::string_view line(buf_.data() + pos_, stop - pos_);
      bytes_ += stop - pos_ + (end == std::string::npos ? 0 : 1);
      pos_ = stop + 1;
      done_ = end == std::string::npos;  // the text after the last newline is the last line
      return std::optional<std::string_view>(line);
    }
    // A line longer than the limit (plus a '\r') is refused before all of it is read.
    if (buf_.size() - pos_ > limits_.max_line_bytes + 1) {
      return Status::TooLarge("line_too_long",
                              "longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
    }
    buf_.erase(0, pos_);
    pos_ = 0;
    const size_t old = buf_.size();
    buf_.resize(old + read_bytes_);
    in_.read(buf_.data() + old, static_cast<std::streamsize>(read_bytes_));
    buf_.resize(old + static_cast<size_t>(in_.gcount()));
    if (in_.bad()) return Status::IOError("cannot read the input");
    eof_ = in_.eof();
  }
}

Result<bool> NdjsonReader::NextInto(graph::Record* record) {
  for (;;) {
    Result<std::optional<std::string_view>> line = NextLine();
    if (!line.ok()) return AtLine(line.status(), line_ + 1);
    if (!line->has_value()) return false;
    ++line_;
    WK_ASSIGN_OR_RETURN(bool parsed, ParseNdjsonLine(**line, line_, limits_, records_, record));
    if (parsed) {
      ++records_;
      return true;
    }
  }
}

Result<std::optional<graph::Record>> NdjsonReader::Next() {
  graph::Record record;
  WK_ASSIGN_OR_RETURN(bool parsed, NextInto(&record));
  if (!parsed) return std::optional<graph::Record>();
  return std::optional<graph::Record>(std::move(record));
}

namespace {

// Records parsed ahead of the loader, a batch at a time; the last batch of the input carries the
// reader's final status (OK at the end, or its error).  Batches go back to the parser once
// loaded, so that records keep the capacity of their strings and the loader frees nothing that
// the parser allocated (glibc's arenas contend when one thread frees what another allocated).
struct ParsedBatch {
  std::vector<graph::Record> records;           // records[0, size) hold this batch's records
  std::vector<graph::PreparedRecord> prepared;  // prepared[i]: records[i] prepared for the loader
  std::vector<int64_t> lines;                   // lines[i]: the input line of records[i]
  size_t size = 0;
  std::optional<Status> end;
};

// A bounded queue from the parsing thread to the loading one, and the loaded batches back.
class BatchQueue {
 public:
  // False when the consumer has stopped listening.
  bool Push(ParsedBatch batch) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return batches_.size() < kMaxBatches || stopped_; });
    if (stopped_) return false;
    batches_.push_back(std::move(batch));
    cv_.notify_all();
    return true;
  }
  ParsedBatch Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !batches_.empty(); });
    ParsedBatch batch = std::move(batches_.front());
    batches_.pop_front();
    cv_.notify_all();
    return batch;
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }
  // A batch the consumer is done with, for the producer to fill again.
  void Recycle(ParsedBatch batch) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(batch));
  }
  // A recycled batch, or a new one.
  ParsedBatch Reuse() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return ParsedBatch{};
    ParsedBatch batch = std::move(free_.back());
    free_.pop_back();
    return batch;
  }

 private:
  static constexpr size_t kMaxBatches = 16;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<ParsedBatch> batches_;
  std::vector<ParsedBatch> free_;
  bool stopped_ = false;
};

// Fills `batch` from the reader, into the records it holds already where it can.
void FillBatch(NdjsonReader& reader, ParsedBatch* batch) {
  constexpr size_t kBatchRecords = 1024;
  batch->size = 0;
  batch->lines.clear();
  batch->end.reset();
  while (!batch->end && batch->size < kBatchRecords) {
    if (batch->size == batch->records.size()) {
      batch->records.emplace_back();
      batch->prepared.emplace_back();
    }
    Result<bool> got = reader.NextInto(&batch->records[batch->size]);
    if (!got.ok()) {
      batch->end = got.status();
    } else if (!got.value()) {
      batch->end = Status::OK();
    } else {
      graph::BulkLoader::Prepare(batch->records[batch->size], &batch->prepared[batch->size]);
      ++batch->size;
      batch->lines.push_back(reader.line());
    }
  }
}

void ParseAhead(NdjsonReader& reader, BatchQueue& queue, std::atomic<uint64_t>& bytes) {
  for (;;) {
    ParsedBatch batch = queue.Reuse();
    FillBatch(reader, &batch);
    bytes = reader.bytes();
    const bool last = batch.end.has_value();
    if (!queue.Push(std::move(batch)) || last) return;
  }
}

}  // namespace

// The reader parses (and prepares the records for the loader) on a second thread while this one
// feeds the loader: the two halves of the work cost about the same, and the machine has two cores.
Status AddNdjson(std::istream& in, const ImportLimits& limits, int64_t origin_base,
                 graph::BulkLoader& loader, ImportCounts* counts,
                 const std::function<void(uint64_t bytes)>& progress) {
  NdjsonReader reader(in, limits);
  BatchQueue queue;
  std::atomic<uint64_t> bytes{0};
  std::thread parser([&] { ParseAhead(reader, queue, bytes); });
  Status status;
  for (size_t n = 0;;) {
    ParsedBatch batch = queue.Pop();
    constexpr size_t kPrefetchAhead = 4;  // records: enough to hide a cache miss, no more
    for (size_t i = 0; i < std::min(kPrefetchAhead, batch.size); ++i) {
      loader.Prefetch(batch.prepared[i]);
    }
    for (size_t i = 0; i < batch.size && status.ok(); ++i) {
      if (i + kPrefetchAhead < batch.size) loader.Prefetch(batch.prepared[i + kPrefetchAhead]);
      const graph::Record& record = batch.records[i];
      status = loader.Add(record, batch.prepared[i], origin_base + batch.lines[i]);
      if (!status.ok()) status = AtLine(status, batch.lines[i]);
      ++counts->by_kind[static_cast<size_t>(record.node.kind)];
    }
    if (status.ok() && batch.end) status = *batch.end;
    if (!status.ok() || batch.end) break;
    queue.Recycle(std::move(batch));
    if (progress && ++n % 64 == 0) progress(bytes);
  }
  queue.Stop();
  parser.join();
  return status;
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
