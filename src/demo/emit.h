// Writing the demo company's records, one kind at a time, from the org chart.
#ifndef WHOKNOWS_SRC_DEMO_EMIT_H_
#define WHOKNOWS_SRC_DEMO_EMIT_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"
#include "ndjson_writer.h"
#include "org.h"
#include "rng.h"
#include "whoknows/core/date.h"
#include "whoknows/demo/generator.h"

namespace whoknows::demo {

// Projects start at most this long before `until`.
constexpr uint32_t kProjectHistoryDays = 2191;

// Formatted dates for the days before `until`, looked up instead of formatted per record.
class DateTable {
 public:
  // Covers `until` and the `days` days before it.
  DateTable(Day until, uint32_t days);

  // "YYYY-MM-DD" of `until - days_ago`.  REQUIRES: days_ago within the table.
  std::string_view Ago(uint32_t days_ago) const;
  int Year(uint32_t days_ago) const;
  int Quarter(uint32_t days_ago) const;  // 1-4

 private:
  std::vector<std::array<char, 10>> text_;
};

struct Context {
  const CompanyOptions& options;
  const Catalog& catalog;
  const Org& org;
  const DateTable& dates;
  NdjsonWriter& out;
};

// Ids of the records: "p000042", "doc-0000123", "proj-00042"; numbers start at 1.
inline void WritePersonId(NdjsonWriter& out, uint32_t index) { out.Id("p", index + 1, 6); }
inline void WriteDocumentId(NdjsonWriter& out, uint64_t number) { out.Id("doc-", number, 7); }
inline void WriteProjectId(NdjsonWriter& out, uint64_t number) { out.Id("proj-", number, 5); }
void AppendPadded(std::string& out, uint64_t number, int width);

// Colleagues of `person`, drawn at random; the result may be `person` itself.  A teammate is
// someone under the same lead (or under `person`, for a lead); without any, someone from the
// department; without any, anyone.
uint32_t PickTeammate(const Org& org, uint32_t person, Rng& rng);
uint32_t PickDepartmentMember(const Org& org, uint32_t person, Rng& rng);
uint32_t PickAnyone(const Org& org, Rng& rng);
// Teammate, department member or anyone, with the given percentages for the first two.
uint32_t PickColleague(const Org& org, uint32_t person, Rng& rng, uint32_t team_percent,
                       uint32_t department_percent);

// True when `person` was employed `days_ago` days before `until`.
inline bool EmployedAt(const Person& person, uint32_t days_ago) {
  return person.tenure >= days_ago;
}

void WriteTopics(const Context& ctx);
void WritePeople(const Context& ctx);
void WriteProjects(const Context& ctx);
void WriteDocuments(const Context& ctx);
void WriteEndorsements(const Context& ctx);

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_EMIT_H_
