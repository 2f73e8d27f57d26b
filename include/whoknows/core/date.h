// Calendar dates as days since 1970-01-01 (UTC).  Evidence is dated to the day: finer resolution
// changes no ranking and a day fits in 32 bits.
#ifndef WHOKNOWS_CORE_DATE_H_
#define WHOKNOWS_CORE_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace whoknows {

using Day = int32_t;

// Marks an absent date (an open-ended project, a record without a date).
constexpr Day kNoDay = INT32_MIN;

// Parses "YYYY-MM-DD", optionally followed by a time part ("T12:34:56Z", "T12:34:56+02:00" or
// " 12:34:56 +0200"), whose time of day is ignored.  Returns nullopt for anything else, including
// impossible dates such as 2023-02-30.
std::optional<Day> ParseDate(std::string_view text);

// Formats as "YYYY-MM-DD".  REQUIRES: day != kNoDay.
std::string FormatDate(Day day);

// Today in UTC.
Day Today();

// Converts a civil date to days since the epoch (proleptic Gregorian).
Day DaysFromCivil(int year, unsigned month, unsigned day);

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_DATE_H_
