// Database: the persisted graph.  RocksDB (storage::Store) holds the truth; an in-memory Graph
// mirrors it for traversal, loaded at Open and updated by every write before the write returns, so
// a query right after a write sees it (read-your-writes).
//
// Writes are serialized by one mutex; each write request is ONE storage batch (nodes, ids, both
// edge directions, the vid counter), so a crash never leaves half a request or a dangling edge.
// Readers call Snapshot() and never block.
#ifndef WHOKNOWS_GRAPH_DATABASE_H_
#define WHOKNOWS_GRAPH_DATABASE_H_

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/graph/model.h"
#include "whoknows/storage/store.h"

namespace whoknows::graph {

struct DatabaseOptions {
  storage::StoreOptions store;
  // Threads that load the graph at Open; 0: one per core.  The graph loaded is the same for any
  // number.
  int load_threads = 0;
};

// What an Apply did: for each record, whether it created a new entity (true) or replaced one.
struct ApplyResult {
  std::vector<bool> created;
};

class Database {
 public:
  // Opens or creates the database in `dir` and loads the whole graph into memory.
  static Result<std::unique_ptr<Database>> Open(const std::string& dir,
                                                const DatabaseOptions& options);
  ~Database();

  // The current version of the graph.  Thread-safe, wait-free for practical purposes.
  std::shared_ptr<const Graph> Snapshot() const;

  // Creates or replaces every record, all or nothing, in one durable batch.  A record replaces
  // the entity of the same kind and id: its fields and the edges it owns (model.h); edges other
  // records own that point at it are kept.  References resolve against the database and against
  // the records themselves, in any order.  A record listed twice: the last one wins.
  // Errors: InvalidRecord "dangling_reference" when a reference names an entity that exists in
  // neither, with line() = the 1-based index of the offending record in `records`; IOError.
  // On error nothing is written.
  Result<ApplyResult> Apply(const std::vector<Record>& records);

  // Deletes the entity and every edge at it (owned or pointing at it), and the endorsements that
  // reference it, in one durable batch.  NotFound "not_found" when absent.
  Status Delete(Kind kind, std::string_view id);

  // The vid of a live entity in the current snapshot.
  std::optional<Vid> Lookup(Kind kind, std::string_view id) const;

  // Writes a consistent copy of the database to `dir` (storage::Store::Checkpoint).
  Status Checkpoint(const std::string& dir);
  uint64_t ApproximateSizeBytes() const;
  // The directory the database was opened from.
  const std::string& dir() const;
  // storage::Store::Properties.
  std::vector<storage::Store::Property> StorageProperties() const;

 private:
  struct Rep;
  explicit Database(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_DATABASE_H_
