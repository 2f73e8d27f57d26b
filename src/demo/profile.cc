#include "profile.h"

#include <algorithm>

#include "rng.h"

namespace whoknows::demo {

namespace {

bool IsCore(const Person& p, TopicIndex topic) {
  return std::find(p.topics, p.topics + p.topic_count, topic) != p.topics + p.topic_count;
}

bool Declared(const SkillList& list, TopicIndex topic) {
  for (int i = 0; i < list.count; ++i) {
    if (list.items[i].topic == topic) return true;
  }
  return false;
}

uint8_t ClampLevel(int level) { return static_cast<uint8_t>(std::clamp(level, 1, 5)); }

// A topic someone who over-claims adds: popular in their department, or fashionable anywhere.
TopicIndex OverclaimedTopic(const Catalog& catalog, const Person& p, Rng& rng) {
  const std::vector<TopicIndex>& pool = catalog.departments[p.department].topics;
  if (rng.Percent(50)) {
    return pool[rng.Zipf(static_cast<uint32_t>(std::min<size_t>(pool.size(), kMaxZipf)))];
  }
  return catalog.common_topics[rng.Below(catalog.common_topics.size())];
}

}  // namespace

SkillList DeclaredSkills(const Catalog& catalog, const Org& org, uint64_t seed, uint32_t person) {
  Rng rng(seed, Purpose::kSkills, person);
  const Person& p = org.people[person];
  SkillList list;
  if (rng.Percent(p.rank == Rank::kIndividual ? 28 : 40)) return list;  // never filled it in
  bool overclaims = rng.Percent(12);
  bool modest = !overclaims && rng.Percent(15);
  for (int i = 0; i < p.topic_count; ++i) {
    if (i > 0 && !rng.Percent(80)) continue;
    int level = 1 + (p.seniority * 3 + 2) / 4 + static_cast<int>(rng.Below(3)) - 1;
    if (modest) level -= 1 + static_cast<int>(rng.Below(2));
    if (overclaims) level += 1;
    list.items[list.count++] = {p.topics[i], ClampLevel(level)};
  }
  int extra = overclaims ? 1 + static_cast<int>(rng.Below(2)) : 0;
  for (int attempt = 0; attempt < 8 && extra > 0; ++attempt) {
    TopicIndex topic = OverclaimedTopic(catalog, p, rng);
    if (IsCore(p, topic) || Declared(list, topic)) continue;
    list.items[list.count++] = {topic, ClampLevel(4 + static_cast<int>(rng.Below(2)))};
    --extra;
  }
  return list;
}

InterestList Interests(const Catalog& catalog, const Org& org, uint64_t seed, uint32_t person) {
  Rng rng(seed, Purpose::kInterests, person);
  const Person& p = org.people[person];
  InterestList list;
  if (!rng.Percent(55) || p.topic_count == 0) return list;
  int target = 1 + static_cast<int>(rng.Below(InterestList::kCapacity));
  const std::vector<TopicIndex>& pool = catalog.departments[p.department].topics;
  for (int attempt = 0; attempt < 12 && list.count < target; ++attempt) {
    uint32_t source = rng.Below(100);
    TopicIndex topic;
    const Topic& near = catalog.topics[p.topics[rng.Below(p.topic_count)]];
    const std::vector<TopicIndex>& links = rng.Percent(50) ? near.related : near.narrower;
    if (source < 50 && !links.empty()) {
      topic = links[rng.Below(links.size())];
    } else if (source < 80) {
      topic = catalog.common_topics[rng.Below(catalog.common_topics.size())];
    } else {
      topic = pool[rng.Below(pool.size())];
    }
    if (IsCore(p, topic) ||
        std::find(list.items, list.items + list.count, topic) != list.items + list.count) {
      continue;
    }
    list.items[list.count++] = topic;
  }
  return list;
}

}  // namespace whoknows::demo
