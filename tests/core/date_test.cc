#include "whoknows/core/date.h"

#include <catch2/catch.hpp>

using whoknows::DaysFromCivil;
using whoknows::FormatDate;
using whoknows::ParseDate;

TEST_CASE("dates round-trip through days since the epoch", "[core]") {
  CHECK(*ParseDate("1970-01-01") == 0);
  CHECK(*ParseDate("2000-03-01") == DaysFromCivil(2000, 3, 1));
  CHECK(FormatDate(*ParseDate("2024-02-29")) == "2024-02-29");
  CHECK(FormatDate(-1) == "1969-12-31");
  // Every 997th day from year 1 to year 7000.
  for (int d = DaysFromCivil(1, 1, 1); d < DaysFromCivil(7000, 1, 1); d += 997) {
    auto parsed = ParseDate(FormatDate(d));
    REQUIRE(parsed);
    CHECK(*parsed == d);
  }
}

TEST_CASE("dates accept a time part and ignore the time of day", "[core]") {
  CHECK(*ParseDate("2021-06-05T23:59:59Z") == *ParseDate("2021-06-05"));
  CHECK(*ParseDate("2021-06-05T10:00:00+02:00") == *ParseDate("2021-06-05"));
  CHECK(*ParseDate("2021-06-05 10:00:00 +0200") == *ParseDate("2021-06-05"));
}

TEST_CASE("impossible or malformed dates are rejected", "[core]") {
  CHECK_FALSE(ParseDate("2023-02-29"));
  CHECK_FALSE(ParseDate("2023-13-01"));
  CHECK_FALSE(ParseDate("2023-00-10"));
  CHECK_FALSE(ParseDate("2023-1-10"));
  CHECK_FALSE(ParseDate("yesterday"));
  CHECK_FALSE(ParseDate("2023-01-10garbage"));
  CHECK_FALSE(ParseDate(""));
}
