// The topic index keeps, for one version of the topics, hash maps from normalised id, name and
// alias to topics (exact resolution), and one sorted list of every normalised key and word
// (prefix search by binary search, fuzzy search by a bounded scan).
#include "whoknows/query/topic_index.h"

#include <algorithm>
#include <unordered_map>

#include "text_match.h"

namespace whoknows::query {

namespace {

using graph::Vid;

// What a key of the sorted list is: a whole id, name or alias, or one word of a name or alias.
enum class KeyKind : uint8_t { kId, kName, kAlias, kWord };

// Scores of Search's match levels; exact matches score 1.  Within a level, a prefix covering
// more of the key scores higher, and a fuzzy match at a smaller distance scores higher.
constexpr double kPrefixBase = 0.6, kPrefixSpan = 0.3;
constexpr double kWordPrefixBase = 0.45, kWordPrefixSpan = 0.15;
constexpr double kFuzzyBase = 0.4, kFuzzyWordBase = 0.35, kFuzzyStep = 0.1;
constexpr size_t kMinFuzzyPrefixLength = 4;

MatchKind ExactKind(KeyKind kind) {
  switch (kind) {
    case KeyKind::kId:
      return MatchKind::kId;
    case KeyKind::kName:
      return MatchKind::kName;
    default:
      return MatchKind::kAlias;
  }
}

double FuzzyScore(size_t distance, KeyKind kind) {
  double base = kind == KeyKind::kWord ? kFuzzyWordBase : kFuzzyBase;
  return base - kFuzzyStep * static_cast<double>(distance);
}

}  // namespace

struct TopicIndex::Rep {
  struct Topic {
    Vid vid;
    std::string order;  // normalised name, NUL, id: the tie-break order "by name"
  };
  struct Key {
    std::string text;
    uint32_t topic;
    KeyKind kind;
  };
  using ExactMap = std::unordered_map<std::string, std::vector<uint32_t>>;

  std::vector<Topic> topics;
  ExactMap by_id, by_name, by_alias;
  std::vector<Key> keys;  // sorted by text

  void Add(const graph::NodeData& node, Vid vid);
  void AddKey(std::string text, uint32_t topic, KeyKind kind);
  bool Before(uint32_t a, uint32_t b) const { return topics[a].order < topics[b].order; }
  void SortByName(std::vector<uint32_t>* ids) const {
    std::sort(ids->begin(), ids->end(), [this](uint32_t a, uint32_t b) { return Before(a, b); });
  }
  std::vector<TopicMatch> Exact(const std::string& q) const;
  std::vector<TopicMatch> BestFuzzy(const std::string& q) const;
};

void TopicIndex::Rep::Add(const graph::NodeData& node, Vid vid) {
  uint32_t t = static_cast<uint32_t>(topics.size());
  std::string name = internal::NormalizeText(node.name);
  topics.push_back({vid, name + '\0' + node.id});
  AddKey(internal::NormalizeText(node.id), t, KeyKind::kId);
  AddKey(name, t, KeyKind::kName);
  for (const std::string& alias : node.aliases)
    AddKey(internal::NormalizeText(alias), t, KeyKind::kAlias);
}

void TopicIndex::Rep::AddKey(std::string text, uint32_t topic, KeyKind kind) {
  if (text.empty()) return;
  ExactMap& map = kind == KeyKind::kId ? by_id : kind == KeyKind::kName ? by_name : by_alias;
  std::vector<uint32_t>& list = map[text];
  if (std::find(list.begin(), list.end(), topic) == list.end()) list.push_back(topic);
  if (kind != KeyKind::kId) {
    for (std::string& word : internal::WordsOf(text))
      keys.push_back({std::move(word), topic, KeyKind::kWord});
  }
  keys.push_back({std::move(text), topic, kind});
}

std::vector<TopicMatch> TopicIndex::Rep::Exact(const std::string& q) const {
  const std::pair<const ExactMap*, MatchKind> levels[] = {
      {&by_id, MatchKind::kId}, {&by_name, MatchKind::kName}, {&by_alias, MatchKind::kAlias}};
  for (const auto& [map, kind] : levels) {
    auto it = map->find(q);
    if (it == map->end()) continue;
    std::vector<uint32_t> ids = it->second;
    SortByName(&ids);
    std::vector<TopicMatch> out;
    for (uint32_t t : ids) out.push_back({topics[t].vid, kind, 1.0});
    return out;
  }
  return {};
}

// The closest whole id, name or alias within the distance bound; ties go to names, then aliases,
// then ids, then to the topic first by name.
std::vector<TopicMatch> TopicIndex::Rep::BestFuzzy(const std::string& q) const {
  size_t bound = internal::MaxEditDistance(q.size());
  if (bound == 0) return {};
  internal::BoundedDistance distance;
  const Key* best = nullptr;
  size_t best_d = bound + 1;
  auto rank = [](KeyKind k) { return k == KeyKind::kName ? 0 : k == KeyKind::kAlias ? 1 : 2; };
  for (const Key& key : keys) {
    if (key.kind == KeyKind::kWord) continue;
    size_t d = distance(q, key.text, bound);
    if (d > bound) continue;
    bool better =
        !best || d < best_d ||
        (d == best_d && (rank(key.kind) < rank(best->kind) ||
                         (rank(key.kind) == rank(best->kind) && Before(key.topic, best->topic))));
    if (better) {
      best = &key;
      best_d = d;
    }
  }
  if (!best) return {};
  return {{topics[best->topic].vid, MatchKind::kFuzzy, FuzzyScore(best_d, best->kind)}};
}

std::string_view MatchKindName(MatchKind kind) {
  switch (kind) {
    case MatchKind::kId:
      return "id";
    case MatchKind::kName:
      return "name";
    case MatchKind::kAlias:
      return "alias";
    case MatchKind::kPrefix:
      return "prefix";
    case MatchKind::kFuzzy:
      return "fuzzy";
  }
  return "unknown";
}

std::shared_ptr<const TopicIndex> TopicIndex::Build(const graph::GraphView& graph) {
  auto rep = std::make_shared<Rep>();
  for (Vid vid : graph.NodesOfKind(graph::Kind::kTopic)) {
    const graph::NodeData* node = graph.Node(vid);
    if (node) rep->Add(*node, vid);
  }
  std::sort(rep->keys.begin(), rep->keys.end(),
            [](const Rep::Key& a, const Rep::Key& b) { return a.text < b.text; });
  auto index = std::make_shared<TopicIndex>();
  index->rep_ = std::move(rep);
  return index;
}

std::vector<TopicMatch> TopicIndex::Resolve(std::string_view query) const {
  std::string q = internal::NormalizeText(query);
  if (q.empty() || !rep_) return {};
  std::vector<TopicMatch> exact = rep_->Exact(q);
  if (!exact.empty()) return exact;
  return rep_->BestFuzzy(q);
}

namespace {

// The best match found so far for each topic of a Search.
class SearchResults {
 public:
  // Keeps the higher score; on equal scores the stronger kind (id, name, alias, prefix, fuzzy).
  void Offer(uint32_t topic, MatchKind kind, double score) {
    auto [it, inserted] = best_.try_emplace(topic, kind, score);
    auto& [best_kind, best_score] = it->second;
    if (!inserted && (score > best_score || (score == best_score && kind < best_kind))) {
      it->second = {kind, score};
    }
  }
  const std::unordered_map<uint32_t, std::pair<MatchKind, double>>& best() const { return best_; }

