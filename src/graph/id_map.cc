#include "id_map.h"

#include <cstring>
#include <functional>

namespace whoknows::graph::internal {
namespace {

constexpr uint64_t kOccupied = uint64_t{1} << 8;
constexpr uint64_t kTagMask = uint64_t{0x7ff} << 9;
constexpr int kOffsetShift = 20;
constexpr int kBlockShift = 40;

}  // namespace

IdMap::IdMap() : slots_(1024) {}

uint64_t IdMap::Hash(Kind kind, std::string_view id) {
  uint64_t h = std::hash<std::string_view>()(id) ^ (uint64_t{static_cast<uint8_t>(kind)} << 56);
  // A 64-bit finalizer (murmur3's): the slot is taken from the low bits, the tag from the high.
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t IdMap::Tag(Kind kind, uint64_t hash) {
  return ((hash >> 53) << 9 & kTagMask) | kOccupied | static_cast<uint8_t>(kind);
}

std::string_view IdMap::IdAt(uint64_t loc) const {
  const char* p = blocks_[loc >> kBlockShift].get() + ((loc >> kOffsetShift) & 0xfffff);
  uint32_t length;
  std::memcpy(&length, p, sizeof(length));
  return std::string_view(p + sizeof(length), length);
}

Vid* IdMap::Find(Kind kind, std::string_view id, uint64_t hash) {
  const uint64_t tag = Tag(kind, hash);
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.loc == 0) return nullptr;
    if ((slot.loc & 0xfffff) == tag && IdAt(slot.loc) == id) return &slot.vid;
  }
}

// The id's location bits (block | offset) after copying it to the arena.
uint64_t IdMap::Intern(std::string_view id) {
  const size_t bytes = sizeof(uint32_t) + id.size();
  if (bytes > kBlockBytes) {
    blocks_.emplace_back(new char[bytes]);
    block_used_ = kBlockBytes;  // the next id starts a new block
  } else if (block_used_ + bytes > kBlockBytes) {
    blocks_.emplace_back(new char[kBlockBytes]);
    block_used_ = 0;
  }
  const size_t offset = bytes > kBlockBytes ? 0 : block_used_;
  char* p = blocks_.back().get() + offset;
  const auto length = static_cast<uint32_t>(id.size());
  std::memcpy(p, &length, sizeof(length));
  std::memcpy(p + sizeof(length), id.data(), id.size());
  if (bytes <= kBlockBytes) block_used_ += bytes;
  return (uint64_t{blocks_.size() - 1} << kBlockShift) | (uint64_t{offset} << kOffsetShift);
}

void IdMap::Insert(Kind kind, std::string_view id, uint64_t hash, Vid vid) {
  if ((size_ + 1) * 10 > slots_.size() * 7) Grow();
  const size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].loc != 0) i = (i + 1) & mask;
  slots_[i].loc = Intern(id) | Tag(kind, hash);
  slots_[i].vid = vid;
  ++size_;
}

// Doubles the table; the hashes are computed again from the interned ids.
void IdMap::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.loc == 0) continue;
    const uint64_t hash = Hash(static_cast<Kind>(slot.loc & 0xff), IdAt(slot.loc));
    size_t i = hash & mask;
    while (slots_[i].loc != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

}  // namespace whoknows::graph::internal
