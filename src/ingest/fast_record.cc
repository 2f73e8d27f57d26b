// FastParseRecord: the record shapes read with JsonReader (json_reader.h), driven by the field
// tables of record_fields.h like ParseRecord.  Every check mirrors one of ParseRecord's; whatever
// would be an error there is a decline here, so that the DOM path words it.
#include "fast_record.h"

#include <array>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "json_reader.h"
#include "record_fields.h"
#include "whoknows/core/date.h"
#include "whoknows/core/id.h"

namespace whoknows::ingest::internal {
namespace {

using graph::EdgeProps;
using graph::Kind;
using graph::Record;

std::optional<Kind> KindOf(std::string_view type) { return graph::ParseKind(type); }

// Parses one record of a known kind into a reused graph::Record.
class FastParser {
 public:
  FastParser(JsonReader& in, Kind kind, Record* out)
      : in_(in), kind_(kind), fields_(FieldsOf(kind)), out_(*out) {
    assert(fields_.size() <= segment_.size());  // seen_ and segment_ have room for every field
  }

  // The members after "type", up to and including the closing brace.
  bool Parse() {
    Reset();
    while (in_.Take(',')) {
      std::string_view key;
      if (!in_.Key(&key) || !Member(key)) return false;
    }
    if (!in_.Take('}') || !in_.AtEnd()) return false;
    out_.edges.resize(edges_);
    if (unordered_) Reorder();
    return CheckRecord();
  }

 private:
  // A record as a default-constructed one, but with the capacity its strings had, unless a long
  // line left them large: a reused record keeps no more than a typical record needs.
  void Reset() {
    constexpr size_t kKeepBytes = 4096, kKeepEdges = 256;
    graph::NodeData& n = out_.node;
    n.kind = kind_;
    for (Text* s : {&n.id, &n.name, &n.email, &n.title, &n.department, &n.location, &n.description,
                    &n.url, &n.text}) {
      if (s->capacity() > kKeepBytes) *s = Text();
      s->clear();
    }
    if (out_.edges.capacity() > kKeepEdges) std::vector<graph::EdgeRecord>().swap(out_.edges);
    n.aliases.clear();
    n.opted_out = false;
    n.created = n.start = n.end = kNoDay;
  }

