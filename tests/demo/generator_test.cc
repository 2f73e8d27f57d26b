#include "whoknows/demo/generator.h"

#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "company_fixture.h"

namespace whoknows::demo {
namespace {

using testing::Company3000;
using testing::Generate;
using testing::ParsedCompany;

std::string Bytes(const CompanyOptions& options) {
  std::ostringstream out;
  GenerateCompany(options, out);
  return out.str();
}

CompanyOptions Small(uint64_t seed) {
  CompanyOptions o;
  o.people = 300;
  o.seed = seed;
  return o;
}

TEST_CASE("the same options give the same bytes", "[demo]") {
  std::string first = Bytes(Small(7));
  CHECK(first.size() > 100000);
  CHECK(Bytes(Small(7)) == first);
}

TEST_CASE("a different seed or end date gives a different company", "[demo]") {
  std::string base = Bytes(Small(7));
  CHECK(Bytes(Small(8)) != base);
  CompanyOptions earlier = Small(7);
  earlier.until = DaysFromCivil(2024, 1, 15);
  CHECK(Bytes(earlier) != base);
}

TEST_CASE("a fixed seed gives the same first person on every platform", "[demo]") {
  // Pins the byte stream: a change here means every demo database and benchmark changes too.
  std::string text = Bytes(Small(42));
  size_t at = text.find("{\"type\":\"person\"");
  REQUIRE(at != std::string::npos);
  std::string ceo = text.substr(at, text.find('\n', at) - at);
  CHECK(ceo.find("\"id\":\"p000001\"") != std::string::npos);
  CHECK(ceo.find("\"title\":\"Chief Executive Officer\"") != std::string::npos);
  CHECK(ceo.find("\"manager\"") == std::string::npos);
}

TEST_CASE("every line is a well-formed record of a known type", "[demo]") {
  const ParsedCompany& c = Company3000();
  std::vector<std::string> errors = ShapeErrors(c);
  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
  CHECK(c.bad_lines.empty());
  CHECK(c.text.back() == '\n');
}

TEST_CASE("ids are unique and every reference resolves", "[demo]") {
  std::vector<std::string> errors = ReferenceErrors(Company3000());
  INFO((errors.empty() ? std::string() : errors.front()));
  CHECK(errors.empty());
}

TEST_CASE("the returned counts match the records written", "[demo]") {
  const ParsedCompany& c = Company3000();
  CHECK(c.counts.topics == c.Of("topic").size());
  CHECK(c.counts.people == c.Of("person").size());
  CHECK(c.counts.projects == c.Of("project").size());
  CHECK(c.counts.documents == c.Of("document").size());
  CHECK(c.counts.endorsements == c.Of("endorsement").size());
  CHECK(c.returned == c.counts.total());
}

TEST_CASE("records come in order: topics, people, projects, documents, endorsements", "[demo]") {
  const std::string& text = Company3000().text;
  size_t last_topic = text.rfind("{\"type\":\"topic\"");
  size_t first_person = text.find("{\"type\":\"person\"");
  size_t last_person = text.rfind("{\"type\":\"person\"");
  size_t first_project = text.find("{\"type\":\"project\"");
  size_t last_project = text.rfind("{\"type\":\"project\"");
  size_t first_document = text.find("{\"type\":\"document\"");
  size_t last_document = text.rfind("{\"type\":\"document\"");
  size_t first_endorsement = text.find("{\"type\":\"endorsement\"");
  CHECK(last_topic < first_person);
  CHECK(last_person < first_project);
  CHECK(last_project < first_document);
  CHECK(last_document < first_endorsement);
  CHECK(first_endorsement != std::string::npos);
}

TEST_CASE("the company has exactly the requested people and documents per person", "[demo]") {
  const ParsedCompany& c = Company3000();
  CHECK(c.Of("person").size() == 3000);
  CHECK(c.Of("document").size() == 30000);
  CompanyOptions sparse = Small(3);
  sparse.documents_per_person = 2;
  ParsedCompany s = Generate(sparse);
  CHECK(s.Of("person").size() == 300);
  CHECK(s.Of("document").size() == 600);
}

TEST_CASE("tiny companies are still consistent", "[demo]") {
  for (size_t people : {0, 1, 2, 5, 13, 40}) {
    CompanyOptions o;
    o.people = people;
    ParsedCompany c = Generate(o);
    INFO("people = " << people);
    CHECK(c.Of("person").size() == people);
    CHECK(c.Of("topic").size() > 80);
    CHECK(c.Of("document").size() == 10 * people);
    CHECK(ShapeErrors(c).empty());
    CHECK(ReferenceErrors(c).empty());
  }
}

// The share of co-author pairs from one department whose lowest common manager is the
// department's head (they sit under different reports of the head).
double ShareAcrossTheDepartment(const ParsedCompany& c) {
  std::map<std::string, std::string> manager, department;
  for (const nlohmann::json& p : c.Of("person")) {
    const std::string id = p["id"].get<std::string>();
    if (p.contains("manager")) manager[id] = p["manager"].get<std::string>();
    department[id] = p["department"].get<std::string>();
  }
  const std::string ceo = "p000001";
  // The ancestor of `id` reporting to the head (the head itself for the head).
  auto division = [&](std::string id) {
    std::vector<std::string> chain{id};
    while (manager.count(chain.back()) && manager[chain.back()] != ceo) {
      chain.push_back(manager[chain.back()]);
    }
    return chain.size() >= 2 ? chain[chain.size() - 2] : chain.back();
  };
  size_t pairs = 0, across = 0;
  for (const nlohmann::json& d : c.Of("document")) {
    const std::string lead = d["authors"][0].get<std::string>();
    for (size_t i = 1; i < d["authors"].size(); ++i) {
      const std::string other = d["authors"][i].get<std::string>();
      if (department[other] != department[lead] || lead == ceo || other == ceo) continue;
      ++pairs;
      across += division(lead) != division(other);
    }
  }
  return pairs == 0 ? 0 : static_cast<double>(across) / static_cast<double>(pairs);
}

TEST_CASE("group_people keeps work beyond the team within a group of the department", "[demo]") {
  CompanyOptions o;
  o.people = 8000;  // departments of about 700 people
  o.max_authors = 40;
  const ParsedCompany department = Generate(o);
  o.group_people = 150;
  const ParsedCompany group = Generate(o);
  CHECK(ShapeErrors(group).empty());
  CHECK(ReferenceErrors(group).empty());
  CHECK(group.Of("document").size() == 80000);
  const double wide = ShareAcrossTheDepartment(department);
  const double narrow = ShareAcrossTheDepartment(group);
  INFO("department-wide " << wide << ", in groups " << narrow);
  CHECK(wide > 0.05);
  CHECK(narrow < wide / 2);
  // A group as large as the company is the department: the same bytes as 0.
  CompanyOptions small = Small(7);
  const std::string plain = Bytes(small);
  small.group_people = 1000000;
  CHECK(Bytes(small) == plain);
}

}  // namespace
}  // namespace whoknows::demo
