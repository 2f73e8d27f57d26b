// The history importer: see whoknows/ingest/history.h.
#include "whoknows/ingest/history.h"

#include <fnmatch.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "history_tsv.h"
#include "whoknows/core/date.h"

namespace whoknows::ingest {

namespace {

using graph::EdgeRecord;
using graph::EdgeType;
using graph::Kind;
using graph::Record;
using internal::TsvTable;

bool HasWildcard(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

// True when `glob` (no trailing '/') matches `path` itself or one of its parent directories.
bool MatchesPathOrParent(const std::string& glob, std::string_view path, bool parents_only) {
  std::string prefix;
  for (size_t slash = path.find('/'); slash != std::string_view::npos;
       slash = path.find('/', slash + 1)) {
    prefix.assign(path.substr(0, slash));
    if (fnmatch(glob.c_str(), prefix.c_str(), FNM_PATHNAME) == 0) return true;
  }
  return !parents_only && fnmatch(glob.c_str(), std::string(path).c_str(), FNM_PATHNAME) == 0;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> SplitSpaces(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

EdgeRecord PersonEdge(EdgeType type, std::string_view person, std::string role = {}) {
  EdgeRecord e{type, Kind::kPerson, std::string(person), {}};
  e.props.role = std::move(role);
  return e;
}

// The state of one import while its files are read.
struct Builder {
  const HistoryOptions& options;
  HistoryCounts* counts;
  std::vector<Record> people;
  std::unordered_set<std::string> person_ids;
  std::vector<Record> topics;
  std::vector<PathTopic> path_topics;
  std::vector<Record> docs;
  std::unordered_map<std::string, size_t> doc_index;  // sha -> index in docs
  std::vector<std::string> authors;                   // per doc
  std::vector<std::string> committers;                // per doc
  std::vector<int64_t> times;                         // per doc: author time, UTC seconds

  void NeedPerson(std::string_view id) {
    if (id.empty() || person_ids.count(std::string(id))) return;
    Record r;
    r.node.kind = Kind::kPerson;
    r.node.id = std::string(id);
    r.node.name = r.node.id;
    person_ids.insert(r.node.id.str());
    people.push_back(std::move(r));
  }
};

// Seconds since the epoch of an ISO-8601 author date ("2024-05-01T09:30:00+02:00"): `day` is
// its date, the time of day and the UTC offset are read when present (else midnight UTC), so
// commits of one day from different time zones still order correctly.
int64_t UtcSeconds(Day day, std::string_view iso) {
  auto num = [&](size_t at) -> int64_t {
    if (at + 2 > iso.size() || !isdigit(iso[at]) || !isdigit(iso[at + 1])) return -1;
    return (iso[at] - '0') * 10 + (iso[at + 1] - '0');
  };
  int64_t seconds = static_cast<int64_t>(day) * 86400;
  const int64_t h = num(11), m = num(14), sec = num(17);
  if (iso.size() < 19 || iso[10] != 'T' || h < 0 || m < 0 || sec < 0) return seconds;
  seconds += h * 3600 + m * 60 + sec;
  const size_t tz = 19;
  if (tz < iso.size() && (iso[tz] == '+' || iso[tz] == '-')) {
    const int64_t oh = num(tz + 1), om = num(tz + 4);
    if (oh >= 0 && om >= 0) seconds -= (iso[tz] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  return seconds;
}

Result<std::string> ReadFile(const std::string& dir, const char* name) {
  return internal::ReadMaybeGz(dir + "/" + name);
}

Status ReadPeople(const std::string& dir, Builder* b) {
  WK_ASSIGN_OR_RETURN(std::string text, ReadFile(dir, "people.tsv"));
  TsvTable table("people.tsv", text);
  WK_ASSIGN_OR_RETURN(size_t id_col, table.Column("person_id"));
  WK_ASSIGN_OR_RETURN(size_t name_col, table.Column("name"));
  std::vector<std::string_view> f;
  while (table.Next(&f)) {
    if (f.size() <= std::max(id_col, name_col)) return table.Error("too few columns");
    if (f[id_col].empty() || b->person_ids.count(std::string(f[id_col]))) continue;
    Record r;
    r.node.kind = Kind::kPerson;
    r.node.id = std::string(f[id_col]);
    r.node.name = f[name_col].empty() ? r.node.id.view() : f[name_col];
    b->person_ids.insert(r.node.id.str());
    b->people.push_back(std::move(r));
  }
  return Status::OK();
}

Status ReadTopics(const std::string& dir, Builder* b) {
  WK_ASSIGN_OR_RETURN(std::string text, ReadFile(dir, "topics.tsv"));
  TsvTable table("topics.tsv", text);
  WK_ASSIGN_OR_RETURN(size_t id_col, table.Column("topic_id"));
  WK_ASSIGN_OR_RETURN(size_t title_col, table.Column("title"));
  const bool single = table.HasColumn("path_pattern");
  WK_ASSIGN_OR_RETURN(size_t inc_col, table.Column(single ? "path_pattern" : "file_patterns"));
  const bool has_exclude = table.HasColumn("exclude_patterns");
  size_t exc_col = has_exclude ? *table.Column("exclude_patterns") : 0;
  std::vector<std::string_view> f;
  while (table.Next(&f)) {
    if (f.size() <= std::max({id_col, title_col, inc_col, exc_col})) {
      return table.Error("too few columns");
    }
    PathTopic topic{std::string(f[id_col]), {}, {}};
    if (single) {
      if (!f[inc_col].empty()) topic.include.emplace_back(f[inc_col]);
    } else {
      topic.include = SplitSpaces(f[inc_col]);
    }
    if (has_exclude) topic.exclude = SplitSpaces(f[exc_col]);
    Record r;
    r.node.kind = Kind::kTopic;
    r.node.id = topic.id;
    r.node.name = f[title_col].empty() ? topic.id : std::string(f[title_col]);
    b->topics.push_back(std::move(r));
    b->path_topics.push_back(std::move(topic));
  }
  return Status::OK();
}

Status ReadCommits(const std::string& dir, Builder* b) {
  WK_ASSIGN_OR_RETURN(std::string text, ReadFile(dir, "commits.tsv.gz"));
  TsvTable table("commits.tsv.gz", text);
  WK_ASSIGN_OR_RETURN(size_t sha_col, table.Column("sha"));
  WK_ASSIGN_OR_RETURN(size_t date_col, table.Column("author_date"));
  WK_ASSIGN_OR_RETURN(size_t author_col, table.Column("author_id"));
  WK_ASSIGN_OR_RETURN(size_t committer_col, table.Column("committer_id"));
  WK_ASSIGN_OR_RETURN(size_t subject_col, table.Column("subject"));
  const size_t need = std::max({sha_col, date_col, author_col, committer_col, subject_col});
  std::vector<std::string_view> f;
  while (table.Next(&f)) {
    if (f.size() <= need) return table.Error("too few columns");
    if (f[sha_col].empty() || f[author_col].empty()) return table.Error("empty sha or author");
    auto day = ParseDate(f[date_col]);
    if (!day) return table.Error("bad author_date '" + std::string(f[date_col]) + "'");
    auto [it, inserted] = b->doc_index.emplace(std::string(f[sha_col]), b->docs.size());
    if (!inserted) continue;  // a commit listed twice: the first wins
    Record r;
    r.node.kind = Kind::kDocument;
    r.node.id = it->first;
    r.node.name = f[subject_col].empty() ? it->first : std::string(f[subject_col]);
    r.node.created = *day;
    r.edges.push_back(PersonEdge(EdgeType::kAuthoredBy, f[author_col]));
    b->NeedPerson(f[author_col]);
    b->authors.emplace_back(f[author_col]);
    b->committers.emplace_back(f[committer_col]);
    b->times.push_back(UtcSeconds(*day, f[date_col]));
    if (b->options.committer_as_contributor && !f[committer_col].empty() &&
        f[committer_col] != f[author_col]) {
      r.edges.push_back(PersonEdge(EdgeType::kContributor, f[committer_col], "committer"));
      b->NeedPerson(f[committer_col]);
    }
    b->docs.push_back(std::move(r));
  }
  return Status::OK();
}

// Adds a contributor edge unless the person already has one on the document; a sign-off is
// replaced by a more telling role given later.
void AddTrailer(Record* doc, std::string_view person, std::string role) {
  for (EdgeRecord& e : doc->edges) {
    if (e.dst_id != person) continue;
    if (e.type == EdgeType::kContributor && e.props.role == "signed-off-by") e.props.role = role;
    return;
  }
  doc->edges.push_back(PersonEdge(EdgeType::kContributor, person, std::move(role)));
}

Status ReadTrailers(const std::string& dir, Builder* b) {
  WK_ASSIGN_OR_RETURN(std::string text, ReadFile(dir, "commit_trailers.tsv.gz"));
  TsvTable table("commit_trailers.tsv.gz", text);
  WK_ASSIGN_OR_RETURN(size_t sha_col, table.Column("sha"));
  WK_ASSIGN_OR_RETURN(size_t role_col, table.Column("role"));
  WK_ASSIGN_OR_RETURN(size_t person_col, table.Column("person_id"));
  const size_t need = std::max({sha_col, role_col, person_col});
  std::vector<std::string_view> f;
  std::string sha;
  while (table.Next(&f)) {
    if (f.size() <= need) return table.Error("too few columns");
    sha.assign(f[sha_col]);
    auto it = b->doc_index.find(sha);
    if (it == b->doc_index.end() || f[person_col].empty()) continue;
    const size_t d = it->second;
    if (f[person_col] == b->authors[d]) continue;  // the author's own sign-off, tests, ...
    std::string role = Lower(f[role_col]);
    if (role.empty()) role = "contributor";
    // The committer's sign-off is the commit itself; counted as "committer" when enabled.
    if (role == "signed-off-by" && f[person_col] == b->committers[d]) continue;
    b->NeedPerson(f[person_col]);
    AddTrailer(&b->docs[d], f[person_col], std::move(role));
  }
  return Status::OK();
}

}  // namespace

bool PathMatches(std::string_view pattern, std::string_view path) {
  if (pattern.empty() || path.empty()) return false;
  const bool tree = pattern.back() == '/';
  std::string_view stem = tree ? pattern.substr(0, pattern.size() - 1) : pattern;
  if (stem.empty()) return tree;  // "/" = everything
  if (!HasWildcard(stem)) {
    if (path.size() > stem.size()) {
      return path.compare(0, stem.size(), stem) == 0 && path[stem.size()] == '/';
    }
    return !tree && path == stem;
  }
  return MatchesPathOrParent(std::string(stem), path, tree);
}

bool TopicMatches(const PathTopic& topic, std::string_view path) {
  bool included = std::any_of(topic.include.begin(), topic.include.end(),
                              [&](const std::string& p) { return PathMatches(p, path); });
  if (!included) return false;
  return std::none_of(topic.exclude.begin(), topic.exclude.end(),
                      [&](const std::string& p) { return PathMatches(p, path); });
}

namespace {

// The topics whose include patterns match a path, fast: literal patterns are looked up by the
// path's directory prefixes and the path itself; only wildcard patterns are tried one by one.
class PatternIndex {
 public:
  explicit PatternIndex(const std::vector<PathTopic>& topics) : topics_(topics) {
    for (uint32_t t = 0; t < topics.size(); ++t) {
      for (const std::string& p : topics[t].include) {
        if (p.empty()) continue;
        const bool tree = p.back() == '/';
        std::string stem = tree ? p.substr(0, p.size() - 1) : p;
        if (stem.empty() || HasWildcard(stem)) {
          globs_.emplace_back(p, t);
        } else {
          (tree ? trees_ : literals_)[stem].push_back(t);
        }
      }
    }
  }

  // Topic indexes matching `path` (includes and excludes), ascending, without duplicates.
  std::vector<uint32_t> Match(std::string_view path) const {
    std::vector<uint32_t> out;
    auto add = [&](const std::unordered_map<std::string, std::vector<uint32_t>>& map,
                   std::string_view key) {
      auto it = map.find(std::string(key));
      if (it != map.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    };
    for (size_t slash = path.find('/'); slash != std::string_view::npos;
         slash = path.find('/', slash + 1)) {
      add(trees_, path.substr(0, slash));
      add(literals_, path.substr(0, slash));
    }
    add(literals_, path);
    for (const auto& [pattern, t] : globs_) {
      if (PathMatches(pattern, path)) out.push_back(t);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](uint32_t t) {
                               const auto& ex = topics_[t].exclude;
                               return std::any_of(ex.begin(), ex.end(), [&](const std::string& p) {
                                 return PathMatches(p, path);
                               });
                             }),
              out.end());
    return out;
  }

 private:
  const std::vector<PathTopic>& topics_;
  std::unordered_map<std::string, std::vector<uint32_t>> trees_;     // "dir/" patterns
  std::unordered_map<std::string, std::vector<uint32_t>> literals_;  // files or directories
  std::vector<std::pair<std::string, uint32_t>> globs_;
};

// Records `doc` as the first commit of `key` (a file or a topic) when it is older than the one
// seen so far (ties: the commit listed later, as `git log` lists newest first).
template <typename Key>
void NoteFirst(const Key& key, size_t doc, const std::vector<int64_t>& times,
               std::unordered_map<Key, size_t>* first) {
  auto [it, fresh] = first->try_emplace(key, doc);
  if (!fresh && times[doc] <= times[it->second]) it->second = doc;
}

// First authorship (the FA term of Fritz et al.'s degree-of-authorship model), per file and per
// topic.  The author of the first commit touching a file about a topic created that file: role
// "creator" on that commit, beside their authorship, once however many files it created.  The
// author of the first commit about a topic founded the topic (added the package or driver):
// role "founder" on that commit instead of "creator" (it always creates a file too).
void AddCreators(const std::unordered_map<std::string_view, size_t>& first_touch,
                 const std::unordered_map<uint32_t, size_t>& first_of_topic, Builder* b) {
  enum : char { kNone, kCreator, kFounder };
  std::vector<char> role(b->docs.size(), kNone);
  if (b->options.creator_role) {
    for (const auto& [path, doc] : first_touch) role[doc] = kCreator;
  }
  if (b->options.founder_role) {
    for (const auto& [topic, doc] : first_of_topic) role[doc] = kFounder;
  }
  for (size_t d = 0; d < b->docs.size(); ++d) {
    if (role[d] == kNone) continue;
    b->docs[d].edges.push_back(PersonEdge(EdgeType::kContributor, b->authors[d],
                                          role[d] == kFounder ? "founder" : "creator"));
  }
}

// Attaches the topics of each commit's files and drops (if asked) commits about no topic.
Status ReadFiles(const std::string& dir, Builder* b) {
  WK_ASSIGN_OR_RETURN(std::string text, ReadFile(dir, "commit_files.tsv.gz"));
  TsvTable table("commit_files.tsv.gz", text);
  WK_ASSIGN_OR_RETURN(size_t sha_col, table.Column("sha"));
  WK_ASSIGN_OR_RETURN(size_t path_col, table.Column("path"));
  const PatternIndex index(b->path_topics);
  std::unordered_map<std::string_view, std::vector<uint32_t>> cache;  // path -> topic indexes
  std::vector<uint32_t> files(b->docs.size(), 0);
  std::vector<std::unordered_map<uint32_t, uint32_t>> hits(b->docs.size());
  std::unordered_map<std::string_view, size_t> first_touch;  // path about a topic -> doc
  std::unordered_map<uint32_t, size_t> first_of_topic;       // topic index -> doc
  std::vector<std::string_view> f;
  std::string sha;
  while (table.Next(&f)) {
    if (f.size() <= std::max(sha_col, path_col)) return table.Error("too few columns");
    sha.assign(f[sha_col]);
    auto it = b->doc_index.find(sha);
    if (it == b->doc_index.end()) continue;
    auto [entry, fresh] = cache.try_emplace(f[path_col]);
    if (fresh) entry->second = index.Match(f[path_col]);
    ++files[it->second];
    for (uint32_t t : entry->second) {
      ++hits[it->second][t];
      NoteFirst(t, it->second, b->times, &first_of_topic);
    }
    if (!entry->second.empty()) NoteFirst(f[path_col], it->second, b->times, &first_touch);
  }
  AddCreators(first_touch, first_of_topic, b);
  std::vector<Record> kept;
  kept.reserve(b->docs.size());
  for (size_t d = 0; d < b->docs.size(); ++d) {
    std::vector<std::pair<uint32_t, uint32_t>> sorted(hits[d].begin(), hits[d].end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [t, n] : sorted) {
      EdgeRecord e{EdgeType::kAbout, Kind::kTopic, b->path_topics[t].id, {}};
      e.props.weight = b->options.weight_by_file_share ? static_cast<float>(n) / files[d] : 1.0f;
      b->docs[d].edges.push_back(std::move(e));
    }
    b->counts->about += sorted.size();
    if (sorted.empty() && b->options.skip_unmatched_commits) {
      ++b->counts->skipped_commits;
      continue;
    }
    kept.push_back(std::move(b->docs[d]));
  }
  b->docs = std::move(kept);
  return Status::OK();
}

}  // namespace

Result<std::vector<graph::Record>> ReadHistory(const std::string& dir,
                                               const HistoryOptions& options, HistoryCounts* counts,
                                               const ProgressFn& progress) {
  *counts = HistoryCounts{};
  Builder b{options, counts, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  auto phase = [&](std::string_view name) {
    if (progress) progress(name);
  };
  phase("reading people");
  WK_RETURN_IF_ERROR(ReadPeople(dir, &b));
  phase("reading topics");
  WK_RETURN_IF_ERROR(ReadTopics(dir, &b));
  phase("reading commits");
  WK_RETURN_IF_ERROR(ReadCommits(dir, &b));
  phase("reading trailers");
  WK_RETURN_IF_ERROR(ReadTrailers(dir, &b));
  phase("matching files to topics");
  WK_RETURN_IF_ERROR(ReadFiles(dir, &b));
  counts->people = b.people.size();
  counts->topics = b.topics.size();
  counts->documents = b.docs.size();
  std::vector<Record> records;
  records.reserve(b.people.size() + b.topics.size() + b.docs.size());
  for (auto* part : {&b.people, &b.topics, &b.docs}) {
    for (Record& r : *part) {
      if (r.node.kind == Kind::kDocument) {
        for (const EdgeRecord& e : r.edges)
          counts->contributors += e.type == EdgeType::kContributor;
      }
      records.push_back(std::move(r));
    }
  }
  return records;
}

Result<HistoryCounts> ImportHistory(graph::Database& db, const std::string& dir,
                                    const HistoryOptions& options, const ProgressFn& progress) {
  HistoryCounts counts;
  WK_ASSIGN_OR_RETURN(std::vector<graph::Record> records,
                      ReadHistory(dir, options, &counts, progress));
  if (progress) progress("writing " + std::to_string(records.size()) + " records");
  auto applied = db.Apply(records);
  if (!applied.ok()) return applied.status();
  return counts;
}

}  // namespace whoknows::ingest
