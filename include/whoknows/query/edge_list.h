// Reading a weighted edge list (the input of `whoknows communities`) into a WeightedGraph.
#ifndef WHOKNOWS_QUERY_EDGE_LIST_H_
#define WHOKNOWS_QUERY_EDGE_LIST_H_

#include <istream>
#include <string>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/query/leiden.h"

namespace whoknows::query {

struct EdgeList {
  std::vector<std::string> names;  // node index -> label, in order of first appearance
  std::vector<WeightedEdge> edges;
};

// Reads `source<TAB>target[<TAB>weight]` lines after one header line (skipped); labels are any
// strings without tabs, a missing weight is 1, blank lines and lines starting with '#' are
// ignored.  InvalidArgument "invalid_edge_list" (naming the line) on fewer than two fields or a
// weight that is not a finite number >= 0.
Result<EdgeList> ReadEdgeList(std::istream& in);

}  // namespace whoknows::query

#endif  // WHOKNOWS_QUERY_EDGE_LIST_H_
