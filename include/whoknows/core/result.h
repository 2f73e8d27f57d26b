// Result<T>: a T or the Status that explains why there is none.
#ifndef WHOKNOWS_CORE_RESULT_H_
#define WHOKNOWS_CORE_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "whoknows/core/status.h"

namespace whoknows {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok() && "a Result built from a Status must carry an error");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace whoknows

// Evaluates `rexpr` (a Result); on error returns its Status, else moves the value into `lhs`.
#define WK_ASSIGN_OR_RETURN(lhs, rexpr) \
  WK_ASSIGN_OR_RETURN_IMPL_(WK_CONCAT_(_wk_r, __LINE__), lhs, rexpr)
#define WK_CONCAT_INNER_(a, b) a##b
#define WK_CONCAT_(a, b) WK_CONCAT_INNER_(a, b)
#define WK_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // WHOKNOWS_CORE_RESULT_H_
