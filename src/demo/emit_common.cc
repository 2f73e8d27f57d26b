#include <cassert>

#include "emit.h"

namespace whoknows::demo {

DateTable::DateTable(Day until, uint32_t days) : text_(days + 1) {
  for (uint32_t ago = 0; ago <= days; ++ago) {
    std::string s = FormatDate(until - static_cast<Day>(ago));
    assert(s.size() == 10);
    std::copy(s.begin(), s.begin() + 10, text_[ago].begin());
  }
}

std::string_view DateTable::Ago(uint32_t days_ago) const {
  assert(days_ago < text_.size());
  return std::string_view(text_[days_ago].data(), 10);
}

int DateTable::Year(uint32_t days_ago) const {
  const auto& t = text_[days_ago];
  return (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
}

int DateTable::Quarter(uint32_t days_ago) const {
  const auto& t = text_[days_ago];
  int month = (t[5] - '0') * 10 + (t[6] - '0');
  return (month - 1) / 3 + 1;
}

void AppendPadded(std::string& out, uint64_t number, int width) {
  char digits[24];
  char* end = digits + sizeof(digits);
  char* p = end;
  do {
    *--p = static_cast<char>('0' + number % 10);
    number /= 10;
    --width;
  } while (number != 0);
  for (; width > 0; --width) *--p = '0';
  out.append(p, static_cast<size_t>(end - p));
}

uint32_t PickAnyone(const Org& org, Rng& rng) {
  return rng.Below(static_cast<uint32_t>(org.people.size()));
}

uint32_t PickDepartmentMember(const Org& org, uint32_t person, Rng& rng) {
  uint8_t d = org.people[person].department;
  uint32_t begin = org.department_begin[d], end = org.department_begin[d + 1];
  if (end - begin <= 1) return PickAnyone(org, rng);
  // The person's wider group: the smallest team above them with group_people people, if it is
  // not the whole department.  The org chart is numbered depth-first, so a team is the range
  // from its lead to its end.  With group_people 0 the group is the department.
  const uint32_t group_people = org.group_people;
  uint32_t t = org.people[person].team;
  while (group_people > 0 && org.teams[t].end - org.teams[t].lead < group_people) {
    const uint32_t up = org.people[org.teams[t].lead].manager;
    if (up == kNoPerson || org.people[up].department != d) break;
    t = org.people[up].team;
  }
  const Team& group = org.teams[t];
  if (group_people > 0 && group.end - group.lead >= group_people && group.lead > begin) {
    begin = group.lead;
    end = group.end;
  }
  return begin + rng.Below(end - begin);
}

uint32_t PickTeammate(const Org& org, uint32_t person, Rng& rng) {
  const Team& team = org.teams[org.people[person].team];
  uint32_t size = 1 + team.end - team.begin;  // the lead and everyone under them
  if (size <= 1) return PickDepartmentMember(org, person, rng);
  uint32_t i = rng.Below(size);
  return i == 0 ? team.lead : team.begin + i - 1;
}

uint32_t PickColleague(const Org& org, uint32_t person, Rng& rng, uint32_t team_percent,
                       uint32_t department_percent) {
  uint32_t x = rng.Below(100);
  if (x < team_percent) return PickTeammate(org, person, rng);
  if (x < team_percent + department_percent) return PickDepartmentMember(org, person, rng);
  return PickAnyone(org, rng);
}

}  // namespace whoknows::demo
