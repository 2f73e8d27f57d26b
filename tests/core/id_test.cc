#include "whoknows/core/id.h"

#include <catch2/catch.hpp>
#include <string>

TEST_CASE("ids are 1-128 characters of a restricted set", "[core]") {
  using whoknows::IsValidId;
  CHECK(IsValidId("alice"));
  CHECK(IsValidId("E-1234.x_y:z@corp"));
  CHECK(IsValidId(std::string(128, 'a')));
  CHECK_FALSE(IsValidId(std::string(129, 'a')));
  CHECK_FALSE(IsValidId(""));
  CHECK_FALSE(IsValidId("has space"));
  CHECK_FALSE(IsValidId("slash/inside"));
  CHECK_FALSE(IsValidId("pipe|inside"));
  CHECK_FALSE(IsValidId("caf\xc3\xa9"));
}
