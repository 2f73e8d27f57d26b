// Fuzz target: NDJSON import, from bytes to records to the database and back.
//
// ingest::ParseNdjson must answer any bytes with records or an error naming an input line, never
// crash.  What it accepts is then applied to a database (one reused across inputs, in a temporary
// directory, without fsync): Apply either succeeds or refuses with "dangling_reference" and
// changes nothing.  After a successful apply every entity reads back (ingest::RecordToJson, then
// ParseRecord) as the last record the input gave for it, and every edge is in both its source's
// out-list and its destination's in-list.  Finally everything is deleted again, which must leave an
// empty graph, so every input starts from the same (empty) database.
//
// Before that, every line goes through both record parsers: wherever the fast one
// (ingest/fast_record.h) accepts a line, its record must equal the DOM path's.
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "../src/ingest/fast_record.h"
#include "fuzz_check.h"
#include "whoknows/core/id.h"
#include "whoknows/graph/database.h"
#include "whoknows/ingest/import.h"
#include "whoknows/ingest/records.h"

namespace {

using namespace whoknows;  // NOLINT: a fuzz target, not a library
namespace fs = std::filesystem;

struct State {
  fs::path dir;
  std::unique_ptr<graph::Database> db;
  ~State() {
    db.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

State* state = nullptr;  // reachable, so never a leak

size_t CountLines(std::string_view text) {
  size_t n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

void CheckParseError(const Status& s, std::string_view text) {
  const bool known_code = s.code() == Status::Code::kInvalidArgument ||
                          s.code() == Status::Code::kInvalidRecord ||
                          s.code() == Status::Code::kTooLarge;
  WK_FUZZ_CHECK(known_code && !s.reason().empty(), s.ToString());
  WK_FUZZ_CHECK(s.line() >= 1 && static_cast<size_t>(s.line()) <= CountLines(text), s.ToString());
  const std::string prefix = "line " + std::to_string(s.line()) + ": ";
  WK_FUZZ_CHECK(s.message().compare(0, prefix.size(), prefix) == 0, s.ToString());
}

void CheckParsed(const ingest::ParsedImport& parsed) {
  WK_FUZZ_CHECK(parsed.records.size() == parsed.lines.size(), "one line per record");
  for (size_t i = 0; i < parsed.records.size(); ++i) {
    const graph::Record& r = parsed.records[i];
    WK_FUZZ_CHECK(i == 0 || parsed.lines[i] > parsed.lines[i - 1], "lines increase");
    WK_FUZZ_CHECK(r.node.kind == graph::Kind::kEndorsement || IsValidId(r.node.id),
                  "invalid id accepted: " + r.node.id);
    for (const graph::EdgeRecord& e : r.edges) {
      WK_FUZZ_CHECK(IsValidId(e.dst_id), "invalid reference accepted: " + e.dst_id);
    }
  }
}

std::string Describe(const graph::Record& r) {
  nlohmann::json j = {{"kind", graph::KindName(r.node.kind)}, {"id", r.node.id}};
  for (const graph::EdgeRecord& e : r.edges) {
    j["edges"].push_back({graph::EdgeTypeName(e.type), e.dst_id, e.props.weight, e.props.level,
                          e.props.position, e.props.since, e.props.until, e.props.role});
  }
  return j.dump();
}

bool SameEdges(const graph::Record& a, const graph::Record& b) {
  if (a.edges.size() != b.edges.size()) return false;
  for (size_t i = 0; i < a.edges.size(); ++i) {
    const graph::EdgeRecord &x = a.edges[i], &y = b.edges[i];
    if (x.type != y.type || x.dst_kind != y.dst_kind || x.dst_id != y.dst_id ||
        !(x.props == y.props)) {
      return false;
    }
  }
  return true;
}

// The fast parser accepts a line only where the DOM path gives the same record.  `reused` keeps
// the capacity of earlier lines' records, as in the import.
void CheckFastParser(std::string_view text) {
  static auto* const reused = new graph::Record;
  for (size_t pos = 0; pos <= text.size();) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!ingest::internal::FastParseRecord(line, reused)) continue;
    Result<graph::Record> slow = ingest::internal::ParseLineWithDom(line);
    WK_FUZZ_CHECK(slow.ok(), "the fast parser accepted what the DOM path refuses: " +
                                 slow.status().ToString());
    WK_FUZZ_CHECK(slow.value().node == reused->node && SameEdges(slow.value(), *reused),
                  Describe(slow.value()) + " != " + Describe(*reused));
  }
}

// Every entity of `expected` (the last record per kind and id) reads back as that record.
void CheckReadBack(
    const std::map<std::pair<graph::Kind, std::string>, const graph::Record*>& expected) {
  auto snapshot = state->db->Snapshot();
  for (const auto& [key, record] : expected) {
    auto vid = state->db->Lookup(key.first, key.second);
    WK_FUZZ_CHECK(vid.has_value(), "applied entity missing: " + key.second);
    const nlohmann::json stored = ingest::RecordToJson(*snapshot, *vid, /*include_private=*/true);
    Result<graph::Record> again = ingest::ParseRecord(stored, key.first, "");
    WK_FUZZ_CHECK(again.ok(), stored.dump() + " -> " + again.status().ToString());
    WK_FUZZ_CHECK(again.value().node == record->node, "fields differ: " + stored.dump());
    WK_FUZZ_CHECK(SameEdges(again.value(), *record),
                  Describe(again.value()) + " != " + Describe(*record));
  }
}

// Each out-edge has its twin in the destination's in-list, and the counts agree.
void CheckEdgeTwins(const graph::Graph& g) {
  size_t out_edges = 0, in_edges = 0;
  for (graph::Vid v = 0; v < g.VidLimit(); ++v) {
    if (g.Node(v) == nullptr) continue;
    out_edges += g.Out(v).size();
    in_edges += g.In(v).size();
    for (const graph::Edge& e : g.Out(v)) {
      WK_FUZZ_CHECK(g.Node(e.other) != nullptr, "edge to a missing node");
      bool twin = false;
      for (const graph::Edge& back : g.In(e.other)) {
        twin = twin || (back.other == v && back.type == e.type && back.props == e.props);
      }
      WK_FUZZ_CHECK(twin, "out-edge without its in-edge at " + g.Node(v)->id);
    }
  }
  WK_FUZZ_CHECK(out_edges == in_edges && out_edges == g.EdgeCount(), "edge counts disagree");
}

void DeleteAll(const std::map<std::pair<graph::Kind, std::string>, const graph::Record*>& applied) {
  for (const auto& [key, record] : applied) {
    Status s = state->db->Delete(key.first, key.second);
    // An endorsement goes with the person or topic it references.
    WK_FUZZ_CHECK(s.ok() || s.code() == Status::Code::kNotFound, s.ToString());
  }
  auto g = state->db->Snapshot();
  for (graph::Kind kind : graph::kAllKinds) {
    WK_FUZZ_CHECK(g->CountOf(kind) == 0, "entities left after deleting everything");
  }
  WK_FUZZ_CHECK(g->EdgeCount() == 0, "edges left after deleting everything");
}

// Closes the database before the exit handlers RocksDB registered while opening it run (a
// static State would be destroyed after them).
void Cleanup() { delete state; }

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  State& s = *(state = new State);
  std::string tmpl = (fs::temp_directory_path() / "whoknows-fuzz-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) std::abort();
  s.dir = tmpl;
  graph::DatabaseOptions options;
  options.store.sync_writes = false;  // a scratch database: speed over durability
  auto db = graph::Database::Open((s.dir / "db").string(), options);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    std::abort();
  }
  s.db = std::move(db).value();
  std::atexit(Cleanup);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  CheckFastParser(text);
  ingest::ImportLimits limits;
  limits.max_line_bytes = 4096;
  limits.max_records = 64;
  Result<ingest::ParsedImport> parsed = ingest::ParseNdjson(text, limits);
  if (!parsed.ok()) {
    CheckParseError(parsed.status(), text);
    return 0;
  }
  CheckParsed(parsed.value());
  if (parsed.value().records.empty()) return 0;

  const auto before = state->db->Snapshot();
  Result<graph::ApplyResult> applied = state->db->Apply(parsed.value().records);
  if (!applied.ok()) {
    const Status& s = applied.status();
    WK_FUZZ_CHECK(s.reason() == "dangling_reference" && s.line() >= 1 &&
                      static_cast<size_t>(s.line()) <= parsed.value().records.size(),
                  s.ToString());
    WK_FUZZ_CHECK(state->db->Snapshot() == before, "a refused import changed the graph");
    return 0;
  }
  std::map<std::pair<graph::Kind, std::string>, const graph::Record*> last;
  for (const graph::Record& r : parsed.value().records) last[{r.node.kind, r.node.id.str()}] = &r;
  CheckReadBack(last);
  CheckEdgeTwins(*state->db->Snapshot());
  DeleteAll(last);
  return 0;
}
