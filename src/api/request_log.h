// The request log and the audit log: files of JSON lines, and the request ids that tie a reply,
// its log line and its audit line together.
#ifndef WHOKNOWS_SRC_API_REQUEST_LOG_H_
#define WHOKNOWS_SRC_API_REQUEST_LOG_H_

#include <cstdio>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "whoknows/core/result.h"

namespace whoknows::api::internal {

// Appends JSON lines to a file (or stderr), one whole line per write, flushed at once, so lines
// from concurrent requests never interleave and survive the process.  Thread-safe.
class JsonLines {
 public:
  // Opens `path` for appending (created with mode 0600), or stderr when `path` is "-".  IOError
  // when it cannot be opened.
  static Result<std::unique_ptr<JsonLines>> Open(const std::string& path);
  ~JsonLines();
  JsonLines(const JsonLines&) = delete;
  JsonLines& operator=(const JsonLines&) = delete;

  void Write(const nlohmann::json& line);

 private:
  JsonLines(std::FILE* file, bool owned) : file_(file), owned_(owned) {}
  std::mutex mu_;
  std::FILE* file_;
  bool owned_;
};

// The id of a request: `incoming` (an X-Request-Id header) when it is 1-128 characters of
// [A-Za-z0-9._:-], else a new random one (16 hex digits).
std::string RequestIdFor(std::string_view incoming);

// Now, UTC, with milliseconds: "2026-11-27T05:20:00.123Z".
std::string UtcNow();

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_REQUEST_LOG_H_
