#include "record_fields.h"

#include <utility>

#include "whoknows/ingest/records.h"

namespace whoknows::ingest {
namespace internal {
namespace {

using graph::EdgeType;
using graph::Kind;
using graph::NodeData;

constexpr bool kRequired = true;
constexpr bool kOptional = false;

FieldSpec Spec(std::string_view name, FieldType type, bool required) {
  FieldSpec f;
  f.name = name;
  f.type = type;
  f.required = required;
  return f;
}

FieldSpec Text(std::string_view name, Text NodeData::*member, bool required = kOptional) {
  FieldSpec f = Spec(name, FieldType::kText, required);
  f.text = member;
  return f;
}

FieldSpec Private(FieldSpec f) {
  f.is_private = true;
  return f;
}

FieldSpec Date(std::string_view name, Day NodeData::*member, bool required = kOptional) {
  FieldSpec f = Spec(name, FieldType::kDate, required);
  f.day = member;
  return f;
}

FieldSpec Flag(std::string_view name, bool NodeData::*member) {
  FieldSpec f = Spec(name, FieldType::kFlag, kOptional);
  f.flag = member;
  return f;
}

FieldSpec Texts(std::string_view name, StringList NodeData::*member) {
  FieldSpec f = Spec(name, FieldType::kTexts, kOptional);
  f.texts = member;
  return f;
}

FieldSpec Ref(std::string_view name, EdgeType edge, Kind target, bool required = kOptional) {
  FieldSpec f = Spec(name, FieldType::kRef, required);
  f.edge = edge;
  f.target = target;
  return f;
}

// A list of ids; `required` lists must also have at least one item.
FieldSpec Refs(std::string_view name, EdgeType edge, Kind target, bool required = kOptional) {
  FieldSpec f = Spec(name, FieldType::kRefs, required);
  f.non_empty = required;
  f.edge = edge;
  f.target = target;
  return f;
}

FieldSpec Items(std::string_view name, EdgeType edge, Kind target, std::string_view ref_key,
                std::vector<ItemProp> props, bool bare_ref = false) {
  FieldSpec f = Spec(name, FieldType::kItems, kOptional);
  f.edge = edge;
  f.target = target;
  f.ref_key = ref_key;
  f.bare_ref = bare_ref;
  f.props = std::move(props);
  return f;
}

std::vector<FieldSpec> PersonFields() {
  return {Text("name", &NodeData::name, kRequired),
          Private(Text("email", &NodeData::email)),
          Text("title", &NodeData::title),
          Text("department", &NodeData::department),
          Text("location", &NodeData::location),
          Ref("manager", EdgeType::kReportsTo, Kind::kPerson),
          Flag("opted_out", &NodeData::opted_out),
          Items("skills", EdgeType::kHasSkill, Kind::kTopic, "topic",
                {{"level", PropType::kLevel, kRequired}}),
          Refs("interests", EdgeType::kInterestedIn, Kind::kTopic)};
}

std::vector<FieldSpec> TopicFields() {
  return {Text("name", &NodeData::name, kRequired), Texts("aliases", &NodeData::aliases),
          Refs("broader", EdgeType::kBroader, Kind::kTopic),
          Refs("related", EdgeType::kRelated, Kind::kTopic),
          Text("description", &NodeData::description)};
}

std::vector<FieldSpec> DocumentFields() {
  return {Text("title", &NodeData::name, kRequired),
          Text("url", &NodeData::url),
          Date("created", &NodeData::created, kRequired),
          Refs("authors", EdgeType::kAuthoredBy, Kind::kPerson, kRequired),
          Items("contributors", EdgeType::kContributor, Kind::kPerson, "person",
                {{"role", PropType::kRole, kRequired}}),
          Items("topics", EdgeType::kAbout, Kind::kTopic, "topic",
                {{"weight", PropType::kWeight, kOptional}}, /*bare_ref=*/true),
          Text("text", &NodeData::text)};
}

std::vector<FieldSpec> ProjectFields() {
  return {Text("name", &NodeData::name, kRequired), Date("start", &NodeData::start),
          Date("end", &NodeData::end), Refs("topics", EdgeType::kAbout, Kind::kTopic),
          Items("members", EdgeType::kMember, Kind::kPerson, "person",
                {{"role", PropType::kRole, kOptional},
                 {"since", PropType::kSince, kOptional},
                 {"until", PropType::kUntil, kOptional}})};
}

std::vector<FieldSpec> EndorsementFields() {
  return {Ref("from", EdgeType::kEndorser, Kind::kPerson, kRequired),
          Ref("to", EdgeType::kEndorsee, Kind::kPerson, kRequired),
          Ref("topic", EdgeType::kEndorsedTopic, Kind::kTopic, kRequired)};
}

}  // namespace

const std::vector<FieldSpec>& FieldsOf(Kind kind) {
  static const auto* const kTables = new std::vector<std::vector<FieldSpec>>{
      {}, PersonFields(), TopicFields(), DocumentFields(), ProjectFields(), EndorsementFields()};
  return (*kTables)[static_cast<size_t>(kind)];
}

}  // namespace internal

std::vector<FieldInfo> RecordFields(graph::Kind kind) {
  std::vector<FieldInfo> out = {{"type", false, {}}};
  if (internal::HasClientId(kind)) out.push_back({"id", true, {}});
  for (const internal::FieldSpec& f : internal::FieldsOf(kind)) {
    FieldInfo info{std::string(f.name), f.required, {}};
    if (f.type == internal::FieldType::kItems) {
      info.item_fields.push_back({std::string(f.ref_key), true, {}});
      for (const internal::ItemProp& p : f.props) {
        info.item_fields.push_back({std::string(p.name), p.required, {}});
      }
    }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace whoknows::ingest
