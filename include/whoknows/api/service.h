// Service: the application logic behind every endpoint, as plain functions from parameters to
// JSON.  The HTTP handlers are thin wrappers around it, and the CLI calls the same functions, so
// `whoknows experts --json` prints exactly what GET /v1/experts returns.
//
// Every function takes one snapshot of the graph (Database::Snapshot) and answers from it alone,
// so one call sees one version however many writes land meanwhile.  The shapes of the answers are
// the response schemas of schema/openapi.json.  Thread-safe: calls may run concurrently.
//
// Privacy: people who opted out never appear in an answer: not as records, not in lists, not as
// experts, and not by name or id as the endorser behind another person's evidence.  Private
// fields (e-mail) are returned only when a record function is called with `private_fields` (the
// HTTP layer does so for admin keys), which also lets GetRecord return an opted-out person.
#ifndef WHOKNOWS_API_SERVICE_H_
#define WHOKNOWS_API_SERVICE_H_

#include <atomic>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/core/result.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/query/experts_cache.h"
#include "whoknows/query/ranking_config.h"
#include "whoknows/query/topic_index.h"

namespace whoknows::api {

// The largest `limit` any call accepts.
constexpr size_t kMaxLimit = 1000;
// The evidence an expert or topic carries unless all is asked for (explain).
constexpr size_t kDefaultEvidence = 5;

struct ServiceOptions {
  Day as_of = kNoDay;  // fixes "now" for ranking; kNoDay = today at each request
  query::RankingConfig ranking;
  ingest::ImportLimits import_limits;
  // When set (an absolute directory), POST /v1/admin/backup writes only below it.
  std::string backup_root;
  // The experts cache's budget (query::ExpertsCache): per-topic profiles of the current
  // snapshot, evicted least recently used first; 0 = off.
  size_t experts_cache_bytes = query::ExpertsCache::kDefaultMaxBytes;
};

struct ExpertsParams {
  std::string topic;
  size_t limit = 10;
  std::string department;
  std::string location;
  bool explain = false;  // all evidence instead of the top few
};

struct ListParams {
  size_t limit = 50;
  std::string cursor;      // from a previous page's "next_cursor"; empty = the first page
  std::string department;  // people only; case-insensitive; empty = any
  std::string location;    // people only; case-insensitive; empty = any
};

struct ExpertiseParams {
  size_t limit = 10;
  bool explain = false;
};

// GET /v1/coverage.  `topics` absent = every topic, riskiest first, paged by limit/cursor.
struct CoverageParams {
  std::optional<std::vector<std::string>> topics;  // ids, names or aliases; present = non-empty
  std::string department;                          // case-insensitive; empty = everyone
  double min_score = 0.5;                          // query::CoverageOptions::min_score
  size_t limit = 50;
  std::string cursor;
  size_t top = 3;  // the strongest experts listed per topic
};

// GET /v1/coverage/gaps.
struct GapsParams {
  std::string department;
  double min_score = 0.5;
  size_t limit = 20;
};

// GET /v1/communities.
struct CommunitiesParams {
  std::string topic;    // id, name or alias; empty = everyone
  size_t limit = 20;    // communities listed, largest first
  size_t members = 20;  // members listed per community ("size" counts them all)
};

// POST /v1/teams.
struct TeamsParams {
  std::vector<std::string> topics;   // ids, names or aliases; at least one
  size_t max_size = 0;               // 0 = no limit
  std::vector<std::string> exclude;  // person ids; unknown ones are ignored
  std::string department;
  std::string leader;  // person id; empty = no leader (RarestFirst)
  size_t alternatives = 1;
  double min_score = 0.5;
};

// The body of POST /v1/teams: {"topics": [...], "max_size": n, "exclude": [ids], "department":
// D, "leader": id|null, "alternatives": k, "min_score": s}.  InvalidArgument "malformed_json",
// "missing_parameter" (topics) or "invalid_parameter" (naming the field) for a bad body: an
// empty topic list, max_size 0 or > 100, alternatives outside 1-10, unknown fields.
Result<TeamsParams> ParseTeamsBody(std::string_view body);

class Service {
 public:
  Service(graph::Database& db, ServiceOptions options);

