#include "whoknows/demo/generator.h"

#include "catalog.h"
#include "emit.h"
#include "ndjson_writer.h"
#include "org.h"

namespace whoknows::demo {

namespace {
// Dates go back at most as far as the CEO's tenure, the longest in the company.
constexpr uint32_t kOldestDay = 4400;
}  // namespace

size_t CompanyCounts::total() const {
  return topics + people + projects + documents + endorsements;
}

std::string_view CompanyName() { return CompanyNameText(); }

size_t GenerateCompany(const CompanyOptions& options, std::ostream& out, CompanyCounts* counts) {
  const Catalog& catalog = GetCatalog();
  const Org org = BuildOrg(options, catalog);
  const DateTable dates(options.until, kOldestDay);
  NdjsonWriter writer(out);
  const Context ctx{options, catalog, org, dates, writer};
  CompanyCounts c;
  size_t before = 0;
  auto count = [&writer, &before](size_t* field) {
    *field = writer.records() - before;
    before = writer.records();
  };
  WriteTopics(ctx);
  count(&c.topics);
  WritePeople(ctx);
  count(&c.people);
  WriteProjects(ctx);
  count(&c.projects);
  WriteDocuments(ctx);
  count(&c.documents);
  WriteEndorsements(ctx);
  count(&c.endorsements);
  writer.Flush();
  if (counts != nullptr) *counts = c;
  return c.total();
}

size_t GenerateCompany(const CompanyOptions& options, std::ostream& out) {
  return GenerateCompany(options, out, nullptr);
}

}  // namespace whoknows::demo
