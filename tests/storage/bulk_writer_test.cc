#include "whoknows/storage/bulk_writer.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "../support/temp_db.h"
#include "whoknows/storage/store.h"

namespace {

using whoknows::Status;
using whoknows::storage::BulkWriter;
using whoknows::storage::BulkWriterOptions;
using whoknows::storage::Cf;
using whoknows::storage::kCfCount;
using whoknows::storage::Store;
using whoknows::storage::StoreOptions;
using whoknows::testing::TempDir;

using Contents = std::map<std::pair<int, std::string>, std::string>;

// Every key of the data column families (meta holds the schema version too).
Contents Scan(const Store& store) {
  Contents out;
  for (int cf = 0; cf < kCfCount; ++cf) {
    REQUIRE(store
                .Scan(static_cast<Cf>(cf), "",
                      [&](std::string_view k, std::string_view v) {
                        out[{cf, std::string(k)}] = std::string(v);
                        return true;
                      })
                .ok());
  }
  return out;
}

struct Op {
  bool put;
  Cf cf;
  std::string key;
  std::string value;
  uint32_t tag;
};

// Keys that share 8-byte prefixes and differ in length, so that both the prefix and the full
// comparison decide orders.
std::vector<Op> RandomOps(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<Op> ops;
  for (size_t i = 0; i < n; ++i) {
    Op op;
    op.put = rng() % 4 != 0;
    op.cf = static_cast<Cf>(rng() % 4);  // not meta
    op.key = std::string(rng() % 2 ? "prefix00" : "pre") + std::to_string(rng() % 60);
    if (op.put) op.value = "v" + std::to_string(i);
    op.tag = rng() % 5;
    ops.push_back(std::move(op));
  }
  return ops;
}

bool KeepTag(uint32_t tag) { return tag != 3; }

TEST_CASE("a bulk writer spilling many runs writes what applying its operations in order would",
          "[storage]") {
  TempDir dir;
  auto store = Store::Open(dir.Sub("db"), StoreOptions{});
  REQUIRE(store.ok());
  // What is there before: some of these keys get deleted or overwritten.
  whoknows::storage::WriteBatch before;
  for (int i = 0; i < 60; i += 3) {
    before.Put(Cf::kOut, "pre" + std::to_string(i), "old");
    before.Put(Cf::kNodes, "prefix00" + std::to_string(i), "old");
  }
  REQUIRE((*store)->Write(before).ok());
  Contents expected = Scan(**store);

  const std::vector<Op> ops = RandomOps(3000, GENERATE(1u, 2u, 3u));
  BulkWriterOptions options;
  options.memory_budget_bytes = GENERATE(size_t{1} << 30, size_t{2000});  // one run, or many
  options.table_file_bytes = 500;
  options.threads = GENERATE(1, 2, 5);
  auto writer = BulkWriter::Create(**store, dir.Sub("db"), options);
  REQUIRE(writer.ok());
  for (const Op& op : ops) {
    REQUIRE((op.put ? (*writer)->Put(op.cf, op.key, op.value, op.tag)
                    : (*writer)->Delete(op.cf, op.key, op.tag))
                .ok());
    if (!KeepTag(op.tag)) continue;
    if (op.put) {
      expected[{static_cast<int>(op.cf), op.key}] = op.value;
    } else {
      expected.erase({static_cast<int>(op.cf), op.key});
    }
  }
  if (options.memory_budget_bytes == 2000) CHECK((*writer)->runs() > 10);
  REQUIRE((*writer)->Commit([](Cf, std::string_view, uint32_t tag) { return KeepTag(tag); }).ok());
  writer->reset();
  CHECK(Scan(**store) == expected);
  CHECK_FALSE(std::filesystem::exists(dir.Sub("db") + "/bulk-load.tmp"));
}

TEST_CASE("a bulk writer dropped without commit leaves the store as it was", "[storage]") {
  TempDir dir;
  auto store = Store::Open(dir.Sub("db"), StoreOptions{});
  REQUIRE(store.ok());
  whoknows::storage::WriteBatch before;
  before.Put(Cf::kIds, "a", "1");
  REQUIRE((*store)->Write(before).ok());
  const Contents expected = Scan(**store);
  {
    BulkWriterOptions options;
    options.memory_budget_bytes = 100;
    auto writer = BulkWriter::Create(**store, dir.Sub("db"), options);
    REQUIRE(writer.ok());
    for (const Op& op : RandomOps(500, 9)) REQUIRE((*writer)->Put(op.cf, op.key, "x").ok());
    REQUIRE((*writer)->Delete(Cf::kIds, "a").ok());
    CHECK((*writer)->runs() > 0);
  }
  CHECK(Scan(**store) == expected);
  CHECK_FALSE(std::filesystem::exists(dir.Sub("db") + "/bulk-load.tmp"));
}

}  // namespace
