// IdMap: (kind, external id) -> vid for BulkLoader, built for tens of millions of entities.
// Open addressing with linear probing over 16-byte slots; the ids are copied once into blocks of
// an arena (no allocation per entry), and each slot keeps 11 bits of the hash so that a probe
// rarely reads an id that is not the one looked up.  About 40 bytes per entity where a
// std::unordered_map<std::string, Vid> takes 70-90.  Private to graph/.  Not thread-safe.
#ifndef WHOKNOWS_SRC_GRAPH_ID_MAP_H_
#define WHOKNOWS_SRC_GRAPH_ID_MAP_H_

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "whoknows/graph/model.h"

namespace whoknows::graph::internal {

class IdMap {
 public:
  IdMap();

  static uint64_t Hash(Kind kind, std::string_view id);

  // The vid stored for (kind, id), nullptr when there is none.  The pointer is valid until the
  // next Insert.  REQUIRES: hash == Hash(kind, id).
  Vid* Find(Kind kind, std::string_view id, uint64_t hash);
  // A hint that Find(..., hash) comes soon: starts loading its first slot into the cache.
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  // REQUIRES: (kind, id) is not in the map; hash == Hash(kind, id).
  void Insert(Kind kind, std::string_view id, uint64_t hash, Vid vid);

  size_t size() const { return size_; }

 private:
  // An empty slot has loc 0.  Otherwise loc is: block (24 bits) | offset in the block (20 bits)
  // | hash tag (11 bits) | 1 | kind (8 bits); at the offset, the id's length (u32) and its bytes.
  // An id too long for a block gets a block of its own.
  struct Slot {
    uint64_t loc = 0;
    Vid vid = 0;
  };
  static constexpr size_t kBlockBytes = size_t{1} << 20;

  uint64_t Intern(std::string_view id);
  std::string_view IdAt(uint64_t loc) const;
  static uint64_t Tag(Kind kind, uint64_t hash);
  void Grow();

  std::vector<Slot> slots_;  // a power of two
  size_t size_ = 0;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t block_used_ = kBlockBytes;  // of the last block
};

}  // namespace whoknows::graph::internal

#endif  // WHOKNOWS_SRC_GRAPH_ID_MAP_H_
