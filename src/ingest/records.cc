// ParseRecord: JSON -> graph::Record, walking the field tables of record_fields.h.
#include "whoknows/ingest/records.h"

#include <cctype>
#include <cmath>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <utility>

#include "record_fields.h"
#include "whoknows/core/id.h"

namespace whoknows::ingest {
namespace {

using graph::EdgeProps;
using graph::EdgeRecord;
using graph::Kind;
using graph::Record;
using internal::FieldSpec;
using internal::FieldType;
using internal::ItemProp;
using internal::PropType;
using nlohmann::json;

// Where a value sits in a record, for messages: "skills[2].level".
class FieldPath {
 public:
  // Implicit, so that Fail("missing_field", "id", ...) reads naturally.
  FieldPath(std::string_view field) : field_(field) {}    // NOLINT(google-explicit-constructor)
  FieldPath(const char* field) : field_(field) {}         // NOLINT(google-explicit-constructor)
  FieldPath(const std::string& field) : field_(field) {}  // NOLINT(google-explicit-constructor)

  FieldPath At(size_t i) const { return FieldPath(field_, static_cast<std::ptrdiff_t>(i), {}); }
  FieldPath Key(std::string_view key) const { return FieldPath(field_, index_, key); }
  std::string str() const {
    std::string s(field_);
    if (index_ >= 0) s += "[" + std::to_string(index_) + "]";
    if (!key_.empty()) s.append(".").append(key_);
    return s;
  }

 private:
  FieldPath(std::string_view field, std::ptrdiff_t index, std::string_view key)
      : field_(field), index_(index), key_(key) {}

  std::string_view field_;
  std::ptrdiff_t index_ = -1;  // the item of a list, or -1
  std::string_view key_;       // the member of an item, or empty
};

std::string AsciiLower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Parses one record.  Single use.
class RecordParser {
 public:
  explicit RecordParser(Kind kind) : kind_(kind), prefix_(graph::KindName(kind)) {
    rec_.node.kind = kind;
  }

  Result<Record> Parse(const json& body, std::string_view path_id) {
    if (!body.is_object()) {
      return Status::InvalidArgument("malformed_json",
                                     prefix_ + ": a record must be a JSON object");
    }
    WK_RETURN_IF_ERROR(ParseHeader(body, path_id));
    WK_RETURN_IF_ERROR(CheckKnownFields(body));
    for (const FieldSpec& f : internal::FieldsOf(kind_)) {
      auto it = body.find(f.name);
      if (it == body.end()) {
        if (f.required) return Fail("missing_field", f.name, "is required");
        continue;
      }
      WK_RETURN_IF_ERROR(ParseField(f, *it));
    }
    WK_RETURN_IF_ERROR(CheckRecord(path_id));
    return std::move(rec_);
  }

 private:
  // "type" (optional, must name the kind) and "id" (which names the record in later messages).
  Status ParseHeader(const json& body, std::string_view path_id) {
    if (auto it = body.find("type"); it != body.end()) {
      if (!it->is_string() || it->get_ref<const std::string&>() != graph::KindName(kind_)) {
        return Fail("invalid_field", "type", "must be \"" + KindString() + "\"");
      }
    }
    if (!internal::HasClientId(kind_)) return Status::OK();
    if (!path_id.empty() && !IsValidId(path_id)) {
      return Status::InvalidRecord("invalid_id", prefix_ + ": the id in the URL " + kIdRule);
    }
    std::string id(path_id);
    if (auto it = body.find("id"); it != body.end()) {
      WK_RETURN_IF_ERROR(ParseId(*it, "id", &id));
      if (!path_id.empty() && id != path_id) {
        return Fail("id_mismatch", "id",
                    "is '" + id + "' but the URL names '" + std::string(path_id) + "'");
      }
    } else if (id.empty()) {
      return Fail("missing_field", "id", "is required");
    }
    prefix_ += " '" + id + "'";
    rec_.node.id = std::move(id);
    return Status::OK();
  }

  Status CheckKnownFields(const json& body) const {
    const auto& fields = internal::FieldsOf(kind_);
    for (const auto& item : body.items()) {
      const std::string& key = item.key();
      if (key == "type" || (key == "id" && internal::HasClientId(kind_))) continue;
      bool known = false;
      for (const FieldSpec& f : fields) known = known || f.name == key;
      if (!known) return Fail("unknown_field", key, "is unknown");
    }
    return Status::OK();
  }

