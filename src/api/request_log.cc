#include "request_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <random>

namespace whoknows::api::internal {

namespace {

// `text` as a JSON string.  Printable ASCII without '"' and '\' (every value of a usual line:
// methods, routes, request ids, key names) is copied; anything else goes through nlohmann, which
// escapes it and replaces invalid UTF-8.
void AppendJsonString(std::string_view text, std::string* out) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (!plain) {
    *out += nlohmann::json(std::string(text))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return;
  }
  out->push_back('"');
  out->append(text);
  out->push_back('"');
}

void AppendStringOrNull(std::string_view text, std::string* out) {
  if (text.empty()) {
    *out += "null";
  } else {
    AppendJsonString(text, out);
  }
}

}  // namespace

Result<std::unique_ptr<JsonLines>> JsonLines::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<JsonLines>(new JsonLines(STDERR_FILENO, false));
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::IOError("cannot open " + path + " for appending: " + std::strerror(errno));
  }
  return std::unique_ptr<JsonLines>(new JsonLines(fd, true));
}

JsonLines::~JsonLines() {
  if (owned_) ::close(fd_);
}

void JsonLines::Write(const nlohmann::json& line) {
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  WriteLine(text);
}

void JsonLines::WriteLine(std::string_view line) {
  // One write(2) for the whole line: an O_APPEND file gets it in one piece.  A short write (a
  // full pipe, a signal) continues where it stopped; an error drops the line, as the log must
  // never stop the service.
  std::lock_guard<std::mutex> lock(mu_);
  while (!line.empty()) {
    const ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    line.remove_prefix(static_cast<size_t>(n));
  }
}

std::string FormatRequestLogLine(const RequestLogLine& line) {
  // The keys in nlohmann's order (sorted), as the lines were before.
  std::string out;
  out.reserve(200);
  char number[32];
  std::snprintf(number, sizeof(number), "%.3f", line.duration_ms);
  out += "{\"duration_ms\":";
  out += number;
  out += ",\"key\":";
  AppendStringOrNull(line.key, &out);
  out += ",\"method\":";
  AppendJsonString(line.method, &out);
  out += ",\"request_id\":";
  AppendJsonString(line.request_id, &out);
  out += ",\"route\":";
  AppendStringOrNull(line.route, &out);
  out += ",\"status\":";
  out += std::to_string(line.status);
  out += ",\"time\":\"";
  out += UtcTime(line.time);
  out += "\"}\n";
  return out;
}

std::string RequestIdFor(std::string_view incoming) {
  const bool sane = !incoming.empty() && incoming.size() <= 128 &&
                    std::all_of(incoming.begin(), incoming.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' ||
                             c == ':' || c == '-';
                    });
  if (sane) return std::string(incoming);
  thread_local std::mt19937_64 rng(std::random_device{}());
  char text[17];
  std::snprintf(text, sizeof(text), "%016llx", static_cast<unsigned long long>(rng()));
  return text;
}

std::string UtcNow() { return UtcTime(std::chrono::system_clock::now()); }

std::string UtcTime(std::chrono::system_clock::time_point time) {
  // The date and time of day change once a second: each thread keeps the last one formatted.
  thread_local std::time_t cached_seconds = -1;
  thread_local char cached[32];
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  if (seconds != cached_seconds) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    std::strftime(cached, sizeof(cached), "%Y-%m-%dT%H:%M:%S", &tm);
    cached_seconds = seconds;
  }
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  char text[48];
  std::snprintf(text, sizeof(text), "%s.%03dZ", cached, static_cast<int>(millis));
  return text;
}

}  // namespace whoknows::api::internal
