#include "evidence.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace whoknows::query::internal {

namespace {

using graph::Edge;
using graph::EdgeList;
using graph::EdgeType;
using graph::Vid;

constexpr double kDaysPerYear = 365.25;

// Keeps one share per person: the larger, or the first on a tie.
void Upsert(const Share& share, std::vector<Share>* out) {
  for (Share& s : *out) {
    if (s.person != share.person) continue;
    if (share.weight > s.weight) s = share;
    return;
  }
  out->push_back(share);
}

std::string_view IdOf(const graph::GraphView& graph, Vid vid) {
  const graph::NodeData* node = graph.Node(vid);
  return node ? std::string_view(node->id) : std::string_view();
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

RoleWeights::RoleWeights(const std::map<std::string, double>& weights, double fallback)
    : fallback_(fallback) {
  for (const auto& [name, weight] : weights) {
    if (std::optional<graph::EdgeRole> role = graph::EdgeRole::Find(name)) {
      weights_.emplace_back(role->id(), weight);
    }
  }
}

TopicExpansion::TopicExpansion(const graph::GraphView& graph, const std::vector<Vid>& roots,
                               const RankingConfig& config) {
  for (Vid root : roots) Raise(root, 1.0);
  // Breadth-first down the hierarchy: the first time a topic is reached is at its least depth,
  // so at its largest weight.
  std::vector<Vid> frontier(roots), next;
  double weight = 1.0;
  for (int depth = 1; depth <= config.max_narrower_depth && !frontier.empty(); ++depth) {
    weight *= config.narrower_decay;
    if (weight <= 0) break;
    next.clear();
    for (Vid topic : frontier) {
      for (const Edge& e : graph.In(topic)) {
        if (e.type != EdgeType::kBroader || weights_.Find(e.other)) continue;
        Raise(e.other, weight);
        next.push_back(e.other);
      }
    }
    frontier.swap(next);
  }
  if (config.related_weight > 0) {
    for (Vid root : roots) {
      for (const EdgeList edges : {graph.Out(root), graph.In(root)}) {
        for (const Edge& e : edges) {
          if (e.type == EdgeType::kRelated) Raise(e.other, config.related_weight);
        }
      }
    }
  }
  for (auto& [topic, w] : topics_) w = *weights_.Find(topic);
}

void TopicExpansion::Raise(Vid topic, double weight) {
  auto [w, inserted] = weights_.Insert(topic);
  if (inserted) {
    *w = weight;
    topics_.emplace_back(topic, weight);
  } else {
    *w = std::max(*w, weight);
  }
}

void SupportedTopics(const graph::GraphView& graph, Vid topic, const RankingConfig& config,
                     std::vector<Vid>* out) {
  out->clear();
  out->push_back(topic);
  size_t level_begin = 0;
  bool narrower_counts = config.narrower_decay > 0;
  for (int depth = 1; narrower_counts && depth <= config.max_narrower_depth; ++depth) {
    size_t level_end = out->size();
    for (size_t i = level_begin; i < level_end; ++i) {
      for (const Edge& e : graph.Out((*out)[i])) {
        if (e.type != EdgeType::kBroader) continue;
        if (std::find(out->begin(), out->end(), e.other) == out->end()) out->push_back(e.other);
      }
    }
    if (level_end == out->size()) break;
    level_begin = level_end;
  }
  if (config.related_weight > 0) {
    for (const EdgeList edges : {graph.Out(topic), graph.In(topic)}) {
      for (const Edge& e : edges) {
        if (e.type != EdgeType::kRelated) continue;
        if (std::find(out->begin(), out->end(), e.other) == out->end()) out->push_back(e.other);
      }
    }
  }
}

Link BestLink(const graph::GraphView& graph, Vid item, const TopicExpansion& expansion) {
  Link best;
  for (const Edge& e : graph.Out(item)) {
    if (e.type != EdgeType::kAbout) continue;
    double relevance = expansion.Weight(e.other) * static_cast<double>(e.props.weight);
    if (relevance > best.relevance) best = {e.other, relevance};
  }
  return best;
}

EndorsementParts PartsOf(const graph::GraphView& graph, Vid endorsement) {
  EndorsementParts parts;
  for (const Edge& e : graph.Out(endorsement)) {
    if (e.type == EdgeType::kEndorser) parts.endorser = e.other;
    if (e.type == EdgeType::kEndorsee) parts.endorsee = e.other;
    if (e.type == EdgeType::kEndorsedTopic) parts.topic = e.other;
  }
  return parts;
}

double EvidenceScorer::Decay(Day date, double half_life_days) const {
  if (date == kNoDay || half_life_days <= 0) return 1.0;
  double age = std::max(0.0, static_cast<double>(as_of_) - static_cast<double>(date));
  return std::exp2(-age / half_life_days);
}

void EvidenceScorer::DocumentShares(Vid doc, std::vector<Share>* out) const {
  out->clear();
  const EdgeList edges = graph_.Out(doc);
  size_t authors = 0, contributors = 0;
  for (const Edge& e : edges) {
    authors += e.type == EdgeType::kAuthoredBy;
    contributors += e.type == EdgeType::kContributor;
  }
  const graph::NodeData* node = graph_.Node(doc);
  Day date = node ? node->created : kNoDay;
  double decay = Decay(date, config_.document_half_life_days);
  for (const Edge& e : edges) {
    if (e.type == EdgeType::kAuthoredBy) {
      Upsert({e.other, config_.author_weight / authors * decay * PersonFactor(e.other), "author",
              date},
             out);
    } else if (e.type == EdgeType::kContributor) {
      double role = role_weights_.Of(e.props.role);
      std::string_view name = e.props.role.empty() ? "contributor" : e.props.role.view();
      Upsert({e.other, role / contributors * decay * PersonFactor(e.other), name, date}, out);
    }
  }
}

double EvidenceScorer::PersonFactor(Vid person) const {
  const bool recency = config_.person_half_life_days > 0;
  if (config_.activity_exponent == 0 && !recency) return 1.0;
  auto [cached, inserted] = person_factors_.Insert(person);
  if (!inserted) return *cached;
  double factor = 1.0;
  if (config_.activity_exponent != 0) {
    const double activity = static_cast<double>(graph_.In(person).size());
    factor = std::pow(1.0 + activity, -config_.activity_exponent);
  }
  if (recency) factor *= Decay(LatestDocumentDay(person), config_.person_half_life_days);
  *cached = factor;
  return factor;
}

Day EvidenceScorer::LatestDocumentDay(Vid person) const {
  Day latest = kNoDay;
  for (const Edge& e : graph_.In(person)) {
    if (e.type != EdgeType::kAuthoredBy && e.type != EdgeType::kContributor) continue;
    const graph::NodeData* doc = graph_.Node(e.other);
    if (doc && doc->created != kNoDay) latest = std::max(latest, doc->created);  // kNoDay: min
  }
  return latest;
}

double EvidenceScorer::ProjectDurationFactor(Day since, Day until) const {
  // An unknown start earns the least credit for duration, like a membership of a day.
  if (since == kNoDay) return 0.5;
  double years =
      std::max(0.0, static_cast<double>(until) - static_cast<double>(since)) / kDaysPerYear;
  return 0.5 + 0.5 * std::min(1.0, years);
}

void EvidenceScorer::ProjectShares(Vid project, std::vector<Share>* out) const {
  out->clear();
  const graph::NodeData* node = graph_.Node(project);
  if (!node) return;
  for (const Edge& e : graph_.Out(project)) {
    if (e.type != EdgeType::kMember) continue;
    Day since = e.props.since != kNoDay ? e.props.since : node->start;
    Day until = e.props.until != kNoDay ? e.props.until : node->end;
    // An ongoing membership counts up to as_of, as does one planned to end later.
    Day last = until == kNoDay ? as_of_ : std::min(until, as_of_);
    double role = project_role_weights_.Of(e.props.role);
    double weight = config_.project_weight * role * ProjectDurationFactor(since, last) *
                    Decay(last, config_.project_half_life_days);
    std::string_view name = e.props.role.empty() ? "member" : e.props.role.view();
    Upsert({e.other, weight, name, until == kNoDay ? as_of_ : until}, out);
  }
}

double EvidenceScorer::SkillContribution(uint8_t level, double topic_weight) const {
  double clamped = std::min<double>(level, 5);
  return config_.skill_weight * clamped / 5.0 * topic_weight;
}

void EvidenceScorer::AddItemRows(Vid item, EvidenceKind kind, const Link& link,
                                 const std::vector<Share>& shares, std::vector<Row>* rows,
                                 Vid only_person) const {
  for (const Share& s : shares) {
    if (only_person != graph::kNoVid && s.person != only_person) continue;
    double contribution = link.relevance * s.weight;
    if (contribution <= 0) continue;
    rows->push_back(
        {s.person, item, link.topic, graph::kNoVid, contribution, s.date, kind, s.role});
  }
}

void EvidenceScorer::AddEndorsementRows(std::vector<EndorsementHit>* hits,
                                        std::vector<Row>* rows) const {
  auto& h = *hits;
  h.erase(std::remove_if(h.begin(), h.end(),
                         [](const EndorsementHit& x) {
                           return x.endorser == x.person || x.endorser == graph::kNoVid ||
                                  x.weight <= 0;
                         }),
          h.end());
  // One voice per endorser, at their best topic (then the smaller endorsement vid).
  std::sort(h.begin(), h.end(), [](const EndorsementHit& a, const EndorsementHit& b) {
    if (a.endorser != b.endorser) return a.endorser < b.endorser;
    if (a.weight != b.weight) return a.weight > b.weight;
    return a.endorsement < b.endorsement;
  });
  h.erase(std::unique(h.begin(), h.end(),
                      [](const EndorsementHit& a, const EndorsementHit& b) {
                        return a.endorser == b.endorser;
                      }),
          h.end());
  std::sort(h.begin(), h.end(), [this](const EndorsementHit& a, const EndorsementHit& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return IdOf(graph_, a.endorser) < IdOf(graph_, b.endorser);
  });
  for (size_t k = 1; k <= h.size(); ++k) {
    const EndorsementHit& x = h[k - 1];
    double marginal = std::log2(1.0 + static_cast<double>(k)) - std::log2(static_cast<double>(k));
    double contribution = config_.endorsement_weight * x.weight * marginal;
    if (contribution <= 0) continue;
    rows->push_back({x.person, x.endorsement, x.topic, x.endorser, contribution, x.date,
                     EvidenceKind::kEndorsement, "endorsed-by"});
  }
}

bool BetterSkill(const SkillHit& a, const SkillHit& b) {
  if (a.contribution != b.contribution) return a.contribution > b.contribution;
  return a.topic < b.topic;
}

Row SkillRow(Vid person, const SkillHit& hit) {
  static constexpr std::string_view kLevels[] = {"level 0", "level 1", "level 2",
                                                 "level 3", "level 4", "level 5"};
  std::string_view role = kLevels[std::min<uint8_t>(hit.level, 5)];
  return {
      person, hit.topic, hit.topic, graph::kNoVid, hit.contribution, kNoDay, EvidenceKind::kSkill,
      role};
}

double SortAndSum(const graph::GraphView& graph, Row* begin, Row* end) {
  std::sort(begin, end, [&graph](const Row& a, const Row& b) {
    if (a.contribution != b.contribution) return a.contribution > b.contribution;
    if (a.date != b.date) return a.date > b.date;
    if (a.kind != b.kind) return a.kind < b.kind;
    std::string_view ia = IdOf(graph, a.item), ib = IdOf(graph, b.item);
    if (ia != ib) return ia < ib;
    return a.item < b.item;
  });
  double sum = 0;
  for (const Row* r = begin; r != end; ++r) sum += r->contribution;
  return sum;
}

std::vector<Evidence> ToEvidence(const Row* begin, const Row* end, size_t max) {
  size_t n = static_cast<size_t>(end - begin);
  if (max != 0) n = std::min(n, max);
  std::vector<Evidence> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Row& r = begin[i];
    out.push_back({r.kind, r.item, r.topic, std::string(r.role), r.date, r.contribution, r.source});
  }
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (LowerAscii(a[i]) != LowerAscii(b[i])) return false;
  }
  return true;
}

}  // namespace whoknows::query::internal
