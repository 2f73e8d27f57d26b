// Topic resolution: from what a user typed ("K8s", "kubernetes", "topic:k8s") to topics.
#ifndef WHOKNOWS_QUERY_TOPIC_INDEX_H_
#define WHOKNOWS_QUERY_TOPIC_INDEX_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/graph/graph.h"

namespace whoknows::query {

enum class MatchKind { kId, kName, kAlias, kPrefix, kFuzzy };
std::string_view MatchKindName(MatchKind kind);  // "id", "name", "alias", "prefix", "fuzzy"

struct TopicMatch {
  graph::Vid vid = graph::kNoVid;
  MatchKind match = MatchKind::kId;
  double score = 0;  // 1 for exact matches; lower for prefix and fuzzy ones
};

// An immutable index of one version of the topics.  Build cost O(topics); thread-safe to read.
class TopicIndex {
 public:
  static std::shared_ptr<const TopicIndex> Build(const graph::GraphView& graph);

  // The topics the query names exactly: by id, then name, then alias, all case-insensitive, at
  // the first of those levels that matches anything; failing that, the single best fuzzy match
  // when it is close enough (an edit distance of at most 1 for short queries, 2 for longer ones).
  // Empty when nothing matches.  Matching ignores ASCII case (other UTF-8 bytes compare as they
  // are) and leading, trailing and repeated white space.  Queries of up to 2 bytes match only
  // exactly; up to 5 bytes allow distance 1 (edits and adjacent transpositions).
  std::vector<TopicMatch> Resolve(std::string_view query) const;

  // Up to `limit` topics for a search box, best first: exact, prefix of a name/alias/word, then
  // fuzzy.  Each topic once.  Ties by name.  Empty for an empty query or limit 0.
  std::vector<TopicMatch> Search(std::string_view query, size_t limit) const;

 private:
  struct Rep;
  std::shared_ptr<const Rep> rep_;
};

// Caches the TopicIndex of the latest topics version seen.  Thread-safe.
class TopicIndexCache {
 public:
  std::shared_ptr<const TopicIndex> Get(const graph::GraphView& graph);

 private:
  std::mutex mu_;
  uint64_t version_ = ~uint64_t{0};
  std::shared_ptr<const TopicIndex> index_;
};

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_TOPIC_INDEX_H_
