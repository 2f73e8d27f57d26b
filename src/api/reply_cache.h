// ReplyCache: the serialized bodies of recent successful replies to read-only queries, each for
// the graph version it was computed from.
//
// A reply to such a query depends on nothing but the query (its parsed parameters, made into a
// key by the handler, with the as-of day), the graph version and the service's fixed options.
// So, within one version, an equal key is answered with the cached body instead of computing and
// serializing the answer again.  Bodies of older versions are never served: a lookup names the
// current version, and the first insert at a newer one drops every older entry.  (A write, an
// opt-out included, publishes a new version before it is acknowledged.)  The cache holds at most
// `max_bytes` of keys and bodies, the least recently used entries leaving first.  Thread-safe.
#ifndef WHOKNOWS_SRC_API_REPLY_CACHE_H_
#define WHOKNOWS_SRC_API_REPLY_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace whoknows::api::internal {

class ReplyCache {
 public:
  // `max_bytes` 0: nothing is ever cached.
  explicit ReplyCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  ReplyCache(const ReplyCache&) = delete;
  ReplyCache& operator=(const ReplyCache&) = delete;

  // The body cached for `key` at `version`, or nullptr (counted as a miss).
  std::shared_ptr<const std::string> Find(uint64_t version, const std::string& key);
  // Keeps `body` for `key` at `version`.  Ignored for a version older than the newest inserted,
  // and for a body over max_bytes / 16 (one answer must not empty the cache).
  void Insert(uint64_t version, const std::string& key, std::string body);

  struct Counters {
    uint64_t hits = 0;
    uint64_t misses = 0;
    uint64_t entries = 0;
    uint64_t bytes = 0;  // keys and bodies
    uint64_t max_bytes = 0;
  };
  Counters counters() const;

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const std::string>>;  // key, body

  void DropOldest();

  const size_t max_bytes_;
  mutable std::mutex mu_;
  uint64_t version_ = 0;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace whoknows::api::internal

#endif  // WHOKNOWS_SRC_API_REPLY_CACHE_H_
