// Store: the RocksDB database behind whoknows, hidden behind a small key-value interface.  This
// module is the only place that includes <rocksdb/...>.
//
// Column families (see docs/architecture.md for the key layout, built by key_codec.h):
//   nodes  kind u8, vid u64            -> node record
//   ids    kind u8, external id        -> vid u64
//   out    src vid, edge type u16, dst -> edge properties
//   in     dst vid, edge type u16, src -> edge properties (the same bytes)
//   meta   name                        -> value (schema version, vid counter)
// Thread safety: all methods may be called concurrently; batches are applied atomically.
#ifndef WHOKNOWS_STORAGE_STORE_H_
#define WHOKNOWS_STORAGE_STORE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/core/status.h"

namespace whoknows::storage {

enum class Cf : uint8_t { kNodes = 0, kIds, kOut, kIn, kMeta };
constexpr int kCfCount = 5;

struct StoreOptions {
  bool create_if_missing = true;
  // Acknowledged writes survive a crash of the process and of the machine (fsync of the WAL).
  bool sync_writes = true;
  size_t block_cache_bytes = 64 << 20;
  bool read_only = false;
  // A batch of at least this many operations is written as sorted table files ingested into
  // every column family at once (atomic and durable like a synced batch, but without the
  // write-ahead log and the memtable, which a bulk import of millions of keys would swamp).
  size_t bulk_write_min_ops = 200000;
};

// A set of changes applied all together or not at all, across column families.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  void Put(Cf cf, std::string_view key, std::string_view value);
  void Delete(Cf cf, std::string_view key);
  size_t Count() const;

 private:
  friend class Store;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// A sorted table file being written for one column family (Store::NewTableFile).
class TableFile {
 public:
  virtual ~TableFile() = default;
  // REQUIRES: keys strictly increasing over the calls.
  virtual Status Add(bool is_put, std::string_view key, std::string_view value) = 0;
  // Completes the file; nothing may be added after.
  virtual Status Finish() = 0;
  // Bytes added so far (keys and values).
  virtual uint64_t size() const = 0;
};

class Store {
 public:
  // Opens (creating when allowed) the database in directory `dir`.  Fails with IOError when the
  // directory is unusable or locked by another process, Corruption when it is not a whoknows
  // database of a known schema version.
  static Result<std::unique_ptr<Store>> Open(const std::string& dir, const StoreOptions& options);
  ~Store();

  // Applies the batch atomically (later operations on a key win over earlier ones); durable on
  // return when options.sync_writes, and always for a bulk batch (options.bulk_write_min_ops).
  Status Write(WriteBatch& batch);
  // The value at `key`, nullopt when absent.
  Result<std::optional<std::string>> Get(Cf cf, std::string_view key) const;
  // Calls fn(key, value) for each key starting with `prefix`, in key order, until fn returns
  // false.  An empty prefix scans the whole column family.  Sees one consistent state.
  Status Scan(Cf cf, std::string_view prefix,
              const std::function<bool(std::string_view key, std::string_view value)>& fn) const;
  // Starts a table file at `path` (which must not exist) for later IngestTableFiles into `cf`.
  Result<std::unique_ptr<TableFile>> NewTableFile(Cf cf, const std::string& path) const;
  // Moves finished table files into the database in one atomic, durable step (as a bulk batch):
  // all of them or none.  Within one column family the files' key ranges must not overlap.  Their
  // operations shadow every older value, as a batch written now would.
  Status IngestTableFiles(const std::vector<std::pair<Cf, std::string>>& files);
  // Like Scan, over the keys in [begin, end) (an empty `end`: to the last key), for a one-off
  // read of a large part of a column family (loading the graph at start-up): the blocks read
  // bypass the block cache instead of evicting what is in it.  Each call sees one consistent
  // state; calls on different ranges may run concurrently.
  Status ScanRange(
      Cf cf, std::string_view begin, std::string_view end,
      const std::function<bool(std::string_view key, std::string_view value)>& fn) const;
  // Writes a consistent, openable copy of the database to `dir`, which must not exist yet.
  Status Checkpoint(const std::string& dir);
  // Approximate bytes on disk (SST and WAL files).
  uint64_t ApproximateSizeBytes() const;

  // RocksDB's own figures, for monitoring.  `cf` names the column family ("nodes", ...), or is
  // empty for a figure of the whole database (the shared block cache).
  struct Property {
    std::string name;  // "sst_bytes", "memtable_bytes", "estimated_keys", "block_cache_bytes", ...
    std::string cf;
    uint64_t value = 0;
  };
  std::vector<Property> Properties() const;

 private:
  struct Rep;
  explicit Store(std::unique_ptr<Rep> rep);
  std::unique_ptr<Rep> rep_;
};

}  // namespace whoknows::storage

#endif  // WHOKNOWS_STORAGE_STORE_H_