  bool Member(std::string_view key) {
    if (key == "id" && HasClientId(kind_)) {
      std::string_view id;
      if (has_id_ || !in_.String(&id) || !IsValidId(id)) return false;
      out_.node.id.assign(id);
      has_id_ = true;
      return true;
    }
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].name != key) continue;
      const uint32_t bit = uint32_t{1} << i;
      if (seen_ & bit) return false;  // a duplicate key: nlohmann keeps the last
      seen_ |= bit;
      return Field(fields_[i], i);
    }
    return false;  // unknown
  }

  bool Field(const FieldSpec& f, size_t index) {
    graph::NodeData& node = out_.node;
    std::string_view s;
    switch (f.type) {
      case FieldType::kText:
        if (!in_.String(&s)) return false;
        (node.*f.text).assign(s);
        return true;
      case FieldType::kDate:
        return in_.String(&s) && Date(s, &(node.*f.day));
      case FieldType::kFlag:
        return in_.Bool(&(node.*f.flag));
      case FieldType::kTexts:
        return Texts(f);
      case FieldType::kRef:
      case FieldType::kRefs:
      case FieldType::kItems:
        return EdgeField(f, index);
    }
    return false;
  }

  // A field of edges; remembers where its edges are, for Reorder.
  bool EdgeField(const FieldSpec& f, size_t index) {
    const size_t first = edges_;
    std::string_view s;
    if (f.type == FieldType::kRef) {
      if (!in_.String(&s) || !IsValidId(s) || !AddEdge(f, s)) return false;
    } else if (!List(f)) {
      return false;
    }
    unordered_ = unordered_ || (segments_ > 0 && segment_[segments_ - 1].field > index);
    segment_[segments_++] = Segment{index, first, edges_};
    return true;
  }

  // ParseRecord adds edges field by field in the order of the table, whatever the order of the
  // members: so must this.
  void Reorder() {
    std::vector<graph::EdgeRecord> sorted;
    sorted.reserve(edges_);
    for (size_t field = 0; field < fields_.size(); ++field) {
      for (size_t i = 0; i < segments_; ++i) {
        if (segment_[i].field != field) continue;
        for (size_t e = segment_[i].begin; e < segment_[i].end; ++e) {
          sorted.push_back(std::move(out_.edges[e]));
        }
      }
    }
    out_.edges = std::move(sorted);
  }

  static bool Date(std::string_view s, Day* day) {
    const std::optional<Day> parsed = ParseDate(s);
    if (parsed) *day = *parsed;
    return parsed.has_value();
  }

  bool Texts(const FieldSpec& f) {
    if (!in_.Take('[')) return false;
    if (in_.Take(']')) return true;
    std::vector<std::string>& out = (out_.node.*f.texts).mutable_vec();
    do {
      std::string_view s;
      if (!in_.String(&s) || out.size() == kMaxListItems) return false;
      out.emplace_back(s);
    } while (in_.Take(','));
    return in_.Take(']');
  }

  // A kRefs or kItems list.
  bool List(const FieldSpec& f) {
    if (!in_.Take('[')) return false;
    const size_t first = edges_;
    if (!in_.Take(']')) {
      do {
        if (edges_ - first == kMaxListItems || !ListItem(f, edges_ - first)) return false;
      } while (in_.Take(','));
      if (!in_.Take(']')) return false;
    }
    if (f.non_empty && edges_ == first) return false;
    return Distinct(first);
  }

  bool ListItem(const FieldSpec& f, size_t position) {
    std::string_view id;
    if (f.type == FieldType::kRefs || (f.bare_ref && in_.Peek() == '"')) {
      if (!in_.String(&id) || !IsValidId(id) || !AddEdge(f, id)) return false;
    } else if (!Item(f)) {
      return false;
    }
    out_.edges[edges_ - 1].props.position = static_cast<uint16_t>(position);
    return true;
  }

  // {ref_key: id, props...}: the edge, with the item's properties.
  bool Item(const FieldSpec& f) {
    if (!in_.Take('{')) return false;
    EdgeProps& props = NewEdge(f);
    uint32_t seen = 0;  // bit 0: ref_key; bit 1 + i: props[i]
    if (!in_.Take('}')) {
      do {
        std::string_view key;
        if (!in_.Key(&key) || !ItemMember(f, key, &seen, &props)) return false;
      } while (in_.Take(','));
      if (!in_.Take('}')) return false;
    }
    if (!(seen & 1)) return false;
    for (size_t i = 0; i < f.props.size(); ++i) {
      if (f.props[i].required && !(seen & (uint32_t{2} << i))) return false;
    }
    return props.since == kNoDay || props.until == kNoDay || props.until >= props.since;
  }

  bool ItemMember(const FieldSpec& f, std::string_view key, uint32_t* seen, EdgeProps* props) {
    if (key == f.ref_key) {
      std::string_view id;
      if ((*seen & 1) || !in_.String(&id) || !IsValidId(id)) return false;
      *seen |= 1;
      out_.edges[edges_ - 1].dst_id.assign(id);
      return true;
    }
    for (size_t i = 0; i < f.props.size(); ++i) {
      if (f.props[i].name != key) continue;
      const uint32_t bit = uint32_t{2} << i;
      if (*seen & bit) return false;
      *seen |= bit;
      return Prop(f.props[i], props);
    }
    return false;
  }

  bool Prop(const ItemProp& p, EdgeProps* props) {
    double number = 0;
    std::string_view s;
    switch (p.type) {
      case PropType::kLevel:
        // As ParseRecord: an integer-valued number 1-5 (3.0 included).
        if (!in_.Number(&number) || !(number >= 1 && number <= 5 && number == std::floor(number)))
          return false;
        props->level = static_cast<uint8_t>(number);
        return true;
      case PropType::kRole:
        if (!in_.String(&s) || s.empty()) return false;
        props->role.assign(s);
        for (char& c : props->role) {
          if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        }
        return true;
      case PropType::kWeight: {
        if (!in_.Number(&number)) return false;
        const float stored = static_cast<float>(number);
        if (!(stored > 0 && number <= 1)) return false;
        props->weight = stored;
        return true;
      }
      case PropType::kSince:
        return in_.String(&s) && Date(s, &props->since);
      case PropType::kUntil:
        return in_.String(&s) && Date(s, &props->until);
    }
    return false;
  }

  // Appends an edge of `f` to `dst`, reusing the record's edge slots.
  bool AddEdge(const FieldSpec& f, std::string_view dst) {
    NewEdge(f);
    out_.edges[edges_ - 1].dst_id.assign(dst);
    return true;
  }

  EdgeProps& NewEdge(const FieldSpec& f) {
    if (edges_ == out_.edges.size()) out_.edges.emplace_back();
    graph::EdgeRecord& e = out_.edges[edges_++];
    e.type = f.edge;
    e.dst_kind = f.target;
    e.dst_id.clear();
    std::string role = std::move(e.props.role);
    role.clear();
    e.props = EdgeProps{};
    e.props.role = std::move(role);
    return e.props;
  }

  // The edges from `first` on name distinct ids (ParseRecord's "duplicate_reference").
  bool Distinct(size_t first) const {
    const auto& e = out_.edges;
    if (edges_ - first <= 16) {
      for (size_t i = first; i < edges_; ++i) {
        for (size_t j = first; j < i; ++j) {
          if (e[i].dst_id == e[j].dst_id) return false;
        }
      }
      return true;
    }
    std::unordered_set<std::string_view> seen;
    for (size_t i = first; i < edges_; ++i) {
      if (!seen.insert(e[i].dst_id).second) return false;
    }
    return true;
  }

  // Required fields, and ParseRecord's rules across fields.
  bool CheckRecord() {
    if (HasClientId(kind_) && !has_id_) return false;
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].required && !(seen_ & (uint32_t{1} << i))) return false;
    }
    graph::NodeData& node = out_.node;
    for (const graph::EdgeRecord& e : out_.edges) {
      if (e.dst_kind == kind_ && e.dst_id == node.id) return false;  // a self reference
    }
    if (node.start != kNoDay && node.end != kNoDay && node.end < node.start) return false;
    if (kind_ != Kind::kEndorsement) return true;
    const auto& e = out_.edges;  // from, to, topic: the table makes all three required
    if (e[0].dst_id == e[1].dst_id) return false;
    node.id = graph::EndorsementId(e[0].dst_id, e[1].dst_id, e[2].dst_id);
    return true;
  }

  JsonReader& in_;
  const Kind kind_;
  const std::vector<FieldSpec>& fields_;
  Record& out_;
  size_t edges_ = 0;     // edges parsed so far; out_.edges may hold more, unused
  uint32_t seen_ = 0;    // bit i: fields_[i] seen
  bool has_id_ = false;  // "id" seen
  // Where each edge field's edges are in out_.edges, in the order of the members; at most one
  // per field, as duplicate keys decline.
  struct Segment {
    size_t field, begin, end;
  };
  std::array<Segment, 16> segment_{};
  size_t segments_ = 0;
  bool unordered_ = false;  // the edge fields came out of the table's order
};

}  // namespace

bool FastParseRecord(std::string_view line, Record* out) {
  JsonReader in(line);
  std::string_view key, type;
  if (!in.Take('{') || !in.Key(&key) || key != "type" || !in.String(&type)) return false;
  const std::optional<Kind> kind = KindOf(type);
  if (!kind) return false;
  return FastParser(in, *kind, out).Parse();
}

Status ParseLineInto(std::string_view line, Record* out) {
  if (FastParseRecord(line, out)) return Status::OK();
  Result<Record> record = ParseLineWithDom(line);
  if (!record.ok()) return record.status();
  *out = std::move(record).value();
  return Status::OK();
}

}  // namespace whoknows::ingest::internal
