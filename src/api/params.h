// Query parameters, read and checked the same way by every handler.  The reader remembers the
// first problem, so a handler reads every parameter and then asks once:
//
//   ParamReader p(request, {"topic", "limit"});
//   params.topic = p.Required("topic");
//   params.limit = p.Size("limit", 10, 1, kMaxLimit);
//   if (!p.ok()) return p.ErrorReply();
//
// Problems are InvalidArgument with a "parameter" member in the error object naming the
// parameter: "invalid_parameter" for an unknown parameter, one given twice or a bad value, and
// "missing_parameter" for a required one that is absent or empty.
#ifndef WHOKNOWS_SRC_API_PARAMS_H_
#define WHOKNOWS_SRC_API_PARAMS_H_

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "http.h"

namespace whoknows::api::internal {

// The longest value any query parameter may have, in bytes (a topic name, a cursor, a
// comma-separated list).  The whole request URI is bounded by cpp-httplib (8 KiB: 414).
constexpr size_t kMaxParamBytes = 1024;

class ParamReader {
 public:
  // Checks that every parameter of `request` is one of `known`, given once, and at most
  // kMaxParamBytes long.
  ParamReader(const HttpRequest& request, std::initializer_list<std::string_view> known);

  // The value; "" when absent.
  std::string Optional(std::string_view name);
  // The value; a problem when absent or empty.
  std::string Required(std::string_view name);
  // A decimal integer in [min, max]; `fallback` when absent.
  size_t Size(std::string_view name, size_t fallback, size_t min, size_t max);
  // "true" or "false"; `fallback` when absent.
  bool Bool(std::string_view name, bool fallback);

  // Records a bad value found by the caller: InvalidArgument "invalid_parameter" with `message`.
  void Reject(std::string_view name, std::string message);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // REQUIRES: !ok()
  HttpReply ErrorReply() const;

 private:
  const std::string* Find(std::string_view name) const;
  void Fail(std::string_view name, Status status);

  const HttpRequest& request_;
  Status status_;
  std::string parameter_;
};

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_PARAMS_H_
