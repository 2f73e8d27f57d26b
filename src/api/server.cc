// Server: cpp-httplib underneath the Router.  Every method reaches one dispatch function, so the
// Router (not httplib) decides between 404 and 405, and every reply is JSON.
#include "whoknows/api/server.h"

#include <httplib.h>
#include <strings.h>
#include <sys/socket.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

#include "auth.h"
#include "metrics.h"
#include "reply_cache.h"
#include "request_log.h"
#include "routes.h"

namespace whoknows::api {

namespace {

using internal::HttpReply;
using internal::HttpRequest;

// Every path up to 2048 bytes; longer ones fall through to 404.  The bound also bounds the
// recursion of std::regex_match, which httplib runs on the path.
constexpr char kAnyPath[] = "/.{0,2047}";

// The error code and message of a reply httplib made without us.
std::pair<const char*, const char*> DescribeHttpStatus(int status) {
  switch (status) {
    case 404:
      return {"not_found", "no such endpoint"};
    case 413:
      return {"body_too_large", "the request body is over the limit"};
    case 414:
      return {"uri_too_long", "the request URI is too long"};
    case 415:
      return {"unsupported_media_type", "the Content-Encoding is not supported"};
    case 416:
      return {"range_not_satisfiable", "the requested range cannot be served"};
    default:
      if (status >= 500) return {"internal", "the server failed to answer"};
      return {"bad_request", "the request is not valid HTTP"};
  }
}

void WriteReply(const HttpReply& reply, httplib::Response* res) {
  res->status = reply.status;
  for (const auto& [name, value] : reply.headers) res->set_header(name.c_str(), value);
  if (!reply.body.empty()) res->set_content(reply.body, reply.content_type.c_str());
}

// Reads the body through `reader`, keeping at most `max` bytes: a longer body is read to its end
// (so the connection stays usable) but dropped.
Status ReadBody(const httplib::Request& req, const httplib::Response& res,
                const httplib::ContentReader& reader, size_t max, std::string* body) {
  // A request with neither header has no body (RFC 9112 6.3); httplib would wait for the
  // connection to close instead.
  if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
    return Status::OK();
  }
  bool too_large = false;
  auto receive = [&](const char* data, size_t n) {
    if (too_large || body->size() + n > max) {
      too_large = true;
      body->clear();
    } else {
      body->append(data, n);
    }
    return true;
  };
  bool read = false;
  if (req.is_multipart_form_data()) {
    read = reader([](const httplib::MultipartFormData&) { return true; },
                  [](const char*, size_t) { return true; });
    if (read) {
      return Status::InvalidArgument("unsupported_media_type",
                                     "multipart bodies are not accepted; send JSON or NDJSON");
    }
  } else {
    read = reader(receive);
  }
  if (too_large || (!read && res.status == 413)) {
    return Status::TooLarge("body_too_large", "the request body is over the limit of " +
                                                  std::to_string(max) + " bytes");
  }
  if (!read) return Status::InvalidArgument("bad_request", "the request body could not be read");
  return Status::OK();
}

// httplib 0.11 compresses a reply with brotli whenever the client accepts "br", at brotli's
// slowest quality (11): about 0.5 s for the 111 KB openapi.json and 0.15 s for a 28 KB experts
// reply, where gzip takes a millisecond.  Browsers accept br, so the web page waited on it.  This
// removes br from Accept-Encoding before httplib reads it, so it picks gzip (or nothing).  The
// request is httplib's own non-const object, handed to handlers as const.
void AvoidBrotli(const httplib::Request& req) {
  // Whether one entry of the list ("br", " br;q=1.0") names brotli.
  auto is_brotli = [](std::string_view entry) {
    const size_t first = entry.find_first_not_of(" \t");
    if (first == std::string_view::npos) return false;
    entry.remove_prefix(first);
    return entry.substr(0, entry.find_first_of(" \t;")) == "br";
  };
  auto range = const_cast<httplib::Request&>(req).headers.equal_range("Accept-Encoding");
  for (auto it = range.first; it != range.second; ++it) {
    std::string kept;
    for (std::string_view rest = it->second; !rest.empty();) {
      const size_t comma = rest.find(',');
      const std::string_view entry = rest.substr(0, comma);
      if (!is_brotli(entry)) kept.append(kept.empty() ? "" : ",").append(entry);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    it->second = std::move(kept);
  }
}

// Whether a Cache-Control header of the request has the directive no-cache (RFC 9111 5.2.1.4:
// no stored response without revalidation; for us, no reply from the ReplyCache).
bool AsksNoCache(const httplib::Request& req) {
  auto range = req.headers.equal_range("Cache-Control");
  for (auto it = range.first; it != range.second; ++it) {
    for (std::string_view rest = it->second; !rest.empty();) {
      const size_t comma = rest.find(',');
      std::string_view directive = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!directive.empty() && (directive.front() == ' ' || directive.front() == '\t')) {
        directive.remove_prefix(1);
      }
      while (!directive.empty() && (directive.back() == ' ' || directive.back() == '\t')) {
        directive.remove_suffix(1);
      }
      if (directive.size() == 8 && strncasecmp(directive.data(), "no-cache", 8) == 0) return true;
    }
  }
  return false;
}

}  // namespace

