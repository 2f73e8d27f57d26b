// External ids: the stable, client-chosen names of entities.
#ifndef WHOKNOWS_CORE_ID_H_
#define WHOKNOWS_CORE_ID_H_

#include <cstddef>
#include <string_view>

namespace whoknows {

constexpr size_t kMaxIdLength = 128;

// True when `id` is 1-128 characters of [A-Za-z0-9._:@-].  Ids are case-sensitive.
bool IsValidId(std::string_view id);

}  // namespace whoknows

#endif  // WHOKNOWS_CORE_ID_H_
