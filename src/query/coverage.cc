// Coverage builds on FindExperts with every person and all their evidence: the experts are the
// people above the threshold, and the evidence rows of kind document and project, regrouped by
// item, are the degree-of-authorship table the truck factor needs.
#include "whoknows/query/coverage.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <utility>

namespace whoknows::query {

namespace {

using graph::Vid;

// Per item, every eligible person's contribution to the topic through it.
using ItemTable = std::map<Vid, std::vector<std::pair<Vid, double>>>;

ItemTable ItemsOf(const std::vector<Expert>& everyone) {
  ItemTable items;
  for (const Expert& e : everyone) {
    for (const Evidence& ev : e.evidence) {
      if (ev.kind != EvidenceKind::kDocument && ev.kind != EvidenceKind::kProject) continue;
      items[ev.item].emplace_back(e.person, ev.contribution);
    }
  }
  return items;
}

std::vector<std::vector<Vid>> HoldersOf(const ItemTable& items, const CoverageOptions& options) {
  std::vector<std::vector<Vid>> holders;
  for (const auto& [item, shares] : items) {
    double top = 0;
    for (const auto& s : shares) top = std::max(top, s.second);
    std::vector<Vid> held;
    for (const auto& [person, c] : shares) {
      if (c >= options.holder_relative * top && c >= options.holder_min) held.push_back(person);
    }
    if (!held.empty()) holders.push_back(std::move(held));
  }
  return holders;
}

Day LastEvidence(const std::vector<Expert>& everyone) {
  Day last = kNoDay;
  for (const Expert& e : everyone) {
    for (const Evidence& ev : e.evidence) {
      if (ev.date != kNoDay && (last == kNoDay || ev.date > last)) last = ev.date;
    }
  }
  return last;
}

std::vector<CoverageRisk> RisksOf(const TopicCoverage& c, const CoverageOptions& options,
                                  Day as_of) {
  std::vector<CoverageRisk> risks;
  if (c.experts.empty()) risks.push_back(CoverageRisk::kNoExpert);
  if (c.experts.size() == 1) risks.push_back(CoverageRisk::kSingleExpert);
  // People without a department say nothing about spread (histories have none).
  if (c.experts.size() >= 2 && c.departments.size() == 1 && !c.departments.begin()->first.empty() &&
      options.department.empty()) {
    risks.push_back(CoverageRisk::kOneDepartment);
  }
  if (c.last_evidence == kNoDay || c.last_evidence < as_of - options.stale_days) {
    risks.push_back(CoverageRisk::kStale);
  }
  return risks;
}

}  // namespace

std::string_view CoverageRiskName(CoverageRisk risk) {
  switch (risk) {
    case CoverageRisk::kNoExpert:
      return "no_expert";
    case CoverageRisk::kSingleExpert:
      return "single_expert";
    case CoverageRisk::kOneDepartment:
      return "one_department";
    case CoverageRisk::kStale:
      return "stale";
  }
  return "unknown";
}

size_t GreedyTruckFactor(const std::vector<std::vector<Vid>>& holders) {
  std::vector<std::vector<Vid>> left;
  for (const auto& h : holders) {
    if (!h.empty()) left.push_back(h);
  }
  const size_t total = left.size();
  size_t removed = 0;
  // Stop once fewer than half of the items still have a holder: 2 * held < total.
  while (!left.empty() && 2 * left.size() >= total) {
    std::map<Vid, size_t> count;
    for (const auto& h : left) {
      for (Vid p : h) ++count[p];
    }
    Vid top = count.begin()->first;
    for (const auto& [p, n] : count) {
      if (n > count[top]) top = p;  // strict: ties keep the smaller vid
    }
    for (auto& h : left) h.erase(std::remove(h.begin(), h.end(), top), h.end());
    left.erase(std::remove_if(left.begin(), left.end(), [](const auto& h) { return h.empty(); }),
               left.end());
    ++removed;
  }
  return removed;
}

TopicCoverage CoverageOf(const graph::GraphView& graph, Vid topic, const CoverageOptions& options,
                         const RankingConfig& config) {
  ExpertsQuery q;
  q.topics = {TopicMatch{topic, MatchKind::kId, 1.0}};
  q.limit = 0;
  q.max_evidence = 0;
  q.department = options.department;
  q.as_of = options.as_of == kNoDay ? Today() : options.as_of;
  std::vector<Expert> everyone = FindExperts(graph, q, config);

  TopicCoverage c;
  c.topic = topic;
  auto holders = HoldersOf(ItemsOf(everyone), options);
  c.held_items = holders.size();
  c.bus_factor = GreedyTruckFactor(holders);
  c.last_evidence = LastEvidence(everyone);
  for (Expert& e : everyone) {
    if (e.score < options.min_score) break;  // best first
    const graph::NodeData* node = graph.Node(e.person);
    ++c.departments[node ? node->department.str() : std::string()];
    e.evidence.clear();
    c.experts.push_back(std::move(e));
  }
  c.risks = RisksOf(c, options, q.as_of);
  return c;
}

bool RiskierThan(const graph::GraphView& graph, const TopicCoverage& a, const TopicCoverage& b) {
  bool a_none = a.experts.empty(), b_none = b.experts.empty();
  if (a_none != b_none) return a_none;
  if (a.bus_factor != b.bus_factor) return a.bus_factor < b.bus_factor;
  if (a.experts.size() != b.experts.size()) return a.experts.size() < b.experts.size();
  if (a.risks.size() != b.risks.size()) return a.risks.size() > b.risks.size();
  const graph::NodeData* na = graph.Node(a.topic);
  const graph::NodeData* nb = graph.Node(b.topic);
  std::string_view ia = na ? std::string_view(na->id) : std::string_view();
  std::string_view ib = nb ? std::string_view(nb->id) : std::string_view();
  return ia < ib;
}

}  // namespace whoknows::query

