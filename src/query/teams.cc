// Team formation over the collaboration graph: one capped multi-source Dijkstra per topic, then
// RarestFirst seeds or a fixed leader (teams.h states the costs).
#include "whoknows/query/teams.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <utility>

#include "whoknows/query/collaboration.h"
#include "whoknows/query/experts.h"

namespace whoknows::query {

namespace {

using graph::Vid;
using QueueItem = std::pair<double, uint32_t>;
using MinQueue = std::priority_queue<QueueItem, std::vector<QueueItem>, std::greater<QueueItem>>;

// Dijkstra from the queued nodes (dist and source already set for them), up to `radius`.
void Relax(const WeightedGraph& g, double radius, MinQueue* queue, std::vector<double>* dist,
           std::vector<uint32_t>* source) {
  while (!queue->empty()) {
    auto [d, u] = queue->top();
    queue->pop();
    if (d > (*dist)[u]) continue;
    for (uint64_t k = g.offsets[u]; k < g.offsets[u + 1]; ++k) {
      if (g.weights[k] <= 0) continue;
      uint32_t v = g.neighbors[k];
      double nd = d + 1.0 / g.weights[k];
      if (nd > radius || nd >= (*dist)[v]) continue;
      (*dist)[v] = nd;
      (*source)[v] = (*source)[u];
      queue->push({nd, v});
    }
  }
}

std::vector<double> ShortestFrom(const WeightedGraph& g, uint32_t from) {
  std::vector<double> dist(g.node_count(), kUnreachable);
  std::vector<uint32_t> source(g.node_count(), from);
  MinQueue queue;
  dist[from] = 0;
  queue.push({0.0, from});
  Relax(g, kUnreachable, &queue, &dist, &source);
  return dist;
}

double Penalty(const TopicCandidate& c, double best, double weight) {
  return best > 0 ? weight * (1.0 - c.score / best) : 0.0;
}

// Topics in the order members join: fewest candidates first, ties by index.
std::vector<size_t> RarestOrder(const std::vector<std::vector<TopicCandidate>>& topics) {
  std::vector<size_t> order(topics.size());
  for (size_t t = 0; t < order.size(); ++t) order[t] = t;
  std::stable_sort(order.begin(), order.end(),
                   [&topics](size_t a, size_t b) { return topics[a].size() < topics[b].size(); });
  order.erase(
      std::remove_if(order.begin(), order.end(), [&topics](size_t t) { return topics[t].empty(); }),
      order.end());
  return order;
}

struct Distances {
  std::vector<std::vector<double>> dist;
  std::vector<std::vector<uint32_t>> source;
};

TeamAssignment Assemble(const std::vector<std::vector<TopicCandidate>>& topics,
                        const std::vector<size_t>& order, const Distances& d,
                        const TeamOptions& options, uint32_t anchor, double anchor_penalty) {
  TeamAssignment a;
  a.covered_by.assign(topics.size(), -1);
  a.members.push_back(anchor);
  for (size_t i = 0; i < order.size(); ++i) {
    size_t t = order[i];
    double cost = d.dist[t][anchor];
    uint32_t who = d.source[t][anchor];
    if (i == 0 && !options.has_leader) {
      cost = anchor_penalty;  // the seed covers the rarest topic itself
      who = anchor;
    }
    if (cost == kUnreachable) continue;
    if (std::find(a.members.begin(), a.members.end(), who) == a.members.end()) {
      if (options.max_size > 0 && a.members.size() >= options.max_size) continue;
      a.members.push_back(who);
    }
    a.covered_by[t] = who;
    a.cost = options.has_leader ? a.cost + cost : std::max(a.cost, cost);
  }
  return a;
}

size_t Uncovered(const TeamAssignment& a) {
  return static_cast<size_t>(std::count(a.covered_by.begin(), a.covered_by.end(), -1));
}

}  // namespace

void TopicDistances(const WeightedGraph& graph, const std::vector<TopicCandidate>& candidates,
                    const TeamOptions& options, std::vector<double>* dist,
                    std::vector<uint32_t>* source) {
  dist->assign(graph.node_count(), kUnreachable);
  source->assign(graph.node_count(), 0);
  double best = 0;
  for (const TopicCandidate& c : candidates) best = std::max(best, c.score);
  MinQueue queue;
  for (const TopicCandidate& c : candidates) {
    double pen = Penalty(c, best, options.expertise_weight);
    if (pen > options.radius || pen >= (*dist)[c.node]) continue;
    (*dist)[c.node] = pen;
    (*source)[c.node] = c.node;
    queue.push({pen, c.node});
  }
  Relax(graph, options.radius, &queue, dist, source);
}

std::vector<TeamAssignment> FormTeams(const WeightedGraph& graph,
                                      const std::vector<std::vector<TopicCandidate>>& topics,
                                      const TeamOptions& options) {
  std::vector<size_t> order = RarestOrder(topics);
  if (order.empty()) return {};
  Distances d;
  d.dist.resize(topics.size());
  d.source.resize(topics.size());
  for (size_t t : order) TopicDistances(graph, topics[t], options, &d.dist[t], &d.source[t]);

  std::vector<TeamAssignment> all;
  if (options.has_leader) {
    all.push_back(Assemble(topics, order, d, options, options.leader, 0));
  } else {
    const auto& seeds = topics[order[0]];
    double best = 0;
    for (const TopicCandidate& c : seeds) best = std::max(best, c.score);
    for (const TopicCandidate& c : seeds) {
      all.push_back(
          Assemble(topics, order, d, options, c.node, Penalty(c, best, options.expertise_weight)));
    }
  }
  for (TeamAssignment& a : all) {
    if (!options.has_leader) std::sort(a.members.begin(), a.members.end());
  }
  std::stable_sort(all.begin(), all.end(), [](const TeamAssignment& a, const TeamAssignment& b) {
    if (Uncovered(a) != Uncovered(b)) return Uncovered(a) < Uncovered(b);
    if (a.cost != b.cost) return a.cost < b.cost;
    return a.members < b.members;
  });
  std::vector<TeamAssignment> distinct;
  for (TeamAssignment& a : all) {
    if (distinct.size() >= std::max<size_t>(1, options.alternatives)) break;
    bool seen = std::any_of(distinct.begin(), distinct.end(),
                            [&a](const TeamAssignment& b) { return b.members == a.members; });
    if (!seen) distinct.push_back(std::move(a));
  }
  return distinct;
}

namespace {

std::vector<TopicCandidate> CandidatesFor(const graph::GraphView& graph, Vid topic,
                                          const TeamQuery& query, const RankingConfig& config,
                                          const std::map<Vid, uint32_t>& index) {
  ExpertsQuery q;
  q.topics = {TopicMatch{topic, MatchKind::kId, 1.0}};
  q.limit = 0;
  q.max_evidence = 1;
  q.department = query.department;
  q.as_of = query.as_of == kNoDay ? Today() : query.as_of;
  std::vector<ScoredPerson> experts;
  if (query.experts) {
    experts = query.experts(q);
  } else {
    for (const Expert& e : FindExperts(graph, q, config)) experts.push_back({e.person, e.score});
  }
  std::vector<TopicCandidate> out;
  for (const ScoredPerson& e : experts) {
    if (e.score < query.min_score || out.size() >= query.candidates_per_topic) break;
    if (std::find(query.exclude.begin(), query.exclude.end(), e.person) != query.exclude.end()) {
      continue;
    }
    auto it = index.find(e.person);
    if (it != index.end()) out.push_back({it->second, e.score});
  }
  return out;
}

double TeamDiameter(const WeightedGraph& g, const std::vector<uint32_t>& members) {
  double diameter = 0;
  for (uint32_t m : members) {
    std::vector<double> dist = ShortestFrom(g, m);
    for (uint32_t o : members) diameter = std::max(diameter, dist[o]);
  }
  return diameter;
}

Team ToTeam(const CollaborationGraph& collab, const TeamQuery& query,
            const std::vector<std::vector<TopicCandidate>>& candidates, const TeamAssignment& a) {
  Team team;
  std::map<uint32_t, size_t> slot;
  for (uint32_t m : a.members) {
    slot[m] = team.members.size();
    team.members.push_back({collab.people[m], {}, 0});
  }
  for (size_t t = 0; t < query.topics.size(); ++t) {
    if (a.covered_by[t] < 0) {
      team.uncovered.push_back(query.topics[t]);
      continue;
    }
    uint32_t node = static_cast<uint32_t>(a.covered_by[t]);
    double score = 0;
    for (const TopicCandidate& c : candidates[t]) {
      if (c.node == node) score = c.score;
    }
    TeamMember& m = team.members[slot[node]];
    m.covers.push_back(query.topics[t]);
    m.score += score;
    team.expertise += score;
    team.covered.push_back(query.topics[t]);
  }
  team.cost = a.cost;
  if (query.leader != graph::kNoVid) {
    std::vector<double> dist = ShortestFrom(collab.graph, a.members[0]);
    for (int64_t who : a.covered_by) {
      if (who >= 0) team.communication_cost += dist[static_cast<size_t>(who)];
    }
  } else {
    team.communication_cost = TeamDiameter(collab.graph, a.members);
  }
  return team;
}

}  // namespace

std::vector<Team> FindTeams(const graph::GraphView& graph, const TeamQuery& query,
                            const RankingConfig& config) {
  CollaborationGraph collab = BuildCollaborationGraph(graph, nullptr, CollaborationOptions{});
  std::map<Vid, uint32_t> index;
  for (uint32_t i = 0; i < collab.people.size(); ++i) index.emplace(collab.people[i], i);
  std::vector<std::vector<TopicCandidate>> candidates;
  for (Vid t : query.topics) candidates.push_back(CandidatesFor(graph, t, query, config, index));

  TeamOptions options = query.options;
  options.max_size = query.max_size;
  options.alternatives = query.alternatives;
  options.has_leader = false;
  if (query.leader != graph::kNoVid) {
    auto it = index.find(query.leader);
    if (it == index.end()) return {};  // opted out or not a person: the caller checks
    options.has_leader = true;
    options.leader = it->second;
  }
  std::vector<Team> teams;
  for (const TeamAssignment& a : FormTeams(collab.graph, candidates, options)) {
    teams.push_back(ToTeam(collab, query, candidates, a));
  }
  if (teams.empty()) {
    Team none;
    none.uncovered = query.topics;
    teams.push_back(std::move(none));
  }
  return teams;
}

}  // namespace whoknows::query
