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
  // A keep-alive connection is closed after this many requests, so that, with more busy clients
  // than threads, a waiting connection gets a thread after at most this many requests of another.
  // (cpp-httplib's default, 5, made a client reconnect every 5 requests: about a third of the
  // server's time at 10,000 requests/s.)
  size_t keep_alive_requests = 1000;
  // The bodies of recent GET /v1/experts replies, kept for the graph version they were computed
  // from and served again for the same parameters until a write publishes a new version (least
  // recently used first out beyond this many bytes; 0 = no cache).  A request with
  // "Cache-Control: no-cache" is answered afresh.
  size_t reply_cache_bytes = size_t{64} << 20;

  // The keys file (keys.h).  Empty: no keys; then every caller may do everything but see private
  // fields, and Bind() refuses any address but loopback.
  std::string keys_file;
  // PEM files; both set: HTTPS only (cpp-httplib's SSLServer over OpenSSL).
  std::string tls_cert;
  std::string tls_key;
  // One JSON line per request (time, request_id, method, route, status, duration_ms, key):
  // "-" = stderr, "" = none.
  std::string log_file = "-";
  // One JSON line per request to a route that writes (role editor or admin): who, what, result.
  // "" = none.
  std::string audit_file;
};

// True for the addresses of this machine only: 127.0.0.0/8, ::1, "localhost".
bool IsLoopback(const std::string& bind);

// Serves `service` over HTTP: every response is JSON (errors as ErrorJson), including the
// errors cpp-httplib produces itself (a malformed request line, an over-long URI).  Every reply
// carries an X-Request-Id header (the request's own when sane, else a new one).
//
// A server may start before its service exists (Attach): until then it answers GET /healthz, GET
// /readyz 503 "not_ready" and every other request 503 "not_ready", so probes can tell a server
// that is loading its graph from one that is ready.
class Server {
 public:
  Server(Service& service, ServerOptions options);
  explicit Server(ServerOptions options);  // not ready until Attach
  ~Server();

  // Makes the server answer from `service`, which must outlive the server.  Call once, from any
  // thread, before or during Listen().
  void Attach(Service& service);

  // Binds the socket (after reading the keys file and the TLS files).  InvalidArgument
  // "keys_required" for an address beyond loopback without keys; NotFound/Corruption for the keys
  // file; InvalidArgument "tls" when the certificate or key cannot be loaded; IOError when the
  // address cannot be bound or a log cannot be opened.
  Status Bind();
  // The bound port.  REQUIRES: Bind() succeeded.
  int port() const;
  // "https" with TLS, else "http".
  const char* scheme() const;
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