 private:
  std::unordered_map<uint32_t, std::pair<MatchKind, double>> best_;
};

}  // namespace

std::vector<TopicMatch> TopicIndex::Search(std::string_view query, size_t limit) const {
  std::string q = internal::NormalizeText(query);
  if (q.empty() || limit == 0 || !rep_) return {};
  const Rep& rep = *rep_;
  SearchResults results;
  // Exact and prefix matches: the keys that start with q, found by binary search.
  auto first = std::lower_bound(rep.keys.begin(), rep.keys.end(), q,
                                [](const Rep::Key& k, const std::string& s) { return k.text < s; });
  for (auto it = first; it != rep.keys.end() && it->text.compare(0, q.size(), q) == 0; ++it) {
    double coverage = static_cast<double>(q.size()) / static_cast<double>(it->text.size());
    if (it->kind == KeyKind::kWord) {
      results.Offer(it->topic, MatchKind::kPrefix, kWordPrefixBase + kWordPrefixSpan * coverage);
    } else if (it->text.size() == q.size()) {
      results.Offer(it->topic, ExactKind(it->kind), 1.0);
    } else {
      results.Offer(it->topic, MatchKind::kPrefix, kPrefixBase + kPrefixSpan * coverage);
    }
  }
  // Fuzzy matches: whole keys and words within the bound, and, for longer queries, key prefixes
  // of the query's length (a typo in a partly typed name).
  size_t bound = internal::MaxEditDistance(q.size());
  internal::BoundedDistance distance;
  for (size_t i = 0; bound > 0 && i < rep.keys.size(); ++i) {
    const Rep::Key& key = rep.keys[i];
    size_t d = distance(q, key.text, bound);
    if (d > bound && q.size() >= kMinFuzzyPrefixLength && key.text.size() > q.size()) {
      d = distance(q, std::string_view(key.text).substr(0, q.size()), bound);
      if (d <= bound) d = std::min(d + 1, bound);  // a prefix typo ranks below a whole-key typo
    }
    if (d > 0 && d <= bound) results.Offer(key.topic, MatchKind::kFuzzy, FuzzyScore(d, key.kind));
  }
  std::vector<std::pair<uint32_t, std::pair<MatchKind, double>>> ranked(results.best().begin(),
                                                                        results.best().end());
  size_t n = std::min(limit, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + n, ranked.end(),
                    [&rep](const auto& a, const auto& b) {
                      if (a.second.second != b.second.second)
                        return a.second.second > b.second.second;
                      return rep.Before(a.first, b.first);
                    });
  std::vector<TopicMatch> out;
  for (size_t i = 0; i < n; ++i) {
    out.push_back(
        {rep.topics[ranked[i].first].vid, ranked[i].second.first, ranked[i].second.second});
  }
  return out;
}

std::shared_ptr<const TopicIndex> TopicIndexCache::Get(const graph::GraphView& graph) {
  std::lock_guard<std::mutex> lock(mu_);
  uint64_t version = graph.TopicsVersion();
  if (!index_ || version != version_) {
    index_ = TopicIndex::Build(graph);
    version_ = version;
  }
  return index_;
}

}  // namespace whoknows::query
