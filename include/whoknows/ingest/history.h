// Repository-history import: a folder of tab-separated files describing a version-control history
// (the format of /work/shared/data/*: people.tsv, commits.tsv.gz, commit_files.tsv.gz,
// commit_trailers.tsv.gz, topics.tsv) turned into graph records.
//
// Mapping:
// - people.tsv (person_id, name, ...) -> persons; an id referenced only by a commit or trailer
//   becomes a person named by its id.
// - topics.tsv (topic_id, title, and either file_patterns + exclude_patterns, space-separated, or
//   path_pattern) -> topics named by title.
// - commits.tsv.gz (sha, author_date, author_id, committer_id, subject) -> documents: name =
//   subject, created = author date, authored by author_id.
// - commit_trailers.tsv.gz (sha, role, person_id) -> contributors with role = the trailer name
//   lower-cased ("reviewed-by", "acked-by", ...).  A sign-off by the author is not a contribution;
//   a person appears once per document, at the first role given.  A committer who is not the
//   author counts as a contributor with role "committer" (HistoryOptions).
// - first authorship (HistoryOptions): the author of the first commit (by author time, UTC)
//   touching a file about a topic is also a contributor with role "creator" on it; the author of
//   the first commit about a topic, role "founder" instead.  One such edge per commit.
// - commit_files.tsv.gz (sha, path) -> each document is about every topic one of its files
//   matches, with weight = the share of the commit's files that match it (or 1, HistoryOptions).
//
// Pattern semantics (MAINTAINERS): a pattern ending in '/' matches every file below that
// directory; otherwise it matches a file equal to it, or (with wildcards, which never cross a
// '/') matching it, or a file below a directory it names or matches.  A file matching an
// exclude pattern of a topic does not count for that topic.
#ifndef WHOKNOWS_INGEST_HISTORY_H_
#define WHOKNOWS_INGEST_HISTORY_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/database.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest {

struct HistoryOptions {
  bool committer_as_contributor = true;  // role "committer" for a committer who is not the author
  bool weight_by_file_share = true;      // about weight = share of the files matching the topic
  bool skip_unmatched_commits = true;    // commits about no topic are not imported
  bool creator_role = true;  // the author of the first commit touching a file gets role "creator"
  bool founder_role = true;  // the author of the first commit about a topic gets role "founder"
};

// A topic's path patterns (MAINTAINERS F: and X: lines).
struct PathTopic {
  std::string id;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

// True when `path` (a file path relative to the repository root) matches `pattern` as above.
bool PathMatches(std::string_view pattern, std::string_view path);
// True when `path` matches an include pattern of `topic` and none of its exclude patterns.
bool TopicMatches(const PathTopic& topic, std::string_view path);

struct HistoryCounts {
  size_t people = 0;
  size_t topics = 0;
  size_t documents = 0;        // commits imported
  size_t skipped_commits = 0;  // commits about no topic (skip_unmatched_commits)
  size_t contributors = 0;     // contributor edges
  size_t about = 0;            // document -> topic edges
};

// Called with a short description of each phase as it starts ("reading commits", ...).
using ProgressFn = std::function<void(std::string_view phase)>;

// Reads the dataset in `dir` into records (persons and topics first).  Errors: IOError for a
// missing or unreadable file, InvalidArgument "bad_history" for a file without the expected
// header columns or a malformed row (message names file and line).
Result<std::vector<graph::Record>> ReadHistory(const std::string& dir,
                                               const HistoryOptions& options, HistoryCounts* counts,
                                               const ProgressFn& progress = nullptr);

// ReadHistory, then one Database::Apply of every record: the import is atomic as a whole (on
// error the database is unchanged).
Result<HistoryCounts> ImportHistory(graph::Database& db, const std::string& dir,
                                    const HistoryOptions& options,
                                    const ProgressFn& progress = nullptr);

}  // namespace whoknows::ingest

#endif  // WHOKNOWS_INGEST_HISTORY_H_
