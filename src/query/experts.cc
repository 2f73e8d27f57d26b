// FindExperts walks from the expanded topics to the documents and projects about them (their
// in-edges), then to the people on those items, so its cost follows the evidence about the topic
// and not the size of the organisation.  Rows of evidence go into one flat vector; people are
// grouped with a counting sort; only the top `limit` become Expert values.
#include "whoknows/query/experts.h"

#include <algorithm>

#include "experts_walk.h"

namespace whoknows::query {

namespace {

using graph::Edge;
using graph::EdgeType;
using graph::Vid;
using internal::EvidenceTable;
using internal::Row;

// Collects every row of evidence on an expansion, for every person.  Scratch buffers are reused
// across edges, so the walk allocates only when a buffer grows.
class RowGatherer {
 public:
  RowGatherer(const internal::EvidenceScorer& scorer, const internal::TopicExpansion& expansion)
      : scorer_(scorer), graph_(scorer.graph()), expansion_(expansion), seen_items_(256) {}

  void Gather(std::vector<Row>* rows) {
    for (const auto& [topic, weight] : expansion_.topics()) {
      for (const Edge& e : graph_.In(topic)) {
        if (e.type == EdgeType::kAbout) {
          if (seen_items_.Insert(e.other).second) items_.push_back(e.other);
        } else if (e.type == EdgeType::kHasSkill) {
          AddSkill(e.other, topic, weight, e.props.level);
        } else if (e.type == EdgeType::kEndorsedTopic) {
          AddEndorsement(e.other, topic, weight);
        }
      }
    }
    AddItems(rows);
    skills_.ForEach([rows](Vid person, const internal::SkillHit& hit) {
      rows->push_back(internal::SkillRow(person, hit));
    });
    AddEndorsementRows(rows);
  }

 private:
  // On a broad topic the items are scattered over memory and each costs a few dependent cache
  // misses (node, edge list, edges); prefetching a few items ahead overlaps them.
  void AddItems(std::vector<Row>* rows) {
    constexpr size_t kAhead = 8;
    const size_t n = items_.size();
    rows->reserve(rows->size() + 3 * n);  // a typical item has one to three people
    for (size_t i = 0; i < n; ++i) {
      if (i + kAhead < n) {
        // The node's data and its edge views share the entry's first cache line (graph.h).
        __builtin_prefetch(graph_.Node(items_[i + kAhead]));
      }
      if (i + kAhead / 2 < n) __builtin_prefetch(graph_.Out(items_[i + kAhead / 2]).data());
      AddItem(items_[i], rows);
    }
  }

  // A document or project counts once, at its best link.
  void AddItem(Vid item, std::vector<Row>* rows) {
    const graph::NodeData* node = graph_.Node(item);
    if (!node) return;
    internal::Link link = internal::BestLink(graph_, item, expansion_);
    if (node->kind == graph::Kind::kDocument) {
      scorer_.DocumentShares(item, &shares_);
      scorer_.AddItemRows(item, EvidenceKind::kDocument, link, shares_, rows);
    } else if (node->kind == graph::Kind::kProject) {
      scorer_.ProjectShares(item, &shares_);
      scorer_.AddItemRows(item, EvidenceKind::kProject, link, shares_, rows);
    }
  }

  void AddSkill(Vid person, Vid topic, double weight, uint8_t level) {
    internal::SkillHit hit{topic, level, scorer_.SkillContribution(level, weight)};
    if (hit.contribution <= 0) return;
    auto [best, inserted] = skills_.Insert(person);
    if (inserted || internal::BetterSkill(hit, *best)) *best = hit;
  }

  void AddEndorsement(Vid endorsement, Vid topic, double weight) {
    internal::EndorsementParts parts = internal::PartsOf(graph_, endorsement);
    const graph::NodeData* node = graph_.Node(endorsement);
    if (parts.endorsee == graph::kNoVid || !node) return;
    endorsements_.push_back(
        {parts.endorsee, endorsement, parts.endorser, topic, weight, node->created});
  }

  void AddEndorsementRows(std::vector<Row>* rows) {
    auto& all = endorsements_;
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.person < b.person; });
    std::vector<internal::EndorsementHit> group;
    for (size_t i = 0; i < all.size();) {
      size_t j = i;
      while (j < all.size() && all[j].person == all[i].person) ++j;
      group.assign(all.begin() + i, all.begin() + j);
      scorer_.AddEndorsementRows(&group, rows);
      i = j;
    }
  }

  const internal::EvidenceScorer& scorer_;
  const graph::GraphView& graph_;
  const internal::TopicExpansion& expansion_;
  internal::VidMap<char> seen_items_;
  std::vector<Vid> items_;  // documents and projects about the expansion, each once
  internal::VidMap<internal::SkillHit> skills_;
  std::vector<internal::EndorsementHit> endorsements_;
  std::vector<internal::Share> shares_;
};

