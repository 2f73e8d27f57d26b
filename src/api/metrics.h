// Metrics: what GET /metrics reports, in the Prometheus text exposition format (0.0.4).
//   whoknows_http_requests_total{method, route, status}          counter
//   whoknows_http_request_duration_seconds{method, route, status} histogram
//   whoknows_reply_cache_hits_total, _misses_total                counters
//   whoknows_reply_cache_bytes, _entries, _max_bytes               gauges (reply_cache.h)
//   whoknows_graph_nodes{kind}, whoknows_graph_edges              gauges
//   whoknows_experts_cache_total{event=hit|miss|bypass|eviction}   counter
//   whoknows_experts_cache_bytes, _max_bytes, _entries            gauges
//   whoknows_rocksdb_<figure>{cf}                                 gauges
//   (storage::Store::Properties) whoknows_ready                                                1
//   once the graph is loaded
// `route` is the pattern that matched ("/v1/people/{id}", never a concrete path, so the series
// stay few) or "unmatched"; `status` is the class, "2xx" ... "5xx".
#ifndef WHOKNOWS_SRC_API_METRICS_H_
#define WHOKNOWS_SRC_API_METRICS_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "reply_cache.h"
#include "whoknows/api/service.h"

namespace whoknows::api::internal {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // Counts one answered request.  Thread-safe.
  void Record(std::string_view method, std::string_view route, int status, double seconds);
  // The whole exposition; the graph and storage figures come from `service` (nullptr before the
  // graph is loaded).  Thread-safe.
  std::string Render(Service* service) const;
  // Reports `cache`'s counters too (whoknows_reply_cache_*).  Call before requests arrive.
  void set_reply_cache(const ReplyCache* cache) { reply_cache_ = cache; }

 private:
  struct Series {
    std::array<uint64_t, kBuckets.size() + 1> buckets{};  // not cumulative; last = over all
    uint64_t count = 0;
    double sum = 0;
  };
  using Key = std::tuple<std::string, std::string, int>;  // method, route, status / 100

  void RenderRequests(std::string* out) const;

  const ReplyCache* reply_cache_ = nullptr;
  mutable std::mutex mu_;
  std::map<Key, Series, std::less<>> series_;  // std::less<>: found by string_views too
};

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_METRICS_H_
