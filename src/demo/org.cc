#include "org.h"

#include <algorithm>
#include <cassert>

#include "rng.h"

namespace whoknows::demo {

namespace {

// A lead has at most this many individual contributors; with more people below them, they lead
// leads instead.
constexpr size_t kMaxDirectReports = 9;
constexpr size_t kMaxLeadReports = 8;

// Splits `n` people among departments 1.. in proportion to their weights (largest remainder,
// ties to the lower index).
std::vector<size_t> AllocateHeadcount(size_t n, const Catalog& catalog) {
  const auto& depts = catalog.departments;
  uint64_t total = 0;
  for (const Department& d : depts) total += d.weight;
  std::vector<size_t> counts(depts.size(), 0);
  std::vector<std::pair<uint64_t, size_t>> remainders;  // (-remainder, index) sorts largest first
  size_t assigned = 0;
  for (size_t d = 1; d < depts.size(); ++d) {
    uint64_t scaled = static_cast<uint64_t>(n) * depts[d].weight;
    counts[d] = static_cast<size_t>(scaled / total);
    assigned += counts[d];
    remainders.emplace_back(total - scaled % total, d);
  }
  std::sort(remainders.begin(), remainders.end());
  for (size_t i = 0; assigned < n; ++i, ++assigned) ++counts[remainders[i].second];
  return counts;
}

// The most people a lead can have below them within `height` levels of management.
size_t Capacity(int height) {
  size_t cap = kMaxDirectReports;
  for (int h = 1; h < height; ++h) cap = kMaxLeadReports + kMaxLeadReports * cap;
  return cap;
}

uint8_t PickOffice(Rng& rng, const Catalog& catalog, uint8_t home) {
  if (rng.Percent(65)) return home;
  uint32_t total = 0;
  for (uint32_t w : catalog.office_weights) total += w;
  uint32_t x = rng.Below(total);
  uint8_t i = 0;
  while (x >= catalog.office_weights[i]) x -= catalog.office_weights[i++];
  return i;
}

void AddDistinct(TopicIndex topic, TopicIndex* list, uint8_t* count, int capacity) {
  if (*count >= capacity) return;
  for (int i = 0; i < *count; ++i) {
    if (list[i] == topic) return;
  }
  list[(*count)++] = topic;
}

class OrgBuilder {
 public:
  OrgBuilder(const CompanyOptions& options, const Catalog& catalog)
      : options_(options), catalog_(catalog) {}

  Org Build();

 private:
  uint32_t AddPerson(uint8_t department, uint32_t manager, Rank rank);
  uint32_t NewTeam(uint32_t lead);
  void PickFocus(Rng& rng, const Team* parent, Team& team);
  int BuildSubtree(uint32_t lead, size_t below, Rng& rng);
  int BuildLeads(uint32_t lead, size_t below, Rng& rng);
  void Populate(uint32_t index);
  void PickCoreTopics(uint32_t index);
  uint16_t PickTenure(Rng& rng, Rank rank);

