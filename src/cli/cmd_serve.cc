// whoknows serve: the HTTP API until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include "commands.h"
#include "flags.h"
#include "whoknows/api/server.h"
#include "whoknows/api/service.h"
#include "whoknows/graph/database.h"

namespace whoknows::cli {

namespace {

Result<api::ServerOptions> ServerOptionsFrom(const Flags& flags) {
  api::ServerOptions options;
  options.bind = flags.Get("bind", "127.0.0.1");
  WK_ASSIGN_OR_RETURN(long long port, flags.GetInt("port", 8080, 0, 65535));
  // --max-body is the documented name; --max-body-mib the older one.
  WK_ASSIGN_OR_RETURN(long long mib, flags.GetInt("max-body-mib", 64, 1, 4096));
  WK_ASSIGN_OR_RETURN(mib, flags.GetInt("max-body", mib, 1, 4096));
  WK_ASSIGN_OR_RETURN(long long read_timeout, flags.GetInt("read-timeout", 10, 1, 3600));
  WK_ASSIGN_OR_RETURN(long long write_timeout, flags.GetInt("write-timeout", 10, 1, 3600));
  WK_ASSIGN_OR_RETURN(long long threads, flags.GetInt("threads", 8, 1, 256));
  WK_ASSIGN_OR_RETURN(long long reply_cache_mib, flags.GetInt("reply-cache-mib", 64, 0, 65536));
  options.port = static_cast<int>(port);
  options.max_body_bytes = static_cast<size_t>(mib) << 20;
  options.read_timeout_seconds = static_cast<int>(read_timeout);
  options.write_timeout_seconds = static_cast<int>(write_timeout);
  // An idle connection waits no longer for its next request than a request for its next byte.
  options.keep_alive_seconds = std::min(options.keep_alive_seconds, options.read_timeout_seconds);
  options.threads = static_cast<size_t>(threads);
  options.reply_cache_bytes = static_cast<size_t>(reply_cache_mib) << 20;
  options.keys_file = flags.Get("keys");
  options.tls_cert = flags.Get("tls-cert");
  options.tls_key = flags.Get("tls-key");
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return Status::InvalidArgument("invalid_flag", "--tls-cert and --tls-key go together");
  }
  options.log_file = flags.Get("log", "-");
  options.audit_file = flags.Get("audit");
  return options;
}

Result<api::ServiceOptions> ServiceOptionsFrom(const Flags& flags) {
  api::ServiceOptions options;
  WK_ASSIGN_OR_RETURN(options.as_of, flags.GetDate("as-of"));
  WK_ASSIGN_OR_RETURN(options.ranking, RankingFrom(flags));
  WK_ASSIGN_OR_RETURN(long long records,
                      flags.GetInt("max-import-records", 1'000'000, 1, 100'000'000));
  WK_ASSIGN_OR_RETURN(long long line_kib, flags.GetInt("max-line-kib", 1024, 1, 1 << 20));
  options.import_limits.max_records = static_cast<size_t>(records);
  options.import_limits.max_line_bytes = static_cast<size_t>(line_kib) << 10;
  WK_ASSIGN_OR_RETURN(long long cache_mib, flags.GetInt("experts-cache-mib", 256, 0, 1 << 20));
  options.experts_cache_bytes = static_cast<size_t>(cache_mib) << 20;
  options.backup_root = flags.Get("backup-root");
  if (!options.backup_root.empty() && options.backup_root.front() != '/') {
    return Status::InvalidArgument("invalid_flag", "--backup-root must be an absolute path");
  }
  return options;
}

void SayWhoMayCall(const api::ServerOptions& options) {
  if (options.keys_file.empty()) {
    std::fprintf(stderr,
                 "whoknows serve: no --keys: serving on loopback only, where every local caller "
                 "may read, write and delete (private fields need an admin key)\n");
  } else if (!api::IsLoopback(options.bind)) {
    std::fprintf(stderr, "whoknows serve: serving on %s, beyond this machine, to key holders\n",
                 options.bind.c_str());
  }
}

// One round of warming: every topic's experts profile on the current snapshot, logged.
void WarmRound(api::Service& service, const std::atomic<bool>* stop, bool first) {
  const size_t topics = service.db().Snapshot()->CountOf(graph::Kind::kTopic);
  if (first) {
    std::fprintf(stderr,
                 "whoknows serve: warming the experts cache: %zu topics, in the background\n",
                 topics);
  }
  const auto start = std::chrono::steady_clock::now();
  const size_t warmed = service.WarmExperts(stop);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const query::ExpertsCacheStats stats = service.experts_cache().Stats();
  std::fprintf(stderr,
               "whoknows serve: experts cache %s: %zu topics computed in %.1f s, %zu profiles, "
               "%.1f MiB\n",
               first ? "warm" : "re-warmed after writes", warmed, seconds, stats.entries,
               static_cast<double>(stats.bytes) / (1 << 20));
}

// Keeps every topic's experts profile computed while the server answers (a query on a topic not
// warm yet computes it itself): after open, and again once writes (each drops every profile)
// have paused for a second.  Returns when *stop becomes true.
void WarmExperts(api::Service& service, const std::atomic<bool>* stop) {
  using Clock = std::chrono::steady_clock;
  std::optional<uint64_t> warmed;  // the graph version last warmed
  uint64_t seen = 0;
  auto changed_at = Clock::now();
  while (!stop->load()) {
    const uint64_t version = service.db().Snapshot()->Version();
    if (version != seen) {
      seen = version;
      changed_at = Clock::now();
    }
    const bool quiet = !warmed || Clock::now() - changed_at >= std::chrono::seconds(1);
    if (version != warmed && quiet) {
      WarmRound(service, stop, !warmed);
      warmed = version;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
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

  auto flags = Flags::Parse(args,
                            {"db",
                             "bind",
                             "port",
                             "as-of",
                             "max-body",
                             "max-body-mib",
                             "preset",
                             "read-timeout",
                             "write-timeout",
                             "threads",
                             "reply-cache-mib",
                             "max-import-records",
                             "max-line-kib",
                             "backup-root",
                             "keys",
                             "tls-cert",
                             "tls-key",
                             "log",
                             "audit",
                             "experts-cache-mib"},
                            {"warm-experts"});
  if (!flags.ok()) return Fail("serve", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("serve", dir.status());
  auto server_options = ServerOptionsFrom(*flags);
  if (!server_options.ok()) return Fail("serve", server_options.status());
  auto service_options = ServiceOptionsFrom(*flags);
  if (!service_options.ok()) return Fail("serve", service_options.status());

  // Bound first, so that probes see 503 on /readyz while the graph loads.
  api::Server server(*server_options);
  if (Status s = server.Bind(); !s.ok()) return Fail("serve", s);
  SayWhoMayCall(*server_options);
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    server.Stop();
  });
  Status served;
  std::thread listener([&] {
    served = server.Listen();
    kill(getpid(), SIGTERM);  // wakes the stopper when Listen ended by itself
  });
  auto finish = [&] {
    listener.join();
    stopper.join();
  };

  auto db = graph::Database::Open(*dir, {});
  if (!db.ok()) {
    server.Stop();
    finish();
    return Fail("serve", db.status());
  }
  api::Service service(**db, *service_options);
  server.Attach(service);
  std::printf("listening on %s://%s:%d\n", server.scheme(), server_options->bind.c_str(),
              server.port());
  std::fflush(stdout);
  std::atomic<bool> stop_warming{false};
  std::thread warmer;
  if (flags->Has("warm-experts"))
    warmer = std::thread([&] { WarmExperts(service, &stop_warming); });
  finish();
  stop_warming = true;
  if (warmer.joinable()) warmer.join();
  if (!served.ok()) return Fail("serve", served);
  std::fprintf(stderr, "whoknows serve: stopped\n");
  return 0;
}

}  // namespace whoknows::cli
