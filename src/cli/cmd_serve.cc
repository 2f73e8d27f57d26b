// whoknows serve: the HTTP API until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/server.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

namespace {

bool IsLoopback(const std::string& bind) {
  return bind == "127.0.0.1" || bind == "localhost" || bind == "::1" || bind.rfind("127.", 0) == 0;
}

Result<api::ServerOptions> ServerOptionsFrom(const Flags& flags) {
  api::ServerOptions options;
  options.bind = flags.Get("bind", "127.0.0.1");
  WK_ASSIGN_OR_RETURN(long long port, flags.GetInt("port", 8080, 0, 65535));
  WK_ASSIGN_OR_RETURN(long long mib, flags.GetInt("max-body-mib", 64, 1, 4096));
  options.port = static_cast<int>(port);
  options.max_body_bytes = static_cast<size_t>(mib) << 20;
  return options;
}

}  // namespace

int RunServe(const Args& args) {
  // Block the stop signals in every thread (RocksDB and the server start theirs below); one
  // thread waits for them with sigwait and stops the server in an orderly way.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto flags = Flags::Parse(args, {"db", "bind", "port", "as-of", "max-body-mib", "preset"}, {});
  if (!flags.ok()) return Fail("serve", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("serve", dir.status());
  auto server_options = ServerOptionsFrom(*flags);
  if (!server_options.ok()) return Fail("serve", server_options.status());
  auto as_of = flags->GetDate("as-of");
  if (!as_of.ok()) return Fail("serve", as_of.status());
  auto ranking = RankingFrom(*flags);
  if (!ranking.ok()) return Fail("serve", ranking.status());
  if (!IsLoopback(server_options->bind)) {
    std::fprintf(stderr, "whoknows serve: warning: serving on %s, beyond this machine\n",
                 server_options->bind.c_str());
  }

  auto db = graph::Database::Open(*dir, {});
  if (!db.ok()) return Fail("serve", db.status());
  api::ServiceOptions service_options;
  service_options.as_of = *as_of;
  service_options.ranking = *ranking;
  api::Service service(**db, service_options);
  api::Server server(service, *server_options);
  if (Status s = server.Bind(); !s.ok()) return Fail("serve", s);

  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.Stop();
  });
  std::printf("listening on http://%s:%d\n", server_options->bind.c_str(), server.port());
  std::fflush(stdout);
  Status served = server.Listen();
  kill(getpid(), SIGTERM);  // wakes the stopper when Listen ended by itself
  stopper.join();
  if (!served.ok()) return Fail("serve", served);
  std::fprintf(stderr, "whoknows serve: stopped\n");
  return 0;
}

}  // namespace whoknows::cli
