// Document records: each person leads a number of documents in proportion to their document
// weight, about `documents_per_person` on average, written with teammates (now and then with
// people from elsewhere), reviewed and tested by colleagues, about the lead author's topics.
#include <algorithm>

#include "emit.h"
#include "titles.h"

namespace whoknows::demo {

namespace {

// CompanyOptions::max_authors: the demo's distribution covers 1-6; the tail reaches 40.
constexpr int kDemoMaxAuthors = 6;
constexpr int kMaxAuthors = 40;
constexpr uint32_t kAuthorTailPerMille = 30;
constexpr int kMaxContributors = 2;

struct DocumentDraft {
  uint32_t days_ago = 0;
  TopicIndex topic = 0;
  TopicIndex second = 0;
  bool has_second = false;
  const char* second_weight = nullptr;
  const char* topic_weight = nullptr;  // nullptr: the topic is written as a bare id
  int author_count = 0;
  uint32_t authors[kMaxAuthors];
  int contributor_count = 0;
  uint32_t contributors[kMaxContributors];
  const char* contributor_roles[kMaxContributors];
};

class DocumentWriter {
 public:
  explicit DocumentWriter(const Context& ctx) : ctx_(ctx) {}

  void Write(uint32_t lead, Rng& rng);

 private:
  void ChooseTopics(uint32_t lead, Rng& rng, DocumentDraft& d) const;
  void ChooseAuthors(uint32_t lead, Rng& rng, DocumentDraft& d) const;
  void ChooseContributors(uint32_t lead, Rng& rng, DocumentDraft& d) const;
  bool Involved(const DocumentDraft& d, uint32_t person) const;
  void Emit(uint32_t lead, Rng& rng, const DocumentDraft& d);
  void WriteUrl(const Department& dept);
  void WriteTopicsField(const DocumentDraft& d);