namespace whoknows::query {

namespace {

using graph::Vid;

bool InDepartment(const graph::NodeData& person, const std::string& department) {
  if (department.empty()) return true;
  if (person.department.size() != department.size()) return false;
  for (size_t i = 0; i < department.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(person.department[i])) !=
        std::tolower(static_cast<unsigned char>(department[i]))) {
      return false;
    }
  }
  return true;
}

// Demand on one topic: active projects about it and interested people (not yet experts).
void Demand(const graph::GraphView& graph, Vid topic, const CoverageOptions& options, Day as_of,
            TopicGap* gap, std::vector<Vid>* learners) {
  for (const graph::Edge& e : graph.In(topic)) {
    const graph::NodeData* node = graph.Node(e.other);
    if (node == nullptr) continue;
    if (e.type == graph::EdgeType::kAbout && node->kind == graph::Kind::kProject &&
        (node->end == kNoDay || node->end >= as_of)) {
      gap->projects.push_back(e.other);
    } else if (e.type == graph::EdgeType::kInterestedIn && node->kind == graph::Kind::kPerson &&
               !node->opted_out && InDepartment(*node, options.department)) {
      learners->push_back(e.other);
    }
  }
  for (auto* v : {&gap->projects, learners}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
}

void PairMentors(const std::vector<Expert>& experts, const std::vector<Vid>& learners,
                 std::vector<MentorPair>* pairs) {
  size_t next = 0;
  for (Vid learner : learners) {
    MentorPair p{learner, graph::kNoVid, 0};
    for (size_t tries = 0; tries < experts.size(); ++tries) {
      const Expert& e = experts[next++ % experts.size()];
      if (e.person == learner) continue;
      p.mentor = e.person;
      p.mentor_score = e.score;
      break;
    }
    pairs->push_back(p);
  }
}

}  // namespace

std::vector<TopicGap> FindGaps(const graph::GraphView& graph, const CoverageOptions& options,
                               const RankingConfig& config) {
  CoverageOptions o = options;
  if (o.as_of == kNoDay) o.as_of = Today();
  std::vector<TopicGap> gaps;
  std::vector<Vid> learners;
  for (Vid topic : graph.NodesOfKind(graph::Kind::kTopic)) {
    TopicGap gap;
    gap.topic = topic;
    learners.clear();
    Demand(graph, topic, o, o.as_of, &gap, &learners);
    if (gap.projects.empty() && learners.empty()) continue;
    TopicCoverage c = CoverageOf(graph, topic, o, config);
    auto is_expert = [&c](Vid p) {
      return std::any_of(c.experts.begin(), c.experts.end(),
                         [p](const Expert& e) { return e.person == p; });
    };
    learners.erase(std::remove_if(learners.begin(), learners.end(), is_expert), learners.end());
    if (gap.projects.empty() && learners.empty()) continue;
    PairMentors(c.experts, learners, &gap.pairs);
    gap.experts = c.experts.size();
    double demand = static_cast<double>(gap.projects.size() + learners.size());
    gap.gap = demand / (1.0 + static_cast<double>(gap.experts));
    gaps.push_back(std::move(gap));
  }
  std::sort(gaps.begin(), gaps.end(), [&graph](const TopicGap& a, const TopicGap& b) {
    if (a.gap != b.gap) return a.gap > b.gap;
    size_t da = a.projects.size() + a.pairs.size(), db = b.projects.size() + b.pairs.size();
    if (da != db) return da > db;
    return graph.Node(a.topic)->id < graph.Node(b.topic)->id;
  });
  return gaps;
}

}  // namespace whoknows::query