  // PUT /v1/{kind}/{id}: creates or replaces the entity from the JSON text `body` and returns the
  // stored record; *created says which.  Errors: InvalidArgument "invalid_id" (the path id),
  // "malformed_json"; InvalidRecord (ingest::ParseRecord, and "dangling_reference" from
  // Database::Apply); IOError.  Nothing is written on error.
  // REQUIRES: kind is person, topic, document or project.
  Result<nlohmann::json> PutRecord(graph::Kind kind, std::string_view id, std::string_view body,
                                   bool* created, bool private_fields = false);
  // GET /v1/{kind}/{id}: the stored record.  InvalidArgument "invalid_id"; NotFound "not_found"
  // (also for a person who opted out, unless `private_fields`).
  Result<nlohmann::json> GetRecord(graph::Kind kind, std::string_view id,
                                   bool private_fields = false);
  // DELETE /v1/{kind}/{id}: the entity and every edge at it.  InvalidArgument "invalid_id";
  // NotFound "not_found"; IOError.
  Status DeleteRecord(graph::Kind kind, std::string_view id);
  // GET /v1/{kind}: {"items": [...], "next_cursor": string|null}, ordered by id, opted-out people
  // left out.  InvalidArgument "invalid_parameter" for a bad cursor or limit, or a filter on a
  // kind other than person.
  // Opted-out people stay out of lists even with `private_fields`.
  Result<nlohmann::json> ListRecords(graph::Kind kind, const ListParams& params,
                                     bool private_fields = false);

  // POST /v1/import: {"imported": {"person": n, ...}}.  Errors as ingest::Import, with line().
  Result<nlohmann::json> Import(std::string_view ndjson);

  // GET /v1/experts.  InvalidArgument "missing_parameter" / "invalid_parameter"; NotFound
  // "unknown_topic" when the topic resolves to nothing, and then, when `error_details` is given,
  // it receives {"suggestions": [{"id", "name"}, ...]} for the error object (ErrorJson).
  Result<nlohmann::json> Experts(const ExpertsParams& params,
                                 nlohmann::json* error_details = nullptr);
  // GET /v1/topics/search: {"items": [{"id", "name", "aliases", "match", "score"}]}, best first.
  // InvalidArgument "missing_parameter" for an empty query, "invalid_parameter" for a bad limit.
  Result<nlohmann::json> SearchTopics(std::string_view query, size_t limit);
  // GET /v1/people/{id}/expertise: {"person": {...}, "topics": [...]}.  InvalidArgument
  // "invalid_id" / "invalid_parameter"; NotFound "not_found" (also for a person who opted out).
  Result<nlohmann::json> PersonExpertise(std::string_view person_id, const ExpertiseParams& params);

  // GET /v1/coverage: {"topics": [{"id", "name", "experts", "bus_factor", "held_items",
  // "departments": {name: n}, "top": [{"id", "name", "score"}], "last_evidence": date|null,
  // "risks": [...]}], "next_cursor": string|null} (query/coverage.h defines every figure).
  // InvalidArgument "invalid_parameter" for an empty topic list or item, a min_score that is
  // not a finite number >= 0, a bad limit or cursor; NotFound "unknown_topic" (with suggestions
  // in *error_details) for a topic that resolves to nothing.
  Result<nlohmann::json> Coverage(const CoverageParams& params,
                                  nlohmann::json* error_details = nullptr);
  // GET /v1/coverage/gaps: {"gaps": [{"id", "name", "gap", "experts", "projects": [{"id",
  // "name"}], "learners": n, "pairs": [{"learner": {"id", "name"}, "mentor": {"id", "name",
  // "score"}|null}]}]}, worst first.  InvalidArgument "invalid_parameter" as Coverage.
  Result<nlohmann::json> CoverageGaps(const GapsParams& params);

