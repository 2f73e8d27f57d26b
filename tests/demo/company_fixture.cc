#include "company_fixture.h"

#include <set>
#include <sstream>

#include "whoknows/core/date.h"
#include "whoknows/core/id.h"

namespace whoknows::demo::testing {

const std::vector<nlohmann::json>& ParsedCompany::Of(const std::string& type) const {
  static const std::vector<nlohmann::json> kEmpty;
  auto it = by_type.find(type);
  return it == by_type.end() ? kEmpty : it->second;
}

ParsedCompany Generate(const CompanyOptions& options) {
  static const std::set<std::string> kTypes = {"topic", "person", "document", "project",
                                               "endorsement"};
  ParsedCompany c;
  std::ostringstream out;
  c.returned = GenerateCompany(options, out, &c.counts);
  c.text = out.str();
  std::istringstream in(c.text);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object() || !record.contains("type") || !record["type"].is_string() ||
        kTypes.count(record["type"].get<std::string>()) == 0) {
      c.bad_lines.push_back(line);
      continue;
    }
    c.by_type[record["type"].get<std::string>()].push_back(std::move(record));
  }
  return c;
}

const ParsedCompany& Company3000() {
  static const ParsedCompany company = [] {
    CompanyOptions options;
    options.people = 3000;
    return Generate(options);
  }();
  return company;
}

}  // namespace whoknows::demo::testing

namespace whoknows::demo::testing {

namespace {

using nlohmann::json;

class Checker {
 public:
  explicit Checker(std::vector<std::string>& errors) : errors_(errors) {}

  void Fail(const json& record, const std::string& what) {
    if (errors_.size() < 20) errors_.push_back(what + " in " + record.dump());
  }

  // Checks that `record` has every field of `required`, and no field outside `required` and
  // `optional`.
  void Fields(const json& record, const std::set<std::string>& required,
              const std::set<std::string>& optional) {
    for (const std::string& f : required) {
      if (!record.contains(f)) Fail(record, "missing field " + f);
    }
    for (auto it = record.begin(); it != record.end(); ++it) {
      if (it.key() != "type" && required.count(it.key()) == 0 && optional.count(it.key()) == 0) {
        Fail(record, "unknown field " + it.key());
      }
    }
  }

  void Id(const json& record, const json& value) {
    if (!value.is_string() || !IsValidId(value.get<std::string>())) Fail(record, "invalid id");
  }

  void Strings(const json& record, const json& value, bool ids) {
    if (!value.is_array()) return Fail(record, "not an array");
    for (const json& v : value) {
      if (!v.is_string() || v.get<std::string>().empty()) Fail(record, "not a string");
      if (ids) Id(record, v);
    }
  }

  void Date(const json& record, const json& value) {
    if (!value.is_string() || !ParseDate(value.get<std::string>()) ||
        value.get<std::string>().size() != 10) {
      Fail(record, "bad date");
    }
  }

