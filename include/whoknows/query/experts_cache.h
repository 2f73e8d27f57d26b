// ExpertsCache: materialized candidate profiles for "who knows about T" (Balog's model 1 keeps
// person-topic associations ahead of queries).  For one graph snapshot, a set of root topics and
// an as-of day, the cache keeps every person's score as a compact array sorted best first (ties
// by external id), computed once by FindExperts' own walk.  A query then reads that array, skips
// the people it may not return (opted out, other department or location) and builds evidence
// only for the top `limit` people by a walk from each person to their own items, which costs
// their evidence and not the topic's.
//
// Answers are those of FindExperts exactly: the same people in the same order, the same scores
// bit for bit, the same evidence and evidence counts (person_rows.h explains why).
//
// Correctness with writes: entries belong to one snapshot (identified by the shared_ptr's
// control block, not its address).  A query on a newer snapshot drops every entry and starts
// over; a query on an older snapshot than the cached one (a reader that took it before a write)
// is answered without the cache and stores nothing.  So a stale profile is never served.
//
// Memory: entries are evicted least recently used first to stay within max_bytes; 0 turns the
// cache off (every call is a plain FindExperts).  Thread-safe: calls may run concurrently; two
// concurrent misses on one key both compute, and one result is kept.
#ifndef WHOKNOWS_QUERY_EXPERTS_CACHE_H_
#define WHOKNOWS_QUERY_EXPERTS_CACHE_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "whoknows/graph/graph.h"
#include "whoknows/query/experts.h"
#include "whoknows/query/ranking_config.h"

namespace whoknows::query {

// One person's score on a query's topics.
struct ScoredPerson {
  graph::Vid person = graph::kNoVid;
  double score = 0;
};

struct ExpertsCacheStats {
  uint64_t hits = 0;
  uint64_t misses = 0;    // computed and (when the snapshot is current) stored
  uint64_t bypasses = 0;  // answered without the cache: an older snapshot, or the cache is off
  uint64_t evictions = 0;
  uint64_t resets = 0;  // times a newer snapshot dropped every entry
  size_t entries = 0;
  size_t bytes = 0;
  size_t max_bytes = 0;
};

class ExpertsCache {
 public:
  static constexpr size_t kDefaultMaxBytes = size_t{256} << 20;

  // Every answer is ranked with `config`: one cache per ranking configuration.
  explicit ExpertsCache(RankingConfig config, size_t max_bytes = kDefaultMaxBytes);
  ~ExpertsCache();
  ExpertsCache(const ExpertsCache&) = delete;
  ExpertsCache& operator=(const ExpertsCache&) = delete;

  const RankingConfig& config() const { return config_; }

  // FindExperts(*graph, query, config()), exactly.  REQUIRES: graph != nullptr.
  std::vector<Expert> FindExperts(const std::shared_ptr<const graph::Graph>& graph,
                                  const ExpertsQuery& query);

  // The people FindExperts would return for `query`, with their scores and without evidence:
  // eligible, score > 0, best first (ties by external id), at most query.limit (0 = all).
  std::vector<ScoredPerson> Scores(const std::shared_ptr<const graph::Graph>& graph,
                                   const ExpertsQuery& query);

  // Computes the profile of every topic alone at `as_of` (kNoDay = today) that is not cached
  // yet, stopping early when *stop becomes true (may be nullptr) or when the cache has moved on
  // to a newer snapshot than `graph`.  Returns how many it computed.
  size_t WarmAllTopics(const std::shared_ptr<const graph::Graph>& graph, Day as_of,
                       const std::atomic<bool>* stop = nullptr);

  ExpertsCacheStats Stats() const;

 private:
  struct Rep;

  const RankingConfig config_;
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_EXPERTS_CACHE_H_
