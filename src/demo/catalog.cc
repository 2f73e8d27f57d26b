#include "catalog.h"

#include <cassert>
#include <string>
#include <unordered_map>

namespace whoknows::demo {

namespace {

std::vector<std::string_view> Split(std::string_view list) {
  std::vector<std::string_view> parts;
  while (!list.empty()) {
    size_t bar = list.find('|');
    parts.push_back(list.substr(0, bar));
    if (bar == std::string_view::npos) break;
    list.remove_prefix(bar + 1);
  }
  return parts;
}

uint32_t ParseUint(std::string_view text) {
  uint32_t v = 0;
  for (char c : text) v = v * 10 + static_cast<uint32_t>(c - '0');
  return v;
}

class TopicIds {
 public:
  explicit TopicIds(const std::vector<Topic>& topics) {
    for (size_t i = 0; i < topics.size(); ++i) index_.emplace(topics[i].id, i);
  }
  // REQUIRES: every id in `list` names a topic (a table typo is a programmer error).
  std::vector<TopicIndex> Resolve(std::string_view list) const {
    std::vector<TopicIndex> out;
    for (std::string_view id : Split(list)) {
      auto it = index_.find(id);
      assert(it != index_.end() && "unknown topic id in a demo catalog table");
      if (it != index_.end()) out.push_back(static_cast<TopicIndex>(it->second));
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, size_t> index_;
};

void AddTopics(Catalog& c) {
  static_assert(sizeof(TopicIndex) == 1, "topic indices are one byte");
  assert(kTopicDefCount < 256);
  for (size_t i = 0; i < kTopicDefCount; ++i) {
    const TopicDef& d = kTopicDefs[i];
    Topic t;
    t.id = d.id;
    t.name = d.name;
    t.description = d.description;
    t.aliases = Split(d.aliases);
    t.category = d.category;
    c.topics.push_back(std::move(t));
  }
  TopicIds ids(c.topics);
  for (size_t i = 0; i < kTopicDefCount; ++i) {
    c.topics[i].broader = ids.Resolve(kTopicDefs[i].broader);
    c.topics[i].related = ids.Resolve(kTopicDefs[i].related);
    for (TopicIndex b : c.topics[i].broader) {
      c.topics[b].narrower.push_back(static_cast<TopicIndex>(i));
    }
  }
}

void AddDepartmentsAndRoles(Catalog& c) {
  TopicIds ids(c.topics);
  for (size_t i = 0; i < kDepartmentDefCount; ++i) {
    const DepartmentDef& d = kDepartmentDefs[i];
    c.departments.push_back({d.name,
                             d.slug,
                             d.head_title,
                             d.director_title,
                             d.manager_title,
                             d.home_office,
                             d.weight,
                             d.technical,
                             ids.Resolve(d.topics),
                             Split(d.areas),
                             {},
                             0});
  }
  for (size_t i = 0; i < kRoleDefCount; ++i) {
    const RoleDef& r = kRoleDefs[i];
    assert(r.department < c.departments.size());
    c.roles.push_back({r.title, r.project_role, r.department, r.weight, ids.Resolve(r.topics)});
    Department& dept = c.departments[r.department];
    dept.roles.push_back(static_cast<uint8_t>(i));
    dept.role_weight_total += r.weight;
  }
  c.common_topics = ids.Resolve(kCommonTopicList);
  for (TopicIndex t : ids.Resolve(kToolTopicList)) c.topics[t].tool = true;
}

void AddVocabulary(Catalog& c) {
  c.offices = Split(kOfficeList);
  for (std::string_view w : Split(kOfficeWeights)) c.office_weights.push_back(ParseUint(w));
  assert(c.office_weights.size() + 1 == c.offices.size());
  c.first_names = Split(kFirstNameList);
  c.surname_heads = Split(kSurnameHeadList);
  c.surname_tails = Split(kSurnameTailList);
  c.codenames = Split(kCodenameList);
}

Catalog BuildCatalog() {
  Catalog c;
  AddTopics(c);
  AddDepartmentsAndRoles(c);
  AddVocabulary(c);
  return c;
}

}  // namespace

const Catalog& GetCatalog() {
  static const Catalog catalog = BuildCatalog();
  return catalog;
}

}  // namespace whoknows::demo
