#include "whoknows/core/huge_pages.h"

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "whoknows/core/parallel.h"

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <gnu/libc-version.h>
#endif

// Sanitizers bring their own malloc, which glibc's tunables do not reach.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WHOKNOWS_OWN_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define WHOKNOWS_OWN_MALLOC 1
#endif
#endif

namespace whoknows {

void AdviseHugePages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (data == nullptr || bytes < 2 * kHuge) return;
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t last = (begin + bytes) & ~(kHuge - 1);
  // The advice can fail (a kernel without THP): the memory then stays on small pages, correct.
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

void PrefaultPages(void* data, size_t bytes) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
  constexpr double kParallelBytes = 64.0 * 1024 * 1024;
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  const unsigned parts = WorkersFor(static_cast<double>(bytes), kParallelBytes);
  if (data == nullptr || parts < 2) return;
  // Whole pages inside the range, cut at huge-page bounds so that no huge page is split.
  const long page = sysconf(_SC_PAGESIZE);
  const auto unit = static_cast<uintptr_t>(page > 0 ? page : 4096);
  const auto begin = reinterpret_cast<uintptr_t>(data);
  const uintptr_t first = (begin + unit - 1) & ~(unit - 1);
  const uintptr_t last = (begin + bytes) & ~(unit - 1);
  if (last <= first) return;
  auto cut = [&](size_t k) -> uintptr_t {
    if (k == 0) return first;
    if (k == parts) return last;
    const uintptr_t at = (first + (last - first) / parts * k) & ~(kHuge - 1);
    return std::clamp(at, first, last);
  };
  RunParts(parts, [&](size_t k) {
    const uintptr_t from = cut(k), to = cut(k + 1);
    // Errors (EINVAL on an older kernel, ENOMEM) leave the pages to be faulted in when written.
    if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
  });
#else
  (void)data;
  (void)bytes;
#endif
}

namespace {

constexpr char kTunable[] = "glibc.malloc.hugetlb";

}  // namespace

// glibc 2.35 or later: where glibc.malloc.hugetlb exists.
bool HeapHugePagesSupported() {
#if defined(__GLIBC__) && !defined(WHOKNOWS_OWN_MALLOC)
  int major = 0, minor = 0;
  const std::string version = gnu_get_libc_version();
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return false;
  return major > 2 || (major == 2 && minor >= 35);
#else
  return false;
#endif
}

std::string_view ThpMode() {
  static const std::string mode = [] {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::string line;
    std::getline(in, line);  // e.g. "always [madvise] never"
    const size_t open = line.find('['), close = line.find(']');
    if (open == std::string::npos || close == std::string::npos || close < open) {
      return std::string();
    }
    return line.substr(open + 1, close - open - 1);
  }();
  return mode;
}

bool HeapHugePagesRestartWanted(std::string_view thp_mode, const char* tunables,
                                const char* opt_out) {
  if (opt_out != nullptr && std::string_view(opt_out) == "0") return false;
  if (thp_mode != "madvise") return false;
  return tunables == nullptr || std::string_view(tunables).find(kTunable) == std::string::npos;
}

void RestartWithHeapHugePages(char** argv) {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (!HeapHugePagesSupported() ||
      !HeapHugePagesRestartWanted(ThpMode(), tunables, std::getenv("WHOKNOWS_HEAP_HUGE_PAGES"))) {
    return;
  }
  const std::string before = tunables != nullptr ? tunables : "";
  const std::string with = (before.empty() ? "" : before + ":") + kTunable + "=1";
  if (setenv("GLIBC_TUNABLES", with.c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // The exec failed (no /proc, say): run on as started, with the environment as it was.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", before.c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace whoknows
