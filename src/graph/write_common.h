// What the two write paths share, Database::Apply (database.cc) and BulkLoader (bulk_load.cc):
// the vid counter in `meta`, id lookups in `ids`, and the id a record is stored under.  Private to
// graph/.
#ifndef WHOKNOWS_SRC_GRAPH_WRITE_COMMON_H_
#define WHOKNOWS_SRC_GRAPH_WRITE_COMMON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "whoknows/core/result.h"
#include "whoknows/graph/model.h"
#include "whoknows/storage/store.h"

namespace whoknows::graph::internal {

// meta: the next vid to allocate, u64 big-endian.  Written in the batch that allocates.
constexpr char kNextVidKey[] = "next_vid";

inline uint8_t KindByte(Kind kind) { return static_cast<uint8_t>(kind); }
inline uint16_t TypeCode(EdgeType type) { return static_cast<uint16_t>(type); }

bool IsKnownKind(Kind kind);
bool IsEndorsementEdge(EdgeType type);
// "person 'p1'", for messages.
std::string Describe(Kind kind, std::string_view id);

// The vid the `ids` column family maps (kind, id) to, nullopt when there is none.
Result<std::optional<Vid>> FindVid(const storage::Store& store, Kind kind, std::string_view id);
// The vid counter; 0 in a new database.
Result<Vid> ReadNextVid(const storage::Store& store);

// The external id a record is stored under: the client's, or for an endorsement the one derived
// from its three references.  InvalidRecord "invalid_id" / "invalid_record" when there is none.
Result<std::string> RecordId(const Record& record);

}  // namespace whoknows::graph::internal

#endif  // WHOKNOWS_SRC_GRAPH_WRITE_COMMON_H_
