// Service: GET /v1/coverage and GET /v1/coverage/gaps, over query/coverage.h.
//
// Coverage pages are positional: every topic is scored, sorted riskiest first, and the cursor
// names the offset of the next page (base64url like every cursor).  A page is consistent with the
// data it was computed from; after writes a later page may repeat or skip a topic whose risk
// changed, as with any ranking.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cursor.h"
#include "json_mapping.h"
#include "service_util.h"
#include "topic_list.h"
#include "whoknows/api/service.h"
#include "whoknows/query/coverage.h"

namespace whoknows::api {

namespace {

using graph::GraphView;
using graph::Vid;
using nlohmann::json;

Status InvalidParameter(const std::string& message) {
  return Status::InvalidArgument("invalid_parameter", message);
}

Status CheckMinScore(double min_score) {
  if (std::isfinite(min_score) && min_score >= 0) return Status::OK();
  return InvalidParameter("min_score must be a number >= 0");
}

json PersonRef(const GraphView& graph, Vid person) {
  const graph::NodeData* node = graph.Node(person);
  return json{{"id", node->id}, {"name", node->name}};
}

json CoverageJson(const GraphView& graph, const query::TopicCoverage& c, size_t top) {
  const graph::NodeData* topic = graph.Node(c.topic);
  json departments = json::object();
  for (const auto& [name, n] : c.departments) departments[name] = n;
  json top_json = json::array();
  for (size_t i = 0; i < c.experts.size() && i < top; ++i) {
    json p = PersonRef(graph, c.experts[i].person);
    p["score"] = c.experts[i].score;
    top_json.push_back(std::move(p));
  }
  json risks = json::array();
  for (query::CoverageRisk r : c.risks) risks.push_back(std::string(query::CoverageRiskName(r)));
  return json{{"id", topic->id},
              {"name", topic->name},
              {"experts", c.experts.size()},
              {"bus_factor", c.bus_factor},
              {"held_items", c.held_items},
              {"departments", std::move(departments)},
              {"top", std::move(top_json)},
              {"last_evidence",
               c.last_evidence == kNoDay ? json(nullptr) : json(FormatDate(c.last_evidence))},
              {"risks", std::move(risks)}};
}

Result<size_t> DecodeOffset(const std::string& cursor) {
  if (cursor.empty()) return size_t{0};
  auto text = internal::DecodeCursor(cursor);
  if (text && !text->empty() && text->size() < 10 &&
      std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return static_cast<size_t>(std::stoul(*text));
  }
  return InvalidParameter("cursor is not one this endpoint returned");
}

}  // namespace

Result<json> Service::Coverage(const CoverageParams& params, json* error_details) {
  WK_RETURN_IF_ERROR(CheckMinScore(params.min_score));
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  WK_ASSIGN_OR_RETURN(size_t offset, DecodeOffset(params.cursor));
  auto snapshot = db_.Snapshot();
  std::vector<Vid> topics;
  if (params.topics) {
    auto index = Topics(*snapshot);
    WK_ASSIGN_OR_RETURN(topics, internal::ResolveTopicList(*snapshot, *index, *params.topics,
                                                           "topics", error_details));
  } else {
    topics = snapshot->NodesOfKind(graph::Kind::kTopic);
  }
  query::CoverageOptions options;
  options.min_score = params.min_score;
  options.department = params.department;
  options.as_of = AsOf();
  std::vector<query::TopicCoverage> all;
  for (Vid t : topics) all.push_back(query::CoverageOf(*snapshot, t, options, options_.ranking));
  if (!params.topics) {
    std::sort(all.begin(), all.end(), [&snapshot](const auto& a, const auto& b) {
      return query::RiskierThan(*snapshot, a, b);
    });
  }
  // An explicit list is answered whole, in its order; every topic is paged.
  size_t begin = params.topics ? 0 : std::min(offset, all.size());
  size_t end = params.topics ? all.size() : std::min(all.size(), begin + params.limit);
  json items = json::array();
  for (size_t i = begin; i < end; ++i) items.push_back(CoverageJson(*snapshot, all[i], params.top));
  json next = end < all.size() ? json(internal::EncodeCursor(std::to_string(end))) : json(nullptr);
  return json{{"topics", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<json> Service::CoverageGaps(const GapsParams& params) {
  WK_RETURN_IF_ERROR(CheckMinScore(params.min_score));
  WK_RETURN_IF_ERROR(internal::CheckLimit(params.limit));
  auto snapshot = db_.Snapshot();
  query::CoverageOptions options;
  options.min_score = params.min_score;
  options.department = params.department;
  options.as_of = AsOf();
  std::vector<query::TopicGap> gaps = query::FindGaps(*snapshot, options, options_.ranking);
  json items = json::array();
  for (size_t i = 0; i < gaps.size() && i < params.limit; ++i) {
    const query::TopicGap& g = gaps[i];
    const graph::NodeData* topic = snapshot->Node(g.topic);
    json projects = json::array();
    for (Vid p : g.projects) projects.push_back(PersonRef(*snapshot, p));
    json pairs = json::array();
    for (const query::MentorPair& p : g.pairs) {
      json mentor = nullptr;
      if (p.mentor != graph::kNoVid) {
        mentor = PersonRef(*snapshot, p.mentor);
        mentor["score"] = p.mentor_score;
      }
      pairs.push_back(json{{"learner", PersonRef(*snapshot, p.learner)}, {"mentor", mentor}});
    }
    items.push_back(json{{"id", topic->id},
                         {"name", topic->name},
                         {"gap", g.gap},
                         {"experts", g.experts},
                         {"projects", std::move(projects)},
                         {"learners", g.pairs.size()},
                         {"pairs", std::move(pairs)}});
  }
  return json{{"gaps", std::move(items)}};
}

}  // namespace whoknows::api
