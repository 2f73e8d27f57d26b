// A randomized graph with every kind of evidence, for tests that compare two ways of computing
// the same ranking (PersonExpertise, the experts cache) with FindExperts.
#ifndef WHOKNOWS_TESTS_QUERY_RICH_GRAPH_H_
#define WHOKNOWS_TESTS_QUERY_RICH_GRAPH_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "test_graph.h"

namespace whoknows::query::testing {

// A fixed-seed generator that behaves the same on every standard library.
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  size_t Below(size_t n) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>((state_ >> 33) % n);
  }

 private:
  uint64_t state_;
};

// A three-level hierarchy with related topics, documents with several authors, contributors and
// weighted topics, projects with roles and dates, skills, endorsements, people in three
// departments and two locations, and one opted-out person.  `t` stays usable for writes.
struct RichGraph {
  TestGraph t;
  std::shared_ptr<const graph::Graph> graph;
  std::vector<Vid> topics, people;
};

inline void AddRichDocuments(RichGraph* r, Lcg* rng, int count, const std::string& prefix) {
  auto person = [&] { return r->people[rng->Below(r->people.size())]; };
  auto topic = [&] { return r->topics[rng->Below(r->topics.size())]; };
  const char* roles[] = {"reviewer", "tester", "maintainer", "", "translator"};
  for (int i = 0; i < count; ++i) {
    std::vector<Vid> authors = {person()};
    if (rng->Below(2)) authors.push_back(person());
    std::vector<std::pair<Vid, float>> about = {{topic(), 1.0f}};
    if (rng->Below(2)) about.emplace_back(topic(), 0.25f * static_cast<float>(1 + rng->Below(4)));
    Vid doc = r->t.WeightedDocument(prefix + std::to_string(i),
                                    DaysBefore(static_cast<int>(rng->Below(3000))), authors, about);
    if (rng->Below(3) == 0) r->t.Contributor(doc, person(), roles[rng->Below(5)]);
  }
}

inline RichGraph MakeRichGraph(uint64_t seed = 42) {
  RichGraph r;
  TestGraph& t = r.t;
  Lcg rng(seed);
  for (int i = 0; i < 12; ++i)
    r.topics.push_back(t.Topic("t" + std::to_string(i), "T" + std::to_string(i)));
  for (int i = 1; i < 12; ++i) t.Broader(r.topics[i], r.topics[(i - 1) / 3]);  // a tree
  t.Broader(r.topics[11], r.topics[2]);  // and a second parent
  t.Related(r.topics[4], r.topics[9]);
  t.Related(r.topics[1], r.topics[2]);
  const char* departments[] = {"Sales", "Platform", "Data"};
  const char* locations[] = {"Oslo", "Lima"};
  for (int i = 0; i < 15; ++i) {
    r.people.push_back(t.Person("p" + std::to_string(i), departments[i % 3], locations[i % 2],
                                /*opted_out=*/i == 14));
  }
  auto person = [&] { return r.people[rng.Below(r.people.size())]; };
  auto topic = [&] { return r.topics[rng.Below(r.topics.size())]; };
  AddRichDocuments(&r, &rng, 60, "d");
  const char* project_roles[] = {"lead", "engineer", "", "owner"};
  for (int i = 0; i < 8; ++i) {
    Day start = DaysBefore(static_cast<int>(500 + rng.Below(2000)));
    Day end = rng.Below(2) ? kNoDay : start + static_cast<int>(rng.Below(900));
    Vid project = t.Project("pr" + std::to_string(i), start, end, {topic(), topic()});
    for (int m = 0; m < 3; ++m) {
      Day since = rng.Below(2) ? kNoDay : start + static_cast<int>(rng.Below(300));
      t.Member(project, person(), project_roles[rng.Below(4)], since, kNoDay);
    }
  }
  for (int i = 0; i < 20; ++i) t.Skill(person(), topic(), 1 + static_cast<int>(rng.Below(5)));
  for (int i = 0; i < 40; ++i) {
    Vid from = person(), to = person();
    Vid about = topic();
    if (from != to) t.Endorse(from, to, about);
  }
  r.graph = t.Build();
  return r;
}

}  // namespace whoknows::query::testing

#endif  // WHOKNOWS_TESTS_QUERY_RICH_GRAPH_H_
