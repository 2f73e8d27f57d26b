// The generated demo company, parsed back from NDJSON, for tests.
#ifndef WHOKNOWS_TESTS_DEMO_COMPANY_FIXTURE_H_
#define WHOKNOWS_TESTS_DEMO_COMPANY_FIXTURE_H_

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "whoknows/demo/generator.h"

namespace whoknows::demo::testing {

struct ParsedCompany {
  std::string text;
  CompanyCounts counts;
  size_t returned = 0;                 // GenerateCompany's return value
  std::vector<std::string> bad_lines;  // lines that are not JSON objects with a known "type"
  std::map<std::string, std::vector<nlohmann::json>> by_type;

  const std::vector<nlohmann::json>& Of(const std::string& type) const;
};

ParsedCompany Generate(const CompanyOptions& options);

// The company for the default options with 3000 people, generated once per test binary.
const ParsedCompany& Company3000();

// Violations of the record shapes: unknown or missing fields, wrong types, invalid ids, values
// out of range.  Empty when every record is well-formed.
std::vector<std::string> ShapeErrors(const ParsedCompany& company);

// Duplicate ids, references to records not in the output, self-references, and a manager
// structure that is not one tree rooted at a single person.
std::vector<std::string> ReferenceErrors(const ParsedCompany& company);

}  // namespace whoknows::demo::testing

#endif  // WHOKNOWS_TESTS_DEMO_COMPANY_FIXTURE_H_
