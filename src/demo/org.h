// The org chart of the demo company: everyone's manager, team, role, seniority, office, tenure and
// core topics.  This is all the generator keeps in memory (about 28 bytes a person plus one team
// per manager); documents, projects and endorsements are derived from it as they are written.
#ifndef WHOKNOWS_SRC_DEMO_ORG_H_
#define WHOKNOWS_SRC_DEMO_ORG_H_

#include <cstdint>
#include <vector>

#include "catalog.h"
#include "whoknows/demo/generator.h"

namespace whoknows::demo {

constexpr uint32_t kNoPerson = UINT32_MAX;
constexpr uint8_t kNoRole = UINT8_MAX;
constexpr int kMaxCoreTopics = 4;
constexpr int kMaxFocusTopics = 4;
// The ten years of evidence before `until`, in days.
constexpr uint32_t kHistoryDays = 3652;

enum class Rank : uint8_t {
  kCeo,
  kHead,  // of a department
  kSeniorDirector,
  kDirector,
  kManager,  // leads a team of individual contributors
  kIndividual,
};

struct Person {
  uint32_t manager = kNoPerson;  // index; kNoPerson only for the CEO
  uint32_t team = 0;             // the team they lead, else their manager's
  uint16_t first_name = 0;       // index into Catalog::first_names
  uint16_t surname = 0;          // head * surname_tails.size() + tail
  uint16_t tenure = 0;           // days employed before `until`, >= 30
  uint8_t department = 0;
  Rank rank = Rank::kIndividual;
  uint8_t role = kNoRole;  // index into Catalog::roles; kNoRole for the CEO
  uint8_t seniority = 0;   // 0 (junior) to 4 (principal)
  uint8_t location = 0;    // index into Catalog::offices
  uint8_t topic_count = 0;
  TopicIndex topics[kMaxCoreTopics] = {};  // core topics, the one they are best known for first
  bool opted_out = false;
};

// Everyone under one lead.  The org chart is numbered depth-first, so a lead's reports, direct
// and indirect, are the contiguous range [begin, end).
struct Team {
  uint32_t lead = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint8_t department = 0;
  uint8_t area = 0;      // index into the department's areas
  uint8_t location = 0;  // where most of the team sits
  uint8_t height = 0;    // 0: no reports; 1: leads individual contributors; 2+: leads leads
  uint8_t focus_count = 0;
  TopicIndex focus[kMaxFocusTopics] = {};
};

struct Org {
  std::vector<Person> people;  // people[0] is the CEO, the root of the manager tree
  std::vector<Team> teams;
  // The people of department d are [department_begin[d], department_begin[d + 1]).
  std::vector<uint32_t> department_begin;
  uint64_t document_weight_total = 0;  // sum of DocumentWeight over everyone
  uint32_t group_people = 0;           // CompanyOptions::group_people
};

// REQUIRES: options.people < kNoPerson.
Org BuildOrg(const CompanyOptions& options, const Catalog& catalog);

// How many documents a person leads, relative to others: productivity, rank and time employed
// within the ten-year history.  At least 1.
uint64_t DocumentWeight(const Catalog& catalog, const Person& person, uint64_t seed,
                        uint32_t index);

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_ORG_H_
