// The experts cache: profiles (every person's score, best first) per snapshot, root topics and
// as-of day, LRU by bytes.  A hit reads the profile and walks from each returned person to their
// own items for the evidence; a miss runs FindExperts' walk, answers from it and keeps its
// scores.
#include "whoknows/query/experts_cache.h"

#include <algorithm>
#include <cstring>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "experts_walk.h"
#include "person_rows.h"

namespace whoknows::query {

namespace {

using graph::Vid;
using internal::Row;

// How many of a profile's best people keep their first evidence rows, and how many rows: a query
// for at most that many people (the common case: limit 10, 5 evidence) then needs no walk.
constexpr size_t kHeadPeople = 100;
constexpr size_t kHeadEvidence = 5;

// The first rows of one person's evidence, as the walk sorted them.  Roles point into the
// snapshot, which outlives the profile's use: a profile is read only with its own snapshot.
struct Head {
  size_t evidence_count = 0;
  std::vector<Row> rows;  // at most kHeadEvidence
};

struct Profile {
  std::vector<ScoredPerson> people;  // score > 0, best first, ties by external id
  std::vector<Head> head;            // of people[0, kHeadPeople)
  size_t bytes = 0;                  // what the entry costs, key and bookkeeping included
};

// What a query asks for, normalized: the same roots in any order or repeated are one key.
struct Plan {
  std::vector<Vid> roots;  // live topics, sorted, unique
  Day as_of = kNoDay;
  std::string key;
};

Plan PlanOf(const graph::GraphView& graph, const ExpertsQuery& query) {
  Plan plan;
  plan.roots = internal::QueryRoots(graph, query);
  std::sort(plan.roots.begin(), plan.roots.end());
  plan.roots.erase(std::unique(plan.roots.begin(), plan.roots.end()), plan.roots.end());
  plan.as_of = query.as_of == kNoDay ? Today() : query.as_of;
  plan.key.resize(sizeof(Day) + plan.roots.size() * sizeof(Vid));
  std::memcpy(plan.key.data(), &plan.as_of, sizeof(Day));
  if (!plan.roots.empty()) {
    std::memcpy(plan.key.data() + sizeof(Day), plan.roots.data(), plan.roots.size() * sizeof(Vid));
  }
  return plan;
}

std::shared_ptr<const Profile> BuildProfile(const graph::GraphView& graph,
                                            const internal::EvidenceTable& table,
                                            const std::string& key) {
  struct Slot {
    double score;
    size_t k;  // in table
  };
  std::vector<Slot> order;
  order.reserve(table.people.size());
  for (size_t k = 0; k < table.people.size(); ++k) {
    if (table.score[k] > 0) order.push_back({table.score[k], k});
  }
  auto id_of = [&graph, &table](const Slot& s) {
    const graph::NodeData* node = graph.Node(table.people[s.k]);
    return node ? std::string_view(node->id) : std::string_view();
  };
  // The order of RankTable: score descending, then external id (read only on ties).
  std::sort(order.begin(), order.end(), [&id_of](const Slot& a, const Slot& b) {
    if (a.score != b.score) return a.score > b.score;
    return id_of(a) < id_of(b);
  });
  auto profile = std::make_shared<Profile>();
  profile->people.reserve(order.size());
  for (const Slot& s : order) profile->people.push_back({table.people[s.k], s.score});
  size_t head_bytes = 0;
  for (size_t i = 0; i < order.size() && i < kHeadPeople; ++i) {
    const Row* begin = table.rows.data() + table.begin[order[i].k];
    const Row* end = table.rows.data() + table.begin[order[i].k + 1];
    const size_t n = static_cast<size_t>(end - begin);
    profile->head.push_back({n, std::vector<Row>(begin, begin + std::min(n, kHeadEvidence))});
    head_bytes += sizeof(Head) + profile->head.back().rows.capacity() * sizeof(Row);
  }
  constexpr size_t kOverhead = 160;  // map node, list node, control block, Profile itself
  profile->bytes = profile->people.capacity() * sizeof(ScoredPerson) + head_bytes +
                   2 * key.capacity() + kOverhead;
  return profile;
}

bool SameSnapshot(const std::weak_ptr<const graph::Graph>& a,
                  const std::shared_ptr<const graph::Graph>& b) {
  return !a.owner_before(b) && !b.owner_before(a);
}

}  // namespace

struct ExpertsCache::Rep {
  struct Entry {
    std::shared_ptr<const Profile> profile;
    std::list<std::string>::iterator lru;
  };
  // What Find learnt: the profile on a hit; whether a computed one may be stored.
  struct Found {
    std::shared_ptr<const Profile> profile;
    bool storable = false;
  };

