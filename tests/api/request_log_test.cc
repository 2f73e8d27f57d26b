// The request log line, formatted by hand (once per request) rather than through a JSON document:
// it must stay valid JSON with the same fields whatever the strings hold.
#include "request_log.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/temp_db.h"

namespace whoknows::api::internal {
namespace {

using nlohmann::json;

// 2026-11-27T05:20:00.123Z
std::chrono::system_clock::time_point SomeTime() {
  return std::chrono::system_clock::time_point(std::chrono::milliseconds(1795756800123LL));
}

TEST_CASE("a request log line is JSON with every field", "[api]") {
  RequestLogLine line;
  line.time = SomeTime();
  line.request_id = "trace-42.a:b";
  line.method = "GET";
  line.route = "/v1/experts";
  line.status = 200;
  line.duration_ms = 1.25;  // three decimals: microseconds
  line.key = "the-reader";
  const std::string text = FormatRequestLogLine(line);
  REQUIRE(text.back() == '\n');
  CHECK(text.find('\n') == text.size() - 1);
  const json parsed = json::parse(text);
  CHECK(parsed == json{{"time", "2026-11-27T05:20:00.123Z"},
                       {"request_id", "trace-42.a:b"},
                       {"method", "GET"},
                       {"route", "/v1/experts"},
                       {"status", 200},
                       {"duration_ms", 1.25},
                       {"key", "the-reader"}});
}

TEST_CASE("a request log line writes null for no route and no key", "[api]") {
  RequestLogLine line;
  line.time = SomeTime();
  line.request_id = "0123456789abcdef";
  line.method = "GET";
  line.status = 404;
  const json parsed = json::parse(FormatRequestLogLine(line));
  CHECK(parsed["route"].is_null());
  CHECK(parsed["key"].is_null());
  CHECK(parsed["status"] == 404);
  CHECK(parsed["duration_ms"] == 0.0);
}

TEST_CASE("a request log line escapes what JSON must, and replaces invalid UTF-8", "[api]") {
  RequestLogLine line;
  line.time = SomeTime();
  line.request_id = "id";
  line.method = "GET";
  line.route = "/v1/people/{id}";
  line.key = "quote\" back\\ nl\n tab\t \xff caf\xc3\xa9";
  const std::string text = FormatRequestLogLine(line);
  CHECK(text.find('\n') == text.size() - 1);  // one line, whatever the key holds
  const json parsed = json::parse(text);
  CHECK(parsed["key"] == "quote\" back\\ nl\n tab\t \xef\xbf\xbd caf\xc3\xa9");
  CHECK(parsed["route"] == "/v1/people/{id}");
}

TEST_CASE("UtcTime formats milliseconds and the next second", "[api]") {
  CHECK(UtcTime(SomeTime()) == "2026-11-27T05:20:00.123Z");
  // Formatted again on the same thread: the cached second must not leak into the next one.
  CHECK(UtcTime(SomeTime() + std::chrono::milliseconds(877)) == "2026-11-27T05:20:01.000Z");
  CHECK(UtcTime(SomeTime() - std::chrono::milliseconds(124)) == "2026-11-27T05:19:59.999Z");
}

TEST_CASE("JsonLines appends whole lines to its file", "[api]") {
  testing::TempDir dir;
  const std::string path = dir.path() + "/requests.log";
  {
    auto log = JsonLines::Open(path);
    REQUIRE(log.ok());
    (*log)->WriteLine("{\"a\":1}\n");
    (*log)->Write(json{{"b", 2}});
  }
  auto again = JsonLines::Open(path);  // appends, never truncates
  REQUIRE(again.ok());
  (*again)->WriteLine("{\"c\":3}\n");
  std::ifstream in(path);
  std::string a, b, c, rest;
  REQUIRE(std::getline(in, a));
  REQUIRE(std::getline(in, b));
  REQUIRE(std::getline(in, c));
  CHECK_FALSE(std::getline(in, rest));
  CHECK(json::parse(a) == json{{"a", 1}});
  CHECK(json::parse(b) == json{{"b", 2}});
  CHECK(json::parse(c) == json{{"c", 3}});
  CHECK_FALSE(JsonLines::Open(dir.path() + "/no/such/dir/log").ok());
}

}  // namespace
}  // namespace whoknows::api::internal
