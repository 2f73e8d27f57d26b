// Transparent huge pages for the large arrays that graph algorithms read at random.
//
// A pass over a million people reads arrays of hundreds of megabytes at random: with 4 KiB pages
// nearly every such read also misses the TLB and walks the page table.  Where the kernel's
// transparent huge pages are "madvise" (Debian's default), memory is backed by 2 MiB pages only
// where the program asks for it, before it is first touched.
#ifndef WHOKNOWS_CORE_HUGE_PAGES_H_
#define WHOKNOWS_CORE_HUGE_PAGES_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace whoknows {

// Asks for huge pages on the 2 MiB-aligned part of [data, data + bytes).  Only a hint: does
// nothing for a range under 4 MiB, where the kernel has no huge pages or ignores the advice.
void AdviseHugePages(void* data, size_t bytes);

// Has the kernel back [data, data + bytes) with memory now, the range split over one thread per
// core, when it is large (64 MiB and more; otherwise does nothing: the first writes fault the
// pages in).  Fresh pages are the costly part of a large new array on a virtual machine, where
// each first touch of a page is also the hypervisor's work: on this project's 2-core VM 1.3 GB
// took 2.4-2.5 s on one thread and 1.3-1.4 s on two (benchmarks/RESULTS.md).  Only a hint: the
// contents are unchanged (zero for fresh memory, whatever was there otherwise), and a kernel
// without MADV_POPULATE_WRITE (before Linux 5.14) ignores it.  Call it after AdviseHugePages.
void PrefaultPages(void* data, size_t bytes);

// v.clear() and room for n elements.  Memory it has to allocate afresh is advised for huge pages
// before it is first written; memory v already has is kept, so a buffer reused with the same
// sizes takes no fresh (kernel-zeroed) pages.  True when it allocated.
template <typename T>
bool ClearAndReserveHuge(std::vector<T>& v, size_t n) {
  v.clear();
  if (v.capacity() >= n) return false;
  std::vector<T>().swap(v);  // free the old array first: the peak stays one array
  v.reserve(n);
  AdviseHugePages(v.data(), n * sizeof(T));
  return true;
}

// v.assign(n, value), with v's memory advised for huge pages as ClearAndReserveHuge does and,
// when allocated afresh, faulted in on every core (PrefaultPages) before assign writes it.  Same
// contents as assign; only the pages backing them, and which thread faults them in, may differ.
template <typename T>
void AssignHuge(std::vector<T>& v, size_t n, const T& value) {
  if (ClearAndReserveHuge(v, n)) PrefaultPages(v.data(), n * sizeof(T));
  v.assign(n, value);
}

// The heap on huge pages.  A graph loaded from disk is millions of small arrays from malloc
// (each node's edge lists, its strings): on a million people ~10 GiB, faulted in 4 KiB at a time
// unless malloc advises its memory for huge pages.  glibc's malloc does (2.35 and later) when the
// tunable glibc.malloc.hugetlb=1 is set, and it reads tunables from GLIBC_TUNABLES only as the
// program starts: so a program that wants it re-executes itself once with the tunable added.
// On a million people it cut the open from 16.6-21.5 s to 13.4-14.7 s (benchmarks/RESULTS.md).
//
// Whether to restart for it: only where the kernel's mode is "madvise" ("always" backs the heap
// with huge pages already, "never" with none), when GLIBC_TUNABLES does not set the tunable
// either way (the user's choice stands; it is also how the restarted program knows it is done),
// and when WHOKNOWS_HEAP_HUGE_PAGES (`opt_out`, nullptr when unset) is not "0".
bool HeapHugePagesRestartWanted(std::string_view thp_mode, const char* tunables,
                                const char* opt_out);

// True on glibc 2.35 or later, with glibc's malloc in use (not a sanitizer's).
bool HeapHugePagesSupported();

// The kernel's transparent huge page mode: "always", "madvise" or "never"; "" when unknown.
std::string_view ThpMode();

// Re-executes this program (/proc/self/exe, the same `argv` and pid) with glibc.malloc.hugetlb=1
// added to GLIBC_TUNABLES when HeapHugePagesRestartWanted says so and HeapHugePagesSupported.
// Returns when it does not, or when the exec fails (the environment is then as it was).  Call it
// first thing in main, before any thread starts.
void RestartWithHeapHugePages(char** argv);

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_HUGE_PAGES_H_
