// VidMap: a small open-addressing hash map from vid to a value, for the hot loops of the query
// module.  Keys and values live in two flat vectors (linear probing, Fibonacci hashing), so a
// lookup touches one or two cache lines and an insert allocates only when the table grows.
#ifndef WHOKNOWS_SRC_QUERY_VID_MAP_H_
#define WHOKNOWS_SRC_QUERY_VID_MAP_H_

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "whoknows/graph/model.h"

namespace whoknows::query::internal {

// REQUIRES: no key equals graph::kNoVid (it marks empty slots).  V must be default-constructible.
template <typename V>
class VidMap {
 public:
  explicit VidMap(size_t expected = 8) { Rehash(CapacityFor(expected)); }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  V* Find(graph::Vid key) { return const_cast<V*>(std::as_const(*this).Find(key)); }
  const V* Find(graph::Vid key) const {
    for (size_t i = Slot(key);; i = (i + 1) & mask_) {
      if (keys_[i] == key) return &values_[i];
      if (keys_[i] == graph::kNoVid) return nullptr;
    }
  }

  // The value of `key`, inserted value-initialized when absent; `second` is true when inserted.
  // Pointers into the map stay valid until the next insert.
  std::pair<V*, bool> Insert(graph::Vid key) {
    if ((size_ + 1) * 4 > keys_.size() * 3) Rehash(keys_.size() * 2);
    size_t i = Slot(key);
    for (; keys_[i] != graph::kNoVid; i = (i + 1) & mask_) {
      if (keys_[i] == key) return {&values_[i], false};
    }
    keys_[i] = key;
    values_[i] = V();
    ++size_;
    return {&values_[i], true};
  }

  // Calls f(key, value) for every entry, in no particular order.
  template <typename F>
  void ForEach(F&& f) const {
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] != graph::kNoVid) f(keys_[i], values_[i]);
    }
  }

 private:
  static size_t CapacityFor(size_t expected) {
    size_t cap = 8;
    while (cap * 3 < expected * 4) cap *= 2;
    return cap;
  }

  size_t Slot(graph::Vid key) const {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }

  void Rehash(size_t capacity) {
    std::vector<graph::Vid> old_keys(capacity, graph::kNoVid);
    std::vector<V> old_values(capacity);
    old_keys.swap(keys_);
    old_values.swap(values_);
    mask_ = capacity - 1;
    shift_ = 64;
    for (size_t c = capacity; c > 1; c >>= 1) --shift_;
    size_ = 0;
    for (size_t i = 0; i < old_keys.size(); ++i) {
      if (old_keys[i] == graph::kNoVid) continue;
      auto [value, inserted] = Insert(old_keys[i]);
      (void)inserted;
      *value = std::move(old_values[i]);
    }
  }

  std::vector<graph::Vid> keys_;
  std::vector<V> values_;
  size_t size_ = 0;
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_VID_MAP_H_
