// A fictional company for demos and benchmarks, generated deterministically.
#ifndef WHOKNOWS_DEMO_GENERATOR_H_
#define WHOKNOWS_DEMO_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <ostream>

#include "whoknows/core/date.h"

namespace whoknows::demo {

struct CompanyOptions {
  size_t people = 3000;
  uint64_t seed = 42;
  // The last day evidence may carry; the history spans the ten years before it.
  Day until = DaysFromCivil(2026, 10, 31);
};

// Writes the company as NDJSON records (schema/records.schema.json) to `out`: topics first, then
// people, projects, documents, endorsements.  The same options give the same bytes on every
// machine.  Returns the number of records written.
size_t GenerateCompany(const CompanyOptions& options, std::ostream& out);

}  // namespace whoknows::demo

#endif  // WHOKNOWS_DEMO_GENERATOR_H_
