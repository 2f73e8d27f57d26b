// EdgeRole: the role of a contributor or project-member edge ("author", "reviewer", "lead", any
// lower-case free text a client writes) as the in-memory graph holds it: a 4-byte id into one
// process-wide, append-only table of the distinct role names, instead of a 32-byte std::string in
// every edge (twice per edge: out-list and in-list).
//
// The table only grows with distinct names: interning a name seen before, by any Database or
// thread, returns the same id, so repeated writes of the same roles add nothing.  Ids are 32 bits
// wide (4,294,967,295 distinct names, far beyond what memory could hold: interning more aborts);
// the table is cut into blocks of doubling size, so no id width below that is special.
//
// Thread safety: Intern and Find may run on any thread at once.  view() of a role is safe on any
// thread that obtained the role after its Intern returned (e.g. through a published Graph).
#ifndef WHOKNOWS_GRAPH_EDGE_ROLE_H_
#define WHOKNOWS_GRAPH_EDGE_ROLE_H_

#include <cstdint>
#include <optional>
#include <ostream>
#include <string_view>

namespace whoknows::graph {

class EdgeRole {
 public:
  // The empty role (id 0): an edge without a role.
  EdgeRole() = default;

  // The role named `name`, added to the table when new.  Intern("") is the empty role.
  static EdgeRole Intern(std::string_view name);
  // The role named `name` if it was ever interned in this process, without adding it.
  static std::optional<EdgeRole> Find(std::string_view name);
  // The number of ids in use, the empty role included (for tests and statistics).
  static uint32_t TableSize();

  // The name; valid for the life of the process.
  std::string_view view() const;
  bool empty() const { return id_ == 0; }
  // Dense: 0 for the empty role, then 1, 2, ... in order of first Intern.
  uint32_t id() const { return id_; }

  friend bool operator==(EdgeRole a, EdgeRole b) { return a.id_ == b.id_; }
  friend bool operator!=(EdgeRole a, EdgeRole b) { return a.id_ != b.id_; }
  friend bool operator==(EdgeRole a, std::string_view b) { return a.view() == b; }
  friend bool operator!=(EdgeRole a, std::string_view b) { return a.view() != b; }
  friend bool operator==(std::string_view a, EdgeRole b) { return a == b.view(); }
  friend bool operator!=(std::string_view a, EdgeRole b) { return a != b.view(); }
  friend std::ostream& operator<<(std::ostream& os, EdgeRole r) { return os << r.view(); }

 private:
  explicit EdgeRole(uint32_t id) : id_(id) {}
  uint32_t id_ = 0;
};

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_EDGE_ROLE_H_
