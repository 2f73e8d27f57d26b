// BulkWriter: an external merge sort into table files.  Operations are buffered in one arena
// (header, key, value back to back) with a per-column-family index of (8-byte key prefix, offset);
// a spill sorts each index and writes the entries in that order to one run file per column
// family.  Commit merges, per column family, the runs and the last buffer with a heap ordered by
// (key, source), so for equal keys the sources come in the order they were added.
#include "whoknows/storage/bulk_writer.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <queue>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "whoknows/core/huge_pages.h"
#include "whoknows/core/result.h"

namespace whoknows::storage {
namespace {

namespace fs = std::filesystem;

// Adds the wall time from construction to destruction to `*sum`.
class Timer {
 public:
  explicit Timer(double* sum) : sum_(sum), start_(std::chrono::steady_clock::now()) {}
  ~Timer() {
    *sum_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

 private:
  double* sum_;
  std::chrono::steady_clock::time_point start_;
};

// An entry: u8 is_put, u32 tag, u16 key length, u32 value length, the key, the value.
constexpr size_t kHeaderBytes = 11;

struct Op {
  bool is_put = false;
  uint32_t tag = 0;
  std::string_view key;
  std::string_view value;
};

void EncodeHeader(char* out, bool is_put, uint32_t tag, uint16_t klen, uint32_t vlen) {
  out[0] = is_put ? 1 : 0;
  std::memcpy(out + 1, &tag, 4);
  std::memcpy(out + 5, &klen, 2);
  std::memcpy(out + 7, &vlen, 4);
}

// REQUIRES: `p` points at a whole entry.
Op DecodeEntry(const char* p) {
  Op op;
  uint16_t klen;
  uint32_t vlen;
  op.is_put = p[0] != 0;
  std::memcpy(&op.tag, p + 1, 4);
  std::memcpy(&klen, p + 5, 2);
  std::memcpy(&vlen, p + 7, 4);
  op.key = std::string_view(p + kHeaderBytes, klen);
  op.value = std::string_view(p + kHeaderBytes + klen, vlen);
  return op;
}

// The first 20 bytes of a key as integers, zero-padded: when they differ they order the keys as
// memcmp would, so comparing two 18-byte edge keys is a few integer comparisons.
struct KeyWords {
  uint64_t w0;  // bytes 0-7
  uint64_t w1;  // bytes 8-15
  uint32_t w2;  // bytes 16-19

  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "KeyWords reads words little-endian");
  explicit KeyWords(std::string_view key) {
    char bytes[20] = {};
    if (!key.empty()) std::memcpy(bytes, key.data(), std::min(key.size(), sizeof(bytes)));
    std::memcpy(&w0, bytes, 8);
    std::memcpy(&w1, bytes + 8, 8);
    std::memcpy(&w2, bytes + 16, 4);
    w0 = __builtin_bswap64(w0);  // big-endian: the first byte is the most significant
    w1 = __builtin_bswap64(w1);
    w2 = __builtin_bswap32(w2);
  }
  // -1, 0 or 1; 0 when the first 20 bytes are equal (the keys may still differ after them).
  int Compare(const KeyWords& o) const {
    if (w0 != o.w0) return w0 < o.w0 ? -1 : 1;
    if (w1 != o.w1) return w1 < o.w1 ? -1 : 1;
    if (w2 != o.w2) return w2 < o.w2 ? -1 : 1;
    return 0;
  }
};

// An entry in the sort index: sorting never touches the arena but for keys whose first 20 bytes
// are equal.
struct Ref {
  KeyWords words;
  uint32_t offset;  // into the arena, which is smaller than 4 GiB

  Ref(std::string_view key, size_t at) : words(key), offset(static_cast<uint32_t>(at)) {}
};

// A sorted stream of operations of one column family.
class Source {
 public:
  virtual ~Source() = default;
  virtual bool Valid() const = 0;
  virtual const Op& op() const = 0;
  virtual Status Next() = 0;
};

class MemorySource : public Source {
 public:
  MemorySource(const std::vector<char>& arena, const std::vector<Ref>& refs)
      : arena_(arena), refs_(refs) {
    Load();
  }
  bool Valid() const override { return i_ < refs_.size(); }
  const Op& op() const override { return op_; }
  Status Next() override {
    ++i_;
    Load();
    return Status::OK();
  }

