// A fast, buffered writer of NDJSON records with compile-time-known keys.
//
// The generator writes millions of records; building an nlohmann::json per record and dumping it
// costs several times more than appending to a buffer, so records are written directly.  Commas
// are placed automatically; keys are trusted to need no escaping, string values are escaped.
#ifndef WHOKNOWS_SRC_DEMO_NDJSON_WRITER_H_
#define WHOKNOWS_SRC_DEMO_NDJSON_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <ostream>
#include <string_view>

namespace whoknows::demo {

class NdjsonWriter {
 public:
  explicit NdjsonWriter(std::ostream& out);
  ~NdjsonWriter();  // flushes
  NdjsonWriter(const NdjsonWriter&) = delete;
  NdjsonWriter& operator=(const NdjsonWriter&) = delete;

  // Starts a record: `{"type":"<type>"`.  REQUIRES: no record is open.
  void BeginRecord(std::string_view type);
  // Ends the record and its line.  REQUIRES: every object and array inside it is closed.
  void EndRecord();

  void Key(std::string_view key);
  void BeginObject();
  void EndObject();
  void BeginArray();
  void EndArray();
  void String(std::string_view value);
  // A string value known to need no escaping (ids, dates, catalog words): skips the scan.
  // REQUIRES: no '"', '\\' or control character in `value` (checked in debug builds).
  void Trusted(std::string_view value);
  // `prefix` followed by `number` zero-padded to at least `width` digits, as a string value.
  void Id(std::string_view prefix, uint64_t number, int width);
  void Uint(uint64_t value);
  void Bool(bool value);
  // A value already in JSON form (a number literal).
  void Raw(std::string_view json);

  void Field(std::string_view key, std::string_view value) {
    Key(key);
    String(value);
  }
  void TrustedField(std::string_view key, std::string_view value) {
    Key(key);
    Trusted(value);
  }

  // Hands the buffered bytes to the stream.
  void Flush();
  size_t records() const { return records_; }

 private:
  static constexpr int kMaxDepth = 8;
  static constexpr size_t kBufferBytes = 1 << 20;

  // Makes room for `n` more bytes, flushing if needed.  REQUIRES: n <= kBufferBytes.
  void Reserve(size_t n) {
    if (size_ + n > kBufferBytes) Flush();
  }
  void Put(char c) {
    Reserve(1);
    buf_[size_++] = c;
  }
  void Put(std::string_view s);
  void Separate();
  void AppendEscaped(std::string_view value);

  std::ostream& out_;
  std::unique_ptr<char[]> buf_;
  size_t size_ = 0;
  bool has_item_[kMaxDepth] = {};
  int depth_ = 0;
  bool after_key_ = false;
  size_t records_ = 0;
};

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_NDJSON_WRITER_H_
