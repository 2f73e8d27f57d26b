// What every fuzz target shares: the libFuzzer entry points, and a property check that aborts
// (so libFuzzer, and the replay driver under CTest, report the input) with a message.
#ifndef WHOKNOWS_FUZZ_FUZZ_CHECK_H_
#define WHOKNOWS_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
// Optional (the replay driver calls it when a target defines it, as libFuzzer does).
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace whoknows::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* condition,
                              const std::string& detail) {
  std::fprintf(stderr, "%s:%d: property violated: %s\n  %s\n", file, line, condition,
               detail.c_str());
  std::abort();
}

}  // namespace whoknows::fuzz

// Aborts when `condition` is false; `detail` (a std::string expression) is evaluated only then.
#define WK_FUZZ_CHECK(condition, detail)                                              \
  do {                                                                                \
    if (!(condition)) ::whoknows::fuzz::Fail(__FILE__, __LINE__, #condition, detail); \
  } while (false)

#endif  // WHOKNOWS_FUZZ_FUZZ_CHECK_H_
