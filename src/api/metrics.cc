#include "metrics.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "whoknows/graph/model.h"

namespace whoknows::api::internal {

namespace {

// A label value with \, " and newlines escaped as the exposition format requires.
std::string Label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.17g", value);
  return text;
}

void Header(std::string* out, const char* name, const char* type, const char* help) {
  *out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void RenderGraph(Service& service, std::string* out) {
  auto snapshot = service.db().Snapshot();
  Header(out, "whoknows_graph_nodes", "gauge", "Entities in the graph, by kind.");
  for (graph::Kind kind : graph::kAllKinds) {
    *out += "whoknows_graph_nodes{kind=\"" + std::string(graph::KindName(kind)) + "\"} " +
            std::to_string(snapshot->CountOf(kind)) + "\n";
  }
  Header(out, "whoknows_graph_edges", "gauge", "Edges in the graph.");
  *out += "whoknows_graph_edges " + std::to_string(snapshot->EdgeCount()) + "\n";
}

void RenderReplyCache(const ReplyCache& cache, std::string* out) {
  const ReplyCache::Counters c = cache.counters();
  Header(out, "whoknows_reply_cache_hits_total", "counter",
         "GET /v1/experts replies served from the reply cache.");
  *out += "whoknows_reply_cache_hits_total " + std::to_string(c.hits) + "\n";
  Header(out, "whoknows_reply_cache_misses_total", "counter",
         "GET /v1/experts replies computed (not in the reply cache for the current graph).");
  *out += "whoknows_reply_cache_misses_total " + std::to_string(c.misses) + "\n";
  Header(out, "whoknows_reply_cache_entries", "gauge", "Replies in the reply cache.");
  *out += "whoknows_reply_cache_entries " + std::to_string(c.entries) + "\n";
  Header(out, "whoknows_reply_cache_bytes", "gauge", "Bytes of keys and bodies in the cache.");
  *out += "whoknows_reply_cache_bytes " + std::to_string(c.bytes) + "\n";
  Header(out, "whoknows_reply_cache_max_bytes", "gauge", "The reply cache's bound (0: off).");
  *out += "whoknows_reply_cache_max_bytes " + std::to_string(c.max_bytes) + "\n";
}

void RenderStorage(Service& service, std::string* out) {
  auto properties = service.db().StorageProperties();
  // One HELP and TYPE per metric name: its series must be consecutive.
  std::stable_sort(properties.begin(), properties.end(),
                   [](const auto& a, const auto& b) { return a.name < b.name; });
  std::string last;
  for (const auto& p : properties) {
    const std::string name = "whoknows_rocksdb_" + p.name;
    if (name != last) {
      Header(out, name.c_str(), "gauge", "RocksDB's figure of the same name.");
      last = name;
    }
    *out +=
        name + (p.cf.empty() ? "" : "{cf=\"" + p.cf + "\"}") + " " + std::to_string(p.value) + "\n";
  }
}

void RenderExpertsCache(Service& service, std::string* out) {
  const query::ExpertsCacheStats s = service.experts_cache().Stats();
  const std::pair<const char*, uint64_t> counters[] = {
      {"hit", s.hits}, {"miss", s.misses}, {"bypass", s.bypasses}, {"eviction", s.evictions}};
  Header(out, "whoknows_experts_cache_total", "counter",
         "Experts cache lookups by outcome (hit, miss, bypass: an older snapshot or cache off) "
         "and evictions.");
  for (const auto& [outcome, n] : counters) {
    *out += std::string("whoknows_experts_cache_total{event=\"") + outcome + "\"} " +
            std::to_string(n) + "\n";
  }
  Header(out, "whoknows_experts_cache_bytes", "gauge",
         "Bytes held by the experts cache's topic profiles (the limit: _max_bytes).");
  *out += "whoknows_experts_cache_bytes " + std::to_string(s.bytes) + "\n";
  Header(out, "whoknows_experts_cache_max_bytes", "gauge", "The experts cache's budget; 0 = off.");
  *out += "whoknows_experts_cache_max_bytes " + std::to_string(s.max_bytes) + "\n";
  Header(out, "whoknows_experts_cache_entries", "gauge", "Topic profiles in the experts cache.");
  *out += "whoknows_experts_cache_entries " + std::to_string(s.entries) + "\n";
}

}  // namespace

void Metrics::Record(std::string_view method, std::string_view route, int status, double seconds) {
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  if (route.empty()) route = "unmatched";
  std::lock_guard<std::mutex> lock(mu_);
  // Looked up by views: a series that exists (every request but a route's first) costs no
  // allocation.
  auto it = series_.find(std::make_tuple(method, route, status / 100));
  if (it == series_.end()) {
    it =
        series_.emplace(Key(std::string(method), std::string(route), status / 100), Series()).first;
  }
  Series& s = it->second;
  ++s.buckets[bucket];
  ++s.count;
  s.sum += seconds;
}

void Metrics::RenderRequests(std::string* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  Header(out, "whoknows_http_requests_total", "counter",
         "Requests answered, by method, route pattern and status class.");
  for (const auto& [key, s] : series_) {
    const auto& [method, route, klass] = key;
    *out += "whoknows_http_requests_total{method=\"" + Label(method) + "\",route=\"" +
            Label(route) + "\",status=\"" + std::to_string(klass) + "xx\"} " +
            std::to_string(s.count) + "\n";
  }
  Header(out, "whoknows_http_request_duration_seconds", "histogram",
         "Time from the parsed request to the reply, by method, route pattern and status class.");
  for (const auto& [key, s] : series_) {
    const auto& [method, route, klass] = key;
    const std::string labels = "method=\"" + Label(method) + "\",route=\"" + Label(route) +
                               "\",status=\"" + std::to_string(klass) + "xx\"";
    const std::string name = "whoknows_http_request_duration_seconds";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= kBuckets.size(); ++i) {
      cumulative += s.buckets[i];
      const std::string le = i < kBuckets.size() ? Number(kBuckets[i]) : "+Inf";
      *out +=
          name + "_bucket{" + labels + ",le=\"" + le + "\"} " + std::to_string(cumulative) + "\n";
    }
    *out += name + "_sum{" + labels + "} " + Number(s.sum) + "\n";
    *out += name + "_count{" + labels + "} " + std::to_string(s.count) + "\n";
  }
}

std::string Metrics::Render(Service* service) const {
  std::string out;
  RenderRequests(&out);
  Header(&out, "whoknows_ready", "gauge", "1 once the graph is loaded and queries are answered.");
  out += std::string("whoknows_ready ") + (service != nullptr ? "1" : "0") + "\n";
  if (reply_cache_ != nullptr) RenderReplyCache(*reply_cache_, &out);
  if (service != nullptr) {
    RenderGraph(*service, &out);
    RenderStorage(*service, &out);
    RenderExpertsCache(*service, &out);
  }
  return out;
}

}  // namespace whoknows::api::internal
