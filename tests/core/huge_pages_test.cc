#include "whoknows/core/huge_pages.h"

#include <sys/mman.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "support/smaps.h"

using whoknows::testing::ThpEligible;

namespace {

// GLIBC_TUNABLES asks glibc's malloc for huge pages (this test binary was started so).
bool HeapAdvised() {
  const char* t = std::getenv("GLIBC_TUNABLES");
  return t != nullptr && std::string(t).find("glibc.malloc.hugetlb=1") != std::string::npos;
}

// heap_probe's report (heap_probe.cc), run by the shell with `env` set up as given.
struct Probe {
  std::string args, tunables;
  int eligible = -2;
};

Probe RunProbe(const std::string& env) {
  const std::string command = "env -u GLIBC_TUNABLES -u WHOKNOWS_HEAP_HUGE_PAGES " + env + " " +
                              WHOKNOWS_HEAP_PROBE + " 'two words' x";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) out += buffer;
  REQUIRE(pclose(pipe) == 0);
  Probe p;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("args", 0) == 0) p.args = line;
    if (line.rfind("tunables ", 0) == 0) p.tunables = line.substr(9);
    if (line.rfind("eligible ", 0) == 0) p.eligible = std::stoi(line.substr(9));
  }
  return p;
}

// How many of the pages of [data, data + bytes) are resident (mincore).
size_t ResidentPages(void* data, size_t bytes) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  std::vector<unsigned char> in((bytes + page - 1) / page);
  REQUIRE(mincore(data, bytes, in.data()) == 0);
  size_t resident = 0;
  for (unsigned char c : in) resident += c & 1;
  return resident;
}

// Whether this kernel prefaults on request (MADV_POPULATE_WRITE, Linux 5.14 and later).
bool KernelPrefaults() {
#if defined(MADV_POPULATE_WRITE)
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* p = mmap(nullptr, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  const bool ok = madvise(p, page, MADV_POPULATE_WRITE) == 0;
  munmap(p, page);
  return ok;
#else
  return false;
#endif
}

}  // namespace

