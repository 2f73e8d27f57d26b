// schema/records.schema.json documents the record format: these tests walk every property in it
// and check that ParseRecord accepts what the schema describes and rejects what it rules out, and
// that the schema lists exactly the fields ParseRecord knows.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "whoknows/ingest/records.h"

namespace {

using nlohmann::json;
using whoknows::graph::Kind;
using whoknows::ingest::FieldInfo;
using whoknows::ingest::ParseRecord;
using Pointer = json::json_pointer;

json LoadSchema() {
  std::ifstream in(WHOKNOWS_SOURCE_DIR "/schema/records.schema.json");
  REQUIRE(in.good());
  return json::parse(in);
}

// A local "$ref" replaced by its target, the referring schema's own keywords winning.
json Resolve(const json& root, const json& schema) {
  if (!schema.is_object() || !schema.contains("$ref")) return schema;
  const std::string ref = schema["$ref"];
  REQUIRE(ref.rfind("#/", 0) == 0);
  json out = Resolve(root, root.at(Pointer(ref.substr(1))));
  for (const auto& item : schema.items()) {
    if (item.key() != "$ref") out[item.key()] = item.value();
  }
  return out;
}

std::string Field(const std::string& prefix, const std::string& name) { return prefix + name; }

// Checks one kind's records against its schema, value by value.  `base` always holds a record the
// schema accepts; each check changes one value in it.
class Walker {
 public:
  Walker(const json& root, Kind kind) : root_(root), kind_(kind) {}

  void Accepted(const json& record) const {
    auto r = ParseRecord(record, kind_, "");
    INFO(record.dump() << " -> " << (r.ok() ? std::string("ok") : r.status().ToString()));
    CHECK(r.ok());
  }

  void Rejected(const json& record, const std::string& field, const std::string& reason) const {
    auto r = ParseRecord(record, kind_, "");
    INFO(record.dump() << " -> " << (r.ok() ? std::string("ok") : r.status().ToString()));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().reason() == reason);
    CHECK(r.status().message().find("'" + field + "'") != std::string::npos);
  }

  // The value at `ptr` in `base` is valid under `schema`; checks it and what the schema forbids.
  void Value(const json& raw_schema, const json& base, const Pointer& ptr,
             const std::string& field) {
    const json s = Resolve(root_, raw_schema);
    Accepted(base);
    auto with = [&](const json& v) {
      json r = base;
      r[ptr] = v;
      return r;
    };
    const std::string type = s.value("type", "");
    const bool numeric = type == "integer" || type == "number";
    Rejected(with(numeric ? json("1") : json(42)), field, "invalid_field");
    if (s.contains("const")) Rejected(with("something-else"), field, "invalid_field");
    if (s.contains("pattern")) Pattern(s, base[ptr], with, field);
    if (s.contains("minLength")) {
      Rejected(with(std::string(s["minLength"].get<size_t>() - 1, 'x')), field, "invalid_field");
    }
    if (numeric) Bounds(s, with, field);
    if (type == "array") Array(s, base, ptr, field);
    if (type == "object") Object(s, base, ptr, field + ".");
  }

  // The properties of the object at `ptr`.  `prefix` is how messages name its fields.
  void Object(const json& s, const json& base, const Pointer& ptr, const std::string& prefix) {
    CHECK(s.value("additionalProperties", true) == false);
    json unknown = base;
    unknown[ptr / "no_such_field"] = 1;
    Rejected(unknown, Field(prefix, "no_such_field"), "unknown_field");
    for (const json& name : s.value("required", json::array())) {
      json without = base;
      without[ptr].erase(name.get<std::string>());
      Rejected(without, Field(prefix, name.get<std::string>()), "missing_field");
    }
    for (const auto& prop : s["properties"].items()) {
      json record = base;
      if (!record[ptr].contains(prop.key())) {
        INFO(prefix << prop.key() << " needs an example");
        REQUIRE(prop.value().contains("examples"));
        record[ptr / prop.key()] = prop.value()["examples"][0];
      }
      Value(prop.value(), record, ptr / prop.key(), Field(prefix, prop.key()));
    }
  }

 private:
  template <typename With>
  void Pattern(const json& s, const json& valid, const With& with, const std::string& field) const {
    const json& defs = root_["$defs"];
    if (s["pattern"] == defs["id"]["pattern"]) {
      Accepted(with(std::string(128, 'x')));
      Rejected(with(std::string(129, 'x')), field, "invalid_id");
      Rejected(with("no spaces"), field, "invalid_id");
    } else {
      REQUIRE(s["pattern"] == defs["date"]["pattern"]);
      Accepted(with(valid.get<std::string>() + "T23:59:59+02:00"));
      Rejected(with("2023-02-30"), field, "invalid_field");
      Rejected(with("05/06/2021"), field, "invalid_field");
    }
  }

  template <typename With>
  void Bounds(const json& s, const With& with, const std::string& field) const {
    const bool integer = s["type"] == "integer";
    const double step = integer ? 1 : 1e-6;
    if (s.contains("minimum")) {
      Accepted(with(s["minimum"]));
      Rejected(with(s["minimum"].get<double>() - step), field, "invalid_field");
    }
    if (s.contains("exclusiveMinimum")) {
      Rejected(with(s["exclusiveMinimum"]), field, "invalid_field");
      Accepted(with(s["exclusiveMinimum"].get<double>() + step));
    }
    if (s.contains("maximum")) {
      Accepted(with(s["maximum"]));
      Rejected(with(s["maximum"].get<double>() + step), field, "invalid_field");
    }
    if (integer) Rejected(with(s["maximum"].get<double>() - 0.5), field, "invalid_field");
  }

