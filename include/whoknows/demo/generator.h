// A fictional company for demos and benchmarks, generated deterministically.
//
// "Fernhollow Commerce", a payments company: a CEO, eleven departments (Platform Engineering,
// Payments, Data & Machine Learning, Mobile, Web Experience, Security, Sales Engineering, Customer
// Support, People & HR, Finance, Product & Design) with heads, directors, managers and teams in
// six locations; a taxonomy of about 150 topics with aliases, a broader/narrower hierarchy and
// related links; documents, projects, declared skills and endorsements that follow who works with
// whom.
#ifndef WHOKNOWS_DEMO_GENERATOR_H_
#define WHOKNOWS_DEMO_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string_view>

#include "whoknows/core/date.h"

namespace whoknows::demo {

struct CompanyOptions {
  size_t people = 3000;
  uint64_t seed = 42;
  // The last day evidence may carry; the history spans the ten years before it.
  // REQUIRES: a date in the years 1100-9999 (dates are written with four-digit years).
  Day until = DaysFromCivil(2026, 10, 31);
  // Documents written, on average, per person: the output has exactly people * this many.
  size_t documents_per_person = 10;
  // The largest number of authors of one document, 6-40.  Up to 6, counts follow the demo's
  // distribution (1: 38%, 2: 26%, ... 6: 3%); above 6, 3% of documents instead draw 7 to
  // max_authors authors with Zipf weights (a power-law tail, as in large organisations).
  int max_authors = 6;
  // Whether document topics carry weights ({"topic": ..., "weight": 0.8}); false writes every topic
  // as a bare id (weight 1), for benchmarks whose peers compute an unweighted score.  The random
  // choices are the same either way.
  bool topic_weights = true;
  // Whom people work with beyond their team: someone from their department (0, the demo), or,
  // when the department is larger, from their group, the smallest team above them with at least
  // this many people (a director's organisation).  With a fixed set of departments, a
  // department-wide draw ties people of a million-person company across 80,000 colleagues
  // where one of 100,000 draws across 8,000: the graph would change its shape with its size.
  // REQUIRES: < 2^32.
  size_t group_people = 0;
};

// Records written per kind.
struct CompanyCounts {
  size_t topics = 0;
  size_t people = 0;
  size_t projects = 0;
  size_t documents = 0;
  size_t endorsements = 0;
  size_t total() const;
};

// Writes the company as NDJSON records (schema/records.schema.json) to `out`: topics first, then
// people, projects, documents, endorsements.  The same options give the same bytes on every
// machine.  Returns the number of records written.
//
// Output is streamed: memory stays O(people) (under 40 bytes a person), whatever the number of
// documents.  Write errors are the stream's: check `out` afterwards.  Record ids are "p000042",
// "doc-0000123", "proj-00042" and topic slugs such as "kubernetes"; every reference resolves
// within the output, and the manager tree has the CEO, "p000001", as its single root.
// REQUIRES: options.people < 2^32 - 1.
size_t GenerateCompany(const CompanyOptions& options, std::ostream& out);

// As above; when `counts` is not null, also stores the records written per kind.
size_t GenerateCompany(const CompanyOptions& options, std::ostream& out, CompanyCounts* counts);

// The company's name, "Fernhollow Commerce"; its e-mail domain is "fernhollow.example".
std::string_view CompanyName();

}  // namespace whoknows::demo

#endif  // WHOKNOWS_DEMO_GENERATOR_H_
