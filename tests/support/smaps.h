// What the kernel reports of this process's mappings (/proc/self/smaps), for the tests of
// core/huge_pages.h.
#ifndef WHOKNOWS_TESTS_SUPPORT_SMAPS_H_
#define WHOKNOWS_TESTS_SUPPORT_SMAPS_H_

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace whoknows::testing {

// THPeligible of the mapping holding `address`: 1 when its pages may be huge, 0 when not, -1
// when no mapping holds it (or the kernel does not say).
inline int ThpEligible(uintptr_t address) {
  std::ifstream in("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    unsigned long long lo = 0, hi = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= address && address < hi;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return std::stoi(line.substr(12));
    }
  }
  return -1;
}

// The first 2 MiB boundary at or after `address`.
inline uintptr_t HugeAligned(const void* address) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  return (reinterpret_cast<uintptr_t>(address) + kHuge - 1) & ~(kHuge - 1);
}

}  // namespace whoknows::testing

#endif  // WHOKNOWS_TESTS_SUPPORT_SMAPS_H_
