#include "whoknows/storage/store.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "support/temp_db.h"
#include "whoknows/storage/key_codec.h"

using namespace whoknows;
using namespace whoknows::storage;

namespace {

using whoknows::testing::TempDir;

std::unique_ptr<Store> OpenOrFail(const std::string& dir, StoreOptions options = {}) {
  // Tests need no fsync per write.
  options.sync_writes = false;
  auto store = Store::Open(dir, options);
  INFO(store.status().ToString());
  REQUIRE(store.ok());
  return std::move(store).value();
}

std::optional<std::string> GetOrFail(const Store& store, Cf cf, std::string_view key) {
  auto value = store.Get(cf, key);
  INFO(value.status().ToString());
  REQUIRE(value.ok());
  return *value;
}

void PutOne(Store& store, Cf cf, std::string_view key, std::string_view value) {
  WriteBatch batch;
  batch.Put(cf, key, value);
  REQUIRE(store.Write(batch).ok());
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs ScanAll(const Store& store, Cf cf, std::string_view prefix) {
  Pairs out;
  Status s = store.Scan(cf, prefix, [&](std::string_view k, std::string_view v) {
    out.emplace_back(std::string(k), std::string(v));
    return true;
  });
  REQUIRE(s.ok());
  return out;
}

}  // namespace

TEST_CASE("store returns what was put, per column family", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  PutOne(*store, Cf::kNodes, "k", "in nodes");
  PutOne(*store, Cf::kIds, "k", "in ids");
  CHECK(GetOrFail(*store, Cf::kNodes, "k") == std::optional<std::string>("in nodes"));
  CHECK(GetOrFail(*store, Cf::kIds, "k") == std::optional<std::string>("in ids"));
  CHECK_FALSE(GetOrFail(*store, Cf::kOut, "k").has_value());
  CHECK_FALSE(GetOrFail(*store, Cf::kNodes, "absent").has_value());
  // Binary keys and values survive, embedded NULs included.
  const std::string key("\x00\x01\xff", 3), value("\x00\x00", 2);
  PutOne(*store, Cf::kMeta, key, value);
  CHECK(GetOrFail(*store, Cf::kMeta, key) == std::optional<std::string>(value));
}

TEST_CASE("a prefix scan of out yields exactly one vid's edges in key order", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  WriteBatch batch;
  // Inserted out of order; vid 256 would follow vid 1 if the prefix were shorter than 8 bytes.
  batch.Put(Cf::kOut, EdgeKey(1, 8, 30), "c");
  batch.Put(Cf::kOut, EdgeKey(256, 1, 1), "x");
  batch.Put(Cf::kOut, EdgeKey(1, 6, 20), "b");
  batch.Put(Cf::kOut, EdgeKey(0, 6, 1), "y");
  batch.Put(Cf::kOut, EdgeKey(1, 6, 10), "a");
  batch.Put(Cf::kOut, EdgeKey(2, 6, 1), "z");
  REQUIRE(store->Write(batch).ok());

  Pairs edges = ScanAll(*store, Cf::kOut, EdgePrefix(1));
  REQUIRE(edges.size() == 3);
  CHECK(edges[0] == std::make_pair(EdgeKey(1, 6, 10), std::string("a")));
  CHECK(edges[1] == std::make_pair(EdgeKey(1, 6, 20), std::string("b")));
  CHECK(edges[2] == std::make_pair(EdgeKey(1, 8, 30), std::string("c")));
  CHECK(ScanAll(*store, Cf::kOut, EdgePrefix(3)).empty());
  CHECK(ScanAll(*store, Cf::kOut, "").size() == 6);
  // A prefix longer than the vid narrows to one edge type.
  std::string by_type = EdgePrefix(1);
  PutU16BE(&by_type, 6);
  CHECK(ScanAll(*store, Cf::kOut, by_type).size() == 2);
}

TEST_CASE("scans of nodes by kind stop at the next kind, even at 0xff", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  WriteBatch batch;
  for (uint8_t kind : {1, 2, 3, 0xff}) {
    for (uint64_t vid : {5, 1}) batch.Put(Cf::kNodes, NodeKey(kind, vid), std::to_string(kind));
  }
  REQUIRE(store->Write(batch).ok());
  Pairs people = ScanAll(*store, Cf::kNodes, NodeKindPrefix(2));
  REQUIRE(people.size() == 2);
  CHECK(DecodeNodeKey(people[0].first)->vid == 1);
  CHECK(DecodeNodeKey(people[1].first)->vid == 5);
  CHECK(ScanAll(*store, Cf::kNodes, NodeKindPrefix(0xff)).size() == 2);
  CHECK(ScanAll(*store, Cf::kNodes, "").size() == 8);
}

TEST_CASE("a scan stops when the callback returns false", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  WriteBatch batch;
  for (uint64_t dst = 0; dst < 10; ++dst) batch.Put(Cf::kIn, EdgeKey(4, 1, dst), "");
  REQUIRE(store->Write(batch).ok());
  int seen = 0;
  Status s = store->Scan(Cf::kIn, EdgePrefix(4),
                         [&](std::string_view, std::string_view) { return ++seen < 3; });
  CHECK(s.ok());
  CHECK(seen == 3);
}

TEST_CASE("a scan sees the state from when it started", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  PutOne(*store, Cf::kOut, EdgeKey(1, 1, 1), "old");
  PutOne(*store, Cf::kOut, EdgeKey(1, 1, 2), "old");
  std::vector<std::string> values;
  Status s = store->Scan(Cf::kOut, EdgePrefix(1), [&](std::string_view, std::string_view v) {
    if (values.empty()) {
      // Written mid-scan: a key ahead of the cursor and a change to the next one.
      WriteBatch batch;
      batch.Put(Cf::kOut, EdgeKey(1, 1, 3), "new");
      batch.Put(Cf::kOut, EdgeKey(1, 1, 2), "new");
      REQUIRE(store->Write(batch).ok());
    }
    values.emplace_back(v);
    return true;
  });
  REQUIRE(s.ok());
  CHECK(values == std::vector<std::string>{"old", "old"});
  CHECK(ScanAll(*store, Cf::kOut, EdgePrefix(1)).size() == 3);
}

TEST_CASE("a batch applies all its changes together, in order", "[storage]") {
  TempDir tmp;
  // The same batch as a small one (WAL and memtable) and as a bulk one (ingested table files).
  StoreOptions options;
  options.bulk_write_min_ops = GENERATE(size_t{200000}, size_t{1});
  auto store = OpenOrFail(tmp.path(), options);
  PutOne(*store, Cf::kIds, "gone", "1");
  PutOne(*store, Cf::kMeta, "twice", "zero");
  WriteBatch batch;
  batch.Put(Cf::kNodes, "n", "node");
  batch.Put(Cf::kOut, EdgeKey(1, 2, 3), "props");
  batch.Put(Cf::kIn, EdgeKey(3, 2, 1), "props");
  batch.Delete(Cf::kIds, "gone");
  batch.Put(Cf::kMeta, "twice", "first");
  batch.Delete(Cf::kMeta, "twice");
  batch.Put(Cf::kMeta, "twice", "second");
  CHECK(batch.Count() == 7);
  // Nothing is visible before Write.
  CHECK_FALSE(GetOrFail(*store, Cf::kNodes, "n").has_value());
  REQUIRE(store->Write(batch).ok());
  CHECK(GetOrFail(*store, Cf::kNodes, "n") == std::optional<std::string>("node"));
  CHECK(GetOrFail(*store, Cf::kOut, EdgeKey(1, 2, 3)).has_value());
  CHECK(GetOrFail(*store, Cf::kIn, EdgeKey(3, 2, 1)).has_value());
  CHECK_FALSE(GetOrFail(*store, Cf::kIds, "gone").has_value());
  CHECK(GetOrFail(*store, Cf::kMeta, "twice") == std::optional<std::string>("second"));
  CHECK(ScanAll(*store, Cf::kIds, "").empty());
}

TEST_CASE("a bulk batch survives reopening and shadows older values", "[storage]") {
  TempDir tmp;
  StoreOptions options;
  options.bulk_write_min_ops = 3;
  {
    auto store = OpenOrFail(tmp.path(), options);
    PutOne(*store, Cf::kNodes, "old", "1");  // in the memtable when the bulk batch lands
    WriteBatch batch;
    for (int i = 0; i < 100; ++i) batch.Put(Cf::kOut, EdgeKey(7, 1, 99 - i), "e");
    batch.Put(Cf::kNodes, "old", "2");
    batch.Put(Cf::kNodes, "new", "3");
    REQUIRE(store->Write(batch).ok());
    CHECK(GetOrFail(*store, Cf::kNodes, "old") == std::optional<std::string>("2"));
  }
  auto store = OpenOrFail(tmp.path(), options);
  CHECK(ScanAll(*store, Cf::kOut, EdgePrefix(7)).size() == 100);
  CHECK(GetOrFail(*store, Cf::kNodes, "old") == std::optional<std::string>("2"));
  CHECK(GetOrFail(*store, Cf::kNodes, "new") == std::optional<std::string>("3"));
  CHECK_FALSE(std::filesystem::exists(tmp.Sub("bulk.tmp")));
}

TEST_CASE("data survives closing and reopening the store", "[storage]") {
  TempDir tmp;
  {
    auto store = OpenOrFail(tmp.path());
    WriteBatch batch;
    batch.Put(Cf::kNodes, NodeKey(1, 0), "alice");
    batch.Put(Cf::kOut, EdgeKey(0, 3, 1), "edge");
    REQUIRE(store->Write(batch).ok());
    CHECK(store->ApproximateSizeBytes() > 0);
  }
  auto store = OpenOrFail(tmp.path());
  CHECK(GetOrFail(*store, Cf::kNodes, NodeKey(1, 0)) == std::optional<std::string>("alice"));
  CHECK(ScanAll(*store, Cf::kOut, EdgePrefix(0)).size() == 1);
}

TEST_CASE("a checkpoint opens as a copy of the state when it was taken", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.Sub("db"));
  PutOne(*store, Cf::kNodes, "before", "1");
  REQUIRE(store->Checkpoint(tmp.Sub("copy")).ok());
  PutOne(*store, Cf::kNodes, "after", "2");
  CHECK_FALSE(store->Checkpoint(tmp.Sub("copy")).ok());  // the target must not exist

