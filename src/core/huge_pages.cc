#include "whoknows/core/huge_pages.h"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

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