TEST_CASE("PrefaultPages backs a large range with memory at once and keeps its contents",
          "[core]") {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t bytes = size_t{96} << 20;
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(p != MAP_FAILED);
  auto* b = static_cast<unsigned char*>(p);
  b[1] = 7;  // the first and last pages are resident already, with contents to keep
  b[bytes - 1] = 9;
  REQUIRE(ResidentPages(p, bytes) == 2);
  whoknows::PrefaultPages(b + 1, bytes - 1);  // an unaligned start: the pages inside
  if (std::thread::hardware_concurrency() >= 2 && KernelPrefaults()) {
    CHECK(ResidentPages(p, bytes) == bytes / page);
  }
  CHECK(b[1] == 7);
  CHECK(b[bytes - 1] == 9);
  CHECK(b[bytes / 2] == 0);
  munmap(p, bytes);

  const size_t small = size_t{8} << 20;  // under 64 MiB: left to the first writes
  void* q = mmap(nullptr, small, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(q != MAP_FAILED);
  whoknows::PrefaultPages(q, small);
  CHECK(ResidentPages(q, small) == 0);
  munmap(q, small);
  whoknows::PrefaultPages(nullptr, bytes);  // nothing to fault in: no effect
}

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

TEST_CASE("ClearAndReserveHuge empties a vector and keeps an array that is large enough",
          "[core]") {
  std::vector<uint32_t> v{1, 2, 3};
  const size_t n = size_t{6} << 20;  // 24 MiB of uint32_t: advised
  whoknows::ClearAndReserveHuge(v, n);
  CHECK(v.empty());
  REQUIRE(v.capacity() >= n);
  v.assign(n, 9);
  const uint32_t* data = v.data();
  whoknows::ClearAndReserveHuge(v, n);  // fits: the same array, no fresh pages
  CHECK(v.empty());
  CHECK(v.data() == data);
  whoknows::ClearAndReserveHuge(v, n / 2);
  CHECK(v.data() == data);
  whoknows::ClearAndReserveHuge(v, 2 * n);  // does not fit: a new array with room for all
  CHECK(v.empty());
  CHECK(v.capacity() >= 2 * n);
}

TEST_CASE("a large array is advised for huge pages, a small one is left alone", "[core]") {
  whoknows::AdviseHugePages(nullptr, 0);  // nothing to advise: no effect
  std::vector<char> small;
  whoknows::AssignHuge(small, 1000, 'x');
  CHECK(small == std::vector<char>(1000, 'x'));
  const std::string mode(whoknows::ThpMode());
  if (mode != "madvise") return;  // "always": every mapping is eligible; "never": none is
  std::vector<uint32_t> big;
  whoknows::AssignHuge(big, size_t{8} << 20, uint32_t{1});  // 32 MiB
  const auto begin = reinterpret_cast<uintptr_t>(big.data());
  const uintptr_t aligned = (begin + (uintptr_t{2} << 20) - 1) & ~((uintptr_t{2} << 20) - 1);
  CHECK(ThpEligible(aligned) == 1);
  if (HeapAdvised()) return;                        // malloc advises every large mapping itself
  std::vector<uint32_t> plain(size_t{8} << 20, 1);  // the same size without the advice
  const auto plain_begin = reinterpret_cast<uintptr_t>(plain.data());
  CHECK(ThpEligible(plain_begin + (uintptr_t{4} << 20)) == 0);
}

TEST_CASE("a restart for heap huge pages is wanted only where it helps and nobody chose",
          "[core]") {
  using whoknows::HeapHugePagesRestartWanted;
  CHECK(HeapHugePagesRestartWanted("madvise", nullptr, nullptr));
  CHECK(HeapHugePagesRestartWanted("madvise", "glibc.malloc.mxfast=0", nullptr));
  CHECK(HeapHugePagesRestartWanted("madvise", "", "1"));
  // The kernel backs the heap with huge pages anyway, or never does.
  CHECK_FALSE(HeapHugePagesRestartWanted("always", nullptr, nullptr));
  CHECK_FALSE(HeapHugePagesRestartWanted("never", nullptr, nullptr));
  CHECK_FALSE(HeapHugePagesRestartWanted("", nullptr, nullptr));
  // Set either way already: the user's choice, or the restarted program.
  CHECK_FALSE(HeapHugePagesRestartWanted("madvise", "glibc.malloc.hugetlb=1", nullptr));
  CHECK_FALSE(HeapHugePagesRestartWanted("madvise", "a.b=1:glibc.malloc.hugetlb=0", nullptr));
  CHECK_FALSE(HeapHugePagesRestartWanted("madvise", nullptr, "0"));
}

TEST_CASE("a program restarts itself with malloc's memory on huge pages, keeping its arguments",
          "[core]") {
  const bool on = whoknows::HeapHugePagesSupported() && whoknows::ThpMode() == "madvise";
  const Probe plain = RunProbe("");
  CHECK(plain.args == "args two words x");
  const Probe off = RunProbe("WHOKNOWS_HEAP_HUGE_PAGES=0");
  CHECK(off.args == "args two words x");
  CHECK(off.tunables == "-");
  const Probe other = RunProbe("GLIBC_TUNABLES=glibc.malloc.mxfast=0");
  const Probe chosen = RunProbe("GLIBC_TUNABLES=glibc.malloc.hugetlb=0");
  CHECK(chosen.tunables == "glibc.malloc.hugetlb=0");
  if (!on) {
    CHECK(plain.tunables == "-");
    CHECK(other.tunables == "glibc.malloc.mxfast=0");
    return;
  }
  CHECK(plain.tunables == "glibc.malloc.hugetlb=1");
  CHECK(plain.eligible == 1);
  CHECK(other.tunables == "glibc.malloc.mxfast=0:glibc.malloc.hugetlb=1");
  CHECK(other.eligible == 1);
  // Without the restart the same allocation is not eligible: the restart is what changes it.
  CHECK(off.eligible == 0);
  CHECK(chosen.eligible == 0);
}
