#include "../../src/graph/id_map.h"

#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <utility>

namespace {

using whoknows::graph::Kind;
using whoknows::graph::Vid;
using whoknows::graph::internal::IdMap;

// Ids of every length class: short, empty, a block's worth and more, with shared prefixes.
std::string RandomId(std::mt19937& rng) {
  switch (rng() % 8) {
    case 0:
      return "";
    case 1:
      return std::string(rng() % 50 == 0 ? (size_t{1} << 20) + rng() % 9 : 1000 + rng() % 3000,
                         static_cast<char>('a' + rng() % 2));
    default:
      return "p" + std::to_string(rng() % 10000);
  }
}

TEST_CASE("the id map finds what a std::map of the same insertions finds", "[graph]") {
  std::mt19937 rng(GENERATE(1u, 2u));
  IdMap map;
  std::map<std::pair<Kind, std::string>, Vid> expected;
  for (Vid vid = 0; vid < 30000; ++vid) {
    const auto kind = static_cast<Kind>(1 + rng() % 5);
    const std::string id = RandomId(rng);
    const uint64_t hash = IdMap::Hash(kind, id);
    Vid* found = map.Find(kind, id, hash);
    auto it = expected.find({kind, id});
    REQUIRE((found == nullptr) == (it == expected.end()));
    if (found == nullptr) {
      map.Insert(kind, id, hash, vid);
      expected.emplace(std::make_pair(kind, id), vid);
    } else {
      REQUIRE(*found == it->second);
      *found = vid;  // written through the pointer, as BulkLoader does
      it->second = vid;
    }
  }
  CHECK(map.size() == expected.size());
  for (const auto& [key, vid] : expected) {
    const Vid* found = map.Find(key.first, key.second, IdMap::Hash(key.first, key.second));
    REQUIRE(found != nullptr);
    CHECK(*found == vid);
  }
  CHECK(map.Find(Kind::kTopic, "p-none", IdMap::Hash(Kind::kTopic, "p-none")) == nullptr);
}

}  // namespace