 private:
  std::vector<std::string>& errors_;
};

void CheckPerson(Checker& c, const json& p) {
  c.Fields(p, {"id", "name", "email", "title", "department", "location"},
           {"manager", "opted_out", "skills", "interests"});
  c.Id(p, p.value("id", json()));
  for (const char* f : {"name", "email", "title", "department", "location"}) {
    if (!p.value(f, json()).is_string()) c.Fail(p, std::string(f) + " is not a string");
  }
  if (p.contains("manager")) c.Id(p, p["manager"]);
  if (p.contains("opted_out") && p["opted_out"] != true) c.Fail(p, "opted_out is not true");
  if (p.contains("interests")) c.Strings(p, p["interests"], true);
  if (!p.contains("skills")) return;
  for (const json& s : p["skills"]) {
    c.Fields(s, {"topic", "level"}, {});
    c.Id(p, s.value("topic", json()));
    json level = s.value("level", json());
    if (!level.is_number_integer() || level.get<int>() < 1 || level.get<int>() > 5) {
      c.Fail(p, "skill level out of range");
    }
  }
}

void CheckDocument(Checker& c, const json& d) {
  c.Fields(d, {"id", "title", "created", "authors", "topics"}, {"url", "contributors"});
  c.Id(d, d.value("id", json()));
  c.Date(d, d.value("created", json()));
  c.Strings(d, d.value("authors", json()), true);
  if (d.value("authors", json::array()).empty()) c.Fail(d, "no authors");
  for (const json& contributor : d.value("contributors", json::array())) {
    c.Fields(contributor, {"person", "role"}, {});
    c.Id(d, contributor.value("person", json()));
    std::string role = contributor.value("role", "");
    if (role != "reviewer" && role != "tester") c.Fail(d, "unexpected contributor role");
  }
  for (const json& t : d.value("topics", json::array())) {
    if (t.is_string()) {
      c.Id(d, t);
      continue;
    }
    c.Fields(t, {"topic", "weight"}, {});
    c.Id(d, t.value("topic", json()));
    json w = t.value("weight", json());
    if (!w.is_number() || w.get<double>() <= 0 || w.get<double>() > 1) c.Fail(d, "bad weight");
  }
}

void CheckProject(Checker& c, const json& p) {
  c.Fields(p, {"id", "name", "start", "topics", "members"}, {"end"});
  c.Id(p, p.value("id", json()));
  c.Date(p, p.value("start", json()));
  if (p.contains("end")) c.Date(p, p["end"]);
  c.Strings(p, p.value("topics", json()), true);
  if (p.value("members", json::array()).empty()) c.Fail(p, "no members");
  for (const json& m : p.value("members", json::array())) {
    c.Fields(m, {"person", "role"}, {"since", "until"});
    c.Id(p, m.value("person", json()));
    if (!m.value("role", json()).is_string()) c.Fail(p, "role is not a string");
    if (m.contains("since")) c.Date(p, m["since"]);
    if (m.contains("until")) c.Date(p, m["until"]);
  }
}

void CheckTopic(Checker& c, const json& t) {
  c.Fields(t, {"id", "name"}, {"aliases", "broader", "related", "description"});
  c.Id(t, t.value("id", json()));
  if (t.contains("aliases")) c.Strings(t, t["aliases"], false);
  if (t.contains("broader")) c.Strings(t, t["broader"], true);
  if (t.contains("related")) c.Strings(t, t["related"], true);
}

void CheckEndorsement(Checker& c, const json& e) {
  c.Fields(e, {"from", "to", "topic"}, {});
  for (const char* f : {"from", "to", "topic"}) c.Id(e, e.value(f, json()));
}

}  // namespace

std::vector<std::string> ShapeErrors(const ParsedCompany& company) {
  std::vector<std::string> errors;
  Checker c(errors);
  for (const json& r : company.Of("topic")) CheckTopic(c, r);
  for (const json& r : company.Of("person")) CheckPerson(c, r);
  for (const json& r : company.Of("document")) CheckDocument(c, r);
  for (const json& r : company.Of("project")) CheckProject(c, r);
  for (const json& r : company.Of("endorsement")) CheckEndorsement(c, r);
  for (const std::string& line : company.bad_lines) errors.push_back("bad line: " + line);
  return errors;
}

namespace {

class References {
 public:
  References(const ParsedCompany& company, std::vector<std::string>& errors)
      : company_(company), errors_(errors) {
    for (const std::string type : {"topic", "person", "document", "project"}) {
      for (const json& r : company.Of(type)) {
        std::string id = r.value("id", "");
        if (!all_ids_.insert(id).second) Fail(r, "duplicate id " + id);
        if (type == "topic") topics_.insert(id);
        if (type == "person") people_.insert(id);
      }
    }
  }

  void Fail(const json& record, const std::string& what) {
    if (errors_.size() < 20) errors_.push_back(what + " in " + record.dump());
  }
  void Topic(const json& record, const json& id) {
    if (!id.is_string() || topics_.count(id.get<std::string>()) == 0) {
      Fail(record, "dangling topic " + id.dump());
    }
  }
  void Person(const json& record, const json& id) {
    if (!id.is_string() || people_.count(id.get<std::string>()) == 0) {
      Fail(record, "dangling person " + id.dump());
    }
  }
  // Checks that no person appears twice in `ids`.
  void Distinct(const json& record, const std::vector<std::string>& ids) {
    if (std::set<std::string>(ids.begin(), ids.end()).size() != ids.size()) {
      Fail(record, "a person appears twice");
    }
  }

