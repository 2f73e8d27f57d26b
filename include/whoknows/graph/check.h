// CheckDatabase: an offline consistency check of a whoknows database, for operators (`whoknows
// check`) and for the crash tests.  It reads RocksDB directly, not the in-memory graph, so it sees
// exactly what a crash left on disk.
#ifndef WHOKNOWS_GRAPH_CHECK_H_
#define WHOKNOWS_GRAPH_CHECK_H_

#include <cstdint>
#include <string>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/storage/store.h"

namespace whoknows::graph {

struct CheckReport {
  uint64_t nodes = 0;
  uint64_t ids = 0;
  uint64_t out_edges = 0;
  uint64_t in_edges = 0;
  uint64_t next_vid = 0;
  // One line per problem found, at most kMaxProblems (then `more_problems` counts the rest).
  std::vector<std::string> problems;
  uint64_t more_problems = 0;

  static constexpr size_t kMaxProblems = 100;
  bool ok() const { return problems.empty(); }
};

// Verifies (a consistent answer needs a store no one writes meanwhile: an open read-only):
//  - every node key and record decodes, the record's kind equals its key's, its vid is below
//    the vid counter (meta next_vid), and `ids` maps its (kind, id) back to its vid;
//  - every `ids` entry names a node of that kind and id;
//  - every `out` edge has a known type, both ends exist and are of the kinds its type joins
//    (model.h EdgeAllowed), its properties decode, and `in`
//    holds its mirror with the same bytes; every `in` entry mirrors an `out` edge.
// Problems are reported in the CheckReport, not as errors; the error is IOError when the store
// cannot be read.
Result<CheckReport> CheckStore(const storage::Store& store);

// Opens the database in `dir` read-only (it may be in use by a server: the check then sees the
// state of the moment it opens) and checks it.  IOError / Corruption when it cannot be opened
// (not a database, or an unknown schema version).
Result<CheckReport> CheckDatabase(const std::string& dir);

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_CHECK_H_
