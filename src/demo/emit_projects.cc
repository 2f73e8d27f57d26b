// Project records: every team runs one to three projects over the last six years, directors now
// and then a larger programme.  Members come from the team, sometimes from elsewhere in the
// department or from another department; some join late or leave early.
#include <algorithm>

#include "emit.h"
#include "titles.h"

namespace whoknows::demo {

namespace {

constexpr int kMaxMembers = 12;
constexpr int kMaxProjectTopics = 4;

struct Member {
  uint32_t person = 0;
  std::string_view role;
  uint32_t since_ago = 0;
  uint32_t until_ago = 0;
  bool has_since = false;
  bool has_until = false;
};

struct ProjectDraft {
  uint32_t start_ago = 0;
  uint32_t end_ago = 0;  // 0 while ongoing
  bool ongoing = false;
  uint8_t topic_count = 0;
  TopicIndex topics[kMaxProjectTopics];
  int member_count = 0;
  Member members[kMaxMembers];
};

class ProjectWriter {
 public:
  explicit ProjectWriter(const Context& ctx) : ctx_(ctx) {}

  void Write(const Team& team, Rng& rng);

 private:
  uint32_t ChooseLead(const Team& team, Rng& rng) const;
  void ChooseTopics(const Team& team, uint32_t lead, Rng& rng, ProjectDraft& d) const;
  void AddMember(uint32_t person, Rng& rng, ProjectDraft& d) const;
  void AddOutsiders(const Team& team, uint32_t lead, Rng& rng, ProjectDraft& d) const;
  std::string_view RoleOf(uint32_t person) const;
  void Emit(const Team& team, Rng& rng, const ProjectDraft& d);
  void WriteMembers(const ProjectDraft& d);

