#include "whoknows/core/status.h"

#include <catch2/catch.hpp>

#include "whoknows/core/result.h"

using whoknows::Result;
using whoknows::Status;

namespace {
Result<int> Half(int x) {
  if (x % 2) return Status::InvalidArgument("odd", "not even");
  return x / 2;
}
Result<int> Quarter(int x) {
  WK_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}
}  // namespace

TEST_CASE("statuses carry a code, a reason, a message and a line", "[core]") {
  Status s = Status::InvalidRecord("dangling_reference", "unknown person 'x'").WithLine(7);
  CHECK_FALSE(s.ok());
  CHECK(s.code() == Status::Code::kInvalidRecord);
  CHECK(s.line() == 7);
  CHECK(s.ToString() == "dangling_reference: unknown person 'x' (line 7)");
  CHECK(Status::OK().ok());
}

TEST_CASE("results propagate errors through WK_ASSIGN_OR_RETURN", "[core]") {
  CHECK(*Quarter(8) == 2);
  CHECK(Quarter(6).status().reason() == "odd");
  CHECK(Quarter(3).status().reason() == "odd");
}