  // GET /v1/communities: {"modularity": Q, "communities": [{"id", "size", "topics": [{"id",
  // "name", "weight"}], "members": [{"id", "name", "role", "score"}]}]}, largest first
  // (query/communities.h defines roles, scores and topic weights).  With a topic, the people
  // with evidence on it (FindExperts: the topic, its narrower and related topics) clustered by
  // how they collaborate, scored by that evidence.  InvalidArgument "invalid_parameter" for a bad
  // limit; NotFound "unknown_topic" (suggestions in *error_details).
  Result<nlohmann::json> Communities(const CommunitiesParams& params,
                                     nlohmann::json* error_details = nullptr);
  // GET /v1/topics/{id}/related: {"topic": {"id", "name"}, "related": [{"id", "name", "score",
  // "shared_documents", "shared_people"}]}, best first (query::RelatedTopics).
  // InvalidArgument "invalid_id" / "invalid_parameter"; NotFound "not_found".
  Result<nlohmann::json> RelatedTopics(std::string_view topic_id, size_t limit);
  // GET /v1/people/{id}/similar: {"person": {"id", "name"}, "similar": [{"id", "name", "score",
  // "topics": [{"id", "name"}]}]}, best first (query::SimilarPeople).  Errors as RelatedTopics
  // (an opted-out person is not found).
  Result<nlohmann::json> SimilarPeople(std::string_view person_id, size_t limit);
  // GET /v1/people/{a}/path/{b}: {"path": [{"id", "name", "via": {"kind": "document|project",
  // "id", "title"} | null}]} from a to b (query::IntroductionPath).  InvalidArgument
  // "invalid_id"; NotFound "not_found" for either person, "no_path" when no chain of at most
  // query::kMaxIntroductionHops hops exists.
  Result<nlohmann::json> IntroductionPath(std::string_view from_id, std::string_view to_id);

  // POST /v1/teams: {"algorithm": "rarest_first"|"leader", "teams": [{"members": [{"id",
  // "name", "covers": [topic ids], "score"}], "covered", "uncovered", "expertise",
  // "communication_cost"}]} (query/teams.h).  InvalidArgument "invalid_parameter" as
  // ParseTeamsBody, and for a leader who is also excluded; NotFound "unknown_topic" (with
  // suggestions) and "not_found" for an unknown leader (also one who opted out).
  Result<nlohmann::json> Teams(const TeamsParams& params, nlohmann::json* error_details = nullptr);

  // POST /v1/admin/backup: {"to": DIR} -> {"to": DIR} once a consistent copy of the database is
  // in DIR (graph::BackupDatabase; the server keeps serving meanwhile).  InvalidArgument
  // "malformed_json", "missing_parameter", "invalid_parameter" (a field other than to, a to that
  // is not a path), "invalid_backup_target" (relative, overlapping the database, no parent
  // directory, outside options().backup_root); Conflict "backup_target_exists"; IOError.
  Result<nlohmann::json> Backup(std::string_view body);

  // GET /v1/stats: {"counts": {"person": n, ...}, "edges": n, "db_bytes": n}.
  nlohmann::json Stats();
  // GET /healthz: {"status": "ok"}.
  nlohmann::json Health();

  graph::Database& db() { return db_; }
  const ServiceOptions& options() const { return options_; }
  // options().as_of, or today when that is kNoDay.
  Day AsOf() const;
  std::shared_ptr<const query::TopicIndex> Topics(const graph::GraphView& graph);
  // What answers "who knows about T" (Experts, Communities) with options().ranking.
  query::ExpertsCache& experts_cache() { return *experts_; }
  // Computes the experts profile of every topic of the current snapshot at AsOf(), for a
  // background thread after open; stops early when *stop becomes true.  Returns how many.
  size_t WarmExperts(const std::atomic<bool>* stop);

 private:
  graph::Database& db_;
  ServiceOptions options_;
  query::TopicIndexCache topics_;
  std::unique_ptr<query::ExpertsCache> experts_;
};

// The error body every endpoint returns: {"error": {"code": status.reason(), "message": ...,
// "line": N (when status.line() > 0), ...details}}.  REQUIRES: !status.ok().
nlohmann::json ErrorJson(const Status& status, const nlohmann::json& details = nullptr);

// The kind a collection path names ("people", "topics", "documents", "projects"), or nullopt.
std::optional<graph::Kind> KindOfCollection(std::string_view collection);

}  // namespace whoknows::api

#endif  // WHOKNOWS_API_SERVICE_H_
