// Status: the outcome of an operation that can fail in an expected way.
//
// Expected failures (not found, invalid input, I/O) are values, never exceptions.  A Status carries
// a Code (what kind of failure, mapped to an HTTP status in one place in api/), a machine-readable
// `reason` in snake_case that API clients can switch on ("unknown_topic", "malformed_json"), a
// human-readable message, and, for import errors, the 1-based input line it refers to.
#ifndef WHOKNOWS_CORE_STATUS_H_
#define WHOKNOWS_CORE_STATUS_H_

#include <cstdint>
#include <string>
#include <utility>

namespace whoknows {

class [[nodiscard]] Status {
 public:
  enum class Code : uint8_t {
    kOk = 0,
    kNotFound,          // the named entity does not exist
    kInvalidArgument,   // malformed request: bad JSON, bad parameter value (HTTP 400)
    kInvalidRecord,     // well-formed but invalid record, dangling reference (HTTP 422)
    kTooLarge,          // a body or input over a configured limit (HTTP 413)
    kConflict,          // the request conflicts with the current state (HTTP 409)
    kUnauthenticated,   // no valid credentials (HTTP 401)
    kPermissionDenied,  // valid credentials, too weak a role (HTTP 403)
    kUnavailable,       // not ready to serve yet (HTTP 503)
    kIOError,           // the storage failed
    kCorruption,        // stored data is not what we wrote
    kInternal,          // a bug: an invariant did not hold
  };

  Status() = default;  // OK

  static Status OK() { return Status(); }
  static Status NotFound(std::string reason, std::string msg) {
    return Status(Code::kNotFound, std::move(reason), std::move(msg));
  }
  static Status InvalidArgument(std::string reason, std::string msg) {
    return Status(Code::kInvalidArgument, std::move(reason), std::move(msg));
  }
  static Status InvalidRecord(std::string reason, std::string msg) {
    return Status(Code::kInvalidRecord, std::move(reason), std::move(msg));
  }
  static Status TooLarge(std::string reason, std::string msg) {
    return Status(Code::kTooLarge, std::move(reason), std::move(msg));
  }
  static Status Conflict(std::string reason, std::string msg) {
    return Status(Code::kConflict, std::move(reason), std::move(msg));
  }
  static Status Unauthenticated(std::string reason, std::string msg) {
    return Status(Code::kUnauthenticated, std::move(reason), std::move(msg));
  }
  static Status PermissionDenied(std::string reason, std::string msg) {
    return Status(Code::kPermissionDenied, std::move(reason), std::move(msg));
  }
  static Status Unavailable(std::string reason, std::string msg) {
    return Status(Code::kUnavailable, std::move(reason), std::move(msg));
  }
  static Status IOError(std::string msg) {
    return Status(Code::kIOError, "io_error", std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(Code::kCorruption, "corruption", std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(Code::kInternal, "internal", std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }

  // The 1-based input line the error refers to, or 0 when it refers to no line.
  int64_t line() const { return line_; }
  Status WithLine(int64_t line) const& {
    Status s = *this;
    s.line_ = line;
    return s;
  }

  // "reason: message" (and " (line N)"), for logs and the CLI.
  std::string ToString() const;

 private:
  Status(Code code, std::string reason, std::string msg)
      : code_(code), reason_(std::move(reason)), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string reason_;
  std::string message_;
  int64_t line_ = 0;
};

}  // namespace whoknows

// Returns from the enclosing function when `expr` is not OK.
#define WK_RETURN_IF_ERROR(expr)       \
  do {                                 \
    ::whoknows::Status _wk_s = (expr); \
    if (!_wk_s.ok()) return _wk_s;     \
  } while (0)

#endif  // WHOKNOWS_CORE_STATUS_H_
