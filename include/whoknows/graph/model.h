// The typed data model: kinds of nodes, kinds of edges, and the records clients write.
//
// Ownership rule: every edge is stored from the record that declares it (its owner) to the entity
// it references.  A document owns its author, contributor and topic edges; a project its member and
// topic edges; a person its skill, interest and manager edges; a topic its broader and related
// edges; an endorsement its endorser, endorsee and topic edges.  Replacing a record replaces
// exactly the edges it owns, and the edges other records own that point at it survive.  The
// semantic direction of DESIGN.md (person-authored->document) is the reverse of the stored one
// (document-authored_by->person); both are walkable through in- and out-edges.
#ifndef WHOKNOWS_GRAPH_MODEL_H_
#define WHOKNOWS_GRAPH_MODEL_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whoknows/core/date.h"
#include "whoknows/core/status.h"
#include "whoknows/core/string_list.h"
#include "whoknows/core/text.h"

namespace whoknows::graph {

// Internal vertex id: dense, allocated in increasing order, never reused.  Stored as 64 bits on
// disk, but every vid is below kVidLimit, so that an edge in memory holds its other end in 32 bits
// (graph::Edge): a database refuses a write or load that would allocate more (4,294,967,295 nodes).
using Vid = uint64_t;
constexpr Vid kNoVid = ~Vid{0};
constexpr Vid kVidLimit = Vid{UINT32_MAX};

// OK when `vid` may be allocated (it is below kVidLimit); else the error of a write that would
// allocate it, TooLarge "database_full".
Status CheckNewVid(Vid vid);

enum class Kind : uint8_t {
  kPerson = 1,
  kTopic = 2,
  kDocument = 3,
  kProject = 4,
  kEndorsement = 5,
};
constexpr Kind kAllKinds[] = {Kind::kPerson, Kind::kTopic, Kind::kDocument, Kind::kProject,
                              Kind::kEndorsement};

// "person", "topic", "document", "project", "endorsement".
std::string_view KindName(Kind kind);
std::optional<Kind> ParseKind(std::string_view name);

enum class EdgeType : uint16_t {
  kHasSkill = 1,       // person -> topic; props.level 1-5
  kInterestedIn = 2,   // person -> topic
  kReportsTo = 3,      // person -> person (the manager)
  kBroader = 4,        // topic -> broader topic
  kRelated = 5,        // topic -> topic; symmetric in meaning
  kAuthoredBy = 6,     // document -> person
  kContributor = 7,    // document -> person; props.role ("reviewer", "tester", ...)
  kAbout = 8,          // document or project -> topic; props.weight in (0, 1]
  kMember = 9,         // project -> person; props.role, props.since, props.until
  kEndorser = 10,      // endorsement -> person who endorses
  kEndorsee = 11,      // endorsement -> person endorsed
  kEndorsedTopic = 12  // endorsement -> topic endorsed for
};
std::string_view EdgeTypeName(EdgeType type);
// Whether an entity of kind `owner` may own an edge of `type` to one of kind `dst` (the table
// above).
bool EdgeAllowed(Kind owner, EdgeType type, Kind dst);

struct EdgeProps {
  float weight = 1.0f;    // kAbout: how much the item is about the topic, (0, 1]
  uint8_t level = 0;      // kHasSkill: declared level 1-5
  uint16_t position = 0;  // the edge's position in the owner's list as the client gave it
  Day since = kNoDay;     // kMember: membership start
  Day until = kNoDay;     // kMember: membership end; kNoDay while ongoing
  std::string role;       // kContributor, kMember: free text, lower-case

  bool operator==(const EdgeProps& o) const {
    return weight == o.weight && level == o.level && position == o.position && since == o.since &&
           until == o.until && role == o.role;
  }
};

// A node's own fields.  One flat struct serves every kind; each kind uses the fields its record
// has (person: name, email, title, department, location, opted_out; topic: name, aliases,
// description; document: name = title, url, created, text; project: name, start, end).
//
// The strings are Text (8 bytes, up to 6 bytes inline): a graph holds millions of nodes whose
// fields are mostly empty.  NodeData is 96 bytes.
//
// Member order: the fixed-size fields first, so that they share a cache line with the edge lists
// in Graph::Entry (graph.h), which is what a walk over the graph reads.
struct NodeData {
  Kind kind = Kind::kPerson;
  bool opted_out = false;
  Day created = kNoDay;
  Day start = kNoDay;
  Day end = kNoDay;
  Text id;  // the external id
  Text name;
  Text email;
  Text title;
  Text department;
  Text location;
  Text description;
  Text url;
  Text text;
  StringList aliases;  // topics only: 8 bytes, as most nodes have none

  bool operator==(const NodeData& o) const;
};

// An edge as its owner declares it: by the external id of the entity it references.
struct EdgeRecord {
  EdgeType type;
  Kind dst_kind;
  std::string dst_id;
  EdgeProps props;
};

// One entity as written by a client: its fields and the edges it owns.
struct Record {
  NodeData node;
  std::vector<EdgeRecord> edges;
};

// The internal external-id of an endorsement, derived from its three references.  It contains '|',
// which no client id can, so it never collides with one.
std::string EndorsementId(std::string_view from, std::string_view to, std::string_view topic);

}  // namespace whoknows::graph

#endif  // WHOKNOWS_GRAPH_MODEL_H_
