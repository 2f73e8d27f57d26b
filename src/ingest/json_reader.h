// JsonReader: the lexer of the fast record parser (fast_record.h), one line of JSON read in place.
#ifndef WHOKNOWS_SRC_INGEST_JSON_READER_H_
#define WHOKNOWS_SRC_INGEST_JSON_READER_H_

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace whoknows::ingest::internal {

// JSON text as nlohmann reads it, restricted to what records hold.  Each method returns false
// where the text is not what it expects; the reader is then abandoned.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  // JSON's whitespace: space, tab, line feed, carriage return.
  void SkipSpace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }
  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }
  // Consumes `c` after optional whitespace.
  bool Take(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  // The next character after whitespace, or '\0' at the end.
  char Peek() {
    SkipSpace();
    return p_ == end_ ? '\0' : *p_;
  }

  // A string, checked to be UTF-8 without control characters, its escapes decoded.  The view
  // points into the line, or, when the string has escapes, into a buffer that the next string
  // with escapes overwrites (member names have their own).
  bool String(std::string_view* s) { return StringInto(s, &value_scratch_); }

  // A member name and its colon.
  bool Key(std::string_view* key) { return StringInto(key, &key_scratch_) && Take(':'); }

  bool Bool(bool* b) {
    SkipSpace();
    for (const bool value : {true, false}) {
      const std::string_view word = value ? "true" : "false";
      if (static_cast<size_t>(end_ - p_) >= word.size() &&
          std::string_view(p_, word.size()) == word) {
        p_ += word.size();
        *b = value;
        return true;
      }
    }
    return false;
  }

  // A JSON number, as the double nlohmann's get<double>() gives for it.
  bool Number(double* value) {
    SkipSpace();
    const char* start = p_;
    if (p_ != end_ && *p_ == '-') ++p_;
    if (p_ == end_ || !IsDigit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      SkipDigits();
    }
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (!SkipDigits()) return false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!SkipDigits()) return false;
    }
    // Correctly rounded, as strtod; integers beyond 2^53 may differ from nlohmann's conversion
    // of the 64-bit integer it stores, so long integers decline.
    if (p_ - start > 15 &&
        std::string_view(start, p_ - start).find_first_of(".eE") == std::string_view::npos) {
      return false;
    }
    const auto [ptr, ec] = std::from_chars(start, p_, *value);
    return ec == std::errc() && ptr == p_ && std::isfinite(*value);
  }

 private:
  static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

  // At least one digit.
  bool SkipDigits() {
    const char* start = p_;
    while (p_ != end_ && IsDigit(*p_)) ++p_;
    return p_ != start;
  }

  bool StringInto(std::string_view* s, std::string* scratch) {
    if (!Take('"')) return false;
    const char* start = p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        *s = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\') return Escaped(start, s, scratch);
      if (c < 0x20) return false;
      if (c < 0x80) {
        ++p_;
      } else if (!Utf8Sequence()) {
        return false;
      }
    }
    return false;
  }

  // The rest of a string whose first backslash is at p_, decoded into *scratch.
  bool Escaped(const char* start, std::string_view* s, std::string* scratch) {
    scratch->assign(start, p_);
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        *s = *scratch;
        return true;
      }
      if (c == '\\') {
        if (!Escape(scratch)) return false;
        continue;
      }
      if (c < 0x20) return false;
      const char* from = p_;
      if (c < 0x80) {
        ++p_;
      } else if (!Utf8Sequence()) {
        return false;
      }
      scratch->append(from, p_);
    }
    return false;
  }

  // One escape sequence at p_, appended to *out as nlohmann decodes it: \" \\ \/ \b \f \n \r \t,
  // and \uXXXX as UTF-8, a surrogate pair as one character (\u0000 too: a NUL in the string).
  bool Escape(std::string* out) {
    if (end_ - p_ < 2) return false;
    const char e = p_[1];
    p_ += 2;
    static constexpr std::string_view kFrom = "\"\\/bfnrt", kTo = "\"\\/\b\f\n\r\t";
    if (const size_t i = kFrom.find(e); i != std::string_view::npos) {
      out->push_back(kTo[i]);
      return true;
    }
    uint32_t cp = 0, low = 0;
    if (e != 'u' || !Hex4(&cp)) return false;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate first
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
  }

  // Four hex digits, either case.
  bool Hex4(uint32_t* cp) {
    if (end_ - p_ < 4) return false;
    *cp = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = *p_;
      const int digit = IsDigit(c)               ? c - '0'
                        : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                        : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                                 : -1;
      if (digit < 0) return false;
      *cp = *cp * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }

  static void AppendUtf8(uint32_t cp, std::string* out) {
    auto byte = [&](uint32_t b) { out->push_back(static_cast<char>(b)); };
    if (cp < 0x80) {
      byte(cp);
    } else if (cp < 0x800) {
      byte(0xC0 | (cp >> 6));
      byte(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      byte(0xE0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    } else {
      byte(0xF0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3F));
      byte(0x80 | ((cp >> 6) & 0x3F));
      byte(0x80 | (cp & 0x3F));
    }
  }

  // One multi-byte UTF-8 character, well formed as Unicode's table 3-7 says (nlohmann's rule): no
  // overlong forms, no surrogates, nothing beyond U+10FFFF.
  bool Utf8Sequence() {
    const auto lead = static_cast<unsigned char>(*p_);
    int more = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // the range of the first continuation byte
    if (lead >= 0xC2 && lead <= 0xDF) {
      more = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      more = 2;
      if (lead == 0xE0) lo = 0xA0;
      if (lead == 0xED) hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      more = 3;
      if (lead == 0xF0) lo = 0x90;
      if (lead == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (end_ - p_ <= more) return false;
    for (int i = 1; i <= more; ++i) {
      const auto c = static_cast<unsigned char>(p_[i]);
      if (c < lo || c > hi) return false;
      lo = 0x80;
      hi = 0xBF;
    }
    p_ += more + 1;
    return true;
  }

  const char* p_;
  const char* end_;
  std::string key_scratch_, value_scratch_;  // strings with escapes, decoded
};

}  // namespace whoknows::ingest::internal

#endif  // WHOKNOWS_SRC_INGEST_JSON_READER_H_