  void Array(const json& s, const json& base, const Pointer& ptr, const std::string& field) {
    const json& example = base[ptr];
    REQUIRE_FALSE(example.empty());
    json r = base;
    r[ptr] = json::array();
    if (s.value("minItems", 0) > 0) {
      Rejected(r, field, "invalid_field");
    } else {
      Accepted(r);
    }
    REQUIRE(s.contains("maxItems"));
    r[ptr] = json::array();
    for (size_t i = 0; i <= s["maxItems"].get<size_t>(); ++i) r[ptr].push_back(example[0]);
    Rejected(r, field, "invalid_field");
    const json items = Resolve(root_, s["items"]);
    r[ptr] = {example[0], example[0]};
    if (s.value("uniqueItems", false)) {
      Rejected(r, field + "[1]", "duplicate_reference");
    } else if (items.value("type", "") == "string") {
      Accepted(r);  // lists of objects reject repeated ids, which a schema cannot say
    }
    if (!items.contains("anyOf")) {
      Value(items, base, ptr / 0, field + "[0]");
      return;
    }
    // Each alternative is checked on the example item of its JSON type.
    for (const json& raw_alt : items["anyOf"]) {
      const json alt = Resolve(root_, raw_alt);
      bool found = false;
      for (size_t i = 0; i < example.size() && !found; ++i) {
        found = (alt["type"] == "object") == example[i].is_object();
        if (found) Value(alt, base, ptr / i, field + "[" + std::to_string(i) + "]");
      }
      INFO(field << " needs an example of each alternative");
      CHECK(found);
    }
  }

  const json& root_;
  Kind kind_;
};

// The smallest record the schema accepts: its required properties' examples.
json MinimalRecord(const json& def) {
  json record = json::object();
  for (const json& name : def["required"]) {
    record[name.get<std::string>()] = def["properties"][name.get<std::string>()]["examples"][0];
  }
  return record;
}

TEST_CASE("ParseRecord accepts what the schema describes and rejects what it rules out",
          "[ingest][schema]") {
  const json root = LoadSchema();
  for (Kind kind : whoknows::graph::kAllKinds) {
    const std::string name(whoknows::graph::KindName(kind));
    SECTION(name) {
      const json& def = root["$defs"][name];
      Walker(root, kind).Object(def, MinimalRecord(def), Pointer(), "");
    }
  }
}

// The fields of an object schema as FieldInfo, resolving "$ref" and "anyOf" alternatives.
std::set<std::string> Describe(const json& root, const json& raw) {
  const json s = Resolve(root, raw);
  std::set<std::string> out;
  const std::set<std::string> required = s.value("required", std::set<std::string>{});
  for (const auto& prop : s["properties"].items()) {
    std::string line = prop.key() + (required.count(prop.key()) ? " required" : "");
    const json p = Resolve(root, prop.value());
    if (p.value("type", "") == "array") {
      json items = Resolve(root, p["items"]);
      const json alternatives = items.value("anyOf", json::array());
      for (const json& alt : alternatives) {
        if (Resolve(root, alt).value("type", "") == "object") items = Resolve(root, alt);
      }
      if (items.value("type", "") == "object") {
        for (const std::string& item_field : Describe(root, items)) line += " {" + item_field + "}";
      }
    }
    out.insert(line);
  }
  return out;
}

std::set<std::string> Describe(const std::vector<FieldInfo>& fields) {
  std::set<std::string> out;
  for (const FieldInfo& f : fields) {
    std::string line = f.name + (f.required ? " required" : "");
    std::set<std::string> items;
    for (const std::string& item : Describe(f.item_fields)) items.insert(item);
    for (const std::string& item : items) line += " {" + item + "}";
    out.insert(line);
  }
  return out;
}

TEST_CASE("the schema lists exactly the fields ParseRecord knows", "[ingest][schema]") {
  const json root = LoadSchema();
  for (Kind kind : whoknows::graph::kAllKinds) {
    const std::string name(whoknows::graph::KindName(kind));
    INFO(name);
    CHECK(Describe(root, root["$defs"][name]) == Describe(whoknows::ingest::RecordFields(kind)));
    CHECK(root["$defs"][name]["properties"]["type"]["const"] == name);
  }
}

TEST_CASE("one NDJSON line is one of the five records, with its type", "[ingest][schema]") {
  const json root = LoadSchema();
  CHECK(root["$schema"] == "https://json-schema.org/draft/2020-12/schema");
  std::set<std::string> refs;
  for (const json& branch : root["oneOf"]) {
    CHECK(branch["required"] == json{"type"});
    refs.insert(branch["$ref"].get<std::string>());
  }
  std::set<std::string> expected;
  for (Kind kind : whoknows::graph::kAllKinds) {
    expected.insert("#/$defs/" + std::string(whoknows::graph::KindName(kind)));
  }
  CHECK(refs == expected);
}

}  // namespace
