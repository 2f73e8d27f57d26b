// Topic and person records.
#include "emit.h"
#include "profile.h"

namespace whoknows::demo {

namespace {

void WriteTopicList(NdjsonWriter& out, const Catalog& catalog, std::string_view key,
                    const std::vector<TopicIndex>& topics) {
  if (topics.empty()) return;
  out.Key(key);
  out.BeginArray();
  for (TopicIndex t : topics) out.Trusted(catalog.topics[t].id);
  out.EndArray();
}

void AppendLower(std::string& out, std::string_view s) {
  for (char c : s) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

class PeopleWriter {
 public:
  explicit PeopleWriter(const Context& ctx)
      : ctx_(ctx), name_uses_(ctx.catalog.first_names.size() * ctx.catalog.surname_count(), 0) {}

  void Write(uint32_t index);

 private:
  void AppendName(const Person& p);
  void AppendEmail(const Person& p);
  void AppendTitle(const Person& p);
  void WriteSkills(uint32_t index);
  void WriteInterests(uint32_t index);

  const Context& ctx_;
  // How many people so far share each first name and surname: the second "Mei Thornfield" is
  // mei.thornfield2@.
  std::vector<uint32_t> name_uses_;
  std::string scratch_;
};

void PeopleWriter::Write(uint32_t index) {
  const Person& p = ctx_.org.people[index];
  const Department& dept = ctx_.catalog.departments[p.department];
  NdjsonWriter& out = ctx_.out;
  out.BeginRecord("person");
  out.Key("id");
  WritePersonId(out, index);
  scratch_.clear();
  AppendName(p);
  out.Field("name", scratch_);
  scratch_.clear();
  AppendEmail(p);
  out.Field("email", scratch_);
  scratch_.clear();
  AppendTitle(p);
  out.Field("title", scratch_);
  out.Field("department", dept.name);
  out.Field("location", ctx_.catalog.offices[p.location]);
  if (p.manager != kNoPerson) {
    out.Key("manager");
    WritePersonId(out, p.manager);
  }
  if (p.opted_out) {
    out.Key("opted_out");
    out.Bool(true);
  }
  WriteSkills(index);
  WriteInterests(index);
  out.EndRecord();
}

void PeopleWriter::AppendName(const Person& p) {
  const Catalog& c = ctx_.catalog;
  scratch_ += c.first_names[p.first_name];
  scratch_ += ' ';
  scratch_ += c.surname_heads[p.surname / c.surname_tails.size()];
  scratch_ += c.surname_tails[p.surname % c.surname_tails.size()];
}

void PeopleWriter::AppendEmail(const Person& p) {
  const Catalog& c = ctx_.catalog;
  AppendLower(scratch_, c.first_names[p.first_name]);
  scratch_ += '.';
  AppendLower(scratch_, c.surname_heads[p.surname / c.surname_tails.size()]);
  scratch_ += c.surname_tails[p.surname % c.surname_tails.size()];
  uint32_t uses = ++name_uses_[p.first_name * c.surname_count() + p.surname];
  if (uses > 1) scratch_ += std::to_string(uses);
  scratch_ += '@';
  scratch_ += CompanyDomain();
}

void PeopleWriter::AppendTitle(const Person& p) {
  static constexpr const char* kEngineeringLadder[] = {"Junior ", "", "Senior ", "Staff ",
                                                       "Principal "};
  static constexpr const char* kBusinessLadder[] = {"Associate ", "", "Senior ", "Lead ",
                                                    "Principal "};
  const Department& dept = ctx_.catalog.departments[p.department];
  switch (p.rank) {
    case Rank::kCeo:
    case Rank::kHead:
      scratch_ += dept.head_title;
      return;
    case Rank::kSeniorDirector:
      scratch_ += "Senior ";
      [[fallthrough]];
    case Rank::kDirector:
      scratch_ += dept.director_title;
      return;
    case Rank::kManager:
      scratch_ += dept.manager_title;
      return;
    case Rank::kIndividual:
      break;
  }
  scratch_ += dept.technical ? kEngineeringLadder[p.seniority] : kBusinessLadder[p.seniority];
  scratch_ += ctx_.catalog.roles[p.role].title;
}

void PeopleWriter::WriteSkills(uint32_t index) {
  SkillList skills = DeclaredSkills(ctx_.catalog, ctx_.org, ctx_.options.seed, index);
  if (skills.count == 0) return;
  NdjsonWriter& out = ctx_.out;
  out.Key("skills");
  out.BeginArray();
  for (int i = 0; i < skills.count; ++i) {
    out.BeginObject();
    out.TrustedField("topic", ctx_.catalog.topics[skills.items[i].topic].id);
    out.Key("level");
    out.Uint(skills.items[i].level);
    out.EndObject();
  }
  out.EndArray();
}

void PeopleWriter::WriteInterests(uint32_t index) {
  InterestList interests = Interests(ctx_.catalog, ctx_.org, ctx_.options.seed, index);
  if (interests.count == 0) return;
  NdjsonWriter& out = ctx_.out;
  out.Key("interests");
  out.BeginArray();
  for (int i = 0; i < interests.count; ++i) {
    out.Trusted(ctx_.catalog.topics[interests.items[i]].id);
  }
  out.EndArray();
}

}  // namespace

void WriteTopics(const Context& ctx) {
  NdjsonWriter& out = ctx.out;
  for (const Topic& t : ctx.catalog.topics) {
    out.BeginRecord("topic");
    out.TrustedField("id", t.id);
    out.Field("name", t.name);
    if (!t.aliases.empty()) {
      out.Key("aliases");
      out.BeginArray();
      for (std::string_view a : t.aliases) out.String(a);
      out.EndArray();
    }
    WriteTopicList(out, ctx.catalog, "broader", t.broader);
    WriteTopicList(out, ctx.catalog, "related", t.related);
    if (!t.description.empty()) out.Field("description", t.description);
    out.EndRecord();
  }
}

void WritePeople(const Context& ctx) {
  PeopleWriter writer(ctx);
  for (uint32_t i = 0; i < ctx.org.people.size(); ++i) writer.Write(i);
}

}  // namespace whoknows::demo
