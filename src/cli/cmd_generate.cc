// whoknows generate: the fictional demo company as NDJSON.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "flags.h"
#include "whoknows/demo/generator.h"

namespace whoknows::cli {

int RunGenerate(const Args& args) {
  auto flags = Flags::Parse(args, {"people", "seed", "out", "until"}, {});
  if (!flags.ok()) return Fail("generate", flags.status());
  auto people = flags->GetInt("people", 3000, 1, 100'000'000);
  if (!people.ok()) return Fail("generate", people.status());
  auto seed = flags->GetInt("seed", 42, 0, INT64_MAX);
  if (!seed.ok()) return Fail("generate", seed.status());
  auto until = flags->GetDate("until");
  if (!until.ok()) return Fail("generate", until.status());

  demo::CompanyOptions options;
  options.people = static_cast<size_t>(*people);
  options.seed = static_cast<uint64_t>(*seed);
  if (*until != kNoDay) options.until = *until;
  const std::string out = flags->Get("out", "-");
  if (out == "-") {
    demo::GenerateCompany(options, std::cout);
    std::cout.flush();
    return std::cout ? 0 : Fail("generate", Status::IOError("cannot write to stdout"));
  }
  std::ofstream file(out, std::ios::binary | std::ios::trunc);
  if (!file) return Fail("generate", Status::IOError("cannot write '" + out + "'"));
  size_t n = demo::GenerateCompany(options, file);
  file.close();
  if (!file) return Fail("generate", Status::IOError("cannot write '" + out + "'"));
  std::fprintf(stderr, "wrote %zu records to %s\n", n, out.c_str());
  return 0;
}

}  // namespace whoknows::cli