 private:
  void Load() {
    if (Valid()) op_ = DecodeEntry(arena_.data() + refs_[i_].offset);
  }
  const std::vector<char>& arena_;
  const std::vector<Ref>& refs_;
  size_t i_ = 0;
  Op op_;
};

// A run file, mapped: its operations stay readable (and their views valid) until the source is
// destroyed, so the merge copies no key or value.
class FileSource : public Source {
 public:
  static Result<std::unique_ptr<FileSource>> Open(const std::string& path) {
    std::unique_ptr<FileSource> source(new FileSource(path));
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IOError("cannot read '" + path + "'");
    struct stat st;
    const bool sized = ::fstat(fd, &st) == 0;
    if (sized && st.st_size > 0) {
      void* map = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (map != MAP_FAILED) {
        source->data_ = static_cast<const char*>(map);
        source->size_ = static_cast<size_t>(st.st_size);
        ::madvise(map, source->size_, MADV_SEQUENTIAL);
      }
    }
    ::close(fd);
    if (!sized || (st.st_size > 0 && source->data_ == nullptr)) {
      return Status::IOError("cannot map '" + path + "'");
    }
    WK_RETURN_IF_ERROR(source->Next());
    return source;
  }
  ~FileSource() override {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
  }
  bool Valid() const override { return valid_; }
  const Op& op() const override { return op_; }
  Status Next() override {
    if (pos_ == size_) {
      valid_ = false;
      return Status::OK();
    }
    if (size_ - pos_ < kHeaderBytes) return Truncated();
    uint16_t klen;
    uint32_t vlen;
    std::memcpy(&klen, data_ + pos_ + 5, 2);
    std::memcpy(&vlen, data_ + pos_ + 7, 4);
    const size_t bytes = kHeaderBytes + size_t{klen} + vlen;
    if (size_ - pos_ < bytes) return Truncated();
    op_ = DecodeEntry(data_ + pos_);
    ReleaseBefore(pos_);
    pos_ += bytes;
    return Status::OK();
  }

 private:
  explicit FileSource(std::string path) : path_(std::move(path)) {}
  Status Truncated() const { return Status::IOError("truncated run file '" + path_ + "'"); }
  // Drops the pages read so far, below `offset`, every kReleaseBytes: mapped pages count as the
  // process's memory until dropped, and a merge of many runs would otherwise hold all of them
  // (a 1,000,000-people import peaked at 4.4 GB; 1.7 GB with 4 MiB steps, 33 runs per column
  // family).  Were one touched again it would be read back from the file.
  void ReleaseBefore(size_t offset) {
    static const size_t kPage = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    constexpr size_t kReleaseBytes = size_t{4} << 20;
    if (offset - released_ < kReleaseBytes) return;
    const size_t end = offset / kPage * kPage;
    ::madvise(const_cast<char*>(data_) + released_, end - released_, MADV_DONTNEED);
    released_ = end;
  }

  std::string path_;
  const char* data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  size_t released_ = 0;  // pages below it are dropped (a multiple of the page size)
  Op op_;
  bool valid_ = true;
};

}  // namespace

struct BulkWriter::Rep {
  Store* store = nullptr;
  fs::path dir;
  BulkWriterOptions options;
  std::vector<char> arena;
  std::array<std::vector<Ref>, kCfCount> index;
  std::array<uint64_t, kCfCount> added{};  // operations per column family, spilled or not
  size_t refs = 0;
  int runs = 0;
  BulkWriterTimes times;
  // With options.threads > 1 a full buffer is sorted and written as a run on a thread of its own
  // while Add fills the other one; each buffer then gets half the memory budget.  The spiller
  // owns spill_arena, spill_index, spill_status and spill_seconds until WaitSpill joins it.
  std::vector<char> spill_arena;
  std::array<std::vector<Ref>, kCfCount> spill_index;
  std::thread spiller;
  Status spill_status;
  double spill_seconds = 0;

