// StringList: a list of strings in 8 bytes, for a node field that few nodes use (a topic's
// aliases).
//
// A std::vector<std::string> takes 24 bytes even when empty, and NodeData is paid once per node:
// 12 million times at 1,000,000 people, where nine nodes in ten are documents or endorsements,
// which have no aliases.  StringList holds the vector behind one pointer, null while the list is
// empty and never allocated.  It copies deeply (a value, like the vector it wraps), reads as a
// `const std::vector<std::string>&` and is edited through mutable_vec().  clear() keeps the
// allocation, so that a recycled record (the import) does not allocate again.
#ifndef WHOKNOWS_CORE_STRING_LIST_H_
#define WHOKNOWS_CORE_STRING_LIST_H_

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace whoknows {

class StringList {
 public:
  using const_iterator = std::vector<std::string>::const_iterator;

  StringList() noexcept = default;
  // Implicit: the field is assigned from vectors and lists of strings.
  StringList(std::vector<std::string> v) { Assign(std::move(v)); }  // NOLINT(runtime/explicit)
  StringList(std::initializer_list<std::string> v)                  // NOLINT(runtime/explicit)
      : StringList(std::vector<std::string>(v)) {}
  StringList(const StringList& o) : StringList(o.vec()) {}
  StringList(StringList&&) noexcept = default;
  StringList& operator=(const StringList& o) {
    if (this != &o) Assign(o.vec());
    return *this;
  }
  StringList& operator=(StringList&&) noexcept = default;

  // The strings; a shared empty vector while none were ever added.
  const std::vector<std::string>& vec() const { return items_ ? *items_ : Empty(); }
  operator const std::vector<std::string>&() const { return vec(); }  // NOLINT(runtime/explicit)
  // The vector to edit, allocated on first use.
  std::vector<std::string>& mutable_vec() {
    if (!items_) items_ = std::make_unique<std::vector<std::string>>();
    return *items_;
  }

  size_t size() const { return items_ ? items_->size() : 0; }
  bool empty() const { return size() == 0; }
  const_iterator begin() const { return vec().begin(); }
  const_iterator end() const { return vec().end(); }
  const std::string& operator[](size_t i) const { return (*items_)[i]; }
  // Empties the list and keeps its allocation.
  void clear() {
    if (items_) items_->clear();
  }

  friend bool operator==(const StringList& a, const StringList& b) { return a.vec() == b.vec(); }
  friend bool operator!=(const StringList& a, const StringList& b) { return !(a == b); }
  friend bool operator==(const StringList& a, const std::vector<std::string>& b) {
    return a.vec() == b;
  }
  friend bool operator==(const std::vector<std::string>& a, const StringList& b) {
    return a == b.vec();
  }

 private:
  static const std::vector<std::string>& Empty() {
    static const std::vector<std::string> kEmpty;
    return kEmpty;
  }
  // An empty vector stays unallocated; a non-empty one reuses the allocation when there is one.
  void Assign(std::vector<std::string> v) {
    if (v.empty() && !items_) return;
    if (items_) {
      *items_ = std::move(v);
    } else {
      items_ = std::make_unique<std::vector<std::string>>(std::move(v));
    }
  }

  std::unique_ptr<std::vector<std::string>> items_;
};
static_assert(sizeof(StringList) == 8, "StringList is one pointer");

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_STRING_LIST_H_