  Status ParseField(const FieldSpec& f, const json& v) {
    const FieldPath path(f.name);
    graph::NodeData& node = rec_.node;
    switch (f.type) {
      case FieldType::kText:
        if (!v.is_string()) return Fail("invalid_field", path, "must be a string");
        node.*f.text = v.get<std::string>();
        return Status::OK();
      case FieldType::kDate:
        return ParseDateValue(v, path, &(node.*f.day));
      case FieldType::kFlag:
        if (!v.is_boolean()) return Fail("invalid_field", path, "must be true or false");
        node.*f.flag = v.get<bool>();
        return Status::OK();
      case FieldType::kTexts:
        return ParseTexts(f, v);
      case FieldType::kRef: {
        std::string id;
        WK_RETURN_IF_ERROR(ParseId(v, path, &id));
        return AddEdge(f, path, std::move(id), EdgeProps{});
      }
      case FieldType::kRefs:
      case FieldType::kItems:
        return ParseList(f, v);
    }
    return Status::Internal("unhandled field type");
  }

  Status ParseTexts(const FieldSpec& f, const json& v) {
    WK_RETURN_IF_ERROR(CheckArray(f, v));
    std::vector<std::string>& out = (rec_.node.*f.texts).mutable_vec();
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        return Fail("invalid_field", FieldPath(f.name).At(i), "must be a string");
      }
      out.push_back(v[i].get<std::string>());
    }
    return Status::OK();
  }

  // A kRefs or kItems list: one edge per item, positioned as the client listed it.
  Status ParseList(const FieldSpec& f, const json& v) {
    WK_RETURN_IF_ERROR(CheckArray(f, v));
    std::unordered_set<std::string> seen;
    for (size_t i = 0; i < v.size(); ++i) {
      const FieldPath path = FieldPath(f.name).At(i);
      std::string id;
      EdgeProps props;
      props.position = static_cast<uint16_t>(i);
      if (f.type == FieldType::kRefs) {
        WK_RETURN_IF_ERROR(ParseId(v[i], path, &id));
      } else {
        WK_RETURN_IF_ERROR(ParseItem(f, v[i], path, &id, &props));
      }
      if (!seen.insert(id).second) {
        return Fail("duplicate_reference", path, "repeats '" + id + "'");
      }
      WK_RETURN_IF_ERROR(AddEdge(f, path, std::move(id), std::move(props)));
    }
    return Status::OK();
  }

  Status CheckArray(const FieldSpec& f, const json& v) const {
    if (!v.is_array()) return Fail("invalid_field", f.name, "must be an array");
    if (v.empty() && f.non_empty) return Fail("invalid_field", f.name, "must not be empty");
    if (v.size() > internal::kMaxListItems) {
      return Fail("invalid_field", f.name,
                  "must have at most " + std::to_string(internal::kMaxListItems) + " items");
    }
    return Status::OK();
  }

  // One item of a kItems list: {ref_key: id, props...}, or a bare id where allowed.
  Status ParseItem(const FieldSpec& f, const json& v, const FieldPath& path, std::string* id,
                   EdgeProps* props) const {
    if (f.bare_ref && v.is_string()) return ParseId(v, path, id);
    if (!v.is_object()) {
      return Fail("invalid_field", path,
                  f.bare_ref ? "must be an id or an object" : "must be an object");
    }
    for (const auto& item : v.items()) {
      bool known = item.key() == f.ref_key;
      for (const ItemProp& p : f.props) known = known || p.name == item.key();
      if (!known) return Fail("unknown_field", path.Key(item.key()), "is unknown");
    }
    auto it = v.find(f.ref_key);
    if (it == v.end()) return Fail("missing_field", path.Key(f.ref_key), "is required");
    WK_RETURN_IF_ERROR(ParseId(*it, path.Key(f.ref_key), id));
    for (const ItemProp& p : f.props) {
      auto pit = v.find(p.name);
      if (pit == v.end()) {
        if (p.required) return Fail("missing_field", path.Key(p.name), "is required");
        continue;
      }
      WK_RETURN_IF_ERROR(ParseProp(p, *pit, path.Key(p.name), props));
    }
    if (props->since != kNoDay && props->until != kNoDay && props->until < props->since) {
      return Fail("invalid_field", path.Key("until"), "must not be before 'since'");
    }
    return Status::OK();
  }

