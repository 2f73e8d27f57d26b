// heap_probe ARG...: restarts itself as `whoknows` does (RestartWithHeapHugePages), then prints
// what it runs with, for huge_pages_test.cc:
//   args ARG...         its arguments (a restart must keep them)
//   tunables VALUE      GLIBC_TUNABLES ("-" when unset)
//   eligible N          THPeligible of a fresh 64 MiB malloc (support/smaps.h)
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "support/smaps.h"
#include "whoknows/core/huge_pages.h"

int main(int argc, char** argv) {
  whoknows::RestartWithHeapHugePages(argv);
  std::printf("args");
  for (int i = 1; i < argc; ++i) std::printf(" %s", argv[i]);
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  std::printf("\ntunables %s\n", tunables != nullptr ? tunables : "-");
  // Above malloc's mmap threshold: a mapping of its own, advised by malloc when the tunable is on.
  const size_t bytes = size_t{64} << 20;
  char* heap = static_cast<char*>(std::malloc(bytes));
  if (heap == nullptr) return 1;
  std::memset(heap, 1, bytes);
  std::printf("eligible %d\n",
              whoknows::testing::ThpEligible(whoknows::testing::HugeAligned(heap) + 4096));
  std::free(heap);
  return 0;
}
