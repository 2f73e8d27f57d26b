// A record of one entity with only its kind, id and name (= id) set: the smallest record the
// graph tests build their fixtures from.
#ifndef WHOKNOWS_TESTS_SUPPORT_ENTITY_H_
#define WHOKNOWS_TESTS_SUPPORT_ENTITY_H_

#include <string>

#include "whoknows/graph/model.h"

namespace whoknows::testing {

inline graph::Record Entity(graph::Kind kind, const std::string& id) {
  graph::Record r;
  r.node.kind = kind;
  r.node.id = id;
  r.node.name = id;
  return r;
}

}  // namespace whoknows::testing

#endif  // WHOKNOWS_TESTS_SUPPORT_ENTITY_H_
