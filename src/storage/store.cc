// Store over RocksDB.  Layout decisions (column families, prefix extractor, bloom filters) are made
// here and nowhere else; callers see only Cf, keys and values.
#include "whoknows/storage/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/sst_file_writer.h>
#include <rocksdb/table.h>
#include <rocksdb/transaction_log.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>
#include <vector>

#include "whoknows/storage/key_codec.h"

namespace whoknows::storage {
namespace {

namespace fs = std::filesystem;

// The version of the on-disk layout (key codec, column families, record codecs).  Bump it when
// any of them changes incompatibly; Open refuses versions it does not know.
constexpr uint64_t kSchemaVersion = 1;
constexpr char kSchemaVersionKey[] = "schema_version";

// Column family names, indexed by Cf.
constexpr std::array<const char*, kCfCount> kCfNames = {"nodes", "ids", "out", "in", "meta"};

// `out` and `in` keys start with the 8-byte vid that every adjacency scan is keyed on.
constexpr size_t kEdgePrefixBytes = 8;

bool HasVidPrefix(Cf cf) { return cf == Cf::kOut || cf == Cf::kIn; }

Status FromRocks(const rocksdb::Status& s, const std::string& what) {
  if (s.IsCorruption()) return Status::Corruption(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

// The smallest key greater than every key starting with `prefix`; empty when there is none
// (the prefix is all 0xff bytes).
std::string PrefixSuccessor(std::string_view prefix) {
  std::string upper(prefix);
  while (!upper.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(upper.back());
    if (last != 0xff) {
      ++last;
      return upper;
    }
    upper.pop_back();
  }
  return upper;
}

rocksdb::ColumnFamilyOptions CfOptions(Cf cf, const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  // The graph is read in whole scans at open and kept in memory; point reads are few (an id, a
  // node, at writes).  Blocks of 16 KiB rather than 4 compress better (the 10k-people database
  // 13.2 -> 11.4 MB) and cost fewer index entries and compressor calls to write.
  table.block_size = 16 << 10;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.cache_index_and_filter_blocks = true;
  table.pin_l0_filter_and_index_blocks_in_cache = true;
  rocksdb::ColumnFamilyOptions cf_options;
  if (HasVidPrefix(cf)) {
    // Adjacency scans seek one vid: the bloom filter holds prefixes, and memtables too.  Nothing
    // reads one edge key by point lookup, so whole keys stay out of the filter (half its size,
    // and less to hash when table files are written).
    table.whole_key_filtering = false;
    cf_options.prefix_extractor.reset(rocksdb::NewFixedPrefixTransform(kEdgePrefixBytes));
    cf_options.memtable_prefix_bloom_size_ratio = 0.02;
  }
  cf_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  return cf_options;
}

// Descriptors in the order Open returns the handles: "default" (which RocksDB requires and we
// leave empty), then one per Cf.
std::vector<rocksdb::ColumnFamilyDescriptor> Descriptors(const StoreOptions& options) {
  auto cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, CfOptions(Cf::kMeta, cache));
  for (int i = 0; i < kCfCount; ++i) {
    descriptors.emplace_back(kCfNames[i], CfOptions(static_cast<Cf>(i), cache));
  }
  return descriptors;
}

bool IsLockError(const rocksdb::Status& s) {
  if (!s.IsIOError()) return false;
  std::string text = s.ToString();
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text.find("lock") != std::string::npos;
}

// Whether `dir` holds a database already; errors when it cannot hold one or must not get one.
Result<bool> CheckDirectory(const std::string& dir, const StoreOptions& options) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "CURRENT", ec)) return true;
  const bool exists = fs::exists(dir, ec);
  if (!options.create_if_missing || options.read_only) {
    return Status::IOError("no database in '" + dir + "'");
  }
  if (exists && !fs::is_directory(dir, ec)) {
    return Status::IOError("'" + dir + "' is not a directory");
  }
  if (exists && !fs::is_empty(dir, ec)) {
    return Status::IOError("'" + dir +
                           "' is not empty and holds no database; refusing to create one there");
  }
  if (ec) return Status::IOError("cannot inspect '" + dir + "': " + ec.message());
  // RocksDB creates only the last component of the path.
  if (!exists && !fs::create_directories(dir, ec) && ec) {
    return Status::IOError("cannot create '" + dir + "': " + ec.message());
  }
  return false;
}

