// GET / and GET /assets/{name}: the web page (web/, compiled in by embed_web.cmake).  These routes
// are not part of the JSON API and not in schema/openapi.json.  The page reads its state from the
// query string (/?topic=rust), so any query string is accepted and ignored here.  Every reply
// carries an ETag and "Cache-Control: no-cache": a browser revalidates and gets 304 while the
// binary is unchanged, and never runs an old page against a new server.
#include <cstring>

#include "routes.h"
#include "web_assets.h"

namespace whoknows::api::internal {

namespace {

const WebAsset* FindAsset(const std::string& name) {
  for (const WebAsset* a = WebAssetsBegin(); a != WebAssetsEnd(); ++a) {
    if (name == a->name) return a;
  }
  return nullptr;
}

// True when the If-None-Match header lists `etag` (or is "*").
bool Matches(const std::string& if_none_match, const char* etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  return if_none_match.find(etag) != std::string::npos;
}

HttpReply AssetReply(const HttpRequest& request, const std::string& name) {
  const WebAsset* asset = FindAsset(name);
  if (asset == nullptr) {
    return ErrorReply(
        Status::NotFound("not_found", "no such file: /assets/" + name.substr(0, 200)));
  }
  HttpReply reply;
  reply.headers.emplace_back("ETag", asset->etag);
  reply.headers.emplace_back("Cache-Control", "no-cache");
  reply.headers.emplace_back("X-Content-Type-Options", "nosniff");
  if (Matches(request.if_none_match, asset->etag)) {
    reply.status = 304;
    return reply;
  }
  reply.content_type = asset->content_type;
  reply.body.assign(asset->body, std::strlen(asset->body));
  return reply;
}

}  // namespace

bool IsWebRoute(const std::string& pattern) {
  return pattern == "/" || pattern.rfind("/assets/", 0) == 0;
}

void AddWebRoutes(Router* router) {
  router->Add("GET", "/", Role::kNone, [](const HttpRequest& r, const PathParams&) {
    HttpReply reply = AssetReply(r, "index.html");
    // The page talks only to this server; nothing from elsewhere may load or frame it.
    reply.headers.emplace_back("Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
    return reply;
  });
  router->Add("GET", "/assets/{name}", Role::kNone,
              [](const HttpRequest& r, const PathParams& p) { return AssetReply(r, p[0]); });
}

}  // namespace whoknows::api::internal
