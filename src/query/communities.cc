// FindCommunities: Leiden on the collaboration graph, then topics and roles per community.
#include "whoknows/query/communities.h"

#include <algorithm>
#include <future>
#include <numeric>
#include <unordered_map>

namespace whoknows::query {
namespace {

using graph::Kind;
using graph::Vid;

// Topic mass per community: about-weight x (members of the community among the item's people /
// the item's people), over every document and project.
std::vector<std::unordered_map<Vid, double>> TopicMass(const graph::GraphView& g,
                                                       const CollaborationGraph& collab,
                                                       const std::vector<uint32_t>& community,
                                                       uint32_t count) {
  std::unordered_map<Vid, uint32_t> community_of;
  for (uint32_t i = 0; i < collab.people.size(); ++i) {
    community_of.emplace(collab.people[i], community[i]);
  }
  std::vector<std::unordered_map<Vid, double>> mass(count);
  std::vector<Vid> people;
  std::unordered_map<uint32_t, double> share;
  for (Kind kind : {Kind::kDocument, Kind::kProject}) {
    for (Vid item : g.NodesOfKind(kind)) {
      ItemPeople(g, item, &people);
      share.clear();
      for (Vid p : people) {
        auto it = community_of.find(p);
        if (it != community_of.end()) share[it->second] += 1.0 / static_cast<double>(people.size());
      }
      if (share.empty()) continue;
      for (const graph::Edge& e : g.Out(item)) {
        if (e.type != graph::EdgeType::kAbout) continue;
        for (const auto& [c, s] : share) mass[c][e.other] += s * e.props.weight;
      }
    }
  }
  return mass;
}

std::vector<CommunityTopic> TopTopics(const graph::GraphView& g,
                                      const std::unordered_map<Vid, double>& mass, size_t max) {
  double total = 0;
  std::vector<CommunityTopic> topics;
  for (const auto& [topic, m] : mass) {
    total += m;
    topics.push_back({topic, m});
  }
  std::sort(topics.begin(), topics.end(), [&](const CommunityTopic& a, const CommunityTopic& b) {
    if (a.weight != b.weight) return a.weight > b.weight;
    return g.Node(a.topic)->id < g.Node(b.topic)->id;
  });
  if (topics.size() > max) topics.resize(max);
  for (CommunityTopic& t : topics) t.weight /= total;
  return topics;
}

// The betweenness above which a person with ties into another community is a broker: the 90th
// percentile of the non-zero values (infinity when there are none).
double BrokerThreshold(std::vector<double> betweenness) {
  betweenness.erase(std::remove(betweenness.begin(), betweenness.end(), 0.0), betweenness.end());
  if (betweenness.empty()) return 1e300;
  const size_t k = betweenness.size() * 9 / 10;
  std::nth_element(betweenness.begin(), betweenness.begin() + k, betweenness.end());
  return betweenness[k];
}

bool TiesOutside(const WeightedGraph& w, uint32_t v, const std::vector<uint32_t>& community) {
  for (uint64_t e = w.offsets[v]; e < w.offsets[v + 1]; ++e) {
    if (community[w.neighbors[e]] != community[v]) return true;
  }
  return false;
}

double InternalStrength(const WeightedGraph& w, uint32_t v, const std::vector<uint32_t>& comm) {
  double s = 0;
  for (uint64_t e = w.offsets[v]; e < w.offsets[v + 1]; ++e) {
    if (comm[w.neighbors[e]] == comm[v]) s += w.weights[e];
  }
  return s;
}

// Members of one community with scores and roles, sorted.
std::vector<CommunityMember> Members(const graph::GraphView& g, const CollaborationGraph& collab,
                                     const std::vector<uint32_t>& nodes,
                                     const std::vector<uint32_t>& community,
                                     const std::vector<double>& evidence,
                                     const std::vector<uint32_t>& core,
                                     const std::vector<double>& betweenness, double threshold) {
  uint32_t max_core = 0;
  std::vector<double> scores;
  for (uint32_t v : nodes) {
    max_core = std::max(max_core, core[v]);
    if (!evidence.empty()) scores.push_back(evidence[v]);
  }
  double median = 0;
  if (!scores.empty()) {
    std::nth_element(scores.begin(), scores.begin() + scores.size() / 2, scores.end());
    median = scores[scores.size() / 2];
  }
  std::vector<CommunityMember> members;
  for (uint32_t v : nodes) {
    CommunityMember m;
    m.person = collab.people[v];
    m.score = evidence.empty() ? InternalStrength(collab.graph, v, community) : evidence[v];
    if (betweenness[v] > 0 && betweenness[v] >= threshold &&
        TiesOutside(collab.graph, v, community)) {
      m.role = MemberRole::kBroker;
    } else if (max_core >= 2 && core[v] == max_core && (evidence.empty() || m.score >= median)) {
      m.role = MemberRole::kCore;
    }
    members.push_back(m);
  }
  std::sort(members.begin(), members.end(),
            [&](const CommunityMember& a, const CommunityMember& b) {
              if (a.score != b.score) return a.score > b.score;
              return g.Node(a.person)->id < g.Node(b.person)->id;
            });
  return members;
}

}  // namespace

std::string_view MemberRoleName(MemberRole role) {
  switch (role) {
    case MemberRole::kCore:
      return "core";
    case MemberRole::kBroker:
      return "broker";
    case MemberRole::kMember:
      break;
  }
  return "member";
}

CommunitiesResult FindCommunities(const graph::GraphView& g, const std::vector<Vid>* people,
                                  const std::vector<double>* scores,
                                  const CommunitiesOptions& options) {
  const CollaborationGraph collab = BuildCollaborationGraph(g, people, options.collaboration);
  // Betweenness does not depend on the partition: its passes run beside Leiden (one thread) and
  // use the cores Leiden leaves, instead of waiting for it.  The result is the same.
  std::future<std::vector<double>> brandes = std::async(std::launch::async, [&] {
    return Betweenness(collab.graph, options.exact_betweenness_limit, options.betweenness_samples,
                       options.leiden.seed);
  });
  const Partition p = Leiden(collab.graph, options.leiden);
  std::vector<double> evidence;  // per collaboration node
  if (scores != nullptr) {
    std::unordered_map<Vid, double> by_person;
    for (size_t i = 0; i < people->size(); ++i) by_person[(*people)[i]] += (*scores)[i];
    for (Vid v : collab.people) evidence.push_back(by_person[v]);
  }
  const std::vector<uint32_t> core = CoreNumbers(collab.graph, p.community);
  const std::vector<double> betweenness = brandes.get();
  const double threshold = BrokerThreshold(betweenness);
  std::vector<std::vector<uint32_t>> nodes(p.count);
  for (uint32_t v = 0; v < collab.people.size(); ++v) nodes[p.community[v]].push_back(v);
  const auto mass = TopicMass(g, collab, p.community, p.count);

  CommunitiesResult result;
  result.modularity = p.modularity;
  for (uint32_t c = 0; c < p.count; ++c) {
    Community community;
    community.members =
        Members(g, collab, nodes[c], p.community, evidence, core, betweenness, threshold);
    community.topics = TopTopics(g, mass[c], options.max_topics);
    result.communities.push_back(std::move(community));
  }
  std::stable_sort(result.communities.begin(), result.communities.end(),
                   [&](const Community& a, const Community& b) {
                     if (a.members.size() != b.members.size()) {
                       return a.members.size() > b.members.size();
                     }
                     return g.Node(a.members[0].person)->id < g.Node(b.members[0].person)->id;
                   });
  return result;
}

}  // namespace whoknows::query