// An existing database must have exactly our column families.
Status CheckColumnFamilies(const std::string& dir) {
  std::vector<std::string> names;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  if (!s.ok()) return FromRocks(s, "cannot read the database in '" + dir + "'");
  std::vector<std::string> expected(kCfNames.begin(), kCfNames.end());
  expected.push_back(rocksdb::kDefaultColumnFamilyName);
  std::sort(names.begin(), names.end());
  std::sort(expected.begin(), expected.end());
  if (names != expected) {
    return Status::Corruption("'" + dir +
                              "' is not a whoknows database (unexpected column families)");
  }
  return Status::OK();
}

}  // namespace

struct WriteBatch::Rep {
  struct Op {
    bool is_put;
    Cf cf;
    std::string key;
    std::string value;
  };
  std::vector<Op> ops;
};

WriteBatch::WriteBatch() : rep_(std::make_unique<Rep>()) {}
WriteBatch::~WriteBatch() = default;

void WriteBatch::Put(Cf cf, std::string_view key, std::string_view value) {
  rep_->ops.push_back({true, cf, std::string(key), std::string(value)});
}

void WriteBatch::Delete(Cf cf, std::string_view key) {
  rep_->ops.push_back({false, cf, std::string(key), std::string()});
}

size_t WriteBatch::Count() const { return rep_->ops.size(); }

struct Store::Rep {
  std::string dir;
  StoreOptions options;
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // [0] = "default", [1 + Cf] = cf
  rocksdb::WriteOptions write_options;

  ~Rep() {
    if (db == nullptr) return;
    for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
    db->Close().PermitUncheckedError();
    delete db;
  }
  rocksdb::ColumnFamilyHandle* Handle(Cf cf) const { return handles[1 + static_cast<int>(cf)]; }

  Status OpenDb(bool exists);
  Status WriteBulk(const std::vector<WriteBatch::Rep::Op>& ops);
  Status WriteTable(Cf cf, const std::vector<const WriteBatch::Rep::Op*>& ops,
                    const std::string& path);
  Status CheckSchema();
  Result<bool> IsEmpty() const;
};

Status Store::Rep::OpenDb(bool exists) {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = !exists;
  db_options.create_missing_column_families = !exists;
  db_options.keep_log_file_num = 5;
  rocksdb::Status s =
      options.read_only
          ? rocksdb::DB::OpenForReadOnly(db_options, dir, Descriptors(options), &handles, &db)
          : rocksdb::DB::Open(db_options, dir, Descriptors(options), &handles, &db);
  if (s.ok()) return Status::OK();
  db = nullptr;
  if (IsLockError(s)) {
    return Status::IOError("the database in '" + dir +
                           "' is locked: another process (or another open handle) is using it");
  }
  return FromRocks(s, "cannot open the database in '" + dir + "'");
}

Result<bool> Store::Rep::IsEmpty() const {
  for (auto* handle : handles) {
    rocksdb::ReadOptions read_options;
    read_options.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read_options, handle));
    it->SeekToFirst();
    if (it->Valid()) return false;
    if (!it->status().ok()) return FromRocks(it->status(), "cannot read '" + dir + "'");
  }
  return true;
}

// A new database gets the current version.  So does an empty one: creation may have crashed
// between creating the column families and writing the version.
Status Store::Rep::CheckSchema() {
  std::string value;
  rocksdb::Status s = db->Get(rocksdb::ReadOptions(), Handle(Cf::kMeta), kSchemaVersionKey, &value);
  if (s.ok()) {
    if (value.size() != 8)
      return Status::Corruption("'" + dir + "' has a malformed schema version");
    uint64_t version = DecodeU64BE(value.data());
    if (version == kSchemaVersion) return Status::OK();
    return Status::Corruption("'" + dir + "' has schema version " + std::to_string(version) +
                              "; this build reads version " + std::to_string(kSchemaVersion));
  }
  if (!s.IsNotFound()) return FromRocks(s, "cannot read the schema version in '" + dir + "'");
  WK_ASSIGN_OR_RETURN(bool empty, IsEmpty());
  if (!empty || options.read_only) {
    return Status::Corruption("'" + dir + "' is not a whoknows database (no schema version)");
  }
  std::string version;
  PutU64BE(&version, kSchemaVersion);
  s = db->Put(write_options, Handle(Cf::kMeta), kSchemaVersionKey, version);
  return s.ok() ? Status::OK() : FromRocks(s, "cannot write the schema version in '" + dir + "'");
}