  explicit Rep(size_t max) { stats.max_bytes = max; }

  // REQUIRES: mu held.  Whether `graph` is the snapshot the entries belong to, after adopting
  // it (and dropping every entry) when it is newer than that one or that one is gone.
  bool Adopt(const std::shared_ptr<const graph::Graph>& graph) {
    if (SameSnapshot(snapshot, graph)) return true;
    if (!snapshot.expired() && graph->Version() < version) return false;
    entries.clear();
    lru.clear();
    stats.bytes = 0;
    ++stats.resets;
    snapshot = graph;
    version = graph->Version();
    return true;
  }

  Found Find(const std::shared_ptr<const graph::Graph>& graph, const std::string& key, bool count) {
    std::lock_guard<std::mutex> lock(mu);
    if (stats.max_bytes == 0 || !Adopt(graph)) {
      stats.bypasses += count;
      return {};
    }
    auto it = entries.find(key);
    if (it == entries.end()) {
      stats.misses += count;
      return {nullptr, true};
    }
    stats.hits += count;
    lru.splice(lru.begin(), lru, it->second.lru);
    return {it->second.profile, true};
  }

  void Store(const std::shared_ptr<const graph::Graph>& graph, const std::string& key,
             std::shared_ptr<const Profile> profile) {
    std::lock_guard<std::mutex> lock(mu);
    if (!SameSnapshot(snapshot, graph) || profile->bytes > stats.max_bytes) return;
    if (entries.count(key)) return;  // a concurrent miss stored it first
    lru.push_front(key);
    stats.bytes += profile->bytes;
    entries.emplace(key, Entry{std::move(profile), lru.begin()});
    while (stats.bytes > stats.max_bytes && !lru.empty()) {
      auto victim = entries.find(lru.back());
      stats.bytes -= victim->second.profile->bytes;
      entries.erase(victim);
      lru.pop_back();
      ++stats.evictions;
    }
  }

