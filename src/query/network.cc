// Related topics, similar people and introduction paths.
#include "whoknows/query/network.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "whoknows/query/collaboration.h"

namespace whoknows::query {
namespace {

using graph::EdgeType;
using graph::Kind;
using graph::Vid;

bool Visible(const graph::GraphView& g, Vid person) {
  const graph::NodeData* node = g.Node(person);
  return node != nullptr && node->kind == Kind::kPerson && !node->opted_out;
}

// Documents and projects about `topic`, with the about weight.
std::unordered_map<Vid, double> ItemsOf(const graph::GraphView& g, Vid topic) {
  std::unordered_map<Vid, double> items;
  for (const graph::Edge& e : g.In(topic)) {
    if (e.type == EdgeType::kAbout)
      items[e.other] = std::max<double>(items[e.other], e.props.weight);
  }
  return items;
}

// Visible people of the items about `topic` and those who declare it as a skill.
std::unordered_set<Vid> PeopleOf(const graph::GraphView& g, Vid topic,
                                 const std::unordered_map<Vid, double>& items) {
  std::unordered_set<Vid> people;
  std::vector<Vid> item_people;
  for (const auto& [item, w] : items) {
    ItemPeople(g, item, &item_people);
    for (Vid p : item_people) {
      if (Visible(g, p)) people.insert(p);
    }
  }
  for (const graph::Edge& e : g.In(topic)) {
    if (e.type == EdgeType::kHasSkill && Visible(g, e.other)) people.insert(e.other);
  }
  return people;
}

// Topics about the items or declared by the people: the candidates for RelatedTopics.
std::unordered_set<Vid> CandidateTopics(const graph::GraphView& g,
                                        const std::unordered_map<Vid, double>& items,
                                        const std::unordered_set<Vid>& people) {
  std::unordered_set<Vid> topics;
  auto add_item_topics = [&](Vid item) {
    for (const graph::Edge& e : g.Out(item)) {
      if (e.type == EdgeType::kAbout) topics.insert(e.other);
    }
  };
  for (const auto& [item, w] : items) add_item_topics(item);
  for (Vid p : people) {
    for (const graph::Edge& e : g.In(p)) {
      if (e.type == EdgeType::kAuthoredBy || e.type == EdgeType::kContributor ||
          e.type == EdgeType::kMember) {
        add_item_topics(e.other);
      }
    }
    for (const graph::Edge& e : g.Out(p)) {
      if (e.type == EdgeType::kHasSkill) topics.insert(e.other);
    }
  }
  return topics;
}

double Norm(const std::unordered_map<Vid, double>& v) {
  double s = 0;
  for (const auto& [k, x] : v) s += x * x;
  return std::sqrt(s);
}

template <typename T>
void SortAndCut(const graph::GraphView& g, std::vector<T>* out, Vid T::*key, size_t limit) {
  std::sort(out->begin(), out->end(), [&](const T& a, const T& b) {
    if (a.score != b.score) return a.score > b.score;
    return g.Node(a.*key)->id < g.Node(b.*key)->id;
  });
  if (limit > 0 && out->size() > limit) out->resize(limit);
}

// A person's topic vector (see SimilarPeople).
std::unordered_map<Vid, double> TopicVector(const graph::GraphView& g, Vid person) {
  std::unordered_map<Vid, double> v;
  std::vector<Vid> item_people;
  for (const graph::Edge& e : g.In(person)) {
    if (e.type != EdgeType::kAuthoredBy && e.type != EdgeType::kContributor &&
        e.type != EdgeType::kMember) {
      continue;
    }
    ItemPeople(g, e.other, &item_people);
    const double share = 1.0 / static_cast<double>(std::max<size_t>(1, item_people.size()));
    for (const graph::Edge& a : g.Out(e.other)) {
      if (a.type == EdgeType::kAbout) v[a.other] += share * a.props.weight;
    }
  }
  for (const graph::Edge& e : g.Out(person)) {
    if (e.type == EdgeType::kHasSkill) v[e.other] += e.props.level / 5.0;
  }
  return v;
}

}  // namespace

std::vector<RelatedTopic> RelatedTopics(const graph::GraphView& g, Vid topic, size_t limit) {
  const auto items = ItemsOf(g, topic);
  const auto people = PeopleOf(g, topic, items);
  const double item_norm = Norm(items);
  std::vector<RelatedTopic> out;
  for (Vid other : CandidateTopics(g, items, people)) {
    if (other == topic) continue;
    const auto other_items = ItemsOf(g, other);
    const auto other_people = PeopleOf(g, other, other_items);
    RelatedTopic r;
    r.topic = other;
    double dot = 0;
    for (const auto& [item, w] : other_items) {
      auto it = items.find(item);
      if (it == items.end()) continue;
      dot += w * it->second;
      ++r.shared_documents;
    }
    for (Vid p : other_people) r.shared_people += people.count(p);
    const double item_cos = dot > 0 ? dot / (item_norm * Norm(other_items)) : 0;
    const double people_cos =
        r.shared_people > 0
            ? static_cast<double>(r.shared_people) /
                  std::sqrt(static_cast<double>(people.size() * other_people.size()))
            : 0;
    r.score = (item_cos + people_cos) / 2;
    if (r.score > 0) out.push_back(r);
  }
  SortAndCut(g, &out, &RelatedTopic::topic, limit);
  return out;
}

std::vector<SimilarPerson> SimilarPeople(const graph::GraphView& g, Vid person, size_t limit) {
  if (!Visible(g, person)) return {};
  const auto mine = TopicVector(g, person);
  const double my_norm = Norm(mine);
  std::unordered_set<Vid> candidates;
  std::vector<Vid> item_people;
  for (const auto& [topic, w] : mine) {
    for (const graph::Edge& e : g.In(topic)) {
      if (e.type == EdgeType::kHasSkill) candidates.insert(e.other);
      if (e.type != EdgeType::kAbout) continue;
      ItemPeople(g, e.other, &item_people);
      candidates.insert(item_people.begin(), item_people.end());
    }
  }
  std::vector<SimilarPerson> out;
  for (Vid other : candidates) {
    if (other == person || !Visible(g, other)) continue;
    const auto theirs = TopicVector(g, other);
    std::vector<std::pair<double, Vid>> shared;
    double dot = 0;
    for (const auto& [topic, w] : theirs) {
      auto it = mine.find(topic);
      if (it == mine.end()) continue;
      dot += w * it->second;
      shared.emplace_back(w * it->second, topic);
    }
    if (dot <= 0) continue;
    std::sort(shared.begin(), shared.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first > b.first;
      return g.Node(a.second)->id < g.Node(b.second)->id;
    });
    SimilarPerson s;
    s.person = other;
    s.score = std::min(1.0, dot / (my_norm * Norm(theirs)));
    for (size_t i = 0; i < shared.size() && i < 3; ++i) s.topics.push_back(shared[i].second);
    out.push_back(std::move(s));
  }
  SortAndCut(g, &out, &SimilarPerson::person, limit);
  return out;
}