Store::Store(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::string& dir, const StoreOptions& options) {
  try {
    WK_ASSIGN_OR_RETURN(bool exists, CheckDirectory(dir, options));
    if (exists) WK_RETURN_IF_ERROR(CheckColumnFamilies(dir));
    auto rep = std::make_unique<Rep>();
    rep->dir = dir;
    rep->options = options;
    rep->write_options.sync = options.sync_writes;
    WK_RETURN_IF_ERROR(rep->OpenDb(exists));
    WK_RETURN_IF_ERROR(rep->CheckSchema());
    return std::unique_ptr<Store>(new Store(std::move(rep)));
  } catch (const std::exception& e) {
    return Status::IOError("cannot open the database in '" + dir + "': " + e.what());
  }
}

// A bulk batch: per column family, its operations sorted by key with the last one per key kept,
// written to a table file, then all files ingested in one atomic step.  RocksDB links the files
// into the database, fsyncs them and records them in the MANIFEST (synced) before returning, and
// gives them a sequence number above every existing key, so they shadow older values (and
// deletions in them older keys) exactly as a batch would.  A crash before the MANIFEST write
// leaves the database as it was; the leftover directory is removed by the next bulk write.
Status Store::Rep::WriteBulk(const std::vector<WriteBatch::Rep::Op>& ops) {
  std::array<std::vector<const WriteBatch::Rep::Op*>, kCfCount> by_cf;
  for (const auto& op : ops) by_cf[static_cast<int>(op.cf)].push_back(&op);
  const fs::path staging = fs::path(dir) / "bulk.tmp";
  std::error_code ec;
  fs::remove_all(staging, ec);
  if (!fs::create_directory(staging, ec)) {
    return Status::IOError("cannot create '" + staging.string() + "': " + ec.message());
  }
  std::vector<rocksdb::IngestExternalFileArg> args;
  Status status;
  for (int i = 0; i < kCfCount && status.ok(); ++i) {
    if (by_cf[i].empty()) continue;
    const std::string path = (staging / (std::string(kCfNames[i]) + ".sst")).string();
    status = WriteTable(static_cast<Cf>(i), by_cf[i], path);
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = Handle(static_cast<Cf>(i));
    arg.external_files = {path};
    arg.options.move_files = true;
    args.push_back(std::move(arg));
  }
  if (status.ok()) {
    rocksdb::Status s = db->IngestExternalFiles(args);
    if (!s.ok()) status = FromRocks(s, "bulk write failed");
  }
  fs::remove_all(staging, ec);
  return status;
}

Status Store::Rep::WriteTable(Cf cf, const std::vector<const WriteBatch::Rep::Op*>& ops,
                              const std::string& path) {
  std::vector<const WriteBatch::Rep::Op*> sorted(ops);
  // Stable: of several operations on one key, the last one in the batch is the last in a run.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto* a, const auto* b) { return a->key < b->key; });
  rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), db->GetOptions(Handle(cf)));
  rocksdb::Status s = writer.Open(path);
  for (size_t i = 0; i < sorted.size() && s.ok(); ++i) {
    if (i + 1 < sorted.size() && sorted[i + 1]->key == sorted[i]->key) continue;
    const auto& op = *sorted[i];
    s = op.is_put ? writer.Put(op.key, op.value) : writer.Delete(op.key);
  }
  if (s.ok()) s = writer.Finish();
  return s.ok() ? Status::OK() : FromRocks(s, "cannot write the table file '" + path + "'");
}

