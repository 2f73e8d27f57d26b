// Records on the wire: JSON <-> graph::Record, with validation.  Together with api/, the only place
// that turns JSON into model types and back.
#ifndef WHOKNOWS_INGEST_RECORDS_H_
#define WHOKNOWS_INGEST_RECORDS_H_

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "whoknows/core/result.h"
#include "whoknows/graph/graph.h"
#include "whoknows/graph/model.h"

namespace whoknows::ingest {

// Validates and converts one record of `kind` (the shapes are in schema/records.schema.json).
// `path_id`, when not empty, is the id from a PUT URL: the body's "id" may be absent or must
// equal it.  A "type" field, when present, must name `kind`.
// Errors (InvalidRecord): "unknown_field", "missing_field", "invalid_field" (wrong type, bad
// date, level out of range), "invalid_id", "id_mismatch", "self_reference"; the message names
// the field.
Result<graph::Record> ParseRecord(const nlohmann::json& body, graph::Kind kind,
                                  std::string_view path_id);

// The JSON of a stored entity in the shape ParseRecord accepts (with "id"; edges in the order the
// client gave them).  `include_private` adds fields only admins may see (e-mail).
// REQUIRES: graph.Node(vid) != nullptr.
nlohmann::json RecordToJson(const graph::GraphView& graph, graph::Vid vid, bool include_private);

}  // namespace whoknows::ingest

#endif  // WHOKNOWS_INGEST_RECORDS_H_
