// Text: a string in 8 bytes, for the fields of the millions of nodes a graph holds in memory.
//
// std::string takes 32 bytes even when empty, and a node has nine string fields, most of them
// empty or short (a document has an id, a title and perhaps a url).  Text keeps up to 6 bytes
// inline, with no allocation, and longer strings on the heap behind their size and capacity,
// which assignment reuses (the import recycles its records).  The contents are always
// NUL-terminated.
//
// It reads as a std::string_view (implicitly), compares with strings of every kind, and converts to
// std::string explicitly (str()) or by copy-initialization.  Not a general-purpose string: no
// in-place editing beyond assign, append and clear.
//
// A Text may also refer to bytes it does not own (TextArena::Copy): the graph loaded at start-up
// keeps its long strings in arenas, one allocation per 64 KiB instead of one per string with its
// malloc header.  Copying such a Text copies the bytes (the copy owns them); editing it first
// moves it to storage of its own; moving it moves the reference.
//
// A Text that points holds the plain address in its 8 bytes (a borrowed one's with the low bit
// set, an address inside the arena's piece), so leak checkers (LeakSanitizer, valgrind) see what
// it refers to.  REQUIRES: a little-endian machine and heap addresses whose top byte is zero
// (x86-64 and AArch64 user space; not with pointer tags in the top byte, as HWASan sets them);
// a pointer that does not fit aborts.
#ifndef WHOKNOWS_CORE_TEXT_H_
#define WHOKNOWS_CORE_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace whoknows {

class Text {
 public:
  // The longest string kept inline.
  static constexpr size_t kInline = 6;

  Text() noexcept { SetInlineSize(0); }
  // Implicit: fields are assigned and initialized from strings.
  Text(std::string_view s) : Text() { assign(s); }           // NOLINT(runtime/explicit)
  Text(const char* s) : Text(std::string_view(s)) {}         // NOLINT(runtime/explicit)
  Text(const std::string& s) : Text(std::string_view(s)) {}  // NOLINT(runtime/explicit)
  Text(const Text& o) : Text(o.view()) {}
  Text(Text&& o) noexcept {
    std::memcpy(raw_, o.raw_, sizeof raw_);
    o.SetInlineSize(0);
  }
  ~Text() { Release(); }

  Text& operator=(const Text& o) {
    if (this != &o) assign(o.view());
    return *this;
  }
  Text& operator=(Text&& o) noexcept {
    if (this != &o) {
      Release();
      std::memcpy(raw_, o.raw_, sizeof raw_);
      o.SetInlineSize(0);
    }
    return *this;
  }
  Text& operator=(std::string_view s) { return assign(s); }
  Text& operator=(const std::string& s) { return assign(s); }
  Text& operator=(const char* s) { return assign(std::string_view(s)); }

  // Replaces the contents; reuses the heap buffer when it is large enough.  `s` may point into
  // this Text.
  Text& assign(std::string_view s);
  Text& assign(const char* data, size_t size) { return assign(std::string_view(data, size)); }
  Text& append(std::string_view s);
  Text& operator+=(std::string_view s) { return append(s); }
  // Empties the contents and keeps the capacity.
  void clear() noexcept { SetSize(0); }

  const char* data() const noexcept { return Pointed() ? Pointer() : raw_; }
  const char* c_str() const noexcept { return data(); }
  size_t size() const noexcept { return Pointed() ? PointedSize() : Tag() & kSizeMask; }
  size_t length() const noexcept { return size(); }
  bool empty() const noexcept { return size() == 0; }
  // Of a Text that does not own its bytes: kInline, what it can hold without allocating.
  size_t capacity() const noexcept { return OnHeap() ? HeapCapacity() : kInline; }
  // Whether the bytes are someone else's (an arena's).
  bool borrowed() const noexcept { return Pointed() && (Bits() & kBorrowedBit) != 0; }
  const char* begin() const noexcept { return data(); }
  const char* end() const noexcept { return data() + size(); }
  char operator[](size_t i) const noexcept { return data()[i]; }
  char front() const noexcept { return data()[0]; }
  char back() const noexcept { return data()[size() - 1]; }

  std::string_view view() const noexcept { return {data(), size()}; }
  operator std::string_view() const noexcept { return view(); }  // NOLINT(runtime/explicit)
  std::string str() const { return std::string(view()); }
  explicit operator std::string() const { return str(); }

  size_t find(std::string_view s, size_t pos = 0) const noexcept { return view().find(s, pos); }
  size_t find(char c, size_t pos = 0) const noexcept { return view().find(c, pos); }
  std::string_view substr(size_t pos, size_t n = std::string_view::npos) const {
    return view().substr(pos, n);
  }
  int compare(std::string_view s) const noexcept { return view().compare(s); }

 private:
  friend class TextArena;