  mutable std::mutex mu;
  std::weak_ptr<const graph::Graph> snapshot;  // the snapshot every entry belongs to
  uint64_t version = 0;                        // its Version()
  std::list<std::string> lru;                  // keys, most recently used first
  std::unordered_map<std::string, Entry> entries;
  ExpertsCacheStats stats;
};

ExpertsCache::ExpertsCache(RankingConfig config, size_t max_bytes)
    : config_(std::move(config)), rep_(std::make_unique<Rep>(max_bytes)) {}

ExpertsCache::~ExpertsCache() = default;

namespace {

// The answer from a profile: the first `limit` eligible people, each with the evidence kept in
// the profile's head when that is enough, or else that of a walk from them to their own items
// (whose sum is their score: person_rows.h).
std::vector<Expert> FromProfile(const graph::GraphView& graph, const ExpertsQuery& query,
                                const Plan& plan, const RankingConfig& config,
                                const Profile& profile) {
  const internal::EvidenceScorer scorer(graph, config, plan.as_of);
  std::optional<internal::TopicExpansion> expansion;  // built for the first walk, if any
  std::vector<Expert> experts;
  std::vector<Row> rows;
  const bool head_suffices = query.max_evidence != 0 && query.max_evidence <= kHeadEvidence;
  for (size_t i = 0; i < profile.people.size(); ++i) {
    const ScoredPerson& p = profile.people[i];
    if (query.limit != 0 && experts.size() >= query.limit) break;
    if (!internal::Eligible(graph.Node(p.person), query)) continue;
    if (head_suffices && i < profile.head.size()) {
      const Head& h = profile.head[i];
      experts.push_back(
          {p.person, p.score, h.evidence_count,
           internal::ToEvidence(h.rows.data(), h.rows.data() + h.rows.size(), query.max_evidence)});
      continue;
    }
    if (!expansion) expansion.emplace(graph, plan.roots, config);
    rows.clear();
    internal::PersonRows(scorer, *expansion, p.person, internal::CollectItems(graph, p.person),
                         &rows);
    internal::SortAndSum(graph, rows.data(), rows.data() + rows.size());
    experts.push_back(
        {p.person, p.score, rows.size(),
         internal::ToEvidence(rows.data(), rows.data() + rows.size(), query.max_evidence)});
  }
  return experts;
}

}  // namespace

std::vector<Expert> ExpertsCache::FindExperts(const std::shared_ptr<const graph::Graph>& graph,
                                              const ExpertsQuery& query) {
  // Everyone with all evidence: the topic walk is cheaper than a walk per person.
  if (query.limit == 0) return query::FindExperts(*graph, query, config_);
  Plan plan = PlanOf(*graph, query);
  if (plan.roots.empty()) return {};
  Rep::Found found = rep_->Find(graph, plan.key, /*count=*/true);
  if (found.profile) return FromProfile(*graph, query, plan, config_, *found.profile);
  internal::EvidenceScorer scorer(*graph, config_, plan.as_of);
  internal::TopicExpansion expansion(*graph, plan.roots, config_);
  internal::EvidenceTable table = internal::WalkEvidence(scorer, expansion);
  if (found.storable) rep_->Store(graph, plan.key, BuildProfile(*graph, table, plan.key));
  return internal::RankTable(*graph, query, table);
}

std::vector<ScoredPerson> ExpertsCache::Scores(const std::shared_ptr<const graph::Graph>& graph,
                                               const ExpertsQuery& query) {
  Plan plan = PlanOf(*graph, query);
  if (plan.roots.empty()) return {};
  Rep::Found found = rep_->Find(graph, plan.key, /*count=*/true);
  std::shared_ptr<const Profile> profile = found.profile;
  if (!profile) {
    internal::EvidenceScorer scorer(*graph, config_, plan.as_of);
    internal::TopicExpansion expansion(*graph, plan.roots, config_);
    profile = BuildProfile(*graph, internal::WalkEvidence(scorer, expansion), plan.key);
    if (found.storable) rep_->Store(graph, plan.key, profile);
  }
  std::vector<ScoredPerson> out;
  for (const ScoredPerson& p : profile->people) {
    if (query.limit != 0 && out.size() >= query.limit) break;
    if (internal::Eligible(graph->Node(p.person), query)) out.push_back(p);
  }
  return out;
}

size_t ExpertsCache::WarmAllTopics(const std::shared_ptr<const graph::Graph>& graph, Day as_of,
                                   const std::atomic<bool>* stop) {
  size_t computed = 0;
  for (Vid topic : graph->NodesOfKind(graph::Kind::kTopic)) {
    if (stop && stop->load()) break;
    ExpertsQuery query;
    query.topics = {TopicMatch{topic, MatchKind::kId, 1.0}};
    query.as_of = as_of;
    Plan plan = PlanOf(*graph, query);
    Rep::Found found = rep_->Find(graph, plan.key, /*count=*/false);
    if (!found.storable) break;  // a newer snapshot came, or the cache is off
    if (found.profile) continue;
    internal::EvidenceScorer scorer(*graph, config_, plan.as_of);
    internal::TopicExpansion expansion(*graph, plan.roots, config_);
    rep_->Store(graph, plan.key,
                BuildProfile(*graph, internal::WalkEvidence(scorer, expansion), plan.key));
    ++computed;
  }
  return computed;
}

ExpertsCacheStats ExpertsCache::Stats() const {
  std::lock_guard<std::mutex> lock(rep_->mu);
  ExpertsCacheStats stats = rep_->stats;
  stats.entries = rep_->entries.size();
  return stats;
}

}  // namespace whoknows::query