  void CheckTopics();
  void CheckPeople();
  void CheckDocuments();
  void CheckProjects();
  void CheckEndorsements();
  void CheckManagerTree();

 private:
  const ParsedCompany& company_;
  std::vector<std::string>& errors_;
  std::set<std::string> all_ids_, topics_, people_;
};

void References::CheckTopics() {
  for (const json& t : company_.Of("topic")) {
    for (const char* f : {"broader", "related"}) {
      for (const json& id : t.value(f, json::array())) {
        Topic(t, id);
        if (id == t["id"]) Fail(t, "topic refers to itself");
      }
    }
  }
}

void References::CheckPeople() {
  for (const json& p : company_.Of("person")) {
    if (p.contains("manager")) {
      Person(p, p["manager"]);
      if (p["manager"] == p["id"]) Fail(p, "own manager");
    }
    for (const json& s : p.value("skills", json::array())) Topic(p, s.value("topic", json()));
    for (const json& t : p.value("interests", json::array())) Topic(p, t);
  }
}

void References::CheckDocuments() {
  for (const json& d : company_.Of("document")) {
    std::vector<std::string> involved;
    for (const json& a : d.value("authors", json::array())) {
      Person(d, a);
      involved.push_back(a.dump());
    }
    for (const json& c : d.value("contributors", json::array())) {
      Person(d, c.value("person", json()));
      involved.push_back(c.value("person", json()).dump());
    }
    Distinct(d, involved);
    for (const json& t : d.value("topics", json::array())) Topic(d, t.is_string() ? t : t["topic"]);
  }
}

void References::CheckProjects() {
  for (const json& p : company_.Of("project")) {
    std::vector<std::string> members;
    for (const json& m : p.value("members", json::array())) {
      Person(p, m.value("person", json()));
      members.push_back(m.value("person", json()).dump());
    }
    Distinct(p, members);
    for (const json& t : p.value("topics", json::array())) Topic(p, t);
  }
}

void References::CheckEndorsements() {
  std::set<std::string> seen;
  for (const json& e : company_.Of("endorsement")) {
    Person(e, e.value("from", json()));
    Person(e, e.value("to", json()));
    Topic(e, e.value("topic", json()));
    if (e.value("from", json()) == e.value("to", json())) Fail(e, "self-endorsement");
    std::string key = e.value("from", "") + "|" + e.value("to", "") + "|" + e.value("topic", "");
    if (!seen.insert(key).second) Fail(e, "duplicate endorsement");
  }
}

// Every person reaches the single root by following managers, without meeting anyone twice.
void References::CheckManagerTree() {
  std::map<std::string, std::string> manager;
  std::vector<std::string> roots;
  for (const json& p : company_.Of("person")) {
    if (p.contains("manager")) {
      manager[p.value("id", "")] = p["manager"].get<std::string>();
    } else {
      roots.push_back(p.value("id", ""));
    }
  }
  if (!company_.Of("person").empty() && roots.size() != 1) {
    errors_.push_back("expected one root, found " + std::to_string(roots.size()));
  }
  std::set<std::string> reaches_root(roots.begin(), roots.end());
  for (const auto& entry : manager) {
    std::vector<std::string> chain;
    std::set<std::string> on_chain;
    std::string at = entry.first;
    while (reaches_root.count(at) == 0) {
      if (!on_chain.insert(at).second || manager.count(at) == 0) {
        errors_.push_back("manager chain of " + entry.first + " does not reach the root");
        return;
      }
      chain.push_back(at);
      at = manager[at];
    }
    reaches_root.insert(chain.begin(), chain.end());
  }
}

}  // namespace

std::vector<std::string> ReferenceErrors(const ParsedCompany& company) {
  std::vector<std::string> errors;
  References r(company, errors);
  r.CheckTopics();
  r.CheckPeople();
  r.CheckDocuments();
  r.CheckProjects();
  r.CheckEndorsements();
  r.CheckManagerTree();
  return errors;
}

}  // namespace whoknows::demo::testing
