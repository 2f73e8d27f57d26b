// CheckDatabase: an offline consistency check of a whoknows database, for operators (`whoknows
// check`) and for the crash tests.  It reads RocksDB directly, not the in-memory graph, so it sees
// exactly what a crash left on disk.
#ifndef WHOKNOWS_GRAPH_CHECK_H_
#define WHOKNOWS_GRAPH_CHECK_H_

#include <cstddef>
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
  // Sequential scans of `out`: 1, or 1 + the destination ranges when the mirrors exceeded
  // CheckOptions::mirror_memory_bytes.
  uint64_t out_scans = 0;
  // One line per problem found, at most kMaxProblems (then `more_problems` counts the rest).
  std::vector<std::string> problems;
  uint64_t more_problems = 0;

  static constexpr size_t kMaxProblems = 100;
  bool ok() const { return problems.empty(); }
};

struct CheckOptions {
  // Memory for the out edges waiting for their mirror in `in` (16 bytes an edge while vids fit in
  // 32 bits, else 32): 1 GiB holds 67M edges, a million people's 48M in one pass.  A store with
  // more edges is checked in several passes over `out`, each for a range of destinations.
  size_t mirror_memory_bytes = size_t{1} << 30;
};

// Verifies (a consistent answer needs a store no one writes meanwhile: an open read-only):
//  - every node key and record decodes, the record's kind equals its key's, its vid is below
//    the vid counter (meta next_vid), and `ids` maps its (kind, id) back to its vid;
//  - every `ids` entry names a node of that kind and id (ids are compared by a 64-bit hash);
//  - every `out` edge has a known type, both ends exist and are of the kinds its type joins
//    (model.h EdgeAllowed), its properties decode, and `in`
//    holds its mirror with the same bytes; every `in` entry mirrors an `out` edge.
// Problems are reported in the CheckReport (grouped: nodes, ids, nodes without their ids entry,
// out edges, then the out/in mirrors in destination order), not as errors; the error is IOError
// when the store cannot be read.  Reads every column family sequentially, without point reads;
// memory: ~10 bytes a vid, plus 16 bytes an edge up to options.mirror_memory_bytes.
Result<CheckReport> CheckStore(const storage::Store& store, const CheckOptions& options = {});

// Opens the database in `dir` read-only (it may be in use by a server: the check then sees the
// state of the moment it opens) and checks it.  IOError / Corruption when it cannot be opened
// (not a database, or an unknown schema version).
Result<CheckReport> CheckDatabase(const std::string& dir, const CheckOptions& options = {});

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_CHECK_H_
