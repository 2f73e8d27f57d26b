#include "whoknows/core/huge_pages.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace {

// The kernel's transparent huge page mode: "always", "madvise" or "never" ("" when unknown).
std::string ThpMode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  std::getline(in, line);
  const size_t open = line.find('['), close = line.find(']');
  if (open == std::string::npos || close == std::string::npos) return "";
  return line.substr(open + 1, close - open - 1);
}

// /proc/self/smaps's THPeligible for the mapping holding `address`: -1 when not found.
int ThpEligible(uintptr_t address) {
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

}  // namespace

TEST_CASE("AssignHuge assigns like assign, reusing a large enough array", "[core]") {
  std::vector<double> v{1, 2, 3};
  whoknows::AssignHuge(v, 5, 7.0);
  CHECK(v == std::vector<double>(5, 7.0));
  const size_t n = size_t{3} << 20;  // 24 MiB of doubles: advised
  whoknows::AssignHuge(v, n, 0.5);
  REQUIRE(v.size() == n);
  CHECK(v.front() == 0.5);
  CHECK(v.back() == 0.5);
  const double* data = v.data();
  whoknows::AssignHuge(v, n / 2, 2.0);  // fits: the same array
  CHECK(v.data() == data);
  CHECK(v == std::vector<double>(n / 2, 2.0));
  whoknows::AssignHuge(v, 0, 1.0);
  CHECK(v.empty());
}

TEST_CASE("a large array is advised for huge pages, a small one is left alone", "[core]") {
  whoknows::AdviseHugePages(nullptr, 0);  // nothing to advise: no effect
  std::vector<char> small;
  whoknows::AssignHuge(small, 1000, 'x');
  CHECK(small == std::vector<char>(1000, 'x'));
  const std::string mode = ThpMode();
  if (mode != "madvise") return;  // "always": every mapping is eligible; "never": none is
  std::vector<uint32_t> big;
  whoknows::AssignHuge(big, size_t{8} << 20, uint32_t{1});  // 32 MiB
  const auto begin = reinterpret_cast<uintptr_t>(big.data());
  const uintptr_t aligned = (begin + (uintptr_t{2} << 20) - 1) & ~((uintptr_t{2} << 20) - 1);
  CHECK(ThpEligible(aligned) == 1);
  std::vector<uint32_t> plain(size_t{8} << 20, 1);  // the same size without the advice
  const auto plain_begin = reinterpret_cast<uintptr_t>(plain.data());
  CHECK(ThpEligible(plain_begin + (uintptr_t{4} << 20)) == 0);
}
