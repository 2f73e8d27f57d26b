#include "ndjson_writer.h"

#include <algorithm>
#include <cassert>
#include <cstring>

namespace whoknows::demo {

namespace {

struct EscapeTable {
  bool needs[256];
  constexpr EscapeTable() : needs() {
    for (int c = 0; c < 256; ++c) needs[c] = c < 0x20 || c == '"' || c == '\\';
  }
};
constexpr EscapeTable kEscape;

// Appends `s` at `dst`; returns the end.  Short strings dominate, so copy them inline.
char* Copy(char* dst, std::string_view s) {
  if (s.size() <= 16) {
    for (char c : s) *dst++ = c;
    return dst;
  }
  std::memcpy(dst, s.data(), s.size());
  return dst + s.size();
}

// Writes the decimal digits of `v`, left-padded with zeros to `width`, ending at `end`; returns
// the first character written.
char* FormatDigits(uint64_t v, int width, char* end) {
  char* p = end;
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
    --width;
  } while (v != 0);
  for (; width > 0; --width) *--p = '0';
  return p;
}

}  // namespace

NdjsonWriter::NdjsonWriter(std::ostream& out) : out_(out), buf_(new char[kBufferBytes]) {}

NdjsonWriter::~NdjsonWriter() { Flush(); }

void NdjsonWriter::Put(std::string_view s) {
  if (s.size() > kBufferBytes) {  // larger than any record we write, but stay correct
    Flush();
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
    return;
  }
  Reserve(s.size());
  size_ = static_cast<size_t>(Copy(buf_.get() + size_, s) - buf_.get());
}

void NdjsonWriter::BeginRecord(std::string_view type) {
  assert(depth_ == 0);
  Put('{');
  depth_ = 1;
  has_item_[1] = false;
  TrustedField("type", type);
}

void NdjsonWriter::EndRecord() {
  assert(depth_ == 1 && !after_key_);
  Put("}\n");
  depth_ = 0;
  ++records_;
}

void NdjsonWriter::Separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (has_item_[depth_]) Put(',');
  has_item_[depth_] = true;
}

void NdjsonWriter::Key(std::string_view key) {
  Separate();
  Reserve(key.size() + 3);
  char* p = buf_.get() + size_;
  *p++ = '"';
  p = Copy(p, key);
  *p++ = '"';
  *p++ = ':';
  size_ = static_cast<size_t>(p - buf_.get());
  after_key_ = true;
}

void NdjsonWriter::BeginObject() {
  Separate();
  Put('{');
  assert(depth_ + 1 < kMaxDepth);
  has_item_[++depth_] = false;
}

void NdjsonWriter::EndObject() {
  Put('}');
  --depth_;
}

void NdjsonWriter::BeginArray() {
  Separate();
  Put('[');
  assert(depth_ + 1 < kMaxDepth);
  has_item_[++depth_] = false;
}

void NdjsonWriter::EndArray() {
  Put(']');
  --depth_;
}

void NdjsonWriter::String(std::string_view value) {
  bool clean = true;
  for (char c : value) clean &= !kEscape.needs[static_cast<unsigned char>(c)];
  if (clean) return Trusted(value);
  Separate();
  Put('"');
  AppendEscaped(value);
  Put('"');
}

void NdjsonWriter::Trusted(std::string_view value) {
  assert(std::none_of(value.begin(), value.end(),
                      [](char c) { return kEscape.needs[static_cast<unsigned char>(c)]; }));
  Separate();
  if (value.size() + 2 > kBufferBytes) {
    Put('"');
    Put(value);
    Put('"');
    return;
  }
  Reserve(value.size() + 2);
  char* p = buf_.get() + size_;
  *p++ = '"';
  p = Copy(p, value);
  *p++ = '"';
  size_ = static_cast<size_t>(p - buf_.get());
}

void NdjsonWriter::AppendEscaped(std::string_view value) {
  static constexpr char kHex[] = "0123456789abcdef";
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (!kEscape.needs[static_cast<unsigned char>(c)]) continue;
    Put(value.substr(start, i - start));
    if (c == '"' || c == '\\') {
      const char escaped[2] = {'\\', c};
      Put(std::string_view(escaped, 2));
    } else {
      auto u = static_cast<unsigned char>(c);
      const char escaped[6] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 15]};
      Put(std::string_view(escaped, 6));
    }
    start = i + 1;
  }
  Put(value.substr(start));
}

void NdjsonWriter::Id(std::string_view prefix, uint64_t number, int width) {
  char text[48];
  char* end = text + sizeof(text);
  *--end = '"';
  char* begin = FormatDigits(number, width, end);
  assert(prefix.size() < static_cast<size_t>(begin - text));
  begin -= prefix.size();
  std::memcpy(begin, prefix.data(), prefix.size());
  *--begin = '"';
  Separate();
  Put(std::string_view(begin, static_cast<size_t>(text + sizeof(text) - begin)));
}

void NdjsonWriter::Uint(uint64_t value) {
  char digits[24];
  char* end = digits + sizeof(digits);
  char* begin = FormatDigits(value, 1, end);
  Separate();
  Put(std::string_view(begin, static_cast<size_t>(end - begin)));
}

void NdjsonWriter::Bool(bool value) {
  Separate();
  Put(value ? std::string_view("true") : std::string_view("false"));
}

void NdjsonWriter::Raw(std::string_view json) {
  Separate();
  Put(json);
}

void NdjsonWriter::Flush() {
  if (size_ == 0) return;
  out_.write(buf_.get(), static_cast<std::streamsize>(size_));
  size_ = 0;
}

}  // namespace whoknows::demo
