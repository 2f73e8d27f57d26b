// What people say about themselves: declared skills and interests.  Both are recomputed from the
// org chart and the seed whenever needed (people records, endorsements), never stored.
#ifndef WHOKNOWS_SRC_DEMO_PROFILE_H_
#define WHOKNOWS_SRC_DEMO_PROFILE_H_

#include <cstdint>

#include "catalog.h"
#include "org.h"

namespace whoknows::demo {

struct DeclaredSkill {
  TopicIndex topic;
  uint8_t level;  // 1-5
};

struct SkillList {
  static constexpr int kCapacity = kMaxCoreTopics + 2;
  uint8_t count = 0;
  DeclaredSkill items[kCapacity];
};

struct InterestList {
  static constexpr int kCapacity = 3;
  uint8_t count = 0;
  TopicIndex items[kCapacity];
};

// A person's declared skills.  Many declare nothing; most declare some of their core topics at a
// level that follows their seniority; some understate; and some over-claim, adding topics they
// have no evidence for at a high level.
SkillList DeclaredSkills(const Catalog& catalog, const Org& org, uint64_t seed, uint32_t person);

// Topics a person would like to learn: near their core topics, or popular ones; never a core
// topic.
InterestList Interests(const Catalog& catalog, const Org& org, uint64_t seed, uint32_t person);

}  // namespace whoknows::demo

#endif  // WHOKNOWS_SRC_DEMO_PROFILE_H_