Status Store::Write(WriteBatch& batch) {
  if (rep_->options.read_only) return Status::IOError("the database is open read-only");
  try {
    if (batch.Count() >= std::max<size_t>(1, rep_->options.bulk_write_min_ops)) {
      return rep_->WriteBulk(batch.rep_->ops);
    }
    rocksdb::WriteBatch rocks_batch;
    for (const auto& op : batch.rep_->ops) {
      rocksdb::Status s = op.is_put ? rocks_batch.Put(rep_->Handle(op.cf), op.key, op.value)
                                    : rocks_batch.Delete(rep_->Handle(op.cf), op.key);
      if (!s.ok()) return FromRocks(s, "cannot build the write batch");
    }
    rocksdb::Status s = rep_->db->Write(rep_->write_options, &rocks_batch);
    return s.ok() ? Status::OK() : FromRocks(s, "write failed");
  } catch (const std::exception& e) {
    return Status::IOError(std::string("write failed: ") + e.what());
  }
}

Result<std::optional<std::string>> Store::Get(Cf cf, std::string_view key) const {
  std::string value;
  rocksdb::Status s = rep_->db->Get(rocksdb::ReadOptions(), rep_->Handle(cf),
                                    rocksdb::Slice(key.data(), key.size()), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "read failed");
  return std::optional<std::string>(std::move(value));
}

