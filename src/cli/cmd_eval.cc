// whoknows eval: ranking quality against a ground-truth file (MRR, hit@k, P@k, R@k).
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "commands.h"
#include "flags.h"
#include "whoknows/graph/database.h"
#include "whoknows/query/evaluation.h"

namespace whoknows::cli {

namespace {

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json ToJson(const query::EvalSummary& s, Day as_of, bool per_topic) {
  nlohmann::json j = {{"k", s.k},
                      {"as_of", as_of == kNoDay ? std::string() : FormatDate(as_of)},
                      {"topics", s.topics},
                      {"unanswered", s.unanswered},
                      {"mrr", s.mrr},
                      {"hit_at_k", s.hit},
                      {"precision_at_k", s.precision},
                      {"recall_at_k", s.recall}};
  if (per_topic) {
    j["per_topic"] = nlohmann::json::array();
    for (const auto& t : s.per_topic) {
      j["per_topic"].push_back({{"topic_id", t.topic_id},
                                {"known", t.known},
                                {"first_relevant_rank", t.first_relevant_rank},
                                {"rr", t.rr},
                                {"top", t.top}});
    }
  }
  return j;
}

void PrintText(const query::EvalSummary& s, Day as_of, bool per_topic) {
  if (per_topic) {
    for (const auto& t : s.per_topic) {
      std::printf("%-14s rank %-4s rr %.3f\n", t.topic_id.c_str(),
                  t.first_relevant_rank ? std::to_string(t.first_relevant_rank).c_str() : "-",
                  t.rr);
    }
  }
  std::printf("as of %s, k = %zu\n", as_of == kNoDay ? "today" : FormatDate(as_of).c_str(), s.k);
  std::printf("topics %zu (unanswered %zu)  MRR %.3f  hit@%zu %.3f  P@%zu %.3f  R@%zu %.3f\n",
              s.topics, s.unanswered, s.mrr, s.k, s.hit, s.k, s.precision, s.k, s.recall);
}

}  // namespace

int RunEval(const Args& args) {
  auto flags =
      Flags::Parse(args, {"db", "truth", "k", "as-of", "set", "preset"}, {"json", "per-topic"});
  if (!flags.ok()) return Fail("eval", flags.status());
  auto dir = flags->Require("db");
  if (!dir.ok()) return Fail("eval", dir.status());
  auto truth_path = flags->Require("truth");
  if (!truth_path.ok()) return Fail("eval", truth_path.status());
  auto k = flags->GetInt("k", 5, 1, 1000);
  if (!k.ok()) return Fail("eval", k.status());
  auto as_of = flags->GetDate("as-of");
  if (!as_of.ok()) return Fail("eval", as_of.status());
  auto preset = RankingFrom(*flags);
  if (!preset.ok()) return Fail("eval", preset.status());
  query::RankingConfig config = *preset;
  if (Status s = query::ApplyRankingOverrides(flags->Get("set"), &config); !s.ok()) {
    return Fail("eval", Status::InvalidArgument("invalid_flag", s.message()));
  }
  auto text = ReadText(*truth_path);
  if (!text.ok()) return Fail("eval", text.status());
  auto truth = query::ParseTruth(*text);
  if (!truth.ok()) return Fail("eval", truth.status());

  graph::DatabaseOptions db_options;
  db_options.store.create_if_missing = false;
  auto db = graph::Database::Open(*dir, db_options);
  if (!db.ok()) return Fail("eval", db.status());
  auto graph = (*db)->Snapshot();
  Day day = *as_of != kNoDay ? *as_of : query::LatestDocumentDay(*graph);
  auto summary = query::Evaluate(*graph, *truth, static_cast<size_t>(*k), day, config);
  if (flags->Has("json")) {
    std::printf("%s\n", ToJson(summary, day, flags->Has("per-topic")).dump(2).c_str());
  } else {
    PrintText(summary, day, flags->Has("per-topic"));
  }
  return 0;
}

}  // namespace whoknows::cli