struct Server::Rep {
  explicit Rep(ServerOptions server_options)
      : options(std::move(server_options)), replies(options.reply_cache_bytes) {
    metrics.set_reply_cache(&replies);
    if (!options.tls_cert.empty() || !options.tls_key.empty()) {
      http =
          std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    } else {
      http = std::make_unique<httplib::Server>();
    }
  }

  void Attach(Service& attached) {
    std::lock_guard<std::mutex> lock(attach_mu);
    if (router.load() != nullptr) return;
    owned_router =
        std::make_unique<internal::Router>(internal::BuildRouter(attached, &metrics, &replies));
    service.store(&attached);
    router.store(owned_router.get());
  }

  void Serve(const httplib::Request& req, httplib::Response& res,
             const httplib::ContentReader* reader);
  HttpReply Answer(const httplib::Request& req, const httplib::Response& res,
                   const httplib::ContentReader* reader, HttpRequest* request);
  void Report(const HttpRequest& request, const HttpReply& reply, double seconds,
              const std::string& request_id);
  Status Prepare();
  void Install();

  ServerOptions options;
  std::unique_ptr<httplib::Server> http;
  std::mutex attach_mu;
  std::unique_ptr<internal::Router> owned_router;
  std::atomic<const internal::Router*> router{nullptr};
  std::atomic<Service*> service{nullptr};
  internal::ReplyCache replies;
  internal::Metrics metrics;
  std::unique_ptr<internal::KeyFileWatcher> keys;
  std::unique_ptr<internal::JsonLines> log;
  std::unique_ptr<internal::JsonLines> audit;
  int port = -1;
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> listening{false};
};

// The reply to one request, with the body read and the caller authenticated.
HttpReply Server::Rep::Answer(const httplib::Request& req, const httplib::Response& res,
                              const httplib::ContentReader* reader, HttpRequest* request) {
  request->method = req.method == "HEAD" ? "GET" : req.method;
  request->path = req.path;
  request->params = req.params;
  request->content_type = req.get_header_value("Content-Type");
  request->if_none_match = req.get_header_value("If-None-Match");
  request->no_cache = AsksNoCache(req);
  internal::Authenticate(req.get_header_value("Authorization"), keys.get(), request);
  if (reader != nullptr) {
    Status read = ReadBody(req, res, *reader, options.max_body_bytes, &request->body);
    if (!read.ok()) return internal::ErrorReply(read);
  } else if (req.body.size() > options.max_body_bytes) {
    return internal::ErrorReply(
        Status::TooLarge("body_too_large", "the request body is over the limit of " +
                                               std::to_string(options.max_body_bytes) + " bytes"));
  } else {
    request->body = req.body;
  }
  if (const internal::Router* ready = router.load(); ready != nullptr) {
    return ready->Handle(*request);
  }
  // Not ready: the probes answer, everything else waits for the graph.
  if (request->method == "GET" && request->path == "/healthz") {
    HttpReply reply = internal::JsonReply(200, nlohmann::json{{"status", "ok"}});
    reply.route = "/healthz";
    return reply;
  }
  HttpReply reply = internal::ErrorReply(
      Status::Unavailable("not_ready", "the server is loading its graph; try again shortly"));
  reply.headers.emplace_back("Retry-After", "1");
  if (request->path == "/readyz") reply.route = "/readyz";
  return reply;
}

