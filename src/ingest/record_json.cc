// RecordToJson: a stored entity back to the JSON ParseRecord accepts, walking the same field
// tables (record_fields.h) in the other direction.
#include <algorithm>
#include <cassert>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "record_fields.h"
#include "whoknows/ingest/records.h"

namespace whoknows::ingest {
namespace {

using graph::Edge;
using graph::GraphView;
using graph::Vid;
using internal::FieldSpec;
using internal::FieldType;
using internal::ItemProp;
using internal::PropType;
using nlohmann::json;

// The float's shortest decimal form as a double: 0.3f is written as 0.3 (not 0.30000001192...),
// which still reads back as 0.3f.
double ShortestDouble(float f) {
  char buf[32];
  auto end = std::to_chars(buf, buf + sizeof(buf), f).ptr;
  double d = f;
  std::from_chars(buf, end, d);
  return d;
}

class RecordWriter {
 public:
  RecordWriter(const GraphView& graph, Vid vid, bool show_opted_out)
      : graph_(graph), node_(*graph.Node(vid)), show_opted_out_(show_opted_out) {
    for (const Edge& e : graph.Out(vid)) edges_.push_back(&e);
    // The client's order: the table's field order groups by type, position orders within a list.
    std::stable_sort(edges_.begin(), edges_.end(), [](const Edge* a, const Edge* b) {
      return a->type != b->type ? a->type < b->type : a->props.position < b->props.position;
    });
  }

  void Emit(const FieldSpec& f, json& out) const {
    const std::string name(f.name);
    const graph::NodeData& n = node_;
    switch (f.type) {
      case FieldType::kText:
        if (f.required || !(n.*f.text).empty()) out[name] = n.*f.text;
        break;
      case FieldType::kDate:
        if (n.*f.day != kNoDay) out[name] = FormatDate(n.*f.day);
        break;
      case FieldType::kFlag:
        if (n.*f.flag) out[name] = true;
        break;
      case FieldType::kTexts:
        if (!(n.*f.texts).empty()) out[name] = (n.*f.texts).vec();
        break;
      case FieldType::kRef:
      case FieldType::kRefs:
      case FieldType::kItems:
        EmitEdges(f, name, out);
        break;
    }
  }

 private:
  void EmitEdges(const FieldSpec& f, const std::string& name, json& out) const {
    json list = json::array();
    for (const Edge* e : edges_) {
      const graph::NodeData* target = e->type == f.edge ? graph_.Node(e->other) : nullptr;
      if (target == nullptr) continue;
      if (target->opted_out && !show_opted_out_) continue;
      if (f.type == FieldType::kRef) {
        out[name] = target->id;
        return;
      }
      list.push_back(f.type == FieldType::kItems ? Item(f, *e, target->id.str())
                                                 : json(target->id));
    }
    if (f.type != FieldType::kRef && (f.required || !list.empty())) out[name] = std::move(list);
  }

  // One item of a kItems list: its properties when they differ from the defaults.
  static json Item(const FieldSpec& f, const Edge& e, const std::string& id) {
    json item = json::object();
    item[std::string(f.ref_key)] = id;
    const Edge::Props& p = e.props;
    for (const ItemProp& prop : f.props) {
      const std::string key(prop.name);
      switch (prop.type) {
        case PropType::kLevel:
          if (p.level != 0) item[key] = p.level;
          break;
        case PropType::kRole:
          if (!p.role.empty()) item[key] = std::string(p.role.view());
          break;
        case PropType::kWeight:
          if (p.weight != 1.0f) item[key] = ShortestDouble(p.weight);
          break;
        case PropType::kSince:
          if (p.since != kNoDay) item[key] = FormatDate(p.since);
          break;
        case PropType::kUntil:
          if (p.until != kNoDay) item[key] = FormatDate(p.until);
          break;
      }
    }
    if (f.bare_ref && item.size() == 1) return id;
    return item;
  }

  const GraphView& graph_;
  const graph::NodeData& node_;
  const bool show_opted_out_;
  std::vector<const Edge*> edges_;
};

}  // namespace

json RecordToJson(const GraphView& graph, Vid vid, bool include_private) {
  const graph::NodeData* node = graph.Node(vid);
  assert(node != nullptr);
  json out = json::object();
  out["type"] = graph::KindName(node->kind);
  if (internal::HasClientId(node->kind)) out["id"] = node->id;
  RecordWriter writer(graph, vid, include_private);
  for (const FieldSpec& f : internal::FieldsOf(node->kind)) {
    if (!f.is_private || include_private) writer.Emit(f, out);
  }
  return out;
}

}  // namespace whoknows::ingest
