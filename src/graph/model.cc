#include "whoknows/graph/model.h"

namespace whoknows::graph {

std::string_view KindName(Kind kind) {
  switch (kind) {
    case Kind::kPerson:
      return "person";
    case Kind::kTopic:
      return "topic";
    case Kind::kDocument:
      return "document";
    case Kind::kProject:
      return "project";
    case Kind::kEndorsement:
      return "endorsement";
  }
  return "unknown";
}

std::optional<Kind> ParseKind(std::string_view name) {
  for (Kind kind : kAllKinds) {
    if (KindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view EdgeTypeName(EdgeType type) {
  switch (type) {
    case EdgeType::kHasSkill:
      return "has_skill";
    case EdgeType::kInterestedIn:
      return "interested_in";
    case EdgeType::kReportsTo:
      return "reports_to";
    case EdgeType::kBroader:
      return "broader";
    case EdgeType::kRelated:
      return "related";
    case EdgeType::kAuthoredBy:
      return "authored_by";
    case EdgeType::kContributor:
      return "contributor";
    case EdgeType::kAbout:
      return "about";
    case EdgeType::kMember:
      return "member";
    case EdgeType::kEndorser:
      return "endorser";
    case EdgeType::kEndorsee:
      return "endorsee";
    case EdgeType::kEndorsedTopic:
      return "endorsed_topic";
  }
  return "unknown";
}

bool NodeData::operator==(const NodeData& o) const {
  return kind == o.kind && id == o.id && name == o.name && email == o.email && title == o.title &&
         department == o.department && location == o.location && description == o.description &&
         url == o.url && text == o.text && aliases == o.aliases && opted_out == o.opted_out &&
         created == o.created && start == o.start && end == o.end;
}

Status CheckNewVid(Vid vid) {
  if (vid < kVidLimit) return Status::OK();
  return Status::TooLarge("database_full", "the database holds " + std::to_string(kVidLimit) +
                                               " nodes, the most it can: nothing was written");
}

std::string EndorsementId(std::string_view from, std::string_view to, std::string_view topic) {
  std::string id;
  id.reserve(from.size() + to.size() + topic.size() + 2);
  id.append(from).append(1, '|').append(to).append(1, '|').append(topic);
  return id;
}

bool EdgeAllowed(Kind owner, EdgeType type, Kind dst) {
  switch (type) {
    case EdgeType::kHasSkill:
    case EdgeType::kInterestedIn:
      return owner == Kind::kPerson && dst == Kind::kTopic;
    case EdgeType::kReportsTo:
      return owner == Kind::kPerson && dst == Kind::kPerson;
    case EdgeType::kBroader:
    case EdgeType::kRelated:
      return owner == Kind::kTopic && dst == Kind::kTopic;
    case EdgeType::kAuthoredBy:
    case EdgeType::kContributor:
      return owner == Kind::kDocument && dst == Kind::kPerson;
    case EdgeType::kAbout:
      return (owner == Kind::kDocument || owner == Kind::kProject) && dst == Kind::kTopic;
    case EdgeType::kMember:
      return owner == Kind::kProject && dst == Kind::kPerson;
    case EdgeType::kEndorser:
    case EdgeType::kEndorsee:
      return owner == Kind::kEndorsement && dst == Kind::kPerson;
    case EdgeType::kEndorsedTopic:
      return owner == Kind::kEndorsement && dst == Kind::kTopic;
  }
  return false;
}

}  // namespace whoknows::graph
