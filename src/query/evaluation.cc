// Ranking-quality metrics and the evaluation loop: see whoknows/query/evaluation.h.
#include "whoknows/query/evaluation.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <unordered_map>

#include "whoknows/query/experts.h"

namespace whoknows::query {

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t tab; (tab = line.find('\t', start)) != std::string_view::npos; start = tab + 1) {
    out.push_back(line.substr(start, tab - start));
  }
  out.push_back(line.substr(start));
  return out;
}

size_t RelevantInTop(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                     size_t k) {
  size_t n = 0;
  for (size_t i = 0; i < ranked.size() && i < k; ++i) n += relevant.count(ranked[i]);
  return n;
}

Result<size_t> ColumnOf(const std::vector<std::string_view>& header, std::string_view name) {
  auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) {
    return Status::InvalidArgument("bad_truth", "no column '" + std::string(name) + "'");
  }
  return static_cast<size_t>(it - header.begin());
}

}  // namespace

Result<std::vector<TruthTopic>> ParseTruth(std::string_view text) {
  std::vector<TruthTopic> topics;
  std::unordered_map<std::string, size_t> index;
  std::vector<std::string_view> header;
  size_t topic_col = 0, title_col = 0, person_col = 0;
  int64_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    auto fields = SplitTabs(line);
    if (header.empty()) {
      header = fields;
      WK_ASSIGN_OR_RETURN(topic_col, ColumnOf(header, "topic_id"));
      WK_ASSIGN_OR_RETURN(title_col, ColumnOf(header, "title"));
      WK_ASSIGN_OR_RETURN(person_col, ColumnOf(header, "person_id"));
      continue;
    }
    if (fields.size() <= std::max({topic_col, title_col, person_col})) {
      return Status::InvalidArgument("bad_truth",
                                     "line " + std::to_string(line_no) + ": too few columns");
    }
    auto [it, fresh] = index.emplace(std::string(fields[topic_col]), topics.size());
    if (fresh) topics.push_back({it->first, std::string(fields[title_col]), {}});
    if (!fields[person_col].empty()) {
      topics[it->second].relevant.insert(std::string(fields[person_col]));
    }
  }
  if (header.empty()) return Status::InvalidArgument("bad_truth", "empty ground truth");
  return topics;
}

double ReciprocalRank(const std::vector<std::string>& ranked,
                      const std::set<std::string>& relevant) {
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (relevant.count(ranked[i])) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

double HitAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
              size_t k) {
  return RelevantInTop(ranked, relevant, k) > 0 ? 1.0 : 0.0;
}

double PrecisionAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                    size_t k) {
  if (k == 0) return 0;
  return static_cast<double>(RelevantInTop(ranked, relevant, k)) / static_cast<double>(k);
}

double RecallAtK(const std::vector<std::string>& ranked, const std::set<std::string>& relevant,
                 size_t k) {
  if (relevant.empty()) return 0;
  return static_cast<double>(RelevantInTop(ranked, relevant, k)) /
         static_cast<double>(relevant.size());
}

Day LatestDocumentDay(const graph::GraphView& graph) {
  Day latest = kNoDay;
  for (graph::Vid v : graph.NodesOfKind(graph::Kind::kDocument)) {
    const graph::NodeData* node = graph.Node(v);
    if (node && node->created != kNoDay) latest = std::max(latest, node->created);
  }
  return latest;
}