void Server::Rep::Serve(const httplib::Request& req, httplib::Response& res,
                        const httplib::ContentReader* reader) {
  const auto start = std::chrono::steady_clock::now();
  const std::string request_id = internal::RequestIdFor(req.get_header_value("X-Request-Id"));
  HttpRequest request;
  HttpReply reply = Answer(req, res, reader, &request);
  reply.headers.emplace_back("X-Request-Id", request_id);
  WriteReply(reply, &res);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Report(request, reply, seconds, request_id);
}

// The metrics, the request log line and, for a route that writes, the audit line.
void Server::Rep::Report(const HttpRequest& request, const HttpReply& reply, double seconds,
                         const std::string& request_id) {
  metrics.Record(request.method, reply.route, reply.status, seconds);
  if (log != nullptr) {
    internal::RequestLogLine line;
    line.time = std::chrono::system_clock::now();
    line.request_id = request_id;
    line.method = request.method;
    line.route = reply.route;
    line.status = reply.status;
    line.duration_ms = seconds * 1e3;
    line.key = request.key_name;
    log->WriteLine(internal::FormatRequestLogLine(line));
  }
  if (audit == nullptr || reply.route_role < Role::kEditor) return;
  const nlohmann::json key =
      request.key_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(request.key_name);
  nlohmann::json line = {
      {"time", internal::UtcNow()},     {"request_id", request_id}, {"key", key},
      {"role", RoleName(request.role)}, {"method", request.method}, {"path", request.path},
      {"route", reply.route},           {"status", reply.status}};
  const nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
  if (reply.status >= 400) {
    line["result"] = body.is_object() && body.contains("error") ? body["error"].value("code", "")
                                                                : std::string("error");
  } else {
    line["result"] = "ok";
    if (body.is_object() && body.contains("imported")) line["imported"] = body["imported"];
  }
  audit->Write(line);
}

// Reads the keys file and opens the logs.
Status Server::Rep::Prepare() {
  if (!options.keys_file.empty()) {
    keys = std::make_unique<internal::KeyFileWatcher>(options.keys_file);
    WK_RETURN_IF_ERROR(keys->Load());
  } else if (!IsLoopback(options.bind)) {
    return Status::InvalidArgument(
        "keys_required", "serving on " + options.bind + " (beyond this machine) needs --keys FILE");
  }
  if (!options.tls_cert.empty() || !options.tls_key.empty()) {
    if (options.tls_cert.empty() || options.tls_key.empty() || !http->is_valid()) {
      return Status::InvalidArgument(
          "tls", "cannot load the TLS certificate '" + options.tls_cert + "' and key '" +
                     options.tls_key + "' (both PEM files, the key matching the certificate)");
    }
  }
  if (!options.log_file.empty()) {
    WK_ASSIGN_OR_RETURN(log, internal::JsonLines::Open(options.log_file));
  }
  if (!options.audit_file.empty()) {
    WK_ASSIGN_OR_RETURN(audit, internal::JsonLines::Open(options.audit_file));
  }
  return Status::OK();
}