  const CompanyOptions& options_;
  const Catalog& catalog_;
  Org org_;
};

Org OrgBuilder::Build() {
  size_t n = options_.people;
  org_.people.reserve(n);
  org_.teams.reserve(n / 6 + catalog_.departments.size() + 1);
  org_.department_begin.assign(catalog_.departments.size() + 1, 0);
  if (n > 0) {
    std::vector<size_t> headcount = AllocateHeadcount(n - 1, catalog_);
    Rng rng(options_.seed, Purpose::kStructure, 0);
    uint32_t ceo = AddPerson(kExecutive, kNoPerson, Rank::kCeo);
    org_.people[ceo].team = NewTeam(ceo);
    for (size_t d = 1; d < headcount.size(); ++d) {
      org_.department_begin[d] = static_cast<uint32_t>(org_.people.size());
      if (headcount[d] == 0) continue;
      uint32_t head = AddPerson(static_cast<uint8_t>(d), ceo, Rank::kHead);
      BuildSubtree(head, headcount[d] - 1, rng);
    }
    Team& exec = org_.teams[org_.people[ceo].team];
    exec.begin = 1;
    exec.end = static_cast<uint32_t>(org_.people.size());
    exec.height = static_cast<uint8_t>(exec.end > 1 ? 2 : 0);
  }
  org_.department_begin.back() = static_cast<uint32_t>(org_.people.size());
  org_.group_people = static_cast<uint32_t>(options_.group_people);
  for (uint32_t i = 0; i < org_.people.size(); ++i) Populate(i);
  return std::move(org_);
}

uint32_t OrgBuilder::AddPerson(uint8_t department, uint32_t manager, Rank rank) {
  Person p;
  p.department = department;
  p.manager = manager;
  p.rank = rank;
  org_.people.push_back(p);
  return static_cast<uint32_t>(org_.people.size() - 1);
}

// Creates the team `lead` leads.  A team continues its parent's work in part: it often owns the
// same area and shares some of its focus topics.
uint32_t OrgBuilder::NewTeam(uint32_t lead) {
  auto index = static_cast<uint32_t>(org_.teams.size());
  Rng rng(options_.seed, Purpose::kTeam, index);
  const Person& p = org_.people[lead];
  const Department& dept = catalog_.departments[p.department];
  const Team* parent = nullptr;
  if (p.manager != kNoPerson) {
    const Team& candidate = org_.teams[org_.people[p.manager].team];
    if (candidate.department == p.department) parent = &candidate;
  }
  Team team;
  team.lead = lead;
  team.department = p.department;
  bool inherit = parent != nullptr && rng.Percent(50);
  team.area = inherit ? parent->area : static_cast<uint8_t>(rng.Below(dept.areas.size()));
  team.location = parent != nullptr && rng.Percent(70)
                      ? parent->location
                      : PickOffice(rng, catalog_, dept.home_office);
  PickFocus(rng, parent, team);
  org_.teams.push_back(team);
  return index;
}

void OrgBuilder::PickFocus(Rng& rng, const Team* parent, Team& team) {
  const std::vector<TopicIndex>& pool = catalog_.departments[team.department].topics;
  int target = 3 + static_cast<int>(rng.Below(2));
  if (parent != nullptr && parent->focus_count > 0) {
    for (int i = 0; i < 2; ++i) {
      AddDistinct(parent->focus[rng.Below(parent->focus_count)], team.focus, &team.focus_count,
                  target);
    }
  }
  auto pool_size = static_cast<uint32_t>(std::min<size_t>(pool.size(), kMaxZipf));
  for (int attempt = 0; attempt < 24 && team.focus_count < target; ++attempt) {
    AddDistinct(pool[rng.Zipf(pool_size)], team.focus, &team.focus_count, target);
  }
}

// Places `below` people under `lead` (already added) and returns the lead's height.
int OrgBuilder::BuildSubtree(uint32_t lead, size_t below, Rng& rng) {
  uint32_t team = NewTeam(lead);
  org_.people[lead].team = team;
  org_.teams[team].begin = static_cast<uint32_t>(org_.people.size());
  int height = 0;
  if (below > kMaxDirectReports) {
    height = BuildLeads(lead, below, rng);
  } else {
    uint8_t dept = org_.people[lead].department;
    for (size_t i = 0; i < below; ++i) {
      uint32_t ic = AddPerson(dept, lead, Rank::kIndividual);
      org_.people[ic].team = team;
    }
    height = below > 0 ? 1 : 0;
  }
  org_.teams[team].end = static_cast<uint32_t>(org_.people.size());
  org_.teams[team].height = static_cast<uint8_t>(height);
  Person& p = org_.people[lead];
  if (p.rank != Rank::kHead && p.rank != Rank::kCeo) {
    p.rank = height == 0   ? Rank::kIndividual
             : height == 1 ? Rank::kManager
             : height == 2 ? Rank::kDirector
                           : Rank::kSeniorDirector;
  }
  return height;
}

// Splits `below` people among sub-leads, with some jitter so teams differ in size.  No sub-lead
// gets more than fits under them one level lower, so a team lead never becomes a "director" of
// two tiny teams.
int OrgBuilder::BuildLeads(uint32_t lead, size_t below, Rng& rng) {
  int height = 2;
  while (Capacity(height) < below) ++height;
  const size_t cap = Capacity(height - 1);
  // Sub-leads who lead leads themselves get room to grow (60% of their capacity), so upper
  // levels are broad rather than two giant branches.
  const size_t target = height > 2 ? cap * 6 / 10 : cap;
  size_t leads = std::clamp<size_t>((below + target) / (target + 1), 2, kMaxLeadReports);
  size_t remaining = below - leads;  // invariant: left <= remaining <= left * cap
  uint8_t dept = org_.people[lead].department;
  int max_child = 0;
  for (size_t j = 0; j < leads; ++j) {
    size_t left = leads - j;
    size_t share = remaining / left * rng.Between(85, 115) / 100;
    size_t lo = remaining > (left - 1) * cap ? remaining - (left - 1) * cap : 1;
    size_t hi = std::min(cap, remaining - (left - 1));
    share = std::clamp(share, lo, hi);
    uint32_t sub = AddPerson(dept, lead, Rank::kManager);
    max_child = std::max(max_child, BuildSubtree(sub, share, rng));
    remaining -= share;
  }
  return max_child + 1;
}

uint16_t OrgBuilder::PickTenure(Rng& rng, Rank rank) {
  switch (rank) {
    case Rank::kCeo:
      return 4383;  // founded twelve years before `until`
    case Rank::kHead:
      return static_cast<uint16_t>(rng.Between(1500, 4383));
    case Rank::kSeniorDirector:
    case Rank::kDirector:
      return static_cast<uint16_t>(rng.Between(700, 4300));
    case Rank::kManager:
      return static_cast<uint16_t>(rng.Between(200, 4000));
    case Rank::kIndividual:
      break;
  }
  // The company grew: recent hires outnumber veterans.
  uint32_t span = 3900, a = rng.Below(span), b = rng.Below(span);
  return static_cast<uint16_t>(30 + (rng.Percent(50) ? a : std::min(a, b)));
}

void OrgBuilder::Populate(uint32_t index) {
  Rng rng(options_.seed, Purpose::kPerson, index);
  Person& p = org_.people[index];
  const Department& dept = catalog_.departments[p.department];
  p.first_name = static_cast<uint16_t>(rng.Below(catalog_.first_names.size()));
  p.surname = static_cast<uint16_t>(rng.Below(catalog_.surname_count()));
  p.tenure = PickTenure(rng, p.rank);
  if (dept.role_weight_total > 0) {
    uint32_t x = rng.Below(dept.role_weight_total);
    size_t r = 0;
    while (x >= catalog_.roles[dept.roles[r]].weight) x -= catalog_.roles[dept.roles[r++]].weight;
    p.role = dept.roles[r];
  }
  if (p.rank == Rank::kIndividual) {
    // A level per three years here, on top of experience brought from elsewhere; principals are
    // rare.
    uint32_t prior = rng.Percent(50) ? 0 : rng.Percent(70) ? 1 : 2;
    uint32_t level = std::min<uint32_t>(4, p.tenure / 1100 + prior);
    if (level == 4 && !rng.Percent(50)) level = 3;
    p.seniority = static_cast<uint8_t>(level);
  } else {
    p.seniority = p.rank == Rank::kManager ? 3 : 4;
  }
  uint32_t where = rng.Below(100);
  const Team& team = org_.teams[p.team];
  p.location = where < 85   ? team.location
               : where < 93 ? static_cast<uint8_t>(catalog_.offices.size() - 1)
                            : PickOffice(rng, catalog_, dept.home_office);
  p.opted_out = rng.PerMille(15);
  PickCoreTopics(index);
  org_.document_weight_total += DocumentWeight(catalog_, p, options_.seed, index);
}

// Core topics mix the person's role (what a Data Engineer does anywhere), their team's focus
// (what this team works on), and now and then something from elsewhere.
void OrgBuilder::PickCoreTopics(uint32_t index) {
  Rng rng(options_.seed, Purpose::kPersonTopics, index);
  Person& p = org_.people[index];
  const Team& team = org_.teams[p.team];
  const std::vector<TopicIndex>& pool = catalog_.departments[p.department].topics;
  const std::vector<TopicIndex>* role =
      p.role != kNoRole && p.rank == Rank::kIndividual ? &catalog_.roles[p.role].topics : nullptr;
  int target = 2 + static_cast<int>(rng.Below(3));
  auto zipf = [&rng](const std::vector<TopicIndex>& list) {
    return list[rng.Zipf(static_cast<uint32_t>(std::min<size_t>(list.size(), kMaxZipf)))];
  };
  for (int attempt = 0; attempt < 16 && p.topic_count < target; ++attempt) {
    // What someone is best known for comes from their role and team; side interests come later.
    uint32_t source = rng.Below(p.topic_count < 2 ? 82 : 100);
    TopicIndex topic;
    if (role != nullptr && (source < 40 || (attempt == 0 && source < 60))) {
      topic = zipf(*role);
    } else if (source < 82 && team.focus_count > 0) {
      topic = team.focus[rng.Zipf(team.focus_count)];
    } else if (source < 94) {
      topic = zipf(pool);
    } else {
      topic = catalog_.common_topics[rng.Below(catalog_.common_topics.size())];
    }
    AddDistinct(topic, p.topics, &p.topic_count, target);
  }
}

}  // namespace

uint64_t DocumentWeight(const Catalog& catalog, const Person& person, uint64_t seed,
                        uint32_t index) {
  Rng rng(seed, Purpose::kProductivity, index);
  // A few prolific writers, many occasional ones.
  uint64_t productivity = 1 + rng.Below(4) + (rng.Percent(15) ? rng.Between(4, 8) : 0);
  static constexpr uint64_t kRankFactor[] = {1, 2, 2, 3, 6, 10};
  uint64_t rank = kRankFactor[static_cast<int>(person.rank)];
  uint64_t kind = catalog.departments[person.department].technical ? 10 : 7;
  uint64_t years = std::min<uint32_t>(person.tenure, kHistoryDays) / 16 + 1;
  return productivity * rank * kind * years;
}

Org BuildOrg(const CompanyOptions& options, const Catalog& catalog) {
  assert(options.people < kNoPerson);
  return OrgBuilder(options, catalog).Build();
}

}  // namespace whoknows::demo