EvalSummary Evaluate(const graph::GraphView& graph, const std::vector<TruthTopic>& truth, size_t k,
                     Day as_of, const RankingConfig& config) {
  std::unordered_map<std::string_view, graph::Vid> topic_vids;
  for (graph::Vid v : graph.NodesOfKind(graph::Kind::kTopic)) {
    if (const graph::NodeData* node = graph.Node(v)) topic_vids.emplace(node->id, v);
  }
  EvalSummary summary;
  summary.k = k;
  for (const TruthTopic& topic : truth) {
    TopicResult result;
    result.topic_id = topic.topic_id;
    std::vector<std::string> ranked;
    auto it = topic_vids.find(topic.topic_id);
    if (it != topic_vids.end()) {
      result.known = true;
      ExpertsQuery query;
      query.topics = {TopicMatch{it->second, MatchKind::kId, 1.0}};
      query.limit = 0;
      query.as_of = as_of;
      query.max_evidence = 1;
      for (const Expert& e : FindExperts(graph, query, config)) {
        ranked.push_back(graph.Node(e.person)->id.str());
      }
    }
    result.answered = !ranked.empty();
    result.rr = ReciprocalRank(ranked, topic.relevant);
    result.first_relevant_rank = result.rr > 0 ? static_cast<size_t>(1.0 / result.rr + 0.5) : 0;
    result.hit = HitAtK(ranked, topic.relevant, k);
    result.precision = PrecisionAtK(ranked, topic.relevant, k);
    result.recall = RecallAtK(ranked, topic.relevant, k);
    ranked.resize(std::min(ranked.size(), k));
    result.top = std::move(ranked);
    summary.unanswered += !result.answered;
    summary.mrr += result.rr;
    summary.hit += result.hit;
    summary.precision += result.precision;
    summary.recall += result.recall;
    summary.per_topic.push_back(std::move(result));
  }
  summary.topics = truth.size();
  if (summary.topics > 0) {
    const double n = static_cast<double>(summary.topics);
    summary.mrr /= n;
    summary.hit /= n;
    summary.precision /= n;
    summary.recall /= n;
  }
  return summary;
}

Result<RankingConfig> RankingPreset(std::string_view name) {
  RankingConfig config;
  if (name == "default") return config;
  if (name == "simple") {
    // Authored documents only, 1/n per author, half-life two years, narrower topics at 0.5 per
    // level up to 3: the score scripts/bench asks Kuzu and PostgreSQL for (benchmarks/peers).
    config.contributor_weight = 0;
    config.role_weights.clear();
    config.project_weight = 0;
    config.skill_weight = 0;
    config.endorsement_weight = 0;
    config.related_weight = 0;
    config.activity_exponent = 0;
    config.document_half_life_days = 730;
    config.narrower_decay = 0.5;
    config.max_narrower_depth = 3;
    return config;
  }
  if (name != "history") {
    return Status::InvalidArgument("bad_setting", "unknown preset '" + std::string(name) + "'");
  }
  config.document_half_life_days = 2920;
  config.role_weights["acked-by"] = 2.0;
  config.role_weights["reviewed-by"] = 2.0;
  config.role_weights["committer"] = 0.0;
  // The author of the commit that first touched a file (docs/quality.md, row 20).
  config.role_weights["creator"] = 8.0;
  // The author of the first commit about a topic (docs/quality.md, row 23).
  config.role_weights["founder"] = 64.0;
  config.activity_exponent = 0.25;
  // People who stopped contributing long ago rank lower (docs/quality.md, row 30).
  config.person_half_life_days = 2920;
  return config;
}

Status ApplyRankingOverrides(std::string_view overrides, RankingConfig* config) {
  std::map<std::string, double*> fields = {
      {"author_weight", &config->author_weight},
      {"activity_exponent", &config->activity_exponent},
      {"person_half_life_days", &config->person_half_life_days},
      {"contributor_weight", &config->contributor_weight},
      {"document_half_life_days", &config->document_half_life_days},
      {"project_half_life_days", &config->project_half_life_days},
      {"project_weight", &config->project_weight},
      {"skill_weight", &config->skill_weight},
      {"endorsement_weight", &config->endorsement_weight},
      {"narrower_decay", &config->narrower_decay},
      {"related_weight", &config->related_weight}};
  while (!overrides.empty()) {
    size_t comma = overrides.find(',');
    std::string item(overrides.substr(0, comma));
    overrides = comma == std::string_view::npos ? std::string_view() : overrides.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("bad_setting", "'" + item + "' is not NAME=VALUE");
    }
    std::string name = item.substr(0, eq), value = item.substr(eq + 1);
    char* end = nullptr;
    double number = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') {
      return Status::InvalidArgument("bad_setting", "'" + value + "' is not a number");
    }
    if (name.rfind("role.", 0) == 0 && name.size() > 5) {
      config->role_weights[name.substr(5)] = number;
    } else if (auto it = fields.find(name); it != fields.end()) {
      *it->second = number;
    } else {
      return Status::InvalidArgument("bad_setting", "unknown setting '" + name + "'");
    }
  }
  return Status::OK();
}

}  // namespace whoknows::query