  ~Rep() { (void)WaitSpill(); }
  Status Add(Cf cf, bool is_put, std::string_view key, std::string_view value, uint32_t tag);
  size_t BufferBudget() const {
    return options.threads > 1 ? options.memory_budget_bytes / 2 : options.memory_budget_bytes;
  }
  void SortIndex(int cf) { SortRefs(arena, index[cf]); }
  // Room for a whole buffer before its first entry: the arena and each index then never move as
  // they grow.  Grown by doubling, each copied itself into fresh pages on the way up, and those
  // pages (zeroed by the kernel, a costly first touch on a virtual machine) were faulted in on the
  // loading thread, the import's busiest.  Only address space: a page is backed when written.
  // At 100,000 people: system time 0.82 -> 0.55 s, peak resident -80 MB (benchmarks/RESULTS.md).
  void ReserveBuffer() {
    const size_t budget = BufferBudget();
    arena.reserve(budget + (size_t{1} << 20));
    AdviseHugePages(arena.data(), arena.capacity());
    for (std::vector<Ref>& refs_of_cf : index) {
      refs_of_cf.reserve(budget / sizeof(Ref) + 1);
      AdviseHugePages(refs_of_cf.data(), refs_of_cf.capacity() * sizeof(Ref));
    }
  }
  static void SortRefs(const std::vector<char>& arena, std::vector<Ref>& refs);
  Status Spill();
  // The spill started last has finished; its status.
  Status WaitSpill();
  // Sorts every index of a buffer and writes each as the run file `run` of its column family.
  Status WriteRuns(const std::vector<char>& buffer,
                   std::array<std::vector<Ref>, kCfCount>& buffer_index, int run) const;
  std::string RunPath(int run, int cf) const {
    return (dir / ("run-" + std::to_string(run) + "-" + std::to_string(cf))).string();
  }
  static Status WriteRun(const std::vector<char>& buffer, const std::vector<Ref>& refs,
                         const std::string& path);
  Status MergeInto(int cf, const KeepFn& keep, std::vector<std::pair<Cf, std::string>>* files);
  Status WriteTables(int cf, const KeepFn& keep, std::vector<std::unique_ptr<Source>>& sources,
                     std::vector<std::pair<Cf, std::string>>* files);
};

Status BulkWriter::Rep::Add(Cf cf, bool is_put, std::string_view key, std::string_view value,
                            uint32_t tag) {
  if (arena.capacity() == 0) ReserveBuffer();
  const size_t offset = arena.size();
  arena.resize(offset + kHeaderBytes + key.size() + value.size());
  char* p = arena.data() + offset;
  EncodeHeader(p, is_put, tag, static_cast<uint16_t>(key.size()),
               static_cast<uint32_t>(value.size()));
  std::memcpy(p + kHeaderBytes, key.data(), key.size());
  if (!value.empty()) std::memcpy(p + kHeaderBytes + key.size(), value.data(), value.size());
  index[static_cast<int>(cf)].push_back(Ref(key, offset));
  ++added[static_cast<int>(cf)];
  ++refs;
  if (arena.size() + refs * sizeof(Ref) < BufferBudget()) return Status::OK();
  return Spill();
}

// The index of `cf` by key; equal keys keep the order they were added in (offsets increase).
void BulkWriter::Rep::SortRefs(const std::vector<char>& arena, std::vector<Ref>& refs) {
  const char* base = arena.data();
  std::sort(refs.begin(), refs.end(), [base](const Ref& a, const Ref& b) {
    if (const int w = a.words.Compare(b.words); w != 0) return w < 0;
    const int c = DecodeEntry(base + a.offset).key.compare(DecodeEntry(base + b.offset).key);
    return c != 0 ? c < 0 : a.offset < b.offset;
  });
}

// Entries are copied into a buffer of 1 MiB and written a buffer at a time.
Status BulkWriter::Rep::WriteRun(const std::vector<char>& arena, const std::vector<Ref>& refs_of_cf,
                                 const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status::IOError("cannot create '" + path + "'");
  constexpr size_t kBufferBytes = size_t{1} << 20;
  std::vector<char> buffer;
  buffer.reserve(kBufferBytes);
  bool ok = true;
  auto write = [&] {
    ok = ok && std::fwrite(buffer.data(), 1, buffer.size(), file) == buffer.size();
    buffer.clear();
  };
  for (const Ref& ref : refs_of_cf) {
    const char* entry = arena.data() + ref.offset;
    uint16_t klen;
    uint32_t vlen;
    std::memcpy(&klen, entry + 5, 2);
    std::memcpy(&vlen, entry + 7, 4);
    const size_t bytes = kHeaderBytes + klen + vlen;
    if (buffer.size() + bytes > kBufferBytes) write();
    buffer.insert(buffer.end(), entry, entry + bytes);
  }
  write();
  ok = std::fclose(file) == 0 && ok;
  return ok ? Status::OK() : Status::IOError("cannot write '" + path + "'");
}

Status BulkWriter::Rep::WriteRuns(const std::vector<char>& buffer,
                                  std::array<std::vector<Ref>, kCfCount>& buffer_index,
                                  int run) const {
  for (int cf = 0; cf < kCfCount; ++cf) {
    SortRefs(buffer, buffer_index[cf]);
    if (!buffer_index[cf].empty())
      WK_RETURN_IF_ERROR(WriteRun(buffer, buffer_index[cf], RunPath(run, cf)));
  }
  return Status::OK();
}

Status BulkWriter::Rep::Spill() {
  WK_RETURN_IF_ERROR(WaitSpill());
  const int run = runs++;
  refs = 0;
  if (options.threads <= 1) {
    Timer timer(&times.spill);
    const Status s = WriteRuns(arena, index, run);
    arena.clear();
    for (std::vector<Ref>& refs_of_cf : index) refs_of_cf.clear();
    return s;
  }
  // The full buffer goes to the spiller; Add goes on with the other (capacity kept, contents
  // cleared), so at most two buffers of half the budget each exist at any time.
  std::swap(arena, spill_arena);
  std::swap(index, spill_index);
  arena.clear();
  for (std::vector<Ref>& refs_of_cf : index) refs_of_cf.clear();
  spiller = std::thread([this, run] {
    Timer timer(&spill_seconds);
    spill_status = WriteRuns(spill_arena, spill_index, run);
  });
  return Status::OK();
}

Status BulkWriter::Rep::WaitSpill() {
  if (!spiller.joinable()) return Status::OK();
  spiller.join();
  times.spill += spill_seconds;
  spill_seconds = 0;
  return spill_status;
}

// Per key, the last operation `keep` accepts; table files of about options.table_file_bytes.
Status BulkWriter::Rep::WriteTables(int cf, const KeepFn& keep,
                                    std::vector<std::unique_ptr<Source>>& sources,
                                    std::vector<std::pair<Cf, std::string>>* files) {
  // words[i]: of the key of sources[i]'s current operation, compared before the key itself.
  std::vector<KeyWords> words;
  for (const auto& source : sources) {
    words.emplace_back(source->Valid() ? source->op().key : std::string_view());
  }
  auto later = [&](size_t a, size_t b) {  // the heap's top is the smallest (key, source)
    int c = words[a].Compare(words[b]);
    if (c == 0) c = sources[a]->op().key.compare(sources[b]->op().key);
    return c != 0 ? c > 0 : a > b;
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> heap(later);
  for (size_t i = 0; i < sources.size(); ++i) {
    if (sources[i]->Valid()) heap.push(i);
  }
  std::unique_ptr<TableFile> table;
  // The winner so far of the current key.  Its views stay valid while the sources live: they
  // point into the buffer or into a mapped run file.
  Op winner;
  bool have = false;
  auto flush = [&]() -> Status {
    if (!have) return Status::OK();
    have = false;
    if (table == nullptr) {
      files->emplace_back(static_cast<Cf>(cf), (dir / ("table-" + std::to_string(cf) + "-" +
                                                       std::to_string(files->size()) + ".sst"))
                                                   .string());
      WK_ASSIGN_OR_RETURN(table, store->NewTableFile(static_cast<Cf>(cf), files->back().second));
    }
    WK_RETURN_IF_ERROR(table->Add(winner.is_put, winner.key, winner.value));
    if (table->size() < options.table_file_bytes) return Status::OK();
    Status s = table->Finish();
    table.reset();
    return s;
  };
  while (!heap.empty()) {
    const size_t i = heap.top();
    heap.pop();
    const Op& op = sources[i]->op();
    if (have && op.key != winner.key) WK_RETURN_IF_ERROR(flush());
    if (keep(static_cast<Cf>(cf), op.key, op.tag)) {
      winner = op;
      have = true;
    }
    WK_RETURN_IF_ERROR(sources[i]->Next());
    if (sources[i]->Valid()) {
      words[i] = KeyWords(sources[i]->op().key);
      heap.push(i);
    }
  }
  WK_RETURN_IF_ERROR(flush());
  return table != nullptr ? table->Finish() : Status::OK();
}

Status BulkWriter::Rep::MergeInto(int cf, const KeepFn& keep,
                                  std::vector<std::pair<Cf, std::string>>* files) {
  std::vector<std::unique_ptr<Source>> sources;
  for (int run = 0; run < runs; ++run) {
    const std::string path = RunPath(run, cf);
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    WK_ASSIGN_OR_RETURN(std::unique_ptr<FileSource> source, FileSource::Open(path));
    sources.push_back(std::move(source));
  }
  sources.push_back(std::make_unique<MemorySource>(arena, index[cf]));
  return WriteTables(cf, keep, sources, files);
}

Result<std::unique_ptr<BulkWriter>> BulkWriter::Create(Store& store, const std::string& store_dir,
                                                       const BulkWriterOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->store = &store;
  rep->dir = fs::path(store_dir) / "bulk-load.tmp";
  rep->options = options;
  // Offsets into the arena are 32-bit.
  rep->options.memory_budget_bytes = std::min<size_t>(options.memory_budget_bytes, size_t{3} << 30);
  std::error_code ec;
  fs::remove_all(rep->dir, ec);
  if (!fs::create_directory(rep->dir, ec)) {
    return Status::IOError("cannot create '" + rep->dir.string() + "': " + ec.message());
  }
  return std::unique_ptr<BulkWriter>(new BulkWriter(std::move(rep)));
}

BulkWriter::BulkWriter(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

BulkWriter::~BulkWriter() {
  (void)rep_->WaitSpill();  // before its run files go
  std::error_code ec;
  fs::remove_all(rep_->dir, ec);
}

Status BulkWriter::Put(Cf cf, std::string_view key, std::string_view value, uint32_t tag) {
  return rep_->Add(cf, true, key, value, tag);
}

Status BulkWriter::Delete(Cf cf, std::string_view key, uint32_t tag) {
  return rep_->Add(cf, false, key, {}, tag);
}

// The column families are independent until the ingestion: each is sorted, merged and written
// by one of the threads, the biggest first so that the threads finish close together.
Status BulkWriter::Commit(const KeepFn& keep) {
  Rep& r = *rep_;
  WK_RETURN_IF_ERROR(r.WaitSpill());
  r.spill_arena = {};
  for (auto& refs : r.spill_index) refs = {};
  std::array<int, kCfCount> order;
  for (int cf = 0; cf < kCfCount; ++cf) order[cf] = cf;
  std::sort(order.begin(), order.end(), [&r](int a, int b) { return r.added[a] > r.added[b]; });
  std::array<std::vector<std::pair<Cf, std::string>>, kCfCount> files;
  std::array<Status, kCfCount> status;
  {
    Timer timer(&r.times.tables);
    std::atomic<int> next{0};
    auto work = [&] {
      for (int i; (i = next++) < kCfCount;) {
        const int cf = order[i];
        r.SortIndex(cf);
        status[cf] = r.MergeInto(cf, keep, &files[cf]);
      }
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < std::min(r.options.threads, kCfCount); ++t) helpers.emplace_back(work);
    work();
    for (std::thread& helper : helpers) helper.join();
  }
  for (const Status& s : status) WK_RETURN_IF_ERROR(s);
  r.arena = {};
  for (auto& refs : r.index) refs = {};
  std::vector<std::pair<Cf, std::string>> all;
  for (auto& of_cf : files) all.insert(all.end(), of_cf.begin(), of_cf.end());
  Timer timer(&r.times.ingest);
  return r.store->IngestTableFiles(all);
}

int BulkWriter::runs() const { return rep_->runs; }
const BulkWriterTimes& BulkWriter::times() const { return rep_->times; }

}  // namespace whoknows::storage