  const Context& ctx_;
  uint64_t number_ = 0;
  std::string scratch_;
};

void ProjectWriter::Write(const Team& team, Rng& rng) {
  ProjectDraft d;
  uint32_t lead = ChooseLead(team, rng);
  uint32_t window = std::min<uint32_t>(ctx_.org.people[lead].tenure, kProjectHistoryDays);
  d.start_ago = window <= 14 ? window : window - rng.Ramp(window - 14 + 1);
  uint32_t duration = rng.Between(45, 720);
  d.ongoing = duration >= d.start_ago;
  d.end_ago = d.ongoing ? 0 : d.start_ago - duration;
  d.members[d.member_count++] = {lead, "lead", 0, 0, false, false};
  ChooseTopics(team, lead, rng, d);
  uint32_t wanted = rng.Between(2, 6);
  for (uint32_t attempt = 0; attempt < 3 * wanted && team.end > team.begin; ++attempt) {
    if (static_cast<uint32_t>(d.member_count) > wanted) break;
    AddMember(team.begin + rng.Below(team.end - team.begin), rng, d);
  }
  AddOutsiders(team, lead, rng, d);
  Emit(team, rng, d);
}

uint32_t ProjectWriter::ChooseLead(const Team& team, Rng& rng) const {
  if (team.height != 1 || team.end == team.begin || rng.Percent(60)) return team.lead;
  for (int attempt = 0; attempt < 6; ++attempt) {
    uint32_t c = team.begin + rng.Below(team.end - team.begin);
    if (ctx_.org.people[c].seniority >= 2) return c;
  }
  return team.lead;
}

void ProjectWriter::ChooseTopics(const Team& team, uint32_t lead, Rng& rng, ProjectDraft& d) const {
  auto add = [&d](TopicIndex t) {
    if (d.topic_count == kMaxProjectTopics) return;
    if (std::find(d.topics, d.topics + d.topic_count, t) != d.topics + d.topic_count) return;
    d.topics[d.topic_count++] = t;
  };
  const Person& p = ctx_.org.people[lead];
  if (team.focus_count == 0) {
    add(p.topics[0]);
    return;
  }
  add(team.focus[rng.Zipf(team.focus_count)]);
  for (uint32_t extra = rng.Below(3); extra > 0; --extra) {
    add(team.focus[rng.Below(team.focus_count)]);
  }
  if (rng.Percent(20) && p.topic_count > 0) add(p.topics[0]);
}

std::string_view ProjectWriter::RoleOf(uint32_t person) const {
  const Person& p = ctx_.org.people[person];
  if (p.rank != Rank::kIndividual || p.role == kNoRole) return "advisor";
  return ctx_.catalog.roles[p.role].project_role;
}

// Adds `person` unless already a member or not employed before the project ended.
void ProjectWriter::AddMember(uint32_t person, Rng& rng, ProjectDraft& d) const {
  if (d.member_count == kMaxMembers) return;
  for (int i = 0; i < d.member_count; ++i) {
    if (d.members[i].person == person) return;
  }
  const Person& p = ctx_.org.people[person];
  if (p.tenure <= d.end_ago + 1) return;
  Member m;
  m.person = person;
  m.role = RoleOf(person);
  m.since_ago = std::min<uint32_t>(d.start_ago, p.tenure);
  if (rng.Percent(15)) m.since_ago = rng.Between(d.end_ago + 1, m.since_ago);
  m.has_since = m.since_ago != d.start_ago;
  if (rng.Percent(12) && m.since_ago > d.end_ago + 1) {
    m.until_ago = rng.Between(d.end_ago + 1, m.since_ago - 1);
    m.has_until = true;
  }
  d.members[d.member_count++] = m;
}

void ProjectWriter::AddOutsiders(const Team& team, uint32_t lead, Rng& rng, ProjectDraft& d) const {
  const Org& org = ctx_.org;
  if (rng.Percent(40)) AddMember(PickDepartmentMember(org, lead, rng), rng, d);
  if (rng.Percent(25)) {
    auto departments = static_cast<uint32_t>(ctx_.catalog.departments.size());
    uint32_t other = 1 + rng.Below(departments - 1);
    uint32_t begin = org.department_begin[other], end = org.department_begin[other + 1];
    if (other != team.department && end > begin) AddMember(begin + rng.Below(end - begin), rng, d);
  }
  uint32_t sponsor = org.people[lead].manager;
  if (rng.Percent(20) && sponsor != kNoPerson) {
    int before = d.member_count;
    AddMember(sponsor, rng, d);
    if (d.member_count > before) d.members[before].role = "sponsor";
  }
}

void ProjectWriter::Emit(const Team& team, Rng& rng, const ProjectDraft& d) {
  NdjsonWriter& out = ctx_.out;
  const Department& dept = ctx_.catalog.departments[team.department];
  ++number_;
  out.BeginRecord("project");
  out.Key("id");
  WriteProjectId(out, number_);
  TitleParts parts;
  parts.topic = &ctx_.catalog.topics[d.topics[0]];
  parts.area = dept.areas[team.area];
  scratch_.clear();
  AppendProjectName(scratch_, rng, ctx_.catalog.codenames[rng.Below(ctx_.catalog.codenames.size())],
                    parts);
  out.Field("name", scratch_);
  out.TrustedField("start", ctx_.dates.Ago(d.start_ago));
  if (!d.ongoing) out.TrustedField("end", ctx_.dates.Ago(d.end_ago));
  out.Key("topics");
  out.BeginArray();
  for (int i = 0; i < d.topic_count; ++i) out.Trusted(ctx_.catalog.topics[d.topics[i]].id);
  out.EndArray();
  WriteMembers(d);
  out.EndRecord();
}

void ProjectWriter::WriteMembers(const ProjectDraft& d) {
  NdjsonWriter& out = ctx_.out;
  out.Key("members");
  out.BeginArray();
  for (int i = 0; i < d.member_count; ++i) {
    const Member& m = d.members[i];
    out.BeginObject();
    out.Key("person");
    WritePersonId(out, m.person);
    out.TrustedField("role", m.role);
    if (m.has_since) out.TrustedField("since", ctx_.dates.Ago(m.since_ago));
    if (m.has_until) out.TrustedField("until", ctx_.dates.Ago(m.until_ago));
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace

void WriteProjects(const Context& ctx) {
  ProjectWriter writer(ctx);
  for (uint32_t t = 0; t < ctx.org.teams.size(); ++t) {
    const Team& team = ctx.org.teams[t];
    if (team.department == kExecutive || team.height == 0) continue;
    Rng rng(ctx.options.seed, Purpose::kProjects, t);
    uint32_t count = team.height == 1 ? 1 + rng.Percent(50) + rng.Percent(25) : rng.Percent(20);
    for (uint32_t i = 0; i < count; ++i) writer.Write(team, rng);
  }
}

}  // namespace whoknows::demo
