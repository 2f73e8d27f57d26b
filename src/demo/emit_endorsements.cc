// Endorsement records: some people vouch for colleagues, mostly teammates, mostly on topics the
// colleague really works on, sometimes on what the colleague merely claims.
#include <algorithm>

#include "emit.h"
#include "profile.h"

namespace whoknows::demo {

namespace {

constexpr int kMaxEndorsements = 5;

struct Endorsement {
  uint32_t to;
  TopicIndex topic;
};

TopicIndex EndorsedTopic(const Context& ctx, uint32_t to, Rng& rng) {
  const Person& p = ctx.org.people[to];
  if (rng.Percent(30)) {
    SkillList claimed = DeclaredSkills(ctx.catalog, ctx.org, ctx.options.seed, to);
    if (claimed.count > 0) return claimed.items[rng.Below(claimed.count)].topic;
  }
  return p.topics[rng.Zipf(p.topic_count)];
}

void WriteEndorsementsOf(const Context& ctx, uint32_t from) {
  Rng rng(ctx.options.seed, Purpose::kEndorsements, from);
  if (!rng.Percent(45)) return;
  int target = 1 + static_cast<int>(rng.Zipf(kMaxEndorsements));
  Endorsement given[kMaxEndorsements];
  int count = 0;
  for (int attempt = 0; attempt < 3 * target && count < target; ++attempt) {
    uint32_t to = PickColleague(ctx.org, from, rng, 65, 25);
    if (to == from || ctx.org.people[to].topic_count == 0) continue;
    TopicIndex topic = EndorsedTopic(ctx, to, rng);
    bool duplicate = std::any_of(
        given, given + count, [&](const Endorsement& e) { return e.to == to && e.topic == topic; });
    if (duplicate) continue;
    given[count++] = {to, topic};
    NdjsonWriter& out = ctx.out;
    out.BeginRecord("endorsement");
    out.Key("from");
    WritePersonId(out, from);
    out.Key("to");
    WritePersonId(out, to);
    out.TrustedField("topic", ctx.catalog.topics[topic].id);
    out.EndRecord();
  }
}

}  // namespace

void WriteEndorsements(const Context& ctx) {
  if (ctx.org.people.size() < 2) return;
  for (uint32_t i = 0; i < ctx.org.people.size(); ++i) WriteEndorsementsOf(ctx, i);
}

}  // namespace whoknows::demo