// The iterator reads an implicit snapshot taken when it is created, so one scan sees one state
// however many writes land meanwhile.
Status Store::Scan(Cf cf, std::string_view prefix,
                   const std::function<bool(std::string_view, std::string_view)>& fn) const {
  rocksdb::ReadOptions read_options;
  const std::string upper = PrefixSuccessor(prefix);
  rocksdb::Slice upper_slice(upper);
  if (!upper.empty()) read_options.iterate_upper_bound = &upper_slice;
  if (HasVidPrefix(cf)) {
    // A prefix shorter than the extractor's cannot use the prefix bloom filters.
    if (prefix.size() >= kEdgePrefixBytes) {
      read_options.prefix_same_as_start = true;
    } else {
      read_options.total_order_seek = true;
    }
  }
  std::unique_ptr<rocksdb::Iterator> it(rep_->db->NewIterator(read_options, rep_->Handle(cf)));
  for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!fn(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return it->status().ok() ? Status::OK() : FromRocks(it->status(), "scan failed");
}

namespace {

class RocksTableFile : public TableFile {
 public:
  RocksTableFile(const rocksdb::Options& options, std::string path)
      // The file is read again soon (ingested, then loaded by the next open): leave it in the
      // page cache rather than dropping it as it is written.
      : writer_(rocksdb::EnvOptions(), options, nullptr, /*invalidate_page_cache=*/false),
        path_(std::move(path)) {}

  Status Open() { return Check(writer_.Open(path_)); }
  Status Add(bool is_put, std::string_view key, std::string_view value) override {
    size_ += key.size() + value.size();
    const rocksdb::Slice k(key.data(), key.size());
    return Check(is_put ? writer_.Put(k, rocksdb::Slice(value.data(), value.size()))
                        : writer_.Delete(k));
  }
  Status Finish() override { return Check(writer_.Finish()); }
  uint64_t size() const override { return size_; }

 private:
  Status Check(const rocksdb::Status& s) const {
    return s.ok() ? Status::OK() : FromRocks(s, "cannot write the table file '" + path_ + "'");
  }

  rocksdb::SstFileWriter writer_;
  std::string path_;
  uint64_t size_ = 0;
};

}  // namespace

Result<std::unique_ptr<TableFile>> Store::NewTableFile(Cf cf, const std::string& path) const {
  auto file = std::make_unique<RocksTableFile>(rep_->db->GetOptions(rep_->Handle(cf)), path);
  WK_RETURN_IF_ERROR(file->Open());
  return std::unique_ptr<TableFile>(std::move(file));
}

Status Store::IngestTableFiles(const std::vector<std::pair<Cf, std::string>>& files) {
  if (rep_->options.read_only) return Status::IOError("the database is open read-only");
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (const auto& [cf, path] : files) {
    auto it = std::find_if(args.begin(), args.end(), [&, cf = cf](const auto& arg) {
      return arg.column_family == rep_->Handle(cf);
    });
    if (it == args.end()) {
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = rep_->Handle(cf);
      arg.options.move_files = true;
      args.push_back(std::move(arg));
      it = args.end() - 1;
    }
    it->external_files.push_back(path);
  }
  if (args.empty()) return Status::OK();
  rocksdb::Status s = rep_->db->IngestExternalFiles(args);
  return s.ok() ? Status::OK() : FromRocks(s, "bulk write failed");
}

Status Store::ScanRange(Cf cf, std::string_view begin, std::string_view end,
                        const std::function<bool(std::string_view, std::string_view)>& fn) const {
  rocksdb::ReadOptions read_options;
  read_options.total_order_seek = true;  // the range may span many vid prefixes
  read_options.fill_cache = false;       // a one-off pass: keep the cache for point reads
  read_options.readahead_size = 2 << 20;
  rocksdb::Slice upper_slice(end.data(), end.size());
  if (!end.empty()) read_options.iterate_upper_bound = &upper_slice;
  std::unique_ptr<rocksdb::Iterator> it(rep_->db->NewIterator(read_options, rep_->Handle(cf)));
  for (it->Seek(rocksdb::Slice(begin.data(), begin.size())); it->Valid(); it->Next()) {
    std::string_view key(it->key().data(), it->key().size());
    if (!fn(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return it->status().ok() ? Status::OK() : FromRocks(it->status(), "scan failed");
}

Status Store::Checkpoint(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) return Status::IOError("checkpoint target '" + dir + "' already exists");
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(rep_->db, &raw);
  std::unique_ptr<rocksdb::Checkpoint> checkpoint(raw);
  if (s.ok()) s = checkpoint->CreateCheckpoint(dir);
  return s.ok() ? Status::OK() : FromRocks(s, "cannot write a checkpoint to '" + dir + "'");
}

uint64_t Store::ApproximateSizeBytes() const {
  uint64_t sst = 0;
  if (!rep_->db->GetAggregatedIntProperty(rocksdb::DB::Properties::kTotalSstFilesSize, &sst)) {
    sst = 0;
  }
  uint64_t wal = 0;
  rocksdb::VectorLogPtr files;
  if (rep_->db->GetSortedWalFiles(files).ok()) {
    for (const auto& file : files) wal += file->SizeFileBytes();
  }
  return sst + wal;
}

std::vector<Store::Property> Store::Properties() const {
  static constexpr const char* kCfNames[kCfCount] = {"nodes", "ids", "out", "in", "meta"};
  using P = rocksdb::DB::Properties;
  const std::pair<const char*, const std::string*> per_cf[] = {
      {"sst_bytes", &P::kTotalSstFilesSize},
      {"live_data_bytes", &P::kEstimateLiveDataSize},
      {"memtable_bytes", &P::kCurSizeAllMemTables},
      {"estimated_keys", &P::kEstimateNumKeys},
      {"table_readers_bytes", &P::kEstimateTableReadersMem},
  };
  std::vector<Property> out;
  for (int i = 0; i < kCfCount; ++i) {
    for (const auto& [name, property] : per_cf) {
      uint64_t value = 0;
      if (rep_->db->GetIntProperty(rep_->Handle(static_cast<Cf>(i)), *property, &value)) {
        out.push_back({name, kCfNames[i], value});
      }
    }
  }
  for (const auto& [name, property] :
       {std::make_pair("block_cache_bytes", &P::kBlockCacheUsage),
        std::make_pair("block_cache_pinned_bytes", &P::kBlockCachePinnedUsage)}) {
    uint64_t value = 0;
    if (rep_->db->GetIntProperty(*property, &value)) out.push_back({name, "", value});
  }
  // The cumulative database statistics (writes, WAL syncs, stalls), every numeric entry.
  std::map<std::string, std::string> stats;
  if (rep_->db->GetMapProperty(P::kDBStats, &stats)) {
    for (const auto& [key, text] : stats) {
      std::string name = "db_" + key;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      char* end = nullptr;
      const double value = std::strtod(text.c_str(), &end);
      if (end != text.c_str() && *end == '\0' && value >= 0) {
        out.push_back({std::move(name), "", static_cast<uint64_t>(value)});
      }
    }
  }
  return out;
}

}  // namespace whoknows::storage
