#include "request_log.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <random>

namespace whoknows::api::internal {

Result<std::unique_ptr<JsonLines>> JsonLines::Open(const std::string& path) {
  if (path == "-") return std::unique_ptr<JsonLines>(new JsonLines(stderr, false));
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  std::FILE* file = fd >= 0 ? ::fdopen(fd, "a") : nullptr;
  if (file == nullptr) {
    const std::string reason = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Status::IOError("cannot open " + path + " for appending: " + reason);
  }
  return std::unique_ptr<JsonLines>(new JsonLines(file, true));
}

JsonLines::~JsonLines() {
  if (owned_) std::fclose(file_);
}

void JsonLines::Write(const nlohmann::json& line) {
  std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text.push_back('\n');
  std::lock_guard<std::mutex> lock(mu_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
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

std::string UtcNow() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const size_t n = std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%S", &tm);
  std::snprintf(text + n, sizeof(text) - n, ".%03dZ", static_cast<int>(millis));
  return text;
}

}  // namespace whoknows::api::internal