  auto copy = OpenOrFail(tmp.Sub("copy"));
  CHECK(GetOrFail(*copy, Cf::kNodes, "before") == std::optional<std::string>("1"));
  CHECK_FALSE(GetOrFail(*copy, Cf::kNodes, "after").has_value());
}

TEST_CASE("a database in use cannot be opened again", "[storage]") {
  TempDir tmp;
  auto store = OpenOrFail(tmp.path());
  auto second = Store::Open(tmp.path(), StoreOptions{});
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == Status::Code::kIOError);
  CHECK_THAT(second.status().message(), Catch::Contains("locked"));
}

TEST_CASE("an unknown schema version is refused as corruption", "[storage]") {
  TempDir tmp;
  {
    auto store = OpenOrFail(tmp.path());
    std::string version;
    PutU64BE(&version, 999);
    PutOne(*store, Cf::kMeta, "schema_version", version);
  }
  auto reopened = Store::Open(tmp.path(), StoreOptions{});
  REQUIRE_FALSE(reopened.ok());
  CHECK(reopened.status().code() == Status::Code::kCorruption);
  CHECK_THAT(reopened.status().message(), Catch::Contains("999"));
}

TEST_CASE("a directory holding other files is not turned into a database", "[storage]") {
  TempDir tmp;
  std::ofstream(tmp.Sub("notes.txt")) << "mine";
  auto store = Store::Open(tmp.path(), StoreOptions{});
  REQUIRE_FALSE(store.ok());
  CHECK(store.status().code() == Status::Code::kIOError);
  CHECK(std::filesystem::exists(tmp.Sub("notes.txt")));
  CHECK_FALSE(std::filesystem::exists(tmp.Sub("CURRENT")));
}

TEST_CASE("a missing database is created only when allowed", "[storage]") {
  TempDir tmp;
  StoreOptions no_create;
  no_create.create_if_missing = false;
  auto missing = Store::Open(tmp.Sub("db"), no_create);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.status().code() == Status::Code::kIOError);
  OpenOrFail(tmp.Sub("db"));  // creates it
  OpenOrFail(tmp.Sub("db"), no_create);
  OpenOrFail(tmp.Sub("a/b/c"));  // and missing parents
}

TEST_CASE("a read-only store reads but refuses writes", "[storage]") {
  TempDir tmp;
  { PutOne(*OpenOrFail(tmp.path()), Cf::kIds, "k", "v"); }
  StoreOptions read_only;
  read_only.read_only = true;
  auto store = OpenOrFail(tmp.path(), read_only);
  CHECK(GetOrFail(*store, Cf::kIds, "k") == std::optional<std::string>("v"));
  WriteBatch batch;
  batch.Put(Cf::kIds, "k2", "v");
  CHECK(store->Write(batch).code() == Status::Code::kIOError);
}
