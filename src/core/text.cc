#include "whoknows/core/text.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <ostream>
#include <stdexcept>

namespace whoknows {
namespace {

// A heap buffer: its capacity (bytes usable, the NUL excluded) and size, 32 bits each, then the
// bytes.  Capacities stop at 2^32 - 1, as sizes do.
constexpr size_t kHeader = 2 * sizeof(uint32_t);

char* Allocate(size_t capacity) {
  if (capacity > UINT32_MAX) throw std::length_error("Text longer than 4 GiB");
  void* block = std::malloc(kHeader + capacity + 1);
  if (block == nullptr) throw std::bad_alloc();
  const auto c = static_cast<uint32_t>(capacity);
  std::memcpy(block, &c, sizeof c);
  return static_cast<char*>(block) + kHeader;
}

void Free(char* data) noexcept { std::free(data - kHeader); }

void StoreSize(char* data, size_t size) noexcept {
  const auto n = static_cast<uint32_t>(size);
  std::memcpy(data - sizeof n, &n, sizeof n);
}

}  // namespace

void Text::SetPointer(char* data, bool borrowed) noexcept {
  const auto address = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(data));
  // A top byte in use (a tagged pointer) would read as inline, an odd address as borrowed:
  // refuse rather than corrupt.
  if ((address >> 56) != 0 || (address & kBorrowedBit) != 0) std::abort();
  const uint64_t bits = address | (borrowed ? kBorrowedBit : 0);
  std::memcpy(raw_, &bits, sizeof bits);
}

char* Text::Reserve(size_t n, size_t keep) {
  if (n <= capacity()) return OnHeap() ? Pointer() : raw_;
  // Grow by half again at least, so that appends cost amortized O(1).
  const size_t capacity = std::max(n, this->capacity() + this->capacity() / 2);
  char* fresh = Allocate(capacity);
  std::memcpy(fresh, data(), keep);
  Release();
  StoreSize(fresh, keep);
  SetPointer(fresh, /*borrowed=*/false);
  return fresh;
}

void Text::Release() noexcept {
  if (OnHeap()) Free(Pointer());
}

Text& Text::assign(std::string_view s) {
  if (s.size() > capacity()) {
    // `s` may point into this Text only if it fits, so the old bytes can go.
    char* fresh = Allocate(s.size());
    std::memcpy(fresh, s.data(), s.size());
    Release();
    StoreSize(fresh, s.size());
    SetPointer(fresh, /*borrowed=*/false);
    SetSize(s.size());
  } else if (OnHeap()) {
    std::memmove(Pointer(), s.data(), s.size());
    SetSize(s.size());
  } else {
    // Inline, or borrowed bytes (which `s` may view: they are in the arena, not in raw_) given
    // up for inline ones.  Writing raw_ overwrites a borrowed address, so the tag comes last.
    std::memmove(raw_, s.data(), s.size());
    SetInlineSize(s.size());
  }
  return *this;
}

Text& Text::append(std::string_view s) {
  const size_t old = size();
  if (old + s.size() > capacity()) {
    // `s` may point into this Text: copy it out before the buffer moves.
    const std::string copy(s);
    std::memcpy(Reserve(old + s.size(), old) + old, copy.data(), copy.size());
  } else {
    std::memmove(const_cast<char*>(data()) + old, s.data(), s.size());
  }
  SetSize(old + s.size());
  return *this;
}

std::ostream& operator<<(std::ostream& out, const Text& t) { return out << t.view(); }

Text TextArena::Copy(std::string_view s) {
  if (s.size() <= Text::kInline) return Text(s);
  if (s.size() > UINT32_MAX) throw std::length_error("Text longer than 4 GiB");
  // The size, the bytes and a NUL, rounded up to 4 bytes: every slot, and so every size word,
  // is 4-aligned, and every address of bytes even (Text's low bit marks borrowed bytes).
  const size_t need = (sizeof(uint32_t) + s.size() + 1 + 3) & ~size_t{3};
  char* to;
  if (need > kPiece / 4) {
    // A long string gets an allocation of its own, and the current piece stays current: no piece
    // is left more than a quarter empty.
    pieces_.push_back(std::unique_ptr<char[]>(new char[need]));
    bytes_ += need;
    to = pieces_.back().get();
  } else {
    if (need > left_) {
      pieces_.push_back(std::unique_ptr<char[]>(new char[kPiece]));
      bytes_ += kPiece;
      at_ = pieces_.back().get();
      left_ = kPiece;
    }
    to = at_;
    at_ += need;
    left_ -= need;
  }
  StoreSize(to + sizeof(uint32_t), s.size());
  to += sizeof(uint32_t);
  std::memcpy(to, s.data(), s.size());
  to[s.size()] = '\0';
  Text t;
  t.SetPointer(to, /*borrowed=*/true);
  return t;
}

}  // namespace whoknows
