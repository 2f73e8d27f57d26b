#include "csv_tables.h"

#include <nlohmann/json.hpp>

namespace whoknows::bench {

namespace {

struct Schema {
  const char* name;
  const char* header;
};
constexpr Schema kSchemas[] = {
    {"person", "id,name,department,title,location,manager,opted_out"},
    {"topic", "id,name"},
    {"broader", "topic,broader"},
    {"related", "topic,related"},
    {"interest", "person,topic"},
    {"skill", "person,topic,level"},
    {"document", "id,title,created"},
    {"authored", "document,person"},
    {"contributor", "document,person,role"},
    {"about", "document,topic,weight"},
    {"project", "id,name,start"},
    {"member", "project,person,role"},
    {"project_about", "project,topic"},
    {"endorsement", "from,to,topic"},
};

void AppendField(std::string& line, std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(value);
    return;
  }
  line.push_back('"');
  for (char c : value) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

// The string at `key`, or "" when absent or not a string.
std::string_view Text(const nlohmann::json& r, const char* key) {
  auto it = r.find(key);
  if (it == r.end() || !it->is_string()) return {};
  return it->get_ref<const std::string&>();
}

const nlohmann::json& List(const nlohmann::json& r, const char* key) {
  static const nlohmann::json kEmpty = nlohmann::json::array();
  auto it = r.find(key);
  return it != r.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace

struct CsvTables::Table {
  std::string name;
  std::FILE* file = nullptr;
  size_t rows = 0;
};

CsvTables::CsvTables(const std::filesystem::path& dir) : dir_(dir) {
  for (const Schema& s : kSchemas) {
    auto* t = new Table{s.name, std::fopen((dir / (std::string(s.name) + ".csv")).c_str(), "wb")};
    if (t->file != nullptr) std::fprintf(t->file, "%s\n", s.header);
    tables_.push_back(t);
  }
}

CsvTables::~CsvTables() {
  Close();
  for (Table* t : tables_) delete t;
}

bool CsvTables::Close() {
  bool ok = true;
  for (Table* t : tables_) {
    if (t->file == nullptr) continue;
    ok = !std::ferror(t->file) && ok;
    ok = std::fclose(t->file) == 0 && ok;
    t->file = nullptr;
  }
  return ok;
}

std::map<std::string, size_t> CsvTables::Rows() const {
  std::map<std::string, size_t> rows;
  for (const Table* t : tables_) rows[t->name] = t->rows;
  return rows;
}

CsvTables::Table& CsvTables::Get(std::string_view name) {
  for (Table* t : tables_) {
    if (t->name == name) return *t;
  }
  std::abort();  // programmer error: every table is in kSchemas
}

void CsvTables::Row(std::string_view table, std::initializer_list<std::string_view> fields) {
  Table& t = Get(table);
  line_.clear();
  bool first = true;
  for (std::string_view f : fields) {
    if (!first) line_.push_back(',');
    first = false;
    AppendField(line_, f);
  }
  line_.push_back('\n');
  if (t.file != nullptr) std::fwrite(line_.data(), 1, line_.size(), t.file);
  ++t.rows;
}

bool CsvTables::Add(const nlohmann::json& record) {
  if (!record.is_object()) return false;
  std::string_view type = Text(record, "type");
  if (type == "person") return AddPerson(record);
  if (type == "topic") return AddTopic(record);
  if (type == "document") return AddDocument(record);
  if (type == "project") return AddProject(record);
  if (type == "endorsement") {
    Row("endorsement", {Text(record, "from"), Text(record, "to"), Text(record, "topic")});
    return true;
  }
  return false;
}

bool CsvTables::AddPerson(const nlohmann::json& r) {
  std::string_view id = Text(r, "id");
  bool opted_out = r.value("opted_out", false);
  Row("person", {id, Text(r, "name"), Text(r, "department"), Text(r, "title"), Text(r, "location"),
                 Text(r, "manager"), opted_out ? "true" : "false"});
  for (const auto& s : List(r, "skills")) {
    std::string level = std::to_string(s.value("level", 0));
    Row("skill", {id, Text(s, "topic"), level});
  }
  for (const auto& t : List(r, "interests")) {
    if (t.is_string()) Row("interest", {id, t.get_ref<const std::string&>()});
  }
  return true;
}

bool CsvTables::AddTopic(const nlohmann::json& r) {
  std::string_view id = Text(r, "id");
  Row("topic", {id, Text(r, "name")});
  for (const auto& b : List(r, "broader")) {
    if (b.is_string()) Row("broader", {id, b.get_ref<const std::string&>()});
  }
  for (const auto& b : List(r, "related")) {
    if (b.is_string()) Row("related", {id, b.get_ref<const std::string&>()});
  }
  return true;
}

bool CsvTables::AddDocument(const nlohmann::json& r) {
  std::string_view id = Text(r, "id");
  Row("document", {id, Text(r, "title"), Text(r, "created")});
  for (const auto& a : List(r, "authors")) {
    if (a.is_string()) Row("authored", {id, a.get_ref<const std::string&>()});
  }
  for (const auto& c : List(r, "contributors"))
    Row("contributor", {id, Text(c, "person"), Text(c, "role")});
  for (const auto& t : List(r, "topics")) {
    if (t.is_string()) {
      Row("about", {id, t.get_ref<const std::string&>(), "1"});
    } else {
      std::string weight = t.contains("weight") ? t["weight"].dump() : "1";
      Row("about", {id, Text(t, "topic"), weight});
    }
  }
  return true;
}

bool CsvTables::AddProject(const nlohmann::json& r) {
  std::string_view id = Text(r, "id");
  Row("project", {id, Text(r, "name"), Text(r, "start")});
  for (const auto& m : List(r, "members")) Row("member", {id, Text(m, "person"), Text(m, "role")});
  for (const auto& t : List(r, "topics")) {
    std::string_view topic =
        t.is_string() ? std::string_view(t.get_ref<const std::string&>()) : Text(t, "topic");
    Row("project_about", {id, topic});
  }
  return true;
}

}  // namespace whoknows::bench
