// The demo company should look like a real organisation: these cases check the properties the
// demo and the ranking tests rely on.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <map>
#include <set>
#include <string>

#include "company_fixture.h"
#include "whoknows/core/date.h"

namespace whoknows::demo {
namespace {

using nlohmann::json;
using testing::Company3000;

Day DateOf(const json& value) { return *ParseDate(value.get<std::string>()); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::map<std::string, json> PeopleById() {
  std::map<std::string, json> people;
  for (const json& p : Company3000().Of("person")) people[p["id"].get<std::string>()] = p;
  return people;
}

std::string TopicOf(const json& entry) {
  return entry.is_string() ? entry.get<std::string>() : entry["topic"].get<std::string>();
}

TEST_CASE("documents span the ten years before until, recent ones more often", "[demo]") {
  const Day until = CompanyOptions().until;
  size_t older = 0, newer = 0;
  for (const json& d : Company3000().Of("document")) {
    Day created = DateOf(d["created"]);
    CHECK(created <= until);
    CHECK(created >= until - 3653);
    (created < until - 1826 ? older : newer) += 1;
  }
  CHECK(older > 0);
  CHECK(newer > 2 * older);
}

TEST_CASE("project and membership dates are consistent", "[demo]") {
  const Day until = CompanyOptions().until;
  size_t ongoing = 0, late_joiners = 0, leavers = 0;
  for (const json& p : Company3000().Of("project")) {
    Day start = DateOf(p["start"]);
    Day end = p.contains("end") ? DateOf(p["end"]) : until;
    ongoing += p.contains("end") ? 0 : 1;
    CHECK(start < end);
    CHECK(end <= until);
    CHECK(start >= until - 6 * 366);
    CHECK(p["members"][0]["role"] == "lead");
    for (const json& m : p["members"]) {
      Day since = m.contains("since") ? DateOf(m["since"]) : start;
      Day left = m.contains("until") ? DateOf(m["until"]) : end;
      late_joiners += m.contains("since") ? 1 : 0;
      leavers += m.contains("until") ? 1 : 0;
      CHECK(since >= start);
      CHECK(since < left);
      CHECK(left <= end);
    }
  }
  CHECK(ongoing > 0);
  CHECK(late_joiners > 0);
  CHECK(leavers > 0);
}

TEST_CASE("a small but non-zero share of people opt out", "[demo]") {
  size_t opted_out = 0;
  for (const json& p : Company3000().Of("person")) opted_out += p.contains("opted_out") ? 1 : 0;
  CHECK(opted_out > 0);
  CHECK(opted_out < 3000 / 20);
}

TEST_CASE("departments have one head reporting to the CEO", "[demo]") {
  std::map<std::string, json> people = PeopleById();
  const json& ceo = people.at("p000001");
  CHECK_FALSE(ceo.contains("manager"));
  std::map<std::string, int> heads, headcount;
  std::set<std::string> locations;
  for (const auto& [id, p] : people) {
    headcount[p["department"].get<std::string>()] += 1;
    locations.insert(p["location"].get<std::string>());
    if (p.value("manager", "") == "p000001") heads[p["department"].get<std::string>()] += 1;
  }
  CHECK(headcount.size() >= 9);  // eight or more departments and the executive office
  for (const auto& [dept, count] : headcount) {
    INFO(dept);
    if (dept == ceo["department"]) continue;
    CHECK(heads[dept] == 1);
    CHECK(count >= 50);
  }
  CHECK(locations.size() >= 4);
}

TEST_CASE("the manager tree is several levels deep with small teams", "[demo]") {
  std::map<std::string, json> people = PeopleById();
  std::map<std::string, int> reports;
  size_t deepest = 0;
  for (const auto& [id, p] : people) {
    size_t depth = 0;
    for (std::string at = id; people.at(at).contains("manager"); ++depth) {
      at = people.at(at)["manager"].get<std::string>();
      if (depth == 0) reports[at] += 1;
    }
    deepest = std::max(deepest, depth);
  }
  CHECK(deepest >= 4);
  for (const auto& [manager, count] : reports) {
    if (manager == "p000001") continue;
    INFO(manager);
    CHECK(count <= 12);
  }
}

TEST_CASE("e-mail addresses are unique and derived from names", "[demo]") {
  std::set<std::string> emails;
  for (const json& p : Company3000().Of("person")) {
    std::string email = p["email"].get<std::string>();
    CHECK(emails.insert(email).second);
    std::string name = Lower(p["name"].get<std::string>());
    CHECK(email.rfind(name.substr(0, name.find(' ')) + ".", 0) == 0);
    CHECK(email.find("@fernhollow.example") != std::string::npos);
  }
}

TEST_CASE("documents have one to six authors, mostly from one department", "[demo]") {
  std::map<std::string, json> people = PeopleById();
  size_t pairs = 0, same_department = 0, shared = 0, reviewed = 0;
  for (const json& d : Company3000().Of("document")) {
    const json& authors = d["authors"];
    CHECK(authors.size() >= 1);
    CHECK(authors.size() <= 6);
    shared += authors.size() > 1 ? 1 : 0;
    reviewed += d.contains("contributors") ? 1 : 0;
    const json& lead = people.at(authors[0].get<std::string>());
    for (size_t i = 1; i < authors.size(); ++i) {
      ++pairs;
      same_department +=
          people.at(authors[i].get<std::string>())["department"] == lead["department"];
    }
  }
  CHECK(shared > 30000 / 3);
  CHECK(reviewed > 30000 / 10);
  CHECK(same_department > pairs * 8 / 10);
  CHECK(same_department < pairs);  // some cross-team work
}

TEST_CASE("the taxonomy has unique aliases and a hierarchy three levels deep", "[demo]") {
  std::map<std::string, json> topics;
  for (const json& t : Company3000().Of("topic")) topics[t["id"].get<std::string>()] = t;
  CHECK(topics.size() >= 80);
  CHECK(topics.size() <= 160);
  std::map<std::string, std::string> names;  // every id, name and alias, lower-cased
  for (const auto& [id, t] : topics) {
    for (const std::string& n : {id, Lower(t["name"].get<std::string>())}) {
      auto [it, inserted] = names.emplace(n, id);
      if (!inserted) CHECK(it->second == id);
    }
    for (const json& a : t.value("aliases", json::array())) {
      INFO(a.dump());
      CHECK(names.emplace(Lower(a.get<std::string>()), id).second);
    }
  }
  CHECK(names.at("k8s") == "kubernetes");
  CHECK(names.at("js") == "javascript");
  CHECK(names.at("ecmascript") == "javascript");
  CHECK(names.at("ml") == "machine-learning");
  CHECK(topics.at("helm")["broader"][0] == "kubernetes");
  CHECK(topics.at("kubernetes")["broader"][0] == "cloud-computing");
  CHECK_FALSE(topics.at("cloud-computing").contains("broader"));
  // No topic is its own ancestor.
  for (const auto& [id, t] : topics) {
    std::vector<std::string> frontier = {id};
    for (int depth = 0; depth < 6 && !frontier.empty(); ++depth) {
      std::vector<std::string> next;
      for (const std::string& f : frontier) {
        for (const json& b : topics.at(f).value("broader", json::array())) {
          next.push_back(b.get<std::string>());
        }
      }
      frontier = next;
    }
    INFO(id);
    CHECK(frontier.empty());
  }
}

TEST_CASE("topic popularity is skewed and follows departments", "[demo]") {
  std::map<std::string, size_t> documents_per_topic;
  for (const json& d : Company3000().Of("document")) {
    documents_per_topic[TopicOf(d["topics"][0])] += 1;
  }
  std::vector<size_t> counts;
  for (const auto& entry : documents_per_topic) counts.push_back(entry.second);
  std::sort(counts.rbegin(), counts.rend());
  REQUIRE(counts.size() >= 60);
  CHECK(counts.front() > 5 * counts[counts.size() / 2]);
  CHECK(documents_per_topic["kubernetes"] > documents_per_topic["figma"]);
  CHECK(documents_per_topic["recruiting"] > 0);
}

TEST_CASE("declared skills mostly match evidence, but some people over-claim", "[demo]") {
  std::set<std::pair<std::string, std::string>> evidence;  // (person, topic) with a document
  for (const json& d : Company3000().Of("document")) {
    for (const json& a : d["authors"]) {
      for (const json& t : d["topics"]) evidence.emplace(a.get<std::string>(), TopicOf(t));
    }
  }
  size_t declared = 0, backed = 0, unbacked_experts = 0, silent = 0;
  for (const json& p : Company3000().Of("person")) {
    silent += p.contains("skills") ? 0 : 1;
    for (const json& s : p.value("skills", json::array())) {
      ++declared;
      bool has = evidence.count({p["id"].get<std::string>(), s["topic"].get<std::string>()}) > 0;
      backed += has ? 1 : 0;
      unbacked_experts += !has && s["level"].get<int>() >= 4 ? 1 : 0;
    }
  }
  CHECK(backed > declared / 2);
  CHECK(unbacked_experts > 0);
  CHECK(silent > 300);
}

TEST_CASE("endorsements go from colleagues to colleagues", "[demo]") {
  std::map<std::string, json> people = PeopleById();
  const auto& endorsements = Company3000().Of("endorsement");
  CHECK(endorsements.size() > 1000);
  size_t same_department = 0;
  for (const json& e : endorsements) {
    same_department += people.at(e["from"].get<std::string>())["department"] ==
                       people.at(e["to"].get<std::string>())["department"];
  }
  CHECK(same_department > endorsements.size() * 3 / 4);
}

}  // namespace
}  // namespace whoknows::demo
