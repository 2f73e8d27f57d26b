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
  size_t max_body_bytes = 64 << 20;
};

class Server {
 public:
  Server(Service& service, ServerOptions options);
  ~Server();

  // Binds the socket.  IOError when the address cannot be bound.
  Status Bind();
  // The bound port.  REQUIRES: Bind() succeeded.
  int port() const;
  // Serves until Stop(); blocks.  REQUIRES: Bind() succeeded.
  Status Listen();
  // Thread-safe; makes Listen() return.
  void Stop();

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_SERVER_H_