  const Context& ctx_;
  uint64_t number_ = 0;
  std::string scratch_;
};

// Days before `until`, within the person's employment and the history; recent days are likelier
// (density rising from 1/2 to 3/2 of the mean over the window).
uint32_t EvidenceDaysAgo(const Person& p, Rng& rng) {
  uint32_t window = std::min<uint32_t>(p.tenure, kHistoryDays);
  return window - (rng.Percent(50) ? rng.Ramp(window + 1) : rng.Below(window + 1));
}

void DocumentWriter::Write(uint32_t lead, Rng& rng) {
  DocumentDraft d;
  d.days_ago = EvidenceDaysAgo(ctx_.org.people[lead], rng);
  ChooseTopics(lead, rng, d);
  ChooseAuthors(lead, rng, d);
  ChooseContributors(lead, rng, d);
  Emit(lead, rng, d);
}

void DocumentWriter::ChooseTopics(uint32_t lead, Rng& rng, DocumentDraft& d) const {
  static constexpr const char* kPrimaryWeights[] = {"1.0", "0.9", "0.8"};
  static constexpr const char* kSecondaryWeights[] = {"0.3", "0.4", "0.5", "0.6", "0.7"};
  const Person& p = ctx_.org.people[lead];
  d.topic = p.topics[rng.Zipf(p.topic_count)];
  if (rng.Percent(20)) d.topic_weight = kPrimaryWeights[rng.Below(3)];
  if (!rng.Percent(45)) return;
  uint32_t source = rng.Below(100);
  const Topic& topic = ctx_.catalog.topics[d.topic];
  TopicIndex second = d.topic;
  if (source < 50) {
    second = p.topics[rng.Below(p.topic_count)];
  } else if (source < 75) {
    const std::vector<TopicIndex>& links = rng.Percent(50) ? topic.related : topic.narrower;
    if (!links.empty()) second = links[rng.Below(links.size())];
  } else {
    const Team& team = ctx_.org.teams[p.team];
    if (team.focus_count > 0) second = team.focus[rng.Below(team.focus_count)];
  }
  if (second == d.topic) return;
  d.second = second;
  d.has_second = true;
  d.second_weight = kSecondaryWeights[rng.Below(5)];
}

bool DocumentWriter::Involved(const DocumentDraft& d, uint32_t person) const {
  return std::find(d.authors, d.authors + d.author_count, person) != d.authors + d.author_count ||
         std::find(d.contributors, d.contributors + d.contributor_count, person) !=
             d.contributors + d.contributor_count;
}

// Up to max_authors authors, mostly from the lead's team, all employed on the document's date.
// With max_authors 6 the draws are exactly the demo's (no tail draw is made).
int AuthorTarget(int max_authors, Rng& rng) {
  static constexpr uint32_t kCountPerMille[kDemoMaxAuthors] = {380, 260, 160, 110, 60, 30};
  if (max_authors > kDemoMaxAuthors && rng.PerMille(kAuthorTailPerMille)) {
    int tail = std::min(max_authors, kMaxAuthors) - kDemoMaxAuthors;
    return kDemoMaxAuthors + 1 + static_cast<int>(rng.Zipf(static_cast<uint32_t>(tail)));
  }
  uint32_t x = rng.Below(1000);
  int target = 1;
  while (target < kDemoMaxAuthors && x >= kCountPerMille[target - 1]) {
    x -= kCountPerMille[target - 1];
    ++target;
  }
  return target;
}

void DocumentWriter::ChooseAuthors(uint32_t lead, Rng& rng, DocumentDraft& d) const {
  int target = AuthorTarget(ctx_.options.max_authors, rng);
  d.authors[d.author_count++] = lead;
  for (int attempt = 0; attempt < 4 * target && d.author_count < target; ++attempt) {
    // A large author list reaches beyond the team (which rarely has 7+ people).
    uint32_t c = target > kDemoMaxAuthors ? PickColleague(ctx_.org, lead, rng, 30, 50)
                                          : PickColleague(ctx_.org, lead, rng, 80, 15);
    if (!Involved(d, c) && EmployedAt(ctx_.org.people[c], d.days_ago)) {
      d.authors[d.author_count++] = c;
    }
  }
}

void DocumentWriter::ChooseContributors(uint32_t lead, Rng& rng, DocumentDraft& d) const {
  bool technical = ctx_.catalog.departments[ctx_.org.people[lead].department].technical;
  int reviewers = rng.Percent(technical ? 40 : 20) ? 1 : 0;
  int testers = technical && rng.Percent(12) ? 1 : 0;
  for (int attempt = 0; attempt < 12 && reviewers + testers > 0; ++attempt) {
    uint32_t c = PickColleague(ctx_.org, lead, rng, 60, 40);
    if (Involved(d, c) || !EmployedAt(ctx_.org.people[c], d.days_ago)) continue;
    d.contributors[d.contributor_count] = c;
    if (reviewers > 0) {
      d.contributor_roles[d.contributor_count++] = "reviewer";
      --reviewers;
    } else {
      d.contributor_roles[d.contributor_count++] = "tester";
      --testers;
    }
  }
}

void DocumentWriter::Emit(uint32_t lead, Rng& rng, const DocumentDraft& d) {
  NdjsonWriter& out = ctx_.out;
  const Person& p = ctx_.org.people[lead];
  const Department& dept = ctx_.catalog.departments[p.department];
  ++number_;
  out.BeginRecord("document");
  out.Key("id");
  WriteDocumentId(out, number_);
  TitleParts parts;
  parts.topic = &ctx_.catalog.topics[d.topic];
  parts.second = d.has_second ? &ctx_.catalog.topics[d.second] : nullptr;
  const Team& team = ctx_.org.teams[p.team];
  parts.area = dept.areas[rng.Percent(75) ? team.area : rng.Below(dept.areas.size())];
  parts.year = ctx_.dates.Year(d.days_ago);
  parts.quarter = ctx_.dates.Quarter(d.days_ago);
  scratch_.clear();
  AppendDocumentTitle(scratch_, rng, parts);
  out.Field("title", scratch_);
  if (rng.Percent(85)) WriteUrl(dept);
  out.TrustedField("created", ctx_.dates.Ago(d.days_ago));
  out.Key("authors");
  out.BeginArray();
  for (int i = 0; i < d.author_count; ++i) WritePersonId(out, d.authors[i]);
  out.EndArray();
  if (d.contributor_count > 0) {
    out.Key("contributors");
    out.BeginArray();
    for (int i = 0; i < d.contributor_count; ++i) {
      out.BeginObject();
      out.Key("person");
      WritePersonId(out, d.contributors[i]);
      out.TrustedField("role", d.contributor_roles[i]);
      out.EndObject();
    }
    out.EndArray();
  }
  WriteTopicsField(d);
  out.EndRecord();
}

// Most documents live on the wiki, in their department's space.
void DocumentWriter::WriteUrl(const Department& dept) {
  scratch_.assign("https://wiki.").append(CompanyDomain()).append("/").append(dept.slug);
  scratch_.append("/doc-");
  AppendPadded(scratch_, number_, 7);
  ctx_.out.TrustedField("url", scratch_);
}

void DocumentWriter::WriteTopicsField(const DocumentDraft& d) {
  NdjsonWriter& out = ctx_.out;
  out.Key("topics");
  out.BeginArray();
  if (d.topic_weight == nullptr || !ctx_.options.topic_weights) {
    out.Trusted(ctx_.catalog.topics[d.topic].id);
  } else {
    out.BeginObject();
    out.TrustedField("topic", ctx_.catalog.topics[d.topic].id);
    out.Key("weight");
    out.Raw(d.topic_weight);
    out.EndObject();
  }
  if (d.has_second && !ctx_.options.topic_weights) {
    out.Trusted(ctx_.catalog.topics[d.second].id);
  } else if (d.has_second) {
    out.BeginObject();
    out.TrustedField("topic", ctx_.catalog.topics[d.second].id);
    out.Key("weight");
    out.Raw(d.second_weight);
    out.EndObject();
  }
  out.EndArray();
}

}  // namespace

// Person i leads the documents between the running totals floor(T * C(i-1) / W) and
// floor(T * C(i) / W), where C is the cumulative document weight, W its total and T the target
// count: the total is exactly T, shared in proportion to weight.
void WriteDocuments(const Context& ctx) {
  const Org& org = ctx.org;
  if (org.people.empty() || org.document_weight_total == 0) return;
  __extension__ typedef unsigned __int128 Uint128;
  const Uint128 target = Uint128{ctx.options.documents_per_person} * org.people.size();
  const Uint128 total = org.document_weight_total;
  DocumentWriter writer(ctx);
  Uint128 cumulative = 0;
  uint64_t written = 0;
  for (uint32_t i = 0; i < org.people.size(); ++i) {
    cumulative += DocumentWeight(ctx.catalog, org.people[i], ctx.options.seed, i);
    auto due = static_cast<uint64_t>(target * cumulative / total);
    Rng rng(ctx.options.seed, Purpose::kDocuments, i);
    for (; written < due; ++written) writer.Write(i, rng);
  }
}

}  // namespace whoknows::demo
