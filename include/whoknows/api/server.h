// Server: the HTTP API of schema/openapi.json over cpp-httplib.
#ifndef WHOKNOWS_API_SERVER_H_
#define WHOKNOWS_API_SERVER_H_

#include <memory>
#include <string>

#include "whoknows/api/service.h"
#include "whoknows/core/status.h"

namespace whoknows::api {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0 = any free port
  // Larger request bodies are refused with 413 "body_too_large", without being held in memory.
  size_t max_body_bytes = 64 << 20;
  size_t threads = 8;  // requests served concurrently
  // A connection is closed when one read of the request (a header line, a piece of the body)
  // or one write of the reply waits longer than this: a client that stalls is cut off.  (The
  // bound is per read, not per request: cpp-httplib has no total deadline.)
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  // An idle keep-alive connection is closed after this long.
  int keep_alive_seconds = 5;
};

// Serves `service` over HTTP: every response is JSON (errors as ErrorJson), including the
// errors cpp-httplib produces itself (a malformed request line, an over-long URI).
class Server {
 public:
  Server(Service& service, ServerOptions options);
  ~Server();

  // Binds the socket.  IOError when the address cannot be bound.
  Status Bind();
  // The bound port.  REQUIRES: Bind() succeeded.
  int port() const;
  // Serves until Stop(); blocks.  Returns at once when Stop() came first.  IOError when the
  // listening socket fails.  REQUIRES: Bind() succeeded.
  Status Listen();
  // Thread-safe, idempotent, and safe before, during or after Listen(): makes Listen() return
  // (or not start) once the requests in progress are answered.
  void Stop();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_SERVER_H_
