// BulkWriter: a batch too big for memory.  Operations are added in any key order; whenever the
// buffered ones exceed the memory budget they are sorted and spilled to a run file under the
// database directory.  Commit merges the runs into sorted table files and ingests them all in one
// atomic Store::IngestTableFiles, so the batch still lands all or nothing, durable on return.
//
// Of several operations on one key, the last one added wins, except that Commit first drops the
// operations its `keep` filter refuses (each operation carries a caller's tag for that).
// Not thread-safe.  The caller must be the only writer of the store until Commit returns.
#ifndef WHOKNOWS_STORAGE_BULK_WRITER_H_
#define WHOKNOWS_STORAGE_BULK_WRITER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "whoknows/core/status.h"
#include "whoknows/storage/store.h"

namespace whoknows::storage {

struct BulkWriterOptions {
  // Buffered operations (their bytes plus ~35 bytes each) beyond which a run is spilled; at most
  // 3 GiB.
  size_t memory_budget_bytes = 512 << 20;
  // A table file is closed and the next one started after about this many bytes of keys and
  // values.
  uint64_t table_file_bytes = 256 << 20;
  // Commit sorts, merges and writes the column families on this many threads (one column family
  // per thread at a time, the biggest first).  Above 1, a spill also runs on a thread of its own
  // while the next buffer fills, and each of the two buffers gets half the memory budget.
  int threads = 2;
};

// Where a writer's time went: seconds of wall time on the calling thread (for `whoknows import
// --phases`).
struct BulkWriterTimes {
  double spill = 0;   // sorting and writing runs while operations are added (on the spill thread
                      // when there is one)
  double tables = 0;  // Commit: sorting the buffer, merging it with the runs into table files
  double ingest = 0;  // Commit: the atomic ingestion of the table files
};

class BulkWriter {
 public:
  // Works in `<store dir>/bulk-load.tmp`, removing what a crashed bulk load left there.
  // REQUIRES: `store` outlives the writer.
  static Result<std::unique_ptr<BulkWriter>> Create(Store& store, const std::string& store_dir,
                                                    const BulkWriterOptions& options);
  // Removes the run and table files; the store is unchanged unless Commit succeeded.
  ~BulkWriter();
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // IOError when a run cannot be spilled (with a spill thread, by the Put that starts the next
  // spill, or by Commit).  REQUIRES: key.size() < 65536.
  Status Put(Cf cf, std::string_view key, std::string_view value, uint32_t tag = 0);
  Status Delete(Cf cf, std::string_view key, uint32_t tag = 0);

  // Whether an operation counts: called once per operation at Commit, in key order within a
  // column family; from up to options.threads threads at once, each on its own column family.
  using KeepFn = std::function<bool(Cf cf, std::string_view key, uint32_t tag)>;
  // Merges and ingests everything added (nothing to ingest is success).  Single use.
  Status Commit(const KeepFn& keep);

  // Runs spilled so far (for tests and progress).
  int runs() const;
  const BulkWriterTimes& times() const;

 private:
  struct Rep;
  explicit BulkWriter(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::storage

#endif  // WHOKNOWS_STORAGE_BULK_WRITER_H_
