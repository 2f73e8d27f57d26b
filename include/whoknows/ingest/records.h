// Records on the wire: JSON <-> graph::Record, with validation.  Together with api/, the only place
// that turns JSON into model types and back.
#ifndef WHOKNOWS_INGEST_RECORDS_H_
#define WHOKNOWS_INGEST_RECORDS_H_

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest {

// Validates and converts one record of `kind` (the shapes are in schema/records.schema.json).
// `path_id`, when not empty, is the id from a PUT URL: the body's "id" may be absent or must
// equal it.  A "type" field, when present, must name `kind`.
// Errors (InvalidRecord): "unknown_field", "missing_field", "invalid_field" (wrong type, bad
// date, level out of range), "invalid_id", "id_mismatch", "self_reference",
// "duplicate_reference" (the same id twice in one list); the message names the record and the
// field, e.g. "person 'p1': field 'skills[2].level' must be an integer 1-5".  A body that is not a
// JSON object: InvalidArgument "malformed_json".  Never throws.
Result<graph::Record> ParseRecord(const nlohmann::json& body, graph::Kind kind,
                                  std::string_view path_id);

// The JSON of a stored entity in the shape ParseRecord accepts (with "type" and "id", except that
// endorsements, whose id is derived, have none; edges in the order the client gave them; optional
// fields only when present, "opted_out" only when true), so that ParseRecord(RecordToJson(x))
// reproduces x.  `include_private` adds what only admins may see: private fields (e-mail) and the
// references to people who opted out (an author, a member, a manager), which are otherwise left
// out, so such a record written back as it was read loses them.
// REQUIRES: graph.Node(vid) != nullptr.
nlohmann::json RecordToJson(const graph::GraphView& graph, graph::Vid vid, bool include_private);

// One field of the record format.
struct FieldInfo {
  std::string name;
  bool required = false;
  std::vector<FieldInfo> item_fields;  // for lists of objects: the fields of one item
};

// Every top-level field a record of `kind` may have ("type" and, but for endorsements, "id"
// included), in the order RecordToJson lists them.  schema/records.schema.json documents the same
// fields; a test keeps the two in agreement.
std::vector<FieldInfo> RecordFields(graph::Kind kind);

}  // namespace whoknows::ingest

#endif  // WHOKNOWS_INGEST_RECORDS_H_
