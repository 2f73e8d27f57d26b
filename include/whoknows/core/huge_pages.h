// Transparent huge pages for the large arrays that graph algorithms read at random.
//
// A pass over a million people reads arrays of hundreds of megabytes at random: with 4 KiB pages
// nearly every such read also misses the TLB and walks the page table.  Where the kernel's
// transparent huge pages are "madvise" (Debian's default), memory is backed by 2 MiB pages only
// where the program asks for it, before it is first touched.
#ifndef WHOKNOWS_CORE_HUGE_PAGES_H_
#define WHOKNOWS_CORE_HUGE_PAGES_H_

#include <cstddef>
#include <vector>

namespace whoknows {

// Asks for huge pages on the 2 MiB-aligned part of [data, data + bytes).  Only a hint: does
// nothing for a range under 4 MiB, where the kernel has no huge pages or ignores the advice.
void AdviseHugePages(void* data, size_t bytes);

// v.assign(n, value), with v's memory advised for huge pages before it is first written when
// it is freshly allocated.  Same contents as assign; only the pages backing them may differ.
template <typename T>
void AssignHuge(std::vector<T>& v, size_t n, const T& value) {
  if (v.capacity() < n) {
    std::vector<T>().swap(v);  // free the old array first: the peak stays one array
    v.reserve(n);
    AdviseHugePages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_HUGE_PAGES_H_
