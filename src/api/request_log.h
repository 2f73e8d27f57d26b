// The request log and the audit log: files of JSON lines, and the request ids that tie a reply,
// its log line and its audit line together.
#ifndef WHOKNOWS_SRC_API_REQUEST_LOG_H_
#define WHOKNOWS_SRC_API_REQUEST_LOG_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "whoknows/core/result.h"

namespace whoknows::api::internal {

// Appends JSON lines to a file (or stderr), each line with one write(2) before Write returns, so
// lines from concurrent requests never interleave and a line is on its way to the file before the
// reply it describes is sent (nothing is buffered in the process, nothing is lost at exit).
// Thread-safe.
class JsonLines {
 public:
  // Opens `path` for appending (created with mode 0600), or stderr when `path` is "-".  IOError
  // when it cannot be opened.
  static Result<std::unique_ptr<JsonLines>> Open(const std::string& path);
  ~JsonLines();
  JsonLines(const JsonLines&) = delete;
  JsonLines& operator=(const JsonLines&) = delete;

  void Write(const nlohmann::json& line);
  // `line`: one JSON value and its '\n'.
  void WriteLine(std::string_view line);

 private:
  JsonLines(int fd, bool owned) : fd_(fd), owned_(owned) {}
  std::mutex mu_;
  int fd_;
  bool owned_;
};

// The fields of one request log line.  `route` and `key` are written as null when empty.
struct RequestLogLine {
  std::chrono::system_clock::time_point time;
  std::string_view request_id;
  std::string_view method;
  std::string_view route;
  int status = 0;
  double duration_ms = 0;
  std::string_view key;
};

// The request log line, formatted without building a JSON document (this runs once per request):
// {"duration_ms":0.042,"key":null,"method":"GET","request_id":"...","route":"/healthz",
//  "status":200,"time":"2026-11-27T05:20:00.123Z"} and '\n'.  Strings are escaped as JSON, invalid
// UTF-8 replaced, as nlohmann's dump with error_handler_t::replace does.
std::string FormatRequestLogLine(const RequestLogLine& line);

// The id of a request: `incoming` (an X-Request-Id header) when it is 1-128 characters of
// [A-Za-z0-9._:-], else a new random one (16 hex digits).
std::string RequestIdFor(std::string_view incoming);

// `time` (default now), UTC, with milliseconds: "2026-11-27T05:20:00.123Z".
std::string UtcNow();
std::string UtcTime(std::chrono::system_clock::time_point time);

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_REQUEST_LOG_H_
