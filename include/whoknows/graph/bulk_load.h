// BulkLoader: Database::Apply for an import larger than memory.  Records are added one at a time
// and written through a storage::BulkWriter (sorted runs spilled to disk, merged into table files
// and ingested in one atomic step at Commit), so memory holds only the (kind, id) -> vid map, a
// few bytes per new entity, the references not resolvable yet, and the writer's budget.
//
// The result on disk is byte for byte what one Database::Apply of the same records in the same
// order writes: the same vids (allocated in order of first appearance), records replacing the
// stored entity of their kind and id with the edges they own, the last record of an entity
// winning, references resolved against the database and the records in any order.
//
// Only the store is opened, not the in-memory graph, and it stays locked against every other
// open (another process, or a Database in this one) until the loader is destroyed.
#ifndef WHOKNOWS_GRAPH_BULK_LOAD_H_
#define WHOKNOWS_GRAPH_BULK_LOAD_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/model.h"
#include "whoknows/storage/bulk_writer.h"
#include "whoknows/storage/store.h"

namespace whoknows::graph {

struct BulkLoadOptions {
  storage::StoreOptions store;
  storage::BulkWriterOptions writer;
};

// The work of BulkLoader::Add that depends on the record alone (its id checked or derived, the
// node and edge properties encoded, the ids hashed, the edges to write chosen and checked), done
// by BulkLoader::Prepare so that an importer can do it on its parsing thread.  Reusable: a
// prepared record keeps the capacity of its strings for the next record.
struct PreparedRecord {
  struct Edge {
    uint32_t index = 0;     // into Record::edges
    uint64_t dst_hash = 0;  // of (dst_kind, dst_id)
    std::string props;      // encoded
  };

  Status status;  // not OK: the record is invalid, and Add fails with this (at its origin)
  std::string id;
  uint64_t id_hash = 0;
  std::string node_value;   // the encoded node
  std::vector<Edge> edges;  // edges[0, edge_count): the first edge of each (type, target)
  size_t edge_count = 0;
};

// Where a loader's time went: seconds of wall time on the thread calling it.
struct BulkLoadTimes {
  double add = 0;      // in Add (including the writer's spills)
  double resolve = 0;  // Commit: the references left open
  storage::BulkWriterTimes writer;
};

class BulkLoader {
 public:
  // Opens (creating when allowed) the database in `dir`; errors as storage::Store::Open.
  static Result<std::unique_ptr<BulkLoader>> Open(const std::string& dir,
                                                  const BulkLoadOptions& options);
  // Without a successful Commit the database is left as it was.
  ~BulkLoader();
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // Adds one record.  `origin` (> 0, e.g. the input line) is what errors about it carry as
  // line().  Errors: InvalidRecord "invalid_id" / "invalid_record" (as Database::Apply), TooLarge
  // "too_many_records" beyond 2^32 - 2 records, IOError.  After an error, only destruction.
  Status Add(const Record& record, int64_t origin);
  // The same, with the record prepared already.  REQUIRES: Prepare(record, &prepared) and
  // neither changed since.
  Status Add(const Record& record, const PreparedRecord& prepared, int64_t origin);
  // A hint that Add(_, prepared, _) comes soon (a few records ahead): starts loading the id map
  // entries it will look up.  Changes nothing.
  void Prefetch(const PreparedRecord& prepared) const;
  // Fills `out` for Add.  Thread-safe: depends on nothing but `record` (no loader needed).
  static void Prepare(const Record& record, PreparedRecord* out);

  // Resolves the references left open and writes everything in one atomic, durable step.
  // Errors: InvalidRecord "dangling_reference" with line() the origin of the first record (in
  // the order added) naming an entity that is neither in the database nor among the records;
  // IOError.  On error nothing is written.  Single use.
  Status Commit();

  // Records added so far, and sorted runs spilled (progress, tests).
  uint64_t records() const;
  int runs() const;
  BulkLoadTimes times() const;

 private:
  struct Rep;
  explicit BulkLoader(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_BULK_LOAD_H_