  Status ParseProp(const ItemProp& p, const json& v, const FieldPath& path,
                   EdgeProps* props) const {
    switch (p.type) {
      case PropType::kLevel: {
        // As in JSON Schema, 3.0 is an integer too.
        const double level = v.is_number() ? v.get<double>() : 0;
        if (!(level >= 1 && level <= 5 && level == std::floor(level))) {
          return Fail("invalid_field", path, "must be an integer 1-5");
        }
        props->level = static_cast<uint8_t>(level);
        return Status::OK();
      }
      case PropType::kRole:
        if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
          return Fail("invalid_field", path, "must be a non-empty string");
        }
        props->role = AsciiLower(v.get<std::string>());
        return Status::OK();
      case PropType::kWeight: {
        const double w = v.is_number() ? v.get<double>() : 0;
        const float stored = static_cast<float>(w);
        if (!(stored > 0 && w <= 1))
          return Fail("invalid_field", path, "must be a number in (0, 1]");
        props->weight = stored;
        return Status::OK();
      }
      case PropType::kSince:
        return ParseDateValue(v, path, &props->since);
      case PropType::kUntil:
        return ParseDateValue(v, path, &props->until);
    }
    return Status::Internal("unhandled item property");
  }

  Status ParseId(const json& v, const FieldPath& path, std::string* id) const {
    if (!v.is_string()) return Fail("invalid_field", path, "must be a string id");
    const auto& s = v.get_ref<const std::string&>();
    if (!IsValidId(s)) return Fail("invalid_id", path, kIdRule);
    *id = s;
    return Status::OK();
  }

  Status ParseDateValue(const json& v, const FieldPath& path, Day* day) const {
    std::optional<Day> parsed;
    if (v.is_string()) parsed = ParseDate(v.get_ref<const std::string&>());
    if (!parsed) return Fail("invalid_field", path, "must be a date YYYY-MM-DD");
    *day = *parsed;
    return Status::OK();
  }

  Status AddEdge(const FieldSpec& f, const FieldPath& path, std::string id, EdgeProps props) {
    if (f.target == kind_ && id == rec_.node.id) {
      return Fail("self_reference", path, "may not name the " + KindString() + " itself");
    }
    rec_.edges.push_back(EdgeRecord{f.edge, f.target, std::move(id), std::move(props)});
    return Status::OK();
  }

  // Rules across fields, checked once every field parsed.
  Status CheckRecord(std::string_view path_id) {
    graph::NodeData& node = rec_.node;
    if (node.start != kNoDay && node.end != kNoDay && node.end < node.start) {
      return Fail("invalid_field", "end", "must not be before 'start'");
    }
    if (kind_ != Kind::kEndorsement) return Status::OK();
    // The table makes from, to and topic required: edges 0, 1 and 2.
    const auto& e = rec_.edges;
    if (e[0].dst_id == e[1].dst_id) return Fail("self_reference", "to", "must differ from 'from'");
    node.id = graph::EndorsementId(e[0].dst_id, e[1].dst_id, e[2].dst_id);
    if (!path_id.empty() && path_id != node.id) {
      return Status::InvalidRecord("id_mismatch", prefix_ + ": the URL names another endorsement");
    }
    return Status::OK();
  }

  std::string KindString() const { return std::string(graph::KindName(kind_)); }

  Status Fail(const char* reason, const FieldPath& path, std::string_view what) const {
    return Status::InvalidRecord(reason,
                                 prefix_ + ": field '" + path.str() + "' " + std::string(what));
  }

  static constexpr const char* kIdRule = "must be an id: 1-128 characters of [A-Za-z0-9._:@-]";

  const Kind kind_;
  std::string prefix_;  // names the record in messages: "person 'p1'"
  Record rec_;
};

}  // namespace

Result<Record> ParseRecord(const json& body, Kind kind, std::string_view path_id) {
  try {
    return RecordParser(kind).Parse(body, path_id);
  } catch (const json::exception& e) {
    // Every access above checks the type first; reaching this is a bug.
    return Status::Internal(std::string("ParseRecord: ") + e.what());
  }
}

}  // namespace whoknows::ingest
