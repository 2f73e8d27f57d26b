// Leiden with its internal thresholds chosen by the caller, so that tests can compare a path with
// and without them (leiden.cc).  Private to query/.
#ifndef WHOKNOWS_SRC_QUERY_LEIDEN_INTERNAL_H_
#define WHOKNOWS_SRC_QUERY_LEIDEN_INTERNAL_H_

#include <cstdint>

#include "whoknows/query/leiden.h"

namespace whoknows::query::internal {

// Local moving renumbers the communities after its first round on graphs of at least this many
// nodes (the level's node count).  The partition does not depend on it, bit for bit.
constexpr uint32_t kRenumberAbove = uint32_t{1} << 16;

// query::Leiden, the communities renumbered from `renumber_above` nodes on: 0 on every level,
// UINT32_MAX never.  query::Leiden is LeidenRenumbering(graph, options, kRenumberAbove).
Partition LeidenRenumbering(const WeightedGraph& graph, const LeidenOptions& options,
                            uint32_t renumber_above);

}  // namespace whoknows::query::internal

#endif  // WHOKNOWS_SRC_QUERY_LEIDEN_INTERNAL_H_