  // Inline: raw_[0..5] the bytes, then a NUL (at raw_[size]; raw_[6] at the latest), raw_[7] =
  // kInlineTag | size.  Pointed: the 8 bytes are the address of the bytes as a little-endian
  // word, whose top byte, raw_[7], is zero; its low bit is set when the bytes are borrowed (the
  // addresses pointed at are even: 16-byte-aligned malloc blocks plus 8, 4-aligned arena slots
  // plus 4).  The size (32 bits) sits just before the bytes; on the heap, the capacity (32 bits)
  // just before the size.  Borrowed bytes have no capacity: nothing is freed, and any edit
  // reallocates (capacity() is kInline).  Fields are read and written with memcpy: no union, no
  // aliasing.
  static constexpr uint8_t kInlineTag = 0x80;
  static constexpr uint8_t kSizeMask = 0x7f;
  static constexpr uint64_t kBorrowedBit = 1;
  static constexpr size_t kSizeBytes = sizeof(uint32_t);
  static constexpr size_t kCapacityBytes = sizeof(uint32_t);

  bool Pointed() const noexcept { return Tag() == 0; }
  bool OnHeap() const noexcept { return Pointed() && (Bits() & kBorrowedBit) == 0; }
  uint8_t Tag() const noexcept { return static_cast<uint8_t>(raw_[sizeof raw_ - 1]); }
  uint64_t Bits() const noexcept {
    uint64_t bits;
    std::memcpy(&bits, raw_, sizeof bits);
    return bits;
  }
  char* Pointer() const noexcept {
    return reinterpret_cast<char*>(static_cast<uintptr_t>(Bits() & ~kBorrowedBit));
  }
  uint32_t PointedSize() const noexcept {
    uint32_t n;
    std::memcpy(&n, Pointer() - kSizeBytes, sizeof n);
    return n;
  }
  size_t HeapCapacity() const noexcept {
    uint32_t c;
    std::memcpy(&c, Pointer() - kSizeBytes - kCapacityBytes, sizeof c);
    return c;
  }
  void SetInlineSize(size_t n) noexcept {
    raw_[n] = '\0';
    raw_[sizeof raw_ - 1] = static_cast<char>(kInlineTag | n);
  }
  // Points at `data` (even), whose size is already stored before it.
  void SetPointer(char* data, bool borrowed) noexcept;
  void SetSize(size_t n) noexcept {
    if (OnHeap()) {
      const auto m = static_cast<uint32_t>(n);
      std::memcpy(Pointer() - kSizeBytes, &m, sizeof m);
      Pointer()[n] = '\0';
    } else {
      SetInlineSize(n);
    }
  }
  // Makes room for `n` bytes, keeping the first `keep` bytes of the contents; returns where the
  // bytes go.  The size is not set.
  char* Reserve(size_t n, size_t keep);
  void Release() noexcept;

  alignas(8) char raw_[8];
};
static_assert(sizeof(Text) == 8 && alignof(Text) == 8, "Text is an aligned 8-byte word");
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "Text keeps an address in its 8 bytes");

// Comparisons: templates that match a Text exactly, so that no string converts to a Text to
// compare (which would make comparisons between two std strings ambiguous in this namespace).
template <typename T>
using IfText = std::enable_if_t<std::is_same_v<T, Text>, bool>;
template <typename T, IfText<T> = true>
bool operator==(const T& a, const T& b) noexcept {
  return a.view() == b.view();
}
template <typename T, IfText<T> = true>
bool operator==(const T& a, std::string_view b) noexcept {
  return a.view() == b;
}
template <typename T, IfText<T> = true>
bool operator==(std::string_view a, const T& b) noexcept {
  return a == b.view();
}
template <typename T, IfText<T> = true>
bool operator!=(const T& a, const T& b) noexcept {
  return a.view() != b.view();
}
template <typename T, IfText<T> = true>
bool operator!=(const T& a, std::string_view b) noexcept {
  return a.view() != b;
}
template <typename T, IfText<T> = true>
bool operator!=(std::string_view a, const T& b) noexcept {
  return a != b.view();
}
template <typename T, IfText<T> = true>
bool operator<(const T& a, const T& b) noexcept {
  return a.view() < b.view();
}
template <typename T, IfText<T> = true>
std::string operator+(std::string a, const T& b) {
  return a.append(b.view());
}
template <typename T, IfText<T> = true>
std::string operator+(const T& a, std::string_view b) {
  return a.str().append(b);
}
std::ostream& operator<<(std::ostream& out, const Text& t);

// Storage for the bytes of many Texts that live and die together (the strings of the graph loaded
// at start-up): pieces of 64 KiB, filled in turn, freed with the arena.  Not thread-safe.
class TextArena {
 public:
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  // `s` as a Text: inline when short enough, else borrowing a copy of its bytes (and a NUL) kept
  // here.  REQUIRES: the arena outlives the result and every Text it is moved to.
  Text Copy(std::string_view s);
  // Bytes allocated for pieces.
  size_t bytes() const noexcept { return bytes_; }

 private:
  static constexpr size_t kPiece = size_t{64} << 10;

  std::vector<std::unique_ptr<char[]>> pieces_;
  char* at_ = nullptr;  // the free part of the last piece
  size_t left_ = 0;
  size_t bytes_ = 0;
};

}  // namespace whoknows

template <>
struct std::hash<whoknows::Text> {
  size_t operator()(const whoknows::Text& t) const noexcept {
    return std::hash<std::string_view>()(t.view());
  }
};

#endif  // WHOKNOWS_CORE_TEXT_H_
