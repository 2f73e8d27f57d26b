#include "whoknows/graph/edge_role.h"

#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace whoknows::graph {
namespace {

// Block k holds the ids [kBase * (2^k - 1), kBase * (2^(k+1) - 1)): kBase * 2^k of them, so 27
// blocks cover every 32-bit id and a block is never moved once readers may see it.
constexpr uint64_t kBase = 64;
constexpr size_t kBlocks = 32;

struct Place {
  size_t block;
  uint64_t offset;
};

Place Locate(uint32_t id) {
  const uint64_t n = id / kBase + 1;  // >= 1
  size_t k = 0;
  while ((n >> (k + 1)) != 0) ++k;  // floor(log2(n))
  return {k, id - kBase * ((uint64_t{1} << k) - 1)};
}

class RoleTable {
 public:
  RoleTable() { Append(""); }  // id 0: the empty role

  uint32_t Intern(std::string_view name) {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = ids_.find(name); it != ids_.end()) return it->second;
    if (size_.load(std::memory_order_relaxed) == std::numeric_limits<uint32_t>::max()) {
      std::fputs("whoknows: more than 2^32 - 1 distinct edge roles\n", stderr);
      std::abort();
    }
    return Append(name);
  }

  std::optional<uint32_t> Find(std::string_view name) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = ids_.find(name);
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }

  // REQUIRES: `id` was returned by Intern (or is 0) before this thread obtained it.
  std::string_view View(uint32_t id) const {
    const Place p = Locate(id);
    return blocks_[p.block].load(std::memory_order_acquire)[p.offset];
  }

  uint32_t Size() const { return size_.load(std::memory_order_acquire); }

 private:
  // REQUIRES: mu_ held (or the constructor); `name` is not in the table.
  uint32_t Append(std::string_view name) {
    const uint32_t id = size_.load(std::memory_order_relaxed);
    const std::string& stored = names_.emplace_back(name);  // a deque never moves its elements
    const Place p = Locate(id);
    std::string_view* block = blocks_[p.block].load(std::memory_order_relaxed);
    if (block == nullptr) {
      block = new std::string_view[kBase << p.block];
      blocks_[p.block].store(block, std::memory_order_release);
    }
    block[p.offset] = stored;
    ids_.emplace(std::string_view(stored), id);
    size_.store(id + 1, std::memory_order_release);
    return id;
  }

  mutable std::mutex mu_;
  std::deque<std::string> names_;                       // by id; guarded by mu_
  std::unordered_map<std::string_view, uint32_t> ids_;  // views into names_; guarded by mu_
  std::array<std::atomic<std::string_view*>, kBlocks> blocks_{};  // written under mu_
  std::atomic<uint32_t> size_{0};
};

// Never destroyed: roles may be viewed by static objects' destructors and detached threads.
RoleTable& Table() {
  static RoleTable* table = new RoleTable();
  return *table;
}

}  // namespace

EdgeRole EdgeRole::Intern(std::string_view name) {
  if (name.empty()) return EdgeRole();
  return EdgeRole(Table().Intern(name));
}

std::optional<EdgeRole> EdgeRole::Find(std::string_view name) {
  if (name.empty()) return EdgeRole();
  std::optional<uint32_t> id = Table().Find(name);
  if (!id) return std::nullopt;
  return EdgeRole(*id);
}

uint32_t EdgeRole::TableSize() { return Table().Size(); }

std::string_view EdgeRole::view() const {
  if (id_ == 0) return std::string_view();
  return Table().View(id_);
}

}  // namespace whoknows::graph
