// Service: POST /v1/teams over query/teams.h, and the parsing of its body.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "service_util.h"
#include "topic_list.h"
#include "whoknows/api/service.h"
#include "whoknows/query/teams.h"

namespace whoknows::api {

namespace {

using graph::Vid;
using nlohmann::json;

constexpr size_t kMaxTeamSize = 100;
constexpr size_t kMaxAlternatives = 10;

Status Invalid(const std::string& field, const std::string& what) {
  return Status::InvalidArgument("invalid_parameter", field + " " + what);
}

Result<std::vector<std::string>> StringList(const json& value, const std::string& field) {
  if (!value.is_array()) return Invalid(field, "must be an array of strings");
  std::vector<std::string> out;
  for (const json& item : value) {
    if (!item.is_string()) return Invalid(field, "must be an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

Result<size_t> Count(const json& value, const std::string& field, size_t min, size_t max) {
  if (!value.is_number_integer() || value.get<int64_t>() < static_cast<int64_t>(min) ||
      value.get<int64_t>() > static_cast<int64_t>(max)) {
    return Invalid(field,
                   "must be an integer from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return static_cast<size_t>(value.get<int64_t>());
}

Status ReadField(const std::string& key, const json& value, TeamsParams* p) {
  if (key == "topics") {
    WK_ASSIGN_OR_RETURN(p->topics, StringList(value, key));
    if (p->topics.empty()) return Invalid(key, "must name at least one topic");
  } else if (key == "exclude") {
    WK_ASSIGN_OR_RETURN(p->exclude, StringList(value, key));
  } else if (key == "max_size") {
    WK_ASSIGN_OR_RETURN(p->max_size, Count(value, key, 1, kMaxTeamSize));
  } else if (key == "alternatives") {
    WK_ASSIGN_OR_RETURN(p->alternatives, Count(value, key, 1, kMaxAlternatives));
  } else if (key == "department") {
    if (!value.is_string() && !value.is_null()) return Invalid(key, "must be a string");
    p->department = value.is_string() ? value.get<std::string>() : "";
  } else if (key == "leader") {
    if (!value.is_string() && !value.is_null()) return Invalid(key, "must be a person id or null");
    p->leader = value.is_string() ? value.get<std::string>() : "";
    if (value.is_string() && p->leader.empty()) return Invalid(key, "must not be empty");
  } else if (key == "min_score") {
    if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0) {
      return Invalid(key, "must be a number >= 0");
    }
    p->min_score = value.get<double>();
  } else {
    return Invalid(key, "is not a field of a team request");
  }
  return Status::OK();
}

json TeamJson(const graph::GraphView& graph, const query::Team& team) {
  auto ids = [&graph](const std::vector<Vid>& vids) {
    json out = json::array();
    for (Vid v : vids) out.push_back(graph.Node(v)->id);
    return out;
  };
  json members = json::array();
  for (const query::TeamMember& m : team.members) {
    const graph::NodeData* node = graph.Node(m.person);
    members.push_back(json{
        {"id", node->id}, {"name", node->name}, {"covers", ids(m.covers)}, {"score", m.score}});
  }
  return json{{"members", std::move(members)},
              {"covered", ids(team.covered)},
              {"uncovered", ids(team.uncovered)},
              {"expertise", team.expertise},
              {"communication_cost", team.communication_cost}};
}

// The vid of a visible person `id`, or nullopt.
std::optional<Vid> VisiblePerson(graph::Database& db, const graph::GraphView& graph,
                                 const std::string& id) {
  if (!internal::CheckId(id).ok()) return std::nullopt;
  auto vid = db.Lookup(graph::Kind::kPerson, id);
  if (!vid) return std::nullopt;
  const graph::NodeData* node = graph.Node(*vid);
  if (node == nullptr || node->kind != graph::Kind::kPerson || node->id != id || node->opted_out) {
    return std::nullopt;
  }
  return vid;
}

}  // namespace

Result<TeamsParams> ParseTeamsBody(std::string_view body) {
  WK_ASSIGN_OR_RETURN(json doc, internal::ParseJsonBody(body));
  if (!doc.is_object())
    return Status::InvalidArgument("malformed_json", "the body must be an object");
  if (!doc.contains("topics")) {
    return Status::InvalidArgument("missing_parameter", "topics is required: a list of topics");
  }
  TeamsParams params;
  for (const auto& [key, value] : doc.items()) WK_RETURN_IF_ERROR(ReadField(key, value, &params));
  return params;
}

Result<json> Service::Teams(const TeamsParams& params, json* error_details) {
  if (params.max_size > kMaxTeamSize) return Invalid("max_size", "must be from 1 to 100");
  if (params.alternatives < 1 || params.alternatives > kMaxAlternatives) {
    return Invalid("alternatives", "must be from 1 to 10");
  }
  if (!std::isfinite(params.min_score) || params.min_score < 0) {
    return Invalid("min_score", "must be a number >= 0");
  }
  if (!params.leader.empty() && std::find(params.exclude.begin(), params.exclude.end(),
                                          params.leader) != params.exclude.end()) {
    return Invalid("leader", "must not be excluded");
  }
  auto snapshot = db_.Snapshot();
  auto index = Topics(*snapshot);
  query::TeamQuery q;
  WK_ASSIGN_OR_RETURN(q.topics, internal::ResolveTopicList(*snapshot, *index, params.topics,
                                                           "topics", error_details));
  if (!params.leader.empty()) {
    auto leader = VisiblePerson(db_, *snapshot, params.leader);
    if (!leader) {
      return Status::NotFound("not_found", "no person '" + internal::Excerpt(params.leader) + "'");
    }
    q.leader = *leader;
  }
  for (const std::string& id : params.exclude) {
    if (auto vid = db_.Lookup(graph::Kind::kPerson, id)) q.exclude.push_back(*vid);
  }
  q.department = params.department;
  q.max_size = params.max_size;
  q.alternatives = params.alternatives;
  q.min_score = params.min_score;
  q.as_of = AsOf();
  q.experts = [this, &snapshot](const query::ExpertsQuery& topic) {
    return experts_->Scores(snapshot, topic);
  };
  json teams = json::array();
  for (const query::Team& t : query::FindTeams(*snapshot, q, options_.ranking)) {
    teams.push_back(TeamJson(*snapshot, t));
  }
  return json{{"algorithm", q.leader == graph::kNoVid ? "rarest_first" : "leader"},
              {"teams", std::move(teams)}};
}

}  // namespace whoknows::api