// Groups rows by person with a counting sort, then sorts and sums each person's rows.
EvidenceTable GroupByPerson(const graph::GraphView& graph, const std::vector<Row>& rows) {
  EvidenceTable g;
  internal::VidMap<uint32_t> slot_of(rows.size() / 2 + 8);
  std::vector<uint32_t> slot(rows.size());
  std::vector<size_t> count;
  for (size_t i = 0; i < rows.size(); ++i) {
    auto [s, inserted] = slot_of.Insert(rows[i].person);
    if (inserted) {
      *s = static_cast<uint32_t>(g.people.size());
      g.people.push_back(rows[i].person);
      count.push_back(0);
    }
    slot[i] = *s;
    ++count[*s];
  }
  g.begin.assign(g.people.size() + 1, 0);
  for (size_t k = 0; k < g.people.size(); ++k) g.begin[k + 1] = g.begin[k] + count[k];
  std::vector<size_t> next(g.begin.begin(), g.begin.end() - 1);
  g.rows.resize(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) g.rows[next[slot[i]]++] = rows[i];
  g.score.resize(g.people.size());
  for (size_t k = 0; k < g.people.size(); ++k) {
    g.score[k] =
        internal::SortAndSum(graph, g.rows.data() + g.begin[k], g.rows.data() + g.begin[k + 1]);
  }
  return g;
}

struct Candidate {
  size_t slot;
  double score;
};

}  // namespace

namespace internal {

EvidenceTable WalkEvidence(const EvidenceScorer& scorer, const TopicExpansion& expansion) {
  std::vector<Row> rows;
  RowGatherer(scorer, expansion).Gather(&rows);
  return GroupByPerson(scorer.graph(), rows);
}

std::vector<Vid> QueryRoots(const graph::GraphView& graph, const ExpertsQuery& query) {
  std::vector<Vid> roots;
  for (const TopicMatch& m : query.topics) {
    const graph::NodeData* node = graph.Node(m.vid);
    if (node && node->kind == graph::Kind::kTopic) roots.push_back(m.vid);
  }
  return roots;
}

bool Eligible(const graph::NodeData* node, const ExpertsQuery& query) {
  if (!node || node->kind != graph::Kind::kPerson || node->opted_out) return false;
  if (!query.department.empty() &&
      !internal::EqualsIgnoreCase(node->department, query.department)) {
    return false;
  }
  return query.location.empty() || internal::EqualsIgnoreCase(node->location, query.location);
}

// People are looked at in score order and only until the limit is reached, so most candidates'
// nodes are never read: on a broad topic that saves a cache miss or two per candidate.
std::vector<Expert> RankTable(const graph::GraphView& graph, const ExpertsQuery& query,
                              const EvidenceTable& g) {
  std::vector<Candidate> heap;
  heap.reserve(g.people.size());
  for (size_t k = 0; k < g.people.size(); ++k) {
    if (g.score[k] > 0) heap.push_back({k, g.score[k]});
  }
  // A heap comparator: true when a ranks below b.
  auto id_of = [&graph, &g](const Candidate& c) {
    const graph::NodeData* node = graph.Node(g.people[c.slot]);
    return node ? std::string_view(node->id) : std::string_view();
  };
  auto below = [&id_of](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score < b.score;
    return id_of(a) > id_of(b);
  };
  std::make_heap(heap.begin(), heap.end(), below);
  std::vector<Expert> experts;
  while (!heap.empty() && (query.limit == 0 || experts.size() < query.limit)) {
    std::pop_heap(heap.begin(), heap.end(), below);
    Candidate c = heap.back();
    heap.pop_back();
    if (!Eligible(graph.Node(g.people[c.slot]), query)) continue;
    const Row* begin = g.rows.data() + g.begin[c.slot];
    const Row* end = g.rows.data() + g.begin[c.slot + 1];
    experts.push_back({g.people[c.slot], c.score, static_cast<size_t>(end - begin),
                       internal::ToEvidence(begin, end, query.max_evidence)});
  }
  return experts;
}

}  // namespace internal

std::string_view EvidenceKindName(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kDocument:
      return "document";
    case EvidenceKind::kProject:
      return "project";
    case EvidenceKind::kSkill:
      return "skill";
    case EvidenceKind::kEndorsement:
      return "endorsement";
  }
  return "unknown";
}

std::vector<Expert> FindExperts(const graph::GraphView& graph, const ExpertsQuery& query,
                                const RankingConfig& config) {
  std::vector<Vid> roots = internal::QueryRoots(graph, query);
  if (roots.empty()) return {};
  internal::EvidenceScorer scorer(graph, config, query.as_of == kNoDay ? Today() : query.as_of);
  internal::TopicExpansion expansion(graph, roots, config);
  return internal::RankTable(graph, query, internal::WalkEvidence(scorer, expansion));
}

}  // namespace whoknows::query
