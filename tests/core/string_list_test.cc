#include "whoknows/core/string_list.h"

#include <catch2/catch.hpp>

namespace whoknows {
namespace {

TEST_CASE("a string list is one pointer, allocates nothing while empty and copies deeply",
          "[core]") {
  StringList empty;
  CHECK(empty.empty());
  CHECK(empty.vec().empty());
  CHECK(empty.begin() == empty.end());

  StringList list = {"kube", "k8s"};
  REQUIRE(list.size() == 2);
  CHECK(list[0] == "kube");
  CHECK(list == std::vector<std::string>{"kube", "k8s"});

  StringList copy = list;
  copy.mutable_vec().push_back("kubernetes");
  CHECK(list.size() == 2);  // the copy has storage of its own
  CHECK(copy.size() == 3);
  CHECK(copy != list);

  copy = list;
  CHECK(copy == list);
  StringList moved = std::move(copy);
  CHECK(moved == list);

  // clear keeps the allocation, and the list reads as empty.
  const std::string* before = moved.vec().data();
  moved.clear();
  CHECK(moved.empty());
  CHECK(moved == empty);
  moved.mutable_vec().push_back("again");
  CHECK(moved.vec().data() == before);
}

}  // namespace
}  // namespace whoknows