std::vector<PathStep> IntroductionPath(const graph::GraphView& g, Vid from, Vid to,
                                       size_t max_hops) {
  if (from == to) return {{from, graph::kNoVid}};
  // Breadth-first over people; each item is expanded once.
  std::unordered_map<Vid, PathStep> parent;  // person -> (previous person, via item)
  std::unordered_set<Vid> items_seen;
  std::vector<Vid> frontier = {from}, item_people, items;
  parent[from] = {graph::kNoVid, graph::kNoVid};
  for (size_t hop = 0; hop < max_hops && !frontier.empty() && !parent.count(to); ++hop) {
    std::vector<Vid> next;
    for (Vid p : frontier) {
      items.clear();
      for (const graph::Edge& e : g.In(p)) {
        if (e.type == EdgeType::kAuthoredBy || e.type == EdgeType::kContributor ||
            e.type == EdgeType::kMember) {
          items.push_back(e.other);
        }
      }
      std::sort(items.begin(), items.end());
      for (Vid item : items) {
        if (!items_seen.insert(item).second) continue;
        ItemPeople(g, item, &item_people);
        for (Vid q : item_people) {
          if (parent.count(q) || !Visible(g, q)) continue;
          parent[q] = {p, item};
          next.push_back(q);
        }
      }
    }
    std::sort(next.begin(), next.end());
    frontier = std::move(next);
  }
  if (!parent.count(to)) return {};
  std::vector<PathStep> path;
  for (Vid p = to; p != graph::kNoVid; p = parent[p].person) path.push_back({p, parent[p].via});
  std::reverse(path.begin(), path.end());
  return path;
}

}  // namespace whoknows::query