void Server::Rep::Install() {
  const size_t threads = options.threads == 0 ? 1 : options.threads;
  http->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http->set_payload_max_length(options.max_body_bytes);
  http->set_read_timeout(options.read_timeout_seconds, 0);
  http->set_write_timeout(options.write_timeout_seconds, 0);
  http->set_keep_alive_timeout(options.keep_alive_seconds);
  http->set_keep_alive_max_count(options.keep_alive_requests);
  // Replies are written in two sends (headers, body): with Nagle's algorithm on, a keep-alive
  // client's delayed ACK held every second reply ~40 ms (scripts/bench saw 70 requests/s).
  http->set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server binds the
  // same port and silently takes half of the connections.
  http->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });

  auto plain = [this](const httplib::Request& req, httplib::Response& res) {
    Serve(req, res, nullptr);
  };
  // GET, HEAD and OPTIONS are answered here, before httplib's routing, which would match the
  // path against kAnyPath: std::regex allocates and clears a state per position of that bounded
  // pattern (about 4,000) on every match, a few percent of a request's time.  httplib reads no
  // body for these methods either way, so nothing else changes.  The methods with a body still
  // go through the routes below, which hand Serve the body reader.
  http->set_pre_routing_handler([plain](const httplib::Request& req, httplib::Response& res) {
    AvoidBrotli(req);
    if (req.method != "GET" && req.method != "HEAD" && req.method != "OPTIONS") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    plain(req, res);
    return httplib::Server::HandlerResponse::Handled;
  });
  auto with_body = [this](const httplib::Request& req, httplib::Response& res,
                          const httplib::ContentReader& reader) { Serve(req, res, &reader); };
  http->Delete(kAnyPath, plain);  // DELETE without a body
  http->Delete(kAnyPath, with_body);
  http->Post(kAnyPath, with_body);
  http->Put(kAnyPath, with_body);
  http->Patch(kAnyPath, with_body);

  // httplib's own errors (bad request line, 413 before any handler, 414): a JSON body too.  Our
  // replies already have one and pass untouched.
  httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                     httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const auto [code, message] = DescribeHttpStatus(res.status);
    res.set_content(ErrorJson(Status::InvalidArgument(code, message)).dump() + "\n",
                    "application/json");
    return httplib::Server::HandlerResponse::Handled;
  };
  http->set_error_handler(std::move(on_error));
  http->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, const std::exception_ptr&) {
        res.status = 500;
        res.set_content(ErrorJson(Status::Internal("unexpected error")).dump() + "\n",
                        "application/json");
      });
}

Server::Server(ServerOptions options) : rep_(std::make_unique<Rep>(std::move(options))) {
  rep_->Install();
}

Server::Server(Service& service, ServerOptions options) : Server(std::move(options)) {
  Attach(service);
}

void Server::Attach(Service& service) { rep_->Attach(service); }

const char* Server::scheme() const { return rep_->options.tls_cert.empty() ? "http" : "https"; }

bool IsLoopback(const std::string& bind) {
  return bind == "localhost" || bind == "::1" || bind.rfind("127.", 0) == 0;
}

Server::~Server() { Stop(); }

Status Server::Bind() {
  WK_RETURN_IF_ERROR(rep_->Prepare());
  const ServerOptions& o = rep_->options;
  errno = 0;
  if (o.port == 0) {
    rep_->port = rep_->http->bind_to_any_port(o.bind);
  } else if (rep_->http->bind_to_port(o.bind, o.port)) {
    rep_->port = o.port;
  }
  if (rep_->port <= 0) {
    rep_->port = -1;
    return Status::IOError("cannot listen on " + o.bind + ":" + std::to_string(o.port) +
                           (errno != 0 ? std::string(": ") + std::strerror(errno) : ""));
  }
  return Status::OK();
}

int Server::port() const { return rep_->port; }

Status Server::Listen() {
  // Stop() may come from another thread at any moment: either it sees `listening` and waits for
  // httplib to run before stopping it, or we see `stop_requested` here.
  rep_->listening = true;
  if (rep_->stop_requested) {
    rep_->listening = false;
    return Status::OK();
  }
  const bool ok = rep_->http->listen_after_bind();
  rep_->listening = false;
  return ok ? Status::OK() : Status::IOError("the listening socket failed");
}

void Server::Stop() {
  rep_->stop_requested = true;
  while (rep_->listening && !rep_->http->is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  rep_->http->stop();
}

}  // namespace whoknows::api
