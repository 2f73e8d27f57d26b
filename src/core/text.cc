#include "whoknows/core/text.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <ostream>

namespace whoknows {
namespace {

// A heap buffer: its capacity (bytes usable, the NUL excluded), then the bytes.
constexpr size_t kHeader = sizeof(size_t);

char* Allocate(size_t capacity) {
  void* block = std::malloc(kHeader + capacity + 1);
  if (block == nullptr) throw std::bad_alloc();
  std::memcpy(block, &capacity, sizeof capacity);
  return static_cast<char*>(block) + kHeader;
}

void Free(char* data) noexcept { std::free(data - kHeader); }

}  // namespace

char* Text::Reserve(size_t n, size_t keep) {
  if (n <= capacity()) return OnHeap() ? HeapData() : raw_;
  // Grow by half again at least, so that appends cost amortized O(1).
  const size_t capacity = std::max(n, this->capacity() + this->capacity() / 2);
  char* fresh = Allocate(capacity);
  std::memcpy(fresh, data(), keep);
  Release();
  SetHeap(fresh, keep);
  return fresh;
}

void Text::Release() noexcept {
  if (OnHeap()) Free(HeapData());
}

Text& Text::assign(std::string_view s) {
  if (s.size() > capacity()) {
    // `s` may point into this Text only if it fits, so the old bytes can go.
    char* fresh = Allocate(s.size());
    std::memcpy(fresh, s.data(), s.size());
    Release();
    SetHeap(fresh, s.size());
  } else {
    char* to = OnHeap() ? HeapData() : raw_;
    std::memmove(to, s.data(), s.size());
  }
  SetSize(s.size());
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
  const size_t need = s.size() + 1;
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
  std::memcpy(to, s.data(), s.size());
  to[s.size()] = '\0';
  Text t;
  t.SetHeap(to, s.size(), Text::kBorrowedTag);
  return t;
}

}  // namespace whoknows
